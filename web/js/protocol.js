// The typed message protocol between the page (engine-client.js) and its worker (worker/worker.js), in the
// manner of Manifold's lib/worker.ts: one union of messages, each with a `type`, a `payload` and a
// `result`, documented here once and used by both sides (the client refuses a type that is not listed;
// the worker checks at start that it has exactly one handler per listed type).
//
// Wire format: the page posts {id, type, payload}; the worker answers each with {id, ok: true, result} or
// {id, ok: false, error, code?, settings?} (the engine's message; code NO_CORPUS: the request needs a text and
// none is loaded yet, so the page may send it again later). Training posts events {type: 'event', event, data}.
// The worker owns the engine's Session (and so every C++ object); each request is one Session call, except
// the training loop's start and pause and the text's download. After a worker error the page discards the
// worker, starts a new one and sends its state again.

/** The `code` of a refused request that needs a loaded text when none is (the page retries it later). */
export const NO_CORPUS = 'no-corpus';

// ---- results and payloads --------------------------------------------------------------------------------
// Options objects carry the engine's keys of one schema group (seqlab.schema(), engine/core/options.h);
// the engine checks them and its error names the key and the allowed range.
/**
 * @typedef {{version: string, simd: boolean, target: string}} EngineInfo
 *   answered as soon as the module is compiled (the page's settings come from the schema it carries,
 *   web/js/engine-schema.json, written from the engine's by scripts/generate-dts.mjs)
 *
 * @typedef {{level: 'char'|'word', preprocess: 'letters_only'|'none', minFreq: number,
 *            valFraction: number}} CorpusOptions
 * @typedef {{source: 'url', url: string, name: string, options: CorpusOptions}
 *         | {source: 'text', text: string, name: string, options: CorpusOptions}
 *         | {source: 'bytes', bytes: ArrayBuffer, name: string, options: CorpusOptions}} CorpusLoad
 *   'bytes' (a local file) is decoded as strict UTF-8 in the worker. A text the worker refuses (invalid
 *   UTF-8, empty, too large) rejects and leaves the previous corpus loaded; one the engine refuses rejects
 *   after the 'corpus-lost' event.
 * @typedef {{name: string, tokens: number, vocabSize: number, characters: number, trainTokens: number,
 *            valTokens: number, options: CorpusOptions, loadMs: number}} CorpusSummary
 *   Session.loadCorpus's summary, with the source's name and the time it took
 * @typedef {{top?: number, zipfRanks?: [number, number], rankFrequencyPoints?: number, minFreqs?: number[],
 *            maxN?: number}} StatsOptions
 * @typedef {object} CorpusStats  Session.corpusStats: {tokens, vocabSize, top, bigrams, trigrams, zipf,
 *   rankFrequency, ...} (engine/stats/corpus_stats.h)
 *
 * @typedef {{n: number, smoothing: string, k: number, eps: number[]}} NgramOptions  smoothing: one of the
 *   schema's choices (laplace, add-k, d2l, mle, witten-bell, kneser-ney, modified-kneser-ney, stupid-backoff)
 * @typedef {{maxN: number, smoothing: string, k: number, eps: number[]}} PerplexitiesRequest
 *   result: one row per order 1..maxN that the smoothing can do (the engine leaves out the others)
 * @typedef {{n: number, perplexity: number|null, crossEntropyBits: number|null, scored: number, unseen: number,
 *            ngramTypes: number, noPerplexity?: string}} NgramEvaluation  perplexity null when there is no
 *   validation split, when it is infinite (`unseen` validation tokens have probability 0: MLE) or when the
 *   smoothing gives scores, not probabilities (stupid backoff: `noPerplexity` says so)
 * @typedef {{context: string, topK: number}} NextRequest
 * @typedef {{token: string, p: number}} TokenProbability
 * @typedef {{prefix: string, length: number, temperature: number, seed: number}} SampleOptions
 *
 * @typedef {{model: object, train: object, epochs: number}} TrainCreate
 *   model and train: the model and train groups' options; epochs: stop after this many (0 = until
 *   paused), the limit of the trainer's run in the engine (Session.beginRun)
 * @typedef {{trainerId: number, parameterCount: number}} TrainCreated
 *   events carry the trainerId, so that late events of a replaced trainer can be told apart
 * @typedef {{bytes: Uint8Array}} TrainSaved
 *   the trainer's checkpoint (model, optimizer state, random states, progress, options, corpus hash,
 *   vocabulary and curve: Session.save)
 * @typedef {{bytes: Uint8Array, epochs: number}} TrainLoad
 *   replaces the trainer by a checkpoint's (Session.loadTrainer); epochs: the page's epoch limit, counted
 *   from the checkpoint's epoch (the run begun there trains that many more). A
 *   checkpoint of another corpus is refused with the engine's message, and the trainer there stays.
 * @typedef {{trainerId: number, parameterCount: number, resumable: boolean, options: object,
 *            progress: {epoch: number, tokensSeen: number, totalSteps: number}|null,
 *            curve: object[]}} TrainLoaded
 *   resumable: 'train-start' continues the run where the checkpoint left it (bit-identically); otherwise the
 *   trainer only generates. options: {model, train, corpus, warnings}; curve: the engine's curve so far
 *   (a point per training report, a point with valPerplexity per validation)
 * @typedef {{safetensors: Uint8Array, script: string, fileStem: string}} PytorchExport
 *   Session.exportPytorch: the weights under torch.nn names and a Python script that loads
 *   `${fileStem}.safetensors` from its own folder (saved as `${fileStem}.py`)
 * @typedef {{lr?: number, clip?: number, truncation?: 'full'|'fixed'|'random', tau?: number, pi?: number,
 *            epochs?: number}} TrainOptionsUpdate
 *   applied between slices, without a reset
 * @typedef {{prefix: string, length: number, temperature: number, topK: number, seed: number}} GenerateOptions
 * @typedef {{text: string, generated: string,
 *            steps: {token: string, id: number, top: {token: string, id: number, p: number}[]}[]}} Generation
 *   text: the prefix as the engine read it and the generated tokens, decoded by the engine
 *
 * The Gradients lab (web/js/worker/lab-handlers.js; the data shapes: web/js/lab/README.md):
 * @typedef {{visible: boolean}} LabVisible
 *   the lab trains its own models and posts 'lab-update' events about once a second while visible
 * @typedef {{rho: number, measuredRho: number, B: number, T: number, norms: number[]}} LabLinear
 * @typedef {{iterator: 'random'|'sequential', B: number, T: number, k: number, corpusLength: number,
 *            rows: {start: number, carriedFromPrevious: boolean}[]}} LabBatches
 *
 * The Memory lab (web/js/worker/memory-handlers.js; the views: web/js/memory/):
 * @typedef {{visible: boolean}} MemoryVisible
 *   the race's models train, and 'memory-update' events come about once a second, only while visible
 * @typedef {{task?: 'first-symbol'|'temporal-order'|'copy', lag?: number, hidden?: number,
 *            contestants?: string[]}} MemoryStart
 *   a new race (the old one's Session is freed): the task corpus of the engine's task group, one trainer
 *   per contestant (ids of web/js/memory-race.js's CONTESTANTS)
 * @typedef {{raceId: number, task: object, hidden: number, budget: number, target: number, chanceLoss: number,
 *            chanceAccuracy: number, finished: boolean,
 *            contestants: {id: string, label: string, cell: string, gateBias: number, steps: number,
 *              done: boolean, diverged: boolean, message?: string,
 *              curve: {step: number, answerAccuracy: number, answerLoss: number}[],
 *              flowInit: number[], flowNow: number[], pathsInit: object|null, pathsNow: object|null}[]}
 *          | {raceId: number, error: string}} MemoryUpdate
 *   task: the engine's task report (lag, sampleLength, answerSteps, evidenceSteps, chanceLoss, chanceAccuracy,
 *   examples) with the vocabulary size and the views' marks keyPosition, keyRange, answerPositions
 *   (memory-handlers.js, taskMarks); flowInit / flowNow: ||dl_answer/dh_t|| for t = 0..T-1 before training and
 *   now; pathsInit / pathsNow: a GRU's four path terms from h_(key+1) back to h_key (null for the others);
 *   error: the race stopped on the engine's message
 */

