#include "wasm/facade/language_model.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/io/pytorch_script.h"
#include "engine/io/safetensors.h"
#include "engine/text/corpus_options.h"
#include "engine/text/preprocess.h"
#include "engine/train/generate.h"
#include "engine/train/generate_options.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/unknown_tokens.h"

namespace seqlab::facade {

train::TrainOptions read_train_options(const Json& j, train::TrainOptions base) {
  Json rest = Json::object();
  if (!j.is_object()) return train::TrainOptions::from_json(j, base);  // throws: not an object
  for (const auto& [key, value] : j.as_object()) {
    if (key == "valFraction")
      base.val_fraction = check_option_value(val_fraction_spec(), value, "train").as_number();
    else
      rest.set(key, value);
  }
  return train::TrainOptions::from_json(rest, base);
}

LanguageModel::LanguageModel(text::Vocabulary vocab, text::Tokenization corpus_options,
                             train::TrainOptions train_options, std::string corpus_hash)
    : vocab_(std::move(vocab)),
      corpus_options_(std::move(corpus_options)),
      train_options_(std::move(train_options)),
      corpus_hash_(std::move(corpus_hash)) {}

LanguageModel::LanguageModel(const io::CheckpointData& data)
    : vocab_(data.vocabulary()), corpus_options_(data.corpus), corpus_hash_(data.corpus_hash), curve_(data.curve) {
  train_options_.val_fraction = data.val_fraction;
  if (data.train.is_object() && data.train.has("options")) {
    try {
      train_options_ = read_train_options(data.train.at("options"), train_options_);  // over the file's split
    } catch (const Error& e) {
      // Informative for a loaded model (it does not train), refused by a resume; never silent: the caller
      // shows it.
      warnings_.push_back(std::string("the checkpoint's training options could not be read (") + e.what() +
                          "); the defaults are shown instead");
    }
  }
}

std::vector<std::uint8_t> LanguageModel::checkpoint(Json train,
                                                    std::optional<io::CheckpointData::Resume> resume) const {
  io::CheckpointData data =
      io::make_checkpoint(model(), vocab_, corpus_options_, std::move(train), train_options_.val_fraction);
  data.corpus_hash = corpus_hash_;
  data.curve = curve_;
  data.resume = std::move(resume);
  const std::string bytes = io::write_checkpoint(data);
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

Json LanguageModel::options() const {
  Json warnings = Json::array();
  for (const auto& w : warnings_) warnings.push(w);
  Json j = Json::object();
  j.set("model", model().config().to_json()).set("train", train_options_.to_json())
      .set("corpus", schema::corpus_options_json(corpus_options_, train_options_.val_fraction))
      .set("warnings", std::move(warnings));
  return j;
}

Json LanguageModel::generate(const std::string& options_json) {
  const schema::GenerateOptions g = read_options(
      schema::generate_options(), parse_options_text(options_json, "generate"), schema::GenerateOptions());
  const train::Decoding options = g.decoding();
  const std::vector<std::int32_t> prefix_ids =
      vocab_.encode(text::preprocess(g.prefix, corpus_options_.preprocess), corpus_options_.level);
  if (prefix_ids.empty()) throw Error("generate: the prefix has no token after preprocessing");
  Rng rng(g.seed);
  const auto steps = train::generate(model(), prefix_ids, options, rng);

  std::vector<std::int32_t> all = prefix_ids, generated;
  Json out_steps = Json::array();
  for (const auto& step : steps) {
    generated.push_back(step.token);
    Json top = Json::array();
    for (const auto& [id, p] : step.top) {
      Json entry = Json::object();
      entry.set("token", vocab_.token(id)).set("id", id).set("p", p);
      top.push(std::move(entry));
    }
    Json s = Json::object();
    s.set("token", vocab_.token(step.token)).set("id", step.token).set("top", std::move(top));
    out_steps.push(std::move(s));
  }
  all.insert(all.end(), generated.begin(), generated.end());
  Json out = Json::object();
  out.set("text", vocab_.decode(all, corpus_options_.level))
      .set("generated", vocab_.decode(generated, corpus_options_.level))
      .set("prefixTokens", static_cast<unsigned long long>(prefix_ids.size()))
      .set("steps", std::move(out_steps));
  return out;
}

Json LanguageModel::unknown_tokens(const std::string& text) const {
  return facade::unknown_tokens(vocab_, corpus_options_, text);
}

Json LanguageModel::evaluate_text(const std::string& text, std::size_t max_tokens, int steps) {
  if (steps < 1) throw Error("evaluateText: steps = " + std::to_string(steps) + " is outside [1, inf)");
  std::vector<std::int32_t> ids =
      vocab_.encode(text::preprocess(text, corpus_options_.preprocess), corpus_options_.level);
  if (max_tokens > 0 && max_tokens < ids.size()) ids.resize(max_tokens);
  if (ids.size() < 2) throw Error("evaluateText: the text needs at least 2 tokens, got " + std::to_string(ids.size()));
  nn::Model<float>& m = model();
  nn::State<float> state = m.zero_state(1);
  double sum = 0;
  const std::size_t n = ids.size() - 1, T = static_cast<std::size_t>(steps);
  for (std::size_t at = 0; at < n; at += T) {
    const int len = static_cast<int>(std::min(T, n - at));
    sum += m.loss_sum(ids.data() + at, ids.data() + at + 1, 1, len, state);
  }
  Json out = Json::object();
  out.set("tokens", static_cast<unsigned long long>(n)).set("loss", sum / n).set("perplexity", std::exp(sum / n));
  return out;
}

LanguageModel::Export LanguageModel::export_safetensors() const {
  const nn::Model<float>& m = model();
  const auto tensors = io::pytorch_tensors(
      m.config(), std::vector<float>(m.parameters(), m.parameters() + m.parameter_count()));
  Json tokens = Json::array();
  for (const auto& t : vocab_.tokens()) tokens.push(t);
  const Json corpus = schema::corpus_options_json(corpus_options_, train_options_.val_fraction);
  Json metadata = Json::object();
  metadata.set("format", "pt").set("seqlab_model", m.config().to_json().dump())
      .set("seqlab_vocabulary", tokens.dump()).set("seqlab_corpus", corpus.dump())
      .set("seqlab_train", train_options_.to_json().dump());  // the script's defaults to continue training
  const std::string bytes = io::write_safetensors(tensors, metadata);
  Export out{std::vector<std::uint8_t>(bytes.begin(), bytes.end()), Json::array()};
  for (const auto& t : tensors) {
    Json shape = Json::array();
    for (int d : t.shape) shape.push(d);
    Json entry = Json::object();
    entry.set("name", t.name).set("shape", std::move(shape));
    out.tensors.push(std::move(entry));
  }
  return out;
}

std::string LanguageModel::pytorch_script(const std::string& weights_file) const {
  return io::pytorch_script(model().config(), weights_file);
}

std::string LanguageModel::file_stem() const {
  const nn::ModelOptions& c = model().config();
  std::string stem = std::string("seqlab-") + nn::to_string(c.cell);
  if (c.cell == nn::CellType::Gru && c.gru_variant == nn::GruVariant::ResetAfter) stem += "-reset_after";
  if (c.cell == nn::CellType::Rnn && c.activation != nn::Activation::Tanh) stem += std::string("-") + nn::to_string(c.activation);
  stem += "-h" + std::to_string(c.hidden);
  if (c.layers > 1) stem += "-l" + std::to_string(c.layers);
  if (c.embedding > 0) stem += "-e" + std::to_string(c.embedding);
  return stem + "-" + text::level_name(corpus_options_.level);
}

}  // namespace seqlab::facade
