// Worker handlers of the corpus: fetch or decode the text (the default text, pasted text or a file's
// bytes), hand it to the Session and answer statistics. A text the worker refuses (binary, not UTF-8, a
// lone surrogate, empty, too large) leaves the Session untouched, and so does a text the engine refuses,
// unless memory was too short to build it beside the old corpus: the Session then freed the old corpus,
// its n-gram model and trainers first, the worker posts 'corpus-lost' and the page loads its previous
// text again.
import { loneSurrogate } from '../../engine/text.mjs';
import { MAX_TEXT_CHARS } from '../protocol.js';
import { stopTraining } from './train-handlers.js';

/** How much of a file is looked at for NUL bytes (as git does to call a file binary). */
const SNIFF_BYTES = 8000;

/** Strict UTF-8 decoding with the offset of the first bad byte in the message; a binary file is named so. */
function decodeUtf8(bytes, name) {
  const head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, SNIFF_BYTES));
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw new Error(`${name} looks like a binary file, not text (a NUL byte at offset ${nul}); ` +
      'choose a plain-text file (UTF-8); the previous corpus stays loaded');
  }
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
  return checkWellFormed(String(payload.text ?? ''), payload.name);
}

/** A pasted text must be well-formed UTF-16: a lone surrogate has no UTF-8 form (the engine reads UTF-8). */
function checkWellFormed(text, name) {
  const lone = loneSurrogate(text);
  if (lone) {
    const code = lone.code.toString(16).toUpperCase();
    throw new Error(`${name} has a lone surrogate (U+${code}, half of a character pair) at position ${lone.index}; ` +
      'it is not text the engine can read; the previous corpus stays loaded');
  }
  return text;
}

/**
 * The page's first text, which web/js/engine-boot.js downloads beside the module. The boot script posts
 * {type: 'engine-text', url} when the download starts, before the page can send a request, and
 * {type: 'engine-text', url, bytes} when it ends (bytes null when it failed). A 'corpus-load' of that url
 * waits for those bytes instead of downloading the text again. `early.texts`: url -> the bytes' promise, taken
 * by the request; `early.deliveries`: url -> what resolves it, taken by the second message.
 */
export function receiveBootText({ url, bytes }, early) {
  if (bytes === undefined) {
    early.texts.set(url, new Promise((resolve) => { early.deliveries.set(url, resolve); }));
  } else {
    early.deliveries.get(url)?.(bytes);
    early.deliveries.delete(url);
  }
}

/** The text of a request; the bytes the boot script fetched ahead are taken from `early` (once). */
function startText(payload, early) {
  const url = payload.source === 'url' ? payload.url : undefined;
  const ahead = early.texts.get(url);
  early.texts.delete(url);
  const text = ahead
    ? ahead.then((bytes) => (bytes ? decodeUtf8(bytes, payload.name) : textOf(payload)))
    : textOf(payload);
  text.catch(() => {});  // reported when a handler awaits it
  return text;
}

/** Work a request can start before the WebAssembly module is ready: fetching and decoding the text. */
export const corpusPreparers = {
  'corpus-load': (payload, early) => startText(payload, early),
};

export const corpusHandlers = {
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
    let summary;
    try {
      summary = context.session.loadCorpus(text, payload.options);
    } catch (error) {
      // A refused text leaves the Session as it was (its corpus, n-gram model and trainers), unless memory
      // was too short to build the new corpus beside the old one: then the old one is gone.
      if (context.session.hasCorpus()) throw new Error(`${payload.name}: ${error.message}; the previous corpus stays loaded`);
      stopTraining(context);
      context.post('corpus-lost', { name: payload.name });
      throw new Error(`${payload.name}: ${error.message}; the previous corpus is loaded again`);
    }
    // The trainers were the old corpus's: their loop stops before its next slice.
    stopTraining(context);
    return { ...summary, name: payload.name, loadMs: performance.now() - start };
  },

  /** @param {import('../protocol.js').StatsOptions} payload */
  'corpus-stats': (payload, { session }) => session.corpusStats(payload),
};