// ---- the request union -------------------------------------------------------------------------------------
/**
 * Every request the worker answers: type -> {payload, result}.
 * @typedef {{
 *   'engine-info':        {payload: {},                  result: EngineInfo},
 *   'corpus-load':        {payload: CorpusLoad,          result: CorpusSummary},
 *   'corpus-stats':       {payload: StatsOptions,        result: CorpusStats},
 *   'ngram-perplexities': {payload: PerplexitiesRequest, result: NgramEvaluation[]},
 *   'ngram-build':        {payload: NgramOptions,        result: NgramEvaluation},
 *   'ngram-next':         {payload: NextRequest,         result: TokenProbability[]},
 *   'ngram-sample':       {payload: SampleOptions,       result: {text: string, generated: string}},
 *   'train-create':       {payload: TrainCreate,         result: TrainCreated},
 *   'train-start':        {payload: {},                  result: {running: true}},
 *   'train-pause':        {payload: {},                  result: {running: false}},
 *   'train-set-options':  {payload: TrainOptionsUpdate,  result: {}},
 *   'train-generate':     {payload: GenerateOptions,     result: Generation},
 *   'train-save':         {payload: {},                  result: TrainSaved},
 *   'train-load':         {payload: TrainLoad,           result: TrainLoaded},
 *   'train-export-pytorch': {payload: {},                result: PytorchExport},
 *   'lab-visible':        {payload: LabVisible,          result: {visible: boolean}},
 *   'lab-linear':         {payload: {rho: number},       result: LabLinear},
 *   'lab-clip':           {payload: {on: boolean},       result: {on: boolean}},
 *   'lab-trunc':          {payload: {tau: number, pi: number}, result: object},
 *   'lab-batches':        {payload: {k: number, train?: object}, result: LabBatches[]},
 *   'memory-visible':     {payload: MemoryVisible,       result: {visible: boolean}},
 *   'memory-start':       {payload: MemoryStart,         result: MemoryUpdate},
 *   'memory-stop':        {payload: {},                  result: {}},
 * }} Requests
 * @typedef {keyof Requests} RequestType
 * @typedef {{[K in RequestType]: {id: number, type: K, payload: Requests[K]['payload']}}[RequestType]} Request
 * @typedef {{id: number, ok: true, result: any} | {id: number, ok: false, error: string}} Response
 */

