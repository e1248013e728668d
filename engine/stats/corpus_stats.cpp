#include "engine/stats/corpus_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/core/error.h"
#include "engine/ngram/ngram_counts.h"

namespace seqlab::stats {

namespace {

void check_range(const char* name, long long value, long long lo, long long hi) {
  if (value < lo || value > hi)
    throw Error(std::string(name) + " must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "] (got " +
                std::to_string(value) + ")");
}

// Indices of the k most frequent n-grams: descending count, ties by the n ids in lexicographic order
// (so the lists do not depend on the order in which the count store keeps its n-grams).
std::vector<std::size_t> top_by_count(const std::vector<std::int32_t>& grams, const std::vector<std::int64_t>& c,
                                      std::size_t n, std::size_t k) {
  std::vector<std::size_t> order(c.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      if (c[a] != c[b]) return c[a] > c[b];
                      return std::lexicographical_compare(grams.begin() + a * n, grams.begin() + a * n + n,
                                                          grams.begin() + b * n, grams.begin() + b * n + n);
                    });
  order.resize(k);
  return order;
}

}  // namespace

ZipfFit fit_zipf(const std::vector<std::int64_t>& counts_desc, int first_rank, int last_rank) {
  ZipfFit fit;
  const int available = static_cast<int>(std::min<std::size_t>(counts_desc.size(), std::numeric_limits<int>::max()));
  fit.first_rank = std::max(first_rank, 1);
  fit.last_rank = std::min(last_rank, available);
  const int m = fit.last_rank - fit.first_rank + 1;
  if (m < 2) {
    fit.alpha = fit.c = std::numeric_limits<double>::quiet_NaN();
    return fit;
  }
  // Centered sums: slope = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)², x = log rank, y = log count.
  double mean_x = 0, mean_y = 0;
  for (int r = fit.first_rank; r <= fit.last_rank; ++r) {
    mean_x += std::log(static_cast<double>(r));
    mean_y += std::log(static_cast<double>(counts_desc[static_cast<std::size_t>(r - 1)]));
  }
  mean_x /= m;
  mean_y /= m;
  double sxy = 0, sxx = 0;
  for (int r = fit.first_rank; r <= fit.last_rank; ++r) {
    const double dx = std::log(static_cast<double>(r)) - mean_x;
    const double dy = std::log(static_cast<double>(counts_desc[static_cast<std::size_t>(r - 1)])) - mean_y;
    sxy += dx * dy;
    sxx += dx * dx;
  }
  const double slope = sxy / sxx;
  fit.alpha = -slope;
  fit.c = mean_y - slope * mean_x;
  return fit;
}

RankFrequency rank_frequency(const std::vector<std::int64_t>& counts_desc, int max_points) {
  RankFrequency out;
  const auto m = static_cast<std::int64_t>(counts_desc.size());
  if (m == 0) return out;
  const auto push = [&](std::int64_t rank) {
    if (!out.ranks.empty() && out.ranks.back() >= rank) return;
    out.ranks.push_back(rank);
    out.counts.push_back(counts_desc[static_cast<std::size_t>(rank - 1)]);
  };
  if (m <= max_points) {
    for (std::int64_t r = 1; r <= m; ++r) push(r);
    return out;
  }
  // Log-spaced ranks 1 .. m; duplicates at the low end (where spacing < 1) are dropped.
  const double log_m = std::log(static_cast<double>(m));
  for (int k = 0; k < max_points; ++k) {
    const double r = std::exp(log_m * k / (max_points - 1));
    push(std::min<std::int64_t>(m, std::max<std::int64_t>(1, std::llround(r))));
  }
  push(m);
  return out;
}

