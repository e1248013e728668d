#include "engine/ngram/perplexity_options.h"

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(PerplexityOptions, perplexity_options, "perplexity") {
  using P = PerplexityOptions;
  Option<P> max_n = nested_option<P>(option_of(ngram_options(), "n"), SEQLAB_FIELD(ngram));
  max_n.spec.key = "maxN";
  max_n.spec.help = "the largest order: one row per order 1..maxN (the smoothing's largest order at most)";
  t.options.push_back(max_n);
  for (const auto& o : ngram_options().options)
    if (o.spec.key != "n") t.options.push_back(nested_option<P>(o, SEQLAB_FIELD(ngram)));
  t.defaults.ngram.n = 6;
}

}  // namespace seqlab::schema
