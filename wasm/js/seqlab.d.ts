// Types of the seqlab package's ES module entry (web/engine/seqlab.mjs).
// The option interfaces (CorpusOptions, ModelConfig, TrainOptions, ProbeOptions, ...: one per group of
// seqlab.schema()) are generated into seqlab-options.d.ts by scripts/generate-dts.mjs. Every name is
// camelCase, in and out.
import type {
  CorpusOptions, TaskOptions, StatsOptions, NgramOptions, NgramPerplexityOptions, ModelConfig, TrainOptions,
  GenerateOptions, ProbeOptions, LossAndGradientsOptions, LinearRnnOptions, GateActivationsOptions, RunOptions,
  OptionGroup,
} from './seqlab-options';
export * from './seqlab-options';

// ---- text (wasm/js/text.mjs) ----------------------------------------------------------------------------

/** What loadTask adds to the corpus summary. Steps are 0-based: step t reads token t and predicts token t + 1. */
export interface TaskReport {
  task: 'first-symbol' | 'temporal-order' | 'copy';
  lag: number;
  options: Required<TaskOptions>;
  /** S, tokens per sample; a trainer's steps are S - 1. */
  sampleLength: number;
  trainSamples: number;
  valSamples: number;
  /** The steps whose target needs memory (where answerAccuracy and answerLoss are measured). */
  answerSteps: number[];
  /** [first, last]: the steps that read what an answer needs (the key, the first marker, the copied symbols). */
  evidenceSteps: [number, number];
  answerChoices: number;
  /** ln(answerChoices): the answer loss of a uniform guess. */
  chanceLoss: number;
  chanceAccuracy: number;
  /** The first three training samples as text. */
  examples: string[];
}

/** Keys "1", "2", "3": the n-gram order. */
export type PerOrder<T> = Record<string, T>;

export interface CorpusStats {
  level: 'char' | 'word';
  preprocess: 'letters_only' | 'none';
  minFreq: number;
  tokens: number;
  vocabSize: number;
  /** The tokens below minFreq (the models see them as <unk>): how many, of how many types, and their share. */
  unk: { tokens: number; types: number; share: number };
  /** What the vocabulary holds beyond the text's kept tokens: vocabSize = fromText + added.length (added: <unk>
   *  and the reserved tokens); note says it in words ("vocab_size 4580 = 4579 distinct tokens ... + <unk>"). */
  vocab: { fromText: number; added: string[]; note: string };
  /** A sentence: the lists below count the raw tokens, as D2L does, and only unk counts <unk>. */
  counted: string;
  /** [token, count] of the RAW tokens (a token below minFreq counts as itself, as in D2L), most frequent first. */
  top: [string, number][];
  bigrams: [[string, string], number][];
  trigrams: [[string, string, string], number][];
  /** Distinct n-grams per order. */
  distinct: PerOrder<number>;
  /** alpha and c are null when the clipped range holds fewer than two ranks; ranks = the range used. */
  zipf: PerOrder<{ alpha: number | null; c: number | null; ranks: [number, number] }>;
  /** [minFreq, vocabulary size with <unk> and reserved]. */
  vocabByMinFreq: [number, number][];
  /** Log-spaced ranks (1-based, first and last included) and their counts, for log-log plots. */
  rankFrequency: PerOrder<{ ranks: number[]; counts: number[] }>;
}

/** A preprocessed, tokenized text with its vocabulary. Owns C++ memory: call delete(). */
export class Corpus {
  /**
   * text: a string, or UTF-8 bytes. Throws an Error on invalid UTF-8 bytes (naming the byte offset), on a
   * lone UTF-16 surrogate in a string (naming its index), on a text with no token, on bad options.
   */
  constructor(text: string | Uint8Array, options?: CorpusOptions);
  readonly tokenCount: number;
  readonly vocabSize: number;
  readonly options: Required<CorpusOptions>;
  /** The Embind object, for other bindings that take a corpus. */
  readonly raw: unknown;
  stats(options?: StatsOptions): CorpusStats;
  /** The whole text's token ids (a copy). */
  ids(): Int32Array;
  /** Preprocesses like the corpus, then maps tokens to ids (unknown -> 0). */
  encode(text: string | Uint8Array): Int32Array;
  /** Char level concatenates tokens; word level joins with ' '. Throws on an id outside the vocabulary. */
  decode(ids: Int32Array | number[]): string;
  /** The vocabulary in id order; tokens()[0] === "<unk>". */
  tokens(): string[];
  delete(): void;
}

