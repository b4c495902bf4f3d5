//! What the axes of every picture share, independent of any canvas: round
//! tick values, linear and log scales, tick labels and number formatting
//! (with a typographic minus), and how large text is drawn for a canvas's
//! size. The landscape, the plotters charts and the hand-drawn fit picture
//! all take their numbers from here.

/// How much larger a figure's text (and its lines, margins and label
/// areas) is drawn in a viewport of `viewport` CSS pixels than at a
/// 1280×720 projector, where labels are 12 – 14 px: the legibility rule,
/// figure labels at least 1/60 of the viewport's height, asks 1.5× at
/// 1920×1080 and 3× at 3840×2160. Never below 1 (a phone keeps the base
/// size) and only as wide screens go: a viewport taller than it is wide
/// (a phone turned upright, 390×844) is no projector, so the scale is the
/// lesser of height ÷ 720 and width ÷ 1000, from 1 to 3.
pub fn legible_scale(viewport: (f64, f64)) -> f64 {
    let scale = (viewport.1 / 720.0).min(viewport.0 / 1000.0);
    if scale.is_finite() {
        scale.clamp(1.0, 3.0)
    } else {
        1.0
    }
}

/// The text scale for a canvas of `css` size (CSS pixels) that measures
/// `reference` at a 1280×720 projector, in `viewport`: the legibility
/// rule's scale (`legible_scale`), but no more than a little over the
/// canvas's own growth, so a figure that stayed small keeps room for its
/// plot. Before this rule the scale grew a quarter as fast as the canvas
/// and stopped at 1.3×, so at 1920×1080 labels were about 16 px where the
/// rule asks 18.
pub fn text_scale(css: (f64, f64), reference: (f64, f64), viewport: (f64, f64)) -> f64 {
    let growth = ((css.0 * css.1) / (reference.0 * reference.1)).sqrt();
    let room = if growth.is_finite() {
        1.25 * growth.max(1.0)
    } else {
        1.0
    };
    legible_scale(viewport).min(room).max(1.0)
}

/// Fewest ticks a landscape axis asks for: a small panel must not show a
/// lone "0".
pub const MIN_TICKS: usize = 3;

/// Round tick values in `[low, high]`, about `count` of them, with the
/// number of decimals their labels need.
pub fn ticks(low: f64, high: f64, count: f64) -> (Vec<f64>, usize) {
    let range = high - low;
    if !(range.is_finite() && range > 0.0 && count >= 1.0) {
        return (Vec::new(), 0);
    }
    let rough = range / count;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let decimals = (-step.log10().floor()).clamp(0.0, 12.0) as usize;
    let first = (low / step).ceil();
    let mut values = Vec::new();
    let mut k = 0.0;
    while values.len() < 50 {
        let v = (first + k) * step;
        if v > high + step * 1e-9 {
            break;
        }
        // Snap −0 and rounding noise to the round value.
        values.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (values, decimals)
}

/// A label with a typographic minus.
pub fn label(text: String) -> String {
    text.replace('-', "−")
}

/// A loss value shown to the precision of `step` (a power of ten, as the
/// colour bar's ticks carry): scientific when very large or very small.
pub fn loss_label_to(v: f64, step: f64) -> String {
    if v == 0.0 || !(step > 0.0 && step.is_finite()) {
        return loss_label(v);
    }
    let magnitude = v.abs().log10().floor();
    let places = (magnitude - step.log10().round()).clamp(0.0, 12.0) as usize;
    let text = if !(1e-3..1e5).contains(&v.abs()) {
        format!("{v:.places$e}")
    } else {
        let decimals = (-step.log10().round()).clamp(0.0, 12.0) as usize;
        format!("{v:.decimals$}")
    };
    label(text)
}

/// A loss value for the colour bar: three significant digits, scientific
/// when very large or very small.
pub fn loss_label(v: f64) -> String {
    let a = v.abs();
    let text = if v == 0.0 {
        "0".to_string()
    } else if !(1e-3..1e5).contains(&a) {
        format!("{v:.1e}")
    } else {
        format!("{}", crate::render::heatmap::round_to_significant(v, 3))
    };
    label(text)
}

/// A value for an axis label: `1e-3`, `0.5`, `20`.
pub fn axis_number(v: f64) -> String {
    let a = v.abs();
    let text = if v == 0.0 {
        "0".to_string()
    } else if (1e-2..1e4).contains(&a) {
        format!("{}", crate::render::heatmap::round_to_significant(v, 2))
    } else {
        format!("{v:.0e}")
    };
    label(text)
}

/// A learning rate for a label, three significant digits.
pub fn rate(v: f64) -> String {
    crate::format::format_loss(v)
}

/// A log range that holds `low..high` with some air, and never collapses.
pub fn log_range(low: f64, high: f64) -> (f64, f64) {
    if !(low.is_finite() && high.is_finite() && low > 0.0 && high >= low) {
        return (1e-3, 1.0);
    }
    let (low, high) = (low / 2.0, high * 2.0);
    (low, high.max(low * 10.0))
}

/// One axis: a range, linear or log.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub low: f64,
    pub high: f64,
    pub log: bool,
}

