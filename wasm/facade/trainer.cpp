#include "wasm/facade/trainer.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/io/checkpoint.h"
#include "engine/io/pytorch_script.h"
#include "engine/io/safetensors.h"
#include "engine/text/preprocess.h"
#include "engine/text/corpus_options.h"
#include "engine/train/generate_options.h"
#include "engine/train/generate.h"
#include "engine/train/train_options.h"
#include "engine/train/training_memory.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"
#include "wasm/facade/unknown_tokens.h"

namespace seqlab::facade {

namespace {

nn::ModelConfig model_config(const std::string& model_json, int vocab) {
  Json j = parse_options_text(model_json, "model");
  if (j.has("vocab") && j.at("vocab").as_int(0, 1LL << 31) != vocab)
    throw Error("model options: vocab must be the corpus's vocabulary size " + std::to_string(vocab) + ", got " +
                j.at("vocab").dump());
  j.set("vocab", vocab);
  return nn::ModelConfig::from_json(j);
}

Json finite_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(); }

// The train group's keys read over `base`. valFraction is the corpus group's; an earlier caller (or an
// earlier checkpoint) may give it here, which sets the split.
train::TrainOptions read_train(const Json& j, train::TrainOptions base) {
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

// The corpus's part of the train options: its split, and for a task its samples, served whole (steps
// S - 1, the random iterator; a caller who gives other values is refused by the options' check).
train::TrainOptions on_corpus(const Corpus& corpus, train::TrainOptions o = {}) {
  o.val_fraction = corpus.val_fraction();
  o.samples = corpus.sample_layout();
  if (!o.samples.empty()) {
    o.steps = o.samples.length - 1;
    o.iterator = train::IteratorKind::Random;
  }
  return o;
}

}  // namespace

Trainer::Plan Trainer::plan(const Corpus& corpus, const std::string& model_json, const std::string& train_json,
                            const std::vector<MemoryItem>& held) {
  Plan p(model_config(model_json, corpus.vocab_size()),
         read_train(parse_options_text(train_json, "train"), on_corpus(corpus)));
  std::vector<MemoryItem> all_held = held;
  all_held.push_back(corpus_held(corpus.corpus()));
  check_training_memory(p.model(), p.train(), corpus.corpus().ids.size(), all_held);
  return p;
}

Trainer::Trainer(const Corpus& corpus, const Plan& plan)
    : vocab_(corpus.corpus().vocab),
      corpus_options_(corpus.corpus().options),
      train_options_(plan.train()),
      trainer_(std::make_unique<train::Trainer>(plan.model(), plan.train(), corpus.corpus().ids)),
      corpus_hash_(corpus.hash()),
      corpus_tokens_(corpus.corpus().ids.size()) {}

Trainer::Trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json,
                 const std::vector<MemoryItem>& held)
    : Trainer(corpus, plan(corpus, model_json, train_json, held)) {}

MemoryItem Trainer::memory_held(const std::string& name) const {
  if (trainer_) {
    const std::size_t tokens = trainer_->train_token_count() + trainer_->validation_token_count();
    return {"trainer '" + name + "'", train::training_memory(model().config(), trainer_->options(), tokens).total()};
  }
  return {"model '" + name + "'", mul_bytes(2 * model().parameter_count(), sizeof(float))};
}

Trainer::Trainer(io::CheckpointData data)
    : vocab_(data.vocabulary()), corpus_options_(data.corpus) {
  train_options_.val_fraction = data.val_fraction;
  if (data.train.is_object() && data.train.has("options")) {
    try {
      train_options_ = read_train(data.train.at("options"), train_options_);  // over the file's split
    } catch (const Error& e) {
      // Informative only (a loaded model does not train), but never silent: the caller shows it.
      warnings_.push_back(std::string("the checkpoint's training options could not be read (") + e.what() +
                          "); the defaults are shown instead");
    }
  }
  loaded_train_ = data.train;
  loaded_resume_ = data.resume;
  corpus_hash_ = data.corpus_hash;
  if (data.resume) corpus_tokens_ = data.resume->corpus_tokens;
  curve_ = data.curve;
  loaded_ = std::make_unique<nn::Model<float>>(io::model_from_checkpoint(data));
}

