#pragma once
// A model loaded from checkpoint bytes without a corpus: it generates, scores a text, exports and saves
// (wasm/facade/language_model.h), and has no training at all: a run needs the corpus it was trained on
// (facade::Trainer::resume). Its save() writes back the checkpoint's train header and resume state
// unchanged, so that a model loaded, saved and later resumed on its corpus continues the run bit-identically.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/memory_budget.h"
#include "engine/io/checkpoint.h"
#include "wasm/facade/language_model.h"

namespace seqlab::facade {

class LoadedModel : public LanguageModel {
 public:
  // Throws seqlab::Error when the bytes are not a checkpoint (the message says what is wrong).
  static LoadedModel load(const std::vector<std::uint8_t>& bytes);
  explicit LoadedModel(const io::CheckpointData& data);

  // What the checkpoint says: {epoch, tokensSeen, totalSteps}, null when it does not say.
  Json progress() const;
  // The checkpoint it was loaded from, byte for byte (its train header and resume state unchanged).
  std::vector<std::uint8_t> save() const;
  // Its weights as a memory-plan item named after `name`.
  MemoryItem memory_held(const std::string& name) const;

 private:
  std::unique_ptr<nn::Model<float>> weights_;
  Json checkpoint_train_;                                   // its "train" header, written back by save()
  std::optional<io::CheckpointData::Resume> resume_;        // and its resume state (a later resume needs it)
};

}  // namespace seqlab::facade
