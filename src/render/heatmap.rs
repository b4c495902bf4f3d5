//! The heatmap: a landscape's loss over the visible window, as an RGBA
//! buffer that the page blits in one call.
//!
//! Losses span many orders of magnitude (Rosenbrock's valley floor is ~0,
//! its walls ~2500), so a linear colour scale paints every valley the same
//! dark colour. The `LossScale` is log-like instead:
//!
//! t(J) = ln(1 + (J − J_low)/s) / ln(1 + (J_high − J_low)/s)
//!
//! with J_low, J_high the visible extremes and s the height above J_low of
//! the lowest 5 % of the visible pixels: the valley floors. Losses below s
//! are spread almost linearly, losses far above it are compressed
//! logarithmically, so valleys show on every landscape, Rosenbrock's curved
//! floor included.
//! The colour map is a viridis-like ramp from our own control points:
//! perceptually ordered (lightness rises with the loss), readable by people
//! with the common colour-vision deficiencies, and dark at the minima.

use crate::landscape::{Landscape, Window};

/// The colour of a pixel whose loss is NaN or infinite: a neutral grey that
/// the ramp never produces.
pub const NEUTRAL: [u8; 4] = [190, 190, 190, 255];

/// The ramp's control points, low loss to high loss, in sRGB. Lightness
/// rises monotonically along them (a test checks it).
const RAMP: [[f64; 3]; 9] = [
    [68.0, 1.0, 84.0],
    [72.0, 40.0, 120.0],
    [62.0, 74.0, 137.0],
    [49.0, 104.0, 142.0],
    [38.0, 130.0, 142.0],
    [31.0, 158.0, 137.0],
    [53.0, 183.0, 121.0],
    [144.0, 215.0, 67.0],
    [253.0, 231.0, 37.0],
];

/// The colour at position `t` ∈ [0, 1] of the ramp (clamped).
pub fn colour(t: f64) -> [u8; 3] {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (RAMP.len() - 1) as f64;
    let i = (x.floor() as usize).min(RAMP.len() - 2);
    let f = x - i as f64;
    let (a, b) = (RAMP[i], RAMP[i + 1]);
    let mix = |k: usize| (a[k] + (b[k] - a[k]) * f).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// How losses map to colour positions, shared by the heatmap, the colour
/// bar and the contour levels so that all three agree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossScale {
    /// The loss at the bottom of the colour bar (t = 0).
    pub low: f64,
    /// The loss at the top of the colour bar (t = 1).
    pub high: f64,
    /// s: the height above `low` where the scale turns from linear to
    /// logarithmic (the 5 % quantile of the visible losses, above `low`).
    pub softness: f64,
}

impl LossScale {
    /// Fits the scale to a set of losses; non-finite ones are ignored. With
    /// no finite loss at all, the scale is [0, 1].
    pub fn fit(losses: &[f64]) -> Self {
        // A strided sample keeps the quantile cheap on big windows.
        let stride = (losses.len() / 20_000).max(1);
        let mut sample: Vec<f64> = losses
            .iter()
            .step_by(stride)
            .copied()
            .filter(|j| j.is_finite())
            .collect();
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for &j in losses {
            if j.is_finite() {
                if j < low {
                    low = j;
                }
                if j > high {
                    high = j;
                }
            }
        }
        if !(low.is_finite() && high.is_finite()) {
            return LossScale {
                low: 0.0,
                high: 1.0,
                softness: 1.0,
            };
        }
        let range = (high - low).min(f64::MAX);
        let floor_height = if sample.is_empty() {
            range
        } else {
            let k = sample.len() / 20;
            *sample.select_nth_unstable_by(k, |a, b| a.total_cmp(b)).1 - low
        };
        // Never zero: a flat window, or a window where most pixels sit at the
        // minimum, still gets a usable scale.
        let softness = floor_height.max(range * 1e-6).max(f64::MIN_POSITIVE);
        LossScale {
            low,
            high,
            softness,
        }
    }

    fn log_range(&self) -> f64 {
        (((self.high - self.low).min(f64::MAX)) / self.softness).ln_1p()
    }

    /// t(J) ∈ [0, 1], or `None` if J is not finite.
    pub fn position(&self, loss: f64) -> Option<f64> {
        if !loss.is_finite() {
            return None;
        }
        let range = self.log_range();
        if range <= 0.0 {
            return Some(0.0);
        }
        let t = ((loss - self.low).clamp(0.0, f64::MAX) / self.softness).ln_1p() / range;
        Some(t.clamp(0.0, 1.0))
    }

    /// The loss at position `t` (the inverse of `position`).
    pub fn value_at(&self, t: f64) -> f64 {
        self.low + self.softness * (t.clamp(0.0, 1.0) * self.log_range()).exp_m1()
    }

    /// Round values for the colour bar's ticks, spread evenly along the
    /// bar, clear of its two ends (which are labelled with `low` and `high`
    /// themselves). Each is rounded to a power of ten below the distance to
    /// its neighbours, so ticks stay distinct and few-digit however far the
    /// view is zoomed in.
    pub fn ticks(&self, count: usize) -> Vec<Tick> {
        let mut ticks: Vec<Tick> = Vec::new();
        let count = count.max(2) as f64;
        for k in 1..count as usize {
            let t = k as f64 / count;
            let gap = self.value_at(t + 0.5 / count) - self.value_at(t - 0.5 / count);
            let step = power_of_ten_below(gap / 2.0);
            let value = round_to_step(self.value_at(t), step);
            let at = self.position(value).unwrap_or(0.0);
            let fresh = ticks.last().is_none_or(|last| last.value < value);
            if (0.06..=0.94).contains(&at) && fresh && step > 0.0 {
                ticks.push(Tick { value, step });
            }
        }
        ticks
    }

