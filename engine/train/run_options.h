#pragma once
// The "run" option group: one whole training run (wasm/facade/training_run.h), as `seqlab train` runs it
// epoch by epoch and as the page's worker runs it in slices: how many epochs, when the validation part is
// scored (every evalEvery epochs, or by the wall clock for a run shown live), when a memory task stops
// early, how much of the text trains, and the prediction of the run's summary. And the "evaluateText" group: a saved model scored on a whole text,
// read as one stream (`seqlab eval`, facade::Trainer::evaluate_text).
#include <cstdint>
#include <string>

#include "engine/core/options.h"

namespace seqlab::train {

// When a run scores its validation part: after every evalEvery-th epoch (seqlab train's lines), or by the
// wall clock, at most every second and at most ~20% of the time (the page's live curve).
enum class EvalBy { Epoch, Clock };

struct RunOptions {
  std::int64_t epochs = 10;
  EvalBy eval_by = EvalBy::Epoch;
  std::int64_t eval_every = 1;     // 0 = only at the end
  double target_accuracy = 1.01;  // above 1: an answer accuracy never reaches it, so the run never stops early
  std::uint64_t max_tokens = 0;    // 0 = the whole text
  std::string prefix;              // "" = the text's own first words
  int predict = 50;                // 0 = no prediction
};

struct EvaluateTextOptions {
  std::uint64_t max_tokens = 0;  // 0 = the whole text
  int steps = 35;
};

// Keys: epochs, evalBy, evalEvery, targetAccuracy, maxTokens, prefix, predict.
const OptionTable<RunOptions>& run_options();
// Keys: maxTokens, steps.
const OptionTable<EvaluateTextOptions>& evaluate_text_options();

}  // namespace seqlab::train