// ---- n-gram models (wasm/js/ngram.mjs) ------------------------------------------------------------------

/** The smoothings of the "ngram" group (generated from seqlab.schema() into seqlab-options.d.ts). */
export type NgramSmoothing = NonNullable<NgramOptions['smoothing']>;

export interface NgramEvaluation {
  n: number;
  smoothing: NgramSmoothing;
  k: number;
  eps: [number, number, number];
  discount: number;
  /** null when valFraction is 0 (nothing held out), infinite (unseen > 0), or for stupid-backoff. */
  perplexity: number | null;
  /** stupid-backoff only: why there is no perplexity (its scores are not probabilities). */
  noPerplexity?: string;
  crossEntropyNats: number | null;
  crossEntropyBits: number | null;
  /** Validation positions scored (those with n-1 preceding tokens). */
  scored: number;
  /** Scored positions of probability 0 (mle; an id unseen in training under witten-bell / kneser-ney). */
  unseen: number;
  /** Distinct n-grams of order n in the training part. */
  ngramTypes: number;
  vocabSize: number;
  trainTokens: number;
  valTokens: number;
}

export interface NgramSampleOptions {
  /** Text to continue (preprocessed like the corpus; default ""). */
  prefix?: string;
  /** Tokens to generate (default 100). */
  length?: number;
  /** p^(1/temperature), normalised; 0 = argmax (default 1). */
  temperature?: number;
  /** Integer in [0, 2^32 - 1] (default 0): the same seed gives the same text natively, in Node and on the page. */
  seed?: number;
}

/** An n-gram language model trained on the first (1 - valFraction) of a corpus. Owns C++ memory: call delete(). */
export class NgramModel {
  /** Throws an Error on bad options, d2l with n > 3, or a training part shorter than n tokens. The split is
   * the corpus's valFraction; the valFraction key of earlier versions still overrides it here. */
  constructor(corpus: Corpus, options?: NgramOptions & { valFraction?: number });
  evaluate(): NgramEvaluation;
  /** Next-token distribution after the context's last n-1 tokens (shorter contexts use lower orders). */
  next(context: string, topK?: number): { token: string; p: number }[];
  /** The continuation only (the prefix is not repeated). */
  sample(options?: NgramSampleOptions): string;
  /** The model as ARPA text (witten-bell, kneser-ney, modified-kneser-ney; throws for the others), its first
   * line a comment naming the level and preprocessing for evaluateArpa. */
  arpa(): string;
  delete(): void;
}

/** What evaluateArpa reports. */
export interface ArpaEvaluation {
  order: number;
  /** The header's k-gram counts, k = 1..order. */
  counts: number[];
  level: 'char' | 'word';
  preprocess: 'letters_only' | 'none';
  /** null when infinite (unseen > 0). */
  perplexity: number | null;
  crossEntropyNats: number | null;
  crossEntropyBits: number | null;
  scored: number;
  /** Positions of probability 0 (a unigram listed at -99). */
  unseen: number;
  tokens: number;
  /** Tokens the file does not list, scored as <unk>. */
  unknown: number;
}

export interface NgramPerplexityRow {
  n: number;
  perplexity: number | null;
  crossEntropyNats: number | null;
  crossEntropyBits: number | null;
  scored: number;
  unseen: number;
  ngramTypes: number;
}

// ---- recurrent models (wasm/js/model.mjs) ---------------------------------------------------------------

/** Recurrent state per layer, each (B, hidden) row-major; c only for an LSTM. */
export interface RecurrentState {
  h: Float32Array[];
  c?: Float32Array[];
}

export interface LossAndGradients {
  /** Mean cross-entropy over B*T tokens. */
  loss: number;
  /** dL/dparameter for every parameter name. */
  gradients: { [name: string]: Float32Array };
  /** The final state (carry it into the next minibatch). */
  state: RecurrentState;
  /** [layer][t]: mean over the B sequences of ||dL/dh_t||. */
  hiddenGradNorms: number[][];
  /** Mean gate activation over B, T and hidden, e.g. {"l0.z": 0.47}. */
  gateMeans: { [name: string]: number };
  /** With pathSplit, a GRU: [layer][t - 1] for t = 1..T, the mean over B of the norm of each term of step t's
   * contribution to dL/dh_(t-1) (they sum, as vectors, to that contribution). */
  gruPaths?: GruPaths[][];
  /** With pathSplit, an LSTM: [layer][t - 1], cell = ||dL/dc_t * f_t||, rest = ||dL/dh_(t-1)|| through step t. */
  lstmPaths?: LstmPaths[][];
}

