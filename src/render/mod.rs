//! Pure picture geometry, from engine data only: the viewport, polylines and
//! clipping, the palette, heatmaps, contours and a network's activation maps. Everything
//! here is numbers and RGBA buffers, tested natively; the canvas lives in
//! `web::draw`.
//!
//! May import: `landscape`, `nn`. Knows no run, lab or canvas.

pub mod activation_maps;
pub mod axis;
pub mod colour;
pub mod contour;
pub mod heatmap;
pub mod polyline;
pub mod series;
pub mod viewport;
