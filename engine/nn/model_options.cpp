#include "engine/nn/model_options.h"

#include <string>
#include <utility>
#include <vector>

namespace seqlab::nn {

SEQLAB_OPTION_TABLE(ModelOptions, model_options, "model") {
  using C = ModelOptions;
  t.options = {
      choice_option<C>("cell", SEQLAB_FIELD(cell),
                       std::vector<std::pair<std::string, CellType>>{
                           {"rnn", CellType::Rnn}, {"gru", CellType::Gru}, {"lstm", CellType::Lstm}},
                       "recurrent cell"),
      int_option<C>("vocab", SEQLAB_FIELD(vocab), 1, 1 << 20, "vocabulary size V (a trainer takes its corpus's)"),
      int_option<C>("hidden", SEQLAB_FIELD(hidden), 1, 4096, "hidden units per layer H"),
      int_option<C>("layers", SEQLAB_FIELD(layers), 1, 16, "stacked recurrent layers"),
      int_option<C>("embedding", SEQLAB_FIELD(embedding), 0, 4096,
                    "size E of a learned input embedding; 0 = one-hot input"),
      choice_option<C>("activation", SEQLAB_FIELD(activation),
                       std::vector<std::pair<std::string, Activation>>{
                           {"tanh", Activation::Tanh}, {"relu", Activation::Relu}, {"identity", Activation::Identity}},
                       "RNN activation"),
      choice_option<C>("gruVariant", SEQLAB_FIELD(gru_variant),
                       std::vector<std::pair<std::string, GruVariant>>{{"notes", GruVariant::Notes},
                                                                       {"reset_after", GruVariant::ResetAfter}},
                       "GRU: notes = reset before the recurrent product; reset_after = cuDNN/PyTorch form",
                       {{"seed", "notes"}}),
      choice_option<C>("init", SEQLAB_FIELD(init),
                       std::vector<std::pair<std::string, Init>>{{"uniform", Init::Uniform}, {"normal", Init::Normal}},
                       "initialisation: uniform = U(-1/sqrt(H), 1/sqrt(H)) (PyTorch); normal = N(0, 0.01) (D2L)"),
      number_option<C>("gateBias", SEQLAB_FIELD(gate_bias), -20, 20,
                       "added to the initial bias of the gate that keeps the state (LSTM forget gate; GRU update "
                       "gate, sign flipped): sigmoid(gateBias) of the state is kept per step at the start (0: 0.5, "
                       "1: 0.73, 2: 0.88); no effect on an RNN"),
      int_option<C>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                    "seed of the weights (a trainer takes its train seed)"),
  };
}

}  // namespace seqlab::nn
