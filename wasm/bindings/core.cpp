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
void select_gemm_kernels(const std::string& name) {
  seqlab::bindings::rethrow_as_js([&] { seqlab::facade::select_gemm_kernels(name); });
}
std::string schema_json() {
  return seqlab::bindings::rethrow_as_js([] { return seqlab::facade::schema().dump(); });
}
}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_core) {
  emscripten::function("engineInfoJson", &engine_info_json);
  emscripten::function("schemaJson", &schema_json);
  emscripten::function("selectGemmKernels", &select_gemm_kernels);
}
