#include <doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/core/error.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/loaded_model.h"
#include "wasm/facade/trainer.h"

using namespace seqlab;

namespace {
std::string time_machine_start(std::size_t n) {
  std::ifstream in(SEQLAB_DATA_DIR "/timemachine.txt", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str().substr(0, n);
}
const char* kModel = R"({"cell":"gru","hidden":16})";
const char* kTrain = R"({"batch":4,"steps":8,"lr":1,"clip":1,"seed":3,"iterator":"random"})";

// Whether `M` has a run(int): a model loaded without a corpus must not (the call does not compile).
template <class M, class = void>
struct can_train : std::false_type {};
template <class M>
struct can_train<M, std::void_t<decltype(std::declval<M&>().run(1))>> : std::true_type {};
}  // namespace

// Native against WebAssembly is tests/js/native-wasm.test.mjs: both builds run the same curves side by side
// there (a frozen native curve here would compare the engine with an old copy of itself).
TEST_CASE("facade trainer: one seed gives a bit-identical loss curve twice on one build, and the loss falls") {
  facade::Corpus corpus(time_machine_start(3000), "{}");
  facade::Trainer a(corpus, kModel, kTrain), b(corpus, kModel, kTrain);
  double first = 0, last = 0;
  for (int step = 0; step < 12; ++step) {
    last = a.run(1).at("loss").as_number();
    if (step == 0) first = last;
    CHECK(last == b.run(1).at("loss").as_number());
  }
  // The first loss is near ln V (uniform prediction); twelve SGD steps at lr 1 lower it.
  CHECK(first == doctest::Approx(std::log(static_cast<double>(corpus.vocab_size()))).epsilon(0.05));
  CHECK(last < first - 0.2);
}

TEST_CASE("facade trainer: reports, evaluation, options, diagnostics") {
  facade::Corpus corpus(time_machine_start(3000), "{}");
  facade::Trainer t(corpus, R"({"cell":"lstm","hidden":12})", kTrain);
  const Json r = t.run(5);
  CHECK(r.at("steps").as_number() == 5);
  CHECK(r.at("tokens").as_number() == 5 * 32);
  CHECK(r.at("diverged").as_bool() == false);
  CHECK(r.at("perplexity").as_number() == doctest::Approx(std::exp(r.at("loss").as_number())));
  const Json e = t.evaluate();
  CHECK(e.at("tokens").as_number() == std::round(0.1 * corpus.token_count()));  // the last 10%
  CHECK(e.at("perplexity").as_number() > 1.0);
  t.set_options(R"({"lr":0.5,"truncation":"fixed:4"})");
  CHECK(t.options().at("train").at("lr").as_number() == 0.5);
  CHECK(t.options().at("train").at("seed").as_number() == 3);
  CHECK(t.options().at("model").at("vocab").as_number() == corpus.vocab_size());
  CHECK_THROWS_AS(t.set_options(R"({"rate":1})"), Error);
  const Json d = t.diagnostics();
  CHECK(d.at("hiddenGradNorms").size() == 1u);
  CHECK(d.at("hiddenGradNorms").as_array()[0].size() == 8u);
  CHECK(d.at("gateMeans").has("l0.f"));
  CHECK_THROWS_AS(facade::Trainer(corpus, R"({"vocab":3})", kTrain), Error);
  CHECK_THROWS_AS(facade::Trainer(corpus, "{}", R"({"iterator":"zigzag"})"), Error);
}

TEST_CASE("facade trainer: save -> load -> save is byte-identical and the loaded model generates the same text") {
  facade::Corpus corpus(time_machine_start(3000), "{}");
  facade::Trainer t(corpus, kModel, kTrain);
  t.run(20);
  const std::string options = R"({"prefix":"time traveller","length":30,"temperature":0.7,"topK":5,"seed":11})";
  const Json before = t.generate(options);
  const std::vector<std::uint8_t> bytes = t.save();
  facade::LoadedModel loaded = facade::LoadedModel::load(bytes);
  CHECK(loaded.save() == bytes);
  const Json after = loaded.generate(options);
  CHECK(after.dump() == before.dump());
  CHECK(before.at("text").as_string().rfind("time traveller", 0) == 0);
  CHECK(before.at("steps").size() == 30u);
  CHECK(before.at("steps").as_array()[0].at("top").size() == 5u);
  static_assert(can_train<facade::Trainer>::value, "the detection must see a trainer's run()");
  static_assert(!can_train<facade::LoadedModel>::value, "a loaded model cannot train: run() must not compile");
  std::vector<std::uint8_t> corrupt = bytes;
  corrupt.resize(corrupt.size() - 3);
  CHECK_THROWS_WITH_AS(facade::LoadedModel::load(corrupt), doctest::Contains("truncated"), Error);
  CHECK_THROWS_AS(t.generate(R"({"prefix":""})"), Error);
  CHECK_THROWS_AS(t.generate(R"({"prefix":"a","temperature":-1})"), Error);
}
