#include "wasm/facade/corpus.h"

#include "engine/core/error.h"
#include "engine/io/corpus_hash.h"
#include "engine/text/lines.h"
#include "engine/text/preprocess.h"
#include "engine/stats/stats_options.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"
#include "wasm/facade/unknown_tokens.h"

namespace seqlab::facade {

Json Corpus::unknown_tokens(const std::string& text) const {
  return facade::unknown_tokens(corpus_.vocab, corpus_.options, text);
}

Corpus::Corpus(const std::string& text, const std::string& options_json)
    : Corpus(text, schema::read_corpus_options(parse_options_text(options_json, "corpus"))) {}

namespace {

// The memory check before tokenizing (memory_checks.h), in the member-initializer list.
const text::Tokenization& checked(const std::string& text, const text::Tokenization& options) {
  check_corpus_memory(text.size(), options.level);
  return options;
}

}  // namespace

Corpus::Corpus(const std::string& text, const schema::CorpusOptions& config)
    : corpus_(text::build_corpus(text, checked(text, config.text))),
      val_fraction_(config.val_fraction),
      hash_(io::corpus_hash(text, corpus_.options)) {
  if (corpus_.options.level == text::Level::Word)
    line_token_counts_ = text::line_token_counts(text, corpus_.options.preprocess, corpus_.options.level);
}

Json Corpus::stats(const std::string& options_json) const {
  const stats::StatsOptions options =
      read_options(schema::stats_options(), parse_options_text(options_json, "stats"), stats::StatsOptions());
  // The engine's JSON is snake_case (the CLI prints it); the JS boundary is camelCase: one converter.
  // The statistics count the raw tokens: the vocabulary and the tokens below min_freq.
  check_ngram_memory(corpus_.vocab.size() + static_cast<int>(corpus_.rare_tokens.size()), corpus_.ids.size(),
                     options.max_n, "maxN", {corpus_held(corpus_)});
  return camel_case_keys(stats::to_json(stats::compute_stats(corpus_, options), true));
}

Json Corpus::task_corpus_options(const text::MemoryTask& task) {
  Json j = Json::object();
  j.set("level", text::level_name(text::Level::Word)).set("preprocess", text::preprocess_name(text::Preprocess::None))
      .set("valFraction", task.val_fraction());
  return j;
}

void Corpus::set_task(text::MemoryTask task) {
  const std::size_t S = static_cast<std::size_t>(task.sample_length);
  const std::size_t samples = static_cast<std::size_t>(task.options.samples) + task.options.val_samples;
  if (corpus_.ids.size() != samples * S)
    throw Error("task corpus: " + std::to_string(corpus_.ids.size()) + " tokens, expected " +
                std::to_string(samples) + " samples of " + std::to_string(S));
  task.text.clear();
  task.text.shrink_to_fit();
  task_ = std::move(task);
}

Corpus Corpus::from_task(const std::string& task_json) {
  text::MemoryTask task = text::make_memory_task(
      read_options(text::task_options(), parse_options_text(task_json, "task"), text::TaskOptions()));
  Corpus corpus(task.text, task_corpus_options(task).dump());
  corpus.set_task(std::move(task));
  return corpus;
}

train::SampleLayout Corpus::sample_layout() const {
  train::SampleLayout layout;
  if (task_) {
    layout.length = task_->sample_length;
    layout.answer_steps = task_->answer_steps;
  }
  return layout;
}

Json Corpus::task_report() const {
  if (!task_) return Json();
  const text::MemoryTask& t = *task_;
  Json answers = Json::array(), evidence = Json::array(), examples = Json::array();
  for (int step : t.answer_steps) answers.push(step);
  evidence.push(t.evidence_first).push(t.evidence_last);
  const std::size_t S = static_cast<std::size_t>(t.sample_length);
  for (std::size_t i = 0; i < 3 && i < static_cast<std::size_t>(t.options.samples); ++i)
    examples.push(corpus_.decode(corpus_.ids.data() + i * S, S));
  Json j = Json::object();
  j.set("task", text::task_name(t.options.task)).set("lag", t.options.lag)
      .set("options", write_options(text::task_options(), t.options)).set("sampleLength", t.sample_length)
      .set("trainSamples", t.options.samples).set("valSamples", t.options.val_samples)
      .set("answerSteps", std::move(answers)).set("evidenceSteps", std::move(evidence))
      .set("answerChoices", t.answer_choices).set("chanceLoss", t.chance_loss())
      .set("chanceAccuracy", 1.0 / t.answer_choices).set("examples", std::move(examples));
  return j;
}

Json Corpus::vocab_tokens_json() const {
  Json list = Json::array();
  for (const auto& t : corpus_.vocab.tokens()) list.push(t);
  return list;
}

}  // namespace seqlab::facade
