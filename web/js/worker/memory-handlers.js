// Worker handlers of the Memory lab: a race of RNN / GRU / LSTM models on one synthetic memory task
// (the engine's task corpora: the answer depends on a key seen `lag` steps earlier), all trained on the same
// samples from the same seed. The race has a Session of its own: the page's Session holds The Time Machine,
// and loading a corpus frees every trainer of a Session, so the race could not share it. A new race (or a
// new worker) deletes the old race's Session.
//
// While the lab is visible, the race's trainers train in ~30 ms slices, one slice per turn, the contestant
// with the fewest steps first (the curves advance together). Each turn is a setTimeout(0) chain of its own,
// so the turns alternate with the page's training and the Gradients lab. About once a second every
// contestant is evaluated on the validation samples (answer accuracy and loss at the answer positions only)
// and probed (‖∂ℓ_answer/∂h_t‖ from the answer back over the whole sample), and 'memory-update' is posted.
// A contestant stops at TARGET_ACCURACY or at the step budget; the race ends when every one has stopped.
import { CONTESTANTS, TARGET_ACCURACY, contestantById } from '../memory-race.js';
import { nextSliceSize } from './slices.js';

/** The race's models, training and task (the same for every contestant but the cell and gate bias). */
export const MEMORY_DEFAULTS = Object.freeze({
  task: Object.freeze({ task: 'first-symbol', lag: 50, keys: 4, filler: 'random', samples: 4096, valSamples: 256,
    seed: 1 }),
  hidden: 64,
  train: Object.freeze({ batch: 32, optimizer: 'adam', lr: 0.005, clip: 1, seed: 7 }),
  contestants: Object.freeze(CONTESTANTS.map((c) => c.id)),
  /** Steps after which a contestant that has not reached the target stops. */
  budget: 4000,
});
/** At most this many minibatches in one slice of a contestant. */
const MAX_RACE_STEPS = 500;
const POST_MS = 1000;

/** The lab's state, one per worker: visibility, the timer of the training chain and the race. */
function memory(context) {
  if (!context.memory) context.memory = { visible: false, timer: 0, race: null, nextId: 1 };
  return context.memory;
}

/** The gradient's norm per input step of the top layer (the layer the output reads). */
const topLayer = (perLayer) => perLayer[perLayer.length - 1];

/** ‖∂ℓ_answer/∂h_t‖ for t = 0..T−1 and, for a GRU, the four path terms of every step. */
function probeFlow(session, name) {
  const probe = session.probe(name, { lossSteps: 'last', pathSplit: true });
  return { norms: topLayer(probe.hiddenGradNorms), gruPaths: probe.gruPaths ? topLayer(probe.gruPaths) : null };
}

/**
 * The GRU's four path terms that carry the gradient from the step after the key back into the key's state:
 * paths[t] are the terms of ∂ℓ/∂h_(t−1) that come through h_t, so the key's state h_k gets paths[k + 1].
 */
function pathsAtKey(gruPaths, keyPosition) {
  return gruPaths?.[keyPosition + 1] ?? null;
}

/**
 * Where the views mark the evidence: the step that read what the probed answer needs. The probe scores the
 * sample's last step, which is the answer step of first-symbol and temporal-order (their evidence: the key,
 * the first marker, from evidenceSteps[0]) and the last answer of copy (it copies the last copied symbol,
 * read at evidenceSteps[1]). answerPositions are the task's answer steps.
 */
export function taskMarks(task) {
  const [first, last] = task.evidenceSteps;
  return { keyPosition: task.task === 'copy' ? last : first, keyRange: [first, last], answerPositions: task.answerSteps };
}

/** Frees the race's Session (its trainers with it). */
function endRace(m) {
  if (m.race) {
    m.race.session.delete();
    m.race = null;
  }
}

/**
 * A new race: its own Session with the task corpus, one trainer per contestant, each probed once before
 * training (the "at initialisation" curves).
 */
function startRace(context, { task, lag, hidden, contestants }) {
  const m = memory(context);
  const ids = contestants ?? MEMORY_DEFAULTS.contestants;
  const unknown = ids.filter((id) => !contestantById(id));
  if (unknown.length) {
    throw new Error(`memory-start: unknown contestant ${unknown.join(', ')} (known: ${CONTESTANTS.map((c) => c.id).join(', ')})`);
  }
  if (!ids.length) throw new Error('memory-start: choose at least one contestant');
  endRace(m);
  const session = new context.seqlab.Session();
  try {
    const loaded = session.loadTask({ ...MEMORY_DEFAULTS.task, ...(task ? { task } : {}), ...(lag ? { lag } : {}),
      ...(task && task !== 'first-symbol' ? { filler: undefined } : {}) });
    const report = { ...loaded, task: { ...loaded.task, ...taskMarks(loaded.task) } };
    const runners = ids.map((id) => {
      const def = contestantById(id);
      const model = { cell: def.cell, hidden: hidden ?? MEMORY_DEFAULTS.hidden, ...(def.gateBias ? { gateBias: def.gateBias } : {}) };
      session.createTrainer(id, model, MEMORY_DEFAULTS.train);
      const init = probeFlow(session, id);
      return { ...def, steps: 0, slice: 1, curve: [], flowInit: init.norms, flowNow: init.norms,
        pathsInit: pathsAtKey(init.gruPaths, report.task.keyPosition), pathsNow: pathsAtKey(init.gruPaths, report.task.keyPosition),
        measuredAt: -1, done: false, diverged: false, message: undefined };
    });
    m.race = { id: m.nextId++, session, report, hidden: hidden ?? MEMORY_DEFAULTS.hidden, runners, finished: false,
      lastPost: 0 };
  } catch (error) {
    session.delete();
    throw error;
  }
  return m.race;
}