/** The GRU's four paths from h_(t-1) to h_t. */
export interface GruPaths {
  /** dh * (1 - z) */
  direct: number;
  /** through the update gate z */
  update: number;
  /** through the candidate, via r * h_(t-1) */
  candidate: number;
  /** through the reset gate r */
  reset: number;
}

export interface LstmPaths {
  cell: number;
  rest: number;
}

export interface LossOptions extends LossAndGradientsOptions {
  /** The state entering step 0 (default zeros); passed apart from the options. */
  state?: RecurrentState;
}

/** A recurrent language model (float32) in C++ memory: call delete() when done. */
export declare class Model {
  constructor(config?: ModelConfig);
  readonly config: Required<ModelConfig>;
  parameterNames(): string[];
  parameterShape(name: string): number[];
  /** A copy. */
  getParameter(name: string): Float32Array;
  /** Throws unless values has exactly the tensor's size. */
  setParameter(name: string, values: Float32Array): void;
  getParameters(): Float32Array;
  setParameters(values: Float32Array): void;
  /** inputs and targets: B*T ids, row b holds sequence b. */
  lossAndGradients(inputs: Int32Array, targets: Int32Array, B: number, T: number,
                   options?: LossOptions): LossAndGradients;
  /** max |eigenvalue| of a square parameter: 'l0.W_hh' (RNN), 'l0.W_hz' | 'l0.W_hr' | 'l0.W_hh' (GRU), ... */
  spectralRadius(name: string): number;
  /** Scales the parameter to spectral radius rho (>= 0); returns the radius measured after scaling. */
  setSpectralRadius(name: string, rho: number): number;
  /** Gate activations of one sequence of T ids from the zero state: {'l0.z': Float32Array (T*hidden,
   * row-major (T, hidden)), 'l0.r': ...} (GRU z, r; LSTM i, f, o; {} for an RNN). */
  gateActivations(inputs: Int32Array, T: number): { [name: string]: Float32Array };
  delete(): void;
}

// ---- training (wasm/js/trainer.mjs) ---------------------------------------------------------------------

/** The network a Trainer builds: a Model's options; the vocabulary comes from the corpus and the seed from
 * the train options. */
export type TrainerModelOptions = Omit<ModelConfig, 'vocab' | 'seed'>;

/** One slice of a training run (Session.advanceRun): what the page's worker posts as progress. */
export interface RunSlice {
  /** The engine's report; diverged and message also say the run's own rule (a perplexity that overflows). */
  report: TrainReport;
  /** Whether the validation part was scored after this slice (evalBy epoch: at epoch ends; clock: by time). */
  validated: boolean;
  /** The last validation's perplexity (null before the first). */
  valPerplexity: number | null;
  /** Session.evaluate's result, when validated. */
  evaluation?: { perplexity: number | null; tokens: number; answerAccuracy?: number | null;
    answerLoss?: number | null; samples?: number };
  /** The run stopped: at its last epoch, at a divergence or at its target accuracy (a task). */
  finished: boolean;
  reason?: 'epochs' | 'diverged' | 'target';
  /** Why it diverged. */
  message?: string;
}

export interface TrainReport {
  /** Minibatches trained by this call (n, fewer when an epoch ends or training diverges). */
  steps: number;
  /** Tokens trained on by this call (B × T per minibatch). */
  callTokens: number;
  /** Minibatches since the start of the run (across resumes). */
  runSteps: number;
  /** Tokens trained on since the start of the run (across resumes). */
  runTokens: number;
  /** The old name of runTokens (the page, its saved runs and the curves' points use it). */
  tokens: number;
  /** The old name of runSteps. */
  totalSteps: number;
  /** Epochs completed plus the fraction of the current one. */
  epoch: number;
  epochsCompleted: number;
  epochEnd: boolean;
  /** Mean training loss and its exp over this call's minibatches (null when none ran). */
  loss: number | null;
  perplexity: number | null;
  /** Gradient norm before clipping of the last minibatch, and its mean over the call. */
  gradNorm: number | null;
  gradNormMean: number;
  /** Fraction of this call's minibatches where clipping fired. */
  clipFraction: number;
  seconds: number;
  tokensPerS: number;
  /** A non-finite loss or gradient stopped training; the last finite weights were restored. */
  diverged: boolean;
  message?: string;
}

