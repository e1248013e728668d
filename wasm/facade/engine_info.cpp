#include "wasm/facade/engine_info.h"

#include "engine/core/version.h"

namespace seqlab::facade {

Json engine_info() {
  Json info = Json::object();
  info.set("version", kVersion).set("simd", simd_enabled()).set("target", build_target());
  return info;
}

}  // namespace seqlab::facade
