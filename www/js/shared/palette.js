// The Okabe–Ito palette: eight colours that stay distinct for the common
// kinds of colour blindness. The order puts the colours that read best on a
// light heatmap first, so a race with two or three racers looks its best;
// yellow and black come last.
export const PALETTE = Object.freeze([
  "#E69F00", // orange
  "#0072B2", // blue
  "#009E73", // bluish green
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#F0E442", // yellow
  "#000000", // black
]);

export const MAX_RACERS = PALETTE.length;
