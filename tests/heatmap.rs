//! The heatmap and its colour scale: the picture a class reads the landscape
//! from must be honest (darker is lower, everywhere), complete, and robust to
//! losses that overflow.

use descent::landscape::{self, catalogue, Landscape, Point, Window};
use descent::render::heatmap::{
    colour, heatmap, log2_fast, paint, pixel_centre, power_of_ten_below, round_to_significant,
    LossScale, NEUTRAL,
};

/// CIE L* (perceived lightness, 0–100) of an sRGB colour.
fn lightness([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

#[test]
fn the_ramp_gets_lighter_from_low_to_high_loss() {
    // Strictly at the nine control points…
    let mut previous = -1.0;
    for k in 0..=8 {
        let l = lightness(colour(k as f64 / 8.0));
        assert!(
            l > previous + 3.0,
            "L* does not rise at control point {k}: {previous} → {l}"
        );
        previous = l;
    }
    // …and in between, up to the rounding of each channel to a byte (one
    // byte step moves L* by well under 0.25).
    let mut previous = -1.0;
    for k in 0..=1000 {
        let l = lightness(colour(k as f64 / 1000.0));
        assert!(
            l >= previous - 0.25,
            "L* falls at t = {}: {previous} → {l}",
            k as f64 / 1000.0
        );
        previous = previous.max(l);
    }
    // And it spans a wide range, so the eye can tell levels apart.
    assert!(lightness(colour(1.0)) - lightness(colour(0.0)) > 70.0);
}

#[test]
fn heatmap_lightness_is_monotone_in_the_loss_on_every_landscape() {
    for l in catalogue() {
        let (w, h) = (120, 90);
        let map = heatmap(*l, &l.window(), w, h);
        let mut pixels: Vec<(f64, f64)> = (0..w * h)
            .map(|k| {
                let (i, j) = (k % w, k / w);
                let p = descent::render::heatmap::pixel_centre(&l.window(), w, h, i, j);
                let c = &map.rgba[4 * k..4 * k + 3];
                (l.loss(p), lightness([c[0], c[1], c[2]]))
            })
            .collect();
        pixels.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in pixels.windows(2) {
            // One colour step of the 1024-entry table is far below 0.5 L*.
            assert!(
                pair[1].1 >= pair[0].1 - 0.5,
                "{}: loss {} is lighter ({}) than loss {} ({})",
                l.name(),
                pair[0].0,
                pair[0].1,
                pair[1].0,
                pair[1].1
            );
        }
        let darkest = pixels.first().unwrap().1;
        let lightest = pixels.last().unwrap().1;
        assert!(
            lightest - darkest > 50.0,
            "{}: the map uses the ramp",
            l.name()
        );
    }
}

#[test]
fn the_buffer_has_one_opaque_pixel_per_position() {
    let l = landscape::by_name("rosenbrock").unwrap();
    for (w, h) in [(1, 1), (7, 3), (200, 150)] {
        let map = heatmap(l, &l.window(), w, h);
        assert_eq!((map.width, map.height), (w, h));
        assert_eq!(map.rgba.len(), w * h * 4);
        assert!(map.rgba.chunks_exact(4).all(|p| p[3] == 255));
    }
}

/// A landscape that is NaN left of x = −1 and +∞ right of x = 1.
struct Broken;

impl Landscape for Broken {
    fn name(&self) -> &'static str {
        "broken"
    }
    fn formula(&self) -> &'static str {
        "x² + y², but NaN for x < −1 and ∞ for x > 1"
    }
    fn note(&self) -> &'static str {
        "test only"
    }
    fn window(&self) -> Window {
        Window::new(-3.0, 3.0, -3.0, 3.0)
    }
    fn minima(&self) -> &'static [Point] {
        &[[0.0, 0.0]]
    }
    fn start(&self) -> Point {
        [0.5, 0.5]
    }
    fn loss(&self, [x, y]: Point) -> f64 {
        if x < -1.0 {
            f64::NAN
        } else if x > 1.0 {
            f64::INFINITY
        } else {
            x * x + y * y
        }
    }
    fn gradient(&self, [x, y]: Point) -> Point {
        [2.0 * x, 2.0 * y]
    }
}

#[test]
fn non_finite_losses_get_the_neutral_colour_and_nothing_else_does() {
    let (w, h) = (60, 60);
    let window = Broken.window();
    let map = heatmap(&Broken, &window, w, h);
    for k in 0..w * h {
        let p = descent::render::heatmap::pixel_centre(&window, w, h, k % w, k / w);
        let pixel = &map.rgba[4 * k..4 * k + 4];
        let finite = Broken.loss(p).is_finite();
        assert_eq!(pixel == NEUTRAL, !finite, "pixel at {p:?} is {pixel:?}");
    }
    // The finite part still spans the ramp: the scale ignored NaN and ∞.
    assert_eq!(map.scale.low, map.scale.low.min(0.01));
    assert!(map.scale.high.is_finite() && map.scale.high <= 1.0 + 9.0);
    // The ramp never produces the neutral grey.
    for k in 0..=1000 {
        let [r, g, b] = colour(k as f64 / 1000.0);
        assert_ne!([r, g, b, 255], NEUTRAL);
    }
}

