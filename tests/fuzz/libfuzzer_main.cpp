// libFuzzer's entry point for one target: CMake builds fuzz_<name> from this file with
// SEQLAB_FUZZ_TARGET="<name>" (tests/fuzz/fuzz_targets.cpp lists the names).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tests/fuzz/fuzz_targets.h"

namespace {
seqlab::fuzz::FuzzFunction target_function() {
  for (const auto& target : seqlab::fuzz::fuzz_targets())
    if (std::strcmp(target.name, SEQLAB_FUZZ_TARGET) == 0) return target.run;
  std::fprintf(stderr, "no fuzz target named %s in tests/fuzz/fuzz_targets.cpp\n", SEQLAB_FUZZ_TARGET);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const seqlab::fuzz::FuzzFunction run = target_function();
  run(data, size);
  return 0;
}
