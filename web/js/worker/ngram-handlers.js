// Worker handlers of the n-gram models: perplexity by order, one chosen model (replaced, and the old one
// freed, when n or the smoothing changes), its next-token distribution and seeded samples.
export const ngramHandlers = {
  /** @param {import('../protocol.js').PerplexitiesRequest} payload */
  'ngram-perplexities': (payload, context) =>
    context.seqlab.ngramPerplexities(context.requireCorpus(), {
      maxN: payload.maxN, smoothing: payload.smoothing, valFraction: payload.valFraction,
    }),

  /** @param {import('../protocol.js').NgramBuild} payload */
  'ngram-build': (payload, context) => {
    const model = new context.seqlab.NgramModel(context.requireCorpus(), {
      n: payload.n, smoothing: payload.smoothing, valFraction: payload.valFraction,
    });
    context.replace('ngram', model);
    return model.evaluate();
  },

  /** @param {import('../protocol.js').NextRequest} payload */
  'ngram-next': (payload, context) => context.require('ngram', 'no n-gram model yet').next(payload.context, payload.topK),

  /** @param {import('../protocol.js').SampleRequest} payload */
  'ngram-sample': (payload, context) => ({
    text: context.require('ngram', 'no n-gram model yet').sample({
      prefix: payload.prefix, length: payload.length, temperature: payload.temperature, seed: payload.seed,
    }),
  }),
};
