// After the first call with a (B, T) shape, loss_and_gradients does no heap allocation: every workspace is
// sized once and Eigen's GEMM packing buffers are held per shape (engine/nn/matmul.h). This translation unit
// replaces the global operator new/delete by counting versions (valid natively and in WebAssembly); the
// counter only counts while `counting` is on, so the rest of the suite is unaffected.
#include <doctest.h>

#include <cstdlib>
#include <new>

#include "engine/nn/clip.h"
#include "engine/nn/model.h"
#include "tests/engine/nn/nn_test_util.h"

namespace {
bool counting = false;
long allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
// The nothrow forms too (std::stable_sort's temporary buffer uses them): every form of new must come from
// malloc, since every form of delete here goes to free (AddressSanitizer checks the pairing).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace seqlab;
using namespace seqlab::nn;

TEST_CASE("nn: no heap allocation in loss_and_gradients after the first call with a shape") {
  for (auto cell : {CellType::Rnn, CellType::Gru, CellType::Lstm})
    for (int emb : {0, 8}) {
      ModelConfig c;
      c.cell = cell;
      c.vocab = 28;
      c.hidden = 64;  // big enough for Eigen's GEMM to want heap packing buffers
      c.layers = 2;
      c.embedding = emb;
      INFO(c.to_json().dump());
      Model<float> m(c);
      const int B = 16, T = 35;
      const auto x = test::random_ids(B * T, c.vocab, 1), y = test::random_ids(B * T, c.vocab, 2);
      State<float> s = m.zero_state(B);
      Rng rng(3);
      Diagnostics d;
      const auto tr = Truncation::parse("random:0.9");
      m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s, &d);
      allocations = 0;
      counting = true;
      const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, tr, rng, s, &d);
      clip_gradients(m.gradients(), m.parameter_count(), 1.0);
      counting = false;
      CHECK(allocations == 0);
      CHECK(std::isfinite(loss));
    }
}

TEST_CASE("nn: no heap allocation after the first call with lossSteps last and the path split either") {
  for (auto cell : {CellType::Gru, CellType::Lstm})
    for (auto variant : {GruVariant::Notes, GruVariant::ResetAfter}) {
      ModelConfig c;
      c.cell = cell;
      c.gru_variant = variant;
      c.vocab = 28;
      c.hidden = 64;
      c.layers = 2;
      INFO(c.to_json().dump());
      Model<float> m(c);
      const int B = 16, T = 35;
      const auto x = test::random_ids(B * T, c.vocab, 1), y = test::random_ids(B * T, c.vocab, 2);
      State<float> s = m.zero_state(B);
      Rng rng(3);
      Diagnostics d;
      LossOptions options;
      options.loss_steps = LossSteps::Last;
      options.path_split = true;
      m.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, rng, s, &d, options);
      allocations = 0;
      counting = true;
      const float loss = m.loss_and_gradients(x.data(), y.data(), B, T, Truncation{}, rng, s, &d, options);
      counting = false;
      CHECK(allocations == 0);
      CHECK(std::isfinite(loss));
      CHECK(d.path_norms.size() == 2);
    }
}
