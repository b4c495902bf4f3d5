//! Thinning a long series for a chart: more points than pixels only costs
//! drawing time, so a chart keeps about two per pixel of its width, and
//! always the last point, where the run is now.

/// The indices of a series of `len` points to draw on a plot `width`
/// device pixels wide: every k-th, plus the last.
pub fn decimated(len: usize, width: f64) -> impl Iterator<Item = usize> {
    let stride = ((len as f64 / (2.0 * width.max(1.0))).ceil() as usize).max(1);
    (0..len).filter(move |k| k.is_multiple_of(stride) || *k + 1 == len)
}

/// A series too long for its plot as a band, one bucket of consecutive
/// points per `width`th of the plot: `(index, least, greatest)` of each bucket's
/// values, the index at the bucket's middle (the last bucket's at the last
/// point). Each bucket's range also takes in the last value of the bucket
/// before, so the band has no gaps. `None` when there are no more points
/// than buckets: draw the plain line then.
///
/// A chaotic series (SGD bouncing on rastrigin) sampled as a line zig-zags
/// across the whole plot at every pixel, and a canvas takes tens of
/// milliseconds to rasterize that; its band is one polygon, and shows the
/// same: where the values went in each pixel's worth of steps.
pub fn envelope(
    len: usize,
    width: f64,
    value: impl Fn(usize) -> f64,
) -> Option<Vec<(usize, f64, f64)>> {
    let width = width.max(1.0);
    if (len as f64) <= width {
        return None;
    }
    let bucket = ((len as f64 / width).ceil() as usize).max(1);
    let mut out = Vec::with_capacity(len / bucket + 1);
    let mut carried: Option<f64> = None;
    let mut start = 0;
    while start < len {
        let end = (start + bucket).min(len);
        let (mut low, mut high) = carried.map_or((f64::INFINITY, f64::NEG_INFINITY), |v| (v, v));
        for k in start..end {
            let v = value(k);
            if v.is_finite() {
                low = low.min(v);
                high = high.max(v);
            }
        }
        if low <= high {
            let at = if end == len {
                len - 1
            } else {
                (start + end - 1) / 2
            };
            out.push((at, low, high));
        }
        carried = Some(value(end - 1)).filter(|v| v.is_finite()).or(carried);
        start = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{decimated, envelope};

    #[test]
    fn a_long_series_becomes_a_gapless_band_one_bucket_a_pixel() {
        assert!(
            envelope(100, 100.0, |k| k as f64).is_none(),
            "sparse: a line"
        );
        // Alternating 1, 9, 1, 9, …: every bucket spans 1 to 9.
        let band = envelope(10_000, 100.0, |k| if k % 2 == 0 { 1.0 } else { 9.0 }).unwrap();
        assert_eq!(band.len(), 100);
        assert!(band.iter().all(|&(_, lo, hi)| lo == 1.0 && hi == 9.0));
        assert_eq!(band.last().unwrap().0, 9_999, "ends at the last point");
        assert!(band.windows(2).all(|w| w[0].0 < w[1].0));
        // A rising series: each bucket reaches back to the previous one's
        // last value, so neighbouring buckets touch.
        let band = envelope(1_000, 10.0, |k| k as f64).unwrap();
        assert_eq!(band[0], (49, 0.0, 99.0));
        assert_eq!(band[1], (149, 99.0, 199.0));
        // Non-finite values are skipped, not drawn.
        let band = envelope(1_000, 10.0, |k| if k < 500 { f64::NAN } else { 2.0 }).unwrap();
        assert!(band.iter().all(|&(_, lo, hi)| lo == 2.0 && hi == 2.0));
    }

    #[test]
    fn keeps_every_point_when_they_fit_and_two_per_pixel_when_not() {
        assert_eq!(decimated(5, 100.0).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        let kept: Vec<_> = decimated(10_001, 100.0).collect();
        assert!(kept.len() <= 202, "{}", kept.len());
        assert!(kept.len() >= 190, "{}", kept.len());
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&10_000));
        assert_eq!(decimated(0, 100.0).count(), 0);
        // A width of zero or less counts as one pixel (two points), not a
        // division by zero.
        assert_eq!(decimated(3, 0.0).collect::<Vec<_>>(), [0, 2]);
    }
}
