#include "wasm/facade/loaded_model.h"

#include "engine/core/error.h"
#include "wasm/facade/memory_checks.h"

namespace seqlab::facade {

LoadedModel LoadedModel::load(const std::vector<std::uint8_t>& bytes) {
  return LoadedModel(io::read_checkpoint(std::string(bytes.begin(), bytes.end())));
}

LoadedModel::LoadedModel(const io::CheckpointData& data)
    : LanguageModel(data),
      weights_(std::make_unique<nn::Model<float>>(io::model_from_checkpoint(data))),
      checkpoint_train_(data.train),
      resume_(data.resume) {
  set_model(*weights_);
}

Json LoadedModel::progress() const {
  Json j = Json::object();
  if (resume_) {
    const train::ResumeState& s = resume_->state;
    j.set("epoch", s.epochs_completed).set("tokensSeen", static_cast<double>(s.tokens_seen))
        .set("totalSteps", static_cast<double>(s.total_steps));
  } else {
    const bool known = checkpoint_train_.is_object() && checkpoint_train_.has("tokensSeen") &&
                       checkpoint_train_.at("tokensSeen").is_number();
    j.set("epoch", Json()).set("tokensSeen", known ? checkpoint_train_.at("tokensSeen") : Json())
        .set("totalSteps", Json());
  }
  return j;
}

std::vector<std::uint8_t> LoadedModel::save() const { return checkpoint(checkpoint_train_, resume_); }

MemoryItem LoadedModel::memory_held(const std::string& name) const {
  return {"model '" + name + "'", mul_bytes(2 * model().parameter_count(), sizeof(float))};
}

}  // namespace seqlab::facade
