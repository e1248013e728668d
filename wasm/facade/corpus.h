#pragma once
// The text facade: a corpus built once from a text and options, then asked for its statistics, ids,
// encodings and decodings. The n-gram and trainer facades take a facade::Corpus& and read corpus().
//
// Options (JSON text; every key optional, unknown keys are an error):
//   constructor: {"level": "char"|"word", "preprocess": "letters_only"|"none", "minFreq": int >= 0,
//                 "reserved": ["<pad>", ...]}
//   stats:       {"top": int (10), "zipfRanks": [first, last] ([10, 1000]), "rankFrequencyPoints": int (2000),
//                 "minFreqs": [int...] ([1, 2, 3, 5, 10]), "maxN": int (3)}
#include <cstdint>
#include <string>
#include <vector>

#include "engine/io/json.h"
#include "engine/text/corpus.h"
#include "engine/text/corpus_stats.h"

namespace seqlab::facade {

// Parse the option objects above (an empty string means {}); throw seqlab::Error naming the bad key.
text::CorpusOptions parse_corpus_options(const std::string& options_json);
text::StatsOptions parse_stats_options(const std::string& options_json);

class Corpus {
 public:
  Corpus(const std::string& text, const std::string& options_json);

  int token_count() const { return static_cast<int>(corpus_.ids.size()); }
  int vocab_size() const { return corpus_.vocab.size(); }
  // text::to_json of the statistics, with the rank-frequency arrays (see engine/text/corpus_stats.h).
  io::Json stats(const std::string& options_json) const;
  std::string stats_json(const std::string& options_json) const { return stats(options_json).dump(); }
  // {"level", "preprocess", "minFreq", "reserved"}: the options in effect.
  io::Json options() const;
  std::vector<std::int32_t> ids() const { return corpus_.ids; }
  // Preprocesses `text` like the corpus, then maps its tokens to ids (unknown -> 0).
  std::vector<std::int32_t> encode(const std::string& text) const { return corpus_.encode(text); }
  // Throws seqlab::Error on an id outside the vocabulary.
  std::string decode(const std::vector<std::int32_t>& ids) const { return corpus_.decode(ids.data(), ids.size()); }
  const std::vector<std::string>& vocab_tokens() const { return corpus_.vocab.tokens(); }
  std::string vocab_tokens_json() const;

  const text::Corpus& corpus() const { return corpus_; }

 private:
  text::Corpus corpus_;
};

}  // namespace seqlab::facade
