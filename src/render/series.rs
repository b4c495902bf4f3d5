//! Thinning a long series for a chart: more points than pixels only costs
//! drawing time, so a chart keeps about two per pixel of its width, and
//! always the last point, where the run is now.

/// The indices of a series of `len` points to draw on a plot `width`
/// device pixels wide: every k-th, plus the last.
pub fn decimated(len: usize, width: f64) -> impl Iterator<Item = usize> {
    let stride = ((len as f64 / (2.0 * width.max(1.0))).ceil() as usize).max(1);
    (0..len).filter(move |k| k.is_multiple_of(stride) || *k + 1 == len)
}

#[cfg(test)]
mod tests {
    use super::decimated;

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
