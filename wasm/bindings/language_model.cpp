// Embind registration of what every language model does (wasm/facade/language_model.h): the base class of
// the Trainer and the LoadedModel (wasm/bindings/trainer.cpp, loaded_model.cpp), whose JS objects inherit
// these calls; each kind registers its own progressJson and save. Nothing but registration.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/language_model.h"

namespace {
using seqlab::bindings::rethrow_as_js;
using seqlab::facade::LanguageModel;

std::string curve_json(const LanguageModel& m) { return rethrow_as_js([&] { return m.curve().dump(); }); }
std::string options_json(const LanguageModel& m) { return rethrow_as_js([&] { return m.options().dump(); }); }
std::string generate_json(LanguageModel& m, const std::string& json) {
  return rethrow_as_js([&] { return m.generate(json).dump(); });
}
int parameter_count(const LanguageModel& m) { return m.parameter_count(); }
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_language_model) {
  emscripten::class_<LanguageModel>("LanguageModel")
      .function("curveJson", &curve_json)
      .function("optionsJson", &options_json)
      .function("generateJson", &generate_json)
      .function("parameterCount", &parameter_count);
}
