// Embind registration of the engine information (wasm/facade/engine_info.h). Nothing but registration.
#include <emscripten/bind.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/engine_info.h"

namespace {
std::string engine_info_json() {
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::engine_info().dump(); });
}
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_core) { emscripten::function("engineInfoJson", &engine_info_json); }