export interface GenerateResult {
  /** The (preprocessed) prefix followed by the generated tokens. */
  text: string;
  generated: string;
  prefixTokens: number;
  /** Per emitted token: the token and the model's top-5 next-token probabilities (temperature 1). */
  steps: { token: string; id: number; top: { token: string; id: number; p: number }[] }[];
}

/** A trainer's options in effect. warnings: what a loaded checkpoint held that could not be read. */
export interface TrainerOptions {
  model: Required<ModelConfig>;
  train: Required<TrainOptions>;
  corpus: Required<CorpusOptions>;
  warnings: string[];
}

/** A recurrent language model trained on a corpus in slices. Owns C++ memory: call delete(). */
export class Trainer {
  /** The split is the corpus's valFraction; the valFraction key of earlier versions still overrides it here. */
  constructor(corpus: Corpus, modelOptions?: TrainerModelOptions, trainOptions?: TrainOptions & { valFraction?: number });
  /**
   * A model saved with save(). Without a corpus it generates; run/evaluate/setOptions throw. With the corpus it
   * was trained on, run() continues the run bit-identically (a format-1 file: with a fresh optimizer, said in
   * options.warnings); another corpus throws an Error naming both.
   */
  static load(bytes: Uint8Array, corpus?: Corpus): Trainer;
  /** Whether run() trains. */
  readonly resumable: boolean;
  readonly progress: TrainerProgress;
  /** The curve so far (a loaded checkpoint's points first). */
  readonly curve: CurvePoint[];
  /** Trains n minibatches (call it in slices of ~30 ms). */
  run(n: number): TrainReport;
  /** Validation perplexity (null without a validation part). */
  evaluate(): { perplexity: number | null; tokens: number };
  /** Changes train options between slices without resetting the model (not seed or valFraction). */
  setOptions(options: TrainOptions): void;
  readonly options: TrainerOptions;
  readonly parameterCount: number;
  generate(options: GenerateOptions): GenerateResult;
  /** Of the last minibatch: mean over B of ||dL/dh_t|| per layer and step, and mean gate activations. */
  diagnostics(): { hiddenGradNorms: number[][]; gateMeans: Record<string, number> };
  /** The checkpoint bytes (seqlab format 2: magic, version, JSON header, float32 blobs; what resumes the run). */
  save(): Uint8Array;
  delete(): void;
}

// ---- the option schema (seqlab.schema()) ----------------------------------------------------------------

/** One option of a group: what the engine accepts, with its default, range or choices and help. */
export interface Spec {
  /** The camelCase key (the CLI flag is the same name in kebab-case). */
  key: string;
  type: 'int' | 'number' | 'choice' | 'bool' | 'string' | 'list';
  default: any;
  /** int, number and the elements of a list of numbers: the range, closed unless *Exclusive. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** choice: the allowed values. */
  choices?: string[];
  /** choice: old names still read, e.g. {seed: 'notes'}. */
  aliases?: { [old: string]: string };
  /** list: the element type and the allowed lengths. */
  element?: 'int' | 'number' | 'string';
  minLength?: number;
  maxLength?: number;
  /** The key must be given (linearRnn's rho). */
  required?: boolean;
  help: string;
}

export type Schema = { [group in OptionGroup]: Spec[] };

// ---- the session (wasm/js/session.mjs) ------------------------------------------------------------------

export interface CorpusSummary {
  tokens: number;
  vocabSize: number;
  /** Unicode code points of the text given. */
  characters: number;
  trainTokens: number;
  valTokens: number;
  options: Required<CorpusOptions>;
  /** 16 hex digits fingerprinting the text and its token options: what checkpoints record and check. */
  hash: string;
}

/** Where a trainer is in its run; null when a format-1 checkpoint does not say. */
export interface TrainerProgress {
  /** Epochs completed plus the current one's fraction. */
  epoch: number | null;
  tokensSeen: number | null;
  totalSteps: number | null;
}

