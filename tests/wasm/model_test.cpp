#include <doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"
#include "wasm/facade/model.h"

using namespace seqlab;

TEST_CASE("facade Model: names, shapes, parameters in and out, loss and gradients from a fixture") {
  std::ifstream in(std::string(SEQLAB_TEST_DATA_DIR) + "/reference/lstm_2layer.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  const Json f = Json::parse(ss.str());
  facade::Model m(f.at("config").dump());
  CHECK(m.parameter_names_json().size() == f.at("parameters").as_object().size());
  CHECK(m.parameter_shape_json("l1.W_xi").dump() == "[4,4]");
  CHECK_THROWS_AS(m.parameter_shape_json("nope"), Error);
  CHECK_THROWS_WITH_AS(m.set_parameter("b_q", std::vector<float>(3)), doctest::Contains("expected 6"), Error);
  for (const auto& [name, values] : f.at("parameters").as_object()) {
    std::vector<float> v;
    for (const auto& x : values.as_array()) v.push_back(static_cast<float>(x.as_number()));
    m.set_parameter(name, v);
    CHECK(m.get_parameter(name) == v);
  }
  std::vector<std::int32_t> x, y;
  for (const auto& v : f.at("inputs").as_array()) x.push_back(static_cast<std::int32_t>(v.as_number()));
  for (const auto& v : f.at("targets").as_array()) y.push_back(static_cast<std::int32_t>(v.as_number()));
  std::vector<float> h0, c0;
  for (const auto& l : f.at("h0").as_array())
    for (const auto& v : l.as_array()) h0.push_back(static_cast<float>(v.as_number()));
  for (const auto& l : f.at("c0").as_array())
    for (const auto& v : l.as_array()) c0.push_back(static_cast<float>(v.as_number()));
  const auto r = m.loss_and_gradients(x, y, 2, 5, R"({"truncation":"full","seed":3})", h0, c0);
  CHECK(std::abs(r.loss - f.at("loss").as_number()) < 1e-5);
  const auto& info = m.model().parameter_info("l0.W_hf");
  const auto& ref = f.at("gradients").at("l0.W_hf").as_array();
  for (std::size_t i = 0; i < info.size; ++i)
    CHECK(std::abs(r.gradients[info.offset + i] - ref[i].as_number()) < 1e-6);
  CHECK(r.state_h.size() == 2 * 2 * 4);
  CHECK(r.state_c.size() == 2 * 2 * 4);
  CHECK(r.hidden_grad_norms.size() == 2);
  CHECK(r.hidden_grad_norms[0].size() == 5);
  const Json s = r.summary();
  CHECK(s.at("gateMeans").has("l1.f"));
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 4, "{}", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, R"({"truncation":"fixed:0"})", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, R"({"tbptt":1})", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, "{}", std::vector<float>(3), {}), Error);
  CHECK_THROWS_AS(facade::Model(R"({"cell":"gru","hidden":-1})"), Error);
}

