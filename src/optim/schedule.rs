//! Learning-rate schedules with the semantics of
//! `keras.optimizers.schedules`: η as a function of the step count
//! (`optimizer.iterations`, 0 on the first step).
//!
//! - constant:            η(t) = η₀
//! - exponential_decay:   η(t) = η₀ · rᵖ, p = t/decay_steps (⌊p⌋ if staircase)
//! - piecewise_constant:  η(t) = values[i] for boundaries[i−1] < t ≤ boundaries[i]
//! - cosine_decay:        warm up linearly from η₀ to warmup_target over
//!   warmup_steps (if warmup_target is set), then
//!   η = peak·((1 − α)·½(1 + cos(π·min(t', decay_steps)/decay_steps)) + α)
//!
//! Keras computes these in float32; we use f64.
//!
//! Each schedule's parameters are one table ([`SCHEDULES`]): the parser
//! reads and checks a spec by it, and the UI's catalogue lists it, so the
//! page builds its schedule form from the engine's own names, defaults and
//! rules.

use crate::spec::{self, describe, path, SpecError};
use serde_json::{Map, Value};

/// What values a schedule parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterKind {
    /// A learning rate > 0. It moves with the optimizer's rate: the
    /// learning-rate view gives these as multiples of each panel's η.
    Rate,
    /// A list of learning rates > 0, moved with the rate as `Rate` is.
    Rates,
    /// A number of steps > 0.
    Steps,
    /// A number of steps ≥ 0.
    StepsOrZero,
    /// A strictly increasing list of step counts.
    Boundaries,
    /// A number > 0.
    Positive,
    /// A number in [0, 1].
    Fraction,
    /// true or false.
    Flag,
}

/// What a parameter is when a spec leaves it out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParameterDefault {
    /// Keras requires it: leaving it out is an error.
    Required,
    /// The optimizer's learning rate.
    LearningRate,
    /// Keras's `None`: off unless given.
    Off,
    Number(f64),
    Flag(bool),
}

/// One row of a schedule's table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parameter {
    /// Keras's argument name.
    pub name: &'static str,
    pub kind: ParameterKind,
    pub default: ParameterDefault,
    /// What a form starts with when there is no default: one number, or a
    /// list; empty for none.
    pub example: &'static [f64],
    /// A short phrase for tooltips.
    pub help: &'static str,
}

const fn parameter(
    name: &'static str,
    kind: ParameterKind,
    default: ParameterDefault,
    example: &'static [f64],
    help: &'static str,
) -> Parameter {
    Parameter {
        name,
        kind,
        default,
        example,
        help,
    }
}

/// One schedule: its name, its parameters and a one-line note for the UI.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScheduleDefinition {
    pub name: &'static str,
    pub parameters: &'static [Parameter],
    pub note: &'static str,
}

use ParameterDefault::{Flag, LearningRate, Number, Off, Required};
use ParameterKind as K;

const INITIAL: Parameter = parameter(
    "initial_learning_rate",
    K::Rate,
    LearningRate,
    &[],
    "η₀, the rate at step 0; the optimizer's learning rate unless given",
);

/// Every schedule, in the order the UI lists them.
pub const SCHEDULES: &[ScheduleDefinition] = &[
    ScheduleDefinition {
        name: "constant",
        parameters: &[parameter(
            "learning_rate",
            K::Rate,
            LearningRate,
            &[],
            "η at every step; the optimizer's learning rate unless given",
        )],
        note: "η stays the same at every step.",
    },
    ScheduleDefinition {
        name: "exponential_decay",
        parameters: &[
            INITIAL,
            parameter(
                "decay_steps",
                K::Steps,
                Required,
                &[500.0],
                "steps over which η is multiplied by decay_rate once",
            ),
            parameter(
                "decay_rate",
                K::Positive,
                Required,
                &[0.5],
                "the factor η is multiplied by every decay_steps steps",
            ),
            parameter(
                "staircase",
                K::Flag,
                Flag(false),
                &[],
                "drop η in steps, at whole multiples of decay_steps",
            ),
        ],
        note: "η(t) = η₀ · decay_rateᵗ/ᵈᵉᶜᵃʸ_ˢᵗᵉᵖˢ (floored with staircase): big steps first, small steps later.",
    },
    ScheduleDefinition {
        name: "piecewise_constant",
        parameters: &[
            parameter(
                "boundaries",
                K::Boundaries,
                Required,
                &[300.0, 1000.0],
                "the steps after which η moves to the next value",
            ),
            parameter(
                "values",
                K::Rates,
                Required,
                &[1.0, 0.3, 0.1],
                "η before the first boundary, then after each one",
            ),
        ],
        note: "η drops to the next value after each boundary step; values are multiples of each panel’s η.",
    },
    ScheduleDefinition {
        name: "cosine_decay",
        parameters: &[
            INITIAL,
            parameter(
                "decay_steps",
                K::Steps,
                Required,
                &[2000.0],
                "steps from the peak rate down to alpha times it",
            ),
            parameter(
                "alpha",
                K::Fraction,
                Number(0.0),
                &[],
                "the final rate, as a fraction of the peak",
            ),
            parameter(
                "warmup_target",
                K::Rate,
                Off,
                &[],
                "the peak rate a linear warmup climbs to; none: no warmup",
            ),
            parameter(
                "warmup_steps",
                K::StepsOrZero,
                Number(0.0),
                &[],
                "steps of linear warmup before the decay",
            ),
        ],
        note: "η follows half a cosine from η₀ down to alpha·η₀ over decay_steps, after an optional linear warmup.",
    },
];

