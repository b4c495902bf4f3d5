//! The project's chart kit, on plotters and plotters-canvas: a canvas sized
//! to its box at the screen's resolution, fonts and strokes in CSS pixels
//! (grown on a projector by the legibility rule, `legible_scale`), the
//! colours, and what several charts share: a plot on the project's linear
//! or log scales (`Axis`, ticks and labels from `render::axis`), a dashed
//! vertical marker with its label, a legend box, and the name of the
//! loss-gap axis.

use crate::render::axis::legible_scale;
use crate::run::gap::LossGap;
pub use crate::web::draw::plot_axis::{Axis, PlotLayout};
use plotters::chart::DualCoordChartContext;
use plotters::element::{DashedPathElement, DynElement};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

pub type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;
/// A chart drawn by `Surface::plot`: both axes on the project's scales.
pub type Plot<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<Axis, Axis>>;
/// A `Plot` with a second y axis on the right.
pub type DualPlot<'a> =
    DualCoordChartContext<'a, CanvasBackend, Cartesian2d<Axis, Axis>, Cartesian2d<Axis, Axis>>;

/// Text and axes on the light theme.
pub const INK: RGBColor = RGBColor(34, 34, 34);
pub const GRID_LIGHT: RGBColor = RGBColor(235, 235, 235);
pub const GRID_BOLD: RGBColor = RGBColor(210, 210, 210);

/// Tick labels, axis titles and legends, in CSS pixels: as large as the
/// page's small text, and never smaller than the hand-drawn plots' were.
pub const TEXT_PX: f64 = 13.0;

/// A chart's canvas, sized `css × dpr` device pixels, and its ratio.
pub struct Surface {
    pub root: Area,
    pub dpr: f64,
    /// The CSS width asked for (before any clamp of the backing store).
    css_width: f64,
    /// Device pixels per CSS pixel of text, strokes and label room: the
    /// ratio times the legibility rule's scale for this viewport.
    pub ink: f64,
}

