//! A network's weights in the order of Keras's `model.get_weights()`: per
//! Dense layer a kernel of shape [fan_in][units], then a bias [units].
//!
//! The engine stores layer l's W (units × fan_in) column-major, followed by
//! its bias, so W's entry (unit u, input i) sits at i·units + u: exactly
//! where the kernel's entry [i][u] sits when the kernel is read row by row.
//! The flat parameters are therefore `get_weights()` flattened in order,
//! and converting is only cutting rows.

use crate::spec::{self, describe, SpecError};
use serde_json::Value;

/// One Dense layer's weights, as Keras holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseWeights {
    /// [fan_in][units].
    pub kernel: Vec<Vec<f64>>,
    /// [units].
    pub bias: Vec<f64>,
}

/// The flat parameters of a network with layer `sizes` (input first,
/// output last) as Keras's list of kernels and biases.
pub fn to_keras(sizes: &[usize], params: &[f64]) -> Vec<DenseWeights> {
    let mut at = 0;
    sizes
        .windows(2)
        .map(|pair| {
            let (fan_in, units) = (pair[0], pair[1]);
            let kernel = params[at..at + fan_in * units]
                .chunks_exact(units)
                .map(<[f64]>::to_vec)
                .collect();
            at += fan_in * units;
            let bias = params[at..at + units].to_vec();
            at += units;
            DenseWeights { kernel, bias }
        })
        .collect()
}

/// `[kernel₀, bias₀, kernel₁, bias₁, …]` as JSON, as `get_weights()` lists them.
pub fn to_json(layers: &[DenseWeights]) -> Value {
    let mut out = Vec::with_capacity(2 * layers.len());
    for layer in layers {
        out.push(Value::from(
            layer
                .kernel
                .iter()
                .map(|row| Value::from(row.clone()))
                .collect::<Vec<_>>(),
        ));
        out.push(Value::from(layer.bias.clone()));
    }
    Value::Array(out)
}

/// Reads `get_weights()`-ordered arrays for a network with layer `sizes`
/// into the engine's flat parameters, or names the array of the wrong
/// shape, e.g. `model.initial_weights[2]`.
pub fn parse(value: &Value, sizes: &[usize], field: &str) -> Result<Vec<f64>, SpecError> {
    let layers = sizes.len() - 1;
    let shapes = sizes
        .windows(2)
        .map(|p| format!("[{}][{}], [{}]", p[0], p[1], p[1]))
        .collect::<Vec<_>>()
        .join(", ");
    let arrays = match value {
        Value::Array(arrays) if arrays.len() == 2 * layers => arrays,
        other => {
            let got = match other {
                Value::Array(a) => format!("{} arrays", a.len()),
                v => describe(v),
            };
            return Err(SpecError::new(
                field,
                format!(
                    "must list model.get_weights(): a kernel [fan_in][units] and a bias [units] per Dense layer, here {shapes}; got {got}"
                ),
            ));
        }
    };
    let mut params = Vec::with_capacity(sizes.windows(2).map(|p| (p[0] + 1) * p[1]).sum());
    for (l, pair) in sizes.windows(2).enumerate() {
        let (fan_in, units) = (pair[0], pair[1]);
        let kernel_field = format!("{field}[{}]", 2 * l);
        let rows = match &arrays[2 * l] {
            Value::Array(rows) if rows.len() == fan_in => rows,
            other => return Err(shape_error(&kernel_field, l, fan_in, units, other)),
        };
        for (i, row) in rows.iter().enumerate() {
            let row_field = format!("{kernel_field}[{i}]");
            numbers(row, units, &row_field, &mut params).map_err(|e| {
                e.unwrap_or_else(|| shape_error(&kernel_field, l, fan_in, units, &arrays[2 * l]))
            })?;
        }
        let bias_field = format!("{field}[{}]", 2 * l + 1);
        numbers(&arrays[2 * l + 1], units, &bias_field, &mut params).map_err(|e| {
            e.unwrap_or_else(|| {
                SpecError::new(
                    &bias_field,
                    format!(
                        "must be Dense layer {l}'s bias: {units} numbers, got {}",
                        describe(&arrays[2 * l + 1])
                    ),
                )
            })
        })?;
    }
    Ok(params)
}

fn shape_error(field: &str, layer: usize, fan_in: usize, units: usize, got: &Value) -> SpecError {
    SpecError::new(
        field,
        format!(
            "must be Dense layer {layer}'s kernel: {fan_in} rows (fan_in) of {units} numbers (units), got {}",
            describe(got)
        ),
    )
}

/// Appends a list of exactly `n` finite numbers; `Err(None)` for a list of
/// the wrong length (the caller says which shape), `Err(Some(_))` for an
/// entry that is not a finite number.
fn numbers(
    value: &Value,
    n: usize,
    field: &str,
    out: &mut Vec<f64>,
) -> Result<(), Option<SpecError>> {
    match value {
        Value::Array(items) if items.len() == n => {
            for (k, v) in items.iter().enumerate() {
                out.push(spec::number(Some(v), &format!("{field}[{k}]")).map_err(Some)?);
            }
            Ok(())
        }
        _ => Err(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_flat_parameters_are_get_weights_flattened() {
        // 2 inputs → 3 units → 1 output.
        let sizes = [2, 3, 1];
        let params: Vec<f64> = (0..13).map(f64::from).collect();
        let layers = to_keras(&sizes, &params);
        assert_eq!(layers[0].kernel, [vec![0.0, 1.0, 2.0], vec![3.0, 4.0, 5.0]]);
        assert_eq!(layers[0].bias, [6.0, 7.0, 8.0]);
        assert_eq!(layers[1].kernel, [vec![9.0], vec![10.0], vec![11.0]]);
        assert_eq!(layers[1].bias, [12.0]);
        let back = parse(&to_json(&layers), &sizes, "w").unwrap();
        assert_eq!(back, params);
    }

    #[test]
    fn a_wrong_shape_names_the_array() {
        let sizes = [2, 3, 1];
        let good = to_json(&to_keras(&sizes, &[0.5; 13]));
        let e = parse(&json!([]), &sizes, "model.initial_weights").unwrap_err();
        assert_eq!(e.field, "model.initial_weights");
        assert!(e.message.contains("[2][3], [3], [3][1], [1]"), "{e}");
        let mut bad = good.clone();
        bad[0] = json!([[1, 2, 3]]);
        let e = parse(&bad, &sizes, "model.initial_weights").unwrap_err();
        assert_eq!(e.field, "model.initial_weights[0]");
        assert!(e.message.contains("2 rows (fan_in) of 3 numbers"), "{e}");
        let mut bad = good.clone();
        bad[0][1] = json!([1, 2]);
        assert_eq!(parse(&bad, &sizes, "w").unwrap_err().field, "w[0]");
        let mut bad = good.clone();
        bad[3] = json!([1, 2]);
        let e = parse(&bad, &sizes, "w").unwrap_err();
        assert_eq!(e.field, "w[3]");
        assert!(e.message.contains("bias: 1 numbers"), "{e}");
        let mut bad = good;
        bad[2][1][0] = json!("x");
        assert_eq!(parse(&bad, &sizes, "w").unwrap_err().field, "w[2][1][0]");
    }
}
