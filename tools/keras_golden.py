"""Golden trajectories and learning-rate schedules from tf.keras.

Writes tests/golden/keras.json, which tests/golden.rs replays through
Descent's engine point by point. CI never runs this script; it needs
tensorflow-cpu in a throwaway venv (see tools/README.md).

Why it is built this way:
- The parameters are ONE float64 keras.Variable of shape (2,), like the
  engine's flat f64 slice, so clipnorm and global_clipnorm see the same norm.
- Gradients are computed here in numpy float64 with the same expression and
  the same operation order as each landscape's Rust `gradient`, so any
  difference between the two paths comes from the optimizer alone.
- Keras keeps the learning rate in a float32 variable and sends some Python
  hyperparameters through float32 (tf.cast of a Python float makes a float32
  tensor first). The main cases therefore use values float32 holds exactly
  (2**-6, 0.875, 0.96875, 2**-20 ...). The "keras_defaults" cases use Keras's
  own defaults; there the spec carries what Keras really computes with where
  we can say it (the float32 learning rate), and the note says what is left.
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "keras.json")


# --- Landscape gradients: the Rust expressions, operation for operation. ---


def bowl(p):
    x, y = p
    return [x, y]


def ellipse(p):
    x, y = p
    return [x, 25.0 * y]


def rosenbrock(p):
    x, y = p
    b = y - x * x
    return [-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b]


def booth(p):
    x, y = p
    a = x + 2.0 * y - 7.0
    b = 2.0 * x + y - 5.0
    return [2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b]


def beale(p):
    x, y = p
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y * y
    c = 2.625 - x + x * y * y * y
    return [
        2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y * y * y - 1.0),
        2.0 * a * x + 2.0 * b * 2.0 * x * y + 2.0 * c * 3.0 * x * y * y,
    ]


def himmelblau(p):
    x, y = p
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]


GRADIENTS = {
    "bowl": bowl,
    "ellipse": ellipse,
    "rosenbrock": rosenbrock,
    "booth": booth,
    "beale": beale,
    "himmelblau": himmelblau,
}

# Start points inside each landscape's window, away from the minimum.
STARTS = {
    "bowl": [2.5, -1.75],
    "ellipse": [-2.5, 0.75],
    "rosenbrock": [-1.25, 1.5],
    "booth": [-3.0, 4.5],
    "beale": [1.0, 1.5],
    "himmelblau": [-0.5, 0.25],
}

# Plain gradient descent needs η below 2/λ_max of each landscape's Hessian
# along the path; adaptive rules move about η per step.
SGD_RATE = {
    "bowl": 2.0**-3,
    "ellipse": 2.0**-4,
    "rosenbrock": 2.0**-11,
    "booth": 2.0**-5,
    "beale": 2.0**-8,
    "himmelblau": 2.0**-7,
}
ADAPTIVE_RATE = 2.0**-4

LANDSCAPES = ["bowl", "ellipse", "rosenbrock", "booth", "beale"]

KERAS_CLASS = {
    "sgd": keras.optimizers.SGD,
    "adagrad": keras.optimizers.Adagrad,
    "adadelta": keras.optimizers.Adadelta,
    "rmsprop": keras.optimizers.RMSprop,
    "adam": keras.optimizers.Adam,
    "adamw": keras.optimizers.AdamW,
    "adamax": keras.optimizers.Adamax,
    "nadam": keras.optimizers.Nadam,
    "lion": keras.optimizers.Lion,
}

STEPS = 150


def rate(name, landscape):
    if name == "sgd":
        return SGD_RATE[landscape]
    if name == "adadelta":
        return 1.0
    if name == "adagrad":
        return 2.0**-2
    if name == "lion":
        return 2.0**-5
    return ADAPTIVE_RATE


# Options per optimizer: (label, extra hyperparameters, scale of the
# learning rate). Every value is exact in float32.
OPTIONS = {
    "sgd": [
        ("momentum", {"momentum": 0.5}, 1.0),
        ("heavy_momentum", {"momentum": 0.875}, 0.125),
        ("nesterov", {"momentum": 0.875, "nesterov": True}, 0.125),
    ],
    "adagrad": [
        ("initial_accumulator_value", {"initial_accumulator_value": 0.25}, 1.0),
        ("zero_accumulator", {"initial_accumulator_value": 0.0, "epsilon": 2.0**-20}, 1.0),
        ("epsilon", {"epsilon": 0.5}, 1.0),
    ],
    "adadelta": [
        ("rho", {"rho": 0.75}, 1.0),
        ("epsilon", {"rho": 0.875, "epsilon": 2.0**-10}, 1.0),
    ],
    "rmsprop": [
        ("rho", {"rho": 0.75, "epsilon": 2.0**-20}, 1.0),
        ("momentum", {"momentum": 0.5}, 0.5),
        ("centered", {"centered": True, "rho": 0.875}, 1.0),
        ("centered_momentum", {"centered": True, "momentum": 0.5, "epsilon": 2.0**-20}, 0.5),
        ("epsilon", {"epsilon": 0.25}, 1.0),
    ],
    "adam": [
        ("betas", {"beta_1": 0.875, "beta_2": 0.96875}, 1.0),
        ("epsilon", {"epsilon": 2.0**-20}, 1.0),
        ("big_epsilon", {"epsilon": 0.5}, 1.0),
        ("amsgrad", {"amsgrad": True, "beta_2": 0.96875}, 1.0),
    ],
    "adamw": [
        ("betas", {"weight_decay": 0.5, "beta_1": 0.875, "beta_2": 0.96875, "amsgrad": True}, 1.0),
    ],
    "adamax": [
        ("betas", {"beta_1": 0.875, "beta_2": 0.96875}, 1.0),
        ("epsilon", {"epsilon": 0.5}, 1.0),
    ],
    "nadam": [
        ("betas", {"beta_1": 0.875, "beta_2": 0.96875}, 1.0),
        ("epsilon", {"epsilon": 2.0**-20}, 1.0),
    ],
    "lion": [
        ("betas", {"beta_1": 0.875, "beta_2": 0.96875}, 1.0),
    ],
}

# Options of Keras's base Optimizer. weight_decay is the decoupled decay
# w ← w − w·weight_decay·η that Keras applies to any optimizer (AdamW is
# Adam with it on). Clipping thresholds sit below the gradients' size early
# in each run, so they bite.
COMMON_OPTIONS = [
    ("weight_decay", {"weight_decay": 0.125}),
    ("clipnorm", {"clipnorm": 0.5}),
    ("clipvalue", {"clipvalue": 0.25}),
    ("global_clipnorm", {"global_clipnorm": 0.75}),
]

# Hyperparameters whose Keras default is not exact in float32 but that
# Keras sends through float32 anyway; every optimizer below is given them
# explicitly (as float32-exact values) in the main cases.
FLOAT32_EXACT_BASE = {
    "sgd": {},
    "adagrad": {"initial_accumulator_value": 0.125, "epsilon": 2.0**-20},
    "adadelta": {"rho": 0.9375, "epsilon": 2.0**-20},
    "rmsprop": {"rho": 0.875, "epsilon": 2.0**-20},
    "adam": {"beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "adamw": {"weight_decay": 0.125, "beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "adamax": {"beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "nadam": {"beta_1": 0.875, "beta_2": 0.9921875, "epsilon": 2.0**-20},
    "lion": {"beta_1": 0.875, "beta_2": 0.96875},
}


def f32(x):
    return float(np.float32(x))


def run(landscape, start, config, steps, schedule=None, set_learning_rate=()):
    """Runs Keras from `start` and returns the path [x0, y0, x1, y1, ...]."""
    gradient = GRADIENTS[landscape]
    kwargs = {k: v for k, v in config.items() if k != "name"}
    if schedule is not None:
        kwargs["learning_rate"] = make_schedule(schedule)
    optimizer = KERAS_CLASS[config["name"]](**kwargs)
    w = keras.Variable(np.array(start, dtype=np.float64), dtype="float64")
    changes = dict(set_learning_rate)
    path = list(start)
    for step in range(steps):
        if step in changes:
            optimizer.learning_rate = changes[step]
        p = w.numpy()
        g = np.array(gradient((float(p[0]), float(p[1]))), dtype=np.float64)
        optimizer.apply([tf.constant(g, dtype=tf.float64)], [w])
        p = w.numpy()
        if not np.all(np.isfinite(p)) or np.max(np.abs(p)) > 1e6:
            sys.exit(f"{landscape} {config}: left the box at step {step + 1}; pick a smaller rate")
        path.extend([float(p[0]), float(p[1])])
    return path


def make_schedule(spec):
    s = keras.optimizers.schedules
    name = spec["name"]
    if name == "exponential_decay":
        return s.ExponentialDecay(
            spec["initial_learning_rate"],
            spec["decay_steps"],
            spec["decay_rate"],
            staircase=spec.get("staircase", False),
        )
    if name == "piecewise_constant":
        return s.PiecewiseConstantDecay(spec["boundaries"], spec["values"])
    if name == "cosine_decay":
        return s.CosineDecay(
            spec["initial_learning_rate"],
            spec["decay_steps"],
            alpha=spec.get("alpha", 0.0),
            warmup_target=spec.get("warmup_target"),
            warmup_steps=spec.get("warmup_steps", 0),
        )
    raise ValueError(name)


def trajectory_cases():
    cases = []

    def add(name, landscape, config, steps=STEPS, **extra):
        case = {
            "name": name,
            "landscape": landscape,
            "start": STARTS[landscape],
            "optimizer": config,
            "steps": steps,
        }
        case.update(extra)
        case["path"] = run(
            landscape,
            case["start"],
            config,
            steps,
            schedule=extra.get("schedule"),
            set_learning_rate=extra.get("set_learning_rate", ()),
        )
        cases.append(case)
        print(f"  {name}", file=sys.stderr)

    for name in KERAS_CLASS:
        # The plain rule on every landscape.
        for landscape in LANDSCAPES:
            config = {"name": name, "learning_rate": rate(name, landscape)}
            config.update(FLOAT32_EXACT_BASE[name])
            add(f"{name}/{landscape}", landscape, config)
        # Each option on two landscapes, rotating so all five are used.
        for i, (label, options, scale) in enumerate(OPTIONS[name]):
            for landscape in (LANDSCAPES[i % 5], LANDSCAPES[(i + 2) % 5]):
                config = {"name": name, "learning_rate": rate(name, landscape) * scale}
                config.update(FLOAT32_EXACT_BASE[name])
                config.update(options)
                add(f"{name}/{label}/{landscape}", landscape, config)

        # The options every Keras optimizer takes, on every optimizer.
        for i, (label, options) in enumerate(COMMON_OPTIONS):
            landscape = LANDSCAPES[(i + len(name)) % 5]
            config = {"name": name, "learning_rate": rate(name, landscape)}
            config.update(FLOAT32_EXACT_BASE[name])
            config.update(options)
            add(f"{name}/{label}/{landscape}", landscape, config)

    # The slider: the learning rate changes mid-run; state is kept.
    for name, scale in [("sgd", 0.125), ("rmsprop", 0.5), ("adam", 1.0)]:
        config = {"name": name, "learning_rate": rate(name, "booth") * scale}
        config.update(FLOAT32_EXACT_BASE[name])
        if name == "sgd":
            config["momentum"] = 0.875
        if name == "rmsprop":
            config["momentum"] = 0.5
        lr = config["learning_rate"]
        add(
            f"{name}/set_learning_rate/booth",
            "booth",
            config,
            set_learning_rate=[[40, lr * 4], [90, lr / 2]],
        )

    # Schedules whose float32 values are exact, so the whole path can be
    # compared digit for digit.
    add(
        "sgd/piecewise_constant/bowl",
        "bowl",
        {"name": "sgd", "learning_rate": 0.25, "momentum": 0.5},
        schedule={"name": "piecewise_constant", "boundaries": [20, 60], "values": [0.25, 0.125, 0.03125]},
    )
    add(
        "adam/exponential_decay_staircase/rosenbrock",
        "rosenbrock",
        {"name": "adam", "learning_rate": 0.0625, **FLOAT32_EXACT_BASE["adam"]},
        schedule={
            "name": "exponential_decay",
            "initial_learning_rate": 0.0625,
            "decay_steps": 25,
            "decay_rate": 0.5,
            "staircase": True,
        },
    )

    # Keras's own defaults. The learning rate Keras uses is float32(η), so
    # the spec carries that value; other defaults stay as Keras's Python
    # floats, and the note says what Keras sends through float32.
    defaults = {
        "sgd": ("ellipse", "learning_rate 0.01 is held in float32; the spec carries float32(0.01)."),
        "adagrad": ("bowl", "learning_rate float32(0.001); Keras also casts initial_accumulator_value 0.1 through float32."),
        "adadelta": ("bowl", "learning_rate float32(0.001); rho 0.95 and epsilon stay float64 in Keras."),
        "rmsprop": ("booth", "learning_rate float32(0.001); rho 0.9 and epsilon stay float64 in Keras."),
        "adam": ("beale", "learning_rate float32(0.001); Keras casts beta_1, beta_2 through float32 for β^t only (1 − β stays float64)."),
        "adamw": ("beale", "learning_rate float32(0.001); Keras casts weight_decay 0.004 and β for β^t through float32."),
        "adamax": ("booth", "learning_rate float32(0.001); Keras casts beta_1 through float32 for β₁^t only."),
        "nadam": ("ellipse", "learning_rate float32(0.001); Keras casts β₁, β₂ through float32 in update_step, but its running product uses the float64 β₁."),
        "lion": ("rosenbrock", "learning_rate float32(0.001); Keras casts β₁, β₂ through float32."),
    }
    for name, (landscape, note) in defaults.items():
        lr = keras.optimizers.get(name).learning_rate.numpy()
        config = {"name": name, "learning_rate": float(lr)}
        add(f"{name}/keras_defaults/{landscape}", landscape, config, steps=120, keras_defaults=True, note=note)
    return cases


def schedule_cases():
    specs = [
        {"name": "exponential_decay", "initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.96},
        {"name": "exponential_decay", "initial_learning_rate": 0.5, "decay_steps": 30, "decay_rate": 0.5, "staircase": True},
        {"name": "exponential_decay", "initial_learning_rate": 0.01, "decay_steps": 7, "decay_rate": 0.9, "staircase": True},
        {"name": "piecewise_constant", "boundaries": [100, 250], "values": [0.1, 0.05, 0.01]},
        {"name": "piecewise_constant", "boundaries": [10, 20, 40, 80], "values": [1.0, 0.5, 0.3, 0.2, 0.001]},
        {"name": "cosine_decay", "initial_learning_rate": 0.1, "decay_steps": 500},
        {"name": "cosine_decay", "initial_learning_rate": 0.05, "decay_steps": 300, "alpha": 0.1},
        {"name": "cosine_decay", "initial_learning_rate": 0.01, "decay_steps": 400, "warmup_target": 0.1, "warmup_steps": 100},
        {"name": "cosine_decay", "initial_learning_rate": 0.001, "decay_steps": 200, "alpha": 0.25, "warmup_target": 0.5, "warmup_steps": 50},
    ]
    steps = list(range(0, 40)) + list(range(40, 700, 7)) + [999, 1000, 5000]
    cases = []
    for spec in specs:
        schedule = make_schedule(spec)
        values = [float(np.asarray(schedule(step))) for step in steps]
        # Far down a decay float32 underflows (to subnormals, then 0) where
        # float64 does not; rates that small move nothing, so leave them out.
        kept = [(t, v) for t, v in zip(steps, values) if v >= 1e-30]
        cases.append(
            {"schedule": spec, "steps": [t for t, _ in kept], "learning_rate": [v for _, v in kept]}
        )
    return cases


def main():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    print("trajectories:", file=sys.stderr)
    trajectories = trajectory_cases()
    golden = {
        "generator": "tools/keras_golden.py",
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "trajectories": trajectories,
        "schedules": schedule_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(trajectories)} trajectories to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
