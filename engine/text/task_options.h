#pragma once
// The "task" option group: which memory task (engine/text/memory_task.h) a corpus is generated from, its lag,
// symbols and sample counts, and the seed.
#include <cstdint>

#include "engine/core/options.h"

namespace seqlab::text {

enum class TaskKind { FirstSymbol, TemporalOrder, Copy };
enum class Filler { Fixed, Random };

struct TaskOptions {
  TaskKind task = TaskKind::FirstSymbol;
  int lag = 50;             // L
  int keys = 4;             // first-symbol: the keys; copy: the alphabet of the copied symbols
  int copy_length = 3;      // copy: C, the symbols to copy
  Filler filler = Filler::Random;  // first-symbol only
  int samples = 4096;       // training samples
  int val_samples = 256;    // validation samples (after the training ones)
  std::uint64_t seed = 0;

  int sample_length() const;  // S
};

// Keys: task, lag, keys, copyLength, filler, samples, valSamples, seed. The check across keys refuses copyLength > lag, valSamples > samples, temporal-order with lag < 3
// and more than 10 million tokens in all.
const OptionTable<TaskOptions>& task_options();
const char* task_name(TaskKind kind);  // "first-symbol", "temporal-order", "copy"

}  // namespace seqlab::text
