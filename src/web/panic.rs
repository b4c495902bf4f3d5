//! A Rust panic must never be a silent "unreachable" in the console only: a
//! teacher in front of a class needs to see that something broke, and what.

use wasm_bindgen::prelude::*;

/// Installs the panic hook: the message goes to the console (with a stack
/// trace) and into the page's `#fatal` element, which is made visible.
#[wasm_bindgen]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&format!("Descent crashed: {info}"));
    }));
}

fn show_fatal(message: &str) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("fatal"))
    else {
        return;
    };
    element.set_text_content(Some(message));
    let _ = element.remove_attribute("hidden");
}
