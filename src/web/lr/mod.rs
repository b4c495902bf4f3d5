//! The learning-rate view's handles: the `LrLab`, its four panels and its
//! charts (loss, schedule, sweep, adaptive rates).

pub mod adaptive_chart;
pub mod lab;
pub mod loss_chart;
pub mod panel_view;
pub mod schedule_chart;
pub mod sweep_chart;
