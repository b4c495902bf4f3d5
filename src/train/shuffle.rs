//! The batch order: SplitMix64 and a Fisher–Yates shuffle, small enough to
//! rewrite in a few lines of any language, so that a script outside
//! Descent (the Keras program of `crate::keras`) replays the same batches
//! for any number of epochs without listing indices.
//!
//! SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014; the generator of Java's `SplittableRandom`)
//! keeps one 64-bit state, seeded with the spec's `seed`. Each draw, with
//! all arithmetic mod 2⁶⁴:
//!
//! ```text
//! state ← state + 0x9E3779B97F4A7C15
//! z ← (state ⊕ (state ≫ 30)) · 0xBF58476D1CE4E5B9
//! z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
//! draw = z ⊕ (z ≫ 31)
//! ```
//!
//! Each epoch's order is a Fisher–Yates shuffle of 0, 1, …, n − 1: for
//! i = n − 1 down to 1, j = draw mod (i + 1), swap order[i] and order[j].
//! The state carries on from one epoch to the next. (`mod` leaves a bias
//! below n/2⁶⁴, 3·10⁻¹⁶ for n = 5000: nothing any run can see, and it keeps
//! the re-implementation one line.) With `shuffle: false` every epoch walks
//! 0, 1, …, n − 1, as Keras's `fit(shuffle=False)` does.
//!
//! The same in Python, as the exported Keras program carries it
//! ([`PYTHON`]):
//!
//! ```python
//! class SplitMix64:
//!     def __init__(self, seed):
//!         self.state = seed
//!
//!     def next(self):
//!         self.state = (self.state + 0x9E3779B97F4A7C15) % 2**64
//!         z = self.state
//!         z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
//!         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
//!         return z ^ (z >> 31)
//!
//!     def permutation(self, n):
//!         order = list(range(n))
//!         for i in range(n - 1, 0, -1):
//!             j = self.next() % (i + 1)
//!             order[i], order[j] = order[j], order[i]
//!         return order
//! ```

/// SplitMix64's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64-bit draw.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `order` ← a Fisher–Yates shuffle of 0, 1, …, order.len() − 1.
    pub fn permutation(&mut self, order: &mut [usize]) {
        for (i, o) in order.iter_mut().enumerate() {
            *o = i;
        }
        for i in (1..order.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
    }
}

/// [`SplitMix64`] in Python, as the exported Keras program carries it.
pub const PYTHON: &str = r#"class SplitMix64:
    """Descent's batch order: SplitMix64 draws, a Fisher–Yates shuffle per epoch."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) % 2**64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
        return z ^ (z >> 31)

    def permutation(self, n):
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.next() % (i + 1)
            order[i], order[j] = order[j], order[i]
        return order
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_the_published_sequence() {
        // The reference implementation (Vigna's splitmix64.c) seeded with
        // 1234567 starts with these draws.
        let mut g = SplitMix64::new(1_234_567);
        let first: Vec<u64> = (0..5).map(|_| g.next_u64()).collect();
        assert_eq!(
            first,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423,
                4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ]
        );
    }

    #[test]
    fn permutations_are_permutations_and_continue_the_stream() {
        let mut g = SplitMix64::new(0);
        let mut a = vec![0; 37];
        g.permutation(&mut a);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..37).collect::<Vec<_>>());
        let mut b = vec![0; 37];
        g.permutation(&mut b);
        assert_ne!(a, b, "the next epoch draws a new order");
        let mut one = vec![5];
        g.permutation(&mut one);
        assert_eq!(one, [0]);
        g.permutation(&mut []);
    }
}
