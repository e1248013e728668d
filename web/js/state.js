// Every setting of the playground, in ONE declarative list that maps to the URL (as tensorflow/playground's
// PROPS). A setting that is an engine option names its schema group and key, and takes its type, choices,
// range, default and help from seqlab.schema() (engine/core/options.h: one table per group). Where the page
// needs less than the engine allows, or another default, the entry says so in `page` and gives the reason
// in `why`; createProps() checks that a narrower range stays inside the engine's. Page-only settings (the
// context of the next-token bars, autostart) are written out here; the epoch limit is the run group's epochs.
// Values read from the URL are validated against the props (a bad value falls back to the default and is
// reported, never thrown); the URL is rewritten as the user changes settings, so `?cell=gru&hidden=128` is a
// configured demo. `preset=` (web/js/presets.js) replaces the defaults by a D2L section's values before the
// URL's own values apply, so a URL value overrides the preset's. Three view options say how the page looks,
// not what it computes: `panels=` (which panels show; embed.html), `lock=` (settings shown read-only) and
// `resize=` (which platforms' frame-resize messages embed.html sends besides its own).
// Pure module: no DOM access here, so Node tests can import it.
import { PRESETS, presetById } from './presets.js';

/**
 * @typedef {'int'|'number'|'choice'|'bool'|'string'|'list'} PropType
 * @typedef {{key: string, type: PropType, default: any, min?: number, max?: number, minExclusive?: boolean,
 *            maxExclusive?: boolean, choices?: string[], aliases?: Object<string, string>, element?: PropType,
 *            minLength?: number, maxLength?: number, help: string}} Spec   one entry of seqlab.schema()
 * @typedef {{corpus: Spec[], stats: Spec[], ngram: Spec[], model: Spec[], train: Spec[], generate: Spec[]}} Schema
 * @typedef {{name: string, group?: string, key?: string, type: PropType, default: any, min?: number,
 *            max?: number, minExclusive?: boolean, maxExclusive?: boolean, choices?: string[],
 *            aliases?: Object<string, string>, element?: PropType, minLength?: number, maxLength?: number,
 *            help: string}} Prop
 *   group and key: the engine option it is (absent for a page-only setting)
 */

/** The page's seeds stay below 2^31 so that every seed a URL carries is also a valid 32-bit seed elsewhere. */
const SEED_MAX = 2147483647;

/**
 * The page's settings in the page's order. `option: 'group.key'` takes the engine's spec; `page` overrides
 * part of it for the page (a narrower range, other choices or another default) and `why` says why.
 */
