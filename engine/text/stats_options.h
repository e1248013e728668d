#pragma once
// The "stats" option group: what the corpus statistics compute (text::StatsOptions).
#include "engine/core/options.h"
#include "engine/text/corpus_stats.h"

namespace seqlab::schema {

// Keys: top, zipfRanks ([first, last], first <= last), rankFrequencyPoints, minFreqs, maxN.
const OptionTable<text::StatsOptions>& stats_options();

}  // namespace seqlab::schema