/// The schedule names a spec may use.
pub const SCHEDULE_NAMES: [&str; SCHEDULES.len()] = {
    let mut names = [""; SCHEDULES.len()];
    let mut i = 0;
    while i < SCHEDULES.len() {
        names[i] = SCHEDULES[i].name;
        i += 1;
    }
    names
};

/// A schedule spec's values, read and checked by its table.
struct Reader<'a> {
    map: &'a Map<String, Value>,
    field: &'a str,
    definition: &'static ScheduleDefinition,
    learning_rate: f64,
}

impl Reader<'_> {
    fn path(&self, key: &str) -> String {
        path(self.field, key)
    }

    fn row(&self, name: &str) -> Result<&'static Parameter, SpecError> {
        let d = self.definition;
        d.parameters.iter().find(|p| p.name == name).ok_or_else(|| {
            let names: Vec<_> = d.parameters.iter().map(|p| p.name).collect();
            SpecError::new(
                self.path(name),
                format!(
                    "is not a parameter of {}; allowed: {}",
                    d.name,
                    names.join(", ")
                ),
            )
        })
    }

    /// A number parameter, or `None` for an option left off.
    fn optional(&self, name: &str) -> Result<Option<f64>, SpecError> {
        let p = self.row(name)?;
        let f = self.path(name);
        let given = self
            .map
            .get(name)
            .filter(|v| !v.is_null() || p.default != Off);
        let x = match (given, p.default) {
            (None, Off) => return Ok(None),
            (None, LearningRate) => self.learning_rate,
            (None, Number(d)) => d,
            (v, _) => spec::number(v, &f)?,
        };
        let (ok, rule) = match p.kind {
            K::Rate | K::Positive | K::Steps => (x > 0.0, "a finite number > 0"),
            K::StepsOrZero => (x >= 0.0, "≥ 0"),
            K::Fraction => ((0.0..=1.0).contains(&x), "in [0, 1]"),
            K::Rates | K::Boundaries | K::Flag => {
                return Err(SpecError::new(f, "is not a number parameter"))
            }
        };
        if ok {
            Ok(Some(x))
        } else {
            Err(SpecError::new(f, format!("must be {rule}, got {x}")))
        }
    }

    fn number(&self, name: &str) -> Result<f64, SpecError> {
        self.optional(name)?
            .ok_or_else(|| SpecError::new(self.path(name), "is missing; expected a number"))
    }

    fn flag(&self, name: &str) -> Result<bool, SpecError> {
        let p = self.row(name)?;
        match (self.map.get(name), p.default) {
            (None, Flag(d)) => Ok(d),
            (Some(Value::Bool(b)), _) => Ok(*b),
            (v, _) => Err(SpecError::new(
                self.path(name),
                format!(
                    "must be true or false, got {}",
                    v.map_or("nothing".to_string(), describe)
                ),
            )),
        }
    }

    fn list(&self, name: &str) -> Result<Vec<f64>, SpecError> {
        let p = self.row(name)?;
        let f = self.path(name);
        let v = self
            .map
            .get(name)
            .ok_or_else(|| SpecError::new(&f, "is missing; expected a list of numbers"))?;
        let items = v.as_array().ok_or_else(|| {
            SpecError::new(
                &f,
                format!("must be a list of numbers, got {}", describe(v)),
            )
        })?;
        let list: Vec<f64> = items
            .iter()
            .enumerate()
            .map(|(i, x)| spec::number(Some(x), &format!("{f}[{i}]")))
            .collect::<Result<_, _>>()?;
        match p.kind {
            K::Boundaries if list.windows(2).any(|w| w[0] >= w[1]) => {
                Err(SpecError::new(f, "must be strictly increasing"))
            }
            K::Rates => match list.iter().position(|v| *v <= 0.0) {
                Some(i) => Err(SpecError::new(
                    format!("{f}[{i}]"),
                    "must be a learning rate > 0",
                )),
                None => Ok(list),
            },
            _ => Ok(list),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    Constant {
        learning_rate: f64,
    },
    ExponentialDecay {
        initial_learning_rate: f64,
        decay_steps: f64,
        decay_rate: f64,
        staircase: bool,
    },
    PiecewiseConstant {
        boundaries: Vec<f64>,
        values: Vec<f64>,
    },
    CosineDecay {
        initial_learning_rate: f64,
        decay_steps: f64,
        alpha: f64,
        warmup_target: Option<f64>,
        warmup_steps: f64,
    },
}

impl Schedule {
    /// η at step `t`.
    pub fn learning_rate(&self, t: u64) -> f64 {
        let t = t as f64;
        match self {
            Schedule::Constant { learning_rate } => *learning_rate,
            Schedule::ExponentialDecay {
                initial_learning_rate,
                decay_steps,
                decay_rate,
                staircase,
            } => {
                let mut p = t / decay_steps;
                if *staircase {
                    p = p.floor();
                }
                initial_learning_rate * decay_rate.powf(p)
            }
            Schedule::PiecewiseConstant { boundaries, values } => {
                let i = boundaries.iter().take_while(|&&b| t > b).count();
                values[i]
            }
            Schedule::CosineDecay {
                initial_learning_rate,
                decay_steps,
                alpha,
                warmup_target,
                warmup_steps,
            } => {
                let decay = |step: f64, from: f64| {
                    let fraction = step / decay_steps;
                    let cosine = 0.5 * (1.0 + (std::f64::consts::PI * fraction).cos());
                    from * ((1.0 - alpha) * cosine + alpha)
                };
                match warmup_target {
                    None => decay(t.min(*decay_steps), *initial_learning_rate),
                    Some(target) => {
                        let t = t.min(decay_steps + warmup_steps);
                        if t < *warmup_steps {
                            (target - initial_learning_rate) * (t / warmup_steps)
                                + initial_learning_rate
                        } else {
                            decay(t - warmup_steps, *target)
                        }
                    }
                }
            }
        }
    }

    /// Moves the schedule so that it starts from `learning_rate`, keeping
    /// its shape: the learning-rate slider drives scheduled runs too.
    pub fn set_initial_learning_rate(&mut self, learning_rate: f64) {
        match self {
            Schedule::Constant { learning_rate: lr } => *lr = learning_rate,
            Schedule::ExponentialDecay {
                initial_learning_rate,
                ..
            } => *initial_learning_rate = learning_rate,
            Schedule::PiecewiseConstant { values, .. } => {
                let scale = learning_rate / values[0];
                for v in values.iter_mut() {
                    *v *= scale;
                }
            }
            Schedule::CosineDecay {
                initial_learning_rate,
                warmup_target,
                ..
            } => {
                if let Some(target) = warmup_target {
                    *target *= learning_rate / *initial_learning_rate;
                }
                *initial_learning_rate = learning_rate;
            }
        }
    }

    /// Reads `{"name": "exponential_decay", "decay_steps": 100, …}`, by the
    /// schedule's table. `initial_learning_rate` defaults to the optimizer's
    /// `learning_rate`.
    pub fn from_json(
        map: &Map<String, Value>,
        field: &str,
        learning_rate: f64,
    ) -> Result<Self, SpecError> {
        let allowed = || SCHEDULE_NAMES.join(", ");
        let name = spec::string(map.get("name"), &path(field, "name")).map_err(|e| {
            SpecError::new(e.field, format!("{}; allowed: {}", e.message, allowed()))
        })?;
        let definition = SCHEDULES.iter().find(|d| d.name == name).ok_or_else(|| {
            SpecError::new(
                path(field, "name"),
                format!(
                    "unknown schedule \"{}\"; allowed: {}",
                    spec::cut(name),
                    allowed()
                ),
            )
        })?;
        let keys: Vec<&str> = std::iter::once("name")
            .chain(definition.parameters.iter().map(|p| p.name))
            .collect();
        spec::reject_unknown(map, field, &keys)?;
        let r = Reader {
            map,
            field,
            definition,
            learning_rate,
        };
        let schedule = match name {
            "constant" => Schedule::Constant {
                learning_rate: r.number("learning_rate")?,
            },
            "exponential_decay" => Schedule::ExponentialDecay {
                initial_learning_rate: r.number("initial_learning_rate")?,
                decay_steps: r.number("decay_steps")?,
                decay_rate: r.number("decay_rate")?,
                staircase: r.flag("staircase")?,
            },
            "piecewise_constant" => {
                let boundaries = r.list("boundaries")?;
                let values = r.list("values")?;
                if values.len() != boundaries.len() + 1 {
                    return Err(SpecError::new(
                        r.path("values"),
                        format!(
                            "must have one more entry than boundaries ({} boundaries, {} values)",
                            boundaries.len(),
                            values.len()
                        ),
                    ));
                }
                Schedule::PiecewiseConstant { boundaries, values }
            }
            "cosine_decay" => Schedule::CosineDecay {
                initial_learning_rate: r.number("initial_learning_rate")?,
                decay_steps: r.number("decay_steps")?,
                alpha: r.number("alpha")?,
                warmup_target: r.optional("warmup_target")?,
                warmup_steps: r.number("warmup_steps")?,
            },
            other => unreachable!("{other} is in SCHEDULES but has no constructor"),
        };
        Ok(schedule)
    }
}