#[test]
fn huge_and_overflowing_losses_keep_the_scale_finite() {
    let losses = [
        0.0,
        1.0,
        1e300,
        f64::MAX,
        -f64::MAX,
        f64::NAN,
        f64::INFINITY,
    ];
    let scale = LossScale::fit(&losses);
    assert!(scale.low.is_finite() && scale.high.is_finite() && scale.softness > 0.0);
    for &j in &losses {
        match scale.position(j) {
            Some(t) => assert!((0.0..=1.0).contains(&t), "{j} → {t}"),
            None => assert!(!j.is_finite()),
        }
    }
    let rgba = paint(&losses, &scale);
    assert_eq!(rgba.len(), losses.len() * 4);
    // A flat window is one colour, not a division by zero.
    let flat = LossScale::fit(&[3.0; 10]);
    assert_eq!(flat.position(3.0), Some(0.0));
    // No finite loss at all still gives a usable scale.
    let none = LossScale::fit(&[f64::NAN]);
    assert!(none.high > none.low);
}

#[test]
fn scale_position_and_value_are_inverses_and_ticks_are_honest() {
    let l = landscape::by_name("rosenbrock").unwrap();
    let scale = heatmap(l, &l.window(), 100, 100).scale;
    for k in 0..=20 {
        let t = k as f64 / 20.0;
        let back = scale.position(scale.value_at(t)).unwrap();
        assert!((back - t).abs() < 1e-9, "t = {t} comes back as {back}");
    }
    let ticks = scale.ticks(6);
    assert!(ticks.len() >= 3, "{ticks:?}");
    assert!(
        ticks.windows(2).all(|p| p[0].value < p[1].value),
        "{ticks:?}"
    );
    for tick in &ticks {
        assert!((scale.low..=scale.high).contains(&tick.value));
        // A round number a reader can place: a multiple of its step, a
        // power of ten, with at most two significant digits here.
        let multiple = tick.value / tick.step;
        assert!((multiple - multiple.round()).abs() < 1e-9, "{tick:?}");
        assert_eq!(power_of_ten_below(tick.step), tick.step);
        assert_eq!(round_to_significant(tick.value, 2), tick.value, "{tick:?}");
    }
    let levels = scale.contour_levels(10);
    assert_eq!(levels.len(), 10);
    // Equally spaced along the colour bar.
    for (k, v) in levels.iter().enumerate() {
        let t = scale.position(*v).unwrap();
        assert!((t - (k + 1) as f64 / 11.0).abs() < 1e-9);
    }
}

#[test]
fn the_fast_logarithm_is_close_and_monotone() {
    let mut previous = f64::NEG_INFINITY;
    let mut x = 1.0f64;
    while x < 1e300 {
        let fast = log2_fast(x);
        assert!(
            (fast - x.log2()).abs() < 1.2e-3,
            "log2({x}) = {} vs {fast}",
            x.log2()
        );
        assert!(fast >= previous, "not monotone at {x}");
        previous = fast;
        x *= 1.0 + 1.0 / 64.0;
    }
}

#[test]
fn ticks_stay_distinct_when_zoomed_far_into_a_minimum() {
    // The lecture's global well seen through a window 10⁻⁶ wide: every loss
    // is −2.000000000…, differing in the twelfth digit.
    let l = landscape::by_name("lecture").unwrap();
    let w = Window::new(-5e-7, 5e-7, -5e-7, 5e-7);
    let scale = heatmap(l, &w, 64, 64).scale;
    assert!(scale.high - scale.low < 1e-11, "{scale:?}");
    let ticks = scale.ticks(6);
    assert!(ticks.len() >= 3, "{ticks:?}");
    assert!(
        ticks.windows(2).all(|p| p[0].value < p[1].value),
        "{ticks:?}"
    );
    let step = scale.label_step();
    assert!(step > 0.0 && step <= (scale.high - scale.low) / 10.0);
    assert_ne!(
        (scale.low / step).round(),
        (scale.high / step).round(),
        "the end labels must differ"
    );
}

/// The heatmap's colours as the definition reads, pixel by pixel: the loss
/// at each pixel centre, the scale fitted to them all, and the ramp's colour
/// at the (fast-logarithm) position, from the same 1024-colour table. The
/// fast path must give exactly these bytes.
fn reference_rgba(landscape: &dyn Landscape, window: &Window, w: usize, h: usize) -> Vec<u8> {
    let mut losses = Vec::new();
    for j in 0..h {
        for i in 0..w {
            losses.push(landscape.loss(pixel_centre(window, w, h, i, j)));
        }
    }
    let scale = LossScale::fit(&losses);
    let range = (((scale.high - scale.low).min(f64::MAX)) / scale.softness).ln_1p();
    let to_index = if range > 0.0 {
        1023.0 / (range / std::f64::consts::LN_2)
    } else {
        0.0
    };
    let mut rgba = Vec::new();
    for j in losses {
        if !j.is_finite() {
            rgba.extend_from_slice(&NEUTRAL);
            continue;
        }
        let u = ((j - scale.low) * (1.0 / scale.softness)).clamp(0.0, f64::MAX);
        let k = (log2_fast(1.0 + u) * to_index).clamp(0.0, 1023.0);
        let [r, g, b] = colour(((k + 0.5) as usize) as f64 / 1023.0);
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    rgba
}

#[test]
fn the_heatmap_gives_exactly_the_reference_colours_on_every_landscape() {
    for l in catalogue() {
        for (w, h) in [(97, 61), (1, 1), (13, 200)] {
            let window = l.window();
            let map = heatmap(*l, &window, w, h);
            let expected = reference_rgba(*l, &window, w, h);
            assert!(map.rgba == expected, "{} at {w}×{h}", l.name());
        }
    }
    // Zoomed into a valley floor, where the scale is at its finest.
    let rosenbrock = landscape::by_name("rosenbrock").unwrap();
    let window = Window::new(0.999, 1.001, 0.999, 1.001);
    assert!(
        heatmap(rosenbrock, &window, 50, 50).rgba == reference_rgba(rosenbrock, &window, 50, 50)
    );
}
