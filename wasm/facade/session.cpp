#include "wasm/facade/session.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/train/data_iterator.h"
#include "engine/train/lab_options.h"
#include "engine/train/train_options.h"
#include "engine/core/split.h"
#include "engine/ngram/ngram_options.h"
#include "engine/text/corpus_options.h"
#include "engine/text/memory_task.h"
#include "wasm/facade/json_text.h"
#include "wasm/facade/memory_checks.h"

namespace seqlab::facade {

namespace {

// The session's split is the corpus's; a valFraction elsewhere would silently disagree with it.
void refuse_split(const std::string& options_json, const char* group) {
  if (options_json.empty()) return;
  if (parse_options_text(options_json, group).has("valFraction"))
    throw Error(std::string(group) + " options: valFraction is the corpus's option (give it to loadCorpus)");
}

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

Trainer& Session::trainer(const std::string& name) const {
  const auto it = trainers_.find(name);
  if (it == trainers_.end()) {
    std::string names;
    for (const auto& [n, t] : trainers_) names += (names.empty() ? "'" : ", '") + n + "'";
    throw Error("session: no trainer named '" + name + "' (trainers: " + (names.empty() ? "none" : names) + ")");
  }
  return *it->second;
}

io::Json Session::load_corpus(const std::string& text, const std::string& corpus_options_json) {
  // The new corpus is built (and its split checked) beside the old one when the memory plan lets both
  // live at once, so that a text the engine refuses loses nothing. Otherwise everything built on the old
  // corpus goes first, as it must once the new one is in: its ids, vocabulary and split no longer exist.
  const auto level = schema::read_corpus_options(parse_options_text(corpus_options_json, "corpus")).text.level;
  MemoryPlan beside;
  beside.items = {{"the text", text.size()}, {"tokenizing it", text::corpus_build_bytes(text.size(), level)}};
  if (corpus_) beside.held.push_back(corpus_held(corpus_->corpus()));
  if (ngram_) beside.held.push_back(ngram_->memory_held());
  for (const auto& [name, trainer] : trainers_) beside.held.push_back(trainer->memory_held(name));
  if (!beside.fits()) {
    ngram_.reset();
    trainers_.clear();
    corpus_.reset();
  }
  auto next = std::make_unique<Corpus>(text, corpus_options_json);
  const std::size_t tokens = next->corpus().ids.size();
  const std::size_t train_tokens = split_tokens(tokens, next->val_fraction()).train_end;
  ngram_.reset();
  trainers_.clear();
  corpus_ = std::move(next);
  io::Json out = io::Json::object();
  out.set("tokens", static_cast<unsigned long long>(tokens))
      .set("vocabSize", corpus_->vocab_size())
      .set("characters", static_cast<unsigned long long>(code_points(text)))
      .set("trainTokens", static_cast<unsigned long long>(train_tokens))
      .set("valTokens", static_cast<unsigned long long>(tokens - train_tokens))
      .set("options", corpus_->options())
      .set("hash", corpus_->hash());
  return out;
}

io::Json Session::load_task(const std::string& task_json) {
  const text::TaskOptions options =
      read_options(text::task_options(), parse_options_text(task_json, "task"), text::TaskOptions());
  text::MemoryTask task = text::make_memory_task(options);
  const std::string samples_text = std::move(task.text);
  io::Json out = load_corpus(samples_text, Corpus::task_corpus_options(task).dump());
  corpus_->set_task(std::move(task));
  out.set("task", corpus_->task_report());
  return out;
}

io::Json Session::corpus_stats(const std::string& stats_options_json) const {
  return corpus().stats(stats_options_json);
}

io::Json Session::ngram_perplexities(const std::string& options_json) const {
  refuse_split(options_json, "ngram");
  return perplexity_by_order(corpus(), options_json, /*leave_out_beyond_smoothing=*/true);
}

io::Json Session::build_ngram(const std::string& ngram_options_json) {
  refuse_split(ngram_options_json, "ngram");
  ngram_.reset();  // a failed build leaves no model of older options behind
  std::vector<MemoryItem> held;
  for (const auto& [name, trainer] : trainers_) held.push_back(trainer->memory_held(name));
  ngram_ = std::make_unique<NgramModel>(corpus(), ngram_options_json, held);
  return ngram_->evaluate();
}

io::Json Session::ngram_next(const std::string& context, int top_k) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->next(context, top_k);
}

io::Json Session::ngram_sample(const std::string& options_json) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->sample_json(options_json);
}

