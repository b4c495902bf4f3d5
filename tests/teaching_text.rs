//! The teaching text each optimizer file carries: its doc comment's
//! "Defaults:" line says what its table holds, and it has a note and a
//! displayed rule, in well-formed markup, for every variant its settings
//! select. Data-driven: a new optimizer in the registry is checked too.

use descent::optim::{
    check_markup, definition, display_rule, hyperparameters, Kind, OptimizerConfig, NAMES,
    OPTIMIZERS,
};
use serde_json::{json, Map, Value};

/// The file an optimizer lives in, which the registry names after it.
fn source(name: &str) -> String {
    let path = format!("{}/src/optim/{name}.rs", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name} should live in {path}: {e}"))
}

/// The `Defaults: a = 1, b = True.` sentence of a file's `//!` comment,
/// which may wrap over several lines, as (name, value) pairs.
fn doc_defaults(text: &str) -> Vec<(String, String)> {
    let doc: Vec<&str> = text
        .lines()
        .map_while(|l| l.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let start = doc
        .iter()
        .position(|l| l.starts_with("Defaults:"))
        .expect("the doc comment has a Defaults: line");
    let mut sentence = String::new();
    for line in &doc[start..] {
        if line.is_empty() {
            break;
        }
        sentence.push(' ');
        sentence.push_str(line);
    }
    let sentence = sentence.trim().trim_start_matches("Defaults:").trim();
    let sentence = sentence
        .strip_suffix('.')
        .expect("the sentence ends with a full stop");
    sentence
        .split(", ")
        .map(|pair| {
            let (k, v) = pair
                .split_once(" = ")
                .unwrap_or_else(|| panic!("\"{pair}\" is not name = value"));
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect()
}

#[test]
fn each_doc_comment_lists_exactly_its_tables_defaults() {
    for d in OPTIMIZERS {
        let listed = doc_defaults(&source(d.name));
        let with_defaults: Vec<_> = d
            .hyperparameters
            .iter()
            .filter(|h| h.default.is_some())
            .collect();
        assert_eq!(
            listed.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            with_defaults.iter().map(|h| h.name).collect::<Vec<_>>(),
            "{}: the doc comment's defaults, in the table's order",
            d.name
        );
        for ((key, text), h) in listed.iter().zip(&with_defaults) {
            let value = match (h.kind, text.as_str()) {
                (Kind::Flag, "True") => 1.0,
                (Kind::Flag, "False") => 0.0,
                (Kind::Flag, other) => {
                    panic!("{}.{key}: Python's True or False, got {other}", d.name)
                }
                (_, number) => number
                    .parse::<f64>()
                    .unwrap_or_else(|_| panic!("{}.{key}: \"{number}\" is not a number", d.name)),
            };
            assert_eq!(Some(value), h.default, "{}.{key}", d.name);
        }
    }
}

#[test]
fn the_registry_names_each_optimizer_once_and_finds_it_by_name() {
    assert_eq!(NAMES.len(), OPTIMIZERS.len());
    for (i, name) in NAMES.iter().enumerate() {
        assert_eq!(OPTIMIZERS[i].name, *name);
        assert!(!NAMES[..i].contains(name), "{name} twice");
        assert!(std::ptr::eq(definition(name).unwrap(), &OPTIMIZERS[i]));
    }
    assert!(definition("adamm").is_none());
}

fn config(name: &str, settings: &Map<String, Value>) -> OptimizerConfig {
    let mut map = settings.clone();
    map.insert("name".into(), json!(name));
    OptimizerConfig::from_json(&map, "optimizer").unwrap()
}

/// Every variant worth showing: the defaults, each flag on, momentum on
/// (with each flag), and each clipping option with weight decay.
fn variants(name: &str) -> Vec<Map<String, Value>> {
    let table = hyperparameters(name).unwrap();
    let has = |k: &str| table.iter().any(|h| h.name == k);
    let mut out = vec![Map::new()];
    let flags: Vec<_> = table.iter().filter(|h| h.kind == Kind::Flag).collect();
    for f in &flags {
        out.push(Map::from_iter([(f.name.to_string(), json!(true))]));
    }
    if has("momentum") {
        out.push(Map::from_iter([("momentum".to_string(), json!(0.5))]));
        for f in &flags {
            out.push(Map::from_iter([
                ("momentum".to_string(), json!(0.5)),
                (f.name.to_string(), json!(true)),
            ]));
        }
    }
    for clip in ["clipnorm", "global_clipnorm", "clipvalue"] {
        out.push(Map::from_iter([
            (clip.to_string(), json!(1.0)),
            ("weight_decay".to_string(), json!(0.01)),
        ]));
    }
    out
}

#[test]
fn every_optimizer_has_a_note_and_a_rule_in_well_formed_markup() {
    for d in OPTIMIZERS {
        assert!(!d.note.trim().is_empty(), "{} has no note", d.name);
        assert!(!d.note.contains('\n'), "{}'s note is one line", d.name);
        let mut shown = std::collections::HashSet::new();
        for settings in variants(d.name) {
            let c = config(d.name, &settings);
            let lines = display_rule(&c);
            assert!(!lines.is_empty(), "{} {settings:?} has no rule", d.name);
            assert!(
                lines.iter().any(|l| l.starts_with("w ←")),
                "{} {settings:?}: some line updates w: {lines:?}",
                d.name
            );
            for line in &lines {
                check_markup(line).unwrap_or_else(|e| panic!("{}: {line:?}: {e}", d.name));
            }
            shown.insert(lines);
        }
        // Each flag, and momentum, changes the rule shown (the racer's
        // settings pick the variant).
        let flags = hyperparameters(d.name)
            .unwrap()
            .iter()
            .filter(|h| h.kind == Kind::Flag || h.name == "momentum")
            .count();
        assert!(shown.len() > flags, "{}: {shown:?}", d.name);
    }
}

#[test]
fn the_displayed_variant_follows_the_settings() {
    let rule =
        |v: Value| display_rule(&config(v["name"].as_str().unwrap(), v.as_object().unwrap()));
    assert_eq!(rule(json!({"name": "sgd"})), ["w ← w − η g"]);
    assert_eq!(
        rule(json!({"name": "sgd", "momentum": 0.9}))[1],
        "w ← w + m"
    );
    assert_eq!(
        rule(json!({"name": "sgd", "momentum": 0.9, "nesterov": true}))[1],
        "w ← w + μ m − η g"
    );
    // Adam in Keras's form: the corrections folded into α, ε beside √v.
    let adam = rule(json!({"name": "adam"}));
    assert!(adam[0].starts_with("α ←"), "{adam:?}");
    assert_eq!(adam.last().unwrap(), r"w ← w − α \frac{m}{\sqrt{v} + ε}");
    let amsgrad = rule(json!({"name": "adam", "amsgrad": true}));
    assert!(amsgrad.last().unwrap().contains(r"\hat{v}_{max}"));
    assert!(rule(json!({"name": "rmsprop", "centered": true}))
        .iter()
        .any(|l| l.contains(r"\bar{g}")));
    // AdamW shows its decay first, then Adam's rule.
    let adamw = rule(json!({"name": "adamw"}));
    assert_eq!(adamw[0], "w ← w − η λ w");
    assert_eq!(adamw[1..], adam[..]);
    // Only the first clipping option that is set is shown, as Keras applies it.
    let clipped = rule(json!({"name": "sgd", "clipvalue": 1, "clipnorm": 2}));
    assert!(clipped[0].contains("clipnorm") && !clipped[0].contains("clipvalue"));
}

#[test]
fn the_markup_checker_refuses_what_the_renderer_cannot_read() {
    for good in [
        "w ← w − η g",
        r"α ← η \frac{\sqrt{1 − β_2^t}}{1 − β_1^t}",
        r"\hat{v}_{max} ← max(\hat{v}_{max}, v)",
        r"g ← g · \frac{\text{global_clipnorm}}{max(‖g‖, \text{global_clipnorm})}",
        "μ_{t+1}",
    ] {
        check_markup(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
    for bad in [
        r"\frac{a}",
        r"\sqrt a",
        r"\root{a}",
        "{a",
        "a}",
        "_a",
        "a^",
        r"\text{a",
    ] {
        assert!(check_markup(bad).is_err(), "{bad} should be refused");
    }
}