Trainer Trainer::load(const std::vector<std::uint8_t>& bytes) {
  return Trainer(io::read_checkpoint(std::string(bytes.begin(), bytes.end())));
}

Trainer Trainer::resume(const Corpus& corpus, const std::vector<std::uint8_t>& bytes) {
  return resume(corpus, io::read_checkpoint(std::string(bytes.begin(), bytes.end())));
}

namespace {

std::string corpus_description(const std::string& hash, std::size_t vocab_size, const Json& options) {
  return "corpus hash " + (hash.empty() ? std::string("unknown (a format-1 checkpoint)") : hash) + ", " +
         std::to_string(vocab_size) + " tokens in the vocabulary, options " + options.dump();
}

}  // namespace

Trainer Trainer::resume(const Corpus& corpus, io::CheckpointData data) {
  const Json file_corpus = schema::corpus_options_json(data.corpus, data.val_fraction);
  const std::string mismatch =
      "the model was trained on another corpus (the checkpoint: " +
      corpus_description(data.corpus_hash, data.tokens.size(), file_corpus) + "; the loaded corpus: " +
      corpus_description(corpus.hash(), corpus.vocab_tokens().size(), corpus.options()) +
      "): load the text it was trained on with the checkpoint's corpus options to resume, or load the model "
      "without a corpus to generate";
  if ((!data.corpus_hash.empty() && data.corpus_hash != corpus.hash()) || data.tokens != corpus.vocab_tokens())
    throw Error(mismatch);
  if (data.val_fraction != corpus.val_fraction())
    throw Error("the model was trained with valFraction " + Json(data.val_fraction).dump() +
                ", the corpus is loaded with " + Json(corpus.val_fraction()).dump() +
                ": load it with valFraction " + Json(data.val_fraction).dump() + " to resume");
  const std::size_t tokens = corpus.corpus().ids.size();
  if (data.resume && data.resume->corpus_tokens != tokens)
    throw Error("the model was trained on the first " + std::to_string(data.resume->corpus_tokens) +
                " tokens of this text (maxTokens), the corpus has " + std::to_string(tokens) +
                ": keep the same tokens to resume");

  const bool exact = data.resume.has_value();
  Trainer t(data);  // the vocabulary, options (warnings when unreadable), curve and hash of the file
  t.train_options_.samples = corpus.sample_layout();  // not in the file: the corpus's (the hash matched)
  if (exact && !t.warnings_.empty())
    throw Error("checkpoint: " + t.warnings_.front());  // a resume needs the options it was trained with
  try {
    if (exact)
      t.trainer_ = std::make_unique<train::Trainer>(std::move(*t.loaded_), t.train_options_, corpus.corpus().ids,
                                                    data.resume->state);
    else
      t.trainer_ = std::make_unique<train::Trainer>(std::move(*t.loaded_), t.train_options_, corpus.corpus().ids);
  } catch (const Error& e) {
    const std::string what = e.what();
    throw Error(what.rfind("checkpoint:", 0) == 0 ? what : "checkpoint: " + what);
  }
  t.loaded_.reset();
  t.loaded_resume_.reset();
  t.corpus_hash_ = corpus.hash();
  t.corpus_tokens_ = tokens;
  if (!exact)
    t.warnings_.push_back(
        "this checkpoint (format " + std::to_string(data.version) +
        ") holds the weights but no optimizer state, generator state or position in the data: training "
        "continues with a fresh optimizer (zero moments), the generator restarted from the seed and a new "
        "epoch, so it is not the run that was never interrupted");
  return t;
}

void Trainer::record(const train::TrainReport& r) {
  if (r.steps == 0) return;  // nothing trained: no point
  Json point = Json::object();
  point.set("tokens", static_cast<double>(r.tokens)).set("totalSteps", static_cast<double>(r.total_steps))
      .set("epoch", r.epoch).set("loss", finite_or_null(r.loss)).set("perplexity", finite_or_null(r.perplexity))
      .set("gradNorm", finite_or_null(r.grad_norm)).set("clipFraction", r.clip_fraction);
  curve_.push(std::move(point));
}

