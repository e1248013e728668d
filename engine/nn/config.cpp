#include "engine/nn/config.h"

#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/nn/cell_traits.h"

namespace seqlab::nn {

SEQLAB_OPTION_TABLE(ModelConfig, model_options, "model") {
  using C = ModelConfig;
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

OptionSpec truncation_tau_spec() {
  return int_spec("tau", 1, 1000000, "fixed truncation: the gradient is cut every tau steps");
}

OptionSpec truncation_pi_spec() {
  OptionSpec s = number_spec("pi", 0, 1,
                             "random truncation: the probability of keeping a step (its gradient is scaled by 1/pi)");
  s.min_exclusive = true;  // pi in (0, 1]
  return s;
}

const char* to_string(CellType c) { return cell_traits(c).name; }
const char* to_string(Activation a) {
  return a == Activation::Tanh ? "tanh" : a == Activation::Relu ? "relu" : "identity";
}
const char* to_string(GruVariant v) { return v == GruVariant::Notes ? "notes" : "reset_after"; }
const char* to_string(Init i) { return i == Init::Uniform ? "uniform" : "normal"; }

void ModelConfig::validate() const { validate_options(model_options(), *this); }

int ModelConfig::gate_count() const { return static_cast<int>(cell_traits(cell).gates.size()); }

int ModelConfig::input_size(int layer) const {
  if (layer > 0) return hidden;
  return embedding > 0 ? embedding : vocab;
}

Json ModelConfig::to_json() const { return write_options(model_options(), *this); }

ModelConfig ModelConfig::from_json(const Json& j, const ModelConfig& base) {
  if (!j.is_object()) throw Error("model options: expected a JSON object, got " + j.dump());
  return read_options(model_options(), j, base);
}

ModelConfig ModelConfig::from_json(const Json& j) { return from_json(j, ModelConfig()); }

Truncation Truncation::parse(const std::string& s) {
  Truncation t;
  if (s == "full") return t;
  const auto colon = s.find(':');
  const std::string kind = s.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : s.substr(colon + 1);
  char* end = nullptr;
  if (kind == "fixed" && !arg.empty()) {
    const OptionSpec spec = truncation_tau_spec();
    const double v = std::strtod(arg.c_str(), &end);
    if (*end != '\0' || v != std::floor(v) || v < spec.min || v > spec.max)
      throw Error("truncation: tau in '" + s + "' must be " + allowed_text(spec));
    t.kind = Kind::Fixed;
    t.tau = static_cast<int>(v);
    return t;
  }
  if (kind == "random" && !arg.empty()) {
    const OptionSpec spec = truncation_pi_spec();
    const double v = std::strtod(arg.c_str(), &end);
    if (*end != '\0' || !(v > spec.min && v <= spec.max))
      throw Error("truncation: pi in '" + s + "' must be " + allowed_text(spec));
    t.kind = Kind::Random;
    t.pi = v;
    return t;
  }
  throw Error("truncation: '" + s + "' is not 'full', 'fixed:TAU' (TAU >= 1) or 'random:PI' (0 < PI <= 1)");
}

std::string Truncation::to_string() const {
  if (kind == Kind::Full) return "full";
  if (kind == Kind::Fixed) return "fixed:" + std::to_string(tau);
  return "random:" + shortest_round_trip(pi);  // six fixed decimals printed 1e-7 as "random:0"
}

}  // namespace seqlab::nn
