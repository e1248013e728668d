// PyTorch reference check (docs/math.md §8): with the weights, inputs and initial states of the committed fixtures
// (tests/data/reference/*.json, written by tests/reference/make_fixtures.py from torch.nn.RNN/GRU/LSTM in
// float64, and manual autograd for the notes' GRU), the float32 engine reproduces torch's loss, every
// gradient and the final states. Tolerance, elementwise: |ours - ref| <= 1e-5 * max(|ref|, 1e-2); the floor
// 1e-2 stands for the typical size of the entries (gradients here are ~1e-2..1e-1): float32 rounding of a sum
// is relative to the size of its terms, not of a result that cancels to near zero.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/nn/model.h"

using namespace seqlab;
using namespace seqlab::nn;

namespace {
constexpr double kRelTol = 1e-5, kFloor = 1e-2;

Json load_fixture(const std::string& name) {
  const std::string path = std::string(SEQLAB_TEST_DATA_DIR) + "/reference/" + name + ".json";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str());
  REQUIRE(j.at("magic").as_string() == "seqlab-ref");
  REQUIRE(j.at("version").as_number() == 1);
  return j;
}

std::vector<double> numbers(const Json& a) {
  std::vector<double> v;
  for (const auto& x : a.as_array()) v.push_back(x.as_number());
  return v;
}

// Worst |ours - ref| / max(|ref|, floor) over the entries.
template <class It>
double worst(It ours, const std::vector<double>& ref) {
  double w = 0.0;
  for (std::size_t i = 0; i < ref.size(); ++i)
    w = std::max(w, std::abs(static_cast<double>(ours[i]) - ref[i]) / std::max(std::abs(ref[i]), kFloor));
  return w;
}

void check_fixture(const std::string& name) {
  INFO("fixture " << name);
  const Json f = load_fixture(name);
  const ModelOptions config = ModelOptions::from_json(f.at("config"));
  Model<float> m(config);
  const int B = static_cast<int>(f.at("B").as_number()), T = static_cast<int>(f.at("T").as_number());
  REQUIRE(f.at("parameters").as_object().size() == m.parameter_infos().size());
  for (const auto& info : m.parameter_infos()) {
    const auto v = numbers(f.at("parameters").at(info.name));
    REQUIRE(v.size() == info.size);
    std::copy(v.begin(), v.end(), m.parameter(info.name));
  }
  std::vector<std::int32_t> x, y;
  for (double v : numbers(f.at("inputs"))) x.push_back(static_cast<std::int32_t>(v));
  for (double v : numbers(f.at("targets"))) y.push_back(static_cast<std::int32_t>(v));
  State<float> s = m.zero_state(B);
  for (int l = 0; l < config.layers; ++l) {
    const auto h = numbers(f.at("h0").as_array()[l]);
    std::copy(h.begin(), h.end(), s.h[l].data());
    if (config.cell == CellType::Lstm) {
      const auto c = numbers(f.at("c0").as_array()[l]);
      std::copy(c.begin(), c.end(), s.c[l].data());
    }
  }
  Rng rng(0);
  const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, Truncation::parse("full"), rng, s);
  const double ref_loss = f.at("loss").as_number();
  CHECK(std::abs(loss - ref_loss) <= kRelTol * std::max(std::abs(ref_loss), kFloor));
  for (const auto& info : m.parameter_infos()) {
    const double w = worst(m.gradient(info.name), numbers(f.at("gradients").at(info.name)));
    INFO("gradient " << info.name << " worst relative error " << w);
    CHECK(w <= kRelTol);
  }
  for (int l = 0; l < config.layers; ++l) {
    INFO("layer " << l);
    CHECK(worst(s.h[l].data(), numbers(f.at("hT").as_array()[l])) <= kRelTol);
    if (config.cell == CellType::Lstm) CHECK(worst(s.c[l].data(), numbers(f.at("cT").as_array()[l])) <= kRelTol);
  }
}
}  // namespace

TEST_CASE("nn reference: torch.nn.RNN (tanh, relu; 2 layers; embedding)") {
  for (const char* n : {"rnn_tanh", "rnn_relu", "rnn_relu_2layer", "rnn_tanh_2layer_embedding"}) check_fixture(n);
}
TEST_CASE("nn reference: torch.nn.GRU as reset_after (torch z = 1 - our z); 2 layers; embedding") {
  for (const char* n : {"gru_reset_after", "gru_reset_after_2layer_embedding"}) check_fixture(n);
}
TEST_CASE("nn reference: the notes' GRU against manual PyTorch autograd") {
  for (const char* n : {"gru_notes", "gru_notes_2layer_embedding"}) check_fixture(n);
}
TEST_CASE("nn reference: torch.nn.LSTM; 2 layers; embedding") {
  for (const char* n : {"lstm", "lstm_2layer", "lstm_2layer_embedding"}) check_fixture(n);
}