CorpusStats compute_stats(const text::Corpus& corpus, const StatsOptions& options) {
  check_range("top", options.top_k, 0, 100000);
  check_range("zipf first rank", options.zipf_first_rank, 1, std::numeric_limits<int>::max());
  check_range("zipf last rank", options.zipf_last_rank, options.zipf_first_rank, std::numeric_limits<int>::max());
  check_range("rank-frequency points", options.max_rank_frequency_points, 2, 1000000);
  check_range("max n", options.max_n, 1, 6);
  for (const int m : options.min_freqs) check_range("min_freq", m, 0, std::numeric_limits<int>::max());

  CorpusStats stats;
  stats.tokens = static_cast<std::int64_t>(corpus.ids.size());
  stats.vocab_size = corpus.vocab.size();
  stats.level = corpus.options.level;
  stats.preprocess = corpus.options.preprocess;
  stats.min_freq = corpus.options.min_freq;
  // Ids 0 .. reserved_count are <unk> and the reserved tokens; every later id is a token of the text.
  for (int id = 0; id <= corpus.vocab.reserved_count(); ++id) stats.vocab_added.push_back(corpus.vocab.token(id));
  stats.vocab_from_text = stats.vocab_size - static_cast<int>(stats.vocab_added.size());
  // The raw token sequence: ids below vocab.size() are the vocabulary's, vocab.size() + r is rare_tokens[r].
  const int vocab = corpus.vocab.size();
  std::vector<std::int32_t> raw;
  if (!corpus.rare_tokens.empty()) {
    raw.reserve(corpus.ids.size());
    std::size_t next_rare = 0;
    for (const std::int32_t id : corpus.ids) {
      if (id != 0) {
        raw.push_back(id);
        continue;
      }
      const std::int32_t r = corpus.rare_ids[next_rare++];
      raw.push_back(r < 0 ? 0 : vocab + r);
      if (r >= 0) ++stats.unk_tokens;
    }
    stats.unk_types = static_cast<int>(corpus.rare_tokens.size());
  }
  const std::vector<std::int32_t>& ids = corpus.rare_tokens.empty() ? corpus.ids : raw;
  const auto token_of = [&](std::int32_t id) -> const std::string& {
    return id < vocab ? corpus.vocab.token(id) : corpus.rare_tokens[static_cast<std::size_t>(id - vocab)];
  };
  const ngram::NgramCounts counts(ids.data(), ids.size(), vocab + stats.unk_types, options.max_n);
  for (int n = 1; n <= options.max_n; ++n) {
    NgramStats s;
    s.n = n;
    s.total = static_cast<std::int64_t>(counts.windows(n));
    s.distinct = static_cast<std::int64_t>(counts.distinct(n));
    // The distinct n-grams, flat: grams[i*n .. i*n+n) has count c[i].
    const auto nn = static_cast<std::size_t>(n);
    std::vector<std::int32_t> grams;
    std::vector<std::int64_t> c;
    grams.reserve(nn * static_cast<std::size_t>(s.distinct));
    c.reserve(static_cast<std::size_t>(s.distinct));
    counts.for_each(n, [&](const std::int32_t* ids, std::uint64_t count) {
      grams.insert(grams.end(), ids, ids + n);
      c.push_back(static_cast<std::int64_t>(count));
    });
    for (const std::size_t i : top_by_count(grams, c, nn, static_cast<std::size_t>(options.top_k))) {
      TopEntry entry;
      for (std::size_t j = 0; j < nn; ++j) entry.tokens.push_back(token_of(grams[i * nn + j]));
      entry.count = c[i];
      s.top.push_back(std::move(entry));
    }
    std::sort(c.begin(), c.end(), std::greater<>());
    s.rank_frequency = rank_frequency(c, options.max_rank_frequency_points);
    s.zipf = fit_zipf(c, options.zipf_first_rank, options.zipf_last_rank);
    stats.ngrams.push_back(std::move(s));
  }
  for (const int m : options.min_freqs) stats.vocab_by_min_freq.emplace_back(m, corpus.vocab_size_for_min_freq(m));
  return stats;
}

