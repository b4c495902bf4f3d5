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

/// e^x for x ≤ 0 (larger x is not needed and not handled). NaN stays NaN.
///
/// x = n·ln 2 + r with n an integer and |r| ≤ ½ln 2, so e^x = 2ⁿ·e^r:
/// e^r from its Taylor series to r¹³ (the next term is below 2⁻⁵⁵ of the
/// sum), and 2ⁿ built directly from its exponent bits.
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    // A compare, not `max`, so that NaN passes through.
    let x = if x < EXP_FLOOR { EXP_FLOOR } else { x };
    let t = x * std::f64::consts::LOG2_E + SHIFT;
    let n = t - SHIFT;
    let r = x - n * LN2_HI - n * LN2_LO;
    // Horner's rule on Σ rᵏ/k!, k = 0..13.
    let mut p = 1.0 / 6_227_020_800.0;
    p = p * r + 1.0 / 479_001_600.0;
    p = p * r + 1.0 / 39_916_800.0;
    p = p * r + 1.0 / 3_628_800.0;
    p = p * r + 1.0 / 362_880.0;
    p = p * r + 1.0 / 40_320.0;
    p = p * r + 1.0 / 5_040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // n is in the low bits of t; n + 1023 ≥ 1 is 2ⁿ's biased exponent.
    let n_bits = t.to_bits().wrapping_sub(SHIFT.to_bits());
    let scale = f64::from_bits(n_bits.wrapping_add(1023) << 52);
    p * scale
}

/// ln(1 + e) for 0 ≤ e ≤ 1, the softplus term of cross-entropy.
///
/// u = 1 + e rounds; the rounding error is added back as (e − (u − 1))/u.
/// ln u = k·ln 2 + ln m with m = u/2ᵏ in [√½, √2], and
/// ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1),
/// |s| ≤ 0.172, summed to s²³.
#[inline(always)]
pub fn ln_1p_unit(e: f64) -> f64 {
    let u = 1.0 + e;
    let correction = (e - (u - 1.0)) / u;
    let big = u > std::f64::consts::SQRT_2;
    let m = if big { u * 0.5 } else { u };
    let k = if big { std::f64::consts::LN_2 } else { 0.0 };
    let s = (m - 1.0) / (m + 1.0);
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
    k + 2.0 * s * p + correction
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
