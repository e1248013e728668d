#pragma once
// The text facade: a corpus built once from a text and options, then asked for its statistics, ids,
// encodings and decodings. The n-gram and trainer facades take a facade::Corpus& and read corpus() and
// val_fraction() (the split they share).
//
// Options (JSON text, an empty text = {}): the "corpus" and "stats" groups of the schema
// (engine/text/corpus_options.h, stats_options.h): unknown keys, wrong types and values out of range are
// errors naming the key and the allowed range.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/text/corpus_options.h"
#include "engine/text/corpus.h"
#include "engine/stats/corpus_stats.h"
#include "engine/text/memory_task.h"
#include "engine/train/data_iterator.h"

namespace seqlab::facade {

class Corpus {
 public:
  Corpus(const std::string& text, const std::string& options_json);

  int token_count() const { return static_cast<int>(corpus_.ids.size()); }
  int vocab_size() const { return corpus_.vocab.size(); }
  double val_fraction() const { return val_fraction_; }
  // The text's fingerprint with the options that change its tokens (engine/io/corpus_hash.h): what a
  // checkpoint records and checks before a trainer resumes on this corpus. keep_first does not change it.
  const std::string& hash() const { return hash_; }
  // The statistics (engine/stats/corpus_stats.h) with camelCase keys and the rank-frequency arrays:
  // {level, preprocess, minFreq, tokens, vocabSize, top, bigrams, trigrams, distinct, zipf, vocabByMinFreq,
  //  rankFrequency}.
  Json stats(const std::string& options_json) const;
  // {level, preprocess, minFreq, valFraction, reserved}: the options in effect.
  Json options() const { return schema::corpus_options_json(corpus_.options, val_fraction_); }
  std::vector<std::int32_t> ids() const { return corpus_.ids; }
  // Preprocesses `text` like the corpus, then maps its tokens to ids (unknown -> 0).
  std::vector<std::int32_t> encode(const std::string& text) const { return corpus_.encode(text); }
  // {tokens, unknown, examples}: the tokens of `text` the vocabulary lacks (wasm/facade/unknown_tokens.h).
  Json unknown_tokens(const std::string& text) const;
  // Throws seqlab::Error on an id outside the vocabulary.
  std::string decode(const std::vector<std::int32_t>& ids) const { return corpus_.decode(ids.data(), ids.size()); }
  const std::vector<std::string>& vocab_tokens() const { return corpus_.vocab.tokens(); }
  Json vocab_tokens_json() const;

  const text::Corpus& corpus() const { return corpus_; }
  // Word level: the tokens of each line of the text (engine/text/lines.h), which the n-gram option padLines
  // reads as sentences; empty at character level.
  const std::vector<std::uint32_t>& line_token_counts() const { return line_token_counts_; }

  // ---- a memory task (engine/text/memory_task.h) as a corpus ----
  // The corpus options of a task's text: word tokens, no preprocessing, valFraction = its share of samples.
  static Json task_corpus_options(const text::MemoryTask& task);
  // Marks this corpus (built from task.text with task_corpus_options) as that task; the text is dropped.
  void set_task(text::MemoryTask task);
  // The task of the "task" group's options, generated and built as a corpus (the CLI's --task).
  static Corpus from_task(const std::string& task_json);
  bool is_task() const { return task_.has_value(); }
  // Its samples for the trainers (length 0 for a text).
  train::SampleLayout sample_layout() const;
  // {task, lag, options, sampleLength, trainSamples, valSamples, answerSteps, evidenceSteps: [first, last],
  //  answerChoices, chanceLoss, chanceAccuracy, examples: [the first 3 training samples as text]}; null for a text.
  Json task_report() const;

  // Keeps the first `max_tokens` tokens (0 = all) and the whole text's vocabulary: D2L's corpus[:max_tokens],
  // which the CLI's --max-tokens and the reproduction runs use. Build trainers and n-grams after this.
  void keep_first(std::size_t max_tokens) {
    if (max_tokens > 0 && max_tokens < corpus_.ids.size()) corpus_.ids.resize(max_tokens);
  }

 private:
  Corpus(const std::string& text, const schema::CorpusOptions& config);

  text::Corpus corpus_;
  double val_fraction_;
  std::vector<std::uint32_t> line_token_counts_;
  std::string hash_;
  std::optional<text::MemoryTask> task_;  // its text cleared
};

}  // namespace seqlab::facade
