#pragma once
// The "stats" option group: what the corpus statistics compute (stats::StatsOptions).
#include "engine/core/options.h"
#include "engine/stats/corpus_stats.h"

namespace seqlab::schema {

// Keys: top, zipfRanks ([first, last], first <= last), rankFrequencyPoints, minFreqs, maxN.
const OptionTable<stats::StatsOptions>& stats_options();

}  // namespace seqlab::schema
