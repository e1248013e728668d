#include "wasm/facade/trainer.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/io/checkpoint.h"
#include "engine/text/corpus_options.h"
#include "engine/train/train_options.h"
#include "engine/train/training_memory.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"

namespace seqlab::facade {

namespace {

nn::ModelOptions model_config(const std::string& model_json, int vocab) {
  Json j = parse_options_text(model_json, "model");
  if (j.has("vocab") && j.at("vocab").as_int(0, 1LL << 31) != vocab)
    throw Error("model options: vocab must be the corpus's vocabulary size " + std::to_string(vocab) + ", got " +
                j.at("vocab").dump());
  j.set("vocab", vocab);
  return nn::ModelOptions::from_json(j);
}

Json finite_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(); }

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
         read_train_options(parse_options_text(train_json, "train"), on_corpus(corpus)));
  std::vector<MemoryItem> all_held = held;
  all_held.push_back(corpus_held(corpus.corpus()));
  check_training_memory(p.model(), p.train(), corpus.corpus().ids.size(), all_held);
  return p;
}

Trainer::Trainer(const Corpus& corpus, const Plan& plan)
    : LanguageModel(corpus.corpus().vocab, corpus.corpus().options, plan.train(), corpus.hash()),
      trainer_(std::make_unique<train::Trainer>(plan.model(), plan.train(), corpus.corpus().ids)),
      corpus_tokens_(corpus.corpus().ids.size()) {
  set_model(trainer_->model());
}

Trainer::Trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json,
                 const std::vector<MemoryItem>& held)
    : Trainer(corpus, plan(corpus, model_json, train_json, held)) {}

MemoryItem Trainer::memory_held(const std::string& name) const {
  const std::size_t tokens = trainer_->train_token_count() + trainer_->validation_token_count();
  return {"trainer '" + name + "'", train::training_memory(model().config(), trainer_->options(), tokens).total()};
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

  Trainer t(data, corpus);
  if (!data.resume)
    t.warnings_.push_back(
        "this checkpoint (format " + std::to_string(data.version) +
        ") holds the weights but no optimizer state, generator state or position in the data: training "
        "continues with a fresh optimizer (zero moments), the generator restarted from the seed and a new "
        "epoch, so it is not the run that was never interrupted");
  return t;
}

Trainer::Trainer(const io::CheckpointData& data, const Corpus& corpus)
    : LanguageModel(data),  // the vocabulary, options (warnings when unreadable), curve and hash of the file
      corpus_tokens_(corpus.corpus().ids.size()) {
  const bool exact = data.resume.has_value();
  train_options_.samples = corpus.sample_layout();  // not in the file: the corpus's (the hash matched)
  if (exact && !warnings_.empty())
    throw Error("checkpoint: " + warnings_.front());  // a resume needs the options it was trained with
  nn::Model<float> weights = io::model_from_checkpoint(data);
  try {
    if (exact)
      trainer_ = std::make_unique<train::Trainer>(std::move(weights), train_options_, corpus.corpus().ids,
                                                  data.resume->state);
    else
      trainer_ = std::make_unique<train::Trainer>(std::move(weights), train_options_, corpus.corpus().ids);
  } catch (const Error& e) {
    const std::string what = e.what();
    throw Error(what.rfind("checkpoint:", 0) == 0 ? what : "checkpoint: " + what);
  }
  set_model(trainer_->model());
  corpus_hash_ = corpus.hash();  // a format-1 file has none; the corpus is the one trained on
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
  j.set("epoch", trainer_->epoch()).set("tokensSeen", static_cast<double>(trainer_->tokens_seen()))
      .set("totalSteps", static_cast<double>(trainer_->total_steps()));
  return j;
}

Json Trainer::run(int minibatches, bool stop_at_epoch_end) {
  const train::TrainReport report = trainer_->run(minibatches, stop_at_epoch_end);
  record(report);
  return report.to_json();
}

Json Trainer::evaluate() {
  Json j = Json::object();
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
  const train::TrainOptions next = read_train_options(parse_options_text(train_json, "train"), train_options_);
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

Json Trainer::diagnostics() const {
  Json norms = Json::array(), gates = Json::object();
  const nn::Diagnostics& d = trainer_->last_diagnostics();
  for (const auto& layer : d.hidden_grad_norms) {
    Json row = Json::array();
    for (double x : layer) row.push(finite_or_null(x));
    norms.push(std::move(row));
  }
  for (const auto& [name, mean] : d.gate_means) gates.set(name, finite_or_null(mean));
  Json j = Json::object();
  j.set("hiddenGradNorms", std::move(norms)).set("gateMeans", std::move(gates));
  return j;
}

std::vector<std::uint8_t> Trainer::save() const {
  Json train = Json::object();
  train.set("options", train_options_.to_json()).set("tokensSeen", static_cast<double>(trainer_->tokens_seen()));
  return checkpoint(std::move(train), io::CheckpointData::Resume{corpus_tokens_, trainer_->resume_state()});
}

// ---- whole runs ------------------------------------------------------------------------------------------

Json Trainer::run_epoch() {
  // The most minibatches run() takes; the run stops at the epoch's end before that unless an epoch has more
  // than 1e6 minibatches (e.g. B = T = 1 on a corpus of over 1e6 tokens), which then reports a partial epoch.
  const train::TrainReport report = trainer_->run(1000000, /*stop_at_epoch_end=*/true);
  record(report);
  return report.to_json();
}

Json Trainer::token_counts() const {
  Json j = Json::object();
  j.set("trainTokens", static_cast<unsigned long long>(trainer_->train_token_count()))
      .set("valTokens", static_cast<unsigned long long>(trainer_->validation_token_count()))
      .set("tokensSeen", static_cast<double>(trainer_->tokens_seen()));
  return j;
}

}  // namespace seqlab::facade
