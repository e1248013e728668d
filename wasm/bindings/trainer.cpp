// Embind registration of the trainer facade (wasm/facade/trainer.h). Nothing but registration.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/trainer.h"

namespace {
using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;
using seqlab::facade::Corpus;
using seqlab::facade::Trainer;

Trainer* make_trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json) {
  return rethrow_as_js([&] { return new Trainer(corpus, model_json, train_json); });
}
Trainer* load_trainer(const emscripten::val& bytes) {
  return rethrow_as_js([&] {
    return new Trainer(Trainer::load(emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes)));
  });
}
Trainer* resume_trainer(const Corpus& corpus, const emscripten::val& bytes) {
  return rethrow_as_js([&] {
    return new Trainer(Trainer::resume(corpus, emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes)));
  });
}
std::string curve_json(const Trainer& t) { return rethrow_as_js([&] { return t.curve().dump(); }); }
std::string progress_json(const Trainer& t) { return rethrow_as_js([&] { return t.progress().dump(); }); }
bool resumable(const Trainer& t) { return t.resumable(); }
std::string run_json(Trainer& t, int n) { return rethrow_as_js([&] { return t.run(n).dump(); }); }
std::string evaluate_json(Trainer& t) { return rethrow_as_js([&] { return t.evaluate().dump(); }); }
void set_options(Trainer& t, const std::string& json) { rethrow_as_js([&] { t.set_options(json); }); }
std::string options_json(const Trainer& t) { return rethrow_as_js([&] { return t.options().dump(); }); }
std::string generate_json(Trainer& t, const std::string& json) {
  return rethrow_as_js([&] { return t.generate(json).dump(); });
}
std::string diagnostics_json(const Trainer& t) { return rethrow_as_js([&] { return t.diagnostics().dump(); }); }
emscripten::val save(const Trainer& t) {
  return rethrow_as_js([&] {
    return typed_array_copy(t.save());
  });
}
int parameter_count(const Trainer& t) { return t.parameter_count(); }
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_trainer) {
  emscripten::class_<Trainer>("Trainer")
      .constructor(&make_trainer, emscripten::allow_raw_pointers())
      .class_function("load", &load_trainer, emscripten::allow_raw_pointers())
      .class_function("resume", &resume_trainer, emscripten::allow_raw_pointers())
      .function("curveJson", &curve_json)
      .function("progressJson", &progress_json)
      .function("resumable", &resumable)
      .function("runJson", &run_json)
      .function("evaluateJson", &evaluate_json)
      .function("setOptions", &set_options)
      .function("optionsJson", &options_json)
      .function("generateJson", &generate_json)
      .function("diagnosticsJson", &diagnostics_json)
      .function("save", &save)
      .function("parameterCount", &parameter_count);
}
