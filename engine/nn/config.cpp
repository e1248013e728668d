#include "engine/nn/config.h"

#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/nn/cell_traits.h"
#include "engine/nn/model_options.h"

namespace seqlab::nn {

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

void ModelOptions::validate() const { validate_options(model_options(), *this); }

int ModelOptions::gate_count() const { return static_cast<int>(cell_traits(cell).gates.size()); }

int ModelOptions::input_size(int layer) const {
  if (layer > 0) return hidden;
  return embedding > 0 ? embedding : vocab;
}

Json ModelOptions::to_json() const { return write_options(model_options(), *this); }

ModelOptions ModelOptions::from_json(const Json& j, const ModelOptions& base) {
  if (!j.is_object()) throw Error("model options: expected a JSON object, got " + j.dump());
  return read_options(model_options(), j, base);
}

ModelOptions ModelOptions::from_json(const Json& j) { return from_json(j, ModelOptions()); }

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
