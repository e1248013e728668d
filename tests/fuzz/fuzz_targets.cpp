#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> targets = {
      {"text", fuzz_text},
      {"vocabulary", fuzz_vocabulary},
      {"ngram", fuzz_ngram},
      {"checkpoint", fuzz_checkpoint},
      {"options", fuzz_options},
  };
  return targets;
}

}  // namespace seqlab::fuzz
