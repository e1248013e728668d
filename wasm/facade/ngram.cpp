#include "wasm/facade/ngram.h"

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/text/preprocess.h"

namespace seqlab::facade {

namespace {

struct NgramOptions {
  int n = 3;
  ngram::Smoothing smoothing;
  double val_fraction = 0.1;
};

NgramOptions parse_ngram_options(const std::string& options_json, const char* order_key, int default_order) {
  io::Json j = options_json.empty() ? io::Json::object() : io::Json::parse(options_json);
  if (!j.is_object()) throw Error("n-gram options must be a JSON object");
  for (const auto& [key, value] : j.as_object())
    if (key != order_key && key != "smoothing" && key != "valFraction")
      throw Error("unknown n-gram option key '" + key + "' (allowed: " + order_key + ", smoothing, valFraction)");
  NgramOptions o;
  o.n = default_order;
  if (j.has(order_key)) {
    try {
      o.n = static_cast<int>(j.at(order_key).as_int(1, ngram::kMaxOrder));
    } catch (const Error& e) {
      throw Error(std::string(order_key) + ": " + e.what());
    }
  }
  if (j.has("smoothing")) {
    if (!j.at("smoothing").is_string()) throw Error("smoothing must be a string: laplace, add-k:K or d2l:E1,E2,E3");
    o.smoothing = ngram::Smoothing::parse(j.at("smoothing").as_string());
  }
  if (j.has("valFraction")) {
    if (!j.at("valFraction").is_number()) throw Error("valFraction must be a number in [0, 1)");
    o.val_fraction = j.at("valFraction").as_number();
  }
  return o;
}

io::Json report_json(const ngram::NgramModel& model, const std::vector<std::int32_t>& validation) {
  io::Json out = io::Json::object();
  if (validation.empty()) {
    out.set("perplexity", io::Json()).set("cross_entropy_nats", io::Json()).set("cross_entropy_bits", io::Json());
    out.set("scored", 0);
  } else {
    const auto r = model.perplexity(validation.data(), validation.size());
    out.set("perplexity", r.perplexity).set("cross_entropy_nats", r.cross_entropy_nats);
    out.set("cross_entropy_bits", r.cross_entropy_bits).set("scored", r.scored);
  }
  out.set("ngram_types", model.ngram_types());
  return out;
}

}  // namespace

NgramModel::NgramModel(const Corpus& corpus, const std::string& options_json)
    : options_(corpus.corpus().options), vocab_(corpus.corpus().vocab) {
  const NgramOptions o = parse_ngram_options(options_json, "n", 3);
  const auto& ids = corpus.corpus().ids;
  train_tokens_ = split_tokens(ids.size(), o.val_fraction).train_end;
  validation_.assign(ids.begin() + static_cast<std::ptrdiff_t>(train_tokens_), ids.end());
  model_ = std::make_unique<ngram::NgramModel>(ids.data(), train_tokens_, vocab_.size(), o.n, o.smoothing);
}

std::vector<std::int32_t> NgramModel::encode(const std::string& text) const {
  return vocab_.encode(text::preprocess(text, options_.preprocess), options_.level);
}

io::Json NgramModel::evaluate() const {
  io::Json out = io::Json::object();
  out.set("n", model_->order()).set("smoothing", model_->smoothing().to_string());
  const io::Json report = report_json(*model_, validation_);  // named: a range-for over a temporary's member dangles
  for (const auto& [key, value] : report.as_object()) out.set(key, value);
  out.set("vocab_size", vocab_.size()).set("train_tokens", train_tokens_).set("val_tokens", validation_.size());
  return out;
}

io::Json NgramModel::next(const std::string& context_text, int top_k) const {
  const auto context = encode(context_text);
  io::Json out = io::Json::array();
  for (const auto& entry : model_->next_tokens(context.data(), context.size(), top_k)) {
    io::Json item = io::Json::object();
    item.set("token", vocab_.token(entry.id)).set("p", entry.p);
    out.push(item);
  }
  return out;
}

std::string NgramModel::sample(const std::string& prefix, int length, double temperature, std::uint32_t seed) const {
  Rng rng(seed);
  const auto ids = model_->sample(encode(prefix), length, temperature, rng);
  return vocab_.decode(ids.data(), ids.size(), options_.level);
}

io::Json perplexity_by_order(const Corpus& corpus, const std::string& options_json) {
  const NgramOptions o = parse_ngram_options(options_json, "maxN", 6);
  if (o.n > o.smoothing.max_order())
    throw Error("D2L smoothing is defined for n <= 3 (epsilon_1..epsilon_3 only), got maxN = " + std::to_string(o.n));
  const auto& ids = corpus.corpus().ids;
  const std::size_t train_end = split_tokens(ids.size(), o.val_fraction).train_end;
  const std::vector<std::int32_t> validation(ids.begin() + static_cast<std::ptrdiff_t>(train_end), ids.end());
  const auto counts = std::make_shared<const ngram::NgramCounts>(ids.data(), train_end, corpus.vocab_size(), o.n);
  io::Json out = io::Json::array();
  for (int n = 1; n <= o.n; ++n) {
    io::Json row = io::Json::object();
    row.set("n", n);
    const io::Json report = report_json(ngram::NgramModel(counts, n, o.smoothing), validation);
    for (const auto& [key, value] : report.as_object()) row.set(key, value);
    out.push(row);
  }
  return out;
}

std::string perplexity_by_order_json(const Corpus& corpus, const std::string& options_json) {
  return perplexity_by_order(corpus, options_json).dump();
}

}  // namespace seqlab::facade
