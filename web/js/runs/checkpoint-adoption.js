// A loaded checkpoint taken in by the page: its model and train options become the settings' values (those
// the page can show), its curve becomes the current run's, and a note says what was loaded and what Resume
// does. Pure: the controller applies the results (tests/js can import this module).
import { parseValue, formatValue } from '../state.js';
import { newRun, splitCurve, lastProgress } from './run.js';

/** The option groups a checkpoint restores into the settings. */
export const ADOPTED_GROUPS = ['model', 'train'];

/**
 * The settings' values of a loaded model's options.
 * @param {{list: object[]}} props  the settings' properties (state.js)
 * @param {{model?: object, train?: object}} options  the engine's options of the loaded trainer
 * @returns {{values: Object<string, any>, skipped: string[]}} skipped: what the page cannot represent
 */
export function adoptedValues(props, options = {}) {
  const values = {};
  const skipped = [];
  for (const prop of props.list) {
    if (!ADOPTED_GROUPS.includes(prop.group)) continue;
    const value = options[prop.group]?.[prop.key];
    if (value === undefined) continue;
    const parsed = parseValue(prop, formatValue(prop, value));
    if (parsed.ok) values[prop.name] = parsed.value;
    else skipped.push(`${prop.name} ${formatValue(prop, value)}`);
  }
  return { values, skipped };
}

/**
 * The run a loaded checkpoint continues: the stored run it came from, or a new one, with the checkpoint's
 * own curve (a stored run of an older engine, whose checkpoint has none, keeps its record).
 * @param {{loaded: import('../protocol.js').TrainLoaded, stored: object|null, corpus: {name: string, hash: string|null},
 *          settings: Object<string, string>, bytes: Uint8Array}} from
 */
export function adoptedRun({ loaded, stored, corpus, settings, bytes }) {
  const curve = splitCurve(loaded.curve);
  const run = stored ?? newRun({ corpus: corpus.name, corpusHash: corpus.hash });
  if (curve.train.length || !stored) Object.assign(run, curve);
  return Object.assign(run, { corpus: corpus.name, corpusHash: corpus.hash, settings, checkpoint: bytes,
    updated: Date.now() });
}

/** What the panel says after a load: the model, what Resume does, what could not be shown, the engine's warnings. */
export function loadedNote({ loaded, name, run, skipped }) {
  const epoch = loaded.progress?.epoch ?? lastProgress(run).epoch;
  const what = `${loaded.options?.model?.cell ?? 'model'} H ${loaded.options?.model?.hidden ?? '?'}`;
  const notes = [loaded.resumable
    ? `Loaded ${name} (${what}, epoch ${epoch.toFixed(2)}): Resume continues its run.`
    : `Loaded ${name} (${what}): it generates text; Start trains a new model from the settings.`];
  if (skipped.length) notes.push(`The page cannot show its ${skipped.join(', ')}; the model keeps its own.`);
  for (const warning of loaded.options?.warnings ?? []) notes.push(warning);
  return notes.join(' ');
}
