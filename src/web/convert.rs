//! Crossing the boundary: JavaScript values in, checked; engine values out.
//!
//! Specs and configs go through JSON text, so the browser and native Rust
//! share one parser and one set of error messages. `JSON.stringify` turns NaN
//! and ±Infinity into null, and the parser says so when it rejects one.

use crate::landscape::Point;
use crate::spec::{self, SpecError};
use js_sys::{Array, Reflect, JSON};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// A `SpecError` as the JS `Error` it becomes when thrown.
pub fn error(e: SpecError) -> JsError {
    JsError::new(&e.to_string())
}

/// A field error, for checks made right here.
pub fn field_error(field: &str, message: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{field}: {message}"))
}

/// The most JSON a spec or config may take: far more than any real one
/// (a training spec is a few hundred bytes), and little enough to refuse
/// an object of a million entries before parsing it.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

/// A JS object as a JSON object, or an error naming `field`. Anything but
/// an object is refused before it is turned into JSON: an array or a typed
/// array of a million entries would otherwise take a second to stringify
/// and parse only to be refused.
pub fn object(value: &JsValue, field: &str) -> Result<Map<String, Value>, JsError> {
    if !value.is_object()
        || value.is_function()
        || Array::is_array(value)
        || js_sys::ArrayBuffer::is_view(value)
    {
        return Err(field_error(
            field,
            format!("must be a plain object, got {}", describe(value)),
        ));
    }
    let text = JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| field_error(field, "must be a plain object"))?;
    if text.len() > MAX_SPEC_BYTES {
        return Err(field_error(
            field,
            format!(
                "is {} bytes of JSON; at most {MAX_SPEC_BYTES} are read",
                text.len()
            ),
        ));
    }
    spec::parse_object(&text).map_err(|e| {
        let e = SpecError::new(field, e.message);
        error(e)
    })
}

/// A JSON value as a plain JS value.
pub fn to_js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// A JS string, or an error naming `field`. String parameters are taken as
/// `JsValue` and checked here: wasm-bindgen's own `&str` conversion trusts
/// the caller, and a number passed for a name traps inside the module.
pub fn string(value: &JsValue, field: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| field_error(field, format!("must be a string, got {}", describe(value))))
}

/// A short description of a JS value for a message, made without running
/// any of the caller's code (no `toString`, `valueOf` or `toJSON`).
pub fn describe(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        return format!("\"{}\"", spec::cut(&s));
    }
    if let Some(x) = value.as_f64() {
        return x.to_string();
    }
    if let Some(b) = value.as_bool() {
        return b.to_string();
    }
    if value.is_undefined() {
        return "undefined".to_string();
    }
    if value.is_null() {
        return "null".to_string();
    }
    if Array::is_array(value) {
        return format!("an array of {} entries", Array::from(value).length());
    }
    if js_sys::ArrayBuffer::is_view(value) {
        return "a typed array".to_string();
    }
    format!(
        "a value of type {}",
        value.js_typeof().as_string().unwrap_or_default()
    )
}

/// A JS number, or an error naming `field`; NaN and ±∞ are numbers here
/// (the caller judges them).
///
/// Every number that shares a call with a handle (the method's own object,
/// or a `Race`, `LrLab` or `Training` passed in) is taken as a `JsValue` and
/// read here. wasm-bindgen's glue reads the handles' pointers first and
/// converts numbers after, and converting an object calls its `valueOf`,
/// which can free a handle in between: the call would then run on freed
/// memory (`race.set_start({valueOf() { race.free(); return 1 }}, 1)`
/// corrupted the heap). Read here, inside the call, nothing is converted:
/// a value that is not a number is refused, and a handle freed while the
/// call runs (by a getter the engine reads) is freed after it.
pub fn number(value: &JsValue, field: &str) -> Result<f64, JsError> {
    value
        .as_f64()
        .ok_or_else(|| field_error(field, format!("must be a number, got {}", describe(value))))
}

/// `number`, where undefined and null mean "not given".
pub fn optional_number(value: &JsValue, field: &str) -> Result<Option<f64>, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        number(value, field).map(Some)
    }
}

/// A finite number, or an error naming `field`.
pub fn finite(x: f64, field: &str) -> Result<f64, JsError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(field_error(
            field,
            format!("must be a finite number, got {x}"),
        ))
    }
}

/// A whole number in `[min, max]` (JS passes every number as f64, so NaN,
/// fractions and negatives arrive here and are refused).
pub fn whole(x: f64, field: &str, min: u64, max: u64) -> Result<u64, JsError> {
    if x.is_finite() && x.fract() == 0.0 && x >= min as f64 && x <= max as f64 {
        Ok(x as u64)
    } else {
        Err(field_error(
            field,
            format!("must be a whole number from {min} to {max}, got {x}"),
        ))
    }
}

/// `[x, y]` as a JS array.
pub fn pair(p: Point) -> Array {
    Array::of2(&p[0].into(), &p[1].into())
}

