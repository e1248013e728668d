#pragma once
// How a network is trained (the "train" option group): minibatch shape, iterator, optimizer, clipping,
// truncation, seed. The table in train_options.cpp is the one place that names their ranges and choices;
// from_json / to_json / validate and seqlab.schema().train come from it.
#include <cstdint>

#include "engine/core/options.h"
#include "engine/core/json.h"
#include "engine/nn/config.h"
#include "engine/train/data_iterator.h"
#include "engine/train/optimizer.h"

namespace seqlab::train {

struct TrainOptions {
  int batch = 32;                                  // B
  int steps = 35;                                  // T (num_steps)
  IteratorKind iterator = IteratorKind::Sequential;
  OptimizerOptions optimizer;                      // kind, lr, momentum, beta1, beta2, eps
  double clip = 1.0;                               // theta of global-norm clipping; 0 = off
  nn::Truncation truncation;                       // keys truncation {full, fixed, random}, tau, pi
  std::uint64_t seed = 0;
  // The LAST fraction of the ids validates. Not a train key: it belongs to the corpus group (the split the
  // n-gram models share); the facade copies it in.
  double val_fraction = 0.1;
  // A corpus of samples (a memory task): their length and answer steps. Not a train key either: the facade
  // copies in the corpus's; then steps must be S - 1 and the iterator random (every row one whole sample).
  SampleLayout samples;

  void validate() const;  // throws seqlab::Error naming the bad field and its range
  // JS-style keys: batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps, clip, truncation,
  // tau, pi, seed (the old truncation strings 'fixed:10', 'random:0.5' still read). from_json starts from
  // `base` (missing keys keep base's values); unknown keys throw.
  Json to_json() const;
  static TrainOptions from_json(const Json&, const TrainOptions& base);
  static TrainOptions from_json(const Json& j);
};

// The entries truncation {full, fixed, random}, tau and pi over nn::Truncation: the train group and the lab's
// groups (probe, lossAndGradients) lift them, so every caller takes the same three keys.
const OptionTable<nn::Truncation>& truncation_options();
// The option table of the "train" group (seqlab.schema().train).
const OptionTable<TrainOptions>& train_options();

}  // namespace seqlab::train
