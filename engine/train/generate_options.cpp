#include "engine/train/generate_options.h"

namespace seqlab::schema {

namespace {

OptionTable<GenerateConfig> make_generate_options() {
  using G = GenerateConfig;
  OptionTable<G> t;
  t.group = "generate";
  t.options = {
      string_option<G>("prefix", SEQLAB_FIELD(prefix), "text to continue (preprocessed like the corpus)"),
      int_option<G>("length", SEQLAB_FIELD(length), 0, 100000, "tokens to generate"),
      number_option<G>("temperature", SEQLAB_FIELD(temperature), 0, 100,
                       "softmax temperature; 0 = greedy (the most probable token)"),
      int_option<G>("topK", SEQLAB_FIELD(top_k), 0, 1 << 20, "sample among the k most probable tokens; 0 = all"),
      int_option<G>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger, "seed of the draws"),
  };
  return t;
}

OptionTable<GenerateOutput> make_generate_output_options() {
  OptionTable<GenerateOutput> t;
  t.group = "generateOutput";
  t.options = {bool_option<GenerateOutput>("showTop", SEQLAB_FIELD(show_top),
                                           "print each step's five most probable tokens")};
  return t;
}

}  // namespace

train::GenerateOptions GenerateConfig::engine_options() const {
  train::GenerateOptions o;
  o.length = length;
  o.temperature = temperature;
  o.top_k = top_k;
  return o;
}

const OptionTable<GenerateConfig>& generate_options() {
  static const OptionTable<GenerateConfig> table = make_generate_options();
  return table;
}

const OptionTable<GenerateOutput>& generate_output_options() {
  static const OptionTable<GenerateOutput> table = make_generate_output_options();
  return table;
}

}  // namespace seqlab::schema
