// Embind registration of the trainer facade (wasm/facade/trainer.h): a LanguageModel
// (wasm/bindings/language_model.cpp) that trains. Nothing but registration.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/trainer.h"

namespace {
using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;
using seqlab::facade::Corpus;
using seqlab::facade::LanguageModel;
using seqlab::facade::Trainer;

Trainer* make_trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json) {
  return rethrow_as_js([&] { return new Trainer(corpus, model_json, train_json); });
}
Trainer* resume_trainer(const Corpus& corpus, const emscripten::val& bytes) {
  return rethrow_as_js([&] {
    return new Trainer(Trainer::resume(corpus, emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes)));
  });
}
std::string run_json(Trainer& t, int n) { return rethrow_as_js([&] { return t.run(n).dump(); }); }
std::string evaluate_json(Trainer& t) { return rethrow_as_js([&] { return t.evaluate().dump(); }); }
void set_options(Trainer& t, const std::string& json) { rethrow_as_js([&] { t.set_options(json); }); }
std::string diagnostics_json(const Trainer& t) { return rethrow_as_js([&] { return t.diagnostics().dump(); }); }
std::string progress_json(const Trainer& t) { return rethrow_as_js([&] { return t.progress().dump(); }); }
emscripten::val save(const Trainer& t) { return rethrow_as_js([&] { return typed_array_copy(t.save()); }); }
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_trainer) {
  emscripten::class_<Trainer, emscripten::base<LanguageModel>>("Trainer")
      .constructor(&make_trainer, emscripten::allow_raw_pointers())
      .class_function("resume", &resume_trainer, emscripten::allow_raw_pointers())
      .function("runJson", &run_json)
      .function("evaluateJson", &evaluate_json)
      .function("setOptions", &set_options)
      .function("diagnosticsJson", &diagnostics_json)
      .function("progressJson", &progress_json)
      .function("save", &save);
}