io::Json Session::trainer_summary(const std::string& name) const {
  const Trainer& t = trainer(name);
  io::Json out = io::Json::object();
  out.set("name", name).set("parameterCount", t.parameter_count()).set("options", t.options())
      .set("resumable", t.resumable()).set("progress", t.progress());
  return out;
}

io::Json Session::create_trainer(const std::string& name, const std::string& model_json,
                                 const std::string& train_json) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  refuse_split(train_json, "train");
  // The memory plan counts what stays: the n-gram model and the other trainers. A trainer of the same name
  // is freed only once the new one's plan fits (a refused model leaves the old one training).
  std::vector<MemoryItem> held;
  if (ngram_) held.push_back(ngram_->memory_held());
  for (const auto& [other, trainer] : trainers_)
    if (other != name) held.push_back(trainer->memory_held(other));
  Trainer::check_memory_fits(corpus(), model_json, train_json, held);
  trainers_.erase(name);
  auto made = std::make_unique<Trainer>(corpus(), model_json, train_json, held);
  trainers_[name] = std::move(made);
  return trainer_summary(name);
}

io::Json Session::run(const std::string& name, int minibatches) { return trainer(name).run(minibatches); }
io::Json Session::evaluate(const std::string& name) {
  io::Json j = trainer(name).evaluate();
  if (corpus_ && corpus_->is_task()) j.set("chanceLoss", corpus_->task_report().at("chanceLoss"));
  return j;
}

io::Json Session::set_train_options(const std::string& name, const std::string& train_json) {
  refuse_split(train_json, "train");
  Trainer& t = trainer(name);
  std::vector<MemoryItem> held;
  if (corpus_) held.push_back(corpus_held(corpus_->corpus()));
  if (ngram_) held.push_back(ngram_->memory_held());
  for (const auto& [other, trainer] : trainers_)
    if (other != name) held.push_back(trainer->memory_held(other));
  t.set_options(train_json, held);
  return t.options();
}

io::Json Session::generate(const std::string& name, const std::string& options_json) {
  return trainer(name).generate(options_json);
}

io::Json Session::diagnostics(const std::string& name) const { return trainer(name).diagnostics(); }
io::Json Session::trainer_options(const std::string& name) const { return trainer(name).options(); }
std::vector<std::uint8_t> Session::save(const std::string& name) const { return trainer(name).save(); }

Session::PytorchExport Session::export_pytorch(const std::string& name) const {
  const Trainer& t = trainer(name);
  PytorchExport out;
  out.file_stem = t.file_stem();
  out.safetensors = t.export_safetensors().bytes;
  out.script = t.pytorch_script(out.file_stem + ".safetensors");
  return out;
}

io::Json Session::load_trainer(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  // With a corpus: a trainer that continues the run (or a refusal naming both corpora); without: a model
  // that generates.
  auto loaded = std::make_unique<Trainer>(corpus_ ? Trainer::resume(*corpus_, bytes) : Trainer::load(bytes));
  trainers_[name] = std::move(loaded);
  io::Json out = trainer_summary(name);
  out.set("curve", trainer(name).curve());
  return out;
}

io::Json Session::curve(const std::string& name) const { return trainer(name).curve(); }

void Session::delete_trainer(const std::string& name) {
  trainer(name);  // throws for an unknown name
  trainers_.erase(name);
}

io::Json Session::trainer_names() const {
  io::Json names = io::Json::array();
  for (const auto& [name, t] : trainers_) names.push(name);
  return names;
}

// ---- The BPTT lab ----------------------------------------------------------------------------------------

