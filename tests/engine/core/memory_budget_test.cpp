// The memory plans: each formula against the sizes the structures really allocate (the buffers' element
// counts, the count store's own measure, the heap in use around a trainer), and the refusal's message.
#include <doctest.h>

#include <cmath>
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

// The count above is the Workspace's own (its buffers' sizes and each cell's allocated_scalars). Here the
// heap the constructor takes is measured instead: the formula must cover it up to the bookkeeping (vector
// headers, the cell objects, the allocator's chunk headers: 0.8 KB per layer measured natively), allowed
// 512 B + 1 KB per layer, below the smallest buffer a layer could hold, (B, H) floats = 4 KB, so a buffer
// the formula or a cell forgets to count (or a capacity above the size counted) fails. Every buffer is
// below glibc's 128 KB mmap threshold, whose page rounding would blur the bytes.
TEST_CASE("memory: the heap a Workspace takes is workspace_bytes, within 1 KB of bookkeeping per layer") {
  struct Case {
    nn::CellType cell;
    nn::GruVariant variant;
    int embedding, layers;
  };
  const Case cases[] = {{nn::CellType::Rnn, nn::GruVariant::Notes, 0, 1},
                        {nn::CellType::Gru, nn::GruVariant::Notes, 0, 2},
                        {nn::CellType::Gru, nn::GruVariant::ResetAfter, 16, 2},
                        {nn::CellType::Lstm, nn::GruVariant::Notes, 0, 3},
                        {nn::CellType::Lstm, nn::GruVariant::Notes, 12, 1}};
  constexpr int B = 16, T = 4;
  for (const Case& k : cases) {
    nn::ModelConfig c;
    c.cell = k.cell;
    c.gru_variant = k.variant;
    c.embedding = k.embedding;
    c.layers = k.layers;
    c.vocab = 30;
    c.hidden = 64;
    CAPTURE(nn::to_string(k.cell));
    CAPTURE(k.layers);
    CAPTURE(k.embedding);
    const nn::ParameterLayout layout = nn::make_parameter_layout(c);
    const std::uint64_t formula = nn::workspace_bytes(c, B, T, sizeof(float));
    const std::int64_t before = test::heap_in_use();
    std::int64_t grown = 0;
    {
      const nn::Workspace<float> ws(c, layout, B, T);
      grown = test::heap_in_use() - before;
    }
    CAPTURE(formula);
    CAPTURE(grown);
    CHECK(grown >= static_cast<std::int64_t>(formula));
    CHECK(grown - static_cast<std::int64_t>(formula) <= 512 + 1024 * k.layers);
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
    // The plan and the heap a trainer takes after two steps and an evaluation, at 2 and at 4 layers (both
    // with a layer on a dense input, so that the same GEMM shapes, and packing buffers, occur in both).
    std::int64_t estimate[2] = {}, measured[2] = {};
    for (int i = 0; i < 2; ++i) {
      nn::ModelConfig model;
      model.cell = cell;
      model.vocab = c.vocab.size();
      model.hidden = 128;
      model.layers = i == 0 ? 2 : 4;
      train::TrainOptions options;
      options.batch = 32;
      options.steps = 35;
      options.optimizer.kind = train::OptimizerKind::Adam;
      estimate[i] = static_cast<std::int64_t>(train::training_memory(model, options, c.ids.size()).total());
      const std::int64_t before = test::heap_in_use();
      {
        train::Trainer trainer(model, options, c.ids);
        trainer.run(2);
        trainer.evaluate();
        measured[i] = test::heap_in_use() - before;
      }
    }
    CAPTURE(nn::to_string(cell));
    CAPTURE(estimate[0]);
    CAPTURE(measured[0]);
    CAPTURE(estimate[1]);
    CAPTURE(measured[1]);
    // The plan counts every buffer of the trainer and its model; it leaves to the uncounted reserve the
    // small allocations: the GEMM packing buffers (bounded by the cache-blocking sizes, a few MB, more
    // natively where Eigen reads the CPU's cache sizes), reports and diagnostics.
    for (int i = 0; i < 2; ++i) {
      CHECK(measured[i] >= estimate[i]);
      CHECK(measured[i] - estimate[i] <= std::int64_t{8} << 20);
    }
    // What the two extra layers take (their weights, gradients, moments and workspace, 2 x 12-16 MB) is what
    // the plan adds for them, within 1%: the uncounted small allocations are the same at both sizes and
    // cancel, so a per-layer buffer the plan forgets, (B*T, H) floats = 0.57 MB per layer or more, fails.
    const std::int64_t grown = measured[1] - measured[0], planned = estimate[1] - estimate[0];
    CAPTURE(grown);
    CAPTURE(planned);
    CHECK(std::abs(static_cast<double>(grown - planned)) <= 0.01 * static_cast<double>(planned));
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
