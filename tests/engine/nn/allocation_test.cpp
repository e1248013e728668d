// After the first call with a shape, the training step does no heap allocation: the model's workspaces are
// sized once and Eigen's GEMM packing buffers are held per shape (engine/nn/matmul.h), the optimizer's
// moments and the iterator's buffers are sized at construction, and the trainer reuses its minibatch and
// state. The counter (allocation_counter.h) sees malloc itself, so Eigen's aligned_malloc, operator new and
// plain malloc are all counted, natively and in WebAssembly alike. The first test case checks that the
// counter does see them on this build, so that a counter that went blind fails instead of passing.
#include <doctest.h>

#include <Eigen/Core>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

#include "engine/nn/clip.h"
#include "engine/nn/model.h"
#include "engine/train/data_iterator.h"
#include "engine/train/optimizer.h"
#include "engine/train/trainer.h"
#include "tests/engine/nn/allocation_counter.h"
#include "tests/engine/nn/nn_test_util.h"

using namespace seqlab;
using namespace seqlab::nn;
using seqlab::test::start_counting_allocations;
using seqlab::test::stop_counting_allocations;

namespace {
// A size the compiler cannot see, and a place every allocation escapes to, so that no allocation below
// is folded away by the optimiser (compilers may drop an unused malloc/free or new/delete pair).
volatile int opaque_size = 33;
const void* volatile escape = nullptr;
}  // namespace

TEST_CASE("allocation counter: sees Eigen's aligned_malloc, operator new and malloc") {
  INFO(seqlab::test::allocation_counter_method());
  const int n = opaque_size;
  start_counting_allocations();
  Eigen::MatrixXf matrix = Eigen::MatrixXf::Constant(n, n, 1.0f);  // Eigen's aligned_malloc
  escape = matrix.data();
  const long after_eigen = stop_counting_allocations();
  CHECK(after_eigen >= 1);
  CHECK(matrix.sum() == doctest::Approx(n * n));

  start_counting_allocations();
  auto boxed = std::make_unique<std::vector<int>>(static_cast<std::size_t>(n), 1);  // operator new, twice
  escape = boxed->data();
  const long after_new = stop_counting_allocations();
  CHECK(after_new >= 2);

  start_counting_allocations();
  void* raw = std::malloc(static_cast<std::size_t>(n));
  escape = raw;
  const long after_malloc = stop_counting_allocations();
  std::free(raw);
  CHECK(after_malloc == 1);
}

TEST_CASE("nn: no heap allocation in loss_and_gradients after the first call with a shape") {
  INFO(seqlab::test::allocation_counter_method());
  for (auto cell : {CellType::Rnn, CellType::Gru, CellType::Lstm})
    for (int emb : {0, 8}) {
      ModelOptions c;
      c.cell = cell;
      c.vocab = 28;
      c.hidden = 64;  // big enough for Eigen's GEMM to want heap packing buffers
      c.layers = 2;
      c.embedding = emb;
      INFO(c.to_json().dump());
      Model<float> m(c);
      const int B = 16, T = 35;
      const auto x = nn::test::random_ids(B * T, c.vocab, 1), y = nn::test::random_ids(B * T, c.vocab, 2);
      State<float> s = m.zero_state(B);
      Rng rng(3);
      Diagnostics d;
      const auto tr = Truncation::parse("random:0.9");
      m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s, &d);
      start_counting_allocations();
      const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s, &d);
      clip_gradients(m.gradients(), m.parameter_count(), 1.0);
      const long allocations = stop_counting_allocations();
      CHECK(allocations == 0);
      CHECK(std::isfinite(loss));
    }
}