namespace {

io::Json number_or_null(double x) { return std::isfinite(x) ? io::Json(x) : io::Json(); }

io::Json norms_json(const std::vector<std::vector<double>>& per_layer) {
  io::Json layers = io::Json::array();
  for (const auto& layer : per_layer) {
    io::Json row = io::Json::array();
    for (double v : layer) row.push(number_or_null(v));
    layers.push(std::move(row));
  }
  return layers;
}

// The rows of the validation minibatch every lab measurement uses (train::Trainer::probe's): row b holds
// validation tokens [b*T, (b+1)*T), targets shifted by one; B is cut to what the validation part holds.
struct ValidationBatch {
  int B = 0, T = 0;
  std::vector<std::int32_t> inputs, targets;
};

ValidationBatch validation_batch(const std::vector<std::int32_t>& ids, std::size_t val_start, int B, int T,
                                 const char* who) {
  const std::size_t available = ids.size() - val_start;
  if (available < static_cast<std::size_t>(T) + 1)
    throw Error(std::string(who) + ": the validation part has " + std::to_string(available) +
                " tokens, fewer than steps + 1 = " + std::to_string(T + 1));
  ValidationBatch v;
  v.T = T;
  v.B = static_cast<int>(std::min<std::size_t>(B, (available - 1) / T));
  v.inputs.resize(static_cast<std::size_t>(v.B) * T);
  v.targets.resize(v.inputs.size());
  for (std::size_t i = 0; i < v.inputs.size(); ++i) {
    v.inputs[i] = ids[val_start + i];
    v.targets[i] = ids[val_start + i + 1];
  }
  return v;
}

}  // namespace

io::Json Session::probe(const std::string& name, const std::string& options_json) {
  train::Trainer* engine = trainer(name).engine();
  if (!engine) throw Error("probe: trainer '" + name + "' was loaded from a checkpoint without a corpus");
  const train::ProbeOptions p =
      read_options(train::probe_options(), parse_options_text(options_json, "probe"), train::ProbeOptions());
  const nn::Diagnostics d = engine->probe(p);
  io::Json out = io::Json::object();
  const int T = p.steps > 0 ? p.steps : engine->options().steps;
  out.set("T", T).set("hiddenGradNorms", norms_json(d.hidden_grad_norms));
  if (!d.path_norms.empty()) {
    io::Json layers = io::Json::array();
    for (const auto& layer : d.path_norms) {
      io::Json steps = io::Json::array();
      for (const auto& step : layer) {
        io::Json terms = io::Json::object();
        for (std::size_t k = 0; k < d.path_terms.size(); ++k) terms.set(d.path_terms[k], number_or_null(step[k]));
        steps.push(std::move(terms));
      }
      layers.push(std::move(steps));
    }
    out.set(engine->model().config().cell == nn::CellType::Lstm ? "lstmPaths" : "gruPaths", std::move(layers));
  }
  return out;
}

io::Json Session::gate_activations(const std::string& name, const std::string& text, int max_tokens) {
  if (max_tokens < 1 || max_tokens > 4096)
    throw Error("gateActivations: maxTokens must be in [1, 4096], got " + std::to_string(max_tokens));
  const std::vector<std::int32_t>& all = corpus().corpus().ids;
  std::vector<std::int32_t> ids;
  if (text.empty()) {
    const std::size_t start = split_tokens(all.size(), corpus().val_fraction()).train_end;
    const std::size_t n = std::min<std::size_t>(max_tokens, all.size() - start);
    ids.assign(all.begin() + static_cast<std::ptrdiff_t>(start), all.begin() + static_cast<std::ptrdiff_t>(start + n));
  } else {
    ids = corpus().encode(text);
    if (ids.size() > static_cast<std::size_t>(max_tokens)) ids.resize(max_tokens);
  }
  if (ids.empty()) throw Error("gateActivations: the text has no token after preprocessing");
  const int T = static_cast<int>(ids.size());
  const text::Vocabulary& vocab = corpus().corpus().vocab;
  io::Json tokens = io::Json::array();
  for (std::int32_t id : ids) tokens.push(vocab.token(id));
  io::Json gates = io::Json::object();
  for (const auto& [gate, m] : trainer(name).model().gate_activations(ids.data(), T)) {  // (T, H) each
    io::Json rows = io::Json::array();
    for (int t = 0; t < m.rows(); ++t) {
      io::Json row = io::Json::array();
      for (int h = 0; h < m.cols(); ++h) row.push(static_cast<double>(m(t, h)));
      rows.push(std::move(row));
    }
    gates.set(gate, std::move(rows));
  }
  io::Json out = io::Json::object();
  out.set("tokens", std::move(tokens)).set("gates", std::move(gates));
  return out;
}