export const SETTINGS = [
  // First, so that the URL reads as the preset and what differs from it.
  { name: 'preset', type: 'choice', default: '', choices: ['', ...PRESETS.map((p) => p.id)],
    help: "a D2L section's settings (web/js/presets.js); other settings in the URL override its values" },
  // Corpus (docs/math.md §1)
  { name: 'level', option: 'corpus.level' },
  { name: 'preprocess', option: 'corpus.preprocess' },
  { name: 'minFreq', option: 'corpus.minFreq', page: { max: 1000 },
    why: 'the corpora a page loads have at most a few million tokens: a larger minimum empties the vocabulary' },
  { name: 'valFraction', option: 'corpus.valFraction', page: { min: 0.01, max: 0.5 },
    why: 'the page plots validation perplexity, so the split is never empty, and at least half the text trains' },
  // n-gram (docs/math.md §2)
  { name: 'n', option: 'ngram.n', page: { max: 6 }, why: 'the perplexity bars show the orders 1..6' },
  { name: 'smoothing', option: 'ngram.smoothing' },
  { name: 'k', option: 'ngram.k' },
  { name: 'eps', option: 'ngram.eps' },
  { name: 'context', type: 'string', default: 'the time travel', maxLength: 200, help: 'context for next-token bars' },
  { name: 'sampleLen', option: 'generate.length', page: { default: 80, min: 1, max: 2000 },
    why: 'a sample fits in the panel' },
  { name: 'sampleTemp', option: 'generate.temperature', page: { default: 1, max: 5 },
    why: 'the page samples by default (temperature 1); above 5 every token is about equally likely' },
  { name: 'sampleSeed', option: 'generate.seed', page: { default: 1, max: SEED_MAX }, why: 'seeds below 2^31' },
  // Network (docs/math.md §3-4)
  { name: 'cell', option: 'model.cell' },
  { name: 'hidden', option: 'model.hidden', page: { default: 64, max: 1024 },
    why: 'H 64 trains its first step within a second; a 4096-unit LSTM with Adam needs about 1 GB of memory' },
  { name: 'layers', option: 'model.layers', page: { max: 4 },
    why: 'the gradient chart draws a line per layer; deeper stacks train too slowly to watch' },
  { name: 'embedding', option: 'model.embedding', page: { max: 512 }, why: 'as hidden: memory and speed' },
  { name: 'activation', option: 'model.activation' },
  { name: 'gruVariant', option: 'model.gruVariant' },
  { name: 'init', option: 'model.init' },
  { name: 'seed', option: 'train.seed', page: { default: 42, max: SEED_MAX }, why: 'seeds below 2^31' },
  // Training (docs/math.md §5)
  { name: 'batch', option: 'train.batch', page: { max: 512 }, why: 'as hidden: memory and speed' },
  { name: 'steps', option: 'train.steps', page: { max: 500 }, why: 'the gradient chart has a point per step' },
  { name: 'iterator', option: 'train.iterator', page: { default: 'random' },
    why: 'the page always started with random sampling: links shared before keep their meaning' },
  { name: 'optimizer', option: 'train.optimizer', page: { default: 'adam' },
    why: 'Adam brings the perplexity down within seconds at the page default sizes' },
  { name: 'lr', option: 'train.lr', page: { default: 0.01, max: 100 },
    why: "Adam's rate; larger rates only diverge" },
  { name: 'clip', option: 'train.clip', page: { max: 1000 },
    why: 'the gradient norms of models the page trains stay far below 1000: a larger θ never clips' },
  { name: 'truncation', option: 'train.truncation' },
  { name: 'tau', option: 'train.tau', page: { max: 500 }, why: 'a τ above the largest T (500) would cut nothing' },
  { name: 'pi', option: 'train.pi', page: { min: 0.001 },
    why: 'a kept step is scaled by 1/π: below 0.001 single steps carry a thousandfold gradient' },
  { name: 'epochs', option: 'run.epochs', page: { max: 10000 },
    why: "10,000 epochs of a page's text are days of training (0 trains until paused, as the schema's help says)" },
  { name: 'autostart', type: 'bool', default: true, help: 'start training when the page opens' },
  // Generation
  { name: 'prefix', option: 'generate.prefix', page: { default: 'the time traveller ', maxLength: 200 },
    why: 'the prefix lives in the URL' },
  { name: 'genLen', option: 'generate.length', page: { min: 1, max: 2000 }, why: 'as sampleLen' },
  { name: 'temperature', option: 'generate.temperature', page: { default: 1, max: 5 }, why: 'as sampleTemp' },
  { name: 'topK', option: 'generate.topK', page: { max: 100000 }, why: 'the vocabulary is smaller' },
  { name: 'genSeed', option: 'generate.seed', page: { default: 7, max: SEED_MAX }, why: 'seeds below 2^31' },
];

/** Settings applied to a running trainer without a reset (train-set-options). */
export const LIVE = Object.freeze(['lr', 'clip', 'truncation', 'tau', 'pi', 'epochs']);

/**
 * The props of the page from the engine's schema.
 * @param {Schema} schema
 * @returns {{list: Prop[], byName: Map<string, Prop>}}
 */
export function createProps(schema) {
  const list = SETTINGS.map((setting) => {
    if (!setting.option) {
      const { name, ...spec } = setting;
      return Object.freeze({ name, ...spec });
    }
    const [group, key] = setting.option.split('.');
    const spec = schema[group]?.find((s) => s.key === key);
    if (!spec) throw new Error(`the page's setting '${setting.name}' is ${setting.option}, which the engine's schema lacks`);
    const page = setting.page ?? {};
    const prop = { ...spec, ...page, name: setting.name, group, key };
    // A page bound replaces the engine's: it is closed unless the page says otherwise.
    if (page.min !== undefined) prop.minExclusive = page.minExclusive ?? false;
    if (page.max !== undefined) prop.maxExclusive = page.maxExclusive ?? false;
    if (prop.type === 'list') {
      // A list's element type and length, when the schema does not give them, are the default's.
      prop.element ??= typeof spec.default[0] === 'string' ? 'string' : 'number';
      prop.minLength ??= spec.default.length;
      prop.maxLength ??= spec.default.length;
    }
    checkNarrower(prop, spec);
    return Object.freeze(prop);
  });
  return { list, byName: new Map(list.map((p) => [p.name, p])) };
}

