// train::ResumeState without the checkpoint file: a trainer rebuilt from another's weights and resume state
// trains exactly as the original goes on training (the reference is the original itself, continued), and
// the state's parts refuse what cannot be theirs.
#include <doctest.h>

#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/text/corpus.h"
#include "engine/train/data_iterator.h"
#include "engine/train/optimizer.h"
#include "engine/train/trainer.h"
#include "tests/engine/text/text_fixtures.h"

using namespace seqlab;

namespace {
text::Corpus corpus() { return text::build_corpus(test::time_machine().substr(0, 2500), text::Tokenization()); }
std::vector<std::int32_t> ids() { return corpus().ids; }
}  // namespace

TEST_CASE("resume state: a trainer rebuilt from weights and state continues bit-identically") {
  const std::vector<std::int32_t> stream = ids();
  for (auto iterator : {train::IteratorKind::Random, train::IteratorKind::Sequential})
    for (auto optimizer : {train::OptimizerKind::Momentum, train::OptimizerKind::Adam}) {
      nn::ModelOptions config;
      config.cell = nn::CellType::Lstm;
      config.vocab = corpus().vocab_size();
      config.hidden = 10;
      train::TrainOptions o;
      o.batch = 3;
      o.steps = 7;
      o.iterator = iterator;
      o.optimizer.kind = optimizer;
      o.optimizer.lr = optimizer == train::OptimizerKind::Adam ? 0.01 : 0.5;
      o.truncation.kind = nn::Truncation::Kind::Random;
      o.truncation.pi = 0.2;
      o.seed = 11;
      train::Trainer original(config, o, stream);
      original.run(50);  // inside the first epoch (about 100 minibatches)
      train::Trainer copy(original.model(), o, stream, original.resume_state());
      for (int slice = 0; slice < 4; ++slice) {  // across the epoch's end
        const train::TrainReport a = original.run(40), b = copy.run(40);
        CHECK(a.loss == b.loss);
        CHECK(a.grad_norm == b.grad_norm);
        CHECK(a.epoch == b.epoch);
        CHECK(a.tokens == b.tokens);
      }
      const std::size_t P = original.model().parameter_count();
      CHECK(std::vector<float>(original.model().parameters(), original.model().parameters() + P) ==
            std::vector<float>(copy.model().parameters(), copy.model().parameters() + P));
    }
}

TEST_CASE("resume state: the generator, optimizer and iterator states restore and refuse what is not theirs") {
  Rng a(5);
  a.normal();  // leaves a spare normal
  Rng b(99);
  b.set_state(a.state());
  CHECK(a.normal() == b.normal());
  CHECK(a.next_u64() == b.next_u64());
  CHECK_FALSE(Rng::valid_state(Rng::State{}));

  train::OptimizerOptions adam;
  adam.kind = train::OptimizerKind::Adam;
  train::Optimizer opt(adam, 4);
  train::OptimizerState s;
  s.step = 2;
  s.moments = {1, 2, 3, 4};
  s.second_moments = {1, 1, 1, 1};
  opt.set_state(s);
  CHECK(opt.state().moments == s.moments);
  CHECK(opt.steps() == 2);
  s.moments = {1, 2, 3};
  CHECK_THROWS_WITH_AS(opt.set_state(s), doctest::Contains("moments must hold 0 or 4 values"), Error);
  s.moments = {1, 2, 3, 4};
  s.second_moments = {1, -1, 1, 1};
  CHECK_THROWS_WITH_AS(opt.set_state(s), doctest::Contains("second moment 1 is negative"), Error);
  train::Optimizer sgd(train::OptimizerOptions(), 4);
  CHECK(sgd.state().moments.empty());  // nothing to save
  CHECK_THROWS_WITH_AS(sgd.set_state(s), doctest::Contains("sgd keeps no moments"), Error);

  const std::vector<std::int32_t> stream = ids();
  train::DataIterator it(stream, 4, 8, train::IteratorKind::Random);
  Rng rng(1);
  train::Minibatch m1, m2;
  for (int i = 0; i < 5; ++i) it.next(rng, m1);
  train::DataIterator again(stream, 4, 8, train::IteratorKind::Random);
  again.set_state(it.state());
  Rng rng2 = rng;
  it.next(rng, m1);
  again.next(rng2, m2);
  CHECK(m1.inputs == m2.inputs);
  train::IteratorState bad = it.state();
  bad.order[1] = bad.order[0];
  CHECK_THROWS_WITH_AS(again.set_state(bad), doctest::Contains("not a permutation"), Error);
  bad = it.state();
  bad.offset = 8;
  CHECK_THROWS_WITH_AS(again.set_state(bad), doctest::Contains("offset must be in [0, 7]"), Error);
  train::DataIterator sequential(stream, 4, 8, train::IteratorKind::Sequential);
  CHECK_THROWS_WITH_AS(sequential.set_state(it.state()), doctest::Contains("keeps no order"), Error);
}
