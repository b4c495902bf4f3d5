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

/// (file, function, parameter) for every exported parameter of a trapping type.
fn trapping_parameters() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web"),
        &mut files,
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut exported_impl = false;
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
            if line.starts_with("impl") {
                exported_impl = last_attribute_exports;
            } else if *line == "}" {
                exported_impl = false;
            }
            let exported_fn = (line.starts_with("pub fn ") && last_attribute_exports)
                || (exported_impl && line.starts_with("    pub fn "));
            last_attribute_exports = false;
            if !exported_fn {
                continue;
            }
            // The signature up to its closing parenthesis.
            let mut signature = String::new();
            for l in &lines[i..] {
                signature.push_str(l);
                if l.contains(')') && !l.trim_end().ends_with(',') {
                    break;
                }
            }
            let name = t["pub fn ".len()..].split('(').next().unwrap().to_string();
            let Some(open) = signature.find('(') else {
                continue;
            };
            let close = signature.rfind(')').unwrap_or(signature.len());
            for parameter in signature[open + 1..close].split(',') {
                let Some((_, ty)) = parameter.split_once(':') else {
                    continue;
                };
                let ty = ty.trim();
                if TRAPPING.iter().any(|bad| ty.starts_with(bad)) {
                    found.push((
                        file.display().to_string(),
                        name.clone(),
                        parameter.trim().to_string(),
                    ));
                }
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
fn quoted_values_are_cut_at_a_character_boundary() {
    assert_eq!(cut("bowl"), "bowl");
    let long = "é".repeat(1000);
    let quoted = cut(&long);
    assert_eq!(quoted.chars().count(), QUOTE_LIMIT + 1);
    assert!(quoted.ends_with('…'));
    let exact = "x".repeat(QUOTE_LIMIT);
    assert_eq!(cut(&exact), exact);
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
