// Embind registration of a model loaded without a corpus (wasm/facade/loaded_model.h): it has the
// LanguageModel's calls (wasm/bindings/language_model.cpp) and no training. Nothing but registration.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/loaded_model.h"

namespace {
using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;
using seqlab::facade::LanguageModel;
using seqlab::facade::LoadedModel;

LoadedModel* load_model(const emscripten::val& bytes) {
  return rethrow_as_js([&] {
    return new LoadedModel(LoadedModel::load(emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes)));
  });
}
std::string progress_json(const LoadedModel& m) { return rethrow_as_js([&] { return m.progress().dump(); }); }
emscripten::val save(const LoadedModel& m) { return rethrow_as_js([&] { return typed_array_copy(m.save()); }); }
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_loaded_model) {
  emscripten::class_<LoadedModel, emscripten::base<LanguageModel>>("LoadedModel")
      .class_function("load", &load_model, emscripten::allow_raw_pointers())
      .function("progressJson", &progress_json)
      .function("save", &save);
}
