// The Session on a memory task (Session::load_task): the report describes the samples (checked against the
// generated text read back by the Session's own decoding of the corpus ids), a trainer serves whole samples
// (steps S - 1, the random iterator) and refuses other steps with the reason, evaluate() carries the answer
// metrics and the chance loss, and a checkpoint resumes on the same task bit for bit.
#include <doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "wasm/facade/session.h"

using namespace seqlab;

namespace {
const char* kTask = R"({"task":"first-symbol","lag":6,"samples":200,"valSamples":40,"seed":4})";
const char* kTrain = R"({"batch":8,"optimizer":"adam","lr":0.01,"seed":2})";
}  // namespace

TEST_CASE("session task: the report, the samples as ids, the split on a sample boundary") {
  facade::Session s;
  const Json r = s.load_task(kTask);
  const Json& task = r.at("task");
  CHECK(task.at("task").as_string() == "first-symbol");
  CHECK(task.at("sampleLength").as_number() == 8);
  CHECK(task.at("answerSteps").dump() == "[6]");
  CHECK(task.at("chanceLoss").as_number() == doctest::Approx(std::log(4.0)));
  CHECK(task.at("chanceAccuracy").as_number() == 0.25);
  CHECK(r.at("tokens").as_number() == 240 * 8);
  CHECK(r.at("trainTokens").as_number() == 200 * 8);
  const std::vector<std::int32_t> ids = s.corpus_ids();
  const std::vector<std::int32_t> first(ids.begin(), ids.begin() + 8);
  CHECK(s.decode(first) == task.at("examples").as_array()[0].as_string());
  for (std::size_t k = 0; k < 240; ++k) CHECK(ids[k * 8 + 7] == ids[k * 8]);  // the answer is the key
  CHECK_THROWS_WITH_AS(s.load_task(R"({"task":"copy","lag":2,"copyLength":3})"),
                       doctest::Contains("copyLength = 3 must be at most lag = 2"), Error);
  CHECK(s.has_corpus());  // a refused task leaves the previous corpus
}

TEST_CASE("session task: trainers serve whole samples; evaluate carries the answer metrics") {
  facade::Session s;
  s.load_task(kTask);
  const Json t = s.create_trainer("g", R"({"cell":"gru","hidden":16,"gateBias":2})", kTrain);
  const Json& train = t.at("options").at("train");
  CHECK(train.at("steps").as_number() == 7);
  CHECK(train.at("iterator").as_string() == "random");
  CHECK(t.at("options").at("model").at("gateBias").as_number() == 2);
  CHECK_THROWS_WITH_AS(s.create_trainer("h", "{}", R"({"steps":35})"),
                       doctest::Contains("steps must be 7 and iterator random"), Error);
  CHECK_THROWS_WITH_AS(s.set_train_options("g", R"({"steps":35})"), doctest::Contains("steps must be 7"), Error);
  s.run("g", 5);
  const Json e = s.evaluate("g");
  CHECK(e.at("samples").as_number() == 40);
  CHECK(e.at("chanceLoss").as_number() == doctest::Approx(std::log(4.0)));
  const double accuracy = e.at("answerAccuracy").as_number();
  CHECK(accuracy * 40 == doctest::Approx(std::round(accuracy * 40)));  // a count of 40 answers
  CHECK(e.at("answerLoss").as_number() > 0);
  const Json p = s.probe("g", R"({"lossSteps":"last"})");
  CHECK(p.at("T").as_number() == 7);
  CHECK(s.curve("g").as_array().back().has("answerAccuracy"));
}

TEST_CASE("session task: a checkpoint resumes on the same task bit for bit, and is refused on another") {
  facade::Session a, b, other;
  a.load_task(kTask);
  b.load_task(kTask);
  other.load_task(R"({"task":"first-symbol","lag":6,"samples":200,"valSamples":40,"seed":5})");
  a.create_trainer("l", R"({"cell":"lstm","hidden":8})", kTrain);
  a.run("l", 7);
  const std::vector<std::uint8_t> bytes = a.save("l");
  CHECK(b.load_trainer("l", bytes).at("resumable").as_bool());
  const Json ra = a.run("l", 6), rb = b.run("l", 6);
  CHECK(ra.at("loss").as_number() == rb.at("loss").as_number());
  CHECK(a.evaluate("l").dump() == b.evaluate("l").dump());
  CHECK_THROWS_WITH_AS(other.load_trainer("l", bytes), doctest::Contains("another corpus"), Error);
}
