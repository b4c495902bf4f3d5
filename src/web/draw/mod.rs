//! Canvas drawing: what every picture shares (the theme, sizes in CSS pixels
//! times the device pixel ratio, paths as one call), the marks on a
//! landscape, the one landscape picture and the methods every handle around
//! it exports (`picture_handle`), the charts (`chart`, on plotters, every
//! one on the `plot_axis` coordinate type, and the learning-rate lab's
//! `step_chart` layouts), and the hand-drawn axes and marks of the training
//! view's fit picture (`train_plot`), which plotters cannot draw well.

pub mod canvas;
pub mod chart;
pub mod landscape_picture;
pub mod marks;
pub mod picture_handle;
pub mod plot_axis;
pub mod static_layer;
pub mod step_chart;
pub mod train_plot;
