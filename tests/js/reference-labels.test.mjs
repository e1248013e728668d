// Where a line chart's reference labels go (web/js/charts/reference-labels.js): clear of the curves when a
// place inside the plot is, with the segment test checked on cases worked out by hand. No DOM here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_CHAR_PX, placeReferenceLabel, segmentCrossesBox, stretchesUnder } from '../../web/js/charts/reference-labels.js';

const box = { x0: 10, y0: 10, x1: 20, y1: 20 };

test('a segment crosses a box when any of its points is inside, not when it passes beside or stops short', () => {
  assert.equal(segmentCrossesBox([0, 15], [30, 15], box), true);     // straight through
  assert.equal(segmentCrossesBox([12, 12], [13, 13], box), true);    // wholly inside
  assert.equal(segmentCrossesBox([0, 0], [30, 30], box), true);      // the diagonal
  assert.equal(segmentCrossesBox([0, 25], [30, 25], box), false);    // below it
  assert.equal(segmentCrossesBox([0, 0], [30, 5], box), false);      // above it
  assert.equal(segmentCrossesBox([0, 15], [9, 15], box), false);     // stops short of it
  assert.equal(segmentCrossesBox([0, 30], [30, 0], { x0: 0, y0: 0, x1: 10, y1: 10 }), false);  // misses the corner
  assert.equal(segmentCrossesBox([15, 15], [15, 15], box), true);    // a point inside
  assert.equal(stretchesUnder(box, [[[0, 15], [30, 15], [30, 50]], [[15, 0], [15, 40]], [[50, 50]]]), 2);
});

const frame = { x: 60, y: 20, w: 500, h: 200 };
const chars = 30;   // a label 30 x 6 = 180 px wide

test('with no curve near it a label stays below its line on the left', () => {
  const at = placeReferenceLabel({ lineY: 100, frame, chars, polylines: [[[60, 200], [560, 210]]] });
  assert.deepEqual(at, { x: frame.x + 6, y: 100 + 13, anchor: 'start', place: 'below left' });
});

test('a curve coming down through the left of the line sends the label to the right, below it', () => {
  // The training curve: steep on the left, flat well below the line on the right.
  const curve = [[60, 30], [120, 90], [200, 130], [300, 180], [560, 190]];
  const at = placeReferenceLabel({ lineY: 100, frame, chars, polylines: [curve] });
  assert.equal(at.place, 'below right');
  assert.equal(at.anchor, 'end');
  assert.equal(at.x, frame.x + frame.w - 6);
  const width = chars * LABEL_CHAR_PX;
  assert.equal(stretchesUnder({ x0: at.x - width, y0: 103, x1: at.x, y1: 114 }, [curve]), 0);
});

test('a curve just below the whole line sends the label above it; a line at the plot\'s bottom edge too', () => {
  const under = [[60, 108], [560, 108]];
  assert.equal(placeReferenceLabel({ lineY: 100, frame, chars, polylines: [under] }).place, 'above left');
  const bottom = frame.y + frame.h - 2;
  const at = placeReferenceLabel({ lineY: bottom, frame, chars, polylines: [] });
  assert.equal(at.place, 'above left');
  assert.equal(at.y, bottom - 4);
});

test('when every place covers some curve, the one covering the fewest stretches wins', () => {
  // Below on the left two stretches, every other place one: the first of those in order, below right.
  const lines = [
    [[70, 105], [100, 110]], [[110, 105], [130, 110]],   // below left
    [[450, 108], [470, 108]],                            // below right
    [[70, 92], [100, 92]], [[300, 92], [540, 92]],       // above left; above right
  ];
  assert.equal(placeReferenceLabel({ lineY: 100, frame, chars, polylines: lines }).place, 'below right');
});
