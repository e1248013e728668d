#pragma once
// Corpus statistics (docs/math.md §1), a layer above the text (its corpus) and the n-gram counts (its count
// store, engine/ngram/ngram_counts.h): n-gram counts for n = 1..max_n over the corpus's RAW tokens (a token
// that min_freq sent to <unk> counts as itself, as in D2L's statistics, so <unk> never heads the lists), with
// the share of tokens min_freq sends to <unk> reported apart; top-k tables (ties by the ids in lexicographic
// order), rank-frequency arrays for log-log plots, the Zipf exponent α fitted by least squares on
// log n_i = -α log i + c over a rank range, and the vocabulary size as a function of min_freq.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/text/corpus.h"

namespace seqlab::stats {

struct StatsOptions {
  int top_k = 10;                       // entries in each top list, [0, 100000]
  int zipf_first_rank = 10;             // fit ranks [first, last], clipped to the ranks that exist
  int zipf_last_rank = 1000;
  int max_rank_frequency_points = 2000; // rank-frequency arrays are subsampled at log-spaced ranks
  int max_n = 3;                        // n-gram orders 1..max_n, [1, 6]
  std::vector<int> min_freqs = {1, 2, 3, 5, 10};
};

struct TopEntry {
  std::vector<std::string> tokens;  // n tokens
  std::int64_t count = 0;
};

// Least-squares fit of log count = -alpha log rank + c. alpha and c are NaN (JSON null) when the
// clipped range holds fewer than 2 ranks.
struct ZipfFit {
  double alpha = 0;
  double c = 0;
  int first_rank = 0;  // the range actually used (after clipping)
  int last_rank = 0;
};

struct RankFrequency {
  std::vector<std::int64_t> ranks;   // 1-based, ascending, log-spaced, first and last rank included
  std::vector<std::int64_t> counts;  // count of the n-gram at that rank
};

struct NgramStats {
  int n = 0;
  std::int64_t total = 0;     // windows
  std::int64_t distinct = 0;  // distinct n-grams
  std::vector<TopEntry> top;
  RankFrequency rank_frequency;
  ZipfFit zipf;
};

struct CorpusStats {
  std::int64_t tokens = 0;
  int vocab_size = 0;
  std::int64_t unk_tokens = 0;  // tokens below min_freq (sent to <unk> for the models)
  int unk_types = 0;            // distinct tokens below min_freq
  std::vector<NgramStats> ngrams;                     // ngrams[n-1] for n = 1..max_n
  std::vector<std::pair<int, int>> vocab_by_min_freq; // (min_freq, vocabulary size)
  // What the vocabulary adds to the text's own tokens: <unk> (always, even when every token is kept) and
  // the reserved tokens, in id order; vocab_size = vocab_from_text + vocab_added.size().
  std::vector<std::string> vocab_added;
  int vocab_from_text = 0;
  text::Level level = text::Level::Char;
  text::Preprocess preprocess = text::Preprocess::LettersOnly;
  int min_freq = 0;
};

// Throws seqlab::Error on options out of range (naming the option and the range).
CorpusStats compute_stats(const text::Corpus& corpus, const StatsOptions& options);

// counts_desc: counts sorted descending (rank r has counts_desc[r-1]).
ZipfFit fit_zipf(const std::vector<std::int64_t>& counts_desc, int first_rank, int last_rank);
RankFrequency rank_frequency(const std::vector<std::int64_t>& counts_desc, int max_points);

// {"level", "preprocess", "min_freq", "tokens", "vocab_size", "unk": {"tokens", "types", "share"},
//  "vocab": {"from_text", "added": [...], "note"}, "counted": a sentence on the raw tokens, "top": [[t, c]...],
//  "bigrams": [[[t1, t2], c]...], "trigrams": [[[t1, t2, t3], c]...], "distinct": {"1": .., ...},
//  "zipf": {"1": {"alpha", "c", "ranks": [a, b]}, ...}, "vocab_by_min_freq": [[m, size]...],
//  and with include_rank_frequency "rank_frequency": {"1": {"ranks": [...], "counts": [...]}, ...}}.
Json to_json(const CorpusStats& stats, bool include_rank_frequency);

}  // namespace seqlab::stats
