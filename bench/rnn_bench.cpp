// Throughput of one training step (loss_and_gradients: forward + full BPTT, float) for the benchmark case
// of the speed issue: V = 28 one-hot, 1 layer, H = 256, B = 32, T = 35. Prints one JSON object with
// tokens/s (B*T per step) per cell. Numbers only, never an assertion.
// Usage: rnn_bench [SECONDS per cell, default 2] [CELL: run only that one, e.g. gru]
// It also prints the process CPU time per step: on a machine shared with other jobs it changes far less than
// the wall-clock time. Natively that is std::clock; under Node, whose clock() is the wall clock, it is
// process.cpuUsage() (which also counts V8's helper threads: after the warm-up step they are idle).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

#include "engine/core/rng.h"
#include "engine/nn/model.h"

using namespace seqlab;
using namespace seqlab::nn;

namespace {
double cpu_seconds() {
#if defined(__EMSCRIPTEN__)
  return EM_ASM_DOUBLE({
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
#else
  return double(std::clock()) / CLOCKS_PER_SEC;
#endif
}
}  // namespace

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
    ModelOptions config;
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
    const double cpu_start = cpu_seconds();
    const auto start = clock::now();
    int steps = 0;
    double elapsed = 0.0;
    do {
      model.loss_and_gradients(x.data(), y.data(), B, T, full, rng, state);
      ++steps;
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < seconds);
    const double cpu = cpu_seconds() - cpu_start;
    std::printf(",\"%s\":{\"steps\":%d,\"ms_per_step\":%.3f,\"tokens_per_s\":%.0f", c.name, steps,
                1e3 * elapsed / steps, steps * double(B) * T / elapsed);
    std::printf(",\"cpu_ms_per_step\":%.3f,\"cpu_tokens_per_s\":%.0f", 1e3 * cpu / steps, steps * double(B) * T / cpu);
    std::printf("}");
  }
  std::printf("}\n");
  return 0;
}
