// GEMM throughput at the recurrent hot loop's shapes, for seqlab::sgemm (the kernels the engine uses:
// hand-written SIMD128 under WebAssembly SIMD, Eigen elsewhere) and for Eigen's product built with the same
// flags. The "ceiling" is what a GRU step's three products reach together: the best tokens/s a training
// loop could get if everything but these products were free.
//
// Shapes for the standard GRU cell (B = 32, H = 256, 3H = 768 gate rows, T = 35):
//   forward    (B, H) x W_h^T           W_h stored (3H, H):        NT  m=32   n=768  k=256
//   backward   dG (B, 3H) x W_h         -> dh (B, H):              NN  m=32   n=256  k=768
//   weights    dW_h += dG^T (3H, B) x h (B, H), per step:          TN  m=768  n=256  k=32
//   weights    the same over all steps at once, k = T*B:           TN  m=768  n=256  k=1120
// Usage: gemm_bench [--reps N] [--min-ms MS] [--warmup-ms MS] [--B 32] [--H 256] [--T 35]   prints one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/core/gemm.h"
#include "engine/core/rng.h"
#include "engine/core/json.h"

namespace {

using Gemm = void (*)(bool, bool, int, int, int, float, const float*, int, const float*, int, float, float*, int);

struct Shape {
  const char* name;
  bool ta, tb;
  int m, n, k;
};

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Seconds per product: median over `reps` timings, each repeating the product for at least min_ms.
struct Timing {
  double median, min, max;
};

Timing time_product(Gemm gemm, const Shape& s, int reps, double min_ms, double warmup_ms, seqlab::Rng& rng) {
  const int a_rows = s.ta ? s.k : s.m, a_cols = s.ta ? s.m : s.k;
  const int b_rows = s.tb ? s.n : s.k, b_cols = s.tb ? s.k : s.n;
  std::vector<float> A(static_cast<std::size_t>(a_rows) * a_cols), B(static_cast<std::size_t>(b_rows) * b_cols),
      C(static_cast<std::size_t>(s.m) * s.n, 0.0f);
  for (auto& x : A) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  for (auto& x : B) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  // beta = 0 every call keeps C bounded (accumulating would grow it without end); the cost is one store pass.
  auto run = [&] { gemm(s.ta, s.tb, s.m, s.n, s.k, 1.0f, A.data(), a_cols, B.data(), b_cols, 0.0f, C.data(), s.n); };
  // Warm-up by time, not by count: V8 first runs WebAssembly in its baseline compiler (Liftoff) and
  // tiers hot functions up to TurboFan in the background.
  run();
  for (const double t0 = now_s(); (now_s() - t0) * 1e3 < warmup_ms;) run();
  std::vector<double> per_call;
  for (int r = 0; r < reps; ++r) {
    int calls = 0;
    const double t0 = now_s();
    double t = t0;
    do {
      run();
      ++calls;
      t = now_s();
    } while ((t - t0) * 1e3 < min_ms);
    per_call.push_back((t - t0) / calls);
  }
  std::sort(per_call.begin(), per_call.end());
  return {per_call[per_call.size() / 2], per_call.front(), per_call.back()};
}

int int_arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = std::max(1, int_arg(argc, argv, "--reps", 5));
  const double min_ms = std::max(0, int_arg(argc, argv, "--min-ms", 200));
  const double warmup_ms = std::max(0, int_arg(argc, argv, "--warmup-ms", 300));
  const int B = int_arg(argc, argv, "--B", 32), H = int_arg(argc, argv, "--H", 256), T = int_arg(argc, argv, "--T", 35);
  const int N = T * B;
  // The fused shapes of the issue, then the products engine/nn's notes-variant GRU really runs (its reset
  // gate multiplies h before W_hh, so the recurrent product is split into z,r (2H rows) and the candidate).
  const Shape shapes[] = {
      {"forward_nt", false, true, B, 3 * H, H},             // (B, H) x W_h^T
      {"backward_dh_nn", false, false, B, H, 3 * H},        // dG (B, 3H) x W_h
      {"weights_tn_step", true, false, 3 * H, H, B},        // dG^T (3H, B) x h (B, H)
      {"weights_tn_batched", true, false, 3 * H, H, N},     // the same over T steps at once
      {"gru_fwd_zr_nt", false, true, B, 2 * H, H},          // per step
      {"gru_fwd_h_nt", false, true, B, H, H},               // per step
      {"gru_bwd_rh_nn", false, false, B, H, H},             // per step
      {"gru_bwd_zr_nn", false, false, B, H, 2 * H},         // per step
      {"gru_dw_zr_tn", true, false, 2 * H, H, N},           // per batch
      {"gru_dw_h_tn", true, false, H, H, N},                // per batch
  };
  constexpr int kShapes = sizeof(shapes) / sizeof(shapes[0]);
  const struct {
    const char* name;
    Gemm gemm;
  } kernels[] = {{"sgemm", seqlab::sgemm}, {"eigen", seqlab::sgemm_eigen}};
  seqlab::Rng rng(1);
  seqlab::Json out = seqlab::Json::object();
  out.set("backend", seqlab::sgemm_backend());
#if defined(__wasm_simd128__)
  out.set("simd128", true);
#else
  out.set("simd128", false);
#endif
  out.set("B", B).set("H", H).set("T", T).set("reps", reps);
  seqlab::Json results = seqlab::Json::object();
  for (const auto& kernel : kernels) {
    seqlab::Json per_kernel = seqlab::Json::object();
    double seconds[kShapes] = {}, best[kShapes] = {};
    for (int i = 0; i < kShapes; ++i) {
      const Shape& s = shapes[i];
      const Timing t = time_product(kernel.gemm, s, reps, min_ms, warmup_ms, rng);
      const double flop = 2.0 * s.m * s.n * s.k;
      seconds[i] = t.median;
      best[i] = t.min;
      seqlab::Json r = seqlab::Json::object();
      r.set("m", s.m).set("n", s.n).set("k", s.k);
      r.set("op", std::string(s.ta ? "T" : "N") + (s.tb ? "T" : "N"));
      r.set("gflops", flop / t.median * 1e-9);
      r.set("gflops_min", flop / t.max * 1e-9);
      r.set("gflops_max", flop / t.min * 1e-9);
      per_kernel.set(s.name, std::move(r));
    }
    // One GRU step's three products (forward, dh, dW_h), with the weight gradient per step or batched over
    // T steps (its time divided by T): equal FLOP each, so the ceiling is 3 F / (t_f + t_dh + t_dW).
    const double F = 2.0 * B * 3.0 * H * H;
    per_kernel.set("ceiling_step_gflops", 3 * F / (seconds[0] + seconds[1] + seconds[2]) * 1e-9);
    per_kernel.set("ceiling_batched_gflops", 3 * F / (seconds[0] + seconds[1] + seconds[3] / T) * 1e-9);
    // The engine's GRU: per batch T x (four per-step products) + the two batched weight gradients; this is
    // the ceiling the benchmark holds the GRU's training speed against.
    // "_best" uses each product's fastest repetition: on a shared machine other processes only ever add
    // time, so the best repetition is the closer estimate of what the kernels can do (a ceiling).
    double flop = 0, time = 0, time_best = 0;
    for (int i = 4; i < kShapes; ++i) {
      const double per_batch = i < 8 ? T : 1;
      flop += per_batch * 2.0 * shapes[i].m * shapes[i].n * shapes[i].k;
      time += per_batch * seconds[i];
      time_best += per_batch * best[i];
    }
    per_kernel.set("ceiling_engine_gru_gflops", flop / time * 1e-9);
    per_kernel.set("ceiling_engine_gru_best_gflops", flop / time_best * 1e-9);
    results.set(kernel.name, std::move(per_kernel));
  }
  out.set("kernels", std::move(results));
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
