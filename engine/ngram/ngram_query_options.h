#pragma once
// The "ngramQuery" option group: what `seqlab ngram` asks of its model beyond the perplexity: the next-token
// distribution after a context (Session.ngramNext's context and count) and a sample's length (the generate
// group's length under the CLI's name; its own range, as the sample is written out, not shown on a page).
#include <string>

#include "engine/core/options.h"

namespace seqlab::schema {

struct NgramQueryOptions {
  std::string next;  // "" = no next-token distribution
  int top = 10;
  int sample = 0;    // 0 = no sample
};

// Keys: next, top, sample.
const OptionTable<NgramQueryOptions>& ngram_query_options();

}  // namespace seqlab::schema