io::Json Session::linear_rnn(const std::string& options_json) {
  const train::LinearRnnOptions o = read_options(train::linear_rnn_options(),
                                                 parse_options_text(options_json, "linearRnn"),
                                                 train::linear_rnn_options().defaults);
  const double rho = o.rho;
  nn::ModelConfig config;
  config.cell = nn::CellType::Rnn;
  config.activation = nn::Activation::Identity;
  config.vocab = corpus().vocab_size();
  config.hidden = o.hidden;
  config.layers = 1;
  config.seed = o.seed;
  const int B = o.batch;
  const int T = o.steps;
  const std::vector<std::int32_t>& ids = corpus().corpus().ids;
  const ValidationBatch v =
      validation_batch(ids, split_tokens(ids.size(), corpus().val_fraction()).train_end, B, T, "linearRnn");
  nn::Model<float> model(config);
  const double measured = model.set_spectral_radius("l0.W_hh", rho);
  nn::State<float> state = model.zero_state(v.B);
  Rng rng(0);  // drawn from by random truncation only; this is full BPTT
  nn::Diagnostics d;
  model.loss_and_gradients(v.inputs.data(), v.targets.data(), v.B, v.T, nn::Truncation(), rng, state, &d,
                           nn::LossOptions{nn::LossSteps::Last, false});
  io::Json norms = io::Json::array();
  for (double x : d.hidden_grad_norms.at(0)) norms.push(number_or_null(x));
  io::Json out = io::Json::object();
  out.set("rho", rho).set("measuredRho", number_or_null(measured)).set("B", v.B).set("T", v.T)
      .set("norms", std::move(norms));
  return out;
}

io::Json Session::batch_layout(const std::string& train_options_json, int k) const {
  if (k < 0 || k > 1000000) throw Error("batchLayout: k must be in [0, 1000000], got " + std::to_string(k));
  refuse_split(train_options_json, "train");
  const train::TrainOptions options =
      train::TrainOptions::from_json(parse_options_text(train_options_json, "train"), train::TrainOptions());
  const std::vector<std::int32_t>& ids = corpus().corpus().ids;
  const std::size_t train_end = split_tokens(ids.size(), corpus().val_fraction()).train_end;
  const std::vector<std::int32_t> train_ids(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(train_end));
  io::Json out = io::Json::array();
  for (const train::IteratorKind kind : {train::IteratorKind::Random, train::IteratorKind::Sequential}) {
    train::DataIterator it(train_ids, options.batch, options.steps, kind);
    if (static_cast<std::size_t>(k) >= it.max_batches_per_epoch())
      throw Error("batchLayout: k must be below the minibatches of an epoch, " +
                  std::to_string(it.max_batches_per_epoch()) + ", got " + std::to_string(k));
    Rng rng(options.seed);
    train::Minibatch batch;
    // Minibatch k of the first epoch (an epoch's offset can make it one minibatch shorter: stop there).
    int served = 0;
    for (; served <= k; ++served) {
      it.next(rng, batch);
      if (served > 0 && batch.first_of_epoch) break;
    }
    // Sequential partitioning carries the state into every minibatch of an epoch but its first; random
    // sampling starts each from zero (docs/math.md §6).
    const bool carried = kind == train::IteratorKind::Sequential && !batch.first_of_epoch;
    io::Json rows = io::Json::array();
    for (std::size_t start : it.last_starts()) {
      io::Json row = io::Json::object();
      row.set("start", static_cast<unsigned long long>(start)).set("carriedFromPrevious", carried);
      rows.push(std::move(row));
    }
    io::Json layout = io::Json::object();
    layout.set("iterator", train::iterator_kind_name(kind)).set("B", options.batch).set("T", options.steps)
        .set("k", batch.first_of_epoch && k > 0 ? 0 : k)
        .set("corpusLength", static_cast<unsigned long long>(train_ids.size())).set("rows", std::move(rows));
    out.push(std::move(layout));
  }
  return out;
}

}  // namespace seqlab::facade
