// The calls whose options were read by hand before (the lab's Session::probe, Session::linear_rnn,
// Model::loss_and_gradients, and the n-gram perplexities by order) read them through the schema's tables: one truncation format {truncation, tau, pi} everywhere, ranges and defaults
// written once (the lab's sizes are the labModel/labTrain defaults), refusals naming the group, the key and
// the range. What fixed truncation must do is taken from its definition (MATH §5: no gradient crosses a cut),
// not from an earlier output of the engine.
#include <doctest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/io/schema.h"
#include "tests/engine/text/text_fixtures.h"
#include "wasm/facade/model.h"
#include "wasm/facade/ngram.h"
#include "wasm/facade/session.h"

using namespace seqlab;

namespace {

Json default_of(const std::string& group, const std::string& key) {
  for (const auto& spec : schema::group_specs(group))
    if (spec.key == key) return spec.default_value;
  FAIL("no key " << key << " in group " << group);
  return Json();
}

// One GRU minibatch B = 2, T = 8 over a vocabulary of 6, the last step's loss.
facade::LossResult last_step(const std::string& options_json) {
  facade::Model model(R"({"cell":"gru","vocab":6,"hidden":4,"seed":3})");
  const int B = 2, T = 8;
  std::vector<std::int32_t> inputs(B * T), targets(B * T);
  for (int i = 0; i < B * T; ++i) {
    inputs[i] = (i * 5 + 1) % 6;
    targets[i] = (i * 7 + 2) % 6;
  }
  return model.loss_and_gradients(inputs, targets, B, T, options_json, {}, {});
}

std::map<std::string, OptionSpec> specs_of(const std::string& group) {
  std::map<std::string, OptionSpec> out;
  for (const auto& spec : schema::group_specs(group)) out[spec.key] = spec;
  return out;
}

}  // namespace

TEST_CASE("lab options: lossAndGradients takes the train group's truncation keys, tau included") {
  const facade::LossResult full = last_step(R"({"lossSteps":"last"})");
  // Fixed tau = 3 over T = 8 cuts at steps 3 and 6: the last step's loss reaches steps 6 and 7 only.
  const facade::LossResult fixed = last_step(R"({"lossSteps":"last","truncation":"fixed","tau":3})");
  for (int t = 0; t < 8; ++t) {
    CAPTURE(t);
    if (t < 6) CHECK(fixed.hidden_grad_norms[0][t] == 0);
    else CHECK(fixed.hidden_grad_norms[0][t] == doctest::Approx(full.hidden_grad_norms[0][t]).epsilon(1e-6));
  }
  // The old one-string form still reads (tests/js/model.test.mjs and saved runs give it): the same cuts.
  const facade::LossResult legacy = last_step(R"({"lossSteps":"last","truncation":"fixed:3"})");
  CHECK(legacy.hidden_grad_norms == fixed.hidden_grad_norms);
  CHECK_THROWS_WITH_AS(last_step(R"({"truncation":"fixed","tau":0})"),
                       doctest::Contains("lossAndGradients options: tau = 0 is outside [1, 1000000]"), Error);
  CHECK_THROWS_WITH_AS(last_step(R"({"seed":1e16})"),
                       doctest::Contains("lossAndGradients options: seed = "), Error);
  CHECK_THROWS_WITH_AS(last_step(R"({"seed":1e16})"), doctest::Contains("is outside [0, 9007199254740991]"), Error);
}

