// gateBias (ModelOptions::gate_bias) moves exactly the bias of the gate that keeps the state, read through the
// PyTorch export's parameter layout (engine/io/safetensors.h), where both cells have it in the same place:
// torch.nn.LSTM's bias_ih rows [H, 2H) are the forget gate f (gates i|f|g|o), torch.nn.GRU's the update gate
// z (gates r|z|n, h = (1 - z) n + z h_prev, so a larger bias keeps more). Every other value is unchanged,
// for the same seed, and with D2L's normal init (zero biases) the keep bias is exactly gateBias.
#include <doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/io/safetensors.h"
#include "engine/nn/model.h"

using namespace seqlab;
using namespace seqlab::nn;

namespace {

std::vector<io::ExportTensor> exported(ModelOptions c) {
  Model<float> m(c);
  return io::pytorch_tensors(c, std::vector<float>(m.parameters(), m.parameters() + m.parameter_count()));
}

// The sigmoid of the keep gate at zero input, from the exported torch layout: what the help text promises.
double kept_at_start(const ModelOptions& c, const std::vector<io::ExportTensor>& t) {
  const auto& b = t[2].data;  // rnn.bias_ih_l0
  return 1.0 / (1.0 + std::exp(-b[static_cast<std::size_t>(c.hidden)]));
}

}  // namespace

TEST_CASE("gateBias: adds to the keep gate's bias rows only, in both GRU forms and the LSTM, layer by layer") {
  for (CellType cell : {CellType::Gru, CellType::Lstm})
    for (GruVariant variant : {GruVariant::Notes, GruVariant::ResetAfter}) {
      if (cell == CellType::Lstm && variant == GruVariant::ResetAfter) continue;
      ModelOptions c;
      c.cell = cell;
      c.gru_variant = variant;
      c.vocab = 7;
      c.hidden = 5;
      c.layers = 2;
      c.seed = 9;
      const auto base = exported(c);
      c.gate_bias = 2;
      const auto kept = exported(c);
      REQUIRE(base.size() == kept.size());
      const std::size_t H = 5;
      for (std::size_t k = 0; k < base.size(); ++k) {
        CAPTURE(base[k].name);
        REQUIRE(base[k].data.size() == kept[k].data.size());
        const bool keep_bias = base[k].name.rfind("rnn.bias_ih_l", 0) == 0;
        for (std::size_t i = 0; i < base[k].data.size(); ++i) {
          const double added = kept[k].data[i] - base[k].data[i];
          CHECK(added == doctest::Approx(keep_bias && i >= H && i < 2 * H ? 2.0 : 0.0).epsilon(1e-6));
        }
      }
    }
}

TEST_CASE("gateBias: with zero initial biases the keep bias is gateBias, and sigmoid(gateBias) is kept") {
  for (CellType cell : {CellType::Gru, CellType::Lstm}) {
    ModelOptions c;
    c.cell = cell;
    c.vocab = 4;
    c.hidden = 3;
    c.init = Init::Normal;
    c.gate_bias = 2;
    const auto t = exported(c);
    REQUIRE(t[2].name == "rnn.bias_ih_l0");
    for (std::size_t i = 0; i < t[2].data.size(); ++i) CHECK(t[2].data[i] == (i >= 3 && i < 6 ? 2.0f : 0.0f));
    CHECK(kept_at_start(c, t) == doctest::Approx(0.8808).epsilon(1e-4));
  }
}

TEST_CASE("gateBias: an RNN has no keep gate (no effect); a trainer's re-initialisation keeps it") {
  ModelOptions c;
  c.cell = CellType::Rnn;
  c.vocab = 4;
  c.hidden = 3;
  const auto base = exported(c);
  c.gate_bias = 3;
  const auto same = exported(c);
  for (std::size_t k = 0; k < base.size(); ++k) CHECK(base[k].data == same[k].data);

  c.cell = CellType::Lstm;
  c.init = Init::Normal;
  Model<float> m(c);
  Rng rng(5);
  m.initialize(rng);  // what a trainer does with its own generator
  const float* b = m.parameter("l0.b_f");
  for (int i = 0; i < 3; ++i) CHECK(b[i] == 3.0f);
}