Json Trainer::progress() const {
  Json j = Json::object();
  if (trainer_) {
    j.set("epoch", trainer_->epoch()).set("tokensSeen", static_cast<double>(trainer_->tokens_seen()))
        .set("totalSteps", static_cast<double>(trainer_->total_steps()));
  } else if (loaded_resume_) {
    const train::ResumeState& s = loaded_resume_->state;
    j.set("epoch", s.epochs_completed).set("tokensSeen", static_cast<double>(s.tokens_seen))
        .set("totalSteps", static_cast<double>(s.total_steps));
  } else {
    const bool known = loaded_train_.is_object() && loaded_train_.has("tokensSeen") &&
                       loaded_train_.at("tokensSeen").is_number();
    j.set("epoch", Json()).set("tokensSeen", known ? loaded_train_.at("tokensSeen") : Json())
        .set("totalSteps", Json());
  }
  return j;
}

const nn::Model<float>& Trainer::model() const { return trainer_ ? trainer_->model() : *loaded_; }
nn::Model<float>& Trainer::model() { return trainer_ ? trainer_->model() : *loaded_; }

Json Trainer::run(int minibatches) {
  if (!trainer_) throw Error("run: this model was loaded from a checkpoint without a corpus; it cannot train");
  const train::TrainReport report = trainer_->run(minibatches);
  record(report);
  return report.to_json();
}

Json Trainer::evaluate() {
  Json j = Json::object();
  if (!trainer_) throw Error("evaluate: this model was loaded from a checkpoint without a corpus");
  double perplexity;
  if (train_options_.samples.empty()) {
    perplexity = trainer_->evaluate();
  } else {
    const train::SampleEvaluation e = trainer_->evaluate_samples();
    perplexity = e.perplexity;
    j.set("answerAccuracy", finite_or_null(e.answer_accuracy)).set("answerLoss", finite_or_null(e.answer_loss))
        .set("samples", static_cast<unsigned long long>(e.samples));
  }
  j.set("perplexity", finite_or_null(perplexity))
      .set("tokens", static_cast<unsigned long long>(trainer_->validation_token_count()));
  if (std::isfinite(perplexity)) {
    Json point = Json::object();
    point.set("tokens", static_cast<double>(trainer_->tokens_seen())).set("epoch", trainer_->epoch())
        .set("valPerplexity", perplexity);
    if (j.has("answerAccuracy")) point.set("answerAccuracy", j.at("answerAccuracy")).set("answerLoss", j.at("answerLoss"));
    curve_.push(std::move(point));
  }
  return j;
}

void Trainer::set_options(const std::string& train_json, const std::vector<MemoryItem>& held) {
  if (!trainer_) throw Error("setOptions: this model was loaded from a checkpoint without a corpus");
  const train::TrainOptions next = read_train(parse_options_text(train_json, "train"), train_options_);
  const std::size_t tokens = trainer_->train_token_count() + trainer_->validation_token_count();
  std::vector<MemoryItem> all_held = held;
  if (next.batch != train_options_.batch || next.steps != train_options_.steps) {
    // The model keeps the workspaces of the old shapes cached until two new shapes have replaced them: the
    // first minibatch and evaluation build the new ones beside them.
    for (const MemoryItem& item : train::training_memory(model().config(), train_options_, tokens).items)
      if (item.what.rfind("training workspace", 0) == 0 || item.what.rfind("evaluation workspace", 0) == 0)
        all_held.push_back({"the cached " + item.what, item.bytes});
  }
  check_training_memory(model().config(), next, tokens, all_held);
  trainer_->set_options(next);
  train_options_ = next;
}

Json Trainer::options() const {
  Json warnings = Json::array();
  for (const auto& w : warnings_) warnings.push(w);
  Json j = Json::object();
  j.set("model", model().config().to_json()).set("train", train_options_.to_json())
      .set("corpus", schema::corpus_options_json(corpus_options_, train_options_.val_fraction))
      .set("warnings", std::move(warnings));
  return j;
}

