// The n-gram API: `new seqlab.NgramModel(corpus, {n, smoothing, valFraction})` and
// `seqlab.ngramPerplexities(corpus, {maxN, smoothing, valFraction})`.
// A model trains on the first (1 - valFraction) of the corpus's tokens and is evaluated on the rest.
// It owns C++ memory: call delete() when done (the worker owns these objects, not the UI). It copies
// what it needs from the corpus, so the corpus may be deleted first.

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.NgramModel`, `api.ngramPerplexities`
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  const rawCorpus = (corpus, who) => {
    const r = corpus && corpus.raw;
    if (!r) throw new TypeError(`${who}: corpus must be a live seqlab.Corpus`);
    return r;
  };

  class NgramModel {
    /**
     * @param {import('./seqlab').Corpus} corpus
     * @param {{n?: number, smoothing?: string, valFraction?: number}} [options]
     *   n 1..8 (3); smoothing 'laplace' | 'add-k:K' | 'd2l:E1,E2,E3' (n <= 3); valFraction [0, 1) (0.1)
     */
    constructor(corpus, options = {}) {
      this.raw = new raw.NgramModel(rawCorpus(corpus, 'NgramModel'), JSON.stringify(options ?? {}));
    }

    #live() {
      if (!this.raw) throw new Error('NgramModel: used after delete()');
      return this.raw;
    }

    /**
     * Validation perplexity: {n, smoothing, perplexity, cross_entropy_nats, cross_entropy_bits, scored,
     * ngram_types, vocab_size, train_tokens, val_tokens} (perplexity fields null when valFraction is 0).
     */
    evaluate() { return JSON.parse(this.#live().evaluateJson()); }

    /**
     * The most probable next tokens after `context` (preprocessed like the corpus; its last n-1 tokens).
     * @returns {{token: string, p: number}[]}
     */
    next(context, topK = 10) { return JSON.parse(this.#live().nextJson(String(context), topK)); }

    /**
     * A seeded continuation of `prefix` (the prefix itself is not repeated). temperature 0 = argmax.
     * @param {{prefix?: string, length?: number, temperature?: number, seed?: number}} [options]
     * @returns {string}
     */
    sample({ prefix = '', length = 100, temperature = 1, seed = 0 } = {}) {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xFFFFFFFF)
        throw new RangeError(`NgramModel.sample: seed must be an integer in [0, 4294967295], got ${seed}`);
      if (!Number.isInteger(length))
        throw new RangeError(`NgramModel.sample: length must be an integer, got ${length}`);
      return this.#live().sample(String(prefix), length, Number(temperature), seed);
    }

    /** Frees the C++ model. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }

  api.NgramModel = NgramModel;

  /**
   * Validation perplexity of the models n = 1..maxN (one count of order maxN).
   * @param {import('./seqlab').Corpus} corpus
   * @param {{maxN?: number, smoothing?: string, valFraction?: number}} [options]  maxN 1..8 (6)
   * @returns {{n: number, perplexity: number|null, cross_entropy_nats: number|null,
   *            cross_entropy_bits: number|null, scored: number, ngram_types: number}[]}
   */
  api.ngramPerplexities = (corpus, options = {}) =>
    JSON.parse(raw.ngramPerplexitiesJson(rawCorpus(corpus, 'ngramPerplexities'), JSON.stringify(options ?? {})));
}
