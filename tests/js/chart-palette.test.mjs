// The charts' colours, checked by number (axe does not look at SVG strokes): every series colour has at least
// 3:1 contrast against the white chart background and the page's background (WCAG 2.2, 1.4.11 non-text
// contrast), every colour of chart text at least 4.5:1 (1.4.3), the text printed on the Memory lab's
// key-path bars against its bar; and series that share a chart differ by dash or marker, not by colour alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PALETTE, SERIES_LOOKS } from '../../web/js/charts/svg.js';
import { STYLES } from '../../web/js/lab/lab-chart.js';
import { CONTESTANT_STYLES } from '../../web/js/memory/styles.js';
import { TERMS } from '../../web/js/memory/key-paths-view.js';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(colour) {
  const hex = colour.length === 4 ? `#${[...colour.slice(1)].map((c) => c + c).join('')}` : colour;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const css = readFileSync(new URL('../../web/css/style.css', import.meta.url), 'utf8');
const chartsCss = readFileSync(new URL('../../web/css/charts.css', import.meta.url), 'utf8');
const variable = (name) => css.match(new RegExp(`--${name}: (#[0-9a-f]{6})`))[1];
const BACKGROUNDS = { chart: '#ffffff', page: variable('bg') };

test('the contrast formula gives WCAG\'s reference values', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
});

test('every series colour has at least 3:1 against the chart and the page background', () => {
  const colours = { ...Object.fromEntries(PALETTE.map((c, i) => [`PALETTE[${i}]`, c])),
    ...Object.fromEntries(Object.entries(STYLES).map(([k, s]) => [`lab ${k}`, s.color])),
    ...Object.fromEntries(Object.entries(CONTESTANT_STYLES).map(([k, s]) => [`memory ${k}`, s.color])),
    'bar': chartsCss.match(/svg\.chart \.bar \{ fill: (#[0-9a-f]{6})/)[1], 'chosen bar': variable('bar-hi'),
    'axis ticks': chartsCss.match(/svg\.chart \.axis \{ stroke: (#[0-9a-f]{6})/)[1] };
  for (const [name, colour] of Object.entries(colours)) {
    for (const [where, background] of Object.entries(BACKGROUNDS)) {
      const ratio = contrast(colour, background);
      assert.ok(ratio >= 3, `${name} ${colour} on the ${where} background ${background}: ${ratio.toFixed(2)}:1`);
    }
  }
});

test('chart text has at least 4.5:1; the shares printed on the key-path bars too', () => {
  for (const name of ['fg', 'muted', 'accent']) {
    assert.ok(contrast(variable(name), '#ffffff') >= 4.5, `--${name} ${variable(name)}: ${contrast(variable(name), '#ffffff')}`);
  }
  for (const term of TERMS) {
    const ratio = contrast(term.text, term.color);
    assert.ok(ratio >= 4.5, `${term.key}: ${term.text} on ${term.color}: ${ratio.toFixed(2)}:1`);
  }
});

test('series of one chart differ by dash or marker as well as colour', () => {
  const distinct = (looks, what) => {
    const keys = looks.map((s) => `${s.dash}|${s.marker}`);
    assert.equal(new Set(keys).size, keys.length, `${what}: ${keys}`);
  };
  distinct(SERIES_LOOKS, 'SERIES_LOOKS');
  distinct([STYLES.rnn, STYLES.gru, STYLES.lstm], 'the cells');
  distinct([STYLES.full, STYLES.fixed, STYLES.random], 'the truncation runs');
  distinct([STYLES.measured, STYLES.prediction], 'measured and predicted');
  distinct(Object.values(CONTESTANT_STYLES), 'the Memory lab\'s contestants');
});