TEST_CASE("lab options: probe and linearRnn refuse through the schema, and linearRnn's sizes are the lab's") {
  facade::Session s;
  s.load_corpus(test::time_machine().substr(0, 30000), R"({"valFraction":0.1})");
  s.create_trainer("rnn", R"({"cell":"rnn","hidden":8})", R"({"batch":4,"steps":12,"seed":1})");
  CHECK_THROWS_WITH_AS(s.probe("rnn", R"({"seed":-1})"),
                       doctest::Contains("probe options: seed = -1 is outside [0, 9007199254740991]"), Error);
  CHECK_THROWS_WITH_AS(s.probe("rnn", R"({"steps":5000})"),
                       doctest::Contains("probe options: steps = 5000 is outside [0, 4096]"), Error);
  CHECK_THROWS_WITH_AS(s.probe("rnn", R"({"pathSplit":"yes"})"),
                       doctest::Contains("probe options: pathSplit = 'yes' is not true or false"), Error);

  CHECK_THROWS_WITH_AS(s.linear_rnn("{}"), doctest::Contains("linearRnn options: rho is required"), Error);
  CHECK_THROWS_WITH_AS(s.linear_rnn(R"({"rho":1,"hidden":2000})"),
                       doctest::Contains("linearRnn options: hidden = 2000 is outside [1, 1024]"), Error);
  // With rho alone the minibatch is the lab's (labTrain batch and steps): 3000 validation characters hold
  // 85 rows of 35 steps, more than 32.
  const Json r = s.linear_rnn(R"({"rho":0.8})");
  CHECK(r.at("B").as_number() == default_of("labTrain", "batch").as_number());
  CHECK(r.at("T").as_number() == default_of("labTrain", "steps").as_number());
  CHECK(r.at("B").as_number() == 32);
  CHECK(r.at("T").as_number() == 35);
}

TEST_CASE("lab options: the schema's lab groups reuse the model and train entries with the lab's defaults") {
  const auto specs_by_key = specs_of;
  const auto model = specs_by_key("model"), lab_model = specs_by_key("labModel");
  const auto train = specs_by_key("train"), lab_train = specs_by_key("labTrain");
  // Entries by name, not a structured binding: clang 14 refuses a binding inside doctest's CAPTURE.
  for (const auto& entry : lab_model) {
    const std::string& key = entry.first;
    const auto& spec = entry.second;
    CAPTURE(key);
    REQUIRE(model.count(key) == 1);
    CHECK(spec_json(spec).at("min").dump() == spec_json(model.at(key)).at("min").dump());
    CHECK(spec_json(spec).at("max").dump() == spec_json(model.at(key)).at("max").dump());
  }
  for (const auto& entry : lab_train) {
    const std::string& key = entry.first;
    const auto& spec = entry.second;
    CAPTURE(key);
    REQUIRE(train.count(key) == 1);
    CHECK(spec.help == train.at(key).help);
  }
  // The values the lab's note was measured with (web/js/lab/README.md).
  CHECK(lab_model.at("hidden").default_value.as_number() == 128);
  CHECK(lab_train.at("optimizer").default_value.as_string() == "adam");
  CHECK(lab_train.at("lr").default_value.as_number() == 0.005);
  CHECK(lab_train.at("seed").default_value.as_number() == 42);
  CHECK(train.at("seed").default_value.as_number() == 0);  // the train group keeps its own defaults
  // rho is marked required in the schema the page reads.
  CHECK(spec_json(specs_by_key("linearRnn").at("rho")).at("required").as_bool());
}

TEST_CASE("call options: the perplexities by order read the perplexity group, maxN in the range of n") {
  const facade::Corpus corpus(test::time_machine().substr(0, 20000), R"({"valFraction":0.1})");
  const auto n = specs_of("ngram").at("n");
  const auto max_n = specs_of("perplexity").at("maxN");
  CHECK(max_n.min == n.min);
  CHECK(max_n.max == n.max);
  CHECK(max_n.default_value.as_number() == 6);
  CHECK(specs_of("perplexity").count("n") == 0);
  // Without maxN: six rows, orders 1..6 (laplace defines every order).
  const Json rows = facade::perplexity_by_order(corpus, "");
  REQUIRE(rows.size() == 6u);
  for (int i = 0; i < 6; ++i) CHECK(rows.as_array()[i].at("n").as_number() == i + 1);
  const std::string beyond = std::to_string(static_cast<int>(n.max) + 1);
  const std::string refusal = "perplexity options: maxN = " + beyond + " is outside [1, ";
  CHECK_THROWS_WITH_AS(facade::perplexity_by_order(corpus, R"({"maxN":)" + beyond + "}"),
                       doctest::Contains(refusal.c_str()), Error);
  CHECK_THROWS_WITH_AS(facade::perplexity_by_order(corpus, R"({"n":3})"), doctest::Contains("give maxN"), Error);
}