impl Scale {
    pub fn linear(low: f64, high: f64) -> Self {
        let (low, high) = widen(low, high, false);
        Scale {
            low,
            high,
            log: false,
        }
    }

    pub fn log(low: f64, high: f64) -> Self {
        let (low, high) = widen(low.max(1e-300), high.max(1e-300), true);
        Scale {
            low,
            high,
            log: true,
        }
    }

    /// Where `v` sits, 0 at `low` and 1 at `high`.
    pub fn fraction(&self, v: f64) -> f64 {
        if self.log {
            (v.max(1e-300).ln() - self.low.ln()) / (self.high.ln() - self.low.ln())
        } else {
            (v - self.low) / (self.high - self.low)
        }
    }

    /// Tick values with their label text.
    pub fn ticks(&self, count: f64) -> Vec<(f64, String)> {
        if !self.log {
            // A small plot asks for two or three ticks, and round steps
            // that wide can leave a lone "0" (the training view's fit on a
            // phone): ask for more until at least `MIN_TICKS` fit.
            let mut count = count.max(1.0);
            let (mut values, mut decimals) = ticks(self.low, self.high, count);
            while values.len() < MIN_TICKS && count < 20.0 {
                count += 1.0;
                (values, decimals) = ticks(self.low, self.high, count);
            }
            return values
                .into_iter()
                .map(|v| (v, label(format!("{v:.decimals$}"))))
                .collect();
        }
        let (a, b) = (
            self.low.log10().ceil() as i32,
            self.high.log10().floor() as i32,
        );
        let decades: Vec<i32> = (a..=b).collect();
        let every = ((decades.len() as f64 / count.max(1.0)).ceil() as usize).max(1);
        let mut out: Vec<(f64, String)> = decades
            .iter()
            .filter(|k| ((**k - a) as usize).is_multiple_of(every))
            .map(|&k| (10f64.powi(k), power_label(k)))
            .collect();
        // Two decades or more, thinned to one label by a short axis: keep
        // the last decade too, rather than crowding in 2× and 5× marks.
        if out.len() < 2 && decades.len() >= 2 {
            let k = decades[decades.len() - 1];
            out.push((10f64.powi(k), power_label(k)));
        }
        // Less than two decades visible: add 2× and 5× marks.
        if out.len() < 2 {
            for k in (a - 1)..=b {
                for m in [2.0, 5.0] {
                    let v = m * 10f64.powi(k);
                    if v >= self.low && v <= self.high {
                        out.push((v, loss_label(v)));
                    }
                }
            }
        }
        // Still too few (a range inside one factor of two): round linear
        // values, placed where the log scale puts them.
        if out.len() < 2 {
            let (values, decimals) = ticks(self.low, self.high, count.clamp(4.0, 6.0));
            out = values
                .into_iter()
                .filter(|v| *v > 0.0)
                .map(|v| (v, label(format!("{v:.decimals$}"))))
                .collect();
        }
        out
    }
}

impl Scale {
    /// `ticks` for a chart's axis, which must not show a lone label: on a
    /// linear scale it asks for more until `MIN_TICKS` show (a short axis
    /// from −0.3 to 4.9 showed only "0"); a log scale keeps its decades,
    /// already at least two, uncrowded.
    pub fn axis_ticks(&self, count: f64) -> Vec<(f64, String)> {
        let mut count = count.max(1.0);
        let mut out = self.ticks(count);
        while !self.log && out.len() < MIN_TICKS && count < 20.0 {
            count += 1.0;
            out = self.ticks(count);
        }
        out
    }

