//! What the axes of every picture share, independent of any canvas: how
//! large text is drawn for a canvas's size.

/// How much larger text and lines are drawn on a canvas of `css` size
/// (CSS pixels) than on the same canvas at a 1280×720 projector, where it
/// measures `reference`. Fonts scale only with the device pixel ratio
/// otherwise, so on a 4K monitor at ratio 1 labels looked small beside the
/// page's text: they grow with the canvas's linear size, gently (a 2560-wide
/// view's twice-as-wide canvas gets about 1.3×), never shrink, and stop at
/// 1.3× (14 → 18 CSS px).
pub fn text_scale(css: (f64, f64), reference: (f64, f64)) -> f64 {
    let growth = ((css.0 * css.1) / (reference.0 * reference.1)).sqrt();
    if !growth.is_finite() {
        return 1.0;
    }
    (1.0 + (growth - 1.0) * 0.23).clamp(1.0, 1.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_grows_with_the_canvas_within_bounds() {
        let reference = (827.0, 463.0);
        assert_eq!(text_scale(reference, reference), 1.0, "1280×720 as before");
        assert_eq!(text_scale((300.0, 200.0), reference), 1.0, "never smaller");
        let big = text_scale((1896.0, 1062.0), reference);
        assert!((1.25..=1.3).contains(&big), "{big}");
        assert_eq!(text_scale((4000.0, 4000.0), reference), 1.3);
        let mid = text_scale((1240.0, 695.0), reference);
        assert!(1.05 < mid && mid < big, "{mid}");
        assert_eq!(text_scale((f64::NAN, 1.0), reference), 1.0);
        assert_eq!(text_scale((1.0, 1.0), (0.0, 0.0)), 1.0);
    }
}
