// The machine's peak float rate on one core, as the build can reach it: a loop of multiply-adds on
// independent accumulators that never leave the registers, over the widest vectors the build targets
// (AVX-512, AVX or SSE natively; 128-bit SIMD in WebAssembly, where without relaxed SIMD a multiply-add is
// a multiply and an add). No memory traffic and no dependency between accumulators, so nothing real can
// run faster: the benchmark uses it as the upper bound of what any training loop's FLOP rate can be, and
// refuses a result that claims more.
//
// What makes it a peak and not a latency measurement:
// - kChains independent chains acc = acc * m + a. One chain waits for its multiply and its add (about 5-8
//   cycles); with 12 in flight the two multiply and the two add ports stay busy. 12 accumulators plus m and a
//   are 14 vector registers: V8 gives WebAssembly 15 xmm registers (14 chains measured slower, they spill;
//   8 leave the ports idle part of the time).
// - V8 first runs WebAssembly in its baseline compiler (Liftoff, about a third of the speed here) and only
//   calls made after TurboFan has compiled the function run optimised code (WebAssembly has no on-stack
//   replacement). So the probe first calls the loop in short blocks for --warmup-ms before it times anything.
// - Block counts are 64-bit: in wasm32 `long` is 32 bits, and an earlier `1L << 40` limit overflowed, ended the
//   calibration after its first call and timed 0.4 ms repetitions in the baseline tier (12.6 GFLOP/s).
// - m and a come from the command line's length and the sum of every accumulator is printed, so the compiler
//   can neither fold the loop nor drop it; without -ffast-math it may not reassociate the chains either.
// --gemm also times the engine's sgemm at the products of a GRU training step (bench/gemm_bench's shapes),
// alternating with the probe in windows of the same length in the same process: no product of real code
// may beat the peak
// (tests/js/peak-probe.test.mjs holds the probe to that).
// Natively it also times by the process's CPU clock: on a machine shared with other jobs the wall clock
// counts the time the process waited, the CPU clock does not (WebAssembly has no CPU clock: wall only).
// Usage: peak_bench [--reps N] [--ms MS per repetition] [--warmup-ms MS] [--gemm]   prints one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "engine/core/gemm.h"

namespace {

#if defined(__AVX512F__)
constexpr int kBytes = 64;
#elif defined(__AVX__)
constexpr int kBytes = 32;
#else
constexpr int kBytes = 16;
#endif
constexpr int kLanes = kBytes / static_cast<int>(sizeof(float));
typedef float Vec __attribute__((vector_size(kBytes)));

constexpr int kChains = 12;
constexpr int kInner = 256;
constexpr double kFlopPerBlock = 2.0 * kLanes * kChains * kInner;

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Runs `blocks` blocks of kInner multiply-adds on each chain; returns a value that depends on all of them.
__attribute__((noinline)) float run(std::int64_t blocks, float m, float a) {
  Vec acc[kChains];
  for (int c = 0; c < kChains; ++c)
    for (int l = 0; l < kLanes; ++l) acc[c][l] = 0.001f * static_cast<float>(c + l);
  Vec mv, av;
  for (int l = 0; l < kLanes; ++l) {
    mv[l] = m;
    av[l] = a;
  }
  for (std::int64_t b = 0; b < blocks; ++b)
    for (int i = 0; i < kInner; ++i)
      for (int c = 0; c < kChains; ++c) acc[c] = acc[c] * mv + av;   // stays bounded: |m| < 1
  float sum = 0;
  for (int c = 0; c < kChains; ++c)
    for (int l = 0; l < kLanes; ++l) sum += acc[c][l];
  return sum;
}

int int_arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  return fallback;
}

bool flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

// ---- the engine's GEMM at a GRU training step's products (bench/gemm_bench's engine-GRU shapes) ----------
struct Product {
  const char* name;
  bool ta, tb;
  int m, n, k;
  std::vector<float> A, B, C;
  double best_gflops = 0;
};

std::vector<Product> gru_products() {
  constexpr int B = 32, H = 256, T = 35;
  std::vector<Product> ps = {
      {"gru_fwd_zr_nt", false, true, B, 2 * H, H, {}, {}, {}},
      {"gru_fwd_h_nt", false, true, B, H, H, {}, {}, {}},
      {"gru_bwd_rh_nn", false, false, B, H, H, {}, {}, {}},
      {"gru_bwd_zr_nn", false, false, B, H, 2 * H, {}, {}, {}},
      {"gru_dw_zr_tn", true, false, 2 * H, H, T * B, {}, {}, {}},
      {"gru_dw_h_tn", true, false, H, H, T * B, {}, {}, {}},
  };
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
  };
  for (auto& p : ps) {
    p.A.resize(static_cast<std::size_t>(p.m) * p.k);
    p.B.resize(static_cast<std::size_t>(p.k) * p.n);
    p.C.assign(static_cast<std::size_t>(p.m) * p.n, 0.0f);
    for (auto& x : p.A) x = next();
    for (auto& x : p.B) x = next();
  }
  return ps;
}