    /// The light grid between `major` ticks on an axis `pixels` device
    /// pixels long, as plotters's own mesh draws it: on a log axis each
    /// decade's 2× … 9× when a decade has room (40 px), on a linear one the
    /// tick step cut in 10, 5 or 2, whichever keeps lines 8 px or more
    /// apart. Empty when there is no room.
    pub fn minor_ticks(&self, major: &[(f64, String)], pixels: f64) -> Vec<f64> {
        let mut out = Vec::new();
        if self.log {
            let decades = (self.high / self.low).log10();
            if !(decades > 0.0 && pixels / decades >= 40.0) {
                return out;
            }
            for k in (self.low.log10().floor() as i32)..=(self.high.log10().ceil() as i32) {
                for m in 2..=9 {
                    let v = f64::from(m) * 10f64.powi(k);
                    if v >= self.low && v <= self.high && out.len() < 400 {
                        out.push(v);
                    }
                }
            }
            return out;
        }
        let [(a, _), (b, _), ..] = major else {
            return out;
        };
        let step = b - a;
        let per_tick = pixels * step / (self.high - self.low);
        let Some(cut) = [10.0, 5.0, 2.0].into_iter().find(|c| per_tick / c >= 8.0) else {
            return out;
        };
        let fine = step / cut;
        let mut k = (self.low / fine).ceil();
        while k * fine <= self.high && out.len() < 400 {
            out.push(k * fine);
            k += 1.0;
        }
        out
    }
}

fn power_label(k: i32) -> String {
    match k {
        0 => "1".into(),
        1 => "10".into(),
        -1 => "0.1".into(),
        -2 => "0.01".into(),
        _ => label(format!("1e{k}")),
    }
}

/// A range that can be drawn: finite, ordered and not empty.
fn widen(low: f64, high: f64, log: bool) -> (f64, f64) {
    let (mut low, mut high) = if low.is_finite() && high.is_finite() {
        (low.min(high), low.max(high))
    } else if log {
        (0.1, 1.0)
    } else {
        (0.0, 1.0)
    };
    if high - low <= f64::EPSILON * high.abs().max(1.0) {
        if log {
            low /= 2.0;
            high *= 2.0;
        } else {
            low -= 0.5;
            high += 0.5;
        }
    }
    (low, high)
}

/// Tick labels for one axis. Zoomed far in, plain labels grow long
/// (0.0119051, 0.0119052, …) and no longer fit; then the shared part is
/// pulled out as an offset shown once in the axis title, and the ticks show
/// only what differs.
pub struct AxisLabels {
    pub values: Vec<f64>,
    pub texts: Vec<String>,
    /// The axis title's suffix, e.g. " − 0.0119", when an offset is used.
    pub offset: String,
}

pub fn axis_labels(low: f64, high: f64, count: f64, max_chars: usize) -> AxisLabels {
    // A small panel asks for one or two ticks, and round steps that wide
    // can leave a lone "0": ask for more until at least 3 fit.
    let mut count = count.max(1.0);
    let (mut values, mut decimals) = ticks(low, high, count);
    while values.len() < MIN_TICKS && count < 20.0 {
        count += 1.0;
        (values, decimals) = ticks(low, high, count);
    }
    let texts: Vec<String> = values
        .iter()
        .map(|v| label(format!("{v:.decimals$}")))
        .collect();
    let longest = texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    if longest <= max_chars || values.len() < 2 {
        return AxisLabels {
            values,
            texts,
            offset: String::new(),
        };
    }
    let step = values[1] - values[0];
    let offset = values[values.len() / 2];
    AxisLabels {
        texts: values
            .iter()
            .map(|v| difference_label(v - offset, step))
            .collect(),
        values,
        offset: offset_suffix(&label(format!("{:.decimals$}", offset.abs())), offset),
    }
}

/// " − 2.5" for an offset of 2.5, " + 2.5" for −2.5.
pub fn offset_suffix(magnitude: &str, offset: f64) -> String {
    let sign = if offset < 0.0 { '+' } else { '−' };
    format!(" {sign} {magnitude}")
}

