// facade::TrainingRun, the one place the rules of a run live (seqlab train advances it epoch by epoch, the
// page's worker by slices):
// each is checked against the facade's own steps taken by hand on a twin trainer (run_epoch, evaluate), or
// against the same run never interrupted.
#include <doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/trainer.h"
#include "wasm/facade/training_run.h"

#include "tests/engine/text/text_fixtures.h"

using namespace seqlab;

namespace {
const char* kModel = R"({"cell":"gru","hidden":8})";
const char* kTrain = R"({"batch":4,"steps":8,"optimizer":"adam","lr":0.01,"clip":1,"seed":3})";

std::vector<Json> all_epochs(facade::TrainingRun& run) {
  std::vector<Json> lines;
  while (!run.finished()) lines.push_back(run.next_epoch());
  return lines;
}
}  // namespace

TEST_CASE("facade training run: one line per epoch, validation every evalEvery epochs and after the last") {
  const facade::Corpus corpus(test::time_machine().substr(0, 3000), "{}");
  facade::Trainer trainer(corpus, kModel, kTrain);
  facade::Trainer twin(corpus, kModel, kTrain);
  facade::TrainingRun run(corpus, trainer, R"({"epochs":3,"evalEvery":2,"predict":0})");
  const std::vector<Json> lines = all_epochs(run);
  REQUIRE(lines.size() == 3);
  for (int epoch = 1; epoch <= 3; ++epoch) {
    const Json& line = lines[static_cast<std::size_t>(epoch - 1)];
    const Json by_hand = twin.run_epoch();
    CHECK(line.at("epoch").as_number() == epoch);
    CHECK(line.at("trainPpl").as_number() == by_hand.at("perplexity").as_number());
    CHECK(line.at("steps").as_number() == by_hand.at("steps").as_number());
    // Epoch 2 is a multiple of evalEvery, epoch 3 the last; epoch 1 is neither.
    if (epoch == 1) {
      CHECK(line.at("valPpl").is_null());
    } else {
      CHECK(line.at("valPpl").as_number() == twin.evaluate().at("perplexity").as_number());
    }
  }
  const facade::TrainingRun::Summary summary = run.summary();
  CHECK(summary.line.at("epochs").as_number() == 3);
  CHECK(summary.line.at("valPpl").as_number() == lines[2].at("valPpl").as_number());
  double best = INFINITY;
  for (const auto& line : lines) best = std::min(best, line.at("trainPpl").as_number());
  CHECK(summary.line.at("bestTrainPpl").as_number() == best);
  CHECK_FALSE(summary.line.has("prediction"));  // predict 0
  CHECK_THROWS_AS(run.next_epoch(), Error);       // nothing left to train
}

TEST_CASE("facade training run: a resumed run numbers on and sums up as the run that never stopped") {
  const facade::Corpus corpus(test::time_machine().substr(0, 3000), "{}");
  facade::Trainer whole(corpus, kModel, kTrain);
  facade::TrainingRun straight(corpus, whole, R"({"epochs":3,"predict":5})");
  const std::vector<Json> straight_lines = all_epochs(straight);
  const Json expected = straight.summary().line;

  facade::Trainer first(corpus, kModel, kTrain);
  facade::TrainingRun part(corpus, first, R"({"epochs":2,"predict":0})");
  all_epochs(part);
  // Resumed for no epoch: the summary still knows the training perplexity of the epochs before (from the
  // checkpoint's curve), the best of them and the epochs done.
  facade::Trainer idle = facade::Trainer::resume(corpus, first.save());
  facade::TrainingRun nothing(corpus, idle, R"({"epochs":0,"predict":0})");
  const Json idle_summary = nothing.summary().line;
  CHECK(idle_summary.at("epochs").as_number() == 2);
  CHECK(idle_summary.at("trainPpl").as_number() == straight_lines[1].at("trainPpl").as_number());
  CHECK(idle_summary.at("bestTrainPpl").as_number() ==
        std::min(straight_lines[0].at("trainPpl").as_number(), straight_lines[1].at("trainPpl").as_number()));
  facade::Trainer resumed = facade::Trainer::resume(corpus, first.save());
  facade::TrainingRun rest(corpus, resumed, R"({"epochs":1,"predict":5})");
  const std::vector<Json> rest_lines = all_epochs(rest);
  REQUIRE(rest_lines.size() == 1);
  CHECK(rest_lines[0].at("epoch").as_number() == 3);
  CHECK(rest_lines[0].at("trainPpl").as_number() == straight_lines[2].at("trainPpl").as_number());
  const Json got = rest.summary().line;
  for (const char* key : {"epochs", "trainPpl", "bestTrainPpl", "valPpl", "runSteps", "runTokens"}) {
    CAPTURE(key);
    CHECK(got.at(key).as_number() == expected.at(key).as_number());
  }
  CHECK(got.at("prediction").as_string() == expected.at("prediction").as_string());
  CHECK(got.at("prefix").as_string() == expected.at("prefix").as_string());  // the text's first words
}

