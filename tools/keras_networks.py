"""Runs Descent's exported Keras programs in real Keras and keeps their output.

Writes tests/golden/keras_networks.json, which tests/keras_networks.rs
replays through Descent's engine. CI never runs this script; it needs
tensorflow-cpu and keras in a throwaway venv (see tools/README.md).

What it does:
1. Asks Descent for the program of every case below, and for what Descent
   itself computes, with one run of the native example:
   `cargo run --example keras_code -- --batch specs.json`.
2. Runs each program, as written, in this Python (with Keras 3), one after
   the other in one process so that TensorFlow is imported once, and reads
   the JSON its last line prints.
3. Writes the specs and Keras's outputs, and prints the worst relative
   difference from Descent per case family.

Why the cases look like this: Keras sends some hyperparameters through
float32 even when floatx is float64 (tf.cast of a Python float: L2's l2,
β for βᵗ, Adagrad's initial accumulator). The "exact" cases use values
float32 holds exactly (2**-6, 0.875, 0.9921875, 2**-20 ...), and there
Descent and Keras differ only by rounding (the order TensorFlow sums a
matrix product in), so histories agree to 1e-12. The "keras_defaults"
cases use Keras's own defaults, which float32 rounds, and agree to 1e-6.
Dropout is left out: Keras draws its own masks.
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "tests", "golden", "keras_networks.json")

# Hyperparameters float32 holds exactly, per optimizer (as in keras_golden.py).
EXACT = {
    "sgd": {"learning_rate": 2.0**-3},
    "adagrad": {"learning_rate": 2.0**-3, "initial_accumulator_value": 0.125, "epsilon": 2.0**-20},
    "adadelta": {"learning_rate": 1.0, "rho": 0.9375, "epsilon": 2.0**-20},
    "rmsprop": {"learning_rate": 2.0**-7, "rho": 0.875, "epsilon": 2.0**-20},
    "adam": {"learning_rate": 2.0**-6, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "adamw": {"learning_rate": 2.0**-6, "weight_decay": 0.125, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "adamax": {"learning_rate": 2.0**-6, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "nadam": {"learning_rate": 2.0**-6, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "lion": {"learning_rate": 2.0**-9, "beta_1": 0.875, "beta_2": 0.96875},
}
L2 = 2.0**-10


def optimizer(name, **extra):
    config = {"name": name, **EXACT[name]}
    config.update(extra)
    return config


def named(name, samples, split, seed=1, noise=0.1):
    return {"name": name, "samples": samples, "noise": noise, "validation_split": split, "seed": seed}


def network(dataset, hidden, activation, opt, batch_size, epochs, l2=0.0, seed=2, **extra):
    spec = {
        "dataset": dataset,
        "model": {"hidden": hidden, "activation": activation, "l2": l2},
        "optimizer": opt,
        "batch_size": batch_size,
        "epochs": epochs,
        "seed": seed,
    }
    spec.update(extra)
    return spec


def inline_classes():
    """24 points on two interleaved arcs, given inline in a fixed order."""
    x, y = [], []
    for i in range(24):
        t = i / 23.0
        label = i % 2
        x.append([round(np.cos(3.0 * t + label) * (0.5 + 0.5 * t), 6), round(np.sin(3.0 * t + label) * (0.5 + 0.5 * t), 6)])
        y.append(label)
    return {"x": x, "y": y, "classes": 2, "validation_split": 0.25}


def inline_curve():
    """A 1D curve of 30 rows, one input each, no validation set."""
    x = [[round(-1.0 + 2.0 * i / 29.0, 6)] for i in range(30)]
    y = [round(float(np.tanh(3.0 * r[0]) - 0.5 * r[0]), 6) for r in x]
    return {"x": x, "y": y}


def network_cases():
    """(name, family, exact, spec)."""
    moons, circles = named("moons", 56, 0.25), named("circles", 60, 0.2, seed=3)
    xor, gaussians = named("xor", 48, 0.25, seed=4), named("gaussians", 50, 0.2, seed=5)
    spiral, sine = named("spiral", 64, 0.25, seed=6, noise=0.02), named("sine", 40, 0.25, seed=7)
    polynomial = named("polynomial", 30, 0.2, seed=8, noise=0.15)
    cases = [
        # Every activation, on both losses.
        ("relu/moons/adam/b8", "activation", True, network(moons, [8], "relu", optimizer("adam"), 8, 12)),
        ("tanh/circles/sgd_nesterov/b1/l2", "activation", True,
         network(circles, [6], "tanh", optimizer("sgd", learning_rate=2.0**-5, momentum=0.875, nesterov=True), 1, 6, l2=L2)),
        ("sigmoid/xor/rmsprop_centered/b7/l2/no_val/no_shuffle", "activation", True,
         network({**xor, "validation_split": 0}, [8], "sigmoid", optimizer("rmsprop", centered=True), 7, 10, l2=L2, shuffle=False)),
        ("linear/gaussians/adagrad/b16", "activation", True, network(gaussians, [4], "linear", optimizer("adagrad"), 16, 12)),
        ("relu/sine/adam_amsgrad/b5", "regression", True, network(sine, [8], "relu", optimizer("adam", amsgrad=True), 5, 12)),
        ("tanh/polynomial/adadelta/b3/no_val", "regression", True,
         network({**polynomial, "validation_split": 0}, [6], "tanh", optimizer("adadelta"), 3, 10)),
        ("sigmoid/sine/nadam/b1/l2", "regression", True, network(sine, [5], "sigmoid", optimizer("nadam"), 1, 5, l2=L2)),
        ("linear/polynomial/sgd/b24/no_shuffle", "regression", True,
         network(polynomial, [], "linear", optimizer("sgd", learning_rate=2.0**-4), 24, 20, shuffle=False)),
        # Every optimizer, on deeper networks.
        ("adamax/spiral/relu_8_8/b9", "optimizer", True, network(spiral, [8, 8], "relu", optimizer("adamax"), 9, 10)),
        ("lion/moons/tanh/b6/l2", "optimizer", True, network(moons, [6], "tanh", optimizer("lion"), 6, 10, l2=L2)),
        ("adamw/circles/tanh_6_6/b10", "optimizer", True, network(circles, [6, 6], "tanh", optimizer("adamw"), 10, 12)),
        ("sgd_momentum/xor/relu/b12", "optimizer", True,
         network(xor, [10], "relu", optimizer("sgd", momentum=0.5), 12, 15)),
        ("rmsprop_momentum/gaussians/sigmoid/b5/l2", "optimizer", True,
         network(gaussians, [4, 4], "sigmoid", optimizer("rmsprop", momentum=0.5), 5, 8, l2=L2)),
        ("nadam/spiral/tanh_8_8_8/b16/l2", "optimizer", True,
         network(spiral, [8, 8, 8], "tanh", optimizer("nadam"), 16, 10, l2=L2)),
        ("adagrad/sine/tanh/b4", "optimizer", True, network(sine, [6], "tanh", optimizer("adagrad"), 4, 10)),
        ("adadelta/moons/relu/b11", "optimizer", True, network(moons, [8], "relu", optimizer("adadelta"), 11, 10)),
        # Keras's common options.
        ("clipnorm/moons/sgd", "options", True, network(moons, [6], "tanh", optimizer("sgd", clipnorm=0.5), 4, 8)),
        ("clipvalue/circles/adam", "options", True, network(circles, [6], "relu", optimizer("adam", clipvalue=0.25), 8, 8)),
        ("global_clipnorm/sine/rmsprop", "options", True, network(sine, [6], "tanh", optimizer("rmsprop", global_clipnorm=0.75), 6, 8)),
        ("weight_decay/xor/sgd", "options", True, network(xor, [6], "tanh", optimizer("sgd", weight_decay=0.125), 8, 8)),
        # Inline data, he_normal, a batch larger than the set, early stopping.
        ("inline/classes/adam/b4", "data", True,
         network(inline_classes(), [6], "tanh", optimizer("adam"), 4, 12, seed=9)),
        ("inline/curve/sgd/b30/no_shuffle", "data", True,
         network(inline_curve(), [8], "tanh", optimizer("sgd", learning_rate=2.0**-2), 30, 25, shuffle=False)),
        ("he_normal/moons/relu/b7", "data", True,
         network(moons, [8, 8], "relu", optimizer("adam"), 7, 8,
                 model_extra={"initializer": "he_normal"})),
        ("full_batch/circles/b500", "data", True, network(circles, [6], "tanh", optimizer("adam"), 500, 20)),
        ("early_stopping/polynomial/restore", "early_stopping", True,
         network(polynomial, [16, 16], "relu", optimizer("adam", learning_rate=2.0**-4), 4, 60,
                 early_stopping={"patience": 3, "min_delta": 0, "restore_best_weights": True})),
        ("early_stopping/moons/min_delta", "early_stopping", True,
         network(moons, [8], "tanh", optimizer("sgd", learning_rate=2.0**-1), 8, 40,
                 early_stopping={"patience": 2, "min_delta": 2.0**-7, "restore_best_weights": False})),
    ]
    # Keras's own defaults. With floatx float64 the learning rate is a
    # float64 variable, but Keras still sends some Python floats through
    # float32 (tf.cast): L2's l2 in every case, and what each note says.
    l2_note = "L2(0.001) casts l2 through float32"
    for name, dataset, act, note in [
        ("sgd", sine, "tanh", l2_note + "."),
        ("adam", moons, "relu", l2_note + "; β₁, β₂ go through float32 for βᵗ."),
        ("rmsprop", circles, "tanh", l2_note + "; rho and epsilon stay float64."),
        ("adagrad", xor, "sigmoid", l2_note + "; so does initial_accumulator_value 0.1."),
        ("nadam", gaussians, "tanh", l2_note + "; β₁, β₂ go through float32 in update_step."),
        ("adamw", spiral, "relu", l2_note + "; so do weight_decay 0.004 and β for βᵗ."),
        ("lion", moons, "tanh", l2_note + "; so do β₁ and β₂."),
    ]:
        spec = network(dataset, [6], act, {"name": name}, 8, 10, l2=0.001)
        cases.append((f"keras_defaults/{name}/{dataset['name']}/l2_0.001", "keras_defaults", False, spec, note))
    out = []
    for name, family, exact, spec, *note in cases:
        extra = spec.pop("model_extra", None)
        if extra:
            spec["model"].update(extra)
        case = {"name": name, "family": family, "exact": exact, "spec": spec}
        if note:
            case["note"] = note[0]
        out.append(case)
    return out


def landscape_cases():
    """Every landscape once, plus a schedule, rate changes, a race and the backprop lab."""
    starts = {
        "lecture": [2.9, 1.3], "bowl": [2.5, -1.75], "ellipse": [-2.5, 0.75], "rosenbrock": [-1.25, 1.5],
        "beale": [1.0, 1.5], "himmelblau": [-0.5, 0.25], "booth": [-3.0, 4.5], "saddle": [-1.75, 0.0625],
        "rastrigin": [-2.25, 2.75], "ackley": [-3.25, 2.5], "six_hump_camel": [-1.5, 1.25],
    }
    cases = []
    for i, (landscape, start) in enumerate(starts.items()):
        opt = optimizer("adam", learning_rate=2.0**-5) if i % 2 else optimizer("sgd", learning_rate=2.0**-8)
        cases.append({"name": f"simulate/{landscape}", "spec": {"landscape": landscape, "start": start, "steps": 60, "optimizer": opt}})
    cases.append({"name": "simulate/booth/schedule", "spec": {
        "landscape": "booth", "start": [-3.0, 4.5], "steps": 80, "optimizer": optimizer("rmsprop", learning_rate=2.0**-3),
        "schedule": {"name": "piecewise_constant", "boundaries": [20, 50], "values": [0.125, 0.0625, 0.03125]}}})
    cases.append({"name": "simulate/rosenbrock/learning_rate_changes", "spec": {
        "landscape": "rosenbrock", "start": [-1.25, 1.5], "steps": 100, "optimizer": optimizer("adam", learning_rate=2.0**-4),
        "learning_rate_changes": [[30, 0.125], [70, 0.03125]]}})
    cases.append({"name": "race/lecture", "spec": {
        "landscape": "lecture", "start": [2.9, 1.3], "steps": 120,
        "racers": [optimizer("sgd", learning_rate=0.5), optimizer("rmsprop", momentum=0.5), optimizer("lion", learning_rate=2.0**-4)],
        "learning_rate_changes": [[40, 0.25], [2, 60, 0.03125]]}})
    # The backprop lab's two-weight network, one case per activation, with
    # values float32 holds exactly.
    for activation, x, y, start, steps, rate in [
        ("tanh", 1.5, 0.5, [0.5, -1.0], 40, 0.125),
        ("sigmoid", 2.0, 0.75, [-0.5, 1.25], 30, 0.5),
        ("relu", 1.0, 0.25, [0.75, 0.5], 25, 0.0625),
        ("linear", -1.25, 0.5, [0.25, 1.5], 30, 0.03125),
    ]:
        cases.append({"name": f"backprop/{activation}", "spec": {
            "backprop": {"x": x, "y": y, "activation": activation}, "start": start, "steps": steps,
            "learning_rate": rate, "learning_rate_changes": [[steps // 2, rate / 2]]}})
    return cases


def descent(specs):
    """Programs and Descent's outputs, from the native example, in one run."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(specs, f)
        path = f.name
    try:
        done = subprocess.run(
            ["cargo", "run", "--quiet", "--example", "keras_code", "--", "--batch", path],
            cwd=ROOT, check=True, capture_output=True, text=True)
    finally:
        os.unlink(path)
    return json.loads(done.stdout)


