#pragma once
// What a recurrent model is (cell, sizes, input, initialisation) and how its gradient is truncated (docs/math.md §5).
// Both read and write the JS-style JSON the facade and checkpoints use, through the model group's table
// (engine/nn/model_options.h): every range and choice list of a model is written once, there.
#include <cstdint>
#include <string>

#include "engine/core/options.h"
#include "engine/core/json.h"

namespace seqlab::nn {

enum class CellType { Rnn, Gru, Lstm };
enum class Activation { Tanh, Relu, Identity };
enum class GruVariant { Notes /* 'notes' (old name 'seed'): reset before the recurrent product */, ResetAfter };
enum class Init { Uniform /* PyTorch U(-1/sqrt(H), 1/sqrt(H)), default */, Normal /* D2L N(0, 0.01) */ };

struct ModelOptions {
  CellType cell = CellType::Gru;
  int vocab = 28;
  int hidden = 256;
  int layers = 1;
  int embedding = 0;  // 0 = one-hot input (a column gather of W_x*), else size E of a learned embedding
  Activation activation = Activation::Tanh;  // RNN only
  GruVariant gru_variant = GruVariant::Notes;  // GRU only
  Init init = Init::Uniform;
  // Added to the drawn bias of the gate that keeps the state, signed so that a positive value keeps it:
  // the LSTM's forget gate b_f += gate_bias; the GRU's update gate b_z -= gate_bias (h = (1 - z) h_prev +
  // z ht keeps 1 - z = sigmoid(gate_bias) at zero input). At the start about sigmoid(gate_bias) of the
  // state is kept per step (0: a half; 2: 88%). The RNN has no such gate (no effect).
  double gate_bias = 0;
  std::uint64_t seed = 0;

  void validate() const;  // throws seqlab::Error naming the bad field and its range (model_options())
  // JS-style keys: cell, vocab, hidden, layers, embedding, activation, gruVariant ('notes'|'reset_after';
  // 'seed' still reads as 'notes'), init ('uniform'|'normal'), gateBias, seed. Missing keys keep their defaults (or
  // base's); unknown keys are an error.
  Json to_json() const;
  static ModelOptions from_json(const Json&);
  static ModelOptions from_json(const Json&, const ModelOptions& base);

  int gate_count() const;  // G: stacked blocks of H rows per layer (RNN 1, GRU 3, LSTM 4)
  int input_size(int layer) const;  // I of layer l: V (one-hot), E (embedding) or H (layers above 0)
};

struct Truncation {  // docs/math.md §5; in the options as three keys: truncation {full, fixed, random}, tau, pi
  enum class Kind { Full, Fixed, Random } kind = Kind::Full;
  int tau = 10;     // fixed: the gradient is cut every tau steps
  double pi = 0.5;  // random: the probability of KEEPING a step (xi = 1/pi), in (0, 1]
  // The one-string form of older options, checkpoints and URLs: "full" | "fixed:TAU" | "random:PI".
  static Truncation parse(const std::string&);  // throws Error naming the text and the allowed forms
  std::string to_string() const;                // the same form; PI printed so that it reads back unchanged
};

// The specs of tau and pi (ranges written once: the train table and Truncation::parse use them).
OptionSpec truncation_tau_spec();
OptionSpec truncation_pi_spec();

const char* to_string(CellType);
const char* to_string(Activation);
const char* to_string(GruVariant);  // "notes" | "reset_after" (the JS names)
const char* to_string(Init);

}  // namespace seqlab::nn
