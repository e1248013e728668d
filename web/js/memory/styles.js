// How each contestant is drawn: an Okabe-Ito colour (or a dark one where that palette is too light on
// white for WCAG's 3:1 contrast of graphics), a dash pattern and a marker shape of its own, so the five
// curves stay apart in greyscale and for colour-blind readers. The same style in every chart.
export const CONTESTANT_STYLES = Object.freeze({
  rnn: { color: '#d55e00', dash: null, marker: 'circle' },
  gru: { color: '#0072b2', dash: '7 3', marker: 'square' },
  lstm: { color: '#009e73', dash: '2 3', marker: 'triangle' },
  'gru-keep': { color: '#5b2c83', dash: '10 3 2 3', marker: 'diamond' },
  'lstm-keep': { color: '#222222', dash: '4 2', marker: 'cross' },
});

/** The style of a contestant at initialisation: its colour, thin dots, no marker (drawn under the live one). */
export const initStyle = (id) => ({ color: CONTESTANT_STYLES[id]?.color ?? '#333', dash: '1 4', marker: null });
