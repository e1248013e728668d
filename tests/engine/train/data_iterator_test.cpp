#include <doctest.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/train/data_iterator.h"

using namespace seqlab;
using namespace seqlab::train;

namespace {
// ids[i] = i makes every check a statement about positions in the stream.
std::vector<std::int32_t> iota_ids(int n) {
  std::vector<std::int32_t> ids(n);
  std::iota(ids.begin(), ids.end(), 0);
  return ids;
}
}  // namespace

TEST_CASE("data iterator: every target is the next token of its input") {
  for (auto kind : {IteratorKind::Random, IteratorKind::Sequential}) {
    DataIterator it(iota_ids(1000), 4, 7, kind);
    Rng rng(3);
    Minibatch mb;
    for (int k = 0; k < 100; ++k) {
      it.next(rng, mb);
      REQUIRE(mb.inputs.size() == 28u);
      for (int b = 0; b < 4; ++b)
        for (int t = 0; t < 7; ++t) {
          CHECK(mb.targets[b * 7 + t] == mb.inputs[b * 7 + t] + 1);
          if (t > 0) CHECK(mb.inputs[b * 7 + t] == mb.inputs[b * 7 + t - 1] + 1);  // contiguous rows
        }
    }
  }
}

TEST_CASE("data iterator: sequential rows continue across minibatches within an epoch") {
  const int B = 3, T = 5, n = 200;
  DataIterator it(iota_ids(n), B, T, IteratorKind::Sequential);
  Rng rng(11);
  Minibatch mb, prev;
  it.next(rng, prev);
  CHECK(prev.first_of_epoch);
  const int offset = prev.inputs[0];
  CHECK(offset >= 0);
  CHECK(offset < T);
  const std::size_t per_epoch = it.batches_in_epoch();
  CHECK(per_epoch == static_cast<std::size_t>((n - offset - 1) / B / T));
  for (std::size_t k = 1; k < per_epoch; ++k) {
    it.next(rng, mb);
    CHECK_FALSE(mb.first_of_epoch);
    for (int b = 0; b < B; ++b) CHECK(mb.inputs[b * T] == prev.inputs[b * T + T - 1] + 1);
    prev = mb;
  }
  it.next(rng, mb);
  CHECK(mb.first_of_epoch);
  CHECK(it.epochs_started() == 2u);
}

TEST_CASE("data iterator: random covers the corpus once per epoch with offsets in [0, T)") {
  const int B = 4, T = 6, n = 500;
  DataIterator it(iota_ids(n), B, T, IteratorKind::Random);
  Rng rng(5);
  std::set<int> offsets;
  Minibatch mb;
  for (int epoch = 0; epoch < 40; ++epoch) {
    std::vector<int> starts;
    it.next(rng, mb);
    REQUIRE(mb.first_of_epoch);
    const std::size_t batches = it.batches_in_epoch();
    for (std::size_t k = 0; k < batches; ++k) {
      if (k > 0) it.next(rng, mb);
      for (int b = 0; b < B; ++b) starts.push_back(mb.inputs[b * T]);
    }
    std::sort(starts.begin(), starts.end());
    const int offset = starts.front() % T;
    offsets.insert(offset);
    CHECK(offset < T);
    // Distinct subsequences on the grid offset + i*T: no window is served twice in an epoch.
    for (std::size_t i = 0; i < starts.size(); ++i) {
      CHECK(starts[i] % T == offset);
      if (i > 0) CHECK(starts[i] > starts[i - 1]);
    }
    const int subsequences = (n - offset - 1) / T;
    CHECK(starts.size() == static_cast<std::size_t>(subsequences / B * B));
  }
  CHECK(offsets.size() == static_cast<std::size_t>(T));  // every offset drawn in 40 epochs
}

TEST_CASE("data iterator: too short a text or bad sizes are errors") {
  CHECK_THROWS_AS(DataIterator(iota_ids(10), 2, 5, IteratorKind::Random), Error);
  CHECK_THROWS_AS(DataIterator(iota_ids(100), 0, 5, IteratorKind::Random), Error);
  CHECK_THROWS_AS(DataIterator(iota_ids(100), 2, 0, IteratorKind::Sequential), Error);
  CHECK_THROWS_AS(parse_iterator_kind("shuffled"), Error);
  CHECK(parse_iterator_kind("sequential") == IteratorKind::Sequential);
}
