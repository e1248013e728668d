// The training API: `new seqlab.Trainer(corpus, modelOptions, trainOptions)`, trained in slices with
// run(n), evaluated, and as every language model (language-model.mjs) sampled from and saved to bytes.
// `seqlab.Trainer.load(bytes, corpus)` continues a saved run on its corpus; without the corpus it gives a
// seqlab.LoadedModel (loaded-model.mjs), which generates and cannot train.
// A Trainer owns C++ memory: call delete() when done (the worker owns these objects, not the UI).
import { LanguageModel, checkpointBytes } from './language-model.mjs';

/** The constructor's first argument when Trainer.load has the raw trainer already. */
const RESUMED = Symbol('resumed');

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.Trainer` (and needs `api.LoadedModel`)
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  class Trainer extends LanguageModel {
    /**
     * @param {{raw: object}} corpus  a seqlab.Corpus
     * @param {object} [modelOptions]  {cell, hidden, layers, embedding, activation, gruVariant, init}
     * @param {object} [trainOptions]  {batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps,
     *                                  clip, truncation, tau, pi, seed} (valFraction: the corpus's; given here
     *                                  as earlier versions took it, it overrides the corpus's)
     */
    constructor(corpus, modelOptions = {}, trainOptions = {}) {
      if (corpus === RESUMED) {
        super(modelOptions, 'Trainer');   // Trainer.load's raw trainer
        return;
      }
      if (!corpus || !corpus.raw) throw new TypeError('Trainer: the first argument must be a live seqlab.Corpus');
      super(new raw.Trainer(corpus.raw, JSON.stringify(modelOptions ?? {}), JSON.stringify(trainOptions ?? {})),
        'Trainer');
    }

    /**
     * A model saved with save(). With the seqlab.Corpus it was trained on: a Trainer whose run() continues the
     * run bit-identically (a format-1 file: with a fresh optimizer, said in options.warnings); another corpus
     * throws an Error naming both. Without a corpus: a seqlab.LoadedModel, which generates and cannot train.
     * @param {Uint8Array} bytes
     * @param {{raw: object}} [corpus]
     */
    static load(bytes, corpus) {
      checkpointBytes(bytes, 'Trainer.load');
      if (corpus === undefined) return api.LoadedModel.load(bytes);
      if (!corpus || !corpus.raw) {
        throw new TypeError('Trainer.load: the second argument must be a live seqlab.Corpus (or left out)');
      }
      return new Trainer(RESUMED, raw.Trainer.resume(corpus.raw, bytes));
    }

    /**
     * Trains n minibatches (B × T tokens each). @returns {object} the report: steps and callTokens of this
     * call, runSteps and runTokens since the start (tokens and totalSteps: their old names), loss,
     * perplexity, gradNorm, tokensPerS, diverged, ...
     */
    run(n) { return JSON.parse(this.live().runJson(n | 0)); }
    /** @returns {{perplexity: number|null, tokens: number}} validation perplexity */
    evaluate() { return JSON.parse(this.live().evaluateJson()); }
    /** Changes train options between slices (lr, clip, truncation, optimizer, ...) without resetting the model. */
    setOptions(options) { this.live().setOptions(JSON.stringify(options ?? {})); }
    /** Of the last minibatch: {hiddenGradNorms: number[][] (layer, t), gateMeans: {[name]: number}}. */
    diagnostics() { return JSON.parse(this.live().diagnosticsJson()); }
    /** Whether run() trains: always for a Trainer (a model loaded without a corpus is a LoadedModel). */
    get resumable() { return true; }
  }
  api.Trainer = Trainer;
}