TEST_CASE("facade training run: a divergence stops the run and the summary warns of it") {
  const facade::Corpus corpus(test::time_machine().substr(0, 3000), "{}");
  facade::Trainer trainer(corpus, R"({"cell":"rnn","hidden":8})",
                          R"({"batch":4,"steps":8,"optimizer":"sgd","lr":10000,"clip":0,"seed":3})");
  facade::TrainingRun run(corpus, trainer, R"({"epochs":5,"evalEvery":3})");
  const std::vector<Json> lines = all_epochs(run);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].at("diverged").as_bool());
  CHECK(run.diverged());
  const facade::TrainingRun::Summary summary = run.summary();
  CHECK(summary.line.at("diverged").as_bool());
  REQUIRE_FALSE(summary.warnings.empty());
  CHECK(summary.warnings[0] == lines[0].at("message").as_string());
}

TEST_CASE("facade training run: on a task, the first validation that reaches targetAccuracy ends the run") {
  const facade::Corpus corpus = facade::Corpus::from_task(R"({"task":"first-symbol","lag":3})");
  // A sample is 5 tokens, served whole: 4 steps, random rows.
  const char* train = R"({"batch":4,"steps":4,"iterator":"random","optimizer":"adam","lr":0.01,"seed":3})";
  facade::Trainer trainer(corpus, kModel, train);
  facade::Trainer twin(corpus, kModel, train);
  // Evaluated every second epoch, a target of 0 is reached at the first validation: epoch 2.
  facade::TrainingRun run(corpus, trainer, R"({"epochs":6,"evalEvery":2,"targetAccuracy":0})");
  const std::vector<Json> lines = all_epochs(run);
  REQUIRE(lines.size() == 2);
  CHECK_FALSE(lines[0].has("answerAccuracy"));
  twin.run_epoch();
  twin.run_epoch();
  CHECK(lines[1].at("answerAccuracy").as_number() == twin.evaluate().at("answerAccuracy").as_number());
  const Json summary = run.summary().line;
  CHECK(summary.at("epochs").as_number() == 2);
  CHECK(summary.has("task"));
  CHECK_FALSE(summary.has("prediction"));  // a task has no first words to continue
}

TEST_CASE("facade training run: its options are the run group's, refused by name") {
  const facade::Corpus corpus(test::time_machine().substr(0, 2000), "{}");
  facade::Trainer trainer(corpus, kModel, kTrain);
  CHECK_THROWS_WITH_AS(facade::TrainingRun(corpus, trainer, R"({"epochs":-1})"),
                       doctest::Contains("run options: epochs = -1 is outside [0, 1000000]"), Error);
  CHECK_THROWS_WITH_AS(facade::TrainingRun(corpus, trainer, R"({"epoch":1})"),
                       doctest::Contains("run options: unknown key 'epoch'"), Error);
  // No epochs: the summary alone, validated once.
  facade::TrainingRun none(corpus, trainer, R"({"epochs":0,"prefix":""})");
  CHECK(none.finished());
  const facade::TrainingRun::Summary summary = none.summary();
  CHECK(summary.line.at("epochs").as_number() == 0);
  CHECK(summary.line.at("valPpl").is_number());
  CHECK_FALSE(summary.line.has("prediction"));  // an empty prefix given on purpose predicts nothing
  CHECK(summary.prefix_unknown_tokens.at("unknown").as_number() == 0);
}

// ---- by slices (TrainingRun::advance, the page's worker through Session::advance_run) ----

namespace {
std::int64_t steps_of(const Json& slice) { return static_cast<std::int64_t>(slice.at("report").at("steps").as_number()); }
}  // namespace

