// Embind registration of the engine information and the option schema (wasm/facade/engine_info.h,
// schema.h). Nothing but registration. Compiled into both modules: the page's (SEQLAB_SESSION_MODULE, see
// CMakeLists.txt) serves the Session's groups only, so that the command line's option tables stay out of it.
#include <emscripten/bind.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/engine_info.h"
#include "wasm/facade/schema.h"

namespace {
std::string engine_info_json() {
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::engine_info().dump(); });
}
std::string schema_json() {
#ifdef SEQLAB_SESSION_MODULE
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::session_schema().dump(); });
#else
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::schema().dump(); });
#endif
}
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_core) {
  emscripten::function("engineInfoJson", &engine_info_json);
  emscripten::function("schemaJson", &schema_json);
}
