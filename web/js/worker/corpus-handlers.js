// Worker handlers of the corpus: build a seqlab.Corpus from the default text, pasted text or a file's
// bytes, and answer statistics. A new corpus replaces the old one only once it is built, so a bad input
// leaves the previous corpus (and everything trained on it) untouched.
import { MAX_TEXT_CHARS } from '../protocol.js';

/** Strict UTF-8 decoding with the offset of the first bad byte in the message. */
function decodeUtf8(bytes, name) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const view = new Uint8Array(bytes);
    let lo = 0;
    let hi = view.length;
    // Binary search for the longest valid prefix (a prefix that ends inside a character is invalid too,
    // so the answer is within 3 bytes of the bad one).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      try { new TextDecoder('utf-8', { fatal: true }).decode(view.subarray(0, mid)); lo = mid; } catch { hi = mid - 1; }
    }
    throw new Error(`${name} is not valid UTF-8 text (bad byte near offset ${lo}); the previous corpus stays loaded`);
  }
}

async function textOf(payload) {
  if (payload.source === 'url') {
    const response = await fetch(new URL(payload.url, self.location.href));
    if (!response.ok) throw new Error(`could not load ${payload.name} (HTTP ${response.status})`);
    return decodeUtf8(await response.arrayBuffer(), payload.name);
  }
  if (payload.source === 'bytes') return decodeUtf8(payload.bytes, payload.name);
  return String(payload.text ?? '');
}

/** The text of a request; a text fetched ahead ('corpus-fetch') is taken from `early` (once). */
function startText(payload, early) {
  const url = payload.source === 'url' ? payload.url : undefined;
  const text = early.texts.get(url) ?? textOf(payload);
  early.texts.delete(url);
  text.catch(() => {});  // reported when a handler awaits it
  return text;
}

/**
 * Work a request can start before the WebAssembly module is ready: fetching and decoding the text.
 * `early.texts`: url -> the text's promise, fetched ahead by 'corpus-fetch' for the 'corpus-load' after it.
 */
export const corpusPreparers = {
  'corpus-fetch': (payload, early) => {
    const text = startText(payload, early);
    early.texts.set(payload.url, text);
    return text;
  },
  'corpus-load': (payload, early) => startText(payload, early),
};

export const corpusHandlers = {
  /**
   * The page's first text, downloaded while the module compiles (the settings that tokenize it come with
   * the engine's schema): its 'corpus-load' takes it from here.
   * @param {{source: 'url', url: string, name: string}} payload
   * @param {Promise<string>} prepared  the text, from corpusPreparers
   */
  'corpus-fetch': async (payload, context, prepared) => ({ characters: (await prepared).length }),

  /**
   * @param {import('../protocol.js').CorpusLoad} payload
   * @param {Promise<string>} [prepared]  the text, from corpusPreparers
   * @returns {Promise<import('../protocol.js').CorpusSummary>}
   */
  'corpus-load': async (payload, context, prepared) => {
    const start = performance.now();
    const text = await (prepared || textOf(payload));
    if (text.length > MAX_TEXT_CHARS) {
      throw new Error(`${payload.name} has ${text.length.toLocaleString('en')} characters, more than the limit of ` +
        `${MAX_TEXT_CHARS.toLocaleString('en')}; the previous corpus stays loaded`);
    }
    if (text.trim().length === 0) throw new Error(`${payload.name} is empty; the previous corpus stays loaded`);
    let corpus;
    try {
      corpus = new context.seqlab.Corpus(text, payload.options);
    } catch (error) {
      throw new Error(`${payload.name}: ${error.message}; the previous corpus stays loaded`);
    }
    if (corpus.tokenCount < 2) {
      corpus.delete();
      throw new Error(`${payload.name} has fewer than 2 tokens after preprocessing; the previous corpus stays loaded`);
    }
    context.replaceCorpus(corpus);
    return { name: payload.name, tokens: corpus.tokenCount, vocabSize: corpus.vocabSize, characters: text.length,
      loadMs: performance.now() - start };
  },

  /** @param {import('../protocol.js').StatsOptions} payload */
  'corpus-stats': (payload, context) => context.requireCorpus().stats(payload),
};
