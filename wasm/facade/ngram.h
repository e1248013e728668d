#pragma once
// The n-gram facade: a model trained on the first (1 - valFraction) of a corpus's token stream and
// evaluated on the rest (engine/core/split.h, the split the neural trainer uses too; valFraction is the
// corpus's).
//
// Options (JSON text, an empty text = {}): the "ngram" group of the schema (engine/ngram/ngram_options.h):
//   {n, smoothing: 'laplace'|'add-k'|'d2l'|'mle'|'witten-bell'|'kneser-ney'|'modified-kneser-ney'|
//   'stupid-backoff', k, eps: [e1, e2, e3], discount, padLines};
//   the old strings 'add-k:K' and 'd2l:E1,E2,E3' still read. perplexity_by_order takes {maxN (1..8, 6),
//   smoothing, k, eps, discount}.
//   For the standalone JS classes of earlier versions, a "valFraction" key overrides the corpus's split.
// The model copies the vocabulary and the validation ids, so it outlives the facade::Corpus it came from.
// padLines (word level; wasm/facade/sentences.h): the model counts and scores the text's lines as sentences
// <s> ... </s>; the split then falls at the start of the sentence that holds the valFraction point of the
// padded sequence (the next sentence's when that is the first), texts to score and contexts are read line by line, and a sample's </s> is a line break.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/ngram_options.h"
#include "engine/text/corpus.h"
#include "engine/core/memory_budget.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/sentences.h"

namespace seqlab::facade {

class NgramModel {
 public:
  // Refuses (MemoryBudgetError) counts that would not fit beside the corpus and `held` (memory_checks.h).
  NgramModel(const Corpus& corpus, const std::string& options_json, const std::vector<MemoryItem>& held = {});
  // What the model holds, as a memory-plan item.
  MemoryItem memory_held() const;

  // {n, smoothing, k, eps, discount, padLines, perplexity, crossEntropyNats, crossEntropyBits, scored, unseen,
  //  ngramTypes, vocabSize, trainTokens, valTokens}; the perplexity fields are null when valFraction is 0,
  //  and when infinite (unseen > 0: scored events of probability 0, MLE or an id unseen in training);
  //  for stupid-backoff (scores, not probabilities) they are null and noPerplexity says why.
  Json evaluate() const;
  // Whether the smoothing gives probabilities (every one but stupid-backoff): a perplexity exists.
  bool gives_probabilities() const { return ngram_options_.rule().is_distribution(); }
  // What the ARPA export (wasm/facade/arpa.h) reads: the engine's model, its vocabulary and corpus options.
  const ngram::NgramModel& engine_model() const { return *model_; }
  const text::Vocabulary& vocabulary() const { return vocab_; }
  const text::Tokenization& corpus_options() const { return options_; }
  // [{"token", "p"}...]: the top_k (>= 1) next tokens after the preprocessed, encoded context text (its
  // last n-1 tokens; a shorter context uses the lower-order distribution).
  Json next(const std::string& context_text, int top_k) const;
  // The decoded continuation (without the prefix) of `length` tokens after `prefix`, drawn with
  // Rng(seed): the same seed gives the same text natively, in Node and on the page.
  std::string sample(const std::string& prefix, int length, double temperature, std::uint64_t seed) const;
  // Generate-group options {prefix, length, temperature, seed} (topK must be 0): {text: the preprocessed
  // prefix and the continuation decoded together (word level: one space between words), generated}.
  Json sample_json(const std::string& options_json) const;
  // evaluate() on another text (preprocessed and encoded like the corpus) instead of the validation part:
  // valTokens is that text's token count.
  Json evaluate_text(const std::string& text) const;
  // {tokens, unknown, examples}: the tokens of `text` its vocabulary lacks (wasm/facade/unknown_tokens.h).
  Json unknown_tokens(const std::string& text) const;

 private:
  Json evaluation(const std::vector<std::int32_t>& validation) const;

  text::Tokenization options_;
  text::Vocabulary vocab_;
  schema::NgramOptions ngram_options_;
  std::vector<std::int32_t> validation_;
  std::size_t train_tokens_ = 0;
  std::unique_ptr<ngram::NgramModel> model_;
  std::optional<PaddedVocabulary> padded_;  // padLines only

  std::vector<std::int32_t> context_ids(const std::string& text) const;  // padLines: the open sentence
  std::string decode(const std::vector<std::int32_t>& ids) const;

  std::vector<std::int32_t> encode(const std::string& text) const;
};

// [{"n", "perplexity", "crossEntropyNats", "crossEntropyBits", "scored", "unseen", "ngramTypes"}] for n = 1..maxN on
// the validation part, from one count of order maxN. Orders the smoothing cannot do (D2L: n > 3) throw
// unless `leave_out_beyond_smoothing`, which leaves them out (the Session's rule).
Json perplexity_by_order(const Corpus& corpus, const std::string& options_json,
                             bool leave_out_beyond_smoothing = false);

}  // namespace seqlab::facade
