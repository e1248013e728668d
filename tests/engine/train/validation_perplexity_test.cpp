// Trainer::evaluate with several parallel streams (trainer.h): the validation part (the LAST val_fraction of
// the ids, engine/core/split.h) is read as S = min(B, (n - 1) / T) streams of L = (n - 1) / S inputs each,
// every stream from the zero state with its state carried across the chunks of T, and the perplexity is
// exp of the mean loss over the S * L predictions. The reference here is built by hand: the streams laid out
// from that definition, each run alone through a forward pass written out in double
// (tests/engine/nn/hand_forward.h), the losses summed and averaged. The validation part's length is chosen so
// that L is not a multiple of T (a short last chunk) and the streams do not cover every token (a remainder).
// Legend: B batch, T steps, S streams, L inputs per stream.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/train/trainer.h"
#include "tests/engine/nn/hand_forward.h"

using namespace seqlab;
using namespace seqlab::train;

namespace {

// exp(mean loss) of S streams of the validation part `val`, each from the zero state.
double hand_perplexity(const nn::test::HandForward& hand, const std::vector<std::int32_t>& val, std::size_t S) {
  const std::size_t L = (val.size() - 1) / S;
  double sum = 0;
  for (std::size_t b = 0; b < S; ++b) {
    Eigen::VectorXd h = hand.zero_state();
    sum += hand.loss_sum(val, b * L, L, h);
  }
  return std::exp(sum / static_cast<double>(S * L));
}

}  // namespace

TEST_CASE("trainer: validation perplexity with 4 streams equals the streams' losses computed by hand") {
  std::vector<std::int32_t> ids(1000);
  Rng text(8);
  for (auto& id : ids) id = static_cast<std::int32_t>(text.below(7));
  for (const auto cell : {nn::CellType::Rnn, nn::CellType::Gru}) {
    INFO(nn::to_string(cell));
    nn::ModelOptions c;
    c.cell = cell;
    c.vocab = 7;
    c.hidden = 10;
    TrainOptions o;
    o.batch = 4;
    o.steps = 7;
    o.val_fraction = 0.15;  // 150 tokens: S = 4 streams of L = 37 inputs (5 chunks of 7 and one of 2), 1 left over
    o.seed = 12;
    o.optimizer.kind = OptimizerKind::Adam;
    o.optimizer.lr = 0.02;
    Trainer trainer(c, o, ids);
    trainer.run(30);  // trained weights: the streams' losses differ from each other and from ln V
    const std::size_t train_end = split_tokens(ids.size(), o.val_fraction).train_end;
    const std::vector<std::int32_t> val(ids.begin() + static_cast<std::ptrdiff_t>(train_end), ids.end());
    REQUIRE(val.size() == 150u);
    const nn::test::HandForward hand(trainer.model());
    const double expected = hand_perplexity(hand, val, 4);
    CHECK(trainer.evaluate() == doctest::Approx(expected).epsilon(1e-5));
    // One stream of the same tokens gives another number: the check above can tell the layouts apart.
    CHECK(std::abs(hand_perplexity(hand, val, 1) - expected) > 1e-4 * expected);

    // B larger than the streams the text allows: S = (n - 1) / T, each stream at least T inputs.
    TrainOptions wide = o;
    wide.batch = 30;  // (150 - 1) / 7 = 21 streams of 7 inputs
    trainer.set_options(wide);
    CHECK(trainer.evaluate() == doctest::Approx(hand_perplexity(hand, val, 21)).epsilon(1e-5));
    // And perplexity_of any stream reads it the same way.
    const std::vector<std::int32_t> other(ids.begin(), ids.begin() + 100);
    CHECK(trainer.perplexity_of(other) == doctest::Approx(hand_perplexity(hand, other, 14)).epsilon(1e-5));
  }
}
