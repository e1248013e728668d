#include <doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/text/corpus.h"
#include "engine/stats/corpus_stats.h"
#include "engine/ngram/ngram_counts.h"
#include "tests/engine/text/text_fixtures.h"

using namespace seqlab::text;
using namespace seqlab::stats;
using seqlab::ngram::NgramCounts;
using seqlab::test::time_machine;

namespace {

const Corpus& time_machine_words() {
  static const Corpus corpus = [] {
    Tokenization options;
    options.level = Level::Word;
    return build_corpus(time_machine(), options);
  }();
  return corpus;
}

// The reference: D2L's steps done the slow, obvious way, with std::string tokens and std::map.
std::vector<std::string> reference_words() {
  std::string text;
  bool in_run = false;
  for (const char ch : time_machine()) {
    const bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    if (letter) {
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      in_run = false;
    } else if (!in_run) {
      text += ' ';
      in_run = true;
    }
  }
  std::istringstream in(text);
  std::vector<std::string> words;
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

std::map<std::vector<std::string>, long long> reference_counts(const std::vector<std::string>& words, int n) {
  std::map<std::vector<std::string>, long long> counts;
  for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= words.size(); ++i)
    ++counts[std::vector<std::string>(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i) + n)];
  return counts;
}

}  // namespace

TEST_CASE("stats: The Time Machine top words, bigrams and trigrams") {
  StatsOptions options;
  options.top_k = 5;
  const CorpusStats s = compute_stats(time_machine_words(), options);
  CHECK(s.tokens == 32775);
  CHECK(s.vocab_size == 4580);
  REQUIRE(s.ngrams.size() == 3);
  const auto& top = s.ngrams[0].top;
  REQUIRE(top.size() == 5);
  const std::vector<std::pair<std::string, long long>> expected = {
      {"the", 2261}, {"i", 1267}, {"and", 1245}, {"of", 1155}, {"a", 816}};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(top[i].tokens[0] == expected[i].first);
    CHECK(top[i].count == expected[i].second);
  }
  const auto& bigrams = s.ngrams[1].top;
  CHECK(bigrams[0].tokens == std::vector<std::string>{"of", "the"});
  CHECK(bigrams[0].count == 309);
  CHECK(bigrams[1].tokens == std::vector<std::string>{"in", "the"});
  CHECK(bigrams[1].count == 169);
  const auto& trigrams = s.ngrams[2].top;
  CHECK(trigrams[0].tokens == std::vector<std::string>{"the", "time", "traveller"});
  CHECK(trigrams[0].count == 59);
  CHECK(trigrams[1].tokens == std::vector<std::string>{"the", "time", "machine"});
  CHECK(trigrams[1].count == 30);
  CHECK(s.ngrams[1].total == 32774);
  CHECK(s.ngrams[2].total == 32773);

  const std::vector<std::pair<int, int>> by_min = {{1, 4580}, {2, 2183}, {3, 1420}, {5, 825}, {10, 400}};
  CHECK(s.vocab_by_min_freq == by_min);
}

TEST_CASE("stats: n-gram counts equal an independent std::map count over string tokens") {
  const Corpus& c = time_machine_words();
  const std::vector<std::string> words = reference_words();
  REQUIRE(words.size() == c.ids.size());
  StatsOptions options;
  options.top_k = 50;
  const CorpusStats s = compute_stats(c, options);
  for (int n = 1; n <= 3; ++n) {
    CAPTURE(n);
    const auto ref = reference_counts(words, n);
    const NgramCounts table(c.ids.data(), c.ids.size(), c.vocab_size(), n);
    CHECK(table.distinct(n) == ref.size());
    CHECK(s.ngrams[static_cast<std::size_t>(n - 1)].distinct == static_cast<long long>(ref.size()));
    // Every entry of the top list has the reference count, and the list is the reference's top by count.
    std::vector<long long> ref_desc;
    for (const auto& [gram, count] : ref) ref_desc.push_back(count);
    std::sort(ref_desc.begin(), ref_desc.end(), std::greater<>());
    const auto& top = s.ngrams[static_cast<std::size_t>(n - 1)].top;
    REQUIRE(top.size() == 50);
    for (std::size_t i = 0; i < top.size(); ++i) {
      CHECK(top[i].count == ref.at(top[i].tokens));
      CHECK(top[i].count == ref_desc[i]);
    }
    // And the full table agrees entry by entry.
    long long mismatches = 0;
    std::vector<std::int64_t> counts_desc;
    table.for_each(n, [&](const std::int32_t* ids, std::uint64_t count) {
      std::vector<std::string> gram;
      for (int j = 0; j < n; ++j) gram.push_back(c.vocab.token(ids[j]));
      const auto it = ref.find(gram);
      if (it == ref.end() || it->second != static_cast<long long>(count)) ++mismatches;
      counts_desc.push_back(static_cast<std::int64_t>(count));
    });
    CHECK(mismatches == 0);
    std::sort(counts_desc.begin(), counts_desc.end(), std::greater<>());
    CHECK(counts_desc == std::vector<std::int64_t>(ref_desc.begin(), ref_desc.end()));
  }
}

