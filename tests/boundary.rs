//! The wasm boundary cannot trap on a caller's wrong types.
//!
//! wasm-bindgen's own conversion of `&str`, `String`, slices and `Vec`s
//! trusts the caller: a number where a string is expected becomes a
//! "memory access out of bounds" trap inside the module, which no panic
//! hook can report. So every exported function and method takes such
//! arguments as `JsValue` and converts them through `web::convert`, which
//! throws a named Error. This test reads the web layer's source (which
//! only compiles on wasm32) and fails on any export that does otherwise.

use descent::spec::{cut, QUOTE_LIMIT};
use std::path::Path;

/// Parameter types that wasm-bindgen converts without checking.
const TRAPPING: &[&str] = &["&str", "String", "&[", "Vec<", "&mut ["];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// One exported function or method: its file, name and parameters (each
/// `name: Type` as written, attributes included).
struct Export {
    file: String,
    name: String,
    parameters: Vec<String>,
    /// A method on an exported object (`&self` or `&mut self`).
    method: bool,
}

/// Every export of the web layer.
fn exports() -> Vec<Export> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web"),
        &mut files,
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // The indentation of the exported `impl` being read, if any: a
        // macro (`web::run_group`) writes its exported impl indented.
        let mut exported_impl: Option<usize> = None;
        let mut last_attribute_exports = false;
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            if t.starts_with("#[wasm_bindgen") {
                last_attribute_exports = true;
                continue;
            }
            if t.starts_with("#[") || t.starts_with("///") || t.starts_with("//") {
                continue;
            }
            let indent = line.len() - t.len();
            if t.starts_with("impl") {
                exported_impl = last_attribute_exports.then_some(indent);
            } else if t == "}" && exported_impl == Some(indent) {
                exported_impl = None;
            }
            let exported_fn = (t.starts_with("pub fn ") && last_attribute_exports)
                || exported_impl.is_some_and(|i| indent == i + 4 && t.starts_with("pub fn "));
            last_attribute_exports = false;
            if !exported_fn {
                continue;
            }
            // The signature up to the brace that opens the body.
            let mut signature = String::new();
            for l in &lines[i..] {
                signature.push_str(l);
                if l.trim_end().ends_with('{') {
                    break;
                }
            }
            let name = t["pub fn ".len()..].split('(').next().unwrap().to_string();
            let Some(open) = signature.find('(') else {
                continue;
            };
            // The parameter list ends where the return type (or the body) begins.
            let close = signature
                .find(") ->")
                .or_else(|| signature.rfind(") {"))
                .unwrap_or(signature.len());
            let list: Vec<String> = signature[open + 1..close]
                .split(',')
                .map(|p| p.trim().to_string())
                .collect();
            let method = list.iter().any(|p| p == "&self" || p == "&mut self");
            found.push(Export {
                file: file.display().to_string(),
                name,
                parameters: list.into_iter().filter(|p| p.contains(':')).collect(),
                method,
            });
        }
    }
    found
}

/// The type of a parameter written `name: Type`.
fn type_of(parameter: &str) -> &str {
    // The last ':' not inside a path (`js_sys::Array`) separates the name.
    let name_end = parameter
        .char_indices()
        .find(|&(i, c)| {
            c == ':' && !parameter[i + 1..].starts_with(':') && !parameter[..i].ends_with(':')
        })
        .map_or(0, |(i, _)| i + 1);
    parameter[name_end..].trim()
}

/// (file, function, parameter) for every exported parameter of a trapping type.
fn trapping_parameters() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for e in exports() {
        for parameter in &e.parameters {
            let ty = type_of(parameter);
            if TRAPPING.iter().any(|bad| ty.starts_with(bad)) {
                found.push((e.file.clone(), e.name.clone(), parameter.clone()));
            }
        }
    }
    found
}

#[test]
fn no_export_takes_a_type_that_traps_on_a_wrong_argument() {
    let found = trapping_parameters();
    assert!(
        found.is_empty(),
        "exports that must take JsValue and convert it: {found:#?}"
    );
}