Json to_json(const CorpusStats& stats, bool include_rank_frequency) {
  Json out = Json::object();
  out.set("level", text::level_name(stats.level))
      .set("preprocess", text::preprocess_name(stats.preprocess))
      .set("min_freq", stats.min_freq)
      .set("tokens", static_cast<long long>(stats.tokens))
      .set("vocab_size", stats.vocab_size);
  Json unk = Json::object();
  unk.set("tokens", static_cast<long long>(stats.unk_tokens))
      .set("types", stats.unk_types)
      .set("share", stats.tokens > 0 ? static_cast<double>(stats.unk_tokens) / static_cast<double>(stats.tokens) : 0.0);
  out.set("unk", std::move(unk));
  // Two numbers a reader compares and finds one apart (vocab_size against distinct["1"] at min_freq 0 or
  // 1), and lists that keep tokens the models see as <unk>: both said in words in the output itself.
  Json vocab = Json::object();
  Json added = Json::array();
  std::string added_words;
  for (const auto& token : stats.vocab_added) {
    added.push(token);
    added_words += (added_words.empty() ? "" : ", ") + token;
  }
  vocab.set("from_text", stats.vocab_from_text)
      .set("added", std::move(added))
      .set("note", "vocab_size " + std::to_string(stats.vocab_size) + " = " + std::to_string(stats.vocab_from_text) +
                       " distinct tokens of the text kept at min_freq " + std::to_string(stats.min_freq) + " + " +
                       added_words + ", which the vocabulary always holds");
  out.set("vocab", std::move(vocab));
  out.set("counted",
          "top, bigrams, trigrams, distinct and zipf count the raw tokens, as D2L does: a token below min_freq "
          "counts as itself there, and only unk counts what the models see as <unk>");
  const auto top_list = [](const NgramStats& s) {
    Json list = Json::array();
    for (const auto& e : s.top) {
      Json tokens = Json::array();
      for (const auto& t : e.tokens) tokens.push(t);
      Json row = Json::array();
      if (s.n == 1)
        row.push(e.tokens[0]);
      else
        row.push(std::move(tokens));
      row.push(static_cast<long long>(e.count));
      list.push(std::move(row));
    }
    return list;
  };
  static const char* const kNames[] = {"top", "bigrams", "trigrams"};
  for (const auto& s : stats.ngrams)
    out.set(s.n <= 3 ? kNames[s.n - 1] : std::to_string(s.n) + "grams", top_list(s));
  Json distinct = Json::object();
  Json zipf = Json::object();
  Json rank_freq = Json::object();
  for (const auto& s : stats.ngrams) {
    const std::string key = std::to_string(s.n);
    distinct.set(key, static_cast<long long>(s.distinct));
    Json fit = Json::object();
    Json ranks = Json::array();
    ranks.push(s.zipf.first_rank).push(s.zipf.last_rank);
    fit.set("alpha", s.zipf.alpha).set("c", s.zipf.c).set("ranks", std::move(ranks));
    zipf.set(key, std::move(fit));
    if (include_rank_frequency) {
      Json r = Json::array(), c = Json::array();
      for (const auto v : s.rank_frequency.ranks) r.push(static_cast<long long>(v));
      for (const auto v : s.rank_frequency.counts) c.push(static_cast<long long>(v));
      Json entry = Json::object();
      entry.set("ranks", std::move(r)).set("counts", std::move(c));
      rank_freq.set(key, std::move(entry));
    }
  }
  out.set("distinct", std::move(distinct)).set("zipf", std::move(zipf));
  Json by_min_freq = Json::array();
  for (const auto& [m, size] : stats.vocab_by_min_freq) {
    Json row = Json::array();
    row.push(m).push(size);
    by_min_freq.push(std::move(row));
  }
  out.set("vocab_by_min_freq", std::move(by_min_freq));
  if (include_rank_frequency) out.set("rank_frequency", std::move(rank_freq));
  return out;
}

}  // namespace seqlab::stats
