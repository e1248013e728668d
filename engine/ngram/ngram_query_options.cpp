#include "engine/ngram/ngram_query_options.h"

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(NgramQueryOptions, ngram_query_options, "ngramQuery") {
  using O = NgramQueryOptions;
  t.options = {
      string_option<O>("next", SEQLAB_FIELD(next), "print the next-token distribution after this context"),
      int_option<O>("top", SEQLAB_FIELD(top), 1, 1000000, "how many entries of --next to print"),
      int_option<O>("sample", SEQLAB_FIELD(sample), 0, 10000000,
                    "sample this many tokens after --prefix (the JS API's length; at --temperature 0: greedy)"),
  };
}

}  // namespace seqlab::schema
