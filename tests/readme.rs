//! The README's optimizer-defaults table says what the engine does.

use descent::optim::{hyperparameters, NAMES};

#[test]
fn the_readme_lists_every_optimizer_with_the_engines_defaults() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for name in NAMES {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("README has no defaults row for {name}"));
        let listed = row.split('|').nth(2).unwrap().trim();
        let table = hyperparameters(name).unwrap();
        let mut count = 0;
        for pair in listed.split(", ") {
            let (key, value) = pair.split_once('=').unwrap();
            let h = table
                .iter()
                .find(|h| h.name == key)
                .unwrap_or_else(|| panic!("{name}: README lists unknown {key}"));
            let default = h
                .default
                .unwrap_or_else(|| panic!("{name}.{key} has no default"));
            let value = match value {
                "true" => 1.0,
                "false" => 0.0,
                v => v.parse::<f64>().unwrap(),
            };
            assert_eq!(value, default, "{name}.{key}");
            count += 1;
        }
        let with_defaults = table.iter().filter(|h| h.default.is_some()).count();
        assert_eq!(
            count, with_defaults,
            "{name}: README lists {count} of {with_defaults} defaults"
        );
    }
}
