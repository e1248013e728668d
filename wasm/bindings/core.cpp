// Embind registration of the engine information and the option schema (wasm/facade/engine_info.h,
// schema.h). Nothing but registration.
#include <emscripten/bind.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/engine_info.h"
#include "wasm/facade/schema.h"

namespace {
std::string engine_info_json() {
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::engine_info().dump(); });
}
std::string schema_json() {
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::schema().dump(); });
}
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_core) {
  emscripten::function("engineInfoJson", &engine_info_json);
  emscripten::function("schemaJson", &schema_json);
}