TEST_CASE("stats: char-level bigrams (dense path) match the reference and count()") {
  Tokenization options;
  const Corpus c = build_corpus(time_machine(), options);
  const NgramCounts bi(c.ids.data(), c.ids.size(), c.vocab_size(), 2);
  std::map<std::pair<int, int>, long long> ref;
  for (std::size_t i = 0; i + 1 < c.ids.size(); ++i) ++ref[{c.ids[i], c.ids[i + 1]}];
  CHECK(bi.distinct(2) == ref.size());
  for (const auto& [pair, count] : ref) {
    const std::int32_t gram[2] = {pair.first, pair.second};
    if (bi.count(gram, 2) != static_cast<std::uint64_t>(count)) FAIL("bigram count differs");
  }
  const std::int32_t absent[2] = {0, 0};
  CHECK(bi.count(absent, 2) == 0);
  CHECK_THROWS_AS(NgramCounts(c.ids.data(), c.ids.size(), c.vocab_size(), 0), seqlab::Error);
  CHECK_THROWS_WITH_AS(NgramCounts(c.ids.data(), c.ids.size(), 5, 2), doctest::Contains("outside the vocabulary"),
                       seqlab::Error);
  // A key space beyond 64 bits (100000^4) is no longer an error: such orders are hashed and verified.
  const NgramCounts wide(c.ids.data(), c.ids.size(), 100000, 4);
  std::map<std::vector<std::int32_t>, long long> ref4;
  for (std::size_t i = 0; i + 4 <= c.ids.size(); ++i)
    ++ref4[std::vector<std::int32_t>(c.ids.begin() + i, c.ids.begin() + i + 4)];
  CHECK(wide.distinct(4) == ref4.size());
  long long wrong = 0;
  wide.for_each(4, [&](const std::int32_t* ids, std::uint64_t count) {
    if (ref4[std::vector<std::int32_t>(ids, ids + 4)] != static_cast<long long>(count)) ++wrong;
  });
  CHECK(wrong == 0);
}

TEST_CASE("stats: texts shorter than n have no n-grams; top-list ties go to the lexicographically first ids") {
  // "b a b a c": bigrams (b a) x2, (a b), (a c); trigrams all once, so the top trigram is the smallest ids.
  Tokenization options;
  options.level = Level::Word;
  const Corpus c = build_corpus("b a b a c", options);
  StatsOptions so;
  so.max_n = 6;
  so.top_k = 3;
  const CorpusStats s = compute_stats(c, so);
  CHECK(s.ngrams[1].top[0].tokens == std::vector<std::string>{"b", "a"});
  CHECK(s.ngrams[1].top[0].count == 2);
  const auto& tri = s.ngrams[2].top;  // (b a b), (a b a), (b a c), each once
  REQUIRE(tri.size() == 3);
  // Ids follow the vocabulary order (descending count, then first occurrence): b = 1, a = 2, c = 3.
  CHECK(tri[0].tokens == std::vector<std::string>{"b", "a", "b"});
  CHECK(tri[1].tokens == std::vector<std::string>{"b", "a", "c"});
  CHECK(tri[2].tokens == std::vector<std::string>{"a", "b", "a"});
  CHECK(s.ngrams[4].total == 1);
  CHECK(s.ngrams[5].total == 0);
  CHECK(s.ngrams[5].distinct == 0);
  CHECK(s.ngrams[5].top.empty());
}

TEST_CASE("stats: the Zipf fit recovers the exponent of an exact power law") {
  std::vector<std::int64_t> counts;
  for (int r = 1; r <= 5000; ++r) counts.push_back(std::llround(1e9 * std::pow(r, -1.25)));
  const ZipfFit fit = fit_zipf(counts, 10, 1000);
  CHECK(fit.alpha == doctest::Approx(1.25).epsilon(1e-6));
  CHECK(fit.c == doctest::Approx(std::log(1e9)).epsilon(1e-6));
  CHECK(fit.first_rank == 10);
  CHECK(fit.last_rank == 1000);
  const ZipfFit clipped = fit_zipf(counts, 4000, 9000);
  CHECK(clipped.last_rank == 5000);
  CHECK(clipped.alpha == doctest::Approx(1.25).epsilon(1e-3));
  CHECK(std::isnan(fit_zipf(counts, 5000, 6000).alpha));  // one rank: no fit

  const RankFrequency rf = rank_frequency(counts, 100);
  CHECK(rf.ranks.front() == 1);
  CHECK(rf.ranks.back() == 5000);
  CHECK(rf.ranks.size() <= 101);
  CHECK(rf.ranks.size() > 50);
  for (std::size_t i = 0; i < rf.ranks.size(); ++i) CHECK(rf.counts[i] == counts[static_cast<std::size_t>(rf.ranks[i] - 1)]);
}

