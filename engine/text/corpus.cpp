#include "engine/text/corpus.h"

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"

namespace seqlab::text {

Corpus build_corpus(std::string_view raw_utf8, const Tokenization& options) {
  if (options.min_freq < 0)
    throw Error("min_freq must be >= 0 (got " + std::to_string(options.min_freq) + ")");
  const std::string text = preprocess(raw_utf8, options.preprocess);
  TypeSequence types = tokenize_types(text, options.level);
  if (types.sequence.empty())
    throw Error(std::string("the text has no ") + level_name(options.level) + " token after preprocessing '" +
                preprocess_name(options.preprocess) + "' (it is empty or only white space)");

  // Order the distinct tokens by descending count, ties by first occurrence (= their index).
  const std::size_t num_types = types.types.size();
  std::vector<std::int32_t> order(num_types);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return types.counts[static_cast<std::size_t>(a)] > types.counts[static_cast<std::size_t>(b)];
  });

  Corpus corpus;
  corpus.options = options;
  const Vocabulary specials(options.reserved, {});  // validates the reserved tokens
  const std::int64_t keep_from = std::max(options.min_freq, 1);
  std::vector<std::string_view> kept;
  for (const std::int32_t t : order) {
    const auto ti = static_cast<std::size_t>(t);
    if (specials.contains(types.types[ti])) continue;
    corpus.type_counts.push_back(types.counts[ti]);
    if (types.counts[ti] >= keep_from) kept.push_back(types.types[ti]);
  }
  corpus.vocab = Vocabulary(options.reserved, kept);

  // Renumber: first-occurrence index -> vocabulary id (0 for tokens below min_freq).
  std::vector<std::int32_t> id_of_type(num_types);
  for (std::size_t t = 0; t < num_types; ++t) id_of_type[t] = corpus.vocab.id_of(types.types[t]);
  // The tokens below min_freq, numbered in first-occurrence order, and their index at each id 0.
  std::vector<std::int32_t> rare_index(num_types, -1);
  for (std::size_t t = 0; t < num_types; ++t)
    if (id_of_type[t] == 0 && types.types[t] != kUnknownToken) {
      rare_index[t] = static_cast<std::int32_t>(corpus.rare_tokens.size());
      corpus.rare_tokens.emplace_back(types.types[t]);
    }
  if (!corpus.rare_tokens.empty())
    for (const std::int32_t t : types.sequence)
      if (id_of_type[static_cast<std::size_t>(t)] == 0) corpus.rare_ids.push_back(rare_index[static_cast<std::size_t>(t)]);
  corpus.ids = std::move(types.sequence);
  corpus.counts_by_id.assign(static_cast<std::size_t>(corpus.vocab.size()), 0);
  for (std::size_t t = 0; t < num_types; ++t)
    corpus.counts_by_id[static_cast<std::size_t>(id_of_type[t])] += types.counts[t];
  for (auto& id : corpus.ids) id = id_of_type[static_cast<std::size_t>(id)];
  return corpus;
}

std::uint64_t corpus_build_bytes(std::size_t text_bytes, Level level) {
  const std::uint64_t b = text_bytes;
  if (level == Level::Char) return b + 4 * b;
  const std::uint64_t capacity = std::max<std::uint64_t>(b / 5 + 16, 2 * (b / 2 + 1));
  return b + capacity * 4 * 3 / 2;
}

std::uint64_t corpus_build_largest_block(std::size_t text_bytes, Level level) {
  const std::uint64_t b = text_bytes;
  if (level == Level::Char) return 4 * b;
  const std::uint64_t capacity = std::max<std::uint64_t>(b / 5 + 16, 2 * (b / 2 + 1));
  return std::max(b, capacity * 4);
}

int Corpus::vocab_size_for_min_freq(int m) const {
  const std::int64_t threshold = std::max(m, 1);
  // type_counts is descending: count the prefix with count >= threshold.
  const auto end = std::partition_point(type_counts.begin(), type_counts.end(),
                                        [&](std::int64_t c) { return c >= threshold; });
  return 1 + static_cast<int>(options.reserved.size()) + static_cast<int>(end - type_counts.begin());
}

std::vector<std::int32_t> Corpus::encode(std::string_view raw_utf8) const {
  const std::string text = preprocess(raw_utf8, options.preprocess);
  return vocab.encode(text, options.level);
}

}  // namespace seqlab::text
