//! The lecture, scene by scene: MIT 6.S191's "Training Neural Networks" in
//! its own order, each slide group as a live figure of one of the views
//! with a preset state, a narration of a few plain sentences, and build-up
//! steps that drive the figure and light the matching line of the
//! algorithm box or the TensorFlow code.
//!
//! This is teaching text, so it lives here, once; the page only renders it.
//! A figure's `state` is the query part of its view's link (`#race?…`), so
//! "Open in the full tool" is the same state, and a test checks that every
//! state names only keys and values the engine knows.

/// One live figure of a scene: a view, its state as a link query, and
/// optionally which part of the view to show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub view: &'static str,
    pub state: &'static str,
    /// A part of the view (`""`: all of it), e.g. the learning-rate view's
    /// "sweep" or the training view's "lab".
    pub part: &'static str,
}

/// What a build-up step does to the scene's first figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leaves it as it is.
    Keep,
    /// Back to its start, paused.
    Reset,
    /// A random start ~ N(0, σ²), paused.
    RandomStart,
    /// One step.
    Step,
    /// Plays until it converges or is paused.
    Play,
    /// Runs the figure's long job (the range test).
    Run,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Reset => "reset",
            Action::RandomStart => "random_start",
            Action::Step => "step",
            Action::Play => "play",
            Action::Run => "run",
        }
    }
}

/// One build-up step: its caption, what it does, and which lines of the
/// scene's algorithm box and code it lights (0-based).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub caption: &'static str,
    pub action: Action,
    pub algorithm_lines: &'static [usize],
    pub code_lines: &'static [usize],
    /// A state that replaces the first figure's for this step (`""`: keep).
    pub state: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scene {
    pub id: &'static str,
    pub title: &'static str,
    /// One to three plain sentences, with the lecture's formulas.
    pub narration: &'static str,
    /// For the speaker's window: what to say or point at.
    pub notes: &'static str,
    pub figures: &'static [Figure],
    pub steps: &'static [Step],
    pub algorithm: &'static [&'static str],
    pub code: &'static [&'static str],
    /// Rows of (name, Keras class, reference), for the optimizer table.
    pub table: &'static [[&'static str; 3]],
}

const fn step(caption: &'static str, action: Action) -> Step {
    Step {
        caption,
        action,
        algorithm_lines: &[],
        code_lines: &[],
        state: "",
    }
}

const fn lit(
    caption: &'static str,
    action: Action,
    algorithm_lines: &'static [usize],
    code_lines: &'static [usize],
) -> Step {
    Step {
        caption,
        action,
        algorithm_lines,
        code_lines,
        state: "",
    }
}

const fn showing(caption: &'static str, state: &'static str) -> Step {
    Step {
        caption,
        action: Action::Play,
        algorithm_lines: &[],
        code_lines: &[],
        state,
    }
}

const fn figure(view: &'static str, state: &'static str) -> Figure {
    Figure {
        view,
        state,
        part: "",
    }
}

const fn part(view: &'static str, state: &'static str, part: &'static str) -> Figure {
    Figure { view, state, part }
}

const NO_LINES: &[&str] = &[];
const NO_ROWS: &[[&str; 3]] = &[];

const fn scene(
    id: &'static str,
    title: &'static str,
    narration: &'static str,
    notes: &'static str,
    figures: &'static [Figure],
    steps: &'static [Step],
) -> Scene {
    Scene {
        id,
        title,
        narration,
        notes,
        figures,
        steps,
        algorithm: NO_LINES,
        code: NO_LINES,
        table: NO_ROWS,
    }
}

/// The lecture's gradient-descent box, as its slides number it.
const GRADIENT_DESCENT: &[&str] = &[
    "Initialize weights randomly ~ N(0, σ²)",
    "Loop until convergence:",
    "Compute gradient, ∂J(W)/∂W",
    "Update weights, W ← W − η ∂J(W)/∂W",
    "Return weights",
];

