#include "wasm/facade/engine_info.h"

#include "engine/core/gemm.h"
#include "engine/core/version.h"

namespace seqlab::facade {

io::Json engine_info() {
  io::Json info = io::Json::object();
  info.set("version", kVersion).set("simd", simd_enabled()).set("target", build_target());
  info.set("kernels", sgemm_backend());
  io::Json sets = io::Json::array();
  for (const std::string& name : sgemm_kernels()) sets.push(name);
  info.set("kernelSets", std::move(sets));
  return info;
}

void select_gemm_kernels(const std::string& name) { sgemm_select_kernel(name); }

}  // namespace seqlab::facade
