// The GEMM kernel sets side by side: in WebAssembly wasm_simd128 (f32x4.mul + f32x4.add) against
// wasm_relaxed_simd (f32x4.relaxed_madd, loaded when Node runs with --experimental-wasm-relaxed-simd), natively
// the one set (eigen). Per round, every kernel set in turn runs the GEMM products of a GRU step and a training
// step (loss and gradients) of each cell at the speed issue's case (V 28 one-hot, H 256, B 32, T 35); rounds
// alternate the sets, so a machine loaded by other jobs slows both alike. Prints one JSON object: per set the
// median, min and max over the rounds, and the ratio of the medians against the build's own set.
// Usage: kernels_bench [--rounds 7] [--ms 400]   (ms: time per measurement)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "engine/core/gemm.h"
#include "engine/core/rng.h"
#include "engine/io/json.h"
#include "engine/nn/model.h"

namespace {

using namespace seqlab;

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int int_arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  return fallback;
}

// Calls `run` for at least `ms` milliseconds (after one untimed call) and returns calls per second.
template <class Run>
double rate(Run run, double ms) {
  run();
  int calls = 0;
  const double t0 = now_s();
  double t = t0;
  do {
    run();
    ++calls;
    t = now_s();
  } while ((t - t0) * 1e3 < ms);
  return calls / (t - t0);
}

struct Product {
  const char* name;
  bool ta, tb;
  int m, n, k;
};

io::Json summary(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  io::Json j = io::Json::object();
  j.set("median", values[values.size() / 2]).set("min", values.front()).set("max", values.back());
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = std::max(1, int_arg(argc, argv, "--rounds", 7));
  const double ms = std::max(10, int_arg(argc, argv, "--ms", 400));
  const int B = 32, H = 256, T = 35, V = 28;
  const Product products[] = {
      {"gemm_fwd_nt", false, true, B, 3 * H, H},     // (B, H) x W^T
      {"gemm_bwd_nn", false, false, B, H, 3 * H},    // dG (B, 3H) x W
      {"gemm_dw_tn", true, false, 3 * H, H, T * B},  // dG^T x h over the batch's T steps
  };
  const struct {
    const char* name;
    nn::CellType cell;
  } cells[] = {{"rnn", nn::CellType::Rnn}, {"gru", nn::CellType::Gru}, {"lstm", nn::CellType::Lstm}};

  Rng rng(1);
  std::vector<float> A(3 * H * T * B), Bm(3 * H * T * B), C(3 * H * H);
  for (auto& x : A) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  for (auto& x : Bm) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  std::vector<std::int32_t> x(B * T), y(B * T);
  for (auto& v : x) v = static_cast<std::int32_t>(rng.below(V));
  for (auto& v : y) v = static_cast<std::int32_t>(rng.below(V));

  const std::vector<std::string> sets = sgemm_kernels();
  const std::string own = sets.front();
  std::map<std::string, std::map<std::string, std::vector<double>>> results;  // set -> measure -> per round
  for (int round = 0; round < rounds; ++round)
    for (const std::string& set : sets) {
      sgemm_select_kernel(set);
      for (const Product& p : products) {
        const int lda = p.ta ? p.m : p.k, ldb = p.tb ? p.k : p.n;
        const double per_s = rate(
            [&] { sgemm(p.ta, p.tb, p.m, p.n, p.k, 1.0f, A.data(), lda, Bm.data(), ldb, 0.0f, C.data(), p.n); }, ms);
        results[set][std::string(p.name) + "_gflops"].push_back(per_s * 2.0 * p.m * p.n * p.k * 1e-9);
      }
      for (const auto& c : cells) {
        nn::ModelConfig config;
        config.cell = c.cell;
        config.vocab = V;
        config.hidden = H;
        nn::Model<float> model(config);
        nn::State<float> state = model.zero_state(B);
        const nn::Truncation full;
        const double steps_per_s =
            rate([&] { model.loss_and_gradients(x.data(), y.data(), B, T, full, rng, state); }, ms);
        results[set][std::string(c.name) + "_tokens_per_s"].push_back(steps_per_s * B * T);
      }
    }
  sgemm_select_kernel(own);

  io::Json out = io::Json::object();
  io::Json config = io::Json::object();
  config.set("vocab", V).set("hidden", H).set("B", B).set("T", T).set("rounds", rounds).set("ms", ms);
  out.set("case", std::move(config));
  io::Json per_set = io::Json::object();
  for (const std::string& set : sets) {
    io::Json measures = io::Json::object();
    for (auto& [measure, values] : results[set]) {
      io::Json s = summary(values);
      if (set != own) {
        std::vector<double> base = results[own][measure], mine = values;
        std::sort(base.begin(), base.end());
        std::sort(mine.begin(), mine.end());
        s.set("ratio_to_" + own, mine[mine.size() / 2] / base[base.size() / 2]);
      }
      measures.set(measure, std::move(s));
    }
    per_set.set(set, std::move(measures));
  }
  out.set("kernel_sets", std::move(per_set));
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