/// The lecture's gradient-descent code slide.
const GRADIENT_TAPE: &[&str] = &[
    "import tensorflow as tf",
    "weights = tf.Variable([tf.random.normal()])",
    "while True:    # loop forever",
    "    with tf.GradientTape() as g:",
    "        loss = compute_loss(weights)",
    "        gradient = g.gradient(loss, weights)",
    "    weights = weights - lr * gradient",
];

/// The lecture's "putting it all together" code slide.
const TRAINING_LOOP: &[&str] = &[
    "import tensorflow as tf",
    "model = tf.keras.Sequential([...])",
    "# pick your favorite optimizer",
    "optimizer = tf.keras.optimizers.SGD()",
    "while True: # loop forever",
    "    # forward pass through the network",
    "    prediction = model(x)",
    "    with tf.GradientTape() as tape:",
    "        # compute the loss",
    "        loss = compute_loss(y, prediction)",
    "    # update the weights using the gradient",
    "    grads = tape.gradient(loss, model.trainable_variables)",
    "    optimizer.apply_gradients(zip(grads, model.trainable_variables))",
];

/// The lecture's mini-batch box.
const MINI_BATCH: &[&str] = &[
    "Initialize weights randomly ~ N(0, σ²)",
    "Loop until convergence:",
    "Pick batch of B data points",
    "Compute gradient, ∂J(W)/∂W = (1/B) Σₖ ∂Jₖ(W)/∂W",
    "Update weights, W ← W − η ∂J(W)/∂W",
    "Return weights",
];

/// The lecture's table of gradient-descent algorithms.
const OPTIMIZERS: &[[&str; 3]] = &[
    [
        "SGD",
        "tf.keras.optimizers.SGD",
        "Kiefer & Wolfowitz, “Stochastic Estimation of the Maximum of a Regression Function”, 1952",
    ],
    [
        "Adam",
        "tf.keras.optimizers.Adam",
        "Kingma & Ba, “Adam: A Method for Stochastic Optimization”, 2014",
    ],
    [
        "Adadelta",
        "tf.keras.optimizers.Adadelta",
        "Zeiler, “ADADELTA: An Adaptive Learning Rate Method”, 2012",
    ],
    [
        "Adagrad",
        "tf.keras.optimizers.Adagrad",
        "Duchi, Hazan & Singer, “Adaptive Subgradient Methods for Online Learning and Stochastic Optimization”, 2011",
    ],
    [
        "RMSProp",
        "tf.keras.optimizers.RMSprop",
        "Tieleman & Hinton, Neural Networks for Machine Learning, lecture 6.5, 2012",
    ],
];