/** A page range inside the engine's, page choices among the engine's, a page default valid for both. */
function checkNarrower(prop, spec) {
  const problems = [];
  if (spec.min !== undefined && !(prop.min >= spec.min)) problems.push(`min ${prop.min} below the engine's ${spec.min}`);
  if (spec.max !== undefined && !(prop.max <= spec.max)) problems.push(`max ${prop.max} above the engine's ${spec.max}`);
  if (spec.minExclusive && prop.min === spec.min && !prop.minExclusive) problems.push(`takes the engine's open end ${spec.min}`);
  if (spec.maxExclusive && prop.max === spec.max && !prop.maxExclusive) problems.push(`takes the engine's open end ${spec.max}`);
  if (spec.choices && !prop.choices.every((c) => spec.choices.includes(c))) problems.push('a choice the engine lacks');
  const parsed = parseValue(prop, formatValue(prop, prop.default));
  if (!parsed.ok) problems.push(`its default is invalid: ${parsed.error}`);
  if (problems.length) throw new Error(`the page's ${prop.name} (${prop.group}.${prop.key}): ${problems.join('; ')}`);
}

/** The defaults as a plain object. @param {{list: Prop[]}} props */
export function defaults(props) {
  return Object.fromEntries(props.list.map((p) => [p.name, p.default]));
}

/** A decimal number: optional sign, digits with an optional point, optional exponent (1, -2, 0.5, .5, 1e-3). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** '[1, 4096]', '(0, 1]', '>= 0': the allowed range as the engine prints it. */
function rangeText(prop) {
  if (prop.min === undefined) return prop.max === undefined ? 'any' : `${prop.maxExclusive ? '<' : '<='} ${prop.max}`;
  if (prop.max === undefined) return `${prop.minExclusive ? '>' : '>='} ${prop.min}`;
  return `${prop.minExclusive ? '(' : '['}${prop.min}, ${prop.max}${prop.maxExclusive ? ')' : ']'}`;
}

function inRange(prop, value) {
  if (prop.min !== undefined && (prop.minExclusive ? value <= prop.min : value < prop.min)) return false;
  if (prop.max !== undefined && (prop.maxExclusive ? value >= prop.max : value > prop.max)) return false;
  return true;
}

/** One number of an int or number prop (or of a list of them); `name` for the messages. */
function parseNumber(text, type, prop, name) {
  // Plain decimal notation only: Number() would also read '0x40', '0b1', '0o7' and 'Infinity'.
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!DECIMAL.test(trimmed) || !Number.isFinite(value)) {
    return { ok: false, error: `${name} must be a decimal number (got '${text}')` };
  }
  if (type === 'int' && !Number.isInteger(value)) return { ok: false, error: `${name} must be an integer (got '${text}')` };
  if (!inRange(prop, value)) return { ok: false, error: `${name} must be in ${rangeText(prop)} (got ${trimmed})` };
  return { ok: true, value };
}

/**
 * Parses and validates one value (a string from the URL or a form field).
 * @param {Prop} prop
 * @returns {{ok: true, value: any} | {ok: false, error: string}}
 */
