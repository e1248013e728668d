#pragma once
// The memory the engine lets one request plan, and the check made BEFORE a large allocation: a plan lists
// what the request will allocate (each item's bytes computed by a formula kept beside the structure it
// describes: nn::workspace_bytes, ngram::NgramCounts::max_bytes, text::corpus_build_bytes,
// train::training_memory) and what the session already holds; when the sum exceeds kMemoryLimitBytes the
// request is refused with a MemoryBudgetError that names the sizes, the limit and the settings to lower.
// Without this, a model too large for WebAssembly memory ends in a bare "std::bad_alloc".
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace seqlab {

// WebAssembly (wasm32) addresses at most 4 GiB, and the build lets the memory grow up to that
// (-sMAXIMUM_MEMORY=4GB, CMakeLists.txt). 512 MiB of it is kept for what the plans do not count: the
// module's code and static data, the 1 MiB stack, the copy of a text passed in from JavaScript, the
// allocator's overhead and the many small allocations (vocabulary strings, options, reports, the GEMM
// packing buffers, a few MiB). The native build keeps the same limit, so the page and the CLI accept the
// same settings.
inline constexpr std::uint64_t kWasmMemoryBytes = std::uint64_t{4} << 30;
inline constexpr std::uint64_t kUncountedBytes = std::uint64_t{512} << 20;
inline constexpr std::uint64_t kMemoryLimitBytes = kWasmMemoryBytes - kUncountedBytes;

// The largest single block the engine may ask for. Emscripten's allocator (dlmalloc) grows its heap by one
// sbrk call per block that does not fit in its free space, and refuses a call of 2 GiB or more
// (HALF_MAX_SIZE_T on wasm32), whatever memory is left: such a block is "std::bad_alloc" though the plan's
// total fits. Measured (word level, The Time Machine 8 times, 4580 words, RNN hidden 16, steps 100): batch
// 1755 planned 3,756,282,320 B in all, under the limit, but its logits are one block of 175,500 x 4580
// floats = 3,215,160,000 B, and the first minibatch threw; batch 1171 (2,145,272,000 B of logits) trains.
// The sbrk call adds the chunk's header and the top chunk's padding (tens of bytes) and is rounded up to
// 64 KiB: 1 MiB below 2 GiB leaves room for both (tests/wasm/memory_budget_test.cpp allocates this size).
inline constexpr std::uint64_t kLargestBlockBytes = (std::uint64_t{2} << 30) - (std::uint64_t{1} << 20);

struct MemoryItem {
  std::string what;  // e.g. "training workspace (batch 64 x steps 400)"
  std::uint64_t bytes = 0;
  // The item's largest single allocation (one buffer), held to kLargestBlockBytes; 0 when not stated.
  std::uint64_t largest_block = 0;
};

// A setting whose lowering makes the plan fit: `fits` is the largest value that does with the others
// unchanged (found by bisection: the plans grow with each setting, but for the small workspace of the
// evaluation's last chunk, whose length varies with batch and steps).
struct MemoryAdvice {
  std::string setting;  // the option's key, as the page and the CLI name it ("batch", "hidden", ...)
  long long current = 0;
  long long fits = 0;
};

struct MemoryPlan {
  std::string subject;              // "the model and its training"
  std::vector<MemoryItem> items;    // what the request allocates
  std::vector<MemoryItem> held;     // what the session already holds and keeps meanwhile
  std::vector<MemoryAdvice> advice; // filled by the planner when the plan does not fit

  std::uint64_t total() const;
  // The item (of items and held) with the largest single block, or null when none states one.
  const MemoryItem* largest_block() const;
  bool fits() const;
  // "the model and its training need 5.9 GB (training workspace ... 5.4 GB, ...), more than the 3.5 GB the
  // engine may use (WebAssembly's 4 GB minus 512 MB for code, stack and small allocations); lower batch
  // (64 -> at most 16), ...". A block too large adds "the largest buffer (training workspace (...)) would
  // be 3.0 GB, more than the 2.0 GB WebAssembly's allocator gives in one block".
  std::string refusal() const;
};

// Thrown by check_memory; advice() holds the settings the message advises lowering (the page marks them).
class MemoryBudgetError : public Error {
 public:
  MemoryBudgetError(const std::string& message, std::vector<MemoryAdvice> advice)
      : Error(message), advice_(std::move(advice)) {}
  const std::vector<MemoryAdvice>& advice() const { return advice_; }

 private:
  std::vector<MemoryAdvice> advice_;
};

// Throws MemoryBudgetError when the plan does not fit.
void check_memory(const MemoryPlan& plan);

// "512 KB", "3.5 GB": binary units (KB = 1024 B), one decimal above 10 units none.
std::string format_bytes(std::uint64_t bytes);

// Saturating sum and product (a plan of absurd settings must not wrap around to a small number).
std::uint64_t add_bytes(std::uint64_t a, std::uint64_t b);
std::uint64_t mul_bytes(std::uint64_t a, std::uint64_t b);

}  // namespace seqlab
