#include "wasm/facade/engine_info.h"

#include "engine/core/version.h"

namespace seqlab::facade {

io::Json engine_info() {
  io::Json info = io::Json::object();
  info.set("version", kVersion).set("simd", simd_enabled()).set("target", build_target());
  return info;
}

}  // namespace seqlab::facade