export function parseValue(prop, text) {
  const raw = String(text);
  switch (prop.type) {
    case 'int':
    case 'number':
      return parseNumber(raw, prop.type, prop, prop.name);
    case 'choice': {
      const value = prop.aliases?.[raw] ?? raw;   // an old name (gruVariant=seed) reads as the current one
      return prop.choices.includes(value) ? { ok: true, value }
        : { ok: false, error: `${prop.name} must be one of ${prop.choices.join(', ')} (got '${raw}')` };
    }
    case 'bool':
      if (['1', 'true', 'yes', 'on'].includes(raw)) return { ok: true, value: true };
      if (['0', 'false', 'no', 'off'].includes(raw)) return { ok: true, value: false };
      return { ok: false, error: `${prop.name} must be true or false (got '${raw}')` };
    case 'string':
      if (prop.maxLength !== undefined && raw.length > prop.maxLength) {
        return { ok: false, error: `${prop.name} is longer than ${prop.maxLength} characters` };
      }
      return { ok: true, value: raw };
    case 'list': {
      // Comma-separated in the URL and the form: eps=1,0.5,0.25.
      const items = raw.split(',');
      const count = `${prop.minLength === prop.maxLength ? prop.minLength : `${prop.minLength}..${prop.maxLength}`}`;
      if ((prop.minLength !== undefined && items.length < prop.minLength)
          || (prop.maxLength !== undefined && items.length > prop.maxLength)) {
        return { ok: false, error: `${prop.name} must be ${count} comma-separated values (got '${raw}')` };
      }
      if (prop.element === 'string') return { ok: true, value: items };
      const value = [];
      for (const item of items) {
        const parsed = parseNumber(item, prop.element, prop, `each value of ${prop.name}`);
        if (!parsed.ok) return parsed;
        value.push(parsed.value);
      }
      return { ok: true, value };
    }
    default:
      return { ok: false, error: `unknown type of ${prop.name}` };
  }
}

/** A value as the URL and the form fields write it. */
export function formatValue(prop, value) {
  if (prop.type === 'bool') return value ? '1' : '0';
  if (prop.type === 'list') return value.join(',');
  return String(value);
}

/** Values compare as they are written (lists are arrays). */
export function sameValue(prop, a, b) {
  return formatValue(prop, a) === formatValue(prop, b);
}

/**
 * The values a state starts from: the defaults, or with `preset` that preset's values (read like URL values).
 * @returns {{state: Object<string, any>, errors: string[]}} errors: preset values the props refuse (a preset
 *   that no longer fits the engine's schema keeps the default there and says so)
 */
export function baseline(props, presetId = '') {
  const state = defaults(props);
  const errors = [];
  const preset = presetById(presetId);
  if (!preset) return { state, errors };
  state.preset = preset.id;
  for (const [name, text] of Object.entries(preset.settings)) {
    const prop = props.byName.get(name);
    const parsed = prop ? parseValue(prop, text) : { ok: false, error: `unknown setting '${name}'` };
    if (parsed.ok) state[name] = parsed.value;
    else errors.push(`preset ${preset.id}: ${parsed.error}`);
  }
  return { state, errors };
}

/** The query keys that are view options (how the page looks), not settings. */
export const VIEW_KEYS = Object.freeze(['panels', 'lock', 'resize']);

/**
 * The frame-resize messages embed.html can send besides its own `seqlab:height` (web/js/embed/frame-height.js),
 * by their `resize=` name: `lti` is Canvas's {subject: 'lti.frameResize', height}, which a Canvas page
 * listens for from the frames in it.
 */
export const RESIZE_MESSAGES = Object.freeze(['lti']);

/**
 * Reads the state from a query string: the preset's values (if `preset=` names one) under the URL's own;
 * invalid or unknown keys are reported and fall back to the preset's value or the default. View options
 * are left to readView().
 */
export function readQuery(props, search) {
  const params = new URLSearchParams(search);
  const errors = [];
  let presetId = '';
  if (params.has('preset')) {
    const parsed = parseValue(props.byName.get('preset'), params.get('preset'));
    if (parsed.ok) presetId = parsed.value;
    else errors.push(parsed.error);
  }
  const base = baseline(props, presetId);
  const state = base.state;
  errors.push(...base.errors);
  for (const [key, text] of params) {
    if (key === 'preset' || VIEW_KEYS.includes(key)) continue;
    const prop = props.byName.get(key);
    if (!prop) { errors.push(`unknown setting '${key}'`); continue; }
    const parsed = parseValue(prop, text);
    if (parsed.ok) state[key] = parsed.value;
    else errors.push(parsed.error);
  }
  return { state, errors };
}

