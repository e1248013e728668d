#pragma once
// The training loop as a step API (the page calls it in slices of ~30 ms from a worker):
//
//   Trainer trainer(model_config, options, corpus.ids);
//   TrainReport r = trainer.run(100);        // 100 minibatches: loss, perplexity, gradient norm, tokens/s
//   double val_ppl = trainer.evaluate();     // perplexity on the validation stream (the last val_fraction)
//   trainer.set_options(o);                  // lr, clip, truncation, optimizer... between slices
//
// One seeded generator (options.seed) draws everything: the weights' initialisation, the iterator's
// offsets and shuffles, random truncation. A seed gives a bit-identical loss curve on one build.
// Divergence: a non-finite loss or gradient norm stops run(), restores the last parameters whose loss and
// gradient were finite, resets the optimizer's moments and the carried state, and reports it.
// The trainer knows the model only through nn::Model's contract (docs/model-contract.md).
// Legend: B batch, T num_steps.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/core/json.h"
#include "engine/nn/config.h"
#include "engine/nn/model.h"
#include "engine/train/data_iterator.h"
#include "engine/train/optimizer.h"
#include "engine/train/train_options.h"

namespace seqlab::train {

// The evaluation on a corpus of samples (a memory task): every validation sample from the zero state.
struct SampleEvaluation {
  double perplexity = 0;       // over every target of every sample
  double answer_accuracy = 0;  // the share of answer steps whose most probable token is the target
  double answer_loss = 0;      // the mean cross-entropy (nats) at the answer steps
  std::size_t samples = 0;
};

struct TrainReport {
  // Scopes are named apart: this call's steps and tokens; the run's (since the start, across resumes) as
  // runSteps, runTokens in the JSON. "tokens" and "totalSteps" are the old names of the run's counts, kept
  // because the page, its saved runs and the checkpoints' curves read them.
  int steps = 0;                  // minibatches trained in this call
  std::int64_t call_tokens = 0;   // tokens trained on in this call (B*T per minibatch)
  std::int64_t tokens = 0;        // tokens trained on since the start (JSON: runTokens and tokens)
  std::int64_t total_steps = 0;   // minibatches since the start (JSON: runSteps and totalSteps)
  double epoch = 0;               // epochs completed, with the current one's fraction
  int epochs_completed = 0;
  bool epoch_end = false;         // the last minibatch of this call closed an epoch
  double loss = 0;                // mean training loss over this call's minibatches
  double perplexity = 0;          // exp(loss)
  double grad_norm = 0;           // norm before clipping of the last minibatch
  double grad_norm_mean = 0;      // its mean over this call
  double clip_fraction = 0;       // how often clipping fired (norm > theta) in this call
  double seconds = 0, tokens_per_s = 0;
  bool diverged = false;
  std::string message;            // why training stopped, when it diverged
  Json to_json() const;
};

// What Trainer::probe measures (the BPTT lab): the loss of the last step alone and the path split by default.
struct ProbeOptions {
  int batch = 0;                // B of the probe minibatch; 0 = the training batch (fewer if the stream is short)
  int steps = 0;                // T; 0 = the training steps
  nn::Truncation truncation;    // full by default; random draws from a generator of its own, Rng(seed)
  std::uint64_t seed = 0;       // so that the lab can show the spread of random truncation over draws
  nn::LossOptions loss{nn::LossSteps::Last, /*path_split=*/true};
  // Read by the Session's probe, not here: it probes with seeds seed, seed + 1, ..., seed + draws - 1 and
  // returns their mean and range (the band of random truncation). A probe here is one draw.
  int draws = 1;
};

// Everything run() needs beyond the weights and the options to continue exactly where a trainer stopped:
// a checkpoint that resumes stores it (engine/io/checkpoint.h). Trained on, a trainer rebuilt from it draws,
// serves and updates exactly what the uninterrupted one would have (bit-identical losses and weights).
// Not kept: the weights a divergence in the very next minibatch would fall back to (the resumed trainer
// falls back to the loaded weights) and the last minibatch's diagnostics.
struct ResumeState {
  Rng::State generator;         // the one generator: iterator offsets and shuffles, random truncation
  OptimizerState optimizer;
  IteratorState iterator;
  std::vector<float> carried;   // the state carried into the next minibatch: h of every layer, then c (LSTM),
                                // each (B, H) row-major; empty when there is none
  std::int64_t tokens_seen = 0, total_steps = 0;
  int epochs_completed = 0;
};

class Trainer {
 public:
  // `ids`: the whole token stream; split by options.val_fraction (engine/core/split.h). The model config's
  // seed is replaced by options.seed and the weights are drawn from the trainer's generator.
  Trainer(const nn::ModelOptions& model, const TrainOptions& options, const std::vector<std::int32_t>& ids);
  // Resumes from given weights (a loaded checkpoint): the generator starts from options.seed.
  Trainer(nn::Model<float> model, const TrainOptions& options, const std::vector<std::int32_t>& ids);
  // Resumes exactly (ResumeState): the same ids and options as the trainer whose state it is. Throws
  // seqlab::Error naming the field that cannot belong to this trainer.
  Trainer(nn::Model<float> model, const TrainOptions& options, const std::vector<std::int32_t>& ids,
          const ResumeState& state);
  ResumeState resume_state() const;

