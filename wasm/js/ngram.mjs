// The n-gram API: `new seqlab.NgramModel(corpus, {n, smoothing, k, eps})` and
// `seqlab.ngramPerplexities(corpus, {maxN, smoothing, k, eps})` (the ngram group of seqlab.schema()).
// A model trains on the first (1 - valFraction) of the corpus's tokens (the corpus's option; a valFraction
// key here, as earlier versions took it, overrides it) and is evaluated on the rest.
// It owns C++ memory: call delete() when done (the worker owns these objects, not the UI). It copies
// what it needs from the corpus, so the corpus may be deleted first.

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.NgramModel`, `api.ngramPerplexities`,
 *   `api.evaluateArpa`
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
     * @param {{n?: number, smoothing?: 'laplace'|'add-k'|'d2l', k?: number, eps?: number[]}} [options]
     *   n 1..8 (3); smoothing with k (add-k) or eps (d2l, n <= 3); 'add-k:K' and 'd2l:E1,E2,E3' still read
     */
    constructor(corpus, options = {}) {
      this.raw = new raw.NgramModel(rawCorpus(corpus, 'NgramModel'), JSON.stringify(options ?? {}));
    }

    #live() {
      if (!this.raw) throw new Error('NgramModel: used after delete()');
      return this.raw;
    }

    /**
     * Validation perplexity: {n, smoothing, k, eps, perplexity, crossEntropyNats, crossEntropyBits, scored,
     * ngramTypes, vocabSize, trainTokens, valTokens} (perplexity fields null when valFraction is 0).
     */
    evaluate() { return JSON.parse(this.#live().evaluateJson()); }

    /**
     * The most probable next tokens after `context` (preprocessed like the corpus; its last n-1 tokens).
     * @returns {{token: string, p: number}[]}
     */
    next(context, topK = 10) { return JSON.parse(this.#live().nextJson(String(context), topK)); }

    /**
     * A seeded continuation of `prefix` (the prefix itself is not repeated). temperature 0 = argmax (among
     * equals, the one the shorter contexts prefer).
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

    /**
     * The model as ARPA text (witten-bell, kneser-ney, modified-kneser-ney: their back-off form), readable by
     * KenLM and SRILM and by seqlab.evaluateArpa; a first comment line names the level and preprocessing.
     * @returns {string}
     */
    arpa() { return this.#live().arpa(); }

    /** Frees the C++ model. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }

  api.NgramModel = NgramModel;

  /**
   * Scores `text` with an ARPA n-gram file (seqlab's, KenLM's, SRILM's).
   * @param {string} arpa  the file's text
   * @param {string} text
   * @returns {{order: number, counts: number[], level: string, preprocess: string, perplexity: number|null,
   *            crossEntropyNats: number|null, crossEntropyBits: number|null, scored: number, unseen: number,
   *            tokens: number, unknown: number}}
   */
  api.evaluateArpa = (arpa, text) => JSON.parse(raw.evaluateArpaJson(String(arpa), String(text)));

  /**
   * Validation perplexity of the models n = 1..maxN (one count of order maxN).
   * @param {import('./seqlab').Corpus} corpus
   * @param {{maxN?: number, smoothing?: string, k?: number, eps?: number[]}} [options]  maxN 1..8 (6)
   * @returns {{n: number, perplexity: number|null, crossEntropyNats: number|null,
   *            crossEntropyBits: number|null, scored: number, ngramTypes: number}[]}
   */
  api.ngramPerplexities = (corpus, options = {}) =>
    JSON.parse(raw.ngramPerplexitiesJson(rawCorpus(corpus, 'ngramPerplexities'), JSON.stringify(options ?? {})));
}