/// Sets `key` on a JS object (cheaper than JSON for per-frame readouts).
pub fn set(object: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// The current time in ms, for the timings the page shows.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The page's viewport in CSS pixels (innerWidth × innerHeight), which
/// sets how large figure text must be (`render::axis::legible_scale`);
/// 1280×720 where there is no window.
pub fn viewport() -> (f64, f64) {
    let read = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64());
    web_sys::window()
        .and_then(|w| Some((read(w.inner_width())?, read(w.inner_height())?)))
        .unwrap_or((1280.0, 720.0))
}

/// A draw call's `css_width`, `css_height` and `device_pixel_ratio`
/// arguments, each checked to be a number (their ranges are `device_size`'s).
pub fn css_size(
    css_width: &JsValue,
    css_height: &JsValue,
    device_pixel_ratio: &JsValue,
) -> Result<(f64, f64, f64), JsError> {
    Ok((
        number(css_width, "css_width")?,
        number(css_height, "css_height")?,
        number(device_pixel_ratio, "device_pixel_ratio")?,
    ))
}

/// How many more steps (or batches) an `advance(n)` call asks for: `n`
/// checked to be a finite number ≥ 0, capped at `max` (no run takes more
/// than its budget, so a larger request is the same request).
pub fn step_request(n: &JsValue, max: usize) -> Result<usize, JsError> {
    let n = finite(number(n, "n")?, "n")?;
    if n < 0.0 {
        return Err(field_error("n", format!("must be ≥ 0, got {n}")));
    }
    Ok(n.min(max as f64) as usize)
}

/// Two numeric arguments that make one point, `[x, y]` (a start, a pixel),
/// each checked to be a number and named by `fields` in an error.
pub fn point(x: &JsValue, y: &JsValue, fields: [&str; 2]) -> Result<[f64; 2], JsError> {
    Ok([number(x, fields[0])?, number(y, fields[1])?])
}

/// The catalogue's landscape named by a string argument.
pub fn landscape(name: &JsValue) -> Result<&'static dyn crate::landscape::Landscape, JsError> {
    crate::landscape::by_name(&string(name, "landscape")?).map_err(error)
}

/// `point`, each coordinate also checked to be finite.
pub fn finite_point(x: &JsValue, y: &JsValue, fields: [&str; 2]) -> Result<[f64; 2], JsError> {
    let [x, y] = point(x, y, fields)?;
    Ok([finite(x, fields[0])?, finite(y, fields[1])?])
}

/// A `<canvas>` element, or an error naming `field`.
pub fn canvas(value: JsValue, field: &str) -> Result<web_sys::HtmlCanvasElement, JsError> {
    value
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| field_error(field, "must be a <canvas> element"))
}

/// A `<canvas>` sized to `css × dpr` device pixels (at most 4096 a side),
/// with the ratio drawn at and its size. Setting a canvas's size clears and
/// reallocates it even when the size is unchanged, so an unchanged size is
/// left alone: plots redraw every frame.
pub fn sized_canvas(
    value: JsValue,
    css_width: f64,
    css_height: f64,
    dpr: f64,
) -> Result<(web_sys::HtmlCanvasElement, f64, u32, u32), JsError> {
    let canvas = canvas(value, "canvas")?;
    let (dpr, width, height) = device_size(css_width, css_height, dpr, 4096.0)?;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    Ok((canvas, dpr, width, height))
}

/// A canvas's CSS size and device pixel ratio, checked, then clamped so the
/// backing store stays within `max_px` device pixels a side: the ratio to
/// draw with and the size in device pixels.
pub fn device_size(
    css_width: f64,
    css_height: f64,
    dpr: f64,
    max_px: f64,
) -> Result<(f64, u32, u32), JsError> {
    let (w, h, dpr) = (
        finite(css_width, "cssWidth")?,
        finite(css_height, "cssHeight")?,
        finite(dpr, "devicePixelRatio")?,
    );
    if !(w > 0.0 && h > 0.0 && dpr > 0.0) {
        return Err(field_error(
            "size",
            "cssWidth, cssHeight and devicePixelRatio must be > 0",
        ));
    }
    let (w, h) = (w.min(max_px), h.min(max_px));
    let dpr = dpr.clamp(0.5, 8.0).min(max_px / w.max(h));
    Ok((
        dpr,
        (w * dpr).round().max(1.0) as u32,
        (h * dpr).round().max(1.0) as u32,
    ))
}

/// A list of numbers (an Array or a typed array) of at most `max_len`
/// entries, or an error naming `field`. Entries that are not numbers are
/// refused; non-finite ones are the caller's to judge.
pub fn numbers(value: &JsValue, field: &str, max_len: usize) -> Result<Vec<f64>, JsError> {
    let not_a_list = || field_error(field, "must be a list of numbers");
    let array: Array = if Array::is_array(value) {
        value.clone().unchecked_into()
    } else if value.is_instance_of::<js_sys::Float64Array>()
        || value.is_instance_of::<js_sys::Float32Array>()
    {
        Array::from(value)
    } else {
        return Err(not_a_list());
    };
    if array.length() as usize > max_len {
        return Err(field_error(
            field,
            format!("may hold at most {max_len} numbers, got {}", array.length()),
        ));
    }
    array
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_f64()
                .ok_or_else(|| field_error(&format!("{field}[{i}]"), "must be a number"))
        })
        .collect()
}
