//! The backprop view's handle.

pub mod lab;
