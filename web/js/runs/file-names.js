// Meaningful names for what the page downloads: the corpus, the network and how far it trained, e.g.
// "the-time-machine_gru-h64-adam_epoch-2.40.seqlab". Pure module: Node tests import it.

/** Lower case letters, digits and dashes only (safe on every file system); accents dropped, no extension. */
export function slug(text) {
  return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'text';
}

/**
 * @param {{corpus: string, settings: Object<string, string>}} run
 * @param {number} epoch  how far it trained
 * @param {string} extension  without the dot
 * @param {string} [what]  what the file holds besides the model ('chart', 'curve', 'generated')
 */
export function runFileName(run, epoch, extension, what = '') {
  const s = run.settings;
  const layers = s.layers && s.layers !== '1' ? `x${s.layers}` : '';
  const net = [s.cell || 'model', `h${s.hidden ?? '?'}${layers}`, s.optimizer].filter(Boolean).join('-');
  return `${slug(run.corpus)}_${net}_epoch-${(Number(epoch) || 0).toFixed(2)}${what ? `_${what}` : ''}.${extension}`;
}
