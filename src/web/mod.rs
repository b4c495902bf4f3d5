//! The wasm-bindgen layer: the only surface JavaScript sees.
//!
//! It is thin on purpose. Each export checks its input, calls the engine and
//! hands back plain objects, typed arrays, or opaque handles (`Race`,
//! `LandscapeView`) whose big arrays stay in wasm memory. All drawing of the
//! landscape and the race happens here too, from engine data only, so the
//! JavaScript side holds UI state and the animation loop and does no maths.

mod backprop;
mod bench;
mod catalogue;
mod convert;
mod draw;
mod keras;
mod lecture;
mod lr;
mod panic;
mod race;
mod run_group;
mod simulate;
mod sweep;
mod train;
