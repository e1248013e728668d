#include "engine/train/generate_options.h"

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(GenerateOptions, generate_options, "generate") {
  using G = GenerateOptions;
  t.options = {
      string_option<G>("prefix", SEQLAB_FIELD(prefix), "text to continue (preprocessed like the corpus)"),
      int_option<G>("length", SEQLAB_FIELD(length), 0, 100000, "tokens to generate"),
      number_option<G>("temperature", SEQLAB_FIELD(temperature), 0, 100,
                       "softmax temperature; 0 = greedy (the most probable token)"),
      int_option<G>("topK", SEQLAB_FIELD(top_k), 0, 1 << 20, "sample among the k most probable tokens; 0 = all"),
      int_option<G>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger, "seed of the draws"),
  };
}

SEQLAB_OPTION_TABLE(GenerateOutputOptions, generate_output_options, "generateOutput") {
  t.options = {bool_option<GenerateOutputOptions>("showTop", SEQLAB_FIELD(show_top),
                                           "print each step's five most probable tokens")};
}

train::Decoding GenerateOptions::decoding() const {
  train::Decoding o;
  o.length = length;
  o.temperature = temperature;
  o.top_k = top_k;
  return o;
}

}  // namespace seqlab::schema
