//! `exp` and `log1p` on the ranges a network's activations and losses use,
//! written as straight-line arithmetic.
//!
//! Why not `f64::exp`: in WebAssembly there is no hardware `exp`, and
//! Rust's software one is an out-of-line call full of branches, which
//! also stops the compiler from running a layer's loop two lanes at a time
//! (SIMD). These versions have no calls and no branches (only selects), so
//! a loop over a layer vectorizes. Both are within a few ulp of libm
//! (tested against it below), far closer than float32 frameworks get.

/// 1.5·2⁵²: adding it rounds a float of magnitude < 2⁵¹ to an integer that
/// then sits in the low bits of the sum's representation.
const SHIFT: f64 = 6_755_399_441_055_744.0;
/// ln 2 split in two (Cody–Waite): LN2_HI's low 21 mantissa bits are zero,
/// so n·LN2_HI is exact for every |n| < 2¹¹, and LN2_LO carries the rest.
const LN2_HI: f64 = 0.693_147_180_369_123_8;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// Below this, e^x would be subnormal; e^−708 ≈ 3e−308 already rounds
/// every use here (1 ± e, e/(1 + e) in a sum) to the same result as 0.
const EXP_FLOOR: f64 = -708.0;

/// e^x for x ≤ 0 as a ratio (numerator, denominator), so that a caller
/// who divides anyway (tanh, the logistic function) pays one division, not
/// two. Both parts are positive and finite; NaN stays NaN.
///
/// x = n·ln 2 + r with n an integer and |r| ≤ ½ln 2, so e^x = 2ⁿ·e^r, and
/// e^r is its [6/6] Padé approximant P(r)/P(−r), whose error here is
/// below 10⁻¹⁸. P(r) = E(r²) + r·O(r²) splits into even and odd parts,
/// evaluated side by side, so the whole is a short chain of operations.
/// 2ⁿ is built directly from its exponent bits.
#[inline(always)]
pub fn exp_ratio(x: f64) -> (f64, f64) {
    // A compare, not `max`, so that NaN passes through.
    let x = if x < EXP_FLOOR { EXP_FLOOR } else { x };
    let t = x * std::f64::consts::LOG2_E + SHIFT;
    let n = t - SHIFT;
    let r = x - n * LN2_HI - n * LN2_LO;
    let r2 = r * r;
    // P(r) = Σ (12 − j)!·6!/(12!·j!·(6 − j)!)·rʲ, j = 0..6.
    let even = ((r2 * (1.0 / 665_280.0) + 1.0 / 792.0) * r2 + 5.0 / 44.0) * r2 + 1.0;
    let odd = ((r2 * (1.0 / 15_840.0) + 1.0 / 66.0) * r2 + 0.5) * r;
    // n is in the low bits of t; n + 1023 ≥ 1 is 2ⁿ's biased exponent.
    let n_bits = t.to_bits().wrapping_sub(SHIFT.to_bits());
    let scale = f64::from_bits(n_bits.wrapping_add(1023) << 52);
    ((even + odd) * scale, even - odd)
}

/// ln(1 + e) for e = numerator/denominator in [0, 1], as `exp_ratio`
/// returns it, without dividing first.
///
/// With u = 1 + e, ln u = 2·atanh(s), s = (u − 1)/(u + 1), and the series
/// 2(s + s³/3 + s⁵/5 + …). Above u = √2, ln u = ln 2 + ln(u/2) instead,
/// so |s| ≤ 0.172 and the series to s²³ is exact to the last bit. Written
/// in the ratio's parts, s is num/(num + 2·den), or (num − den)/(num +
/// 3·den) above √2, and 1 + e itself is never rounded.
#[inline(always)]
pub fn ln_1p_ratio(numerator: f64, denominator: f64) -> f64 {
    let big = numerator + denominator > std::f64::consts::SQRT_2 * denominator;
    let (top, bottom, k) = if big {
        (
            numerator - denominator,
            numerator + 3.0 * denominator,
            std::f64::consts::LN_2,
        )
    } else {
        (numerator, numerator + 2.0 * denominator, 0.0)
    };
    let s = top / bottom;
    let s2 = s * s;
    let mut p = 1.0 / 23.0;
    p = p * s2 + 1.0 / 21.0;
    p = p * s2 + 1.0 / 19.0;
    p = p * s2 + 1.0 / 17.0;
    p = p * s2 + 1.0 / 15.0;
    p = p * s2 + 1.0 / 13.0;
    p = p * s2 + 1.0 / 11.0;
    p = p * s2 + 1.0 / 9.0;
    p = p * s2 + 1.0 / 7.0;
    p = p * s2 + 1.0 / 5.0;
    p = p * s2 + 1.0 / 3.0;
    p = p * s2 + 1.0;
    k + 2.0 * s * p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp_nonpositive(x: f64) -> f64 {
        let (numerator, denominator) = exp_ratio(x);
        numerator / denominator
    }

    fn ln_1p_unit(e: f64) -> f64 {
        ln_1p_ratio(e, 1.0)
    }

    fn relative_error(fast: f64, exact: f64) -> f64 {
        if exact == 0.0 {
            fast.abs()
        } else {
            (fast - exact).abs() / exact.abs()
        }
    }

    #[test]
    fn exp_agrees_with_libm_within_a_few_ulp() {
        let mut worst: f64 = 0.0;
        let mut x = 0.0;
        while x > -708.0 {
            worst = worst.max(relative_error(exp_nonpositive(x), x.exp()));
            x -= 0.000_917_3;
        }
        for x in [0.0, -0.0, -1e-300, -1e-17, -0.5, -0.346_5, -0.346_6, -707.9] {
            worst = worst.max(relative_error(exp_nonpositive(x), x.exp()));
        }
        // 4 ulp; a wrong coefficient or reduction shows as 1e-12 or worse.
        assert!(worst < 9e-16, "worst relative error {worst}");
        assert_eq!(exp_nonpositive(0.0), 1.0);
    }

    #[test]
    fn exp_floors_the_far_tail_and_keeps_nan() {
        assert!(exp_nonpositive(-800.0) < 1e-306);
        assert!(exp_nonpositive(-800.0) >= 0.0);
        assert!(exp_nonpositive(f64::NEG_INFINITY) < 1e-306);
        assert!(exp_nonpositive(f64::NAN).is_nan());
    }

    #[test]
    fn ln_1p_agrees_with_libm_within_a_few_ulp() {
        let mut worst: f64 = 0.0;
        let mut e = 0.0;
        while e <= 1.0 {
            worst = worst.max(relative_error(ln_1p_unit(e), e.ln_1p()));
            e += 0.000_031_7;
        }
        for e in [0.0, 1e-300, 1e-17, 1e-9, 0.414_213_562, 0.414_213_563, 1.0] {
            worst = worst.max(relative_error(ln_1p_unit(e), e.ln_1p()));
        }
        assert!(worst < 9e-16, "worst relative error {worst}");
        assert!(ln_1p_unit(f64::NAN).is_nan());
        // The way cross-entropy calls it: e = e^x in parts, never divided.
        let mut x = 0.0;
        while x > -40.0 {
            let (num, den) = exp_ratio(x);
            worst = worst.max(relative_error(ln_1p_ratio(num, den), x.exp().ln_1p()));
            x -= 0.000_37;
        }
        assert!(worst < 9e-16, "worst relative error {worst}");
    }
}
