#pragma once
// One training run's rules, written once for both ways a run is driven: `seqlab train` advances it epoch by
// epoch (next_epoch, one line each) and the page's worker in slices of k minibatches (advance), both through
// the Session (Session::begin_run, wasm/facade/session.h):
// - epochs counted on from where the trainer stands when the run begins, so a resumed run numbers its epochs,
//   and reports its last and best training perplexity and its last validation, as the run that never
//   stopped would (they come from the trainer's curve: one run point per epoch and a validation point after
//   it); the run ends after its `epochs`-th epoch (a slice stops at that epoch's end; advancing by slices
//   with epochs 0 has no end: the page trains until paused);
// - the validation part scored by one of two rules (the option evalBy):
//   epoch: every evalEvery epochs, after the last epoch and after a divergence (or, with evalEvery 0 or no
//     epochs, once at the end; on a memory task at the end always, for the summary's answer metrics);
//   clock: at most every second and at most ~20% of the time (the interval is at least 5x the last
//     validation's cost), and when the run reaches its last epoch; never on the run's first slice (the
//     page shows the first step at once) nor after a divergence;
// - a stop at divergence (the engine's: a loss or gradient that is not finite; and a finite loss whose
//   perplexity overflows) or, on a memory task, at the first validation whose answer accuracy reaches
//   targetAccuracy;
// - the summary: epochs done, perplexities, sizes, the run's step and token counts across resumes, and the
//   greedy prediction after a prefix (by default the text's own first words).
// Options: the "run" group (engine/train/run_options.h); its maxTokens is the caller's, which cuts the
// corpus before the trainer is built on it. Lines are camelCase JSON; the only wall-clock fields are
// tokensPerS and seconds.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/train/run_options.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/trainer.h"

namespace seqlab::facade {

class TrainingRun {
 public:
  // The run continues `trainer` (fresh or resumed) on `corpus`, the one it was built on; both outlive it.
  TrainingRun(const Corpus& corpus, Trainer& trainer, const std::string& run_json);

  // Changes the given keys of the run group (epochs still count from where the run began); returns the
  // options in effect.
  Json set_options(const std::string& run_json);
  Json options() const;

  // True after the last epoch, a divergence or a reached target accuracy.
  bool finished() const;
  // Trains the next epoch and validates when due: {epoch, trainPpl, valPpl (null when not validated),
  // tokensPerS, gradNorm, clipFraction, steps, callTokens, runSteps, runTokens, tokens (the old name of
  // runTokens)[, answerAccuracy, answerLoss, chanceLoss on a task when validated][, diverged, message]}.
  Json next_epoch();
  // Trains at most `minibatches` minibatches (fewer when an epoch ends: a slice never crosses an epoch's
  // end, so it stops at the run's last one) and validates when due:
  // {report: the TrainReport (diverged and message set by the run's divergence rule), validated,
  //  valPerplexity (the last validation's, null before the first), evaluation (when validated:
  //  Trainer::evaluate's), finished, reason ('epochs'|'diverged'|'target', when finished), message (when
  //  diverged)}. A run that stopped at a divergence or its target goes on when advanced again (the page
  // lets the learning rate be lowered and training resumed); one at its last epoch trains nothing more.
  Json advance(int minibatches);

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
  // Takes a trained report's perplexities and speed, and applies the divergence rule to it.
  void take(const Json& report);
  // Whether the validation part is scored after this step; `epoch_end`: an epoch ended with it, `epoch`
  // its number.
  bool validation_due(bool epoch_end, std::int64_t epoch) const;
  Json validate();  // Trainer::evaluate, timed for the clock rule
  bool at_last_epoch() const { return done_ >= last_epoch_; }

  const Corpus& corpus_;
  Trainer& trainer_;
  train::RunOptions options_;
  std::int64_t first_epoch_, last_epoch_, done_;
  bool has_prefix_;
  std::string prefix_;
  bool validates_;
  bool target_reached_ = false;
  double last_ppl_, best_ppl_, val_ppl_, last_tps_ = 0;
  Json diverged_;  // the message of a diverged epoch or slice
  std::int64_t steps_taken_ = 0;  // epochs or slices trained in this run (the clock rule skips the first)
  std::chrono::steady_clock::time_point start_, last_validation_;
  double validation_seconds_ = 0;  // what the last validation cost
};

}  // namespace seqlab::facade