/** One point of a trainer's curve: a run() slice's report, or a validation (evaluate()) point. */
export type CurvePoint =
  | { tokens: number; totalSteps: number; epoch: number; loss: number | null; perplexity: number | null;
      gradNorm: number | null; clipFraction: number }
  | { tokens: number; epoch: number; valPerplexity: number; answerAccuracy?: number | null; answerLoss?: number | null };

export interface TrainerSummary {
  name: string;
  parameterCount: number;
  options: TrainerOptions;
  /** Whether run() trains: built on the corpus, or loaded on the corpus it was trained on. */
  resumable: boolean;
  progress: TrainerProgress;
}

/** loadTrainer's result: the summary and the curve the checkpoint holds. */
export interface LoadedTrainerSummary extends TrainerSummary {
  curve: CurvePoint[];
}

/**
 * One corpus, its n-gram model and any number of named trainers. Loading a corpus frees the n-gram model and
 * every trainer; the split is the corpus's valFraction; D2L perplexities stop at n = 3; generated text is
 * decoded by the engine (word level: spaces between words). Errors are thrown as Error(engine message).
 * Owns C++ memory: call delete().
 */
export class Session {
  constructor();
  loadCorpus(text: string | Uint8Array, options?: CorpusOptions): CorpusSummary;
  /**
   * Generates a memory task and loads it as the corpus (loadCorpus's rules hold): word tokens; every trainer's
   * minibatch rows are whole samples from a zero state (steps = sampleLength - 1, the random iterator); evaluate()
   * adds the answer metrics.
   */
  loadTask(options?: TaskOptions): CorpusSummary & { task: TaskReport };
  /** Whether a corpus is loaded (a refused text leaves the previous one, unless memory was short). */
  hasCorpus(): boolean;
  /** The corpus's token ids (a copy). */
  corpusIds(): Int32Array;
  /** The vocabulary in id order; tokens()[0] === "<unk>". */
  tokens(): string[];
  /** Preprocesses like the corpus, then maps tokens to ids (unknown -> 0). */
  encode(text: string | Uint8Array): Int32Array;
  /** Char level concatenates tokens; word level joins with ' '. Throws on an id outside the vocabulary. */
  decode(ids: Int32Array | number[]): string;
  corpusStats(options?: StatsOptions): CorpusStats;
  /** Rows for n = 1..maxN (D2L: the orders above 3 are left out). */
  ngramPerplexities(options?: NgramPerplexityOptions): NgramPerplexityRow[];
  buildNgram(options?: NgramOptions): NgramEvaluation;
  ngramNext(context: string, topK?: number): { token: string; p: number }[];
  /** text: the preprocessed prefix and the continuation decoded together; generated: the continuation. */
  ngramSample(options?: Omit<GenerateOptions, 'topK'>): { text: string; generated: string };
  /** Creates, or replaces, the trainer `name`. */
  createTrainer(name: string, modelOptions?: TrainerModelOptions, trainOptions?: TrainOptions): TrainerSummary;
  run(name: string, minibatches: number): TrainReport;
  /** Begins (replaces) the training run of trainer `name` from where it stands; returns its options. */
  beginRun(name: string, options?: RunOptions): RunOptions;
  /** Changes the given keys of the run's options (e.g. the epoch limit); returns them. */
  setRunOptions(name: string, options: RunOptions): RunOptions;
  /** At most `minibatches` minibatches of the run (a slice ends where an epoch does), validated by its rule. */
  advanceRun(name: string, minibatches: number): RunSlice;
  /** On a task also the answer metrics over the validation samples (answer steps only) and the chance loss. */
  evaluate(name: string): { perplexity: number | null; tokens: number; answerAccuracy?: number | null;
    answerLoss?: number | null; samples?: number; chanceLoss?: number };
  /** Changes train options without resetting the model (not seed); returns the options in effect. */
  setTrainOptions(name: string, options: TrainOptions): TrainerOptions;
  generate(name: string, options?: GenerateOptions): GenerateResult;
  diagnostics(name: string): { hiddenGradNorms: number[][]; gateMeans: Record<string, number> };
  trainerOptions(name: string): TrainerOptions;
  /** The curve so far: a point per run() that trained and per evaluate(), a loaded checkpoint's first. */
  curve(name: string): CurvePoint[];
  /** A checkpoint (format 2): model, optimizer, generator states, position, options, corpus hash, vocabulary, curve. */
  save(name: string): Uint8Array;
  /** "Export to PyTorch": the weights (safetensors, torch.nn names) and a Python script (python3 + torch
   * only) that loads `${fileStem}.safetensors` from its own folder to score a text, generate or keep training.
   * Save them as `${fileStem}.safetensors` and `${fileStem}.py`. */
  exportPytorch(name: string): { safetensors: Uint8Array; script: string; fileStem: string };
  /**
   * A trainer from checkpoint bytes. With the corpus it was trained on loaded (same hash, vocabulary and
   * valFraction): resumable, run() continues bit-identically (a format-1 file: with a fresh optimizer, said in
   * options.warnings). Another corpus: throws an Error naming both hashes and vocabulary sizes and what to do.
   * No corpus: it generates only (resumable: false).
   */
  loadTrainer(name: string, bytes: Uint8Array): LoadedTrainerSummary;
  deleteTrainer(name: string): void;
  /** Sorted. */
  trainerNames(): string[];
  // The BPTT lab (web/js/lab/README.md)
  /** Diagnostics on the validation minibatch (the same for every trainer of the same batch and steps). */
  probe(name: string, options?: ProbeOptions): { T: number; hiddenGradNorms: number[][];
    /** With draws > 1: hiddenGradNorms is the draws' mean, these their range per layer and step. */
    hiddenGradNormsMin?: number[][]; hiddenGradNormsMax?: number[][];
    gruPaths?: { direct: number; update: number; candidate: number; reset: number }[][];
    lstmPaths?: { cell: number; rest: number }[][] };
  /** Gate values over `text` (or, when empty, the first validation tokens), from the zero state. */
  gateActivations(name: string, text?: string, options?: GateActivationsOptions):
    { tokens: string[]; gates: { [gate: string]: number[][] } };
  /** The untrained linear RNN (phi = identity) with W_hh scaled to radius rho; dl_T/dh_t norms. */
  linearRnn(options: LinearRnnOptions):
    { rho: number; measuredRho: number; B: number; T: number; norms: number[] };
  /** Minibatch k of the first epoch under random sampling and sequential partitioning (the engine's iterator). */
  batchLayout(trainOptions?: Partial<TrainOptions>, k?: number): { iterator: 'random' | 'sequential'; B: number;
    T: number; k: number; corpusLength: number; rows: { start: number; carriedFromPrevious: boolean }[] }[];
  delete(): void;
}

