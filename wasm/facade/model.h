#pragma once
// The facade of a recurrent model (engine/nn/model.h) for JS: float32 weights, named parameters that cross
// as float arrays, and one forward + backward through time per call. Legend: B batch, T steps, L layers,
// H hidden.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/json.h"
#include "engine/nn/model.h"

namespace seqlab::facade {

struct LossResult {
  nn::CellType cell = nn::CellType::Gru;
  double loss = 0.0;                                   // mean over B*T (lossSteps 'last': over B of step T)
  std::vector<float> gradients;                        // the flat gradient buffer (parameter order)
  std::vector<float> state_h, state_c;                 // final state, L blocks of (B, H) row-major; c: LSTM
  std::vector<std::vector<double>> hidden_grad_norms;  // [layer][t]
  std::vector<std::pair<std::string, double>> gate_means;
  std::vector<std::string> path_terms;                 // pathSplit: the term names of the cell
  std::vector<std::vector<std::vector<double>>> path_norms;  // pathSplit: [layer][t][term]
  // {loss, hiddenGradNorms, gateMeans: {name: mean}} and with pathSplit gruPaths[l][t] = {direct, update,
  // candidate, reset} (GRU) or lstmPaths[l][t] = {cell, rest} (LSTM); nothing for the RNN.
  Json summary() const;
};

class Model {
 public:
  // JS-style config JSON (nn::ModelOptions::from_json): cell, vocab, hidden, layers, embedding, activation,
  // gruVariant, init, seed.
  explicit Model(const std::string& config_json);

  Json config() const { return model_.config().to_json(); }
  Json parameter_names_json() const;                        // ["l0.W_xz", ...] in buffer order
  Json parameter_shape_json(const std::string& name) const;  // e.g. [256, 28]; throws for unknown names
  Json parameter_layout_json() const;                        // [{name, shape, offset, size}]
  std::size_t parameter_count() const { return model_.parameter_count(); }
  std::vector<float> get_parameter(const std::string& name) const;
  void set_parameter(const std::string& name, const std::vector<float>& values);  // validates the size
  std::vector<float> get_parameters() const;                       // the whole buffer
  void set_parameters(const std::vector<float>& values);

  // inputs/targets (B, T) row-major ids; options: the "lossAndGradients" group (truncation, tau, pi, seed,
  // lossSteps, pathSplit: engine/train/lab_options.h); state_h / state_c flat L*(B, H) (empty = zeros).
  LossResult loss_and_gradients(const std::vector<std::int32_t>& inputs, const std::vector<std::int32_t>& targets,
                                int B, int T, const std::string& options_json, const std::vector<float>& state_h,
                                const std::vector<float>& state_c);

  // The spectral radius of a square parameter ('l0.W_hh', or one gate's block 'l0.W_hz'); setting scales it
  // to rho and returns the radius measured after scaling.
  double spectral_radius(const std::string& name) const { return model_.spectral_radius(name); }
  double set_spectral_radius(const std::string& name, double rho) { return model_.set_spectral_radius(name, rho); }

  // Gate activations of one sequence (T ids) from the zero state: {"l0.z": (T, H) row-major, ...}.
  std::vector<std::pair<std::string, std::vector<float>>> gate_activations(const std::vector<std::int32_t>& inputs,
                                                                          int T);

  nn::Model<float>& model() { return model_; }

 private:
  nn::State<float> make_state(int B, const std::vector<float>& h, const std::vector<float>& c) const;
  nn::Model<float> model_;
};

}  // namespace seqlab::facade
