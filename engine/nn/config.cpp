#include "engine/nn/config.h"

#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"

namespace seqlab::nn {

namespace {
void check_range(const char* field, long long value, long long lo, long long hi) {
  if (value < lo || value > hi)
    throw Error(std::string("model config: ") + field + " = " + std::to_string(value) + " is outside [" +
                std::to_string(lo) + ", " + std::to_string(hi) + "]");
}
}  // namespace

const char* to_string(CellType c) { return c == CellType::Rnn ? "rnn" : c == CellType::Gru ? "gru" : "lstm"; }
const char* to_string(Activation a) {
  return a == Activation::Tanh ? "tanh" : a == Activation::Relu ? "relu" : "identity";
}
const char* to_string(GruVariant v) { return v == GruVariant::Notes ? "seed" : "reset_after"; }
const char* to_string(Init i) { return i == Init::Uniform ? "uniform" : "normal"; }

void ModelConfig::validate() const {
  check_range("vocab", vocab, 1, 1 << 20);
  check_range("hidden", hidden, 1, 4096);
  check_range("layers", layers, 1, 16);
  check_range("embedding", embedding, 0, 4096);
}

int ModelConfig::gate_count() const { return cell == CellType::Rnn ? 1 : cell == CellType::Gru ? 3 : 4; }

int ModelConfig::input_size(int layer) const {
  if (layer > 0) return hidden;
  return embedding > 0 ? embedding : vocab;
}

io::Json ModelConfig::to_json() const {
  io::Json j = io::Json::object();
  j.set("cell", to_string(cell)).set("vocab", vocab).set("hidden", hidden).set("layers", layers);
  j.set("embedding", embedding).set("activation", to_string(activation));
  j.set("gruVariant", to_string(gru_variant)).set("init", to_string(init));
  j.set("seed", static_cast<double>(seed));
  return j;
}

ModelConfig ModelConfig::from_json(const io::Json& j) {
  if (!j.is_object()) throw Error("model config: expected a JSON object");
  ModelConfig c;
  for (const auto& [key, value] : j.as_object()) {
    try {
    if (key == "cell") {
      const std::string& s = value.as_string();
      if (s == "rnn") c.cell = CellType::Rnn;
      else if (s == "gru") c.cell = CellType::Gru;
      else if (s == "lstm") c.cell = CellType::Lstm;
      else throw Error("model config: cell = '" + s + "' is not one of 'rnn', 'gru', 'lstm'");
    } else if (key == "vocab") {
      c.vocab = static_cast<int>(value.as_int(1, 1 << 20));
    } else if (key == "hidden") {
      c.hidden = static_cast<int>(value.as_int(1, 4096));
    } else if (key == "layers") {
      c.layers = static_cast<int>(value.as_int(1, 16));
    } else if (key == "embedding") {
      c.embedding = static_cast<int>(value.as_int(0, 4096));
    } else if (key == "activation") {
      const std::string& s = value.as_string();
      if (s == "tanh") c.activation = Activation::Tanh;
      else if (s == "relu") c.activation = Activation::Relu;
      else if (s == "identity") c.activation = Activation::Identity;
      else throw Error("model config: activation = '" + s + "' is not one of 'tanh', 'relu', 'identity'");
    } else if (key == "gruVariant") {
      const std::string& s = value.as_string();
      if (s == "seed") c.gru_variant = GruVariant::Notes;
      else if (s == "reset_after") c.gru_variant = GruVariant::ResetAfter;
      else throw Error("model config: gruVariant = '" + s + "' is not one of 'seed', 'reset_after'");
    } else if (key == "init") {
      const std::string& s = value.as_string();
      if (s == "uniform") c.init = Init::Uniform;
      else if (s == "normal") c.init = Init::Normal;
      else throw Error("model config: init = '" + s + "' is not one of 'uniform', 'normal'");
    } else if (key == "seed") {
      c.seed = static_cast<std::uint64_t>(value.as_int(0, 9007199254740991LL));  // JS safe integers
    } else {
      throw Error("model config: unknown key '" + key +
                  "' (allowed: cell, vocab, hidden, layers, embedding, activation, gruVariant, init, seed)");
    }
    } catch (const Error& e) {
      const std::string what = e.what();
      if (what.rfind("model config:", 0) == 0) throw;
      throw Error("model config: " + key + ": " + what);  // JSON type/range errors, named by their field
    }
  }
  c.validate();
  return c;
}

Truncation Truncation::parse(const std::string& s) {
  Truncation t;
  if (s == "full") return t;
  const auto colon = s.find(':');
  const std::string kind = s.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : s.substr(colon + 1);
  char* end = nullptr;
  if (kind == "fixed" && !arg.empty()) {
    const long v = std::strtol(arg.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 1000000)
      throw Error("truncation: tau in '" + s + "' must be an integer in [1, 1000000]");
    t.kind = Kind::Fixed;
    t.tau = static_cast<int>(v);
    return t;
  }
  if (kind == "random" && !arg.empty()) {
    const double v = std::strtod(arg.c_str(), &end);
    if (*end != '\0' || !(v > 0.0 && v <= 1.0))
      throw Error("truncation: pi in '" + s + "' must be a number in (0, 1]");
    t.kind = Kind::Random;
    t.pi = v;
    return t;
  }
  throw Error("truncation: '" + s + "' is not 'full', 'fixed:TAU' (TAU >= 1) or 'random:PI' (0 < PI <= 1)");
}

std::string Truncation::to_string() const {
  if (kind == Kind::Full) return "full";
  if (kind == Kind::Fixed) return "fixed:" + std::to_string(tau);
  std::string p = std::to_string(pi);
  while (p.size() > 1 && p.back() == '0') p.pop_back();
  if (!p.empty() && p.back() == '.') p.pop_back();
  return "random:" + p;
}

}  // namespace seqlab::nn
