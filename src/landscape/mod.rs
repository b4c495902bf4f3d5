//! Loss landscapes: two-parameter functions J(w₀, w₁) with analytic
//! gradients, to watch optimizers on.
//!
//! Each landscape lives in its own file, whose doc comment gives the formula,
//! the window it is best seen in and its known minima. The catalogue below is
//! the single list the UI, the specs and the tests loop over, so a new
//! landscape is picked up everywhere by adding one line.

mod ackley;
mod beale;
mod booth;
mod bowl;
mod ellipse;
mod himmelblau;
mod lecture;
mod rastrigin;
mod rosenbrock;
mod saddle;
mod six_hump_camel;

pub use ackley::Ackley;
pub use beale::Beale;
pub use booth::Booth;
pub use bowl::Bowl;
pub use ellipse::Ellipse;
pub use himmelblau::Himmelblau;
pub use lecture::{Lecture, LECTURE_LEARNING_RATES, LECTURE_START};
pub use rastrigin::Rastrigin;
pub use rosenbrock::Rosenbrock;
pub use saddle::Saddle;
pub use six_hump_camel::SixHumpCamel;

use crate::spec::SpecError;

/// A point in the plane of the two weights (w₀, w₁), drawn as (x, y).
pub type Point = [f64; 2];

/// The rectangle a landscape is drawn in: `[x_min, x_max] × [y_min, y_max]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl Window {
    pub const fn new(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Self {
        Window {
            x_min,
            x_max,
            y_min,
            y_max,
        }
    }

    pub fn width(&self) -> f64 {
        self.x_max - self.x_min
    }

    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }

    pub fn contains(&self, p: Point) -> bool {
        (self.x_min..=self.x_max).contains(&p[0]) && (self.y_min..=self.y_max).contains(&p[1])
    }
}

/// A loss J(w) over two weights, with everything the lab needs to show it.
pub trait Landscape: Send + Sync {
    /// The catalogue name used in specs and URLs, e.g. `"rosenbrock"`.
    fn name(&self) -> &'static str;
    /// The formula as the UI prints it, e.g. `"(1 − x)² + 100·(y − x²)²"`.
    fn formula(&self) -> &'static str;
    /// J written in TensorFlow ops on the tensors `x` and `y` (with `tf` and
    /// `math` imported), as the exported Keras program computes it; every
    /// catalogue landscape has one. Its gradient is TensorFlow's autodiff.
    fn tf_expression(&self) -> Option<&'static str> {
        None
    }
    /// One line on what this landscape teaches.
    fn note(&self) -> &'static str;
    /// The default view window.
    fn window(&self) -> Window;
    /// Known minima; the first one is the global minimum.
    fn minima(&self) -> &[Point];
    /// A good default start point for a race.
    fn start(&self) -> Point;
    /// J(w).
    fn loss(&self, p: Point) -> f64;
    /// ∂J/∂w, written out by hand (tests check it against finite differences).
    fn gradient(&self, p: Point) -> Point;
    /// Eigenvalues of the Hessian if J is quadratic, for the stability edge
    /// η = 2/λ_max of plain gradient descent.
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        None
    }
    /// What the two coordinates are called on the axes: a landscape of a
    /// model's weights names them after the weights.
    fn axis_names(&self) -> [&'static str; 2] {
        ["x", "y"]
    }
}

/// A borrowed landscape is the landscape it borrows, so a run may hold a
/// catalogue entry (`&'static dyn Landscape`) as well as own a landscape
/// built at run time.
impl<T: Landscape + ?Sized> Landscape for &T {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn formula(&self) -> &'static str {
        (**self).formula()
    }
    fn tf_expression(&self) -> Option<&'static str> {
        (**self).tf_expression()
    }
    fn note(&self) -> &'static str {
        (**self).note()
    }
    fn window(&self) -> Window {
        (**self).window()
    }
    fn minima(&self) -> &[Point] {
        (**self).minima()
    }
    fn start(&self) -> Point {
        (**self).start()
    }
    fn loss(&self, p: Point) -> f64 {
        (**self).loss(p)
    }
    fn gradient(&self, p: Point) -> Point {
        (**self).gradient(p)
    }
    fn hessian_eigenvalues(&self) -> Option<[f64; 2]> {
        (**self).hessian_eigenvalues()
    }
    fn axis_names(&self) -> [&'static str; 2] {
        (**self).axis_names()
    }
}

/// Every landscape, in the order the picker lists them.
pub fn catalogue() -> &'static [&'static dyn Landscape] {
    &[
        &Lecture,
        &Bowl,
        &Ellipse,
        &Rosenbrock,
        &Beale,
        &Himmelblau,
        &Booth,
        &Saddle,
        &Rastrigin,
        &Ackley,
        &SixHumpCamel,
    ]
}

/// Looks a landscape up by its catalogue name.
pub fn by_name(name: &str) -> Result<&'static dyn Landscape, SpecError> {
    catalogue()
        .iter()
        .copied()
        .find(|l| l.name() == name)
        .ok_or_else(|| {
            let names: Vec<_> = catalogue().iter().map(|l| l.name()).collect();
            SpecError::new(
                "landscape",
                format!(
                    "unknown landscape \"{}\"; allowed: {}",
                    crate::spec::cut(name),
                    names.join(", ")
                ),
            )
        })
}
