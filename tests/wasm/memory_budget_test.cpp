// The facade's memory checks: a model too large for WebAssembly memory is refused before anything is
// allocated, with a message naming the sizes, the limit and the settings to lower, and the session keeps
// what it had (the corpus and the trainer of that name).
#include <doctest.h>

#include <cstdlib>
#include <string>

#include "engine/core/memory_budget.h"
#include "tests/engine/text/text_fixtures.h"
#include "wasm/facade/memory_checks.h"
#include "wasm/facade/session.h"

using namespace seqlab;

TEST_CASE("session: the issue's model is refused with the sizes and what to lower; the last trainer stays") {
  facade::Session s;
  s.load_corpus(test::time_machine(), R"({"level":"word"})");
  s.create_trainer("main", R"({"cell":"gru","hidden":16})", R"({"batch":4,"steps":8,"seed":1})");
  const char* huge_model = R"({"cell":"gru","hidden":1024,"layers":4,"embedding":512})";
  const char* huge_train = R"({"batch":64,"steps":400})";
  std::string message;
  try {
    s.create_trainer("main", huge_model, huge_train);
  } catch (const MemoryBudgetError& e) {
    message = e.what();
    std::vector<std::string> settings;
    for (const auto& a : e.advice()) settings.push_back(a.setting);
    CHECK(settings == std::vector<std::string>{"batch", "steps", "hidden", "layers"});  // embedding alone cannot make it fit
  }
  CAPTURE(message);
  CHECK(message.find("the model and its training would need ") == 0);
  CHECK(message.find(" GB (") != std::string::npos);
  CHECK(message.find("already loaded: the corpus (32775 tokens)") != std::string::npos);
  CHECK(message.find("more than the 3.5 GB the engine may use") != std::string::npos);
  CHECK(message.find("lower batch (64 -> at most ") != std::string::npos);
  // The refused model freed nothing: the small trainer trains on.
  CHECK(s.trainer_names().as_array().size() == 1);
  CHECK(s.trainer_options("main").at("model").at("hidden").as_number() == 16);
  CHECK(s.run("main", 1).at("steps").as_number() == 1);
}

TEST_CASE("memory checks: a text, n-gram counts and statistics too large are refused by size") {
  CHECK_THROWS_WITH_AS(facade::check_corpus_memory(std::size_t{1} << 30, text::Level::Char),
                       doctest::Contains("the corpus would need 6.0 GB (the text 1.0 GB, tokenizing it 5.0 GB)"),
                       MemoryBudgetError);
  CHECK_NOTHROW(facade::check_corpus_memory(std::size_t{256} << 20, text::Level::Char));
  // 560 MB of text at char level: 3.3 GB in all, under the limit, but its ids are one block of 2.2 GB.
  CHECK_THROWS_WITH_AS(facade::check_corpus_memory(std::size_t{560} << 20, text::Level::Char),
                       doctest::Contains("the largest buffer (tokenizing it) would be 2.2 GB, more than the 2.0 GB"),
                       MemoryBudgetError);
  CHECK_NOTHROW(facade::check_corpus_memory(std::size_t{500} << 20, text::Level::Char));
  // 600 M tokens of a large vocabulary: orders up to 3 cannot fit; the advice names the order setting.
  try {
    facade::check_ngram_memory(1 << 20, std::size_t{600} << 20, 3, "n", {});
    FAIL("expected a refusal");
  } catch (const MemoryBudgetError& e) {
    CHECK(std::string(e.what()).find("the n-gram counts would need") == 0);
  }
}

// The block limit of the plans is a size the allocator really gives in one piece, here after the suite's
// earlier tests left the heap in use and fragmented. In WebAssembly dlmalloc grows the heap by one sbrk call
// for it (the call must stay under 2 GiB); natively it is one mmap. Only address space is taken: nothing
// is written to the block.
TEST_CASE("memory: a block of kLargestBlockBytes allocates") {
  void* block = std::malloc(static_cast<std::size_t>(kLargestBlockBytes));
  CHECK(block != nullptr);
  std::free(block);
}

// Changing batch or steps of a trainer is planned like creating one: the issue's settings reached by
// setTrainOptions were accepted, and the next minibatch threw std::bad_alloc in WebAssembly (3.0 GB of logits).
TEST_CASE("session: setTrainOptions is refused when its plan does not fit; the trainer keeps its options") {
  std::string text;
  for (int i = 0; i < 8; ++i) text += test::time_machine();
  facade::Session s;
  s.load_corpus(text, R"({"level":"word"})");
  s.create_trainer("main", R"({"cell":"rnn","hidden":16})", R"({"batch":4,"steps":100})");
  REQUIRE_THROWS_WITH_AS(s.set_train_options("main", R"({"batch":1755})"),
                         doctest::Contains("lower batch (1755 -> at most 1171)"), MemoryBudgetError);
  CHECK(s.trainer_options("main").at("train").at("batch").as_number() == 4);
  CHECK(s.run("main", 1).at("steps").as_number() == 1);
  CHECK(s.set_train_options("main", R"({"batch":8,"lr":0.5})").at("train").at("batch").as_number() == 8);
}
