#include "wasm/facade/session.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/core/error.h"
#include "engine/train/run_options.h"
#include "engine/train/train_options.h"
#include "engine/core/split.h"
#include "engine/io/checkpoint.h"
#include "engine/ngram/ngram_options.h"
#include "engine/text/corpus_options.h"
#include "engine/text/memory_task.h"
#include "wasm/facade/arpa.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"

namespace seqlab::facade {

namespace {

std::size_t code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;  // every byte but continuation bytes starts one
  return n;
}

}  // namespace

const Corpus& Session::corpus() const {
  if (!corpus_) throw Error("session: no corpus loaded (call loadCorpus first)");
  return *corpus_;
}

template <class F>
decltype(auto) Session::visit(const std::string& name, F&& f) const {
  if (const auto it = trainers_.find(name); it != trainers_.end()) return f(*it->second);
  if (const auto it = loaded_.find(name); it != loaded_.end()) return f(*it->second);
  const Json known = trainer_names();
  std::string names;
  for (const Json& n : known.as_array()) names += (names.empty() ? "'" : ", '") + n.as_string() + "'";
  throw Error("session: no trainer named '" + name + "' (trainers: " + (names.empty() ? "none" : names) + ")");
}

LanguageModel& Session::model(const std::string& name) const {
  return visit(name, [](LanguageModel& m) -> LanguageModel& { return m; });
}

Trainer& Session::trainer(const std::string& name) const {
  if (const auto it = trainers_.find(name); it != trainers_.end()) return *it->second;
  if (loaded_.count(name))
    throw Error("session: '" + name + "' was loaded from a checkpoint without a corpus; it generates but cannot "
                "train (load the corpus it was trained on, then the checkpoint, to continue its run)");
  model(name);  // throws: an unknown name
  throw Error("session: no trainer named '" + name + "'");
}

std::vector<MemoryItem> Session::models_held(const std::string& except) const {
  std::vector<MemoryItem> held;
  for (const auto& [name, t] : trainers_)
    if (name != except) held.push_back(t->memory_held(name));
  for (const auto& [name, m] : loaded_)
    if (name != except) held.push_back(m->memory_held(name));
  return held;
}

void Session::forget(const std::string& name) {
  runs_.erase(name);  // before the trainer it reads
  trainers_.erase(name);
  loaded_.erase(name);
}

Json Session::load_corpus(const std::string& text, const std::string& corpus_options_json,
                          std::uint64_t max_tokens) {
  // The new corpus is built (and its split checked) beside the old one when the memory plan lets both
  // live at once, so that a text the engine refuses loses nothing. Otherwise everything built on the old
  // corpus goes first, as it must once the new one is in: its ids, vocabulary and split no longer exist.
  const auto level = schema::read_corpus_options(parse_options_text(corpus_options_json, "corpus")).text.level;
  MemoryPlan beside;
  beside.items = {{"the text", text.size()}, {"tokenizing it", text::corpus_build_bytes(text.size(), level)}};
  if (corpus_) beside.held.push_back(corpus_held(corpus_->corpus()));
  if (ngram_) beside.held.push_back(ngram_->memory_held());
  for (MemoryItem& item : models_held()) beside.held.push_back(std::move(item));
  if (!beside.fits()) {
    ngram_.reset();
    runs_.clear();
    trainers_.clear();
    loaded_.clear();
    corpus_.reset();
  }
  auto next = std::make_unique<Corpus>(text, corpus_options_json);
  next->keep_first(static_cast<std::size_t>(max_tokens));
  const std::size_t tokens = next->corpus().ids.size();
  const std::size_t train_tokens = split_tokens(tokens, next->val_fraction()).train_end;
  ngram_.reset();
  runs_.clear();
  trainers_.clear();
  loaded_.clear();
  corpus_ = std::move(next);
  Json out = Json::object();
  out.set("tokens", static_cast<unsigned long long>(tokens))
      .set("vocabSize", corpus_->vocab_size())
      .set("characters", static_cast<unsigned long long>(code_points(text)))
      .set("trainTokens", static_cast<unsigned long long>(train_tokens))
      .set("valTokens", static_cast<unsigned long long>(tokens - train_tokens))
      .set("options", corpus_->options())
      .set("hash", corpus_->hash());
  return out;
}