TEST_CASE("facade training run by slices: the epoch limit ends it at its last epoch's end, and no slice trains past it") {
  const facade::Corpus corpus(test::time_machine().substr(0, 3000), "{}");
  facade::Trainer trainer(corpus, kModel, kTrain);
  facade::Trainer twin(corpus, kModel, kTrain);
  // Two whole epochs by hand: the minibatches the run must train, no more.
  const double two_epochs = twin.run_epoch().at("steps").as_number() + twin.run_epoch().at("steps").as_number();
  facade::TrainingRun run(corpus, trainer, R"({"epochs":2,"evalBy":"clock","predict":0})");
  std::vector<Json> slices;
  do {
    slices.push_back(run.advance(7));  // 7 does not divide an epoch's minibatches: slices end at epoch ends
  } while (!slices.back().at("finished").as_bool() && slices.size() < 1000);
  const Json& last = slices.back();
  CHECK(last.at("reason").as_string() == "epochs");
  CHECK(last.at("report").at("epochsCompleted").as_number() == 2);
  CHECK(last.at("report").at("runSteps").as_number() == two_epochs);
  for (std::size_t i = 0; i + 1 < slices.size(); ++i) CHECK_FALSE(slices[i].at("finished").as_bool());
  // The same weights as the two epochs by hand.
  CHECK(trainer.evaluate().at("perplexity").as_number() == twin.evaluate().at("perplexity").as_number());
  // At its limit a run trains nothing more; a larger limit lets it go on.
  const Json again = run.advance(7);
  CHECK(steps_of(again) == 0);
  CHECK(again.at("finished").as_bool());
  run.set_options(R"({"epochs":3})");
  const Json on = run.advance(7);
  CHECK(steps_of(on) == 7);
  CHECK_FALSE(on.at("finished").as_bool());
}

TEST_CASE("facade training run by slices: a finite loss whose perplexity overflows is a divergence, named by options") {
  // seqlab train's case of an overflow: 134 minibatches are the first epoch of these 20,000 characters.
  const facade::Corpus corpus(test::time_machine().substr(0, 20000), "{}");
  const char* model = R"({"cell":"gru","hidden":16})";
  const char* train = R"({"batch":8,"steps":16,"optimizer":"sgd","lr":10000,"clip":0,"seed":0})";
  facade::Trainer trainer(corpus, model, train);
  facade::Trainer twin(corpus, model, train);
  // By hand: the engine calls these minibatches finite (no divergence), yet exp(mean loss) overflows.
  const Json by_hand = twin.run(134);
  REQUIRE_FALSE(by_hand.at("diverged").as_bool());
  REQUIRE(by_hand.at("loss").is_number());
  REQUIRE_FALSE(std::isfinite(by_hand.at("perplexity").as_number()));
  facade::TrainingRun run(corpus, trainer, R"({"epochs":0,"evalBy":"clock"})");
  const Json slice = run.advance(134);
  CHECK(slice.at("report").at("diverged").as_bool());
  CHECK(slice.at("finished").as_bool());
  CHECK(slice.at("reason").as_string() == "diverged");
  CHECK_FALSE(slice.at("validated").as_bool());
  const std::string message = slice.at("message").as_string();
  CHECK(message == slice.at("report").at("message").as_string());
  CHECK(message.find("perplexity overflowed") != std::string::npos);
  CHECK(message.find("train option lr") != std::string::npos);
  CHECK(message.find("--") == std::string::npos);  // the page shows it too: no CLI flag
  // Advanced again (the page after a lower learning rate), the run goes on.
  CHECK(steps_of(run.advance(1)) == 1);
}

TEST_CASE("facade training run by slices: the clock rule never validates the first slice, then at most every second") {
  const facade::Corpus corpus(test::time_machine().substr(0, 3000), "{}");
  facade::Trainer trainer(corpus, kModel, kTrain);
  facade::Trainer twin(corpus, kModel, kTrain);
  facade::TrainingRun run(corpus, trainer, R"({"epochs":0,"evalBy":"clock"})");
  CHECK_FALSE(run.advance(1).at("validated").as_bool());  // the first slice
  CHECK_FALSE(run.advance(1).at("validated").as_bool());  // well within a second of the run's start
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const Json due = run.advance(1);
  REQUIRE(due.at("validated").as_bool());
  twin.run(3);
  CHECK(due.at("valPerplexity").as_number() == twin.evaluate().at("perplexity").as_number());
  CHECK_FALSE(run.advance(1).at("validated").as_bool());  // the next second has only begun

  // A first slice that ends the run is not validated by the clock; evalBy epoch validates at the epoch's end.
  facade::Trainer clock_trainer(corpus, kModel, kTrain), epoch_trainer(corpus, kModel, kTrain);
  facade::TrainingRun by_clock(corpus, clock_trainer, R"({"epochs":1,"evalBy":"clock"})");
  facade::TrainingRun by_epoch(corpus, epoch_trainer, R"({"epochs":1,"evalBy":"epoch"})");
  const Json clock_slice = by_clock.advance(100000), epoch_slice = by_epoch.advance(100000);
  CHECK(clock_slice.at("finished").as_bool());
  CHECK_FALSE(clock_slice.at("validated").as_bool());
  CHECK(epoch_slice.at("finished").as_bool());
  CHECK(epoch_slice.at("validated").as_bool());
}