/** The engine, as `createSeqlab()` resolves it. */
export interface Seqlab {
  /** The engine version, e.g. "0.1.0". */
  readonly version: string;
  /** True when the WebAssembly module was compiled with SIMD128. */
  readonly simd: boolean;
  /** "wasm" for this module. */
  readonly target: string;
  /** The raw Embind module (advanced use). */
  readonly raw: unknown;
  /** Every option group's keys, types, defaults, ranges, choices and help (the engine's one table). */
  schema(): Schema;
  /** Text corpora: preprocessing, tokenization, vocabulary, statistics. */
  readonly Corpus: typeof Corpus;
  /** Recurrent models (RNN/GRU/LSTM) with backpropagation through time. */
  readonly Model: typeof Model;
  /** n-gram language models (new seqlab.NgramModel(corpus, {n, smoothing, valFraction})). */
  readonly NgramModel: typeof NgramModel;
  /** Validation perplexity for n = 1..maxN (default 6; d2l: maxN <= 3), computed from one count. */
  ngramPerplexities(corpus: Corpus, options?: NgramPerplexityOptions & { valFraction?: number }): NgramPerplexityRow[];
  /** Scores a text with an ARPA n-gram file (NgramModel.arpa(), KenLM, SRILM). */
  evaluateArpa(arpa: string, text: string): ArpaEvaluation;
  /** Training, evaluation, generation, checkpoints (new seqlab.Trainer(corpus, modelOptions, trainOptions)). */
  readonly Trainer: typeof Trainer;
  /** The application layer: a corpus, its n-gram model and named trainers (new seqlab.Session()). */
  readonly Session: typeof Session;
}

/** Loads the WebAssembly module (in Node, in a Web Worker or on a page) and resolves to the engine. */
/** options.wasmModule: a compiled seqlab_full.wasm (the package's module; the page loads seqlab-session.mjs). */
export function createSeqlab(options?: { wasmModule?: WebAssembly.Module }): Promise<Seqlab>;
export default createSeqlab;
