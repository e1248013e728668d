// The typed message protocol between the page and its worker (web/js/worker/worker.js).
// Every request carries {id, type, payload}; the worker answers each with {id, ok: true, result} or
// {id, ok: false, error}. Long jobs also post events {type: 'event', event, data} (training progress).
// The worker owns every C++ object; a request that replaces one (a new corpus, n-gram model or trainer)
// frees the old one with .delete(). After a worker error the page discards the worker, starts a new one
// (engine-client.js) and re-sends its state (main.js).

/**
 * @typedef {{id: number, type: string, payload?: object}} Request
 * @typedef {{id: number, ok: true, result: any} | {id: number, ok: false, error: string}} Response
 * @typedef {{type: 'event', event: string, data: any}} WorkerEvent
 *
 * @typedef {{version: string, simd: boolean, target: string}} EngineInfo   result of 'engine-info'
 *
 * @typedef {{level: 'char'|'word', preprocess: 'letters_only'|'none', minFreq: number}} CorpusOptions
 * @typedef {{source: 'url', url: string, name: string, options: CorpusOptions}
 *         | {source: 'text', text: string, name: string, options: CorpusOptions}
 *         | {source: 'bytes', bytes: ArrayBuffer, name: string, options: CorpusOptions}} CorpusLoad
 *   payload of 'corpus-load'. 'bytes' (a local file) is decoded as strict UTF-8 in the worker; an error
 *   (invalid UTF-8, empty or too large text, the engine's own errors) rejects and leaves the previous
 *   corpus loaded.
 * @typedef {{name: string, tokens: number, vocabSize: number, characters: number, loadMs: number}} CorpusSummary
 *   result of 'corpus-load'
 * @typedef {{top?: number, zipfRanks?: [number, number]}} StatsRequest   payload of 'corpus-stats'; result: the engine's stats object
 *   {tokens, vocab_size, top, bigrams, trigrams, distinct, zipf, vocab_by_min_freq, rank_frequency}
 *
 * @typedef {{maxN: number, smoothing: string, valFraction: number}} PerplexitiesRequest
 *   payload of 'ngram-perplexities'; result: [{n, perplexity, ...}] for n = 1..maxN
 * @typedef {{n: number, smoothing: string, valFraction: number}} NgramBuild
 *   payload of 'ngram-build'; result: the model's evaluate() {perplexity, cross_entropy_bits, ...}
 * @typedef {{context: string, topK: number}} NextRequest   payload of 'ngram-next'; result: [{token, p}]
 * @typedef {{prefix: string, length: number, temperature: number, seed: number}} SampleRequest
 *   payload of 'ngram-sample'; result: {text}
 *
 * @typedef {{model: object, train: object, epochs: number}} TrainCreate
 *   payload of 'train-create' (modelOptions and trainOptions of seqlab.Trainer);
 *   result: {created: true, trainerId} (events carry the trainerId, so late events of a replaced trainer
 *   can be told apart)
 * @typedef {{lr?: number, clip?: number, truncation?: string, epochs?: number}} TrainOptionsUpdate
 *   payload of 'train-set-options' (applied without reset)
 * @typedef {{prefix: string, length: number, temperature: number, topK: number, seed: number}} GenerateRequest
 *   payload of 'train-generate'; result: {text, steps: [{token, top: [{token, p}]}]}
 *
 * @typedef {{trainerId: number, report: object, diagnostics: {hiddenGradNorms: number[][], gateMeans: Object<string, number>}|null,
 *            tokensSeen: number, epoch: number, trainPerplexity: number,
 *            valPerplexity: number|null, tokensPerSecond: number, gradNorm: number, clipFraction: number,
 *            running: boolean, stepsDone: number}} TrainProgress
 *   data of the 'train-progress' event, posted after every ~30 ms slice of training
 * @typedef {{trainerId: number, reason: 'paused'|'done'|'diverged'|'error', message?: string}} TrainStopped
 *   data of the 'train-stopped' event
 */

/** Request types the worker understands; each handler lives in web/js/worker/<area>-handlers.js. */
export const RequestType = Object.freeze({
  ENGINE_INFO: 'engine-info',
  CORPUS_LOAD: 'corpus-load',
  CORPUS_STATS: 'corpus-stats',
  NGRAM_PERPLEXITIES: 'ngram-perplexities',
  NGRAM_BUILD: 'ngram-build',
  NGRAM_NEXT: 'ngram-next',
  NGRAM_SAMPLE: 'ngram-sample',
  TRAIN_CREATE: 'train-create',
  TRAIN_START: 'train-start',
  TRAIN_PAUSE: 'train-pause',
  TRAIN_SET_OPTIONS: 'train-set-options',
  TRAIN_EVALUATE: 'train-evaluate',
  TRAIN_GENERATE: 'train-generate',
});

/** Events the worker posts. */
export const EventType = Object.freeze({
  TRAIN_PROGRESS: 'train-progress',
  TRAIN_STOPPED: 'train-stopped',
});

/** The largest text the page sends to the engine (characters); larger files get a clear message. */
export const MAX_TEXT_CHARS = 64 * 1024 * 1024;