TEST_CASE("stats: The Time Machine Zipf exponent and JSON shape") {
  StatsOptions options;
  options.top_k = 3;
  const CorpusStats s = compute_stats(time_machine_words(), options);
  // Word unigrams follow Zipf with alpha near 1; higher orders are flatter.
  CHECK(s.ngrams[0].zipf.alpha > 0.8);
  CHECK(s.ngrams[0].zipf.alpha < 1.3);
  CHECK(s.ngrams[2].zipf.alpha < s.ngrams[0].zipf.alpha);
  const seqlab::Json j = to_json(s, true);
  CHECK(j.at("tokens").as_number() == 32775);
  CHECK(j.at("top").as_array()[0].as_array()[0].as_string() == "the");
  CHECK(j.at("bigrams").as_array()[0].as_array()[0].as_array()[1].as_string() == "the");
  CHECK(j.at("trigrams").as_array()[0].as_array()[1].as_number() == 59);
  CHECK(j.at("zipf").at("1").at("ranks").as_array()[1].as_number() == 1000);
  CHECK(j.at("vocab_by_min_freq").as_array()[4].as_array()[1].as_number() == 400);
  CHECK(j.at("rank_frequency").at("1").at("ranks").size() <= 2001);
  CHECK_THROWS_WITH_AS(compute_stats(time_machine_words(), StatsOptions{-1}), doctest::Contains("top"),
                       seqlab::Error);
  StatsOptions bad_ranks;
  bad_ranks.zipf_first_rank = 50;
  bad_ranks.zipf_last_rank = 10;
  CHECK_THROWS_AS(compute_stats(time_machine_words(), bad_ranks), seqlab::Error);
}

TEST_CASE("stats: with min_freq 3 the lists and the Zipf fit count the raw words; <unk>'s share is apart") {
  Tokenization options;
  options.level = Level::Word;
  options.min_freq = 3;
  const Corpus c = build_corpus(time_machine(), options);
  StatsOptions so;
  so.top_k = 20;
  const CorpusStats s = compute_stats(c, so);
  // The reference: std::map counts of the words themselves (no vocabulary, no <unk>).
  const std::vector<std::string> words = reference_words();
  const auto ref1 = reference_counts(words, 1);
  long long rare_tokens = 0, rare_types = 0;
  for (const auto& [gram, count] : ref1)
    if (count < 3) {
      rare_tokens += count;
      ++rare_types;
    }
  CHECK(rare_tokens == 3923);  // the count of <unk>
  CHECK(s.unk_tokens == rare_tokens);
  CHECK(s.unk_types == rare_types);
  CHECK(s.vocab_size == 1420);
  for (int n = 1; n <= 3; ++n) {
    CAPTURE(n);
    const auto ref = reference_counts(words, n);
    const NgramStats& ns = s.ngrams[static_cast<std::size_t>(n - 1)];
    CHECK(ns.distinct == static_cast<long long>(ref.size()));
    std::vector<std::int64_t> ref_desc;
    for (const auto& [gram, count] : ref) ref_desc.push_back(count);
    std::sort(ref_desc.begin(), ref_desc.end(), std::greater<>());
    for (std::size_t i = 0; i < ns.top.size(); ++i) {
      CHECK(ns.top[i].count == ref.at(ns.top[i].tokens));
      CHECK(ns.top[i].count == ref_desc[i]);
      for (const auto& t : ns.top[i].tokens) CHECK(t != "<unk>");
    }
    const ZipfFit fit = fit_zipf(ref_desc, so.zipf_first_rank, so.zipf_last_rank);
    CHECK(ns.zipf.alpha == doctest::Approx(fit.alpha).epsilon(1e-12));
  }
  // And the statistics equal those of min_freq 0, except for the <unk> report.
  const CorpusStats all = compute_stats(time_machine_words(), so);
  CHECK(all.unk_tokens == 0);
  for (std::size_t n = 0; n < 3; ++n) {
    CHECK(s.ngrams[n].rank_frequency.counts == all.ngrams[n].rank_frequency.counts);
    for (std::size_t i = 0; i < s.ngrams[n].top.size(); ++i) CHECK(s.ngrams[n].top[i].count == all.ngrams[n].top[i].count);
  }
  const seqlab::Json j = to_json(s, false);
  CHECK(j.at("unk").at("tokens").as_number() == 3923);
  CHECK(j.at("unk").at("share").as_number() == doctest::Approx(3923.0 / 32775.0));
}

TEST_CASE("stats: a literal <unk> of the text stays <unk>; only tokens below min_freq count in its share") {
  Tokenization options;
  options.level = Level::Word;
  options.preprocess = Preprocess::None;
  options.min_freq = 2;
  const Corpus c = build_corpus("x <unk> b b c c <unk> y", options);
  const CorpusStats s = compute_stats(c, StatsOptions{});
  CHECK(s.unk_tokens == 2);  // x and y
  CHECK(s.unk_types == 2);
  const auto& top = s.ngrams[0].top;
  REQUIRE(top.size() == 5);
  CHECK(top[0].count == 2);
  CHECK(top[3].count == 1);
  CHECK(top[3].tokens[0] == "x");
  CHECK(top[4].tokens[0] == "y");
}