Json Session::resume_on_text(const std::string& name, const std::string& text,
                            const std::vector<std::uint8_t>& bytes) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  // The checkpoint is read once, and first: bytes that are no checkpoint leave the session as it was.
  io::CheckpointData data = io::read_checkpoint(std::string(bytes.begin(), bytes.end()));
  load_corpus(text, schema::corpus_options_json(data.corpus, data.val_fraction).dump(),
              data.resume ? data.resume->corpus_tokens : 0);
  trainers_[name] = std::make_unique<Trainer>(Trainer::resume(*corpus_, std::move(data)));
  Json out = trainer_summary(name);
  out.set("curve", model(name).curve());
  return out;
}

Json Session::load_task(const std::string& task_json) {
  const text::TaskOptions options =
      read_options(text::task_options(), parse_options_text(task_json, "task"), text::TaskOptions());
  text::MemoryTask task = text::make_memory_task(options);
  const std::string samples_text = std::move(task.text);
  Json out = load_corpus(samples_text, Corpus::task_corpus_options(task).dump());
  corpus_->set_task(std::move(task));
  out.set("task", corpus_->task_report());
  return out;
}

Json Session::corpus_stats(const std::string& stats_options_json) const {
  return corpus().stats(stats_options_json);
}

Json Session::ngram_perplexities(const std::string& options_json) const {
  refuse_split(options_json, "ngram");
  return perplexity_by_order(corpus(), options_json, /*leave_out_beyond_smoothing=*/true);
}

Json Session::build_ngram(const std::string& ngram_options_json) {
  refuse_split(ngram_options_json, "ngram");
  ngram_.reset();  // a failed build leaves no model of older options behind
  ngram_ = std::make_unique<NgramModel>(corpus(), ngram_options_json, models_held());
  return ngram_->evaluate();
}

Json Session::ngram_next(const std::string& context, int top_k) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->next(context, top_k);
}

Json Session::ngram_sample(const std::string& options_json) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->sample_json(options_json);
}

Json Session::ngram_evaluate_text(const std::string& text) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->evaluate_text(text);
}

Json Session::ngram_unknown_tokens(const std::string& text) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->unknown_tokens(text);
}

bool Session::ngram_gives_probabilities() const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->gives_probabilities();
}

std::string Session::ngram_arpa() const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return arpa_text(*ngram_);
}

Json Session::evaluate_arpa(const std::string& arpa, const std::string& text) {
  return facade::evaluate_arpa(arpa, text);
}

Json Session::trainer_summary(const std::string& name) const {
  const LanguageModel& m = model(name);
  Json out = Json::object();
  out.set("name", name).set("parameterCount", m.parameter_count()).set("options", m.options())
      .set("resumable", trainers_.count(name) > 0)
      .set("progress", visit(name, [](const auto& kind) { return kind.progress(); }));
  return out;
}

Json Session::create_trainer(const std::string& name, const std::string& model_json,
                                 const std::string& train_json) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  refuse_split(train_json, "train");
  // The memory plan counts what stays: the n-gram model and the other trainers. A trainer of the same name
  // is freed only once the new one's plan fits (a refused model leaves the old one training).
  std::vector<MemoryItem> held = models_held(name);
  if (ngram_) held.push_back(ngram_->memory_held());
  const Trainer::Plan plan = Trainer::plan(corpus(), model_json, train_json, held);
  forget(name);
  trainers_[name] = std::make_unique<Trainer>(corpus(), plan);
  return trainer_summary(name);
}

Json Session::run(const std::string& name, int minibatches) { return trainer(name).run(minibatches); }
Json Session::evaluate(const std::string& name) {
  Json j = trainer(name).evaluate();
  if (corpus_ && corpus_->is_task()) j.set("chanceLoss", corpus_->task_report().at("chanceLoss"));
  return j;
}

Json Session::set_train_options(const std::string& name, const std::string& train_json) {
  refuse_split(train_json, "train");
  Trainer& t = trainer(name);
  std::vector<MemoryItem> held = models_held(name);
  if (corpus_) held.push_back(corpus_held(corpus_->corpus()));
  if (ngram_) held.push_back(ngram_->memory_held());
  t.set_options(train_json, held);
  return t.options();
}