#[test]
fn the_scan_reads_the_exports_a_macro_writes() {
    let found = exports();
    for name in ["set_landscape", "set_start", "advance"] {
        assert!(
            found
                .iter()
                .any(|e| e.file.ends_with("run_group.rs") && e.name == name && e.method),
            "web::run_group's {name} is not scanned"
        );
    }
}

#[test]
fn quoted_values_are_cut_at_a_character_boundary() {
    assert_eq!(cut("bowl"), "bowl");
    let long = "é".repeat(1000);
    let quoted = cut(&long);
    assert_eq!(quoted.chars().count(), QUOTE_LIMIT + 1);
    assert!(quoted.ends_with('…'));
    let exact = "x".repeat(QUOTE_LIMIT);
    assert_eq!(cut(&exact), exact);
}

/// Types wasm-bindgen's glue converts with JavaScript's own coercion
/// (`ToNumber`), which calls an object's `valueOf`.
const COERCED: &[&str] = &[
    "f64",
    "f32",
    "u8",
    "u16",
    "u32",
    "u64",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "isize",
    "Option<f64>",
    "Option<f32>",
    "Option<u32>",
    "Option<i32>",
    "Option<usize>",
];

/// Files whose exports still take coerced numbers beside a handle (none:
/// `lab.set_batch({valueOf() { lab.free(); return 5 }})` once ran on a
/// freed `MiniBatchLab`).
const KNOWN_USE_AFTER_FREE: &[&str] = &[];

#[test]
fn no_export_beside_a_handle_takes_a_number_javascript_coerces() {
    // The glue reads every handle's pointer (the method's own object, or a
    // `&RaceHandle` argument) before it coerces the numbers; a `valueOf`
    // that frees the handle in between leaves the call on freed memory,
    // which corrupted the heap (dlmalloc's "psize <= size + max_overhead").
    // So beside a handle, numbers are `JsValue`s read by `convert::number`.
    let mut found = Vec::new();
    for e in exports() {
        if KNOWN_USE_AFTER_FREE.iter().any(|f| e.file.ends_with(f)) {
            continue;
        }
        let handle = e.parameters.iter().any(|p| {
            let ty = type_of(p);
            ty.starts_with('&') && ty.contains("Handle")
        });
        if !(handle || e.method) {
            continue;
        }
        for parameter in &e.parameters {
            if COERCED.contains(&type_of(parameter)) {
                found.push((e.file.clone(), e.name.clone(), parameter.clone()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "numbers beside a handle that must be JsValue read by convert::number: {found:#?}"
    );
}

#[test]
fn messages_quote_at_most_the_limit_of_a_callers_name_or_key() {
    let long = "x".repeat(10_000);
    let specs = [
        // An unknown optimizer, an unknown schedule, an unknown hyperparameter
        // and an unknown field: each used to be quoted whole.
        format!(
            r#"{{"landscape": "bowl", "start": [1, 1], "steps": 1, "optimizer": {{"name": "{long}"}}}}"#
        ),
        format!(
            r#"{{"landscape": "bowl", "start": [1, 1], "steps": 1, "optimizer": {{"name": "sgd"}}, "schedule": {{"name": "{long}"}}}}"#
        ),
        format!(
            r#"{{"landscape": "bowl", "start": [1, 1], "steps": 1, "optimizer": {{"name": "sgd", "{long}": 1}}}}"#
        ),
        format!(
            r#"{{"landscape": "bowl", "start": [1, 1], "steps": 1, "optimizer": {{"name": "sgd"}}, "{long}": 1}}"#
        ),
    ];
    for spec in specs {
        let e = descent::simulate_json(&spec).unwrap_err().to_string();
        assert!(
            e.len() < 400,
            "a message of {} characters: {}…",
            e.len(),
            &e[..200]
        );
        assert!(e.contains('…'), "{e}");
    }
}
