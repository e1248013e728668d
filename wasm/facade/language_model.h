#pragma once
// What a recurrent language model does with text whether it trains (facade::Trainer, wasm/facade/trainer.h)
// or was loaded from a checkpoint to generate (facade::LoadedModel, wasm/facade/loaded_model.h): the weights
// with the vocabulary and corpus options that turn text into its ids and back, the train options (in effect,
// or as the checkpoint recorded them) and its curve. It generates, scores a text, exports to PyTorch and says
// its options; training is the Trainer's alone, so that a loaded model cannot be asked to train at all.
//
// Options (JSON text, an empty text = {}): generate takes the "generate" group {prefix, length, temperature,
// topK, seed}. Results: generate -> {text, generated, prefixTokens, steps: [{token, id, top: [{token, id,
// p}]}]}; options -> {model, train, corpus, warnings: [...]}: a checkpoint whose training options cannot be
// read says so in warnings (its train options are then the defaults).
//
// The curve: one point per run() that trained, {tokens, totalSteps, epoch, loss, perplexity, gradNorm,
// clipFraction}; one per evaluate(), {tokens, epoch, valPerplexity}; a loaded checkpoint's points first. No
// wall-clock field, so that an interrupted run's checkpoint equals the uninterrupted one's byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"
#include "engine/train/train_options.h"

namespace seqlab::facade {

// Not polymorphic: the WebAssembly build compiles the facade without RTTI, which a virtual class's type
// information would need where Embind registers it. Each kind says its own progress(), save() and
// memory_held(); the Session knows which kind each name is.
class LanguageModel {
 public:
  LanguageModel(LanguageModel&&) = default;
  LanguageModel& operator=(LanguageModel&&) = default;
  // Public for Embind's registration only: a model is deleted as its kind (Trainer, LoadedModel), which
  // owns the weights model() reads, never as a LanguageModel.
  ~LanguageModel() = default;

  const nn::Model<float>& model() const { return *model_; }
  nn::Model<float>& model() { return *model_; }  // generation and scoring use the model's workspaces
  const Json& curve() const { return curve_; }
  const std::string& corpus_hash() const { return corpus_hash_; }
  int parameter_count() const { return static_cast<int>(model().parameter_count()); }
  Json options() const;  // {"model", "train", "corpus", "warnings"}
  Json generate(const std::string& options_json);
  // {tokens, unknown, examples}: the tokens of `text` its vocabulary lacks (wasm/facade/unknown_tokens.h).
  Json unknown_tokens(const std::string& text) const;
  // {tokens, loss, perplexity}: the mean loss of the model on `text` (preprocessed and encoded like its
  // corpus, cut to max_tokens when > 0) read as ONE stream from the zero state, in chunks of `steps` with
  // the state carried: the loss of one forward pass of torch.nn over the whole text.
  Json evaluate_text(const std::string& text, std::size_t max_tokens, int steps);
  // The weights under torch.nn.RNN/GRU/LSTM + nn.Linear names (engine/io/safetensors.h), with the model,
  // vocabulary and corpus options as metadata; `tensors` lists [{name, shape}].
  struct Export {
    std::vector<std::uint8_t> bytes;
    Json tensors;
  };
  Export export_safetensors() const;
  // The Python script that loads the exported weights, found beside it as `weights_file`, into torch.nn
  // modules and scores, generates or continues training (engine/io/pytorch_script.h).
  std::string pytorch_script(const std::string& weights_file) const;
  // A file name stem that says what the model is, e.g. "seqlab-gru-h256-char" (characters [a-z0-9_-]).
  std::string file_stem() const;

 protected:
  // A model trained on a corpus of this vocabulary and these options.
  LanguageModel(text::Vocabulary vocab, text::Tokenization corpus_options, train::TrainOptions train_options,
                std::string corpus_hash);
  // What a checkpoint says beside its weights: the vocabulary, corpus options, train options (a warning when
  // they cannot be read, and the defaults over the file's split), corpus hash and curve.
  explicit LanguageModel(const io::CheckpointData& data);

  // The weights the kind owns (a trainer: its engine trainer's; a loaded model: its own), set once by its
  // constructor and stable when the kind is moved (they live on the heap).
  void set_model(nn::Model<float>& model) { model_ = &model; }
  // The checkpoint of model() with `train` as its "train" header and `resume` as its resume state.
  std::vector<std::uint8_t> checkpoint(Json train, std::optional<io::CheckpointData::Resume> resume) const;

  text::Vocabulary vocab_;
  text::Tokenization corpus_options_;
  train::TrainOptions train_options_;
  std::string corpus_hash_;               // of the corpus trained on (empty: a format-1 model)
  std::vector<std::string> warnings_;     // what could not be read from a checkpoint
  Json curve_ = Json::array();

 private:
  nn::Model<float>* model_ = nullptr;
};

// The train group's keys read over `base`. valFraction is the corpus group's; an earlier caller (or an
// earlier checkpoint) may give it here, which sets the split.
train::TrainOptions read_train_options(const Json& j, train::TrainOptions base);

}  // namespace seqlab::facade
