//! Early stopping with the semantics of `keras.callbacks.EarlyStopping`
//! (Keras 3), monitoring the validation loss (mode "min"):
//!
//! - at each epoch's end, `wait` counts up; an epoch improves if
//!   `val_loss + min_delta < best` (the first epoch always does), which
//!   records it as best, snapshots the weights and resets `wait`;
//! - otherwise, once `wait ≥ patience` (and it is not epoch 0), training
//!   stops, and `stopped_epoch` is this epoch;
//! - at the end of training, with `restore_best_weights`, the best epoch's
//!   weights come back, whether or not training stopped early.
//!
//! Epochs are counted from 0, as in Keras's callbacks (Keras prints them
//! from 1).

#[derive(Clone, Debug, PartialEq)]
pub struct EarlyStopping {
    pub patience: usize,
    pub min_delta: f64,
    pub restore_best_weights: bool,
    wait: usize,
    best: Option<f64>,
    best_epoch: usize,
    best_weights: Option<Vec<f64>>,
    stopped_epoch: Option<usize>,
}

impl EarlyStopping {
    pub fn new(patience: usize, min_delta: f64, restore_best_weights: bool) -> Self {
        EarlyStopping {
            patience,
            min_delta: min_delta.abs(),
            restore_best_weights,
            wait: 0,
            best: None,
            best_epoch: 0,
            best_weights: None,
            stopped_epoch: None,
        }
    }

    /// Feeds one epoch's validation loss and the weights after it; returns
    /// true when training should stop.
    pub fn on_epoch_end(&mut self, epoch: usize, val_loss: f64, weights: &[f64]) -> bool {
        if self.restore_best_weights && self.best_weights.is_none() {
            self.best_weights = Some(weights.to_vec());
            self.best_epoch = epoch;
        }
        self.wait += 1;
        let improved = match self.best {
            None => true,
            Some(best) => val_loss + self.min_delta < best,
        };
        if improved {
            self.best = Some(val_loss);
            self.best_epoch = epoch;
            if self.restore_best_weights {
                self.best_weights = Some(weights.to_vec());
            }
            self.wait = 0;
            return false;
        }
        if self.wait >= self.patience && epoch > 0 {
            self.stopped_epoch = Some(epoch);
            return true;
        }
        false
    }

    /// At the end of training: the weights to restore, if any.
    pub fn on_train_end(&self) -> Option<&[f64]> {
        if self.restore_best_weights {
            self.best_weights.as_deref()
        } else {
            None
        }
    }

    pub fn best_epoch(&self) -> usize {
        self.best_epoch
    }

    pub fn best(&self) -> Option<f64> {
        self.best
    }

    pub fn stopped_epoch(&self) -> Option<usize> {
        self.stopped_epoch
    }
}
