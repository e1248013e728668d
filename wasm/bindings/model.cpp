// Embind registration of the model facade (wasm/facade/model.h). Nothing but registration: a loss call
// returns its summary as JSON and keeps the bulk numbers (gradients, final state) for the typed-array getters.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/model.h"

namespace {

using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;

// The facade model plus the result of its last loss call (the typed arrays are read right after the call).
struct BoundModel {
  seqlab::facade::Model model;
  seqlab::facade::LossResult last;
  explicit BoundModel(const std::string& config) : model(config) {}
};

BoundModel* make_model(std::string config_json) {
  return rethrow_as_js([&] { return new BoundModel(config_json); });
}
std::string config_json(const BoundModel& m) { return rethrow_as_js([&] { return m.model.config().dump(); }); }
std::string parameter_names_json(const BoundModel& m) {
  return rethrow_as_js([&] { return m.model.parameter_names_json().dump(); });
}
std::string parameter_shape_json(const BoundModel& m, std::string name) {
  return rethrow_as_js([&] { return m.model.parameter_shape_json(name).dump(); });
}
std::string parameter_layout_json(const BoundModel& m) {
  return rethrow_as_js([&] { return m.model.parameter_layout_json().dump(); });
}
emscripten::val get_parameter(const BoundModel& m, std::string name) {
  return rethrow_as_js([&] { return typed_array_copy(m.model.get_parameter(name)); });
}
void set_parameter(BoundModel& m, std::string name, const emscripten::val& values) {
  rethrow_as_js([&] { m.model.set_parameter(name, emscripten::convertJSArrayToNumberVector<float>(values)); });
}
emscripten::val get_parameters(const BoundModel& m) {
  return rethrow_as_js([&] { return typed_array_copy(m.model.get_parameters()); });
}
void set_parameters(BoundModel& m, const emscripten::val& values) {
  rethrow_as_js([&] { m.model.set_parameters(emscripten::convertJSArrayToNumberVector<float>(values)); });
}
std::string loss_and_gradients_json(BoundModel& m, const emscripten::val& inputs, const emscripten::val& targets,
                                    int B, int T, std::string options_json, const emscripten::val& state_h,
                                    const emscripten::val& state_c) {
  return rethrow_as_js([&] {
    m.last = m.model.loss_and_gradients(emscripten::convertJSArrayToNumberVector<std::int32_t>(inputs),
                                        emscripten::convertJSArrayToNumberVector<std::int32_t>(targets), B, T,
                                        options_json, emscripten::convertJSArrayToNumberVector<float>(state_h),
                                        emscripten::convertJSArrayToNumberVector<float>(state_c));
    return m.last.summary().dump();
  });
}
double spectral_radius(const BoundModel& m, std::string name) {
  return rethrow_as_js([&] { return m.model.spectral_radius(name); });
}
double set_spectral_radius(BoundModel& m, std::string name, double rho) {
  return rethrow_as_js([&] { return m.model.set_spectral_radius(name, rho); });
}
// {'l0.z': Float32Array (T*H), ...}
emscripten::val gate_activations(BoundModel& m, const emscripten::val& inputs, int T) {
  return rethrow_as_js([&] {
    emscripten::val out = emscripten::val::object();
    for (const auto& [name, values] :
         m.model.gate_activations(emscripten::convertJSArrayToNumberVector<std::int32_t>(inputs), T))
      out.set(name, typed_array_copy(values));
    return out;
  });
}
emscripten::val last_gradients(const BoundModel& m) { return typed_array_copy(m.last.gradients); }
emscripten::val last_state_h(const BoundModel& m) { return typed_array_copy(m.last.state_h); }
emscripten::val last_state_c(const BoundModel& m) { return typed_array_copy(m.last.state_c); }

}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_model) {
  emscripten::class_<BoundModel>("RawModel")
      .constructor(&make_model, emscripten::allow_raw_pointers())
      .function("configJson", &config_json)
      .function("parameterNamesJson", &parameter_names_json)
      .function("parameterShapeJson", &parameter_shape_json)
      .function("parameterLayoutJson", &parameter_layout_json)
      .function("getParameter", &get_parameter)
      .function("setParameter", &set_parameter)
      .function("getParameters", &get_parameters)
      .function("setParameters", &set_parameters)
      .function("lossAndGradientsJson", &loss_and_gradients_json)
      .function("spectralRadius", &spectral_radius)
      .function("setSpectralRadius", &set_spectral_radius)
      .function("gateActivations", &gate_activations)
      .function("lastGradients", &last_gradients)
      .function("lastStateH", &last_state_h)
      .function("lastStateC", &last_state_c);
}
