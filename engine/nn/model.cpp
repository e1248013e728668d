#include "engine/nn/model.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/nn/cell_traits.h"
#include "engine/nn/sequence.h"
#include "engine/nn/softmax_cross_entropy.h"
#include "engine/nn/spectral_radius.h"

namespace seqlab::nn {

template <class Scalar>
Model<Scalar>::Model(const ModelOptions& config) : config_(config) {
  config_.validate();
  layout_ = make_parameter_layout(config_);
  params_.assign(layout_.total, Scalar(0));
  grads_.assign(layout_.total, Scalar(0));
  Rng rng(config_.seed);
  initialize(rng);
}

template <class Scalar>
Model<Scalar>::~Model() = default;
template <class Scalar>
Model<Scalar>::Model(const Model& o) : config_(o.config_), layout_(o.layout_), params_(o.params_), grads_(o.grads_) {}
template <class Scalar>
Model<Scalar>& Model<Scalar>::operator=(const Model& o) {
  if (this != &o) {
    config_ = o.config_;
    layout_ = o.layout_;
    params_ = o.params_;
    grads_ = o.grads_;
    workspace_.reset();
    spare_workspace_.reset();
  }
  return *this;
}
template <class Scalar>
Model<Scalar>::Model(Model&&) noexcept = default;
template <class Scalar>
Model<Scalar>& Model<Scalar>::operator=(Model&&) noexcept = default;

template <class Scalar>
const ParameterInfo& Model<Scalar>::parameter_info(const std::string& name) const {
  for (const auto& info : layout_.infos)
    if (info.name == name) return info;
  std::string names;
  for (const auto& info : layout_.infos) names += (names.empty() ? "" : ", ") + info.name;
  throw Error("model: unknown parameter '" + name + "' (this model has: " + names + ")");
}

template <class Scalar>
void Model<Scalar>::initialize(Rng& rng) {
  const double k = 1.0 / std::sqrt(static_cast<double>(config_.hidden));
  for (const auto& info : layout_.infos) {
    Scalar* p = params_.data() + info.offset;
    const bool is_embedding = config_.embedding > 0 && info.name == "E";
    const bool is_bias = info.shape.size() == 1;
    for (std::size_t i = 0; i < info.size; ++i) {
      double v;
      if (config_.init == Init::Uniform) v = is_embedding ? rng.normal() : rng.uniform(-k, k);
      else v = is_bias ? 0.0 : 0.01 * rng.normal();
      p[i] = static_cast<Scalar>(v);
    }
  }
  add_keep_bias();
}

template <class Scalar>
void Model<Scalar>::add_keep_bias() {
  const CellTraits& traits = cell_traits(config_.cell);
  if (config_.gate_bias == 0 || traits.keep_block < 0) return;
  const int H = config_.hidden;
  const int block = traits.keep_block;
  const double sign = traits.keep_sign;
  for (const auto& layer : layout_.layers) {
    Scalar* b = params_.data() + layer.b + static_cast<std::size_t>(block) * H;
    for (int i = 0; i < H; ++i) b[i] = static_cast<Scalar>(b[i] + sign * config_.gate_bias);
  }
}

template <class Scalar>
State<Scalar> Model<Scalar>::zero_state(int batch) const {
  if (batch < 1) throw Error("model: batch size " + std::to_string(batch) + " must be >= 1");
  State<Scalar> s;
  for (int l = 0; l < config_.layers; ++l) {
    s.h.push_back(RowMatrix<Scalar>::Zero(batch, config_.hidden));
    if (cell_traits(config_.cell).cell_state) s.c.push_back(RowMatrix<Scalar>::Zero(batch, config_.hidden));
  }
  return s;
}

template <class Scalar>
void Model<Scalar>::check_call(const std::int32_t* inputs, const std::int32_t* targets, int B, int T,
                               const State<Scalar>& state) const {
  if (B < 1 || B > (1 << 20)) throw Error("model: batch size B = " + std::to_string(B) + " is outside [1, 1048576]");
  if (T < 1 || T > (1 << 20)) throw Error("model: steps T = " + std::to_string(T) + " is outside [1, 1048576]");
  const std::size_t n = static_cast<std::size_t>(B) * T;
  for (const std::int32_t* ids : {inputs, targets}) {
    if (!ids) continue;
    for (std::size_t i = 0; i < n; ++i)
      if (ids[i] < 0 || ids[i] >= config_.vocab)
        throw Error(std::string("model: ") + (ids == inputs ? "input" : "target") + " id " + std::to_string(ids[i]) +
                    " at position " + std::to_string(i) + " is outside [0, " + std::to_string(config_.vocab - 1) + "]");
  }
  const auto check = [&](const std::vector<RowMatrix<Scalar>>& v, const char* what) {
    if (static_cast<int>(v.size()) != config_.layers)
      throw Error(std::string("model: state.") + what + " has " + std::to_string(v.size()) + " layers, expected " +
                  std::to_string(config_.layers));
    for (const auto& m : v)
      if (m.rows() != B || m.cols() != config_.hidden)
        throw Error(std::string("model: state.") + what + " is (" + std::to_string(m.rows()) + ", " +
                    std::to_string(m.cols()) + "), expected (B, H) = (" + std::to_string(B) + ", " +
                    std::to_string(config_.hidden) + ")");
  };
  check(state.h, "h");
  if (cell_traits(config_.cell).cell_state) check(state.c, "c");
}

template <class Scalar>
Workspace<Scalar>& Model<Scalar>::workspace(int B, int T) {
  if (workspace_ && workspace_->B == B && workspace_->T == T) return *workspace_;
  std::swap(workspace_, spare_workspace_);
  if (workspace_ && workspace_->B == B && workspace_->T == T) return *workspace_;
  workspace_ = std::make_unique<Workspace<Scalar>>(config_, layout_, B, T);
  return *workspace_;
}

template <class Scalar>
Scalar Model<Scalar>::loss_and_gradients(const std::int32_t* inputs, const std::int32_t* targets, int B, int T,
                                         const Truncation& truncation, Rng& rng, State<Scalar>& state,
                                         Diagnostics* diagnostics, const LossOptions& options) {
  if (!inputs || !targets) throw Error("model: inputs and targets are required");
  if (state.h.empty()) state = zero_state(B);
  check_call(inputs, targets, B, T, state);
  if (truncation.kind == Truncation::Kind::Fixed && truncation.tau < 1)
    throw Error("truncation: tau = " + std::to_string(truncation.tau) + " must be >= 1");
  if (truncation.kind == Truncation::Kind::Random && !(truncation.pi > 0.0 && truncation.pi <= 1.0))
    throw Error("truncation: pi = " + std::to_string(truncation.pi) + " must be in (0, 1]");
  Workspace<Scalar>& ws = workspace(B, T);
  load_tokens(ws, inputs, targets);
  sequence_forward(config_, layout_, params_.data(), state, ws);
  const Eigen::Index N = static_cast<Eigen::Index>(B) * T, V = config_.vocab;
  // The rows the loss covers: all N, or the last step's B (rows (T-1)*B..N, time-major), whose loss
  // l_T alone then reaches back through every step; the other rows' dL/dlogits are zero.
  const Eigen::Index first = options.loss_steps == LossSteps::Last ? N - B : 0, rows = N - first;
  view(ws.logits.data(), first, V).setZero();
  const double loss_sum = softmax_cross_entropy_backward<Scalar>(
      view(ws.logits.data() + first * V, rows, V), ws.targets.data() + first, Scalar(1) / static_cast<Scalar>(rows));
  set_truncation(ws, truncation, rng);
  std::fill(grads_.begin(), grads_.end(), Scalar(0));
  sequence_backward(config_, layout_, params_.data(), grads_.data(), ws, diagnostics, options.path_split);
  if (diagnostics) gate_means(ws, *diagnostics);
  final_state(config_, ws, state);
  return static_cast<Scalar>(loss_sum / static_cast<double>(rows));
}

template <class Scalar>
double Model<Scalar>::loss_sum(const std::int32_t* inputs, const std::int32_t* targets, int B, int T,
                               State<Scalar>& state) {
  if (!inputs || !targets) throw Error("model: inputs and targets are required");
  if (state.h.empty()) state = zero_state(B);
  check_call(inputs, targets, B, T, state);
  Workspace<Scalar>& ws = workspace(B, T);
  load_tokens(ws, inputs, targets);
  sequence_forward(config_, layout_, params_.data(), state, ws);
  const double sum = softmax_cross_entropy_sum<Scalar>(
      cview(ws.logits.data(), static_cast<Eigen::Index>(B) * T, config_.vocab), ws.targets.data());
  final_state(config_, ws, state);
  return sum;
}

template <class Scalar>
void Model<Scalar>::logits(const std::int32_t* inputs, int B, int T, State<Scalar>& state, Scalar* logits) {
  if (!inputs || !logits) throw Error("model: inputs and logits are required");
  if (state.h.empty()) state = zero_state(B);
  check_call(inputs, nullptr, B, T, state);
  Workspace<Scalar>& ws = workspace(B, T);
  load_tokens(ws, inputs, nullptr);
  sequence_forward(config_, layout_, params_.data(), state, ws);
  const int V = config_.vocab;
  for (int t = 0; t < T; ++t)  // the workspace is time-major (row t*B + b)
    for (int b = 0; b < B; ++b)
      std::copy_n(ws.logits.data() + (static_cast<std::ptrdiff_t>(t) * B + b) * V, V,
                  logits + (static_cast<std::ptrdiff_t>(b) * T + t) * V);
  final_state(config_, ws, state);
}

template <class Scalar>
void Model<Scalar>::step_logits(const std::int32_t* tokens, int B, State<Scalar>& state, Scalar* logits) {
  if (!tokens || !logits) throw Error("model: tokens and logits are required");
  if (state.h.empty()) state = zero_state(B);
  check_call(tokens, nullptr, B, 1, state);
  Workspace<Scalar>& ws = workspace(B, 1);
  load_tokens(ws, tokens, nullptr);
  sequence_forward(config_, layout_, params_.data(), state, ws);
  std::copy(ws.logits.begin(), ws.logits.begin() + static_cast<std::ptrdiff_t>(B) * config_.vocab, logits);
  final_state(config_, ws, state);
}

template <class Scalar>
std::vector<std::pair<std::string, RowMatrix<Scalar>>> Model<Scalar>::gate_activations(const std::int32_t* inputs,
                                                                                       int T) {
  if (!inputs) throw Error("model: inputs are required");
  const State<Scalar> zero = zero_state(1);
  check_call(inputs, nullptr, 1, T, zero);
  Workspace<Scalar>& ws = workspace(1, T);
  load_tokens(ws, inputs, nullptr);
  sequence_forward(config_, layout_, params_.data(), zero, ws);
  std::vector<std::pair<std::string, RowMatrix<Scalar>>> out;
  for (int l = 0; l < config_.layers; ++l) {
    const Cell<Scalar>& cell = *ws.layers[l].cell;
    const auto& names = cell.gate_names();
    for (std::size_t g = 0; g < names.size(); ++g)  // B = 1: row t of the (N, H) view is step t
      out.emplace_back("l" + std::to_string(l) + "." + names[g], cell.gate(static_cast<int>(g)));
  }
  return out;
}

namespace {
// The side n of a square parameter, or an Error naming its shape and the square ones.
int square_side(const ParameterLayout& layout, const ParameterInfo& info) {
  if (info.shape.size() == 2 && info.shape[0] == info.shape[1]) return info.shape[0];
  std::string shape, square;
  for (int d : info.shape) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
  for (const auto& i : layout.infos)
    if (i.shape.size() == 2 && i.shape[0] == i.shape[1]) square += (square.empty() ? "" : ", ") + i.name;
  throw Error("spectral radius: '" + info.name + "' has shape (" + shape +
              "), not a square matrix (the square ones: " + square + ")");
}
}  // namespace

template <class Scalar>
double Model<Scalar>::spectral_radius(const std::string& name) const {
  const ParameterInfo& info = parameter_info(name);
  return nn::spectral_radius(params_.data() + info.offset, square_side(layout_, info));
}

template <class Scalar>
double Model<Scalar>::set_spectral_radius(const std::string& name, double rho) {
  if (!std::isfinite(rho) || rho < 0.0)
    throw Error("spectral radius: rho = " + std::to_string(rho) + " must be finite and >= 0");
  const ParameterInfo& info = parameter_info(name);
  const int n = square_side(layout_, info);
  Scalar* p = params_.data() + info.offset;
  const double current = nn::spectral_radius(p, n);
  if (!(current > 0.0))
    throw Error("spectral radius: '" + name + "' has spectral radius 0 (nilpotent or zero): no scaling reaches rho = " +
                std::to_string(rho));
  const double scale = rho / current;
  for (std::size_t i = 0; i < info.size; ++i) p[i] = static_cast<Scalar>(static_cast<double>(p[i]) * scale);
  return nn::spectral_radius(p, n);
}

template class Model<float>;
template class Model<double>;

}  // namespace seqlab::nn
