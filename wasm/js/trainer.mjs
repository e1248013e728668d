// The training API: `new seqlab.Trainer(corpus, modelOptions, trainOptions)`, trained in slices with
// run(n), evaluated, sampled from, saved to bytes and loaded back with `seqlab.Trainer.load(bytes)`.
// A Trainer owns C++ memory: call delete() when done (the worker owns these objects, not the UI).

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.Trainer`
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  class Trainer {
    /**
     * @param {{raw: object}} corpus  a seqlab.Corpus
     * @param {object} [modelOptions]  {cell, hidden, layers, embedding, activation, gruVariant, init}
     * @param {object} [trainOptions]  {batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps,
     *                                  clip, truncation, tau, pi, seed} (valFraction: the corpus's; given here
     *                                  as earlier versions took it, it overrides the corpus's)
     */
    constructor(corpus, modelOptions = {}, trainOptions = {}) {
      if (corpus === Trainer.#loading) return;  // Trainer.load fills this.raw itself
      if (!corpus || !corpus.raw) throw new TypeError('Trainer: the first argument must be a live seqlab.Corpus');
      /** The Embind object (facade::Trainer). */
      this.raw = new raw.Trainer(corpus.raw, JSON.stringify(modelOptions ?? {}), JSON.stringify(trainOptions ?? {}));
    }

    static #loading = Symbol('loading');

    /**
     * A model saved with save(). Without a corpus it generates and cannot train; with the seqlab.Corpus it was
     * trained on, run() continues the run bit-identically (a format-1 file: with a fresh optimizer, said in
     * options.warnings); another corpus throws an Error naming both.
     * @param {Uint8Array} bytes
     * @param {{raw: object}} [corpus]
     */
    static load(bytes, corpus) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('Trainer.load: bytes must be a Uint8Array');
      if (corpus !== undefined && (!corpus || !corpus.raw)) {
        throw new TypeError('Trainer.load: the second argument must be a live seqlab.Corpus (or left out)');
      }
      const trainer = new Trainer(Trainer.#loading);
      trainer.raw = corpus === undefined ? raw.Trainer.load(bytes) : raw.Trainer.resume(corpus.raw, bytes);
      return trainer;
    }

    #live() {
      if (!this.raw) throw new Error('Trainer: used after delete()');
      return this.raw;
    }

    /**
     * Trains n minibatches (B × T tokens each). @returns {object} the report: steps and callTokens of this
     * call, runSteps and runTokens since the start (tokens and totalSteps: their old names), loss,
     * perplexity, gradNorm, tokensPerS, diverged, ...
     */
    run(n) { return JSON.parse(this.#live().runJson(n | 0)); }
    /** @returns {{perplexity: number|null, tokens: number}} validation perplexity */
    evaluate() { return JSON.parse(this.#live().evaluateJson()); }
    /** Changes train options between slices (lr, clip, truncation, optimizer, ...) without resetting the model. */
    setOptions(options) { this.#live().setOptions(JSON.stringify(options ?? {})); }
    /** @returns {{model: object, train: object, corpus: object, warnings: string[]}} the options in effect */
    get options() { return JSON.parse(this.#live().optionsJson()); }
    /** Number of float32 parameters. */
    get parameterCount() { return this.#live().parameterCount(); }
    /**
     * @param {{prefix: string, length?: number, temperature?: number, topK?: number, seed?: number}} options
     * @returns {{text: string, generated: string, prefixTokens: number,
     *            steps: {token: string, id: number, top: {token: string, id: number, p: number}[]}[]}}
     */
    generate(options) { return JSON.parse(this.#live().generateJson(JSON.stringify(options ?? {}))); }
    /** Of the last minibatch: {hiddenGradNorms: number[][] (layer, t), gateMeans: {[name]: number}}. */
    diagnostics() { return JSON.parse(this.#live().diagnosticsJson()); }
    /** Whether run() trains (built on a corpus, or loaded with one). */
    get resumable() { return this.#live().resumable(); }
    /** @returns {{epoch: number|null, tokensSeen: number|null, totalSteps: number|null}} */
    get progress() { return JSON.parse(this.#live().progressJson()); }
    /** The curve so far (Session.curve's points). */
    get curve() { return JSON.parse(this.#live().curveJson()); }
    /** @returns {Uint8Array} the checkpoint bytes (format 2: what resumes the run) */
    save() { return this.#live().save(); }
    /** Frees the C++ trainer. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }
  api.Trainer = Trainer;
}
