#pragma once
// The "perplexity" option group: the perplexities of the n-gram models of orders 1..maxN on one corpus
// (Session.ngramPerplexities). maxN is the ngram group's n under another name (the same range; default 6)
// and the smoothing keys are the ngram group's entries, so nothing here restates a range.
#include "engine/core/options.h"
#include "engine/ngram/ngram_options.h"

namespace seqlab::schema {

struct PerplexityOptions {
  NgramOptions ngram;  // ngram.n is maxN
};

// Keys: maxN, then the ngram group's keys but n. The table's defaults hold maxN = 6.
const OptionTable<PerplexityOptions>& perplexity_options();

}  // namespace seqlab::schema
