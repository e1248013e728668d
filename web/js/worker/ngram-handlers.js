// Worker handlers of the n-gram models: one Session method each. The Session builds the chosen model (and
// frees the one it replaces) and knows which orders each smoothing can do.
export const ngramHandlers = {
  /** @param {import('../protocol.js').PerplexitiesRequest} payload */
  'ngram-perplexities': (payload, { session }) => session.ngramPerplexities(payload),

  /** @param {import('../protocol.js').NgramOptions} payload */
  'ngram-build': (payload, { session }) => session.buildNgram(payload),

  /** @param {import('../protocol.js').NextRequest} payload */
  'ngram-next': (payload, { session }) => session.ngramNext(payload.context, payload.topK),

  /** @param {import('../protocol.js').SampleOptions} payload */
  'ngram-sample': (payload, { session }) => session.ngramSample(payload),
};
