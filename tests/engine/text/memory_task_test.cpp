// The memory tasks (engine/text/memory_task.h): every sample is read back from the generated text by a plain
// whitespace split here (not the engine's tokenizer) and checked against the task's definition: its length,
// where the key, markers, delimiter and answers sit, that the answer is what the definition says (the key,
// the class of the markers, the copied symbols), that the seed reproduces it, that the chance loss is the
// log of the possible answers, and that the validation share falls on a sample boundary.
#include <doctest.h>

#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/text/memory_task.h"

using namespace seqlab;
using namespace seqlab::text;

namespace {

std::vector<std::vector<std::string>> samples_of(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) tokens.push_back(w);
    out.push_back(tokens);
  }
  return out;
}

TaskOptions options(TaskKind kind, int lag, int samples = 200, int val = 50) {
  TaskOptions o;
  o.task = kind;
  o.lag = lag;
  o.samples = samples;
  o.val_samples = val;
  o.seed = 11;
  return o;
}

bool is_letter_in(const std::string& s, char first, int count) {
  return s.size() == 1 && s[0] >= first && s[0] < first + count;
}

}  // namespace

TEST_CASE("memory task first-symbol: key, L - 1 fillers, '?', the key again") {
  for (Filler filler : {Filler::Random, Filler::Fixed}) {
    TaskOptions o = options(TaskKind::FirstSymbol, 7);
    o.keys = 3;
    o.filler = filler;
    const MemoryTask task = make_memory_task(o);
    const auto samples = samples_of(task.text);
    REQUIRE(samples.size() == 250u);
    CHECK(task.sample_length == 9);
    CHECK(task.answer_steps == std::vector<int>{7});
    CHECK(task.evidence_first == 0);
    CHECK(task.answer_choices == 3);
    std::set<std::string> keys_seen;
    for (const auto& s : samples) {
      REQUIRE(s.size() == 9u);
      CHECK(is_letter_in(s[0], 'A', 3));
      keys_seen.insert(s[0]);
      for (int i = 1; i < 7; ++i) {
        if (filler == Filler::Fixed) CHECK(s[i] == "f" + std::to_string(i));
        else CHECK(is_letter_in(s[i], 'a', 8));
      }
      CHECK(s[7] == "?");
      CHECK(s[8] == s[0]);  // the answer is the key; the step reading '?' (step 7 = lag) predicts it
    }
    CHECK(keys_seen.size() == 3u);
  }
}

TEST_CASE("memory task temporal-order: two markers in their windows, the class is their order") {
  const int L = 40;
  const MemoryTask task = make_memory_task(options(TaskKind::TemporalOrder, L));
  CHECK(task.sample_length == L + 2);
  CHECK(task.answer_steps == std::vector<int>{L});
  CHECK(task.answer_choices == 4);
  CHECK(task.evidence_first == 4);  // round(0.1 L)
  CHECK(task.evidence_last == 8);   // round(0.2 L)
  std::set<std::string> classes;
  for (const auto& s : samples_of(task.text)) {
    REQUIRE(s.size() == static_cast<std::size_t>(L + 2));
    CHECK(s[0] == "B");
    CHECK(s[L] == "E");
    std::vector<int> at;
    std::string order;
    for (int i = 1; i < L; ++i) {
      if (s[i] == "X" || s[i] == "Y") {
        at.push_back(i);
        order += s[i];
      } else {
        CHECK(is_letter_in(s[i], 'a', 4));
      }
    }
    REQUIRE(at.size() == 2u);
    CHECK(at[0] >= 4);
    CHECK(at[0] <= 8);
    CHECK(at[1] >= 20);  // [0.5 L, 0.6 L]
    CHECK(at[1] <= 24);
    CHECK(s[L + 1] == order);
    classes.insert(order);
  }
  CHECK(classes == std::set<std::string>{"XX", "XY", "YX", "YY"});
}

TEST_CASE("memory task copy: C symbols, blanks, ':' at L, the C symbols again") {
  TaskOptions o = options(TaskKind::Copy, 9);
  o.copy_length = 4;
  o.keys = 5;
  const MemoryTask task = make_memory_task(o);
  CHECK(task.sample_length == 14);
  CHECK(task.answer_steps == std::vector<int>{9, 10, 11, 12});  // step 9 + j predicts symbol j, read at step j
  CHECK(task.evidence_first == 0);
  CHECK(task.evidence_last == 3);
  CHECK(task.answer_choices == 5);
  for (const auto& s : samples_of(task.text)) {
    REQUIRE(s.size() == 14u);
    for (int i = 0; i < 4; ++i) CHECK(is_letter_in(s[i], 'A', 5));
    for (int i = 4; i < 9; ++i) CHECK(s[i] == "_");
    CHECK(s[9] == ":");
    for (int j = 0; j < 4; ++j) CHECK(s[10 + j] == s[j]);
  }
}

TEST_CASE("memory task: the seed reproduces the samples, another seed changes them") {
  for (TaskKind kind : {TaskKind::FirstSymbol, TaskKind::TemporalOrder, TaskKind::Copy}) {
    TaskOptions o = options(kind, 12);
    const std::string a = make_memory_task(o).text;
    CHECK(make_memory_task(o).text == a);
    o.seed = 12;
    CHECK(make_memory_task(o).text != a);
  }
}

TEST_CASE("memory task: the chance loss is ln of the possible answers") {
  TaskOptions o = options(TaskKind::FirstSymbol, 5);
  o.keys = 7;
  CHECK(make_memory_task(o).chance_loss() == doctest::Approx(std::log(7.0)));
  CHECK(make_memory_task(options(TaskKind::TemporalOrder, 10)).chance_loss() == doctest::Approx(std::log(4.0)));
  o.task = TaskKind::Copy;
  o.keys = 8;
  CHECK(make_memory_task(o).chance_loss() == doctest::Approx(std::log(8.0)));
}

TEST_CASE("memory task: the validation share splits the tokens on a sample boundary") {
  for (int samples : {100, 333, 1000, 4096, 9999})
    for (int val : {1, 7, 50, 256, 100})
      for (int lag : {1, 20, 99}) {
        if (val > samples) continue;
        TaskOptions o = options(TaskKind::FirstSymbol, lag, samples, val);
        MemoryTask task;
        task.options = o;
        task.sample_length = o.sample_length();
        const std::size_t S = static_cast<std::size_t>(task.sample_length);
        const std::size_t tokens = static_cast<std::size_t>(samples + val) * S;
        CHECK(split_tokens(tokens, task.val_fraction()).train_end == static_cast<std::size_t>(samples) * S);
      }
}

TEST_CASE("memory task: options out of range are refused with the key named") {
  TaskOptions o = options(TaskKind::Copy, 3);
  o.copy_length = 4;
  CHECK_THROWS_WITH_AS(make_memory_task(o), doctest::Contains("copyLength = 4 must be at most lag = 3"), Error);
  o = options(TaskKind::TemporalOrder, 2);
  CHECK_THROWS_WITH_AS(make_memory_task(o), doctest::Contains("temporal-order needs lag >= 3"), Error);
  o = options(TaskKind::FirstSymbol, 10, 10, 11);
  CHECK_THROWS_WITH_AS(make_memory_task(o), doctest::Contains("valSamples = 11 must be at most samples = 10"), Error);
  o = options(TaskKind::FirstSymbol, 2000, 1000000, 1000);
  CHECK_THROWS_WITH_AS(make_memory_task(o), doctest::Contains("more than 10,000,000"), Error);
  o = options(TaskKind::FirstSymbol, 0);
  CHECK_THROWS_AS(make_memory_task(o), Error);
}
