#pragma once
// What a Trainer (trainer.h) of a model config and train options allocates on a stream of `tokens` ids,
// computed without allocating, as a MemoryPlan (engine/core/memory_budget.h), with the settings to lower
// when it does not fit. Each item mirrors a member of train::Trainer and nn::Model:
//   parameters + gradients   2P floats           (nn::Model params_, grads_)
//   optimizer state          P floats, 2P adam   (Optimizer m_, s_)
//   last finite weights      P floats            (Trainer last_finite_, restored on divergence)
//   token streams            the ids, split      (DataIterator ids_, Trainer validation_), plus the random
//                                                 iterator's subsequence starts
//   training workspace       nn::workspace_bytes(B, T) and the minibatch 2BT ids and the carried state
//   evaluation workspace     nn::workspace_bytes of the shapes Trainer::evaluate uses other than (B, T):
//                            (S, T) and the last chunk's (S, length % T), S = min(B, (validation - 1) / T)
//                            parallel streams of length = (validation - 1) / S tokens
// Each item also states its largest single buffer (MemoryItem::largest_block; the logits of the training
// workspace, NV floats, are the one that reaches WebAssembly's 2 GB block limit first).
// Legend: B batch, T steps, P parameters.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/memory_budget.h"
#include "engine/nn/config.h"
#include "engine/train/train_options.h"

namespace seqlab::train {

// The plan's items (without advice).
MemoryPlan training_memory(const nn::ModelOptions& model, const TrainOptions& options, std::size_t tokens);

// training_memory plus, when it does not fit together with `held`, the largest value of each of batch,
// steps, hidden, layers and embedding (when > 0) that fits with the others unchanged.
MemoryPlan plan_training(const nn::ModelOptions& model, const TrainOptions& options, std::size_t tokens,
                         const std::vector<MemoryItem>& held);

}  // namespace seqlab::train
