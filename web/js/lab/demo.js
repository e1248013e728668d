// The lab's development page (lab-demo.html): mounts the panel with fixture data. Where the fixture can be
// computed honestly in a few lines it is (reference-bptt.js: untrained cells with seeded weights, the exact
// backward of the last step's loss, D2L's iterators); what needs a training run (training curves, gradient
// norms over training, saturation over training) is a synthetic shape and the banner says so.
import { LabPanel } from './lab-panel.js';
import { makeRng, encode, makeCell, forward, backwardLastStep, truncationXi, minibatchRows } from './reference-bptt.js';

const SNIPPET = 'you must follow me carefully i shall';   // The Time Machine, lower-cased; 35 inputs + 1 target
const T = SNIPPET.length - 1;
const H = 16;
const { vocab, ids } = encode(SNIPPET);
const inputs = ids.slice(0, T);
const target = ids[T];
const params = new URLSearchParams(location.search);

// The gate biases give the gated cells the setting that lets them carry gradient (GRU z near 0.12, LSTM f
// near 0.88); with zero biases an untrained GRU halves the direct path each step.
const cells = {
  rnn: makeCell('rnn', vocab.length, H, 1),
  gru: makeCell('gru', vocab.length, H, 2, { z: -2 }),
  lstm: makeCell('lstm', vocab.length, H, 3, { f: 2 }),
};
const caches = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, forward(c, inputs)]));
const results = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, backwardLastStep(c, caches[k], target)]));

document.querySelector('#fixture-notes').textContent =
  ` Computed here in JS (reference-bptt.js), untrained one-layer cells, H = ${H}, seeded weights, GRU b_z = −2, ` +
  `LSTM b_f = 2, on "${SNIPPET.slice(0, T)}": gradient flow, GRU/LSTM paths, gates, truncation flow curves. ` +
  'Exactly ρ^(T−t): the linear RNN. D2L\'s iterators: minibatches. Synthetic shapes (no training run): the ' +
  'truncation training curves, the clipping norms, the saturation over training.';

/** The linear RNN's fixture: W_hh = rho * I and the loss of the last step, so the norm is exactly rho^(T-t). */
function linear(rho) {
  return { rho, measuredRho: rho, T, norms: Array.from({ length: T }, (_, i) => rho ** (T - 1 - i)) };
}

/** Truncation flows of the RNN fixture: full, fixed tau, random pi (the mean and min..max over 100 draws). */
function truncation({ tau, pi }) {
  const rng = makeRng(11);
  const flow = (mode) => backwardLastStep(cells.rnn, caches.rnn, target, truncationXi(T, mode, { tau, pi, rng })).norms;
  const draws = Array.from({ length: 100 }, () => flow('random'));
  const over = (f) => Array.from({ length: T }, (_, t) => f(...draws.map((d) => d[t])));
  const mean = Array.from({ length: T }, (_, t) => draws.reduce((s, d) => s + d[t], 0) / draws.length);
  // Synthetic training curves (labelled in the banner): a decaying perplexity with seeded noise.
  const noise = makeRng(5);
  const curve = (floor) => Array.from({ length: 40 }, (_, i) => ({ tokens: (i + 1) * 5000,
    perplexity: floor + 18 * Math.exp(-i / 9) + noise.uniform(-0.3, 0.3) }));
  return { tau, pi, runs: {
    full: { curve: curve(8.2), flow: flow('full') },
    fixed: { curve: curve(8.4), flow: flow('fixed') },
    random: { curve: curve(8.9), flow: mean, flowBand: { lo: over(Math.min), hi: over(Math.max) } },
  } };
}

/** Synthetic gradient norms over training (labelled): log-normal draws with a few spikes. */
function clipping(on) {
  const rng = makeRng(7);
  const theta = on ? 1 : null;
  const points = Array.from({ length: 200 }, (_, step) => {
    const base = 0.6 * Math.exp(-step / 150) + 0.25;
    const gradNorm = base * Math.exp(rng.uniform(-0.6, 0.6)) * (rng.next() < 0.04 ? 20 : 1);
    return { step: step + 1, gradNorm, clipped: on && gradNorm > theta };
  });
  return { theta, points, clipShare: points.filter((p) => p.clipped).length / points.length };
}

function gates(kind) {
  const steps = caches[kind];
  const names = kind === 'gru' ? ['z', 'r'] : ['i', 'f', 'o'];
  const noise = makeRng(9);
  return {
    text: [...SNIPPET.slice(0, T)],
    gates: Object.fromEntries(names.map((g) => [`l0.${g}`, steps.map((s) => s[g])])),
    saturation: Array.from({ length: 30 }, (_, i) => ({ step: (i + 1) * 100,
      share: Math.min(1, 0.02 + 0.35 * (1 - Math.exp(-i / 10)) + noise.uniform(-0.02, 0.02)) })),  // synthetic
  };
}

const lab = new LabPanel(document.querySelector('#lab-panel'), {
  onRho: (rho) => lab.update('lab-linear', linear(rho)),
  onClipToggle: (on) => lab.update('lab-clip', clipping(on)),
  onTruncStart: (options) => lab.update('lab-trunc', truncation(options)),
});

lab.update('lab-flow', { T, cells: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { norms: r.norms }])) });
lab.update('lab-linear', linear(0.9));
const pathsCell = params.get('paths') === 'lstm' ? 'lstm' : 'gru';
lab.update('lab-paths', { cell: pathsCell, T, paths: results[pathsCell].paths });
lab.update('lab-trunc', truncation({ tau: 10, pi: 0.5 }));
lab.update('lab-clip', clipping(true));
lab.update('lab-gates', gates(params.get('gates') === 'lstm' ? 'lstm' : 'gru'));
for (const iterator of ['random', 'sequential']) {
  lab.update('lab-batches', { iterator, B: 4, T, corpusLength: 2000, k: 1,
    rows: minibatchRows(iterator, 2000, 4, T, 1, 3) });
}
if (params.get('tab')) lab.select(`lab-${params.get('tab')}`);
document.body.dataset.ready = 'true';
