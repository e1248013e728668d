// The machine's peak float rate on one core, as the build can reach it: a loop of multiply-adds on
// independent accumulators that never leave the registers, over the widest vectors the build targets
// (AVX-512, AVX or SSE natively; 128-bit SIMD in WebAssembly, where without relaxed SIMD a multiply-add is
// a multiply and an add). No memory traffic and no dependency between accumulators, so nothing real can
// run faster: the benchmark uses it as the upper bound of what any training loop's FLOP rate can be, and
// refuses a result that claims more.
// Natively it also times by the process's CPU clock: on a machine shared with other jobs the wall clock
// counts the time the process waited, the CPU clock does not (WebAssembly has no CPU clock: wall only).
// Usage: peak_bench [--reps N] [--ms MS per repetition]   prints one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <vector>

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

// 12 chains: enough to cover a 4-cycle multiply-add latency on two ports, few enough for 16 registers.
constexpr int kChains = 12;
constexpr int kInner = 256;

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Runs `outer` blocks of kInner multiply-adds on each chain; returns a value that depends on all of them.
__attribute__((noinline)) float run(long outer, float m, float a) {
  Vec acc[kChains];
  for (int c = 0; c < kChains; ++c)
    for (int l = 0; l < kLanes; ++l) acc[c][l] = 0.001f * static_cast<float>(c + l);
  Vec mv, av;
  for (int l = 0; l < kLanes; ++l) {
    mv[l] = m;
    av[l] = a;
  }
  for (long o = 0; o < outer; ++o)
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

}  // namespace

int main(int argc, char** argv) {
  const int reps = std::max(1, int_arg(argc, argv, "--reps", 7));
  const double ms = std::max(1, int_arg(argc, argv, "--ms", 200));
  // The multiplier and addend come from the command line's length, so the compiler cannot fold the loop.
  const float m = 0.9999f - 1e-7f * static_cast<float>(argc), a = 1e-4f;
  const double flop_per_outer = 2.0 * kLanes * kChains * kInner;
  // Calibrate: how many outer blocks take about `ms` (also warms V8's tiers up under WebAssembly).
  long outer = 64;
  volatile float sink = 0;
  for (;;) {
    const double t0 = now_s();
    sink = sink + run(outer, m, a);
    if ((now_s() - t0) * 1e3 > ms / 4 || outer > (1L << 40)) break;
    outer *= 2;
  }
  outer *= 4;
  std::vector<double> gflops, gflops_cpu;
  for (int r = 0; r < reps; ++r) {
    const std::clock_t c0 = std::clock();
    const double t0 = now_s();
    sink = sink + run(outer, m, a);
    const double wall = now_s() - t0;
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    gflops.push_back(flop_per_outer * static_cast<double>(outer) / wall * 1e-9);
    if (cpu > 0) gflops_cpu.push_back(flop_per_outer * static_cast<double>(outer) / cpu * 1e-9);
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
  std::printf(",\"checksum\":%.3g}\n", static_cast<double>(sink));
  return 0;
}