TEST_CASE("nn: no heap allocation after the first call with lossSteps last and the path split either") {
  INFO(seqlab::test::allocation_counter_method());
  for (auto cell : {CellType::Gru, CellType::Lstm})
    for (auto variant : {GruVariant::Notes, GruVariant::ResetAfter}) {
      ModelOptions c;
      c.cell = cell;
      c.gru_variant = variant;
      c.vocab = 28;
      c.hidden = 64;
      c.layers = 2;
      INFO(c.to_json().dump());
      Model<float> m(c);
      const int B = 16, T = 35;
      const auto x = nn::test::random_ids(B * T, c.vocab, 1), y = nn::test::random_ids(B * T, c.vocab, 2);
      State<float> s = m.zero_state(B);
      Rng rng(3);
      Diagnostics d;
      LossOptions options;
      options.loss_steps = LossSteps::Last;
      options.path_split = true;
      m.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, rng, s, &d, options);
      start_counting_allocations();
      const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, rng, s, &d, options);
      const long allocations = stop_counting_allocations();
      CHECK(allocations == 0);
      CHECK(std::isfinite(loss));
      CHECK(d.path_norms.size() == 2);
    }
}

TEST_CASE("train: no heap allocation in the optimizer's steps after the first") {
  INFO(seqlab::test::allocation_counter_method());
  for (auto kind : {train::OptimizerKind::Sgd, train::OptimizerKind::Momentum, train::OptimizerKind::Adam}) {
    INFO(train::optimizer_kind_name(kind));
    const std::size_t P = 5000;
    std::vector<float> params(P, 0.5f), grads(P, 0.25f);
    train::OptimizerOptions options;
    options.kind = kind;
    options.lr = 0.1;
    train::Optimizer optimizer(options, P);
    optimizer.step(params.data(), grads.data(), P);  // Adam sizes its second moments here
    start_counting_allocations();
    for (int step = 0; step < 3; ++step) optimizer.step(params.data(), grads.data(), P);
    const long allocations = stop_counting_allocations();
    CHECK(allocations == 0);
    CHECK(params[0] < 0.5f);
  }
}

TEST_CASE("train: no heap allocation in the data iterator after the first minibatch, across epochs") {
  INFO(seqlab::test::allocation_counter_method());
  for (auto kind : {train::IteratorKind::Random, train::IteratorKind::Sequential}) {
    INFO(train::iterator_kind_name(kind));
    const int B = 4, T = 7;
    // About three minibatches per epoch: the loop below starts a dozen epochs, each at a new offset.
    train::DataIterator iterator(nn::test::random_ids(B * T * 3 + T + 5, 20, 4), B, T, kind);
    Rng rng(5);
    train::Minibatch batch;
    iterator.next(rng, batch);
    start_counting_allocations();
    for (int i = 0; i < 40; ++i) iterator.next(rng, batch);
    const long allocations = stop_counting_allocations();
    CHECK(allocations == 0);
    CHECK(iterator.epochs_started() >= 10);
  }
}

TEST_CASE("train: no heap allocation in the trainer's steps after the first, across epochs") {
  INFO(seqlab::test::allocation_counter_method());
  for (auto iterator : {train::IteratorKind::Random, train::IteratorKind::Sequential})
    for (auto cell : {CellType::Gru, CellType::Lstm}) {
      INFO(train::iterator_kind_name(iterator));
      ModelOptions c;
      c.cell = cell;
      c.vocab = 20;
      c.hidden = 64;
      c.layers = 2;
      INFO(c.to_json().dump());
      train::TrainOptions options;
      options.batch = 8;
      options.steps = 10;
      options.iterator = iterator;
      options.optimizer.kind = train::OptimizerKind::Adam;
      options.optimizer.lr = 0.01;
      options.truncation = Truncation::parse("random:0.5");
      options.seed = 11;
      // About four minibatches per epoch.
      train::Trainer trainer(c, options, nn::test::random_ids(400, c.vocab, 6));
      trainer.run(1);
      start_counting_allocations();
      const train::TrainReport report = trainer.run(12);
      const long allocations = stop_counting_allocations();
      CHECK(allocations == 0);
      CHECK(report.steps == 12);
      CHECK(report.epochs_completed >= 2);
      CHECK(std::isfinite(report.loss));
    }
}
