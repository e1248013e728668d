// Throughput of one training step (loss_and_gradients: forward + full BPTT, float) for the benchmark case
// of the speed issue: V = 28 one-hot, 1 layer, H = 256, B = 32, T = 35. Prints one JSON object with
// tokens/s (B*T per step) per cell. Numbers only, never an assertion.
// Usage: rnn_bench [SECONDS per cell, default 2] [CELL: run only that one, e.g. gru]
// Natively it also prints the process CPU time per step (std::clock): on a machine shared with other jobs it
// changes far less than the wall-clock time. (Emscripten has no process CPU clock: omitted there.)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/model.h"

using namespace seqlab;
using namespace seqlab::nn;

int main(int argc, char** argv) {
  const int B = 32, T = 35;
  const double seconds = argc > 1 ? std::stod(argv[1]) : 2.0;
  std::printf("{\"case\":{\"vocab\":28,\"hidden\":256,\"layers\":1,\"B\":%d,\"T\":%d,\"truncation\":\"full\"}", B, T);
  const struct { const char* name; CellType cell; GruVariant variant; } cells[] = {
      {"rnn", CellType::Rnn, GruVariant::Notes},
      {"gru", CellType::Gru, GruVariant::Notes},
      {"gru_reset_after", CellType::Gru, GruVariant::ResetAfter},
      {"lstm", CellType::Lstm, GruVariant::Notes}};
  const std::string only = argc > 2 ? argv[2] : "";
  for (const auto& c : cells) {
    if (!only.empty() && only != c.name) continue;
    ModelConfig config;
    config.cell = c.cell;
    config.gru_variant = c.variant;
    config.vocab = 28;
    config.hidden = 256;
    Model<float> model(config);
    Rng rng(1);
    std::vector<std::int32_t> x(B * T), y(B * T);
    for (auto& v : x) v = static_cast<std::int32_t>(rng.below(28));
    for (auto& v : y) v = static_cast<std::int32_t>(rng.below(28));
    State<float> state = model.zero_state(B);
    const Truncation full;
    model.loss_and_gradients(x.data(), y.data(), B, T, full, rng, state);  // warm-up: workspaces
    using clock = std::chrono::steady_clock;
    const std::clock_t cpu_start = std::clock();
    const auto start = clock::now();
    int steps = 0;
    double elapsed = 0.0;
    do {
      model.loss_and_gradients(x.data(), y.data(), B, T, full, rng, state);
      ++steps;
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < seconds);
    const std::clock_t cpu_end = std::clock();
    std::printf(",\"%s\":{\"steps\":%d,\"ms_per_step\":%.3f,\"tokens_per_s\":%.0f", c.name, steps,
                1e3 * elapsed / steps, steps * double(B) * T / elapsed);
#if !defined(__EMSCRIPTEN__)
    const double cpu = double(cpu_end - cpu_start) / CLOCKS_PER_SEC;
    std::printf(",\"cpu_ms_per_step\":%.3f,\"cpu_tokens_per_s\":%.0f", 1e3 * cpu / steps, steps * double(B) * T / cpu);
#else
    (void)cpu_end;
    (void)cpu_start;
#endif
    std::printf("}");
  }
  std::printf("}\n");
  return 0;
}
