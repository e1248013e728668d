// The Session's calls for the Gradients lab (session.h, "The BPTT lab"): each measures a trainer, or a model
// of its own, on the corpus's validation part and returns plain numbers for the page's charts.
#include "wasm/facade/session.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/nn/cell_traits.h"
#include "engine/train/data_iterator.h"
#include "engine/train/lab_options.h"
#include "engine/train/train_options.h"
#include "engine/train/validation_batch.h"
#include "wasm/facade/json_text.h"

namespace seqlab::facade {

namespace {

Json number_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(); }

Json norms_json(const std::vector<std::vector<double>>& per_layer) {
  Json layers = Json::array();
  for (const auto& layer : per_layer) {
    Json row = Json::array();
    for (double v : layer) row.push(number_or_null(v));
    layers.push(std::move(row));
  }
  return layers;
}

// The draws of a random truncation, one probe each, summed as they come: the per-step mean of every norm and
// the range of the hidden-state norms (the band the lab draws).
class ProbeDraws {
 public:
  explicit ProbeDraws(nn::Diagnostics first)
      : sum_(std::move(first)), lo_(sum_.hidden_grad_norms), hi_(sum_.hidden_grad_norms) {}

  void add(const nn::Diagnostics& next) {
    ++count_;
    for (std::size_t l = 0; l < sum_.hidden_grad_norms.size(); ++l)
      for (std::size_t t = 0; t < sum_.hidden_grad_norms[l].size(); ++t) {
        const double v = next.hidden_grad_norms[l][t];
        sum_.hidden_grad_norms[l][t] += v;
        lo_[l][t] = std::min(lo_[l][t], v);
        hi_[l][t] = std::max(hi_[l][t], v);
      }
    for (std::size_t l = 0; l < sum_.path_norms.size(); ++l)
      for (std::size_t t = 0; t < sum_.path_norms[l].size(); ++t)
        for (std::size_t k = 0; k < sum_.path_norms[l][t].size(); ++k) sum_.path_norms[l][t][k] += next.path_norms[l][t][k];
  }

  // The means (the diagnostics of the one draw when there was one).
  nn::Diagnostics mean() const {
    nn::Diagnostics d = sum_;
    const auto divide = [this](std::vector<double>& values) {
      for (auto& v : values) v /= count_;
    };
    for (auto& layer : d.hidden_grad_norms) divide(layer);
    for (auto& layer : d.path_norms)
      for (auto& step : layer) divide(step);
    return d;
  }
  const std::vector<std::vector<double>>& lowest() const { return lo_; }
  const std::vector<std::vector<double>>& highest() const { return hi_; }

 private:
  nn::Diagnostics sum_;
  std::vector<std::vector<double>> lo_, hi_;
  int count_ = 1;
};

}  // namespace

Json Session::probe(const std::string& name, const std::string& options_json) {
  train::Trainer& engine = trainer(name).engine();  // a model loaded without a corpus is refused by name
  train::ProbeOptions p =
      read_options(train::probe_options(), parse_options_text(options_json, "probe"), train::ProbeOptions());
  const std::uint64_t first_seed = p.seed;
  ProbeDraws draws(engine.probe(p));
  for (int draw = 1; draw < p.draws; ++draw) {
    p.seed = first_seed + static_cast<std::uint64_t>(draw);
    draws.add(engine.probe(p));
  }
  const nn::Diagnostics d = draws.mean();
  Json out = Json::object();
  const int T = p.steps > 0 ? p.steps : engine.options().steps;
  out.set("T", T).set("hiddenGradNorms", norms_json(d.hidden_grad_norms));
  if (p.draws > 1)
    out.set("hiddenGradNormsMin", norms_json(draws.lowest())).set("hiddenGradNormsMax", norms_json(draws.highest()));
  if (!d.path_norms.empty()) {
    Json layers = Json::array();
    for (const auto& layer : d.path_norms) {
      Json steps = Json::array();
      for (const auto& step : layer) {
        Json terms = Json::object();
        for (std::size_t k = 0; k < d.path_terms.size(); ++k) terms.set(d.path_terms[k], number_or_null(step[k]));
        steps.push(std::move(terms));
      }
      layers.push(std::move(steps));
    }
    out.set(nn::cell_traits(engine.model().config().cell).path_key, std::move(layers));
  }
  return out;
}