TEST_CASE("facade Model: lossSteps last, pathSplit, spectral radius and gate activations") {
  const std::vector<std::int32_t> x{0, 1, 2, 3, 4, 5, 1, 2, 3, 0, 4, 2}, y{1, 2, 3, 4, 5, 0, 2, 3, 0, 4, 2, 1};
  const int B = 2, T = 6, H = 3;
  {
    facade::Model m(R"({"cell":"gru","vocab":6,"hidden":3,"layers":2,"seed":4})");
    const auto r = m.loss_and_gradients(x, y, B, T, R"({"lossSteps":"last","pathSplit":true})", {}, {});
    // The loss is the mean over B of the last step's loss: the same as the forward-only sum over that step
    // once the first T-1 steps have run.
    std::vector<std::int32_t> xs, ys, xl, yl;
    for (int b = 0; b < B; ++b)
      for (int t = 0; t < T; ++t) {
        (t < T - 1 ? xs : xl).push_back(x[b * T + t]);
        (t < T - 1 ? ys : yl).push_back(y[b * T + t]);
      }
    nn::State<float> s = m.model().zero_state(B);
    m.model().loss_sum(xs.data(), ys.data(), B, T - 1, s);
    CHECK(std::abs(r.loss - m.model().loss_sum(xl.data(), yl.data(), B, 1, s) / B) < 1e-6);
    const Json j = r.summary();
    REQUIRE(j.has("gruPaths"));
    CHECK(!j.has("lstmPaths"));
    CHECK(j.at("gruPaths").size() == 2);
    CHECK(j.at("gruPaths").as_array()[1].size() == static_cast<std::size_t>(T));
    const Json& p = j.at("gruPaths").as_array()[0].as_array()[3];
    for (const char* k : {"direct", "update", "candidate", "reset"}) CHECK(p.at(k).as_number() > 0.0);
    // Without pathSplit: no paths.
    CHECK(!m.loss_and_gradients(x, y, B, T, R"({"lossSteps":"last"})", {}, {}).summary().has("gruPaths"));

    const double rho = m.set_spectral_radius("l0.W_hr", 0.5);
    CHECK(std::abs(rho - 0.5) < 1e-4);
    CHECK(m.spectral_radius("l0.W_hr") == rho);
    CHECK_THROWS_WITH_AS(m.spectral_radius("W_hq"), doctest::Contains("not a square"), Error);

    const auto gates = m.gate_activations({0, 1, 2, 3}, 4);
    REQUIRE(gates.size() == 4);
    CHECK(gates[0].first == "l0.z");
    CHECK(gates[3].first == "l1.r");
    CHECK(gates[0].second.size() == static_cast<std::size_t>(4 * H));
    // Row 0 of l0.z from the zero state: sigmoid(W_xz[:, x0] + b_z), by hand.
    const auto W_xz = m.get_parameter("l0.W_xz"), b_z = m.get_parameter("l0.b_z");
    for (int i = 0; i < H; ++i)
      CHECK(std::abs(gates[0].second[i] - 1.0 / (1.0 + std::exp(-(W_xz[i * 6 + 0] + b_z[i])))) < 1e-6);
    CHECK_THROWS_WITH_AS(m.gate_activations({0, 1, 2}, 4), doctest::Contains("expected T = 4"), Error);
  }
  {
    facade::Model m(R"({"cell":"lstm","vocab":6,"hidden":3})");
    const Json j = m.loss_and_gradients(x, y, B, T, R"({"pathSplit":true})", {}, {}).summary();
    REQUIRE(j.has("lstmPaths"));
    CHECK(j.at("lstmPaths").as_array()[0].as_array()[2].has("cell"));
    CHECK(j.at("lstmPaths").as_array()[0].as_array()[2].has("rest"));
  }
  {
    facade::Model m(R"({"cell":"rnn","vocab":6,"hidden":3})");
    const Json j = m.loss_and_gradients(x, y, B, T, R"({"pathSplit":true,"lossSteps":"all"})", {}, {}).summary();
    CHECK(!j.has("gruPaths"));
    CHECK(!j.has("lstmPaths"));
    CHECK_THROWS_WITH_AS(m.loss_and_gradients(x, y, B, T, R"({"state":1})", {}, {}),
                         doctest::Contains("unknown key 'state' (allowed: truncation, tau, pi, seed, lossSteps, "
                                           "pathSplit)"),
                         Error);
    CHECK_THROWS_WITH_AS(m.loss_and_gradients(x, y, B, T, R"({"lossSteps":"first"})", {}, {}),
                         doctest::Contains("lossSteps = 'first' is not one of all, last"), Error);
    CHECK_THROWS_WITH_AS(m.loss_and_gradients(x, y, B, T, R"({"pathSplit":"yes"})", {}, {}),
                         doctest::Contains("true or false"), Error);
    CHECK_THROWS_WITH_AS(m.set_spectral_radius("l0.W_hh", -2), doctest::Contains(">= 0"), Error);
  }
}
