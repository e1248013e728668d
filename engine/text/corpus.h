#pragma once
// A corpus: a text preprocessed, tokenized and mapped to ids with its vocabulary (docs/math.md §1).
// This is what the n-gram models, the data iterators and the statistics consume.
//
//   Corpus c = build_corpus(raw_utf8, {Level::Word, Preprocess::LettersOnly, /*min_freq*/ 0, {}});
//   c.ids          the whole text as token ids (tokens below min_freq -> 0 = <unk>)
//   c.vocab        id <-> token
//   c.counts_by_id occurrences of every id in c.ids
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"
#include "engine/text/vocabulary.h"

namespace seqlab::text {

// How a text becomes token ids: the corpus group's keys but valFraction (schema::CorpusOptions holds one).
struct Tokenization {
  Level level = Level::Char;
  Preprocess preprocess = Preprocess::LettersOnly;
  int min_freq = 0;                   // 0 and 1 keep every token; larger values send rarer tokens to <unk>
  std::vector<std::string> reserved;  // e.g. {"<pad>", "<bos>", "<eos>"}: ids 1, 2, 3
};

struct Corpus {
  Tokenization options;
  Vocabulary vocab;
  std::vector<std::int32_t> ids;            // the whole text's token ids
  std::vector<std::int64_t> counts_by_id;   // size vocab.size(); counts_by_id[0] = tokens sent to <unk>
  // Counts of every distinct token of the text (before min_freq), descending; tokens equal to <unk> or
  // to a reserved token are left out (they always have their id). Gives the vocabulary size for any
  // min_freq without re-tokenizing.
  std::vector<std::int64_t> type_counts;
  // What min_freq sent to <unk>, so that the statistics can count the raw tokens (as D2L does): the
  // distinct tokens below min_freq (rare_tokens), and for every id 0 of `ids` in order, the index of its
  // token in rare_tokens, or -1 for a literal "<unk>" of the text. Both empty when min_freq keeps every
  // token.
  std::vector<std::string> rare_tokens;
  std::vector<std::int32_t> rare_ids;

  std::size_t token_count() const { return ids.size(); }
  // Bytes held by ids, rare_ids, counts_by_id and type_counts (the vocabulary's and rare tokens' strings are left to the uncounted
  // reserve of engine/core/memory_budget.h).
  std::uint64_t memory_bytes() const {
    return (ids.capacity() + rare_ids.capacity()) * sizeof(std::int32_t) + (counts_by_id.capacity() + type_counts.capacity()) * sizeof(std::int64_t);
  }
  int vocab_size() const { return vocab.size(); }
  // The vocabulary size (with <unk> and the reserved tokens) that min_freq = m would give.
  int vocab_size_for_min_freq(int m) const;
  // Preprocesses and encodes another text with this corpus's options and vocabulary.
  std::vector<std::int32_t> encode(std::string_view raw_utf8) const;
  std::string decode(const std::int32_t* ids, std::size_t n) const { return vocab.decode(ids, n, options.level); }
};

// An upper bound of what build_corpus allocates at its peak for a text of `text_bytes` UTF-8 bytes,
// computed before reading it (the memory plan, engine/core/memory_budget.h): the preprocessed copy (never
// longer than the text) and the id sequence: char level one id per byte (the tokenizer sizes it so), word
// level at most one token per two bytes in a vector that doubles from text_bytes / 5 (1.5 times its
// capacity while it moves). The distinct tokens are left to the uncounted reserve: at most 1.1 M code
// points at char level, and word types grow like the square root of the tokens (Heaps' law).
std::uint64_t corpus_build_bytes(std::size_t text_bytes, Level level);
// Its largest single block (the plan holds each block under kLargestBlockBytes): the id sequence, 4 bytes
// per byte of text at char level, at word level the capacity the vector doubles to (at most
// text_bytes / 2 + 1 ids, so under text_bytes + 2), or the preprocessed copy when larger.
std::uint64_t corpus_build_largest_block(std::size_t text_bytes, Level level);

// Throws seqlab::Error on invalid UTF-8 (naming the byte offset), on a text with no token after
// preprocessing, on min_freq < 0, or on bad reserved tokens.
Corpus build_corpus(std::string_view raw_utf8, const Tokenization& options);

}  // namespace seqlab::text
