// Every setting of the playground, in ONE declarative list that maps to the URL (as tensorflow/playground's
// PROPS). Each entry: name (the URL key), type, default, and a range or choices; values read from the URL
// are validated against it (a bad value falls back to the default and is reported, never thrown), and
// the URL is rewritten as the user changes settings, so `?cell=gru&hidden=128` is a configured demo.
// Pure module: no DOM access here, so Node tests can import it.

/**
 * @typedef {'int'|'number'|'enum'|'bool'|'string'} PropType
 * @typedef {{name: string, type: PropType, default: any, min?: number, max?: number, choices?: string[],
 *            maxLength?: number, pattern?: RegExp, help: string}} Prop
 */

/** @type {Prop[]} */
export const PROPS = [
  // Corpus (MATH §1)
  { name: 'level', type: 'enum', default: 'char', choices: ['char', 'word'], help: 'tokens are characters or words' },
  { name: 'preprocess', type: 'enum', default: 'letters_only', choices: ['letters_only', 'none'],
    help: 'letters_only: lower-case, every non-letter becomes a space (as D2L)' },
  { name: 'minFreq', type: 'int', default: 0, min: 0, max: 1000, help: 'tokens seen fewer times become <unk>' },
  { name: 'valFraction', type: 'number', default: 0.1, min: 0.01, max: 0.5,
    help: 'the last fraction of the tokens is the validation split (n-grams and networks alike)' },
  // n-gram (MATH §2)
  { name: 'n', type: 'int', default: 3, min: 1, max: 6, help: 'n-gram order' },
  { name: 'smoothing', type: 'enum', default: 'laplace', choices: ['laplace', 'add-k', 'd2l'], help: 'smoothing' },
  { name: 'k', type: 'number', default: 0.1, min: 1e-6, max: 100, help: 'k of add-k smoothing' },
  { name: 'eps', type: 'string', default: '1,1,1', maxLength: 64,
    pattern: /^\s*\d*\.?\d+(e-?\d+)?\s*,\s*\d*\.?\d+(e-?\d+)?\s*,\s*\d*\.?\d+(e-?\d+)?\s*$/i,
    help: 'D2L epsilons e1,e2,e3' },
  { name: 'context', type: 'string', default: 'the time travel', maxLength: 200, help: 'context for next-token bars' },
  { name: 'sampleLen', type: 'int', default: 80, min: 1, max: 2000, help: 'tokens to sample' },
  { name: 'sampleTemp', type: 'number', default: 1, min: 0.05, max: 5, help: 'sampling temperature' },
  { name: 'sampleSeed', type: 'int', default: 1, min: 0, max: 2147483647, help: 'sampling seed' },
  // Network (MATH §3-4)
  { name: 'cell', type: 'enum', default: 'gru', choices: ['rnn', 'gru', 'lstm'], help: 'recurrent cell' },
  { name: 'hidden', type: 'int', default: 64, min: 1, max: 1024, help: 'hidden units H' },
  { name: 'layers', type: 'int', default: 1, min: 1, max: 4, help: 'stacked layers' },
  { name: 'embedding', type: 'int', default: 0, min: 0, max: 512, help: '0 = one-hot input, else embedding size E' },
  { name: 'activation', type: 'enum', default: 'tanh', choices: ['tanh', 'relu'], help: 'RNN activation' },
  { name: 'init', type: 'enum', default: 'uniform', choices: ['uniform', 'normal'], help: 'weight initialisation' },
  { name: 'seed', type: 'int', default: 42, min: 0, max: 2147483647, help: 'seed of weights and minibatches' },
  // Training (MATH §5)
  { name: 'batch', type: 'int', default: 32, min: 1, max: 512, help: 'minibatch size B' },
  { name: 'steps', type: 'int', default: 35, min: 1, max: 500, help: 'time steps per subsequence T' },
  { name: 'iterator', type: 'enum', default: 'random', choices: ['random', 'sequential'], help: 'minibatch iterator' },
  { name: 'optimizer', type: 'enum', default: 'adam', choices: ['sgd', 'momentum', 'adam'], help: 'optimizer' },
  { name: 'lr', type: 'number', default: 0.01, min: 1e-6, max: 100, help: 'learning rate' },
  { name: 'clip', type: 'number', default: 1, min: 0, max: 1000, help: 'gradient clipping threshold (0 = off)' },
  { name: 'truncation', type: 'enum', default: 'full', choices: ['full', 'fixed', 'random'], help: 'BPTT truncation' },
  { name: 'tau', type: 'int', default: 10, min: 1, max: 500, help: 'fixed truncation: steps back-propagated' },
  // The engine keeps step t's gradient with probability π and scales what it keeps by 1/π (MATH §5): a
  // small π cuts almost every step and multiplies the rest, so the default keeps half of them.
  { name: 'pi', type: 'number', default: 0.5, min: 0.001, max: 1,
    help: 'random truncation: π, the probability of keeping each step (kept steps are scaled by 1/π)' },
  { name: 'epochs', type: 'number', default: 10, min: 0, max: 10000, help: 'stop after this many epochs (0 = until paused)' },
  { name: 'autostart', type: 'bool', default: true, help: 'start training when the page opens' },
  // Generation
  { name: 'prefix', type: 'string', default: 'the time traveller ', maxLength: 200, help: 'generation prefix' },
  { name: 'genLen', type: 'int', default: 100, min: 1, max: 2000, help: 'tokens to generate' },
  { name: 'temperature', type: 'number', default: 1, min: 0.05, max: 5, help: 'generation temperature' },
  { name: 'topK', type: 'int', default: 0, min: 0, max: 100000, help: 'sample among the k likeliest (0 = all)' },
  { name: 'genSeed', type: 'int', default: 7, min: 0, max: 2147483647, help: 'generation seed' },
];

