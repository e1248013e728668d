#pragma once
// The optimizer's option entries over train::OptimizerOptions (engine/train/optimizer.h): not a group of
// their own, the train group (and the lab's labTrain) lift them.
#include "engine/core/options.h"
#include "engine/train/optimizer.h"

namespace seqlab::train {

// Keys: optimizer, lr, momentum, beta1, beta2, eps.
const OptionTable<OptimizerOptions>& optimizer_options();

}  // namespace seqlab::train