    /// The rounding step that tells `low` from `high` with two more digits
    /// to spare: the precision the colour bar's end labels need.
    pub fn label_step(&self) -> f64 {
        power_of_ten_below((self.high - self.low).min(f64::MAX) / 100.0)
    }

    /// `count` contour levels, equally spaced along the colour bar.
    pub fn contour_levels(&self, count: usize) -> Vec<f64> {
        (1..=count)
            .map(|k| self.value_at(k as f64 / (count + 1) as f64))
            .filter(|v| v.is_finite())
            .collect()
    }
}

/// A labelled value on the colour bar, and the rounding step its label
/// should show (a power of ten).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub step: f64,
}

/// The largest power of ten ≤ x (for x > 0; otherwise 0).
pub fn power_of_ten_below(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 0.0;
    }
    let p = 10f64.powf(x.log10().floor());
    // log10 can land a hair off for exact powers of ten.
    if p > x {
        p / 10.0
    } else {
        p
    }
}

/// x rounded to a multiple of `step` (unchanged if the step is 0 or the
/// multiple would lose x's magnitude).
pub fn round_to_step(x: f64, step: f64) -> f64 {
    if !(step > 0.0 && step.is_finite()) {
        return x;
    }
    let r = (x / step).round() * step;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// Rounds to `digits` significant digits (0 stays 0).
pub fn round_to_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    if !factor.is_finite() || factor == 0.0 {
        return x;
    }
    (x * factor).round() / factor
}

/// A computed heatmap: `width × height` RGBA pixels, row 0 at the top of
/// the window (y_max), plus the scale its colours follow.
#[derive(Clone, Debug)]
pub struct Heatmap {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
    pub scale: LossScale,
}

/// The world coordinates of pixel centre (i, j) of a `width × height`
/// raster over `window`, with row 0 at the top.
pub fn pixel_centre(window: &Window, width: usize, height: usize, i: usize, j: usize) -> [f64; 2] {
    [
        window.x_min + (i as f64 + 0.5) / width as f64 * window.width(),
        window.y_max - (j as f64 + 0.5) / height as f64 * window.height(),
    ]
}

/// The heatmap of `landscape` over `window` at `width × height` pixels.
pub fn heatmap(landscape: &dyn Landscape, window: &Window, width: usize, height: usize) -> Heatmap {
    let xs: Vec<f64> = (0..width)
        .map(|i| pixel_centre(window, width, height, i, 0)[0])
        .collect();
    let mut losses = Vec::with_capacity(width * height);
    for j in 0..height {
        let y = pixel_centre(window, width, height, 0, j)[1];
        losses.extend(xs.iter().map(|&x| landscape.loss([x, y])));
    }
    let scale = LossScale::fit(&losses);
    Heatmap {
        width,
        height,
        rgba: paint(&losses, &scale),
        scale,
    }
}

/// Colours every loss with the scale. This is the per-pixel hot loop, so it
/// uses a 1024-colour table and a fast logarithm (`log2_fast`, good to
/// ~10⁻³, finer than one colour step).
pub fn paint(losses: &[f64], scale: &LossScale) -> Vec<u8> {
    const STEPS: usize = 1024;
    let table: Vec<[u8; 4]> = (0..STEPS)
        .map(|k| {
            let [r, g, b] = colour(k as f64 / (STEPS - 1) as f64);
            [r, g, b, 255]
        })
        .collect();
    let range = scale.log_range() / std::f64::consts::LN_2;
    let to_index = if range > 0.0 {
        (STEPS - 1) as f64 / range
    } else {
        0.0
    };
    let inverse_softness = 1.0 / scale.softness;
    let mut rgba = vec![0u8; losses.len() * 4];
    for (pixel, &j) in rgba.chunks_exact_mut(4).zip(losses) {
        let c = if j.is_finite() {
            let u = ((j - scale.low) * inverse_softness).clamp(0.0, f64::MAX);
            // k ≥ 0, so adding ½ and truncating rounds it (f64::round is a
            // library call on some targets).
            let k = (log2_fast(1.0 + u) * to_index).clamp(0.0, (STEPS - 1) as f64);
            &table[(k + 0.5) as usize]
        } else {
            &NEUTRAL
        };
        pixel.copy_from_slice(c);
    }
    rgba
}

/// log₂(x) for finite x ≥ 1, from the float's exponent plus a cubic on its
/// mantissa; absolute error about 10⁻³ (a test checks it).
pub fn log2_fast(x: f64) -> f64 {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as f64 - 1023.0;
    // The mantissa as m ∈ [1, 2).
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    // A least-squares cubic for log₂(1 + t) on [0, 1], exact at both ends so
    // it joins up across powers of two.
    const A: f64 = 1.420_864_5;
    const B: f64 = -0.577_250_7;
    const C: f64 = 1.0 - A - B;
    let t = m - 1.0;
    exponent + t * (A + t * (B + t * C))
}