Json Session::generate(const std::string& name, const std::string& options_json) {
  return model(name).generate(options_json);
}

Json Session::evaluate_text(const std::string& name, const std::string& text, const std::string& options_json) {
  const train::EvaluateTextOptions o = read_options(train::evaluate_text_options(),
                                                    parse_options_text(options_json, "evaluateText"),
                                                    train::EvaluateTextOptions());
  return model(name).evaluate_text(text, static_cast<std::size_t>(o.max_tokens), o.steps);
}

Json Session::unknown_tokens(const std::string& name, const std::string& text) const {
  return model(name).unknown_tokens(text);
}

Json Session::diagnostics(const std::string& name) const { return trainer(name).diagnostics(); }
Json Session::trainer_options(const std::string& name) const { return model(name).options(); }
std::vector<std::uint8_t> Session::save(const std::string& name) const {
  return visit(name, [](const auto& kind) { return kind.save(); });
}

Session::PytorchExport Session::export_pytorch(const std::string& name) const {
  const LanguageModel& m = model(name);
  PytorchExport out;
  out.file_stem = m.file_stem();
  out.safetensors = m.export_safetensors().bytes;
  out.script = m.pytorch_script(out.file_stem + ".safetensors");
  return out;
}

LanguageModel::Export Session::export_safetensors(const std::string& name) const {
  return model(name).export_safetensors();
}

std::string Session::pytorch_script(const std::string& name, const std::string& weights_file) const {
  return model(name).pytorch_script(weights_file);
}

Json Session::load_trainer(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  // With a corpus: a trainer that continues the run (or a refusal naming both corpora); without: a model
  // that generates. Either is read whole before the model of that name is replaced.
  if (corpus_) {
    auto resumed = std::make_unique<Trainer>(Trainer::resume(*corpus_, bytes));
    forget(name);
    trainers_[name] = std::move(resumed);
  } else {
    auto loaded = std::make_unique<LoadedModel>(LoadedModel::load(bytes));
    forget(name);
    loaded_[name] = std::move(loaded);
  }
  Json out = trainer_summary(name);
  out.set("curve", model(name).curve());
  return out;
}

Json Session::curve(const std::string& name) const { return model(name).curve(); }

// ---- training runs ----------------------------------------------------------------------------------------

TrainingRun& Session::training_run(const std::string& name) const {
  trainer(name);  // throws for an unknown name and for a model that cannot train
  const auto it = runs_.find(name);
  if (it == runs_.end())
    throw Error("session: trainer '" + name + "' has no training run (call beginRun first)");
  return *it->second;
}

Json Session::begin_run(const std::string& name, const std::string& run_json) {
  auto run = std::make_unique<TrainingRun>(corpus(), trainer(name), run_json);
  runs_[name] = std::move(run);
  return runs_[name]->options();
}

Json Session::set_run_options(const std::string& name, const std::string& run_json) {
  return training_run(name).set_options(run_json);
}

Json Session::run_epoch(const std::string& name) { return training_run(name).next_epoch(); }
bool Session::run_finished(const std::string& name) const { return training_run(name).finished(); }

Json Session::run_summary(const std::string& name) {
  TrainingRun::Summary summary = training_run(name).summary();
  Json warnings = Json::array();
  for (const std::string& text : summary.warnings) warnings.push(text);
  Json out = Json::object();
  out.set("line", std::move(summary.line)).set("warnings", std::move(warnings))
      .set("prefixUnknownTokens", std::move(summary.prefix_unknown_tokens));
  return out;
}

Json Session::advance_run(const std::string& name, int minibatches) {
  return training_run(name).advance(minibatches);
}

void Session::delete_trainer(const std::string& name) {
  model(name);  // throws for an unknown name
  forget(name);
}

Json Session::trainer_names() const {
  std::set<std::string> names;
  for (const auto& [name, t] : trainers_) names.insert(name);
  for (const auto& [name, m] : loaded_) names.insert(name);
  Json out = Json::array();
  for (const std::string& name : names) out.push(name);
  return out;
}

}  // namespace seqlab::facade
