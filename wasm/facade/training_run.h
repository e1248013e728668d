#pragma once
// One whole training run's rules, written once (`seqlab train` advances a run to its end with them):
// - epochs counted on from where the trainer stands, so a resumed run numbers its epochs, and reports its
//   last and best training perplexity and its last validation, as the run that never stopped would (they
//   come from the trainer's curve: one run point per epoch and a validation point after it);
// - the validation part scored every evalEvery epochs, after the last epoch and after a divergence (or, with
//   evalEvery 0 or no epochs, once at the end; on a memory task at the end always, for the summary's answer
//   metrics);
// - a stop at divergence (the engine's: a loss or gradient that is not finite; and a finite loss whose
//   perplexity overflows) or, on a memory task, at the first validation whose answer accuracy reaches
//   targetAccuracy;
// - the summary: epochs done, perplexities, sizes, the run's step and token counts across resumes, and the
//   greedy prediction after a prefix (by default the text's own first words).
// Options: the "run" group (engine/train/run_options.h); its maxTokens is the caller's, which cuts the
// corpus before the trainer is built on it. Lines are camelCase JSON; the only wall-clock fields are
// tokensPerS and seconds.
//
// The page's worker trains in wall-clock slices instead (web/js/worker/train-handlers.js): it stops at its
// epoch limit (this group's epochs) and validates by the clock, not by epoch.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/trainer.h"

namespace seqlab::facade {

class TrainingRun {
 public:
  // The run continues `trainer` (fresh or resumed) on `corpus`, the one it was built on; both outlive it.
  TrainingRun(const Corpus& corpus, Trainer& trainer, const std::string& run_json);

  // True after the last epoch, a divergence or a reached target accuracy.
  bool finished() const;
  // Trains the next epoch and validates when due: {epoch, trainPpl, valPpl (null when not validated),
  // tokensPerS, gradNorm, clipFraction, steps, callTokens, runSteps, runTokens, tokens (the old name of
  // runTokens)[, answerAccuracy, answerLoss, chanceLoss on a task when validated][, diverged, message]}.
  Json next_epoch();

  struct Summary {
    // {final: true, epochs, trainPpl, bestTrainPpl, valPpl, tokensPerS, seconds, trainTokens, valTokens,
    //  vocabSize, parameters, model, train[, task, answerAccuracy, answerLoss], runSteps, runTokens
    //  [, diverged, message][, prefix, prediction]}
    Json line;
    // What the caller should say beside it: the divergence, the checkpoint's unreadable options.
    std::vector<std::string> warnings;
    // {tokens, unknown, examples} of a prefix given in the options (null when the prefix is the default).
    Json prefix_unknown_tokens;
  };
  // Once finished (or to stop early): the final validation when due, and the summary.
  Summary summary();

  bool diverged() const { return !diverged_.is_null(); }

 private:
  const Corpus& corpus_;
  Trainer& trainer_;
  std::int64_t epochs_, eval_every_, first_epoch_, last_epoch_, done_;
  double target_accuracy_;
  bool has_prefix_;
  std::string prefix_;
  int predict_;
  bool validates_;
  bool target_reached_ = false;
  double last_ppl_, best_ppl_, val_ppl_, last_tps_ = 0;
  Json diverged_;  // the message of a diverged epoch
  std::chrono::steady_clock::time_point start_;
};

}  // namespace seqlab::facade