Json Session::gate_activations(const std::string& name, const std::string& text, const std::string& options_json) {
  const int max_tokens = read_options(train::gate_activations_options(),
                                      parse_options_text(options_json, "gateActivations"),
                                      train::GateActivationsOptions())
                             .max_tokens;
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
  Json tokens = Json::array();
  for (std::int32_t id : ids) tokens.push(vocab.token(id));
  Json gates = Json::object();
  for (const auto& [gate, m] : model(name).model().gate_activations(ids.data(), T)) {  // (T, H) each
    Json rows = Json::array();
    for (int t = 0; t < m.rows(); ++t) {
      Json row = Json::array();
      for (int h = 0; h < m.cols(); ++h) row.push(static_cast<double>(m(t, h)));
      rows.push(std::move(row));
    }
    gates.set(gate, std::move(rows));
  }
  Json out = Json::object();
  out.set("tokens", std::move(tokens)).set("gates", std::move(gates));
  return out;
}

Json Session::linear_rnn(const std::string& options_json) {
  const train::LinearRnnOptions o = read_options(train::linear_rnn_options(),
                                                 parse_options_text(options_json, "linearRnn"),
                                                 train::linear_rnn_options().defaults);
  const double rho = o.rho;
  nn::ModelOptions config;
  config.cell = nn::CellType::Rnn;
  config.activation = nn::Activation::Identity;
  config.vocab = corpus().vocab_size();
  config.hidden = o.hidden;
  config.layers = 1;
  config.seed = o.seed;
  const int B = o.batch;
  const int T = o.steps;
  const std::vector<std::int32_t>& ids = corpus().corpus().ids;
  const std::size_t val_start = split_tokens(ids.size(), corpus().val_fraction()).train_end;
  const train::ValidationBatch v =
      train::validation_batch(ids.data() + val_start, ids.size() - val_start, B, T, static_cast<std::size_t>(T),
                              "linearRnn");
  nn::Model<float> model(config);
  const double measured = model.set_spectral_radius("l0.W_hh", rho);
  nn::State<float> state = model.zero_state(v.B);
  Rng rng(0);  // drawn from by random truncation only; this is full BPTT
  nn::Diagnostics d;
  model.loss_and_gradients(v.inputs.data(), v.targets.data(), v.B, v.T, nn::Truncation(), rng, state, &d,
                           nn::LossOptions{nn::LossSteps::Last, false});
  Json norms = Json::array();
  for (double x : d.hidden_grad_norms.at(0)) norms.push(number_or_null(x));
  Json out = Json::object();
  out.set("rho", rho).set("measuredRho", number_or_null(measured)).set("B", v.B).set("T", v.T)
      .set("norms", std::move(norms));
  return out;
}

Json Session::batch_layout(const std::string& train_options_json, int k) const {
  if (k < 0 || k > 1000000) throw Error("batchLayout: k must be in [0, 1000000], got " + std::to_string(k));
  refuse_split(train_options_json, "train");
  const train::TrainOptions options =
      train::TrainOptions::from_json(parse_options_text(train_options_json, "train"), train::TrainOptions());
  const std::vector<std::int32_t>& ids = corpus().corpus().ids;
  const std::size_t train_end = split_tokens(ids.size(), corpus().val_fraction()).train_end;
  const std::vector<std::int32_t> train_ids(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(train_end));
  Json out = Json::array();
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
    Json rows = Json::array();
    for (std::size_t start : it.last_starts()) {
      Json row = Json::object();
      row.set("start", static_cast<unsigned long long>(start)).set("carriedFromPrevious", carried);
      rows.push(std::move(row));
    }
    Json layout = Json::object();
    layout.set("iterator", train::iterator_kind_name(kind)).set("B", options.batch).set("T", options.steps)
        .set("k", batch.first_of_epoch && k > 0 ? 0 : k)
        .set("corpusLength", static_cast<unsigned long long>(train_ids.size())).set("rows", std::move(rows));
    out.push(std::move(layout));
  }
  return out;
}

}  // namespace seqlab::facade