/** One slice of the contestant that is furthest behind. */
function trainTurn(race) {
  const running = race.runners.filter((r) => !r.done);
  if (!running.length) return;
  const runner = running.reduce((a, b) => (b.steps < a.steps ? b : a));
  const minibatches = Math.min(runner.slice, MEMORY_DEFAULTS.budget - runner.steps);
  const report = race.session.run(runner.id, minibatches);
  runner.slice = nextSliceSize(runner.slice, report, MAX_RACE_STEPS);
  runner.steps = report.totalSteps;
  if (report.diverged) {
    runner.done = true;
    runner.diverged = true;
    runner.message = report.message;
  }
  if (runner.steps >= MEMORY_DEFAULTS.budget) runner.done = true;
}

/** Evaluates and probes every contestant that trained since its last measurement. */
function measure(race) {
  const { session, report } = race;
  for (const runner of race.runners) {
    if (runner.measuredAt === runner.steps) continue;
    const evaluation = session.evaluate(runner.id);
    runner.curve.push({ step: runner.steps, answerAccuracy: evaluation.answerAccuracy, answerLoss: evaluation.answerLoss });
    const flow = probeFlow(session, runner.id);
    runner.flowNow = flow.norms;
    runner.pathsNow = pathsAtKey(flow.gruPaths, report.task.keyPosition);
    runner.measuredAt = runner.steps;
    if (evaluation.answerAccuracy >= TARGET_ACCURACY) runner.done = true;
  }
  race.finished = race.runners.every((r) => r.done);
}

/** The race as the views draw it ('memory-update'). */
export function raceMessage(race) {
  const { report } = race;
  const { chanceLoss, chanceAccuracy } = report.task;
  return {
    raceId: race.id,
    task: { ...report.task, vocabSize: report.vocabSize },
    hidden: race.hidden,
    budget: MEMORY_DEFAULTS.budget,
    target: TARGET_ACCURACY,
    chanceLoss,
    chanceAccuracy,
    finished: race.finished,
    contestants: race.runners.map((r) => ({ id: r.id, label: r.label, cell: r.cell, gateBias: r.gateBias, steps: r.steps,
      done: r.done, diverged: r.diverged, message: r.message, curve: r.curve, flowInit: r.flowInit, flowNow: r.flowNow,
      pathsInit: r.pathsInit, pathsNow: r.pathsNow })),
  };
}

function tick(context) {
  const m = memory(context);
  m.timer = 0;
  const race = m.race;
  if (!m.visible || !race || race.finished) return;
  try {
    trainTurn(race);
    if (performance.now() - race.lastPost >= POST_MS || race.runners.every((r) => r.done)) {
      measure(race);
      context.post('memory-update', raceMessage(race));
      race.lastPost = performance.now();
    }
  } catch (error) {
    // The race stops; the page says why, and a new race (a changed setting) starts again.
    race.finished = true;
    context.post('memory-update', { raceId: race.id, error: error.message });
    return;
  }
  if (!race.finished) m.timer = setTimeout(() => tick(context), 0);
}

/** Starts the training chain if the lab is visible and a race is running. */
function resume(context) {
  const m = memory(context);
  if (m.visible && m.race && !m.race.finished && !m.timer) m.timer = setTimeout(() => tick(context), 0);
}

export const memoryHandlers = {
  /** @param {import('../protocol.js').MemoryVisible} payload */
  'memory-visible': ({ visible }, context) => {
    const m = memory(context);
    m.visible = Boolean(visible);
    if (m.visible) resume(context);
    else if (m.timer) {
      clearTimeout(m.timer);
      m.timer = 0;
    }
    return { visible: m.visible };
  },

  /**
   * @param {import('../protocol.js').MemoryStart} payload
   * @returns the new race's first 'memory-update' data (curves empty, the flow at initialisation)
   */
  'memory-start': (payload, context) => {
    const race = startRace(context, payload);
    resume(context);
    return raceMessage(race);
  },

  /** Ends the race and frees its Session. */
  'memory-stop': (_payload, context) => {
    const m = memory(context);
    if (m.timer) clearTimeout(m.timer);
    m.timer = 0;
    endRace(m);
    return {};
  },
};
