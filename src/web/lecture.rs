//! `lecture()`: the lecture's scenes, as the engine writes them, for the
//! lecture view to render.

use crate::json::{counts, object, strings};
use crate::labs::lecture::SCENES;
use crate::web::convert::to_js;
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn build() -> Value {
    let scenes: Vec<Value> = SCENES
        .iter()
        .map(|s| {
            let figures: Vec<Value> = s
                .figures
                .iter()
                .map(|f| {
                    object([
                        ("view", f.view.into()),
                        ("state", f.state.into()),
                        ("part", f.part.into()),
                    ])
                })
                .collect();
            let steps: Vec<Value> = s
                .steps
                .iter()
                .map(|st| {
                    object([
                        ("caption", st.caption.into()),
                        ("action", st.action.name().into()),
                        ("algorithm_lines", counts(st.algorithm_lines)),
                        ("code_lines", counts(st.code_lines)),
                        ("state", st.state.into()),
                    ])
                })
                .collect();
            let table: Vec<Value> = s.table.iter().map(|row| strings(row)).collect();
            object([
                ("id", s.id.into()),
                ("title", s.title.into()),
                ("narration", s.narration.into()),
                ("notes", s.notes.into()),
                ("figures", figures.into()),
                ("steps", steps.into()),
                ("algorithm", strings(s.algorithm)),
                ("code", strings(s.code)),
                ("table", table.into()),
            ])
        })
        .collect();
    object([("scenes", scenes.into())])
}

/// `{scenes: [{id, title, narration, notes, figures: [{view, state, part}],
/// steps: [{caption, action, algorithm_lines, code_lines, state}],
/// algorithm, code, table}]}`, in the lecture's order.
#[wasm_bindgen]
pub fn lecture() -> JsValue {
    thread_local! {
        static TEXT: Value = build();
    }
    TEXT.with(to_js)
}
