// A run's curve as CSV: one row per training report (tokens seen, epoch, train perplexity, the validation
// perplexity measured at that point if any, gradient norm, share of minibatches clipped), after a header
// of comment lines that give the run's settings ("# lr: 0.01"). Validation points without a training
// report at the same token count get a row of their own. Pure module: Node tests import it.

export const CSV_COLUMNS = Object.freeze(['tokens', 'epoch', 'train_perplexity', 'val_perplexity', 'grad_norm',
  'clipped_share']);

/** A number as CSV writes it: full precision, empty when missing or not finite. */
function cell(value) {
  return Number.isFinite(value) ? String(value) : '';
}

/** A header value on one line. */
function headerText(value) {
  return String(value).replace(/[\r\n]+/g, ' ');
}

/**
 * @param {{settings: Object<string, string>, train: {tokens: number, epoch: number, perplexity: number|null,
 *          gradNorm: number|null, clipFraction: number}[], validation: {tokens: number, epoch: number,
 *          valPerplexity: number|null}[]}} run
 * @param {Object<string, string>} [about]  lines before the settings ("corpus", "engine", ...)
 * @returns {string}
 */
export function curveCsv(run, about = {}) {
  const lines = ['# seqlab training curve'];
  for (const [key, value] of Object.entries(about)) lines.push(`# ${key}: ${headerText(value)}`);
  for (const [key, value] of Object.entries(run.settings)) lines.push(`# ${key}: ${headerText(value)}`);
  lines.push(CSV_COLUMNS.join(','));
  const validation = new Map(run.validation.map((v) => [v.tokens, v]));
  const rows = run.train.map((p) => ({ tokens: p.tokens, epoch: p.epoch, train: p.perplexity,
    val: validation.get(p.tokens)?.valPerplexity, grad: p.gradNorm, clip: p.clipFraction }));
  const trained = new Set(run.train.map((p) => p.tokens));
  for (const v of run.validation) {
    if (!trained.has(v.tokens)) rows.push({ tokens: v.tokens, epoch: v.epoch, val: v.valPerplexity });
  }
  rows.sort((a, b) => a.tokens - b.tokens);
  for (const r of rows) {
    lines.push([r.tokens, r.epoch, r.train, r.val, r.grad, r.clip].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