def run_program(program):
    """Runs a program as a script would run, and returns what its last line printed."""
    keras.backend.clear_session()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(program, "<keras_code>", "exec"), {"__name__": "__main__"})
    return json.loads(printed.getvalue().strip().splitlines()[-1])


def worst(a, b, floor):
    """The largest relative difference between two nested outputs."""
    if isinstance(a, dict):
        return max([worst(a[k], b[k], floor) for k in a if k != "status"] + [0.0])
    if isinstance(a, list):
        if len(a) != len(b):
            return float("inf")
        return max([worst(x, y, floor) for x, y in zip(a, b)] + [0.0])
    return abs(a - b) / max(abs(a), floor)


def main():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    networks, landscapes = network_cases(), landscape_cases()
    made = descent([c["spec"] for c in networks] + [c["spec"] for c in landscapes])
    families = {}
    for case, got in zip(networks + landscapes, made):
        print(f"  {case['name']}", file=sys.stderr)
        output = run_program(got["program"])
        case["history" if "family" in case else "output"] = output
        family = case.get("family", "landscape")
        families[family] = max(families.get(family, 0.0), worst(output, got["output"], 1e-8))
    golden = {
        "generator": "tools/keras_networks.py",
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "networks": networks,
        "landscapes": landscapes,
    }
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(networks)} networks and {len(landscapes)} landscape runs to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)
    for family, error in families.items():
        print(f"  worst relative difference from Descent, {family}: {error:.3g}", file=sys.stderr)


if __name__ == "__main__":
    main()
