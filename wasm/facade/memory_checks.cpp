#include "wasm/facade/memory_checks.h"

#include "engine/ngram/count_classes.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/ngram/type_counts.h"
#include "engine/train/training_memory.h"

namespace seqlab::facade {

void check_corpus_memory(std::size_t text_bytes, text::Level level) {
  MemoryPlan plan;
  plan.subject = "the corpus";
  plan.items = {{"the text", text_bytes, text_bytes}, {"tokenizing it", text::corpus_build_bytes(text_bytes, level),
                                                        text::corpus_build_largest_block(text_bytes, level)}};
  check_memory(plan);
}

MemoryItem corpus_held(const text::Corpus& corpus) {
  return {"the corpus (" + std::to_string(corpus.ids.size()) + " tokens)", corpus.memory_bytes()};
}

void check_ngram_memory(int vocab_size, std::size_t tokens, int order, const std::string& setting,
                        const std::vector<MemoryItem>& held, const ngram::Smoothing& smoothing) {
  const auto plan_for = [&](int n) {
    MemoryPlan plan;
    plan.subject = "the n-gram counts";
    plan.items = {{"counts of orders 1.." + std::to_string(n) + " over " + std::to_string(tokens) + " tokens",
                   ngram::NgramCounts::max_bytes(tokens, vocab_size, n)}};
    if (smoothing.needs_type_counts())
      plan.items.push_back({"the type counts of " + smoothing.to_string(),
                            ngram::TypeCounts::max_bytes(tokens, vocab_size, n,
                                                         smoothing.needs_continuation_counts())});
    if (smoothing.kind == ngram::Smoothing::Kind::ModifiedKneserNey)
      plan.items.push_back({"the discounts and backoff masses of modified-kneser-ney",
                            ngram::CountClasses::max_bytes(tokens, vocab_size, n)});
    plan.held = held;
    return plan;
  };
  MemoryPlan plan = plan_for(order);
  if (plan.fits()) return;
  for (int n = order - 1; n >= 1; --n)
    if (plan_for(n).fits()) {
      plan.advice.push_back({setting, order, n});
      break;
    }
  check_memory(plan);
}

void check_training_memory(const nn::ModelOptions& model, const train::TrainOptions& options, std::size_t tokens,
                           const std::vector<MemoryItem>& held) {
  check_memory(train::plan_training(model, options, tokens, held));
}

}  // namespace seqlab::facade
