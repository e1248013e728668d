#include "wasm/facade/model.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/nn/cell_traits.h"
#include "engine/core/rng.h"
#include "engine/train/lab_options.h"
#include "wasm/facade/json_text.h"

namespace seqlab::facade {

namespace {
nn::ModelOptions parse_config(const std::string& text) { return nn::ModelOptions::from_json(Json::parse(text)); }
}  // namespace

Json LossResult::summary() const {
  Json j = Json::object();
  j.set("loss", loss);
  Json norms = Json::array();
  for (const auto& layer : hidden_grad_norms) {
    Json row = Json::array();
    for (double v : layer) row.push(v);
    norms.push(std::move(row));
  }
  j.set("hiddenGradNorms", std::move(norms));
  Json gates = Json::object();
  for (const auto& [name, mean] : gate_means) gates.set(name, mean);
  j.set("gateMeans", std::move(gates));
  if (!path_norms.empty()) {
    Json layers = Json::array();
    for (const auto& layer : path_norms) {
      Json steps = Json::array();
      for (const auto& step : layer) {
        Json terms = Json::object();
        for (std::size_t k = 0; k < path_terms.size(); ++k) terms.set(path_terms[k], step[k]);
        steps.push(std::move(terms));
      }
      layers.push(std::move(steps));
    }
    j.set(nn::cell_traits(cell).path_key, std::move(layers));
  }
  return j;
}

Model::Model(const std::string& config_json) : model_(parse_config(config_json)) {}

Json Model::parameter_names_json() const {
  Json names = Json::array();
  for (const auto& info : model_.parameter_infos()) names.push(info.name);
  return names;
}

Json Model::parameter_shape_json(const std::string& name) const {
  Json shape = Json::array();
  for (int d : model_.parameter_info(name).shape) shape.push(d);
  return shape;
}

Json Model::parameter_layout_json() const {
  Json out = Json::array();
  for (const auto& info : model_.parameter_infos()) {
    Json shape = Json::array();
    for (int d : info.shape) shape.push(d);
    Json e = Json::object();
    e.set("name", info.name).set("shape", std::move(shape)).set("offset", info.offset).set("size", info.size);
    out.push(std::move(e));
  }
  return out;
}

std::vector<float> Model::get_parameter(const std::string& name) const {
  const auto& info = model_.parameter_info(name);
  const float* p = model_.parameters() + info.offset;
  return std::vector<float>(p, p + info.size);
}

void Model::set_parameter(const std::string& name, const std::vector<float>& values) {
  const auto& info = model_.parameter_info(name);
  if (values.size() != info.size)
    throw Error("setParameter('" + name + "'): " + std::to_string(values.size()) + " values, expected " +
                std::to_string(info.size));
  std::copy(values.begin(), values.end(), model_.parameters() + info.offset);
}

std::vector<float> Model::get_parameters() const {
  return std::vector<float>(model_.parameters(), model_.parameters() + model_.parameter_count());
}

void Model::set_parameters(const std::vector<float>& values) {
  if (values.size() != model_.parameter_count())
    throw Error("setParameters: " + std::to_string(values.size()) + " values, expected " +
                std::to_string(model_.parameter_count()));
  std::copy(values.begin(), values.end(), model_.parameters());
}

nn::State<float> Model::make_state(int B, const std::vector<float>& h, const std::vector<float>& c) const {
  nn::State<float> s = model_.zero_state(B);
  const auto& cfg = model_.config();
  const std::size_t n = static_cast<std::size_t>(cfg.layers) * B * cfg.hidden;
  const auto fill = [&](const std::vector<float>& v, std::vector<nn::RowMatrix<float>>& out, const char* what) {
    if (v.empty()) return;
    if (v.size() != n)
      throw Error(std::string("state.") + what + ": " + std::to_string(v.size()) + " values, expected layers*B*H = " +
                  std::to_string(n));
    for (int l = 0; l < cfg.layers; ++l)
      std::copy(v.begin() + static_cast<std::ptrdiff_t>(l) * B * cfg.hidden,
                v.begin() + static_cast<std::ptrdiff_t>(l + 1) * B * cfg.hidden, out[l].data());
  };
  fill(h, s.h, "h");
  if (nn::cell_traits(cfg.cell).cell_state) fill(c, s.c, "c");
  else if (!c.empty()) throw Error("state.c: only an LSTM has a cell state");
  return s;
}

LossResult Model::loss_and_gradients(const std::vector<std::int32_t>& inputs, const std::vector<std::int32_t>& targets,
                                     int B, int T, const std::string& options_json, const std::vector<float>& state_h,
                                     const std::vector<float>& state_c) {
  if (B < 1 || T < 1) throw Error("lossAndGradients: B = " + std::to_string(B) + ", T = " + std::to_string(T) +
                                  " must both be >= 1");
  const std::size_t n = static_cast<std::size_t>(B) * T;
  if (inputs.size() != n || targets.size() != n)
    throw Error("lossAndGradients: inputs has " + std::to_string(inputs.size()) + " and targets " +
                std::to_string(targets.size()) + " ids, expected B*T = " + std::to_string(n));
  // The JS wrapper takes `state` out of the options and passes it apart: it never arrives here.
  const train::LossAndGradientsOptions o = read_options(
      train::loss_and_gradients_options(), parse_options_text(options_json, "lossAndGradients"),
      train::LossAndGradientsOptions());
  nn::State<float> state = make_state(B, state_h, state_c);
  Rng rng(o.seed);
  nn::Diagnostics diagnostics;
  LossResult r;
  r.cell = model_.config().cell;
  r.loss = model_.loss_and_gradients(inputs.data(), targets.data(), B, T, o.truncation, rng, state, &diagnostics,
                                     o.loss);
  r.gradients.assign(model_.gradients(), model_.gradients() + model_.parameter_count());
  for (const auto& h : state.h) r.state_h.insert(r.state_h.end(), h.data(), h.data() + h.size());
  for (const auto& c : state.c) r.state_c.insert(r.state_c.end(), c.data(), c.data() + c.size());
  r.hidden_grad_norms = std::move(diagnostics.hidden_grad_norms);
  r.gate_means = std::move(diagnostics.gate_means);
  r.path_terms = std::move(diagnostics.path_terms);
  r.path_norms = std::move(diagnostics.path_norms);
  return r;
}

std::vector<std::pair<std::string, std::vector<float>>> Model::gate_activations(const std::vector<std::int32_t>& inputs,
                                                                               int T) {
  if (T < 1 || inputs.size() != static_cast<std::size_t>(T))
    throw Error("gateActivations: inputs has " + std::to_string(inputs.size()) + " ids, expected T = " +
                std::to_string(T) + " (one sequence, T >= 1)");
  std::vector<std::pair<std::string, std::vector<float>>> out;
  for (auto& [name, m] : model_.gate_activations(inputs.data(), T))
    out.emplace_back(name, std::vector<float>(m.data(), m.data() + m.size()));  // RowMatrix: (T, H) row-major
  return out;
}

}  // namespace seqlab::facade