Json Trainer::generate(const std::string& options_json) {
  const schema::GenerateConfig g = read_options(
      schema::generate_options(), parse_options_text(options_json, "generate"), schema::GenerateConfig());
  const std::string& prefix = g.prefix;
  const train::GenerateOptions options = g.engine_options();
  const std::uint64_t seed = g.seed;
  const std::vector<std::int32_t> prefix_ids =
      vocab_.encode(text::preprocess(prefix, corpus_options_.preprocess), corpus_options_.level);
  if (prefix_ids.empty()) throw Error("generate: the prefix has no token after preprocessing");
  Rng rng(seed);
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

Json Trainer::unknown_tokens(const std::string& text) const {
  return facade::unknown_tokens(vocab_, corpus_options_, text);
}

Json Trainer::diagnostics() const {
  Json norms = Json::array(), gates = Json::object();
  if (trainer_) {
    const nn::Diagnostics& d = trainer_->last_diagnostics();
    for (const auto& layer : d.hidden_grad_norms) {
      Json row = Json::array();
      for (double x : layer) row.push(finite_or_null(x));
      norms.push(std::move(row));
    }
    for (const auto& [name, mean] : d.gate_means) gates.set(name, finite_or_null(mean));
  }
  Json j = Json::object();
  j.set("hiddenGradNorms", std::move(norms)).set("gateMeans", std::move(gates));
  return j;
}

std::vector<std::uint8_t> Trainer::save() const {
  Json train = loaded_train_;
  if (trainer_) {
    train = Json::object();
    train.set("options", train_options_.to_json()).set("tokensSeen", static_cast<double>(trainer_->tokens_seen()));
  }
  io::CheckpointData data =
      io::make_checkpoint(model(), vocab_, corpus_options_, std::move(train), train_options_.val_fraction);
  data.corpus_hash = corpus_hash_;
  data.curve = curve_;
  if (trainer_) data.resume = io::CheckpointData::Resume{corpus_tokens_, trainer_->resume_state()};
  else data.resume = loaded_resume_;  // a model loaded without a corpus keeps what resumes it later
  const std::string bytes = io::write_checkpoint(data);
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

// ---- whole runs ------------------------------------------------------------------------------------------

Json Trainer::run_epoch() {
  if (!trainer_) throw Error("run: this model was loaded from a checkpoint without a corpus; it cannot train");
  // The most minibatches run() takes; the run stops at the epoch's end before that unless an epoch has more
  // than 1e6 minibatches (e.g. B = T = 1 on a corpus of over 1e6 tokens), which then reports a partial epoch.
  const train::TrainReport report = trainer_->run(1000000, /*stop_at_epoch_end=*/true);
  record(report);
  return report.to_json();
}

Json Trainer::token_counts() const {
  if (!trainer_) throw Error("tokenCounts: this model was loaded from a checkpoint without a corpus");
  Json j = Json::object();
  j.set("trainTokens", static_cast<unsigned long long>(trainer_->train_token_count()))
      .set("valTokens", static_cast<unsigned long long>(trainer_->validation_token_count()))
      .set("tokensSeen", static_cast<double>(trainer_->tokens_seen()));
  return j;
}

Json Trainer::evaluate_text(const std::string& text, std::size_t max_tokens, int steps) {
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

Trainer::Export Trainer::export_safetensors() const {
  const nn::Model<float>& m = model();
  const auto tensors = io::pytorch_tensors(
      m.config(), std::vector<float>(m.parameters(), m.parameters() + m.parameter_count()));
  Json tokens = Json::array();
  for (const auto& t : vocab_.tokens()) tokens.push(t);
  const Json corpus = schema::corpus_options_json(corpus_options_, train_options_.val_fraction);
  Json metadata = Json::object();
  metadata.set("format", "pt").set("seqlab_model", model().config().to_json().dump())
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

std::string Trainer::pytorch_script(const std::string& weights_file) const {
  return io::pytorch_script(model().config(), weights_file);
}

std::string Trainer::file_stem() const {
  const nn::ModelConfig& c = model().config();
  std::string stem = std::string("seqlab-") + nn::to_string(c.cell);
  if (c.cell == nn::CellType::Gru && c.gru_variant == nn::GruVariant::ResetAfter) stem += "-reset_after";
  if (c.cell == nn::CellType::Rnn && c.activation != nn::Activation::Tanh) stem += std::string("-") + nn::to_string(c.activation);
  stem += "-h" + std::to_string(c.hidden);
  if (c.layers > 1) stem += "-l" + std::to_string(c.layers);
  if (c.embedding > 0) stem += "-e" + std::to_string(c.embedding);
  return stem + "-" + text::level_name(corpus_options_.level);
}

}  // namespace seqlab::facade
