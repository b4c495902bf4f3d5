//! The loss gap J − J*, the quantity a log axis of loss needs: J itself
//! can be zero or negative (the lecture landscape's minimum is below 0),
//! and what matters in optimization is how many orders of magnitude a run
//! has gained on the best it can reach.

use crate::landscape::Landscape;

/// J − J*, where J* is the landscape's global minimum if it is known and
/// not above the lowest loss seen, else the lowest loss seen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossGap {
    pub j_star: f64,
    /// Gaps at or below this are reported as it: a log axis must stop
    /// somewhere, and a run that reached J* exactly has gap 0.
    pub floor: f64,
}

impl LossGap {
    pub fn new(landscape: &dyn Landscape, lowest_seen: f64) -> Self {
        let known = landscape
            .minima()
            .first()
            .map(|m| landscape.loss(*m))
            .filter(|j| j.is_finite());
        let reference = known.map_or(lowest_seen, |k| k.min(lowest_seen));
        let j_star = if reference.is_finite() {
            reference
        } else {
            0.0
        };
        LossGap {
            j_star,
            floor: 1e-12 * j_star.abs().max(1.0),
        }
    }

    /// The gap of one loss, never below the floor.
    pub fn of(&self, j: f64) -> f64 {
        (j - self.j_star).max(self.floor)
    }

    /// The smallest and largest gap over `losses`, or (floor, 1) when
    /// there is none to show.
    pub fn range<'a>(&self, losses: impl IntoIterator<Item = &'a f64>) -> (f64, f64) {
        let (mut low, mut high) = (f64::INFINITY, 0.0f64);
        for &j in losses {
            let g = self.of(j);
            low = low.min(g);
            high = high.max(g);
        }
        if low.is_finite() && high > 0.0 {
            (low, high)
        } else {
            (self.floor, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LossGap;
    use crate::landscape::by_name;

    #[test]
    fn j_star_is_the_known_minimum_or_the_lowest_seen_whichever_is_lower() {
        let lecture = by_name("lecture").unwrap();
        let known = lecture.loss(lecture.minima()[0]);
        assert!(known < 0.0, "the lecture landscape's minimum is negative");
        assert_eq!(LossGap::new(lecture, 5.0).j_star, known);
        assert_eq!(LossGap::new(lecture, known - 1.0).j_star, known - 1.0);
        // Nothing seen yet and a finite minimum: the minimum.
        assert_eq!(LossGap::new(lecture, f64::INFINITY).j_star, known);
    }

    #[test]
    fn gaps_never_fall_below_the_floor_and_ranges_never_collapse() {
        let bowl = by_name("bowl").unwrap();
        let gap = LossGap::new(bowl, f64::INFINITY);
        assert_eq!(gap.j_star, 0.0);
        assert_eq!(gap.of(0.0), gap.floor);
        assert_eq!(gap.of(-3.0), gap.floor);
        assert_eq!(gap.of(2.5), 2.5);
        assert_eq!(gap.range(&[4.0, 0.5, 2.0]), (0.5, 4.0));
        assert_eq!(gap.range(&[]), (gap.floor, 1.0));
    }
}