/// A small difference `d` shown to the precision of `step`.
pub fn difference_label(d: f64, step: f64) -> String {
    if d.abs() < step / 2.0 || step <= 0.0 {
        return "0".to_string();
    }
    if step >= 1e-3 && d.abs() < 1e5 {
        let decimals = (-step.log10().floor()).clamp(0.0, 12.0) as usize;
        return label(format!("{d:.decimals$}"));
    }
    let digits = (d.abs().log10().floor() - step.log10().floor()).clamp(0.0, 12.0) as usize;
    label(format!("{d:.digits$e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_linear_axis_shows_three_ticks_and_a_log_axis_its_decades() {
        let short = Scale::linear(-0.3, 4.9);
        let values: Vec<f64> = short.axis_ticks(2.3).iter().map(|t| t.0).collect();
        assert_eq!(values, [0.0, 2.0, 4.0]);
        let log = Scale::log(1e-4, 10.0);
        assert_eq!(log.axis_ticks(2.0), log.ticks(2.0));
        assert!(log.axis_ticks(2.0).len() >= 2);
    }

    #[test]
    fn a_short_log_axis_over_many_decades_is_not_crowded_with_marks() {
        // The mini-batch variance chart on a projector: 1e-4 … 0.6 on a
        // plot with room for one or two labels.
        for count in [1.0, 1.5, 2.0] {
            let ticks = Scale::log(1e-4, 0.6).ticks(count);
            assert!((2..=3).contains(&ticks.len()), "{count}: {ticks:?}");
            assert!(
                ticks.iter().all(|(v, _)| v.log10().fract().abs() < 1e-9),
                "{ticks:?}"
            );
        }
    }

    #[test]
    fn the_light_grid_fills_roomy_axes_and_leaves_cramped_ones_bare() {
        let log = Scale::log(1e-3, 10.0);
        let minor = log.minor_ticks(&log.ticks(5.0), 400.0);
        assert_eq!(minor.len(), 4 * 8, "2× … 9× in each of 4 decades");
        assert!(minor.contains(&2e-3) && minor.contains(&9.0));
        assert!(log.minor_ticks(&log.ticks(5.0), 100.0).is_empty());
        let linear = Scale::linear(0.0, 3000.0);
        let major = linear.ticks(6.0);
        assert_eq!(major[1].0 - major[0].0, 500.0);
        let minor = linear.minor_ticks(&major, 800.0);
        assert_eq!(minor.len(), 61, "every 50 steps at 133 px a tick");
        assert_eq!(linear.minor_ticks(&major, 100.0).len(), 13, "every 250");
        assert!(linear.minor_ticks(&major[..1], 800.0).is_empty());
    }

    #[test]
    fn a_small_linear_axis_still_gets_three_ticks() {
        let labels: Vec<String> = Scale::linear(-1.6, 1.6)
            .ticks(2.9)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(labels, ["−1", "0", "1"]);
        assert_eq!(
            Scale::linear(0.0, 10.0).ticks(5.0).len(),
            6,
            "a roomy axis as before"
        );
    }

    #[test]
    fn text_meets_the_legibility_rule_on_projectors_and_stays_put_on_phones() {
        let reference = (827.0, 463.0);
        let (hd, full_hd, uhd) = ((1280.0, 720.0), (1920.0, 1080.0), (3840.0, 2160.0));
        assert_eq!(legible_scale(hd), 1.0, "1280×720 as before");
        // 12 px labels at 1/60 of the height: 18 px at 1080p, 36 at 2160p.
        assert_eq!(legible_scale(full_hd), 1.5);
        assert_eq!(legible_scale(uhd), 3.0);
        assert!(12.0 * legible_scale((1280.0, 800.0)) >= 800.0 / 60.0);
        assert_eq!(
            legible_scale((390.0, 844.0)),
            1.0,
            "a phone keeps the base size"
        );
        assert_eq!(
            legible_scale((853.0, 480.0)),
            1.0,
            "150 % zoom on a 1280 screen"
        );
        assert_eq!(legible_scale((f64::NAN, 1.0)), 1.0);
        assert_eq!(text_scale(reference, reference, hd), 1.0);
        assert_eq!(
            text_scale((300.0, 200.0), reference, hd),
            1.0,
            "never smaller"
        );
        assert_eq!(text_scale((1240.0, 695.0), reference, full_hd), 1.5);
        // A canvas that grew less than the screen: a little over its growth.
        let small = text_scale((900.0, 500.0), reference, full_hd);
        assert!(1.3 < small && small < 1.5, "{small}");
        assert_eq!(text_scale((4000.0, 4000.0), reference, uhd), 3.0);
        assert_eq!(text_scale((f64::NAN, 1.0), reference, full_hd), 1.0);
        assert_eq!(text_scale((1.0, 1.0), (0.0, 0.0), full_hd), 1.0);
    }
}
