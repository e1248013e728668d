#pragma once
// The n-gram facade: a model trained on the first (1 - valFraction) of a corpus's token stream and
// evaluated on the rest (engine/core/split.h, the split the neural trainer uses too).
//
// Options (JSON text; every key optional, unknown keys are an error):
//   NgramModel:               {"n": 1..8 (3), "smoothing": "laplace"|"add-k:K"|"d2l:E1,E2,E3" ("laplace"),
//                              "valFraction": [0, 1) (0.1)}
//   perplexity_by_order_json: {"maxN": 1..8 (6), "smoothing", "valFraction"}  (d2l: maxN <= 3)
// The model copies the vocabulary and the validation ids, so it outlives the facade::Corpus it came from.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/io/json.h"
#include "engine/ngram/ngram_model.h"
#include "engine/text/corpus.h"
#include "wasm/facade/corpus.h"

namespace seqlab::facade {

class NgramModel {
 public:
  NgramModel(const Corpus& corpus, const std::string& options_json);

  // {"n", "smoothing", "perplexity", "cross_entropy_nats", "cross_entropy_bits", "scored", "ngram_types",
  //  "vocab_size", "train_tokens", "val_tokens"}; the perplexity fields are null when valFraction is 0.
  io::Json evaluate() const;
  std::string evaluate_json() const { return evaluate().dump(); }
  // [{"token", "p"}...]: the top_k (>= 1) next tokens after the preprocessed, encoded context text (its
  // last n-1 tokens; a shorter context uses the lower-order distribution).
  io::Json next(const std::string& context_text, int top_k) const;
  std::string next_json(const std::string& context_text, int top_k) const { return next(context_text, top_k).dump(); }
  // The decoded continuation (without the prefix) of `length` tokens after `prefix`, drawn with
  // Rng(seed): the same seed gives the same text natively, in Node and on the page.
  std::string sample(const std::string& prefix, int length, double temperature, std::uint32_t seed) const;

 private:
  text::CorpusOptions options_;
  text::Vocabulary vocab_;
  std::vector<std::int32_t> validation_;
  std::size_t train_tokens_ = 0;
  std::unique_ptr<ngram::NgramModel> model_;

  std::vector<std::int32_t> encode(const std::string& text) const;
};

// [{"n", "perplexity", "cross_entropy_nats", "cross_entropy_bits", "scored", "ngram_types"}] for n = 1..maxN
// on the validation part, from one count of order maxN.
io::Json perplexity_by_order(const Corpus& corpus, const std::string& options_json);
std::string perplexity_by_order_json(const Corpus& corpus, const std::string& options_json);

}  // namespace seqlab::facade