impl Surface {
    pub fn new(
        canvas: JsValue,
        css_width: f64,
        css_height: f64,
        dpr: f64,
    ) -> Result<Self, JsError> {
        let (canvas, dpr, _, _) =
            crate::web::convert::sized_canvas(canvas, css_width, css_height, dpr)?;
        let root = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsError::new("chart: cannot draw on this canvas"))?
            .into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let ink = dpr * legible_scale(crate::web::convert::viewport());
        Ok(Surface {
            root,
            dpr,
            css_width,
            ink,
        })
    }

    /// `new` from a draw call's own `css_width`, `css_height` and
    /// `device_pixel_ratio` arguments, each checked to be a number.
    pub fn from_js(
        canvas: JsValue,
        css_width: &JsValue,
        css_height: &JsValue,
        device_pixel_ratio: &JsValue,
    ) -> Result<Self, JsError> {
        let (css_width, css_height, dpr) =
            crate::web::convert::css_size(css_width, css_height, device_pixel_ratio)?;
        Surface::new(canvas, css_width, css_height, dpr)
    }

    /// CSS pixels of text, strokes or label room → device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.ink).round() as i32
    }

    /// Device pixels across the chart as asked for (at least 1): series
    /// keep about two points for each.
    pub fn device_width(&self) -> f64 {
        (self.css_width * self.dpr).max(1.0)
    }

    pub fn font(&self, css_px: f64) -> TextStyle<'static> {
        ("sans-serif", css_px * self.ink).into_font().color(&INK)
    }

    /// A line `css_width` CSS pixels wide (at least one device pixel).
    pub fn stroke(&self, colour: RGBColor, css_width: f64) -> ShapeStyle {
        colour.stroke_width(self.px(css_width).max(1) as u32)
    }

    /// A dashed line through `points`, dashes of `dash` CSS pixels with
    /// gaps of 0.7 × that.
    pub fn dashed<I: IntoIterator<Item = (f64, f64)>>(
        &self,
        points: I,
        style: ShapeStyle,
        dash: f64,
    ) -> DashedLineSeries<I::IntoIter, i32>
    where
        I::IntoIter: Clone,
    {
        let (dash, gap) = (self.px(dash).max(2), self.px(dash * 0.7).max(2));
        DashedLineSeries::new(points, dash, gap, style)
    }

    /// A plot filling the canvas in the `STANDARD` layout: the `x` and
    /// `y` axes with their titles, a light grid at the ticks, and tick
    /// labels and titles at `TEXT_PX`. `None` when the canvas is too small
    /// to hold a plot. Draw the series, then `frame` it.
    pub fn plot(
        &self,
        x: Axis,
        y: Axis,
        x_title: &str,
        y_title: &str,
    ) -> Result<Option<Plot<'_>>, JsError> {
        self.plot_in(&PlotLayout::STANDARD, x, y, x_title, y_title)
    }

    /// `plot` in another `layout`. Every chart is this one plotters
    /// coordinate type, so plotters's mesh and series code is in the wasm
    /// once, not once per chart.
    pub fn plot_in(
        &self,
        layout: &PlotLayout,
        x: Axis,
        y: Axis,
        x_title: &str,
        y_title: &str,
    ) -> Result<Option<Plot<'_>>, JsError> {
        let Some((mut plot, height)) = self.unmeshed(layout, x, y)? else {
            return Ok(None);
        };
        self.mesh(&mut plot, layout, x_title, y_title, height)?;
        Ok(Some(plot))
    }

    /// `plot_in` with a second y axis, `right`, on the right (the layout
    /// must leave it `right_area`), titled `right_title` in `colour`.
    pub fn dual_plot_in(
        &self,
        layout: &PlotLayout,
        x: Axis,
        y: Axis,
        right: Axis,
        titles: [&str; 3],
        colour: RGBColor,
    ) -> Result<Option<DualPlot<'_>>, JsError> {
        let Some((plot, height)) = self.unmeshed(layout, x, y)? else {
            return Ok(None);
        };
        let h = f64::from(height);
        let x_axis = plot.as_coord_spec().x_spec().clone();
        let right = right.ticked(h / self.px(layout.tick_spacing.1) as f64, false, h);
        // The secondary axes take the right label area, so the primary
        // mesh, drawn after, labels the left side only.
        let mut dual = plot.set_secondary_coord(x_axis, right);
        self.mesh(&mut dual, layout, titles[0], titles[1], height)?;
        let font = self.font(layout.text).color(&colour);
        dual.configure_secondary_axes()
            .y_desc(titles[2])
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(self.stroke(INK, 1.0))
            .set_all_tick_mark_size(self.px(5.0))
            .draw()
            .map_err(chart_error)?;
        Ok(Some(dual))
    }

    /// The chart in `layout` with its axes ticked, before its mesh, and
    /// the plot's height in device pixels; `None` when it cannot fit.
    fn unmeshed(
        &self,
        layout: &PlotLayout,
        x: Axis,
        y: Axis,
    ) -> Result<Option<(Plot<'_>, i32)>, JsError> {
        let (width, height) = self.root.dim_in_pixel();
        let [left, right, top, bottom] = layout.margin.map(|m| self.px(m));
        let (x_area, y_area, right_area) = (
            self.px(layout.x_area),
            self.px(layout.y_area),
            self.px(layout.right_area),
        );
        let plot_width = width as i32 - left - right - y_area - right_area;
        let plot_height = height as i32 - top - bottom - x_area;
        if plot_width < self.px(10.0) || plot_height < self.px(10.0) {
            return Ok(None);
        }
        let (across, up) = layout.tick_spacing;
        let (w, h) = (f64::from(plot_width), f64::from(plot_height));
        let x = x.ticked(w / self.px(across) as f64, layout.fine_grid, w);
        let y = y.ticked(h / self.px(up) as f64, layout.fine_grid, h);
        let plot = ChartBuilder::on(&self.root)
            .margin_left(left)
            .margin_right(right)
            .margin_top(top)
            .margin_bottom(bottom)
            .x_label_area_size(x_area)
            .y_label_area_size(y_area)
            .right_y_label_area_size(right_area)
            .build_cartesian_2d(x, y)
            .map_err(chart_error)?;
        Ok(Some((plot, plot_height)))
    }

    /// The grid, the axes, their labels and titles.
    fn mesh(
        &self,
        plot: &mut Plot,
        layout: &PlotLayout,
        x_title: &str,
        y_title: &str,
        height: i32,
    ) -> Result<(), JsError> {
        let font = self.font(layout.text);
        let y_title = self.fitted(y_title, height, &font);
        let thin = self.px(1.0).max(1) as u32;
        let mut mesh = plot.configure_mesh();
        mesh.x_desc(x_title)
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(self.stroke(INK, 1.0))
            .set_all_tick_mark_size(self.px(5.0));
        if !y_title.is_empty() {
            mesh.y_desc(y_title);
        }
        if layout.fine_grid {
            mesh.light_line_style(GRID_LIGHT.stroke_width(thin))
                .bold_line_style(GRID_BOLD.stroke_width(thin));
        } else {
            mesh.bold_line_style(GRID_LIGHT.stroke_width(thin));
        }
        mesh.draw().map_err(chart_error)
    }

    /// `title`, or without its closing "(…)" remark when it would run past
    /// `room` device pixels: a short chart (a lecture scene's, a phone's)
    /// cut "E‖ĝ − ∇J‖² (log)" off at the canvas's edge.
    fn fitted<'t>(&self, title: &'t str, room: i32, font: &TextStyle) -> &'t str {
        let width = |text: &str| {
            self.root
                .estimate_text_size(text, font)
                .map_or(0, |(w, _)| w as i32)
        };
        if width(title) <= room {
            return title;
        }
        match title.rfind(" (") {
            Some(cut) if title.ends_with(')') => &title[..cut],
            _ => title,
        }
    }

    /// The plot's frame, over whatever was drawn up to its edges. It runs
    /// just outside the plotting area, where plotters draws the axis lines,
    /// so the left and bottom sides are those lines, not beside them.
    pub fn frame(&self, plot: &Plot) -> Result<(), JsError> {
        let (xs, ys) = plot.plotting_area().get_pixel_range();
        let (left, right, top, bottom) = (xs.start - 1, xs.end, ys.start - 1, ys.end);
        let corners = vec![
            (left, top),
            (right, top),
            (right, bottom),
            (left, bottom),
            (left, top),
        ];
        self.root
            .draw(&PathElement::new(corners, self.stroke(INK, 1.0)))
            .map_err(chart_error)
    }

    /// A dashed vertical line across the plot at `x`, and `text` in bold
    /// beside it, on whichever side has more room so the label never
    /// covers its line; `row` 0 sits at the plot's bottom, and each next
    /// row one line higher, so two nearby markers' labels do not collide.
    pub fn marker(&self, plot: &Plot, x: f64, colour: RGBColor, text: &str, row: usize) {
        let (xs, ys) = plot.plotting_area().get_pixel_range();
        let px = plot.backend_coord(&(x, plot.y_range().start)).0;
        self.dashed_vline(px, ys.start, ys.end, self.stroke(colour, 2.0));
        let right = px - xs.start < xs.end - px;
        let gap = self.px(6.0);
        let (at, h) = if right {
            (px + gap, HPos::Left)
        } else {
            (px - gap, HPos::Right)
        };
        let y = ys.end - self.px(6.0) - self.px(19.0) * row as i32;
        let style = ("sans-serif", TEXT_PX * self.ink, FontStyle::Bold)
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, VPos::Bottom));
        self.backed_text(text, (at, y), style);
    }

    /// The legend of the series given a `label` and a `legend` (see
    /// `swatch`): a white box with a grey rim in a corner of the plot.
    pub fn legend(&self, plot: &mut Plot, corner: SeriesLabelPosition) -> Result<(), JsError> {
        plot.configure_series_labels()
            .position(corner)
            .label_font(self.font(TEXT_PX))
            .margin(self.px(5.0))
            .legend_area_size(self.px(27.0))
            .background_style(WHITE.mix(0.88))
            .border_style(GRID_BOLD)
            .draw()
            .map_err(chart_error)
    }

    /// A legend's sample of a line: 20 CSS pixels of it, dashed or not.
    pub fn swatch(
        &self,
        style: ShapeStyle,
        dashed: bool,
    ) -> impl Fn((i32, i32)) -> DynElement<'static, CanvasBackend, (i32, i32)> {
        let (length, dash, gap) = (self.px(20.0), self.px(6.0).max(2), self.px(4.0).max(2));
        move |(x, y)| {
            let ends = vec![(x, y), (x + length, y)];
            if dashed {
                DashedPathElement::new(ends, dash, gap, style).into_dyn()
            } else {
                PathElement::new(ends, style).into_dyn()
            }
        }
    }

    /// A label at a device pixel, anchored by `h`/`v`, on a white backing
    /// so it stays readable over lines and shading.
    pub fn label(&self, text: &str, at: (i32, i32), colour: RGBColor, h: HPos, v: VPos) {
        let style = ("sans-serif", TEXT_PX * self.ink)
            .into_font()
            .color(&colour)
            .pos(Pos::new(h, v));
        self.backed_text(text, at, style);
    }

    fn backed_text(&self, text: &str, at: (i32, i32), style: TextStyle) {
        if let Ok((w, t)) = self.root.estimate_text_size(text, &style) {
            let (w, t) = (w as i32, t as i32);
            let left = match style.pos.h_pos {
                HPos::Left => at.0,
                HPos::Center => at.0 - w / 2,
                HPos::Right => at.0 - w,
            };
            let top = match style.pos.v_pos {
                VPos::Top => at.1,
                VPos::Center => at.1 - t / 2,
                VPos::Bottom => at.1 - t,
            };
            let pad = self.px(3.0);
            let _ = self.root.draw(&Rectangle::new(
                [(left - pad, top - pad), (left + w + pad, top + t + pad)],
                WHITE.mix(0.85).filled(),
            ));
        }
        let _ = self.root.draw(&Text::new(text.to_string(), at, style));
    }

    /// A vertical dashed line at device x from y0 to y1.
    pub fn dashed_vline(&self, x: i32, y0: i32, y1: i32, style: ShapeStyle) {
        let (dash, gap) = (self.px(6.0).max(2), self.px(4.0).max(2));
        let _ = self.root.draw(&DashedPathElement::new(
            vec![(x, y0), (x, y1)],
            dash,
            gap,
            style,
        ));
    }

    pub fn present(&self) -> Result<(), JsError> {
        self.root.present().map_err(chart_error)
    }
}

pub fn chart_error<E: std::fmt::Display>(e: E) -> JsError {
    JsError::new(&format!("chart: {e}"))
}

/// `#rrggbb` (or `#rgb`) as a colour; anything else is ink.
pub fn hex(colour: &str) -> RGBColor {
    crate::render::colour::parse_hex(colour).map_or(INK, |[r, g, b]| RGBColor(r, g, b))
}

/// The y axis's name for a loss gap: plain "loss J" when J* is 0.
pub fn gap_axis_name(gap: &LossGap) -> String {
    if gap.j_star == 0.0 {
        "loss J".to_string()
    } else {
        format!(
            "J − J*  (J* = {})",
            crate::render::axis::loss_label(gap.j_star)
        )
    }
}
