//! How the engine writes a number for people: in its outcomes ("stuck at
//! loss 0.61") and on its axes, the same way.

/// Three significant digits, without exponent for everyday sizes.
pub fn format_loss(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    if (1e-3..1e5).contains(&a) {
        let digits = (2 - a.log10().floor() as i32).max(0) as usize;
        format!("{x:.digits$}")
    } else {
        format!("{x:.2e}")
    }
}
