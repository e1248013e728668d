// Worker handlers of the n-gram models: perplexity by order, one chosen model (replaced, and the old one
// freed, when n or the smoothing changes), its next-token distribution and seeded samples. The payloads are
// the engine's n-gram options; the validation split is the corpus's.
export const ngramHandlers = {
  /** @param {import('../protocol.js').PerplexitiesRequest} payload */
  'ngram-perplexities': (payload, context) => context.seqlab.ngramPerplexities(context.requireCorpus(), payload),

  /** @param {import('../protocol.js').NgramOptions} payload */
  'ngram-build': (payload, context) => {
    const model = new context.seqlab.NgramModel(context.requireCorpus(), payload);
    context.replace('ngram', model);
    return model.evaluate();
  },

  /** @param {import('../protocol.js').NextRequest} payload */
  'ngram-next': (payload, context) => context.require('ngram', 'no n-gram model yet').next(payload.context, payload.topK),

  /** @param {import('../protocol.js').SampleOptions} payload */
  'ngram-sample': (payload, context) => ({ text: context.require('ngram', 'no n-gram model yet').sample(payload) }),
};