  // Trains `minibatches` minibatches, or fewer when stop_at_epoch_end and an epoch ends first (the CLI trains
  // epoch by epoch this way) or when training diverges.
  TrainReport run(int minibatches, bool stop_at_epoch_end = false);
  // Perplexity on the validation stream: min(B, ...) parallel streams from zero state, evaluated in chunks
  // of T with the state carried; NaN when val_fraction is 0. On a corpus of samples: evaluate_samples()'s.
  double evaluate();
  // On a corpus of samples (options().samples): every validation sample from the zero state, B at a time.
  // Throws seqlab::Error on a text.
  SampleEvaluation evaluate_samples();
  // Perplexity of the model on any id stream evaluated the same way.
  double perplexity_of(const std::vector<std::int32_t>& ids);

  // Changes hyperparameters between slices without touching the weights. batch, steps and iterator
  // restart the epoch; seed and val_fraction are fixed at construction (changing them throws).
  void set_options(const TrainOptions& options);
  const TrainOptions& options() const { return options_; }

  const nn::Model<float>& model() const { return model_; }
  nn::Model<float>& model() { return model_; }
  const nn::Diagnostics& last_diagnostics() const { return diagnostics_; }
  // Diagnostics of the current weights on a fixed minibatch: row b of it is validation tokens
  // [b*T, (b+1)*T) (targets shifted by one; on a corpus of samples, validation sample b), from the zero state. Changes nothing: weights, gradients,
  // optimizer, carried state and generator are as before. Throws Error when the validation stream has
  // fewer than T + 1 tokens.
  nn::Diagnostics probe(const ProbeOptions& options = {});
  std::size_t train_token_count() const { return iterator_.token_count(); }
  std::size_t validation_token_count() const { return validation_.size(); }
  std::size_t batches_per_epoch() const;      // of the current epoch (before the first: offset 0's)
  std::int64_t tokens_seen() const { return tokens_; }
  std::int64_t total_steps() const { return total_steps_; }
  int epochs_completed() const { return epochs_completed_; }
  // Epochs completed plus the current epoch's fraction (TrainReport::epoch).
  double epoch() const;

 private:
  void reset_after_divergence();

  TrainOptions options_;
  Rng rng_;
  nn::Model<float> model_;
  Optimizer optimizer_;
  DataIterator iterator_;
  std::vector<std::int32_t> validation_;
  nn::State<float> state_;
  Minibatch batch_;
  std::vector<float> last_finite_;  // the parameters of the last minibatch whose loss and gradient were finite
  nn::Diagnostics diagnostics_;
  std::int64_t tokens_ = 0, total_steps_ = 0;
  int epochs_completed_ = 0;
};

}  // namespace seqlab::train
