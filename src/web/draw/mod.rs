//! Canvas drawing: what every picture shares (the theme, sizes in CSS pixels
//! times the device pixel ratio, paths as one call), the marks on a
//! landscape, the one landscape picture, and the charts.

pub mod canvas;
pub mod chart;
pub mod landscape_picture;
pub mod legend;
pub mod marks;
pub mod static_layer;
pub mod train_plot;
