// The memory plans: each formula against the sizes the structures really allocate (the buffers' element
// counts, the count store's own measure, the heap in use around a trainer), and the refusal's message.
#include <doctest.h>

#include <cstdint>
#include <string>

#include "engine/core/memory_budget.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/nn/parameters.h"
#include "engine/nn/sequence.h"
#include "engine/text/corpus.h"
#include "engine/train/trainer.h"
#include "engine/train/training_memory.h"
#include "tests/engine/core/heap_in_use.h"
#include "tests/engine/text/text_fixtures.h"

using namespace seqlab;

namespace {

text::Corpus build(text::Level level) {
  text::CorpusOptions options;
  options.level = level;
  return text::build_corpus(test::time_machine(), options);
}

const text::Corpus& time_machine_corpus(text::Level level) {
  static const text::Corpus chars = build(text::Level::Char);
  static const text::Corpus words = build(text::Level::Word);
  return level == text::Level::Char ? chars : words;
}

}  // namespace

TEST_CASE("memory: workspace_bytes equals what a Workspace allocates, for every cell and input") {
  struct Case {
    nn::CellType cell;
    nn::GruVariant variant;
    int embedding, layers;
  };
  const Case cases[] = {{nn::CellType::Rnn, nn::GruVariant::Notes, 0, 1},
                        {nn::CellType::Gru, nn::GruVariant::Notes, 0, 2},
                        {nn::CellType::Gru, nn::GruVariant::ResetAfter, 6, 2},
                        {nn::CellType::Lstm, nn::GruVariant::Notes, 0, 3},
                        {nn::CellType::Lstm, nn::GruVariant::Notes, 5, 1}};
  for (const Case& k : cases) {
    nn::ModelConfig c;
    c.cell = k.cell;
    c.gru_variant = k.variant;
    c.embedding = k.embedding;
    c.layers = k.layers;
    c.vocab = 11;
    c.hidden = 7;
    for (const auto& shape : {std::pair{1, 1}, std::pair{3, 5}, std::pair{4, 9}}) {
      // Named copies, not a structured binding: doctest's CAPTURE makes a lambda, and clang 14 (Emscripten's)
      // refuses to capture structured bindings (C++17 does not allow it; C++20 does).
      const int B = shape.first, T = shape.second;
      CAPTURE(nn::to_string(k.cell));
      CAPTURE(k.embedding);
      CAPTURE(B);
      CAPTURE(T);
      const nn::ParameterLayout layout = nn::make_parameter_layout(c);
      CHECK(nn::Workspace<float>(c, layout, B, T).allocated_bytes() == nn::workspace_bytes(c, B, T, sizeof(float)));
      CHECK(nn::Workspace<double>(c, layout, B, T).allocated_bytes() ==
            nn::workspace_bytes(c, B, T, sizeof(double)));
    }
  }
}

TEST_CASE("memory: NgramCounts::max_bytes bounds what the counts hold (The Time Machine, orders 1..6)") {
  for (const text::Level level : {text::Level::Char, text::Level::Word}) {
    const text::Corpus& c = time_machine_corpus(level);
    for (int order = 1; order <= 6; ++order) {
      CAPTURE(text::level_name(level));
      CAPTURE(order);
      const ngram::NgramCounts counts(c.ids.data(), c.ids.size(), c.vocab.size(), order);
      const std::uint64_t bound = ngram::NgramCounts::max_bytes(c.ids.size(), c.vocab.size(), order);
      CHECK(counts.memory_bytes() <= bound);
      // Exact where every order is a dense array (char level up to trigrams): the arrays and the ids.
      if (level == text::Level::Char && order <= 3) CHECK(bound == counts.memory_bytes() + 4 * c.ids.size());
    }
  }
}

TEST_CASE("memory: corpus_build_bytes bounds the corpus built from the text") {
  for (const text::Level level : {text::Level::Char, text::Level::Word}) {
    const text::Corpus& c = time_machine_corpus(level);
    CAPTURE(text::level_name(level));
    CHECK(c.ids.capacity() * sizeof(std::int32_t) <= text::corpus_build_bytes(test::time_machine().size(), level));
  }
}

