#include "engine/ngram/ngram_query_options.h"

namespace seqlab::schema {

namespace {

OptionTable<NgramQuery> make_ngram_query_options() {
  using O = NgramQuery;
  OptionTable<O> t;
  t.group = "ngramQuery";
  t.options = {
      string_option<O>("next", SEQLAB_FIELD(next), "print the next-token distribution after this context"),
      int_option<O>("top", SEQLAB_FIELD(top), 1, 1000000, "how many entries of --next to print"),
      int_option<O>("sample", SEQLAB_FIELD(sample), 0, 10000000,
                    "sample this many tokens after --prefix (the JS API's length; at --temperature 0: greedy)"),
  };
  return t;
}

}  // namespace

const OptionTable<NgramQuery>& ngram_query_options() {
  static const OptionTable<NgramQuery> table = make_ngram_query_options();
  return table;
}

}  // namespace seqlab::schema
