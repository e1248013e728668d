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
  const io::Json f = io::Json::parse(ss.str());
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
  const io::Json s = r.summary();
  CHECK(s.at("gateMeans").has("l1.f"));
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 4, "{}", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, R"({"truncation":"fixed:0"})", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, R"({"tbptt":1})", {}, {}), Error);
  CHECK_THROWS_AS(m.loss_and_gradients(x, y, 2, 5, "{}", std::vector<float>(3), {}), Error);
  CHECK_THROWS_AS(facade::Model(R"({"cell":"gru","hidden":-1})"), Error);
}
