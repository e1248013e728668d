// The application API: `new seqlab.Session()` holds one corpus, its n-gram model and any number of named
// trainers (wasm/facade/session.h has the rules: loading a corpus frees the rest, the split is the
// corpus's, D2L orders above 3 are left out, generated text is decoded by the engine).
// A Session owns C++ memory: call delete() when done (the worker owns it, not the UI).
import { checkText } from './text.mjs';

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.Session`
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  const json = (options) => JSON.stringify(options ?? {});
  const name = (n, who) => {
    if (typeof n !== 'string' || n === '') throw new TypeError(`Session.${who}: the trainer name must be a non-empty string`);
    return n;
  };
  const count = (n, who, what) => {
    if (!Number.isInteger(n)) throw new RangeError(`Session.${who}: ${what} must be an integer, got ${n}`);
    return n;
  };

  class Session {
    constructor() {
      /** The Embind object (facade::Session). */
      this.raw = new raw.Session();
    }

    #live() {
      if (!this.raw) throw new Error('Session: used after delete()');
      return this.raw;
    }

    /**
     * Loads a corpus (the corpus group of seqlab.schema()); frees the n-gram model and every trainer. A text
     * it refuses leaves them in place, unless old and new could not fit in memory together. The result's
     * `hash` fingerprints the text and its token options: the value checkpoints record.
     */
    loadCorpus(text, options = {}) {
      return JSON.parse(this.#live().loadCorpus(checkText(text, 'Session.loadCorpus'), json(options)));
    }
    /**
     * Generates a memory task (the task group of seqlab.schema()) and loads it as the corpus, with loadCorpus's
     * rules; the result's `task` is the task's report (sample length, answer steps, chance loss, examples).
     */
    loadTask(options = {}) { return JSON.parse(this.#live().loadTask(json(options))); }
    /** Whether a corpus is loaded (a refused text leaves the previous one, unless memory was short). */
    hasCorpus() { return this.#live().hasCorpus(); }
    /** The corpus's token ids (a copy). @returns {Int32Array} */
    corpusIds() { return this.#live().corpusIds(); }
    /** The vocabulary in id order: tokens()[0] === '<unk>'. @returns {string[]} */
    tokens() { return JSON.parse(this.#live().tokens()); }
    /** Preprocesses like the corpus and maps tokens to ids (unknown -> 0). @returns {Int32Array} */
    encode(text) { return this.#live().encode(checkText(text, 'Session.encode')); }
    /** Char level concatenates the tokens, word level joins them with ' '. */
    decode(ids) { return this.#live().decode(ids instanceof Int32Array ? ids : Int32Array.from(ids)); }
    /** The corpus statistics (the stats group), camelCase keys. */
    corpusStats(options = {}) { return JSON.parse(this.#live().corpusStats(json(options))); }
    /** Validation perplexity for n = 1..maxN (D2L: at most 3; larger orders are left out). */
    ngramPerplexities(options = {}) { return JSON.parse(this.#live().ngramPerplexities(json(options))); }
    /** Builds (replaces) the n-gram model (the ngram group); returns its evaluation. */
    buildNgram(options = {}) { return JSON.parse(this.#live().buildNgram(json(options))); }
    /** The topK most probable next tokens after `context`. */
    ngramNext(context, topK = 10) {
      return JSON.parse(this.#live().ngramNext(String(context), count(topK, 'ngramNext', 'topK')));
    }
    /** A seeded continuation {text (prefix + continuation, decoded), generated} (generate group, topK 0). */
    ngramSample(options = {}) { return JSON.parse(this.#live().ngramSample(json(options))); }

    /** Creates (or replaces) the trainer `name` on the corpus (the model and train groups). */
    createTrainer(trainerName, modelOptions = {}, trainOptions = {}) {
      return JSON.parse(this.#live().createTrainer(name(trainerName, 'createTrainer'), json(modelOptions),
        json(trainOptions)));
    }
    /** Trains `minibatches` minibatches; returns the TrainReport. */
    run(trainerName, minibatches) {
      return JSON.parse(this.#live().run(name(trainerName, 'run'), count(minibatches, 'run', 'minibatches')));
    }
    /**
     * Begins (replaces) the training run of trainer `name` from where it stands, with the run group's options
     * ({epochs, evalBy: 'epoch'|'clock', evalEvery, targetAccuracy, ...}); returns them. The run holds the
     * rules seqlab train follows too: the epoch limit, validation, the stops at a divergence or a target.
     */
    beginRun(trainerName, options = {}) {
      return JSON.parse(this.#live().beginRun(name(trainerName, 'beginRun'), json(options)));
    }
    /** Changes the given keys of the run's options (the epoch limit while it trains); returns them. */
    setRunOptions(trainerName, options = {}) {
      return JSON.parse(this.#live().setRunOptions(name(trainerName, 'setRunOptions'), json(options)));
    }
    /**
     * Trains at most `minibatches` minibatches of the run (a slice ends where an epoch does) and validates
     * when its rule says so -> {report: TrainReport, validated, valPerplexity (the last validation's),
     * evaluation (when validated), finished, reason: 'epochs'|'diverged'|'target' (when finished), message}.
     */
    advanceRun(trainerName, minibatches) {
      return JSON.parse(this.#live().advanceRun(name(trainerName, 'advanceRun'),
        count(minibatches, 'advanceRun', 'minibatches')));
    }
    /** Validation perplexity {perplexity, tokens}; on a task also answerAccuracy, answerLoss, samples, chanceLoss. */
    evaluate(trainerName) { return JSON.parse(this.#live().evaluate(name(trainerName, 'evaluate'))); }
    /** Changes the given train options without resetting the model; returns the options in effect. */
    setTrainOptions(trainerName, options = {}) {
      return JSON.parse(this.#live().setTrainOptions(name(trainerName, 'setTrainOptions'), json(options)));
    }
    /** Generates (the generate group): {text, generated, prefixTokens, steps}. */
    generate(trainerName, options = {}) {
      return JSON.parse(this.#live().generate(name(trainerName, 'generate'), json(options)));
    }
    /** Of the last minibatch: {hiddenGradNorms, gateMeans}. */
    diagnostics(trainerName) { return JSON.parse(this.#live().diagnostics(name(trainerName, 'diagnostics'))); }
    /** {model, train, corpus, warnings} of a trainer. */
    trainerOptions(trainerName) {
      return JSON.parse(this.#live().trainerOptions(name(trainerName, 'trainerOptions')));
    }
    /**
     * The trainer's curve so far: a point per run() that trained {tokens, totalSteps, epoch, loss, perplexity,
     * gradNorm, clipFraction} and per evaluate() {tokens, epoch, valPerplexity}, a loaded checkpoint's first.
     */
    curve(trainerName) { return JSON.parse(this.#live().curve(name(trainerName, 'curve'))); }
    /**
     * A checkpoint (format 2): model, optimizer, generator states, position in the data, options, corpus hash,
     * vocabulary and curve. @returns {Uint8Array}
     */
    save(trainerName) { return this.#live().save(name(trainerName, 'save')); }
    /**
     * "Export to PyTorch": the weights as safetensors under torch.nn's names, and the Python script that
     * loads them beside itself as `${fileStem}.safetensors` (it scores a text, generates, continues training).
     * @returns {{safetensors: Uint8Array, script: string, fileStem: string}}
     */
    exportPytorch(trainerName) { return this.#live().exportPytorch(name(trainerName, 'exportPytorch')); }
    /**
     * A trainer from checkpoint bytes -> {name, parameterCount, options, resumable, progress, curve}. With the
     * corpus it was trained on loaded, run() continues the run bit-identically (a format-1 file: with a fresh
     * optimizer, said in options.warnings); another corpus throws an Error naming both; without a corpus the
     * model generates, saves and exports (resumable: false), and run, evaluate, setTrainOptions, diagnostics
     * and the lab's calls throw an Error naming it.
     */
    loadTrainer(trainerName, bytes) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('Session.loadTrainer: bytes must be a Uint8Array');
      return JSON.parse(this.#live().loadTrainer(name(trainerName, 'loadTrainer'), bytes));
    }
    /** Frees the trainer `name` (throws for an unknown name). */
    deleteTrainer(trainerName) { this.#live().deleteTrainer(name(trainerName, 'deleteTrainer')); }
    /** @returns {string[]} the trainers' names, sorted */
    trainerNames() { return JSON.parse(this.#live().trainerNames()); }
    // ---- The BPTT lab (wasm/facade/session.h; the messages they feed: web/js/lab/README.md) ----
    /**
     * Diagnostics of the trainer's current weights on the validation minibatch (the same rows for every
     * trainer of the same batch and steps). Options {lossSteps: 'last'|'all' ('last'), pathSplit (true),
     * truncation, tau, pi, seed, draws (1), batch, steps} -> {T, hiddenGradNorms[l][t], gruPaths|lstmPaths[l][t]};
     * with draws > 1 the means over seeds seed..seed + draws - 1 and hiddenGradNormsMin/Max, their range.
     */
    probe(trainerName, options = {}) {
      return JSON.parse(this.#live().probe(name(trainerName, 'probe'), json(options)));
    }
    /**
     * Gate activations over one sequence from the zero state: `text` (encoded like the corpus) or, when
     * empty, the first tokens of the validation part. Options {maxTokens (40)}
     * -> {tokens: string[T], gates: {'l0.z': number[T][H]}}.
     */
    gateActivations(trainerName, text = '', options = {}) {
      return JSON.parse(this.#live().gateActivations(name(trainerName, 'gateActivations'),
        checkText(String(text), 'Session.gateActivations'), json(options)));
    }
    /** The linear RNN (phi = identity, untrained) scaled to radius rho: {rho, measuredRho, B, T, norms[T]}. */
    linearRnn(options) { return JSON.parse(this.#live().linearRnn(json(options))); }
    /**
     * Minibatch k of the first epoch under each iterator (the engine's DataIterator, train options batch,
     * steps, seed): [{iterator, B, T, k, corpusLength, rows: [{start, carriedFromPrevious}]}].
     */
    batchLayout(trainOptions = {}, k = 0) {
      return JSON.parse(this.#live().batchLayout(json(trainOptions), count(k, 'batchLayout', 'k')));
    }
    /** Frees everything. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }
  api.Session = Session;
}
