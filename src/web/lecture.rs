//! `lecture()`: the lecture's scenes, as the engine writes them, for the
//! lecture view to render.

use crate::labs::lecture::SCENES;
use crate::web::convert::to_js;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

fn build() -> Value {
    let scenes: Vec<Value> = SCENES
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "title": s.title,
                "narration": s.narration,
                "notes": s.notes,
                "figures": s.figures.iter().map(|f| json!({
                    "view": f.view, "state": f.state, "part": f.part,
                })).collect::<Vec<_>>(),
                "steps": s.steps.iter().map(|st| json!({
                    "caption": st.caption,
                    "action": st.action.name(),
                    "algorithm_lines": st.algorithm_lines,
                    "code_lines": st.code_lines,
                    "state": st.state,
                })).collect::<Vec<_>>(),
                "algorithm": s.algorithm,
                "code": s.code,
                "table": s.table,
            })
        })
        .collect();
    json!({ "scenes": scenes })
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