// Repeats the product for at least `ms`; returns GFLOP/s of that repetition.
double time_product(Product& p, double ms) {
  const int lda = p.ta ? p.m : p.k, ldb = p.tb ? p.k : p.n;
  int calls = 0;
  const double t0 = now_s();
  double t = t0;
  do {
    seqlab::sgemm(p.ta, p.tb, p.m, p.n, p.k, 1.0f, p.A.data(), lda, p.B.data(), ldb, 0.0f, p.C.data(), p.n);
    ++calls;
    t = now_s();
  } while ((t - t0) * 1e3 < ms);
  return 2.0 * p.m * p.n * p.k * calls / (t - t0) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = std::max(1, int_arg(argc, argv, "--reps", 7));
  const double ms = std::max(1, int_arg(argc, argv, "--ms", 200));
  const double warmup_ms = std::max(0, int_arg(argc, argv, "--warmup-ms", 300));
  const bool with_gemm = flag(argc, argv, "--gemm");
  // The multiplier and addend come from the command line's length, so the compiler cannot fold the loop.
  const float m = 0.9999f - 1e-7f * static_cast<float>(argc), a = 1e-4f;
  volatile float sink = 0;

  // Warm-up: many short calls, so that V8 tiers the loop up (and the CPU leaves any low-power state).
  std::int64_t blocks = 16;
  for (const double t0 = now_s(); (now_s() - t0) * 1e3 < warmup_ms;) sink = sink + run(blocks, m, a);
  std::vector<Product> products = with_gemm ? gru_products() : std::vector<Product>{};
  // With --gemm every repetition gives each product and the probe windows of the same length, alternating
  // (probe, product, probe, product, ...), so that both see the same load on a shared machine.
  const double window_ms = products.empty() ? ms : ms / static_cast<double>(products.size());
  // Calibrate: how many blocks take about one window.
  for (;;) {
    const double t0 = now_s();
    sink = sink + run(blocks, m, a);
    const double elapsed_ms = (now_s() - t0) * 1e3;
    if (elapsed_ms > window_ms / 4 || blocks > (std::int64_t{1} << 40)) break;
    blocks *= 2;
  }
  blocks *= 4;

  for (auto& p : products) time_product(p, warmup_ms / static_cast<double>(products.size()));
  std::vector<double> gflops, gflops_cpu;
  auto probe = [&] {
    const std::clock_t c0 = std::clock();
    const double t0 = now_s();
    sink = sink + run(blocks, m, a);
    const double wall = now_s() - t0;
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    gflops.push_back(kFlopPerBlock * static_cast<double>(blocks) / wall * 1e-9);
    if (cpu > 0) gflops_cpu.push_back(kFlopPerBlock * static_cast<double>(blocks) / cpu * 1e-9);
  };
  for (int r = 0; r < reps; ++r) {
    if (products.empty()) probe();
    for (auto& p : products) {
      probe();
      p.best_gflops = std::max(p.best_gflops, time_product(p, window_ms));
    }
  }
  std::sort(gflops.begin(), gflops.end());
  std::sort(gflops_cpu.begin(), gflops_cpu.end());
  std::printf("{\"vector_bits\":%d,\"chains\":%d,\"reps\":%d,\"gflops_best\":%.2f,\"gflops_median\":%.2f,"
              "\"gflops_min\":%.2f",
              kBytes * 8, kChains, reps, gflops.back(), gflops[gflops.size() / 2], gflops.front());
#if !defined(__EMSCRIPTEN__)
  if (!gflops_cpu.empty())
    std::printf(",\"cpu_gflops_best\":%.2f,\"cpu_gflops_median\":%.2f", gflops_cpu.back(),
                gflops_cpu[gflops_cpu.size() / 2]);
#endif
  if (with_gemm) {
    // The fastest product's best repetition: the strongest claim real code makes against the peak.
    const Product* fastest = &products.front();
    for (const auto& p : products)
      if (p.best_gflops > fastest->best_gflops) fastest = &p;
    std::printf(",\"gemm_backend\":\"%s\",\"gemm_gflops_best\":%.2f,\"gemm_fastest\":\"%s\",\"gemm\":{",
                seqlab::sgemm_backend(), fastest->best_gflops, fastest->name);
    for (std::size_t i = 0; i < products.size(); ++i)
      std::printf("%s\"%s\":%.2f", i ? "," : "", products[i].name, products[i].best_gflops);
    std::printf("}");
  }
  std::printf(",\"checksum\":%.3g}\n", static_cast<double>(sink));
  return 0;
}
