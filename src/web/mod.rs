//! The wasm-bindgen layer: the only surface JavaScript sees.
//!
//! It is thin on purpose. Each export checks its input, calls the engine and
//! hands back plain objects, typed arrays, or opaque handles (`Race`,
//! `LandscapeView`) whose big arrays stay in wasm memory. All drawing of the
//! landscape and the race happens here too, from engine data only, so the
//! JavaScript side holds UI state and the animation loop and does no maths.

mod bench;
mod canvas;
mod catalogue;
mod chain_rule;
mod convert;
mod landscape_picture;
mod landscape_view;
mod loss_chart;
mod lr_adaptive_chart;
mod lr_chart;
mod lr_lab;
mod lr_loss_chart;
mod lr_panel_view;
mod lr_schedule_chart;
mod lr_sweep_chart;
mod marks;
mod minibatch;
mod overlay;
mod panic;
mod race;
mod simulate;
mod static_layer;
mod sweep;
mod train;
mod train_draw;
mod train_plot;
