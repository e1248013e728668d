#pragma once
// The memory checks the facade makes before it builds a corpus, an n-gram count table or a trainer: each
// puts the engine's estimates (engine/core/memory_budget.h and the formulas it lists) together with what
// the caller already holds, and throws MemoryBudgetError (a seqlab::Error naming the sizes, the limit and
// the settings to lower) when the sum exceeds the limit.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/memory_budget.h"
#include "engine/ngram/smoothing.h"
#include "engine/nn/config.h"
#include "engine/text/corpus.h"
#include "engine/train/train_options.h"

namespace seqlab::facade {

// A text of text_bytes UTF-8 bytes (the copy passed in, and what tokenizing it allocates).
void check_corpus_memory(std::size_t text_bytes, text::Level level);

// What a loaded corpus holds, as a plan's "already loaded" item.
MemoryItem corpus_held(const text::Corpus& corpus);

// An n-gram count table of orders 1..order over `tokens` ids of a vocabulary of vocab_size, and the type
// counts of the smoothing if it reads any (Witten-Bell, Kneser-Ney); `setting` is the option that sets the
// order ("n", "maxN"), advised when a lower order fits.
void check_ngram_memory(int vocab_size, std::size_t tokens, int order, const std::string& setting,
                        const std::vector<MemoryItem>& held,
                        const ngram::Smoothing& smoothing = ngram::Smoothing::laplace());

// A trainer of this model on the corpus's ids (train::plan_training).
void check_training_memory(const nn::ModelOptions& model, const train::TrainOptions& options, std::size_t tokens,
                           const std::vector<MemoryItem>& held);

}  // namespace seqlab::facade