/// Every scene, in the lecture's order.
pub const SCENES: &[Scene] = &[
    scene(
        "loss",
        "Loss optimization",
        "We want the weights that make the loss lowest: W* = argmin_W J(W). The loss is a function of the weights, so every point of this landscape is one choice of (w₀, w₁) and its colour is J there.",
        "Hover the landscape: the readout is J at those weights. The star marks W*, the global minimum.",
        &[figure("race", "landscape=lecture&racer=sgd,learning_rate:0.5&start=2.9,1.3&speed=40")],
        &[step("J(W): one number for every choice of weights", Action::Reset)],
    ),
    Scene {
        algorithm: GRADIENT_DESCENT,
        code: GRADIENT_TAPE,
        ..scene(
            "gradient-descent",
            "Gradient descent",
            "Start anywhere, find which way is downhill, step that way, and repeat. The gradient ∂J/∂W points uphill, so we step against it: W ← W − η ∂J/∂W.",
            "Step 1 draws the start from N(0, σ²); press → to take each step of the algorithm in turn.",
            &[figure("race", "landscape=lecture&racer=sgd,learning_rate:0.5&sigma=1.5&seed=7&speed=30")],
            &[
                lit("Randomly pick an initial (w₀, w₁) ~ N(0, σ²)", Action::RandomStart, &[0], &[1]),
                lit("Compute the gradient ∂J/∂W: the arrow shows −∇J, the way down", Action::Keep, &[2], &[3, 4, 5]),
                lit("Take a small step in the opposite direction of the gradient", Action::Step, &[3], &[6]),
                lit("Repeat until convergence", Action::Play, &[1, 2, 3], &[2, 3, 4, 5, 6]),
            ],
        )
    },
    scene(
        "backprop",
        "Backpropagation: the chain rule",
        "How does a small change in one weight change the loss? The chain rule answers it from the output back: ∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂w₂, and one factor further, ∂J/∂w₁ = ∂J/∂ŷ · ∂ŷ/∂z₁ · ∂z₁/∂w₁.",
        "Purple, red and blue are the lecture's colours for the factors. The finite-difference check beside each product is the same number, measured.",
        &[figure("backprop", "x=1.5&y=0.8&w1=-1.2&w2=-1.5&g=tanh&lr=0.1&nudge=2&delta=0.5")],
        &[
            Step { state: "x=1.5&y=0.8&w1=-1.2&w2=-1.5&g=tanh&lr=0.1&nudge=2&delta=0.5", ..step("∂J/∂w₂ = ∂J/∂ŷ (purple) · ∂ŷ/∂w₂ (red)", Action::Reset) },
            Step { state: "x=1.5&y=0.8&w1=-1.2&w2=-1.5&g=tanh&lr=0.1&nudge=1&delta=0.5", ..step("∂J/∂w₁ = ∂J/∂ŷ (purple) · ∂ŷ/∂z₁ (red) · ∂z₁/∂w₁ (blue)", Action::Reset) },
            step("Repeat for every weight, using the gradients from later layers; then descend", Action::Play),
        ],
    ),
    scene(
        "difficult",
        "Training neural networks is difficult",
        "Real loss landscapes are rugged: many local minima, flat regions and sharp valleys. Here four optimizers leave one start on a landscape with hundreds of minima, and most stop in the nearest one.",
        "Rastrigin stands in for a real network's landscape here. Watch which racers get trapped.",
        &[figure("race", "landscape=rastrigin&window=-4.5,1,-0.8,4.6&racer=sgd,learning_rate:0.002&racer=sgd,learning_rate:0.002,momentum:0.9&racer=adam,learning_rate:0.05&racer=rmsprop,learning_rate:0.02&start=-2.2,2.7&speed=60")],
        &[step("Loss functions can be difficult to optimize", Action::Play)],
    ),
    scene(
        "lr-small",
        "Learning rate too small",
        "A small learning rate takes tiny steps: it converges slowly and gets stuck in the first dip it finds, a false local minimum.",
        "Plain SGD at η = 0.05 from the lecture's start.",
        &[figure("race", "landscape=lecture&start=2.9,1.3&speed=60&racer=sgd,learning_rate:0.05")],
        &[step("η = 0.05: stuck in a false local minimum", Action::Play)],
    ),
    scene(
        "lr-large",
        "Learning rate too large",
        "A large learning rate overshoots the valley it aims for: each step lands higher than the last, and the run becomes unstable and diverges.",
        "The same start at η = 5: each step overshoots further, and within a few steps the run leaves the map.",
        &[figure("race", "landscape=lecture&start=2.9,1.3&speed=20&racer=sgd,learning_rate:5")],
        &[step("η = 5: overshoots and diverges", Action::Play)],
    ),
    scene(
        "lr-stable",
        "A stable learning rate",
        "A stable learning rate is large enough to step over the small dips and small enough not to overshoot: it converges smoothly to the global minimum.",
        "η = 0.5, between the two before. Compare all three on one page in the learning-rate view.",
        &[figure("race", "landscape=lecture&start=2.9,1.3&speed=60&racer=sgd,learning_rate:0.5")],
        &[step("η = 0.5: converges and avoids the local minima", Action::Play)],
    ),
    scene(
        "lr-range-test",
        "Idea 1: try many learning rates",
        "Try lots of learning rates and see what works just right: run the same start at each rate and plot where each run ends. Too small stalls, too large diverges, and the best lies just below the edge.",
        "The sweep runs a slice per frame, so the page never freezes. In the full tool, click a rate on the chart to watch that run.",
        &[part("lr", "landscape=lecture&start=2.9,1.3&sweep=0.001,10,60,3000", "sweep")],
        &[step("The learning-rate range test: final loss against η", Action::Run)],
    ),
    scene(
        "adaptive",
        "Idea 2: adaptive learning rates",
        "Adaptive optimizers give every weight its own step size, larger or smaller depending on how large its gradients have been. Plain SGD uses one η for all.",
        "The chart reads each coordinate's effective rate from the optimizer's own state, step by step.",
        &[part("lr", "landscape=ellipse&adaptive=adam", "adaptive")],
        &[step("The effective per-coordinate learning rates", Action::Keep)],
    ),
    Scene {
        table: OPTIMIZERS,
        ..scene(
            "optimizers",
            "Gradient descent algorithms",
            "The lecture's table of optimizers, each with its Keras class, racing from one start on one landscape.",
            "Every racer runs Keras's exact update rule; in the full tool, pick a racer to see its rule with this step's numbers.",
            &[figure("race", "landscape=ellipse&racer=sgd,learning_rate:0.07&racer=adam,learning_rate:0.1&racer=adadelta,learning_rate:1&racer=adagrad,learning_rate:0.5&racer=rmsprop,learning_rate:0.02&speed=40")],
            &[step("SGD, Adam, Adadelta, Adagrad and RMSProp", Action::Play)],
        )
    },
    Scene {
        code: TRAINING_LOOP,
        ..scene(
            "together",
            "Putting it all together",
            "A network, an optimizer, and a loop: forward pass, loss, gradients by backpropagation, and one optimizer step. Any optimizer can replace SGD.",
            "The network beside the code trains with exactly this loop.",
            &[figure("train", "dataset=circles&layers=2&units=8&activation=tanh&optimizer=sgd&lr=0.3&batch=16&epochs=300&speed=300")],
            &[
                lit("Pick your favourite optimizer", Action::Reset, &[], &[1, 3]),
                lit("Forward pass, loss, gradients, update: train", Action::Play, &[], &[4, 6, 7, 9, 11, 12]),
            ],
        )
    },
    Scene {
        algorithm: GRADIENT_DESCENT,
        ..scene(
            "full-batch",
            "Mini-batches: the full gradient",
            "Gradient descent computes ∂J/∂W over every data point before each step. That is exact, and on a large data set very costly.",
            "The lab's loss is a linear regression's, so the landscape is exact. Blue: the full-batch path.",
            &[part("train", "panel=lab&lab_n=100&lab_noise=0.5&lab_k=10&lab_lr=0.1", "lab")],
            &[lit("The full gradient: exact, but costly to compute", Action::Play, &[2], &[])],
        )
    },
    Scene {
        algorithm: &[
            "Initialize weights randomly ~ N(0, σ²)",
            "Loop until convergence:",
            "Pick single data point i",
            "Compute gradient, ∂Jᵢ(W)/∂W",
            "Update weights, W ← W − η ∂J(W)/∂W",
            "Return weights",
        ],
        ..scene(
            "single-point",
            "Stochastic gradient descent: B = 1",
            "Using a single data point per step is cheap to compute but very noisy: the path wanders around the true descent.",
            "Compare the B = 1 path with the full-batch one.",
            &[part("train", "panel=lab&lab_n=100&lab_noise=0.5&lab_k=1&lab_lr=0.1", "lab")],
            &[lit("A single point: easy to compute, very noisy", Action::Play, &[2, 3], &[])],
        )
    },
    Scene {
        algorithm: MINI_BATCH,
        ..scene(
            "mini-batch",
            "A mini-batch of B points",
            "Averaging the gradient over a batch of B points is fast to compute and a much better estimate of the true gradient: its variance falls like 1/B.",
            "The cloud shows many mini-batch gradients around the true one; the chart below it, their variance against B.",
            &[part("train", "panel=lab&lab_n=100&lab_noise=0.5&lab_k=10&lab_lr=0.1", "lab")],
            &[
                lit("Pick a batch of B data points", Action::Reset, &[2], &[]),
                lit("Their mean gradient: a better estimate, smoother convergence", Action::Play, &[3, 4], &[]),
            ],
        )
    },
    scene(
        "fast-training",
        "Mini-batches lead to fast training",
        "A batch is computed at once, so an epoch takes fewer, larger steps: the time per epoch falls as B grows, and on a GPU the batch is computed in parallel.",
        "The time chart is measured live in this browser.",
        &[part("train", "panel=lab&lab_n=100&lab_noise=0.5&lab_k=32&lab_lr=0.1", "lab")],
        &[step("Time per epoch against B", Action::Play)],
    ),
    scene(
        "overfitting",
        "The problem of overfitting",
        "Too little capacity underfits: the model cannot learn the data. Too much overfits: extra parameters learn the noise and the model does not generalize. Between them is the ideal fit.",
        "Each step trains one capacity on the same 30 points: no hidden layer, one layer of 8 units, three layers of 64.",
        &[figure("train", "dataset=polynomial&samples=30&noise=0.15&split=0.5&layers=0&units=8&activation=tanh&optimizer=adam&lr=0.01&batch=15&epochs=1000&seed=3&speed=3000")],
        &[
            showing("Underfitting: no capacity to learn the curve", "dataset=polynomial&samples=30&noise=0.15&split=0.5&layers=0&units=8&activation=tanh&optimizer=adam&lr=0.01&batch=15&epochs=1000&seed=3&speed=3000"),
            showing("Ideal fit", "dataset=polynomial&samples=30&noise=0.15&split=0.5&layers=1&units=8&activation=tanh&optimizer=adam&lr=0.01&batch=15&epochs=1000&seed=3&speed=3000"),
            showing("Overfitting: too complex, does not generalize", "dataset=polynomial&samples=30&noise=0.15&split=0.5&layers=3&units=64&activation=relu&optimizer=adam&lr=0.01&batch=15&epochs=1000&seed=3&speed=3000"),
        ],
    ),
    Scene {
        code: &["tf.keras.layers.Dropout(0.5)"],
        ..scene(
            "dropout",
            "Regularization I: dropout",
            "During training, randomly set some activations to 0, typically half of a layer's: the network cannot rely on any one unit. Here every hidden layer drops a new half of its units at each step, while the fit is drawn without dropout, as at test time.",
            "Dropout is on only while training; the fit is drawn without it.",
            &[figure("train", "dataset=spiral&samples=300&noise=0.05&layers=2&units=16&activation=relu&dropout=0.5&optimizer=adam&lr=0.01&batch=16&epochs=500&speed=60")],
            &[
                lit("Drop 50% of the activations in each hidden layer", Action::Step, &[], &[0]),
                step("A new mask every step", Action::Play),
            ],
        )
    },
    scene(
        "early-stopping",
        "Regularization II: early stopping",
        "Stop training before the model has a chance to overfit: while validation loss falls the model is still underfitting; once it rises while training loss keeps falling, it overfits. Stop at the lowest validation loss.",
        "Keras's EarlyStopping(monitor=\"val_loss\", restore_best_weights=True).",
        &[figure("train", "dataset=polynomial&samples=30&noise=0.15&split=0.5&layers=3&units=64&activation=relu&optimizer=adam&lr=0.01&batch=15&epochs=1000&seed=3&es=1&patience=100&speed=3000")],
        &[step("Train and validation loss, live: stop here", Action::Play)],
    ),
    scene(
        "review",
        "Core foundation review",
        "Training in practice: the loss as a function of the weights, gradient descent and backpropagation, adaptive learning rates, batching, and regularization. Each link opens its part again.",
        "Open any part in the full tool to explore it further.",
        &[],
        &[step("Review", Action::Keep)],
    ),
];

/// The scene with this id.
pub fn scene_by_id(id: &str) -> Option<(usize, &'static Scene)> {
    SCENES.iter().enumerate().find(|(_, s)| s.id == id)
}
