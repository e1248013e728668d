#pragma once
// A recurrent language model: L stacked RNN/GRU/LSTM layers over one-hot or embedded tokens, an output
// layer and softmax cross-entropy, with backpropagation through time (docs/math.md §3-5). It ties together the
// cells (rnn_cell.h, gru_cell.h, lstm_cell.h), the sequence runner (sequence.h), the flat parameter
// buffer (parameters.h), the loss (softmax_cross_entropy.h) and clipping (clip.h).
// Legend: B batch (sequences), T steps, V vocabulary, H hidden, E embedding.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/clip.h"
#include "engine/nn/config.h"
#include "engine/nn/parameters.h"

namespace seqlab::nn {

template <class Scalar>
using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class Scalar>
struct State {  // carried between minibatches
  std::vector<RowMatrix<Scalar>> h, c;  // per layer (B, H); c only for LSTM
};

// Which time steps the loss covers: All, the mean of l_t over B and T (training); Last, the mean over B of
// l_T alone, the loss of the BPTT lab, whose dl_T/dh_t shows how far back one step's gradient reaches.
enum class LossSteps { All, Last };

struct LossOptions {
  LossSteps loss_steps = LossSteps::All;
  // Diagnostics only (costs two to four extra (B, H) x (H, H) products per step when on; nothing when off):
  // fill Diagnostics::path_norms.
  bool path_split = false;
};

struct Diagnostics {  // filled by loss_and_gradients when asked
  std::vector<std::vector<double>> hidden_grad_norms;      // [layer][t]: mean over B of ||dL/dh_t||
  std::vector<std::pair<std::string, double>> gate_means;  // e.g. {"l0.z", 0.43}: mean over B, T and H
  // With LossOptions::path_split: the terms into which the part of dL/dh_{t-1} arriving through step t
  // splits (GRU {"direct", "update", "candidate", "reset"}, LSTM {"cell", "rest"}, RNN none; gru_cell.h,
  // lstm_cell.h), and path_norms[layer][t][k], the mean over B of the norm of term k at step t (0-based:
  // index t is the step that reads h_t and writes h_{t+1}; 1-based, the notes' t+1 at index t). Empty
  // without path_split.
  std::vector<std::string> path_terms;
  std::vector<std::vector<std::vector<double>>> path_norms;
};

template <class Scalar>
struct Workspace;  // per-(B, T) caches and scratch, sequence.h

template <class Scalar>
class Model {
 public:
  explicit Model(const ModelOptions&);  // initialises the weights from Rng(config.seed)
  ~Model();
  Model(const Model&);
  Model& operator=(const Model&);
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  const ModelOptions& config() const { return config_; }
  const std::vector<ParameterInfo>& parameter_infos() const { return layout_.infos; }
  const ParameterInfo& parameter_info(const std::string& name) const;  // throws Error for unknown names
  const ParameterLayout& layout() const { return layout_; }
  std::size_t parameter_count() const { return layout_.total; }
  Scalar* parameters() { return params_.data(); }
  const Scalar* parameters() const { return params_.data(); }
  Scalar* gradients() { return grads_.data(); }  // mirrors parameters()
  const Scalar* gradients() const { return grads_.data(); }
  // The named views: the first entry of a tensor in the buffers (row-major, parameter_info(name).shape).
  Scalar* parameter(const std::string& name) { return params_.data() + parameter_info(name).offset; }
  Scalar* gradient(const std::string& name) { return grads_.data() + parameter_info(name).offset; }

  // Re-draws every weight: Init::Uniform U(-1/sqrt(H), 1/sqrt(H)) (embedding N(0, 1) as PyTorch does),
  // Init::Normal N(0, 0.01) with zero biases (D2L); then adds config().gate_bias to the bias of the gate
  // that keeps the state (LSTM b_f; GRU b_z, subtracted: see ModelOptions::gate_bias).
  void initialize(Rng&);

  State<Scalar> zero_state(int batch) const;

  // Forward + backward through time over B sequences of T steps (inputs/targets row-major (B, T): row b is
  // sequence b). Overwrites gradients(); replaces `state` by the final state (values only: detached);
  // returns the mean loss over B*T (LossSteps::Last: the mean over B of the last step's loss, and every
  // gradient is of that loss). `rng` is drawn from only for Truncation::Kind::Random (T-1 uniforms, one per
  // step boundary). After the first call with a (B, T) no heap allocation happens.
  Scalar loss_and_gradients(const std::int32_t* inputs, const std::int32_t* targets, int B, int T,
                            const Truncation&, Rng& rng, State<Scalar>& state,
                            Diagnostics* diagnostics = nullptr, const LossOptions& options = {});
  // Forward only (evaluation): the SUM of per-token losses over B*T, in double; carries `state`.
  double loss_sum(const std::int32_t* inputs, const std::int32_t* targets, int B, int T, State<Scalar>& state);
  // Forward only: the logits of every step, written to `logits` as (B, T, V) row-major (row b*T + t is
  // sequence b's step t); carries `state`. The memory tasks' answer metrics read them.
  void logits(const std::int32_t* inputs, int B, int T, State<Scalar>& state, Scalar* logits);
  // One step for generation: feeds one token per row, updates `state`, writes logits (B, V) row-major.
  void step_logits(const std::int32_t* tokens, int B, State<Scalar>& state, Scalar* logits);

  // The gate activations of one sequence of T tokens from the zero state, per layer and gate ("l0.z",
  // "l0.r"; "l0.i", "l0.f", "l0.o"; none for the RNN), each (T, H). Weights and carried states untouched.
  std::vector<std::pair<std::string, RowMatrix<Scalar>>> gate_activations(const std::int32_t* inputs, int T);

  // The spectral radius max |lambda| of a square parameter (e.g. "l0.W_hh", one gate's block "l0.W_hz");
  // throws Error for unknown or non-square names.
  double spectral_radius(const std::string& name) const;
  // Scales that parameter so that its spectral radius becomes rho (rho finite, >= 0; the matrix must have a
  // nonzero radius) and returns the radius measured after scaling.
  double set_spectral_radius(const std::string& name, double rho);

 private:
  void check_call(const std::int32_t* inputs, const std::int32_t* targets, int B, int T,
                  const State<Scalar>& state) const;
  Workspace<Scalar>& workspace(int B, int T);
  void add_keep_bias();

  ModelOptions config_;
  ParameterLayout layout_;
  std::vector<Scalar> params_, grads_;
  // Two (B, T) shapes stay cached (a training shape and an evaluation/generation shape).
  std::unique_ptr<Workspace<Scalar>> workspace_, spare_workspace_;
};

extern template class Model<float>;
extern template class Model<double>;

}  // namespace seqlab::nn
