//! The matrix products of a layer's forward and backward pass, on
//! column-major slices (one column per sample).
//!
//! The matrices are tiny (a few units by a batch of ten), so what costs is
//! not arithmetic but traffic: nalgebra's generic routines spend more time
//! dispatching than multiplying, and a plain loop over a layer's rows
//! re-reads and re-writes its running sums once per input. Here each block
//! of up to 8 rows keeps its sums in a fixed-size array, which the compiler
//! holds in (SIMD) registers, and writes them once. Within each sum the
//! terms are added in the same order as the textbook loop, so results are
//! bit-for-bit those of the naive product.

/// Row blocks, widest first: a layer of 8 units is one block of 8, one of
/// 13 is 8 + 4 + 1.
const BLOCKS: [usize; 4] = [8, 4, 2, 1];

/// Calls `f(start, width)` for each row block of `rows`.
#[inline(always)]
fn for_each_block(rows: usize, mut f: impl FnMut(usize, usize)) {
    let mut start = 0;
    for width in BLOCKS {
        while start + width <= rows {
            f(start, width);
            start += width;
        }
    }
}

/// out[:, s] = bias + M·input[:, s] for every sample s, with M
/// (rows × cols, column-major); `bias` of `None` means 0.
///
/// Forward: z = W·a + b. Backward: Wᵀ·δ, with M a transposed copy of W.
pub fn product(m: &[f64], rows: usize, bias: Option<&[f64]>, input: &[f64], out: &mut [f64]) {
    for_each_block(rows, |start, width| match width {
        8 => product_block::<8>(m, rows, start, bias, input, out),
        4 => product_block::<4>(m, rows, start, bias, input, out),
        2 => product_block::<2>(m, rows, start, bias, input, out),
        _ => product_block::<1>(m, rows, start, bias, input, out),
    });
}

#[inline(always)]
fn product_block<const B: usize>(
    m: &[f64],
    rows: usize,
    start: usize,
    bias: Option<&[f64]>,
    input: &[f64],
    out: &mut [f64],
) {
    let cols = m.len() / rows;
    let initial: [f64; B] = match bias {
        Some(b) => b[start..start + B].try_into().unwrap(),
        None => [0.0; B],
    };
    for (o, a) in out.chunks_exact_mut(rows).zip(input.chunks_exact(cols)) {
        let mut sum = initial;
        for (column, &a_c) in m.chunks_exact(rows).zip(a) {
            let w: &[f64; B] = column[start..start + B].try_into().unwrap();
            for k in 0..B {
                sum[k] += w[k] * a_c;
            }
        }
        o[start..start + B].copy_from_slice(&sum);
    }
}

/// gw = δ·inputᵀ and gb = Σ_samples δ, with δ (rows × batch) and input
/// (cols × batch): ∂J/∂W and ∂J/∂b of a layer.
pub fn outer_sum(delta: &[f64], input: &[f64], gw: &mut [f64], gb: &mut [f64]) {
    let rows = gb.len();
    for_each_block(rows, |start, width| match width {
        8 => outer_sum_block::<8>(delta, input, gw, gb, start),
        4 => outer_sum_block::<4>(delta, input, gw, gb, start),
        2 => outer_sum_block::<2>(delta, input, gw, gb, start),
        _ => outer_sum_block::<1>(delta, input, gw, gb, start),
    });
}

#[inline(always)]
fn outer_sum_block<const B: usize>(
    delta: &[f64],
    input: &[f64],
    gw: &mut [f64],
    gb: &mut [f64],
    start: usize,
) {
    let rows = gb.len();
    let cols = gw.len() / rows;
    let delta_block = |d: &[f64]| -> [f64; B] { d[start..start + B].try_into().unwrap() };
    let mut sum = [0.0; B];
    for d in delta.chunks_exact(rows) {
        let d = delta_block(d);
        for k in 0..B {
            sum[k] += d[k];
        }
    }
    gb[start..start + B].copy_from_slice(&sum);
    for (c, g_column) in gw.chunks_exact_mut(rows).enumerate() {
        let mut sum = [0.0; B];
        for (d, a) in delta.chunks_exact(rows).zip(input.chunks_exact(cols)) {
            let (d, a_c) = (delta_block(d), a[c]);
            for k in 0..B {
                sum[k] += d[k] * a_c;
            }
        }
        g_column[start..start + B].copy_from_slice(&sum);
    }
}

/// `to` ← Mᵀ, for M (rows × cols) column-major; `to` is resized to fit.
pub fn transpose(m: &[f64], rows: usize, to: &mut Vec<f64>) {
    let cols = m.len() / rows;
    to.resize(m.len(), 0.0);
    // Row r of M, read with stride `rows`, is column r of Mᵀ.
    for (r, column) in to.chunks_exact_mut(cols).enumerate() {
        for (t, v) in column.iter_mut().zip(m[r..].iter().step_by(rows)) {
            *t = *v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers whose products and sums are exact in f64, so the blocked
    /// and the naive results can be compared with `==`.
    fn small_integers(n: usize, salt: usize) -> Vec<f64> {
        (0..n)
            .map(|i| ((i * 7 + salt * 13) % 11) as f64 - 5.0)
            .collect()
    }

    #[test]
    fn blocked_products_equal_the_naive_ones_for_every_shape() {
        for rows in [1, 2, 3, 5, 7, 8, 9, 13, 16, 64] {
            for cols in [1, 2, 3, 8, 11] {
                let batch = 6;
                let m = small_integers(rows * cols, 1);
                let bias = small_integers(rows, 2);
                let input = small_integers(cols * batch, 3);
                let mut out = vec![f64::NAN; rows * batch];
                product(&m, rows, Some(&bias), &input, &mut out);
                for s in 0..batch {
                    for r in 0..rows {
                        let naive: f64 = bias[r]
                            + (0..cols)
                                .map(|c| m[c * rows + r] * input[s * cols + c])
                                .sum::<f64>();
                        assert_eq!(out[s * rows + r], naive, "rows {rows} cols {cols}");
                    }
                }

                let delta = small_integers(rows * batch, 4);
                let (mut gw, mut gb) = (vec![f64::NAN; rows * cols], vec![f64::NAN; rows]);
                outer_sum(&delta, &input, &mut gw, &mut gb);
                for r in 0..rows {
                    let naive_b: f64 = (0..batch).map(|s| delta[s * rows + r]).sum();
                    assert_eq!(gb[r], naive_b);
                    for c in 0..cols {
                        let naive: f64 = (0..batch)
                            .map(|s| delta[s * rows + r] * input[s * cols + c])
                            .sum();
                        assert_eq!(gw[c * rows + r], naive, "rows {rows} cols {cols}");
                    }
                }

                let mut mt = Vec::new();
                transpose(&m, rows, &mut mt);
                let mut back = vec![f64::NAN; cols * batch];
                product(&mt, cols, None, &delta, &mut back);
                for s in 0..batch {
                    for c in 0..cols {
                        let naive: f64 = (0..rows)
                            .map(|r| m[c * rows + r] * delta[s * rows + r])
                            .sum();
                        assert_eq!(back[s * cols + c], naive);
                    }
                }
            }
        }
    }
}