export const PROP_BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

/** The defaults as a plain object. */
export function defaults() {
  return Object.fromEntries(PROPS.map((p) => [p.name, p.default]));
}

/** A decimal number: optional sign, digits with an optional point, optional exponent (1, -2, 0.5, .5, 1e-3). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses and validates one value (a string from the URL or a form field).
 * @returns {{ok: true, value: any} | {ok: false, error: string}}
 */
export function parseValue(prop, text) {
  const raw = String(text);
  switch (prop.type) {
    case 'int':
    case 'number': {
      // Plain decimal notation only: Number() would also read '0x40', '0b1', '0o7' and 'Infinity'.
      const trimmed = raw.trim();
      const value = Number(trimmed);
      if (!DECIMAL.test(trimmed) || !Number.isFinite(value)) {
        return { ok: false, error: `${prop.name} must be a decimal number (got '${raw}')` };
      }
      if (prop.type === 'int' && !Number.isInteger(value)) return { ok: false, error: `${prop.name} must be an integer (got '${raw}')` };
      if (value < prop.min || value > prop.max) {
        return { ok: false, error: `${prop.name} must be in [${prop.min}, ${prop.max}] (got ${raw})` };
      }
      return { ok: true, value };
    }
    case 'enum':
      return prop.choices.includes(raw) ? { ok: true, value: raw }
        : { ok: false, error: `${prop.name} must be one of ${prop.choices.join(', ')} (got '${raw}')` };
    case 'bool':
      if (['1', 'true', 'yes', 'on'].includes(raw)) return { ok: true, value: true };
      if (['0', 'false', 'no', 'off'].includes(raw)) return { ok: true, value: false };
      return { ok: false, error: `${prop.name} must be true or false (got '${raw}')` };
    case 'string':
      if (raw.length > prop.maxLength) return { ok: false, error: `${prop.name} is longer than ${prop.maxLength} characters` };
      if (prop.pattern && !prop.pattern.test(raw)) return { ok: false, error: `${prop.name} has an invalid form ('${raw}')` };
      return { ok: true, value: raw };
    default:
      return { ok: false, error: `unknown type of ${prop.name}` };
  }
}

/** Reads the state from a query string; invalid or unknown keys are reported and fall back to defaults. */
export function readQuery(search) {
  const params = new URLSearchParams(search);
  const state = defaults();
  const errors = [];
  for (const [key, text] of params) {
    const prop = PROP_BY_NAME.get(key);
    if (!prop) { errors.push(`unknown setting '${key}'`); continue; }
    const parsed = parseValue(prop, text);
    if (parsed.ok) state[key] = parsed.value;
    else errors.push(parsed.error);
  }
  return { state, errors };
}

/** The query string of a state: only the values that differ from their defaults, in PROPS order. */
export function writeQuery(state) {
  const params = new URLSearchParams();
  for (const prop of PROPS) {
    const value = state[prop.name];
    if (value === undefined || value === prop.default) continue;
    params.set(prop.name, prop.type === 'bool' ? (value ? '1' : '0') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The engine's smoothing string: 'laplace' | 'add-k:K' | 'd2l:E1,E2,E3'. */
export function smoothingText(state) {
  if (state.smoothing === 'add-k') return `add-k:${state.k}`;
  if (state.smoothing === 'd2l') return `d2l:${state.eps.replace(/\s+/g, '')}`;
  return 'laplace';
}

/** The engine's truncation string: 'full' | 'fixed:TAU' | 'random:PI'. */
export function truncationText(state) {
  if (state.truncation === 'fixed') return `fixed:${state.tau}`;
  if (state.truncation === 'random') return `random:${state.pi}`;
  return 'full';
}

/** Settings of each engine object: which props rebuild what (and which can change while training). */
export const GROUPS = Object.freeze({
  corpus: ['level', 'preprocess', 'minFreq'],
  split: ['valFraction'],
  ngram: ['n', 'smoothing', 'k', 'eps'],
  model: ['cell', 'hidden', 'layers', 'embedding', 'activation', 'init', 'seed', 'batch', 'steps', 'iterator', 'optimizer'],
  live: ['lr', 'clip', 'truncation', 'tau', 'pi', 'epochs'],
});

/** Options for `new seqlab.Corpus(text, options)`. */
export function corpusOptions(state) {
  return { level: state.level, preprocess: state.preprocess, minFreq: state.minFreq };
}

/** Options for `new seqlab.NgramModel(corpus, options)`. */
export function ngramOptions(state) {
  return { n: state.n, smoothing: smoothingText(state), valFraction: state.valFraction };
}

/** modelOptions and trainOptions for `new seqlab.Trainer(corpus, modelOptions, trainOptions)`. */
export function trainerOptions(state) {
  const model = {
    cell: state.cell, hidden: state.hidden, layers: state.layers, embedding: state.embedding, init: state.init,
  };  // the weights' seed is the train options' seed (one generator for weights and minibatches)
  if (state.cell === 'rnn') model.activation = state.activation;
  const train = {
    batch: state.batch, steps: state.steps, iterator: state.iterator, optimizer: state.optimizer, lr: state.lr,
    clip: state.clip, truncation: truncationText(state), seed: state.seed, valFraction: state.valFraction,
  };
  return { model, train };
}