// ---- the event union ---------------------------------------------------------------------------------------
/**
 * The engine's training report, as the engine sends it (engine/train/trainer.cpp, TrainReport::to_json).
 * @typedef {{steps: number, callTokens: number, runSteps: number, runTokens: number, tokens: number,
 *            totalSteps: number, epoch: number, epochsCompleted: number,
 *            epochEnd: boolean, loss: number|null, perplexity: number|null, gradNorm: number,
 *            gradNormMean: number, clipFraction: number, seconds: number, tokensPerS: number,
 *            diverged: boolean, message?: string}} TrainReport
 *   steps, callTokens: minibatches and tokens of this slice; runSteps, runTokens: since the start (tokens,
 *   totalSteps: their old names, which the page reads); loss, perplexity, gradNormMean,
 *   clipFraction: over this slice; gradNorm: the last minibatch's norm before clipping; message: why it
 *   diverged
 * @typedef {{hiddenGradNorms: (number|null)[][], gateMeans: Object<string, number|null>}} Diagnostics
 *   of the last minibatch: ||dL/dh_t|| per layer and t, the mean of each gate
 * @typedef {{trainerId: number, report: TrainReport, valPerplexity: number|null, validated: boolean,
 *            diagnostics: Diagnostics, running: boolean}} TrainProgress
 *   posted after every ~30 ms slice of training (Session.advanceRun); valPerplexity: the last evaluation's
 *   (null before the first one); validated: that evaluation ran after this slice (a new point of the
 *   validation curve); report.diverged and message also say the run's own rule (a perplexity that overflows)
 * @typedef {{trainerId: number, reason: 'paused'|'done'|'diverged'|'error', message?: string}} TrainStopped
 *   done: the run reached its epoch limit (or, on a task, its target accuracy)
 * @typedef {{name: string}} CorpusLost
 *   the engine refused a text after freeing the old corpus (and everything on it): the page loads its
 *   previous text again
 * @typedef {{kind: 'lab-flow'|'lab-paths'|'lab-gates'|'lab-clip'|'lab-trunc'|'lab-error', data: object}} LabUpdate
 *   one view's data (lab-error: {message}, the lab stopped)
 * @typedef {{'train-progress': TrainProgress, 'train-stopped': TrainStopped, 'corpus-lost': CorpusLost,
 *            'lab-update': LabUpdate, 'memory-update': MemoryUpdate}} Events
 * @typedef {keyof Events} EventType
 * @typedef {{[K in EventType]: {type: 'event', event: K, data: Events[K]}}[EventType]} WorkerEvent
 */

/** @type {readonly RequestType[]} */
export const REQUEST_TYPES = Object.freeze(['engine-info', 'corpus-load', 'corpus-stats',
  'ngram-perplexities', 'ngram-build', 'ngram-next', 'ngram-sample', 'train-create', 'train-start', 'train-pause',
  'train-set-options', 'train-generate', 'train-save', 'train-load', 'train-export-pytorch',
  'lab-visible', 'lab-linear', 'lab-clip',
  'lab-trunc', 'lab-batches', 'memory-visible', 'memory-start', 'memory-stop']);

/** @type {readonly EventType[]} */
export const EVENT_TYPES = Object.freeze(['train-progress', 'train-stopped', 'corpus-lost', 'lab-update', 'memory-update']);

/**
 * Checks that a handler table answers exactly the protocol's requests (a missing or a stray handler is a
 * programming error, reported when the worker starts rather than when the page first asks).
 * @param {Object<string, Function>} handlers
 */
export function checkHandlers(handlers) {
  const missing = REQUEST_TYPES.filter((type) => typeof handlers[type] !== 'function');
  const stray = Object.keys(handlers).filter((type) => !REQUEST_TYPES.includes(type));
  if (missing.length || stray.length) {
    throw new Error(`worker handlers do not match the protocol: missing ${missing.join(', ') || 'none'}; ` +
      `not in the protocol ${stray.join(', ') || 'none'}`);
  }
}

/** The largest text the page sends to the engine (characters); larger files get a clear message. */
export const MAX_TEXT_CHARS = 64 * 1024 * 1024;
