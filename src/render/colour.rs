//! The one categorical palette, and reading the colours JS hands over.
//!
//! Okabe–Ito's eight colours stay distinct for the common kinds of colour
//! blindness. The order puts the colours that read best on a light heatmap
//! first, so a race with two or three racers looks its best; yellow and
//! black come last. The page reads this palette from the catalogue, and
//! the canvases fall back to it, so a racer has one colour everywhere.

/// Okabe–Ito, in the order racers, runs and series take them.
pub const PALETTE: [&str; 8] = [
    "#E69F00", // orange
    "#0072B2", // blue
    "#009E73", // bluish green
    "#D55E00", // vermillion
    "#CC79A7", // reddish purple
    "#56B4E9", // sky blue
    "#F0E442", // yellow
    "#000000", // black
];

/// The palette's colour for series `i`; it repeats after eight.
pub fn series_colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// `#rgb` or `#rrggbb` as red, green and blue; other CSS colours are not
/// read here.
pub fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.trim().strip_prefix('#')?;
    let digit = |k: usize, n: usize| u8::from_str_radix(hex.get(k..k + n)?, 16).ok();
    match hex.len() {
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_is_eight_distinct_readable_colours_starting_with_orange() {
        assert_eq!(PALETTE[0], "#E69F00");
        for (i, c) in PALETTE.iter().enumerate() {
            assert!(parse_hex(c).is_some(), "{c}");
            assert!(!PALETTE[..i].contains(c), "{c} twice");
        }
        assert_eq!(series_colour(9), PALETTE[1]);
    }

    #[test]
    fn hex_colours_are_read_and_anything_else_is_not() {
        assert_eq!(parse_hex("#E69F00"), Some([0xE6, 0x9F, 0x00]));
        assert_eq!(parse_hex(" #fff "), Some([255, 255, 255]));
        for bad in ["", "E69F00", "#E69F0", "#ggg", "red", "#é9F00"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
