//! The wasm-bindgen layer (filled in by the web-app work).
