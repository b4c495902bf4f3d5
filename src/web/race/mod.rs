//! The optimizer race's handles: the `Race` itself, its `LandscapeView`
//! (heatmap layer, path overlay, zoom and pan) and its loss chart.

pub mod handle;
pub mod landscape_view;
pub mod loss_chart;
pub mod overlay;
