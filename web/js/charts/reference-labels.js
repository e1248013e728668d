// Where a line chart puts the label of a horizontal reference line ("chosen n-gram: Laplace, n = 3, 6.53"):
// beside its line, inside the plot, where it covers the fewest stretches of the curves. A label has a white halo
// (web/css/style.css `.reference-label`) so that it stays legible over a curve, and the curve disappears under
// it: a training curve that came down through a label fixed at the left looked broken there.

/** The width of a label's character, estimated (the labels' 10.5 px sans-serif). */
export const LABEL_CHAR_PX = 6;
/** A label's height, and its distance from its line and from the plot's left and right edges. */
const LABEL_HEIGHT_PX = 11;
const GAP_PX = 3;
const INSET_PX = 6;

/**
 * The places a label may take, in order of preference: below its line on the left (where the labels of the
 * first version were), below on the right, above on the left, above on the right.
 */
const PLACES = [
  { side: 'below', end: 'left' }, { side: 'below', end: 'right' },
  { side: 'above', end: 'left' }, { side: 'above', end: 'right' },
];

/**
 * Whether the segment from a to b ([x, y] each) has a point inside the box {x0, y0, x1, y1} (Liang-Barsky
 * clipping: the part of the segment's parameter range [0, 1] that lies between both pairs of edges).
 */
export function segmentCrossesBox([ax, ay], [bx, by], box) {
  // Most of a curve's segments lie wholly to one side of a label: rejected before the clipping (this runs on
  // every redraw of a training chart, for every segment of every curve).
  if (Math.max(ax, bx) < box.x0 || Math.min(ax, bx) > box.x1 || Math.max(ay, by) < box.y0 || Math.min(ay, by) > box.y1) {
    return false;
  }
  const dx = bx - ax;
  const dy = by - ay;
  let enter = 0;
  let leave = 1;
  for (const [p, q] of [[-dx, ax - box.x0], [dx, box.x1 - ax], [-dy, ay - box.y0], [dy, box.y1 - ay]]) {
    if (p === 0) {
      if (q < 0) return false;   // parallel to this edge and outside it
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return true;
}

/** How many segments of the polylines (arrays of [x, y] in pixels) cross the box; a lone point counts too. */
export function stretchesUnder(box, polylines) {
  let count = 0;
  for (const line of polylines) {
    if (line.length === 1 && segmentCrossesBox(line[0], line[0], box)) ++count;
    for (let i = 1; i < line.length; ++i) if (segmentCrossesBox(line[i - 1], line[i], box)) ++count;
  }
  return count;
}

/**
 * The place of one label: {x, y, anchor, place} for an SVG <text> (y its baseline, anchor its text-anchor,
 * place e.g. 'below left'). The first of PLACES that lies inside the plot and covers the fewest stretches of
 * the curves wins.
 * @param {{lineY: number, frame: {x: number, y: number, w: number, h: number}, chars: number,
 *          polylines: number[][][]}} where  lineY: the reference line's pixel row; chars: the label's length
 */
export function placeReferenceLabel({ lineY, frame, chars, polylines }) {
  const width = chars * LABEL_CHAR_PX;
  const inside = (box) => box.y0 >= frame.y && box.y1 <= frame.y + frame.h;
  let best = null;
  for (const { side, end } of PLACES) {
    const x0 = end === 'left' ? frame.x + INSET_PX : frame.x + frame.w - INSET_PX - width;
    const y0 = side === 'below' ? lineY + GAP_PX : lineY - GAP_PX - LABEL_HEIGHT_PX;
    const box = { x0, y0, x1: x0 + width, y1: y0 + LABEL_HEIGHT_PX };
    // A place outside the plot is taken only when no place fits (a line at the plot's very edge).
    const cost = stretchesUnder(box, polylines) + (inside(box) ? 0 : Infinity);
    if (!best || cost < best.cost) {
      best = { cost, x: end === 'left' ? box.x0 : box.x1, y: box.y1 - 1, anchor: end === 'left' ? 'start' : 'end',
        place: `${side} ${end}` };
    }
  }
  const { cost, ...place } = best;
  return place;
}