TEST_CASE("memory: training_memory predicts the heap a trainer takes (one step and one evaluation)") {
  const text::Corpus& c = time_machine_corpus(text::Level::Char);
  for (const nn::CellType cell : {nn::CellType::Gru, nn::CellType::Lstm}) {
    nn::ModelConfig model;
    model.cell = cell;
    model.vocab = c.vocab.size();
    model.hidden = 128;
    model.layers = 2;
    train::TrainOptions options;
    options.batch = 32;
    options.steps = 35;
    options.optimizer.kind = train::OptimizerKind::Adam;
    const std::uint64_t estimate = train::training_memory(model, options, c.ids.size()).total();
    const std::int64_t before = test::heap_in_use();
    std::int64_t measured = 0;
    {
      train::Trainer trainer(model, options, c.ids);
      trainer.run(2);
      trainer.evaluate();
      measured = test::heap_in_use() - before;
    }
    CAPTURE(nn::to_string(cell));
    CAPTURE(estimate);
    CAPTURE(measured);
    // The plan counts every buffer of the trainer and its model; it leaves to the uncounted reserve the
    // small allocations: the GEMM packing buffers (bounded by the cache-blocking sizes, a few MB, more
    // natively where Eigen reads the CPU's cache sizes), reports and diagnostics.
    CHECK(measured >= static_cast<std::int64_t>(estimate));
    CHECK(measured - static_cast<std::int64_t>(estimate) <= std::int64_t{8} << 20);
  }
}

TEST_CASE("memory: the issue's model (word level, hidden 1024, 4 layers, embedding 512, batch 64, steps 400)") {
  const text::Corpus& c = time_machine_corpus(text::Level::Word);
  nn::ModelConfig model;
  model.vocab = c.vocab.size();
  model.hidden = 1024;
  model.layers = 4;
  model.embedding = 512;
  train::TrainOptions options;
  options.batch = 64;
  options.steps = 400;
  const MemoryPlan plan = train::plan_training(model, options, c.ids.size(), {});
  CHECK_FALSE(plan.fits());
  CHECK(plan.total() > kMemoryLimitBytes);
  // Every advised value fits with the others unchanged; a tenth more does not (the plan grows with each
  // setting, up to the evaluation's last chunk, whose length varies with batch and steps).
  REQUIRE(plan.advice.size() >= 3);
  for (const MemoryAdvice& a : plan.advice) {
    CAPTURE(a.setting);
    CHECK(a.fits < a.current);
    train::TrainOptions o = options;
    nn::ModelConfig m = model;
    const auto with = [&](long long v) {
      o = options;
      m = model;
      if (a.setting == "batch") o.batch = static_cast<int>(v);
      if (a.setting == "steps") o.steps = static_cast<int>(v);
      if (a.setting == "hidden") m.hidden = static_cast<int>(v);
      if (a.setting == "layers") m.layers = static_cast<int>(v);
      if (a.setting == "embedding") m.embedding = static_cast<int>(v);
      return train::training_memory(m, o, c.ids.size()).fits();
    };
    CHECK(with(a.fits));
    CHECK_FALSE(with(a.fits + a.fits / 10 + 1));
    CHECK_FALSE(with(a.current));
  }
  CHECK(plan.advice[0].setting == "batch");
  const std::string message = plan.refusal();
  CHECK(message.find("the model and its training would need") == 0);
  CHECK(message.find("training workspace (batch 64 x steps 400)") != std::string::npos);
  CHECK(message.find("3.5 GB the engine may use") != std::string::npos);
  CHECK(message.find("lower batch (64 -> at most ") != std::string::npos);
  CHECK_THROWS_AS(check_memory(plan), MemoryBudgetError);
  try {
    check_memory(plan);
  } catch (const MemoryBudgetError& e) {
    CHECK(e.advice().front().setting == "batch");
    CHECK(std::string(e.what()) == message);
  }
}

TEST_CASE("memory: format_bytes and the saturating arithmetic") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(1023) == "1023 B");
  CHECK(format_bytes(1536) == "1.5 KB");
  CHECK(format_bytes(std::uint64_t{3} << 30) == "3.0 GB");
  CHECK(format_bytes(std::uint64_t{12} << 20) == "12 MB");
  CHECK(mul_bytes(std::uint64_t{1} << 40, std::uint64_t{1} << 40) == UINT64_MAX);
  CHECK(add_bytes(UINT64_MAX - 1, 5) == UINT64_MAX);
  CHECK(kMemoryLimitBytes == (std::uint64_t{7} << 29));
}
