#include "wasm/facade/ngram.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/ngram/perplexity_options.h"
#include "engine/train/generate_options.h"
#include "engine/text/preprocess.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"
#include "wasm/facade/unknown_tokens.h"

namespace seqlab::facade {

namespace {

// The corpus's split, or the "valFraction" an earlier caller gave with the n-gram options (removed from j).
double take_val_fraction(Json& j, const Corpus& corpus) {
  if (!j.has("valFraction")) return corpus.val_fraction();
  const double v = check_option_value(val_fraction_spec(), j.at("valFraction"), "ngram").as_number();
  Json rest = Json::object();
  for (const auto& [key, value] : j.as_object())
    if (key != "valFraction") rest.set(key, value);
  j = rest;
  return v;
}

Json report_json(const ngram::NgramModel& model, const std::vector<std::int32_t>& validation) {
  Json out = Json::object();
  if (!model.smoothing().is_distribution()) {
    // Scores, not probabilities (stupid-backoff): the engine refuses a perplexity; the model is still
    // described (and serves next tokens and samples), with the reason in place of the numbers.
    out.set("perplexity", Json()).set("crossEntropyNats", Json()).set("crossEntropyBits", Json());
    out.set("scored", 0).set("unseen", 0);
    out.set("noPerplexity", model.smoothing().to_string() +
                                " gives scores, not probabilities (they do not sum to 1): no perplexity");
  } else if (validation.empty()) {
    out.set("perplexity", Json()).set("crossEntropyNats", Json()).set("crossEntropyBits", Json());
    out.set("scored", 0).set("unseen", 0);
  } else {
    const auto r = model.perplexity(validation.data(), validation.size());
    // Infinite (an event of probability 0: MLE, an id unseen in training) has no JSON number: null.
    const auto number = [](double x) { return std::isfinite(x) ? Json(x) : Json(); };
    out.set("perplexity", number(r.perplexity)).set("crossEntropyNats", number(r.cross_entropy_nats));
    out.set("crossEntropyBits", number(r.cross_entropy_bits)).set("scored", r.scored).set("unseen", r.unseen);
  }
  out.set("ngramTypes", model.ngram_types());
  return out;
}

// The split of a (padded) sequence. Padded, no sentence is cut: the held-out part starts at the start of the
// sentence the split point falls in (so it holds at least valFraction of the tokens), or, when that is the
// first sentence, at the next one.
std::size_t train_end_of(const std::vector<std::int32_t>& ids, double val_fraction, ngram::SentenceMarks marks) {
  const std::size_t split = split_tokens(ids.size(), val_fraction).train_end;
  if (!marks.on() || split == ids.size()) return split;
  std::size_t end = split;
  while (end > 0 && ids[end] != marks.start) --end;
  if (end > 0) return end;
  for (end = split; end < ids.size() && ids[end] != marks.start;) ++end;
  return end;
}

void check_order(const schema::NgramOptions& o, const char* key) {
  if (o.n > o.max_order())
    throw Error(std::string("ngram options: D2L smoothing is defined for n <= 3 (epsilon_1..epsilon_3 only), got ") +
                key + " = " + std::to_string(o.n));
}

}  // namespace

NgramModel::NgramModel(const Corpus& corpus, const std::string& options_json, const std::vector<MemoryItem>& held)
    : options_(corpus.corpus().options), vocab_(corpus.corpus().vocab) {
  Json j = parse_options_text(options_json, "ngram");
  const double val_fraction = take_val_fraction(j, corpus);
  ngram_options_ = read_options(schema::ngram_options(), j, schema::NgramOptions());
  check_order(ngram_options_, "n");
  std::vector<std::int32_t> padded_ids;
  ngram::SentenceMarks marks;
  if (ngram_options_.pad_lines) {
    padded_ = padded_vocabulary(corpus.corpus());
    vocab_ = padded_->vocab;
    marks = padded_->marks;
    padded_ids = pad_lines(corpus.corpus().ids, corpus.line_token_counts(), marks);
  }
  const auto& ids = padded_ ? padded_ids : corpus.corpus().ids;
  train_tokens_ = train_end_of(ids, val_fraction, marks);
  std::vector<MemoryItem> all_held = held;
  all_held.push_back(corpus_held(corpus.corpus()));
  check_ngram_memory(vocab_.size(), train_tokens_, ngram_options_.n, "n", all_held, ngram_options_.rule());
  validation_.assign(ids.begin() + static_cast<std::ptrdiff_t>(train_tokens_), ids.end());
  model_ = std::make_unique<ngram::NgramModel>(ids.data(), train_tokens_, vocab_.size(), ngram_options_.n,
                                               ngram_options_.rule(), marks);
}

std::vector<std::int32_t> NgramModel::context_ids(const std::string& text) const {
  return padded_ ? open_sentence(text, *padded_, options_) : encode(text);
}

std::string NgramModel::decode(const std::vector<std::int32_t>& ids) const {
  return padded_ ? decode_lines(ids, *padded_) : vocab_.decode(ids.data(), ids.size(), options_.level);
}

std::vector<std::int32_t> NgramModel::encode(const std::string& text) const {
  if (padded_) return encode_lines(text, *padded_, options_);
  return vocab_.encode(text::preprocess(text, options_.preprocess), options_.level);
}

Json NgramModel::unknown_tokens(const std::string& text) const {
  return facade::unknown_tokens(vocab_, options_, text);
}

Json NgramModel::evaluate() const { return evaluation(validation_); }
Json NgramModel::evaluate_text(const std::string& text) const { return evaluation(encode(text)); }

Json NgramModel::evaluation(const std::vector<std::int32_t>& validation) const {
  Json out = write_options(schema::ngram_options(), ngram_options_);
  const Json report = report_json(*model_, validation);  // named: a range-for over a temporary's member dangles
  for (const auto& [key, value] : report.as_object()) out.set(key, value);
  out.set("vocabSize", vocab_.size()).set("trainTokens", train_tokens_).set("valTokens", validation.size());
  return out;
}

Json NgramModel::next(const std::string& context_text, int top_k) const {
  const auto context = context_ids(context_text);
  Json out = Json::array();
  for (const auto& entry : model_->next_tokens(context.data(), context.size(), top_k)) {
    Json item = Json::object();
    item.set("token", vocab_.token(entry.id)).set("p", entry.p);
    out.push(item);
  }
  return out;
}

std::string NgramModel::sample(const std::string& prefix, int length, double temperature, std::uint64_t seed) const {
  Rng rng(seed);
  const auto ids = model_->sample(context_ids(prefix), length, temperature, rng);
  return decode(ids);
}

Json NgramModel::sample_json(const std::string& options_json) const {
  const schema::GenerateOptions g =
      read_options(schema::generate_options(), parse_options_text(options_json, "generate"), schema::GenerateOptions());
  if (g.top_k != 0) throw Error("ngram sample: topK = " + std::to_string(g.top_k) + " is not supported (only 0)");
  const std::vector<std::int32_t> prefix = context_ids(g.prefix);
  Rng rng(g.seed);
  const std::vector<std::int32_t> generated = model_->sample(prefix, g.length, g.temperature, rng);
  std::vector<std::int32_t> all = prefix;
  all.insert(all.end(), generated.begin(), generated.end());
  Json out = Json::object();
  // Decoding the whole sequence at once puts the word-level spaces where they belong (between the prefix
  // and the continuation too); the page never joins tokens itself.
  out.set("text", decode(all)).set("generated", decode(generated));
  return out;
}

MemoryItem NgramModel::memory_held() const {
  return {"the n-gram model", model_->counts().memory_bytes() + model_->type_count_bytes() +
                                  validation_.capacity() * sizeof(std::int32_t)};
}

Json perplexity_by_order(const Corpus& corpus, const std::string& options_json, bool leave_out_beyond_smoothing) {
  Json j = parse_options_text(options_json, "ngram");
  const double val_fraction = take_val_fraction(j, corpus);
  // The perplexity group: maxN (the ngram group's n under this call's name) and the smoothing keys.
  if (j.has("n")) throw Error("ngram options: give maxN (the largest order), not n, for the perplexities by order");
  schema::NgramOptions o = read_options(schema::perplexity_options(), j, schema::perplexity_options().defaults).ngram;
  if (leave_out_beyond_smoothing) o.n = std::min(o.n, o.max_order());
  check_order(o, "maxN");
  std::vector<std::int32_t> padded_ids;
  ngram::SentenceMarks marks;
  int vocab_size = corpus.vocab_size();
  if (o.pad_lines) {
    const PaddedVocabulary padded = padded_vocabulary(corpus.corpus());
    marks = padded.marks;
    vocab_size = padded.vocab.size();
    padded_ids = pad_lines(corpus.corpus().ids, corpus.line_token_counts(), marks);
  }
  const auto& ids = o.pad_lines ? padded_ids : corpus.corpus().ids;
  const std::size_t train_end = train_end_of(ids, val_fraction, marks);
  check_ngram_memory(vocab_size, train_end, o.n, "maxN", {corpus_held(corpus.corpus())}, o.rule());
  const std::vector<std::int32_t> validation(ids.begin() + static_cast<std::ptrdiff_t>(train_end), ids.end());
  const auto counts = std::make_shared<const ngram::NgramCounts>(ids.data(), train_end, vocab_size, o.n, marks);
  const ngram::Smoothing rule = o.rule();
  Json out = Json::array();
  for (int n = 1; n <= o.n; ++n) {
    Json row = Json::object();
    row.set("n", n);
    const Json report = report_json(ngram::NgramModel(counts, n, rule), validation);
    for (const auto& [key, value] : report.as_object()) row.set(key, value);
    out.push(row);
  }
  return out;
}

}  // namespace seqlab::facade
