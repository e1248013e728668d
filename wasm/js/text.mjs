// The text API: `new seqlab.Corpus(text, {level, preprocess, minFreq, valFraction, reserved})`.
// A Corpus owns C++ memory: call delete() when done (the worker owns these objects, not the UI).

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.Corpus`
 * @param {object} raw  the Embind module
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first lone UTF-16 surrogate of a string (half of a pair, which has no UTF-8 form), or null.
 * The worker's corpus handler words its own message from it; checkText below refuses with it.
 * @param {string} text
 * @returns {{index: number, code: number} | null}
 */
export function loneSurrogate(text) {
  if (typeof text.isWellFormed === 'function' && text.isWellFormed()) return null;
  const match = LONE_SURROGATE.exec(text);
  return match ? { index: match.index, code: match[0].charCodeAt(0) } : null;
}

/**
 * A JS string crosses to C++ as UTF-8, where a lone UTF-16 surrogate has no encoding (Emscripten would
 * silently merge it with its neighbour), so it is reported here; bytes (Uint8Array) cross as they are
 * and C++ reports invalid UTF-8 with its byte offset.
 * @param {string | Uint8Array} text
 * @param {string} what
 */
export function checkText(text, what) {
  if (text instanceof Uint8Array) return text;
  if (typeof text !== 'string') throw new TypeError(`${what}: text must be a string or a Uint8Array of UTF-8`);
  const lone = loneSurrogate(text);
  if (lone) throw new Error(`${what}: invalid text: lone UTF-16 surrogate at index ${lone.index} (not a Unicode character)`);
  return text;
}

export function install(api, raw) {
  class Corpus {
    /**
     * @param {string | Uint8Array} text  raw text, or its UTF-8 bytes (checked in C++)
     * @param {{level?: 'char'|'word', preprocess?: 'letters_only'|'none', minFreq?: number,
     *          valFraction?: number, reserved?: string[]}} [options]  the corpus group of seqlab.schema()
     */
    constructor(text, options = {}) {
      /** The Embind object (facade::Corpus), for other bindings that take a corpus. */
      this.raw = new raw.Corpus(checkText(text, 'Corpus'), JSON.stringify(options ?? {}));
    }

    #live() {
      if (!this.raw) throw new Error('Corpus: used after delete()');
      return this.raw;
    }

    /** Number of tokens of the whole text. */
    get tokenCount() { return this.#live().tokenCount(); }
    /** Vocabulary size, with <unk> and the reserved tokens. */
    get vocabSize() { return this.#live().vocabSize(); }
    /** The options in effect: {level, preprocess, minFreq, valFraction, reserved}. */
    get options() { return JSON.parse(this.#live().optionsJson()); }

    /**
     * Statistics (camelCase keys): {level, preprocess, minFreq, tokens, vocabSize, top, bigrams, trigrams,
     * distinct, zipf, vocabByMinFreq, rankFrequency}.
     * @param {{top?: number, zipfRanks?: [number, number], rankFrequencyPoints?: number,
     *          minFreqs?: number[], maxN?: number}} [options]
     */
    stats(options = {}) { return JSON.parse(this.#live().statsJson(JSON.stringify(options ?? {}))); }
    /** @returns {Int32Array} the whole text's token ids (a copy) */
    ids() { return this.#live().ids(); }
    /** Preprocesses `text` like the corpus and maps its tokens to ids (unknown -> 0). @returns {Int32Array} */
    encode(text) { return this.#live().encode(checkText(text, 'Corpus.encode')); }
    /** Char level concatenates the tokens, word level joins them with ' '. */
    decode(ids) { return this.#live().decode(ids instanceof Int32Array ? ids : Int32Array.from(ids)); }
    /** The vocabulary, id order: tokens()[0] === '<unk>'. @returns {string[]} */
    tokens() { return JSON.parse(this.#live().vocabTokensJson()); }
    /** Frees the C++ corpus. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }
  api.Corpus = Corpus;
}