/**
 * The query string of a state: the preset, then only the values that differ from where the state started
 * (the preset's values or the defaults), in the props' order; the view options of `keepView` (the current
 * query string) stay as they were.
 */
export function writeQuery(props, state, keepView = '') {
  const params = new URLSearchParams();
  // The preset itself is compared with no preset, so that it is written.
  const base = { ...baseline(props, state.preset).state, preset: props.byName.get('preset').default };
  for (const prop of props.list) {
    const value = state[prop.name];
    if (value === undefined || sameValue(prop, value, base[prop.name])) continue;
    params.set(prop.name, formatValue(prop, value));
  }
  const view = new URLSearchParams(keepView);
  for (const key of VIEW_KEYS) if (view.has(key)) params.set(key, view.get(key));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The panels a page can show, by the name `panels=` uses: the four panels of the page (the training panel in
 * two parts: the network with its chart, and generation), the gradients panel, the Gradients lab, whole
 * (`lab`) or one view at a time (web/js/lab/lab-panel.js's tab ids), and the Memory lab's race (`memory`).
 */
export const PANELS = Object.freeze(['corpus', 'ngram', 'train', 'generate', 'gradients', 'lab',
  'flow', 'linear', 'paths', 'trunc', 'clip', 'gates', 'batches', 'memory']);

/**
 * The known names of one comma-separated view option; the unknown ones are reported in `errors` and left out.
 * @param {URLSearchParams} params
 * @param {(name: string) => boolean} known
 * @param {string} what  what a known name is ('a panel (…)')
 */
function viewNames(params, key, known, what, errors) {
  if (!params.has(key)) return [];
  const list = params.get(key).split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((name) => !known(name));
  if (bad.length) errors.push(`${key}: ${bad.map((b) => `'${b}'`).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not ${what}`);
  return [...new Set(list.filter(known))];
}

/**
 * The frame-resize messages a query string asks for (`resize=`, names of RESIZE_MESSAGES). Needs no props:
 * embed.html reads it before the engine's schema arrives, to report its height from the start.
 * @returns {{resize: string[], errors: string[]}}
 */
export function readResize(search) {
  const errors = [];
  const resize = viewNames(new URLSearchParams(search), 'resize', (name) => RESIZE_MESSAGES.includes(name),
    `a resize message (resize: ${RESIZE_MESSAGES.join(', ')})`, errors);
  return { resize, errors };
}

/**
 * The view options of a query string: `panels=` (names of PANELS, comma-separated; none = all), `lock=`
 * (setting names shown read-only) and `resize=` (readResize). Unknown names are reported and left out.
 * @param {{byName: Map<string, Prop>}} props
 * @returns {{panels: string[], lock: string[], resize: string[], errors: string[]}}
 */
export function readView(props, search) {
  const params = new URLSearchParams(search);
  const errors = [];
  const panels = viewNames(params, 'panels', (name) => PANELS.includes(name),
    `a panel (panels: ${PANELS.join(', ')})`, errors);
  const lock = viewNames(params, 'lock', (name) => props.byName.has(name) && name !== 'preset', 'a setting', errors);
  const { resize, errors: resizeErrors } = readResize(search);
  errors.push(...resizeErrors);
  return { panels, lock, resize, errors };
}

/**
 * The settings of one engine option group under the engine's keys ({level, preprocess, minFreq, ...}): for
 * corpus, ngram, model and train, where each key has one setting (the generate group's keys serve two
 * panels: sampleOptions and generateOptions).
 */
export function optionsOf(props, state, group) {
  const options = {};
  for (const prop of props.list) {
    if (prop.group !== group) continue;
    if (prop.key in options) throw new Error(`two settings are ${group}.${prop.key}`);
    options[prop.key] = state[prop.name];
  }
  return options;
}

/** Options of the n-gram sample: the generate group's keys from the n-gram panel's settings. */
export function sampleOptions(state) {
  return { prefix: state.context, length: state.sampleLen, temperature: state.sampleTemp, seed: state.sampleSeed };
}

/** Options of the network's generation: the generate group's keys from the training panel's settings. */
export function generateOptions(state) {
  return { prefix: state.prefix, length: state.genLen, temperature: state.temperature, topK: state.topK,
    seed: state.genSeed };
}
