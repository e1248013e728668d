#pragma once
// What a recurrent model is (cell, sizes, input, initialisation) and how its gradient is truncated (MATH §5).
// Both read and write the JS-style JSON the facade and checkpoints use.
#include <cstdint>
#include <string>

#include "engine/io/json.h"

namespace seqlab::nn {

enum class CellType { Rnn, Gru, Lstm };
enum class Activation { Tanh, Relu, Identity };
enum class GruVariant { Notes /* JS 'seed': reset before the recurrent product */, ResetAfter };
enum class Init { Uniform /* PyTorch U(-1/sqrt(H), 1/sqrt(H)), default */, Normal /* D2L N(0, 0.01) */ };

struct ModelConfig {
  CellType cell = CellType::Gru;
  int vocab = 28;
  int hidden = 256;
  int layers = 1;
  int embedding = 0;  // 0 = one-hot input (a column gather of W_x*), else size E of a learned embedding
  Activation activation = Activation::Tanh;  // RNN only
  GruVariant gru_variant = GruVariant::Notes;  // GRU only
  Init init = Init::Uniform;
  std::uint64_t seed = 0;

  void validate() const;  // throws seqlab::Error naming the bad field and its range
  // JS-style keys: cell, vocab, hidden, layers, embedding, activation, gruVariant ('seed'|'reset_after'),
  // init ('uniform'|'normal'), seed. Missing keys keep their defaults; unknown keys are an error.
  io::Json to_json() const;
  static ModelConfig from_json(const io::Json&);

  int gate_count() const;  // G: stacked blocks of H rows per layer (RNN 1, GRU 3, LSTM 4)
  int input_size(int layer) const;  // I of layer l: V (one-hot), E (embedding) or H (layers above 0)
};

struct Truncation {  // MATH §5
  enum class Kind { Full, Fixed, Random } kind = Kind::Full;
  int tau = 0;
  double pi = 1.0;
  static Truncation parse(const std::string&);  // "full" | "fixed:TAU" | "random:PI"; throws Error
  std::string to_string() const;
};

const char* to_string(CellType);
const char* to_string(Activation);
const char* to_string(GruVariant);  // "seed" | "reset_after" (the JS names)
const char* to_string(Init);

}  // namespace seqlab::nn
