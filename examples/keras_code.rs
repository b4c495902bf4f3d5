//! Prints the Keras program of a spec, or what Descent computes for it.
//!
//! ```sh
//! cargo run --example keras_code -- spec.json            # the Python program
//! cargo run --example keras_code -- --output spec.json   # Descent's own numbers, as JSON
//! echo '{"landscape": "bowl", …}' | cargo run --example keras_code -- -
//! ```
//!
//! With `--batch`, reads a JSON list of specs and prints a JSON list of
//! `{"program", "output"}`, one per spec (tools/keras_networks.py uses it).

use descent::keras::{keras_code, keras_output};
use std::io::Read;

fn read(path: &str) -> String {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .expect("stdin is text");
        text
    } else {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [path] => ("program", path.as_str()),
        [flag, path] if flag == "--output" => ("output", path.as_str()),
        [flag, path] if flag == "--batch" => ("batch", path.as_str()),
        _ => {
            eprintln!("usage: keras_code [--output | --batch] <spec.json | ->");
            std::process::exit(2);
        }
    };
    let text = read(path);
    let result = match mode {
        "program" => keras_code(&text),
        "output" => keras_output(&text).map(|v| v.to_string()),
        _ => {
            let specs: Vec<serde_json::Value> =
                serde_json::from_str(&text).expect("--batch takes a JSON list of specs");
            specs
                .iter()
                .map(|spec| {
                    let text = spec.to_string();
                    Ok(serde_json::json!({
                        "program": keras_code(&text)?,
                        "output": keras_output(&text)?,
                    }))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|all| serde_json::Value::from(all).to_string())
        }
    };
    match result {
        Ok(out) => println!("{out}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
