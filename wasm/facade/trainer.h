#pragma once
// The trainer facade: a model trained on a facade::Corpus in slices (the worker calls run() for ~30 ms at
// a time and answers messages in between), evaluated, sampled from, saved and loaded.
//
// Options (JSON text, an empty text = {}): the schema's groups (engine/core/options.h), every key optional,
// unknown keys are an error:
//   model:    the "model" group {cell, hidden, layers, embedding, activation, gruVariant, init}; vocab is
//             the corpus's (giving another value is an error); the seed is the train options' seed.
//   train:    the "train" group {batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps, clip,
//             truncation, tau, pi, seed}. The split is the corpus's valFraction; for the standalone JS class
//             of earlier versions a "valFraction" key here overrides it.
//   generate: the "generate" group {prefix, length, temperature, topK, seed}
// Results: run -> TrainReport JSON; generate -> {text, generated, prefixTokens,
//   steps: [{token, id, top: [{token, id, p}]}]}; diagnostics -> {hiddenGradNorms: [[..per t]] per layer,
//   gateMeans: {"l0.z": mean}}; options -> {model, train, corpus, warnings: [...]}: a checkpoint whose
//   training options cannot be read says so in warnings (its train options are then the defaults).
//
// Resuming: the trainer records its curve (one point per run() that trained, {tokens, totalSteps, epoch,
// loss, perplexity, gradNorm, clipFraction}; one per evaluate(), {tokens, epoch, valPerplexity}; no wall-clock
// field, so that an interrupted run's checkpoint equals the uninterrupted one's byte for byte). save() writes
// it with the engine's ResumeState and the corpus hash; resume(corpus, bytes) continues bit-identically on
// the same corpus (format 1: a fresh optimizer and generator, said in warnings) and refuses another corpus.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/memory_budget.h"
#include "engine/io/checkpoint.h"
#include "engine/core/json.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"
#include "engine/train/trainer.h"
#include "wasm/facade/corpus.h"

namespace seqlab::facade {

class Trainer {
 public:
  // A new trainer's model and training, read from the options once and checked to fit in memory: what the
  // constructor builds. Made only by plan().
  class Plan {
   public:
    const nn::ModelConfig& model() const { return model_; }
    const train::TrainOptions& train() const { return train_; }

   private:
    friend class Trainer;
    Plan(nn::ModelConfig model, train::TrainOptions train) : model_(std::move(model)), train_(std::move(train)) {}
    nn::ModelConfig model_;
    train::TrainOptions train_;
  };
  // Reads the options and refuses (MemoryBudgetError, wasm/facade/memory_checks.h) a model whose training
  // would not fit in memory beside the corpus and `held` (what else the caller keeps: an n-gram model, other
  // trainers). The Session plans before it frees the trainer a new one replaces, so a refusal loses nothing.
  static Plan plan(const Corpus& corpus, const std::string& model_json, const std::string& train_json,
                   const std::vector<MemoryItem>& held = {});
  Trainer(const Corpus& corpus, const Plan& plan);
  // plan() and the constructor in one.
  Trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json,
          const std::vector<MemoryItem>& held = {});
  // A model loaded from checkpoint bytes: it generates and evaluates; run() needs a corpus (throws).
  static Trainer load(const std::vector<std::uint8_t>& bytes);
  // A trainer that continues the checkpoint's run on `corpus`. Throws seqlab::Error when the corpus is not
  // the one trained on (hash, vocabulary, valFraction or token count differ: the message names both and
  // what to do) or when a resume field cannot belong to this trainer.
  static Trainer resume(const Corpus& corpus, const std::vector<std::uint8_t>& bytes);
  static Trainer resume(const Corpus& corpus, io::CheckpointData data);

  bool resumable() const { return trainer_ != nullptr; }
  // {epoch, tokensSeen, totalSteps} (a generation-only model: what its checkpoint says, null when unknown)
  Json progress() const;
  const Json& curve() const { return curve_; }
  const std::string& corpus_hash() const { return corpus_hash_; }

  Json run(int minibatches);
  // {"perplexity": validation perplexity (null without a validation part), "tokens": validation tokens}
  Json evaluate();
  // Changes the train options given (others keep their values). Refuses (MemoryBudgetError) options whose
  // training would not fit beside `held` (the session's corpus and other models) before changing anything.
  void set_options(const std::string& train_json, const std::vector<MemoryItem>& held = {});
  Json options() const;  // {"model", "train", "corpus", "warnings"}
  Json generate(const std::string& options_json);
  // {tokens, unknown, examples}: the tokens of `text` its vocabulary lacks (wasm/facade/unknown_tokens.h).
  Json unknown_tokens(const std::string& text) const;
  Json diagnostics() const;
  std::vector<std::uint8_t> save() const;
  int parameter_count() const { return static_cast<int>(model().parameter_count()); }
  // What this trainer holds as a memory-plan item (its training plan's total; a loaded model's weights).
  MemoryItem memory_held(const std::string& name) const;

  const nn::Model<float>& model() const;
  nn::Model<float>& model();
  // The engine's trainer (null for a model loaded without a corpus): the Session's lab probes it.
  train::Trainer* engine() { return trainer_.get(); }

  // ---- whole runs (the CLI's train, eval and export) ----
  // Minibatches until the epoch ends (a TrainReport whose mean loss is the epoch's, as D2L reports it).
  Json run_epoch();
  // {trainTokens, valTokens, tokensSeen}
  Json token_counts() const;
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

 private:
  explicit Trainer(io::CheckpointData data);
  void record(const train::TrainReport& report);

  text::Vocabulary vocab_;
  text::CorpusOptions corpus_options_;
  train::TrainOptions train_options_;
  std::vector<std::string> warnings_;         // what could not be read from a checkpoint
  std::unique_ptr<train::Trainer> trainer_;   // when built on a corpus
  std::unique_ptr<nn::Model<float>> loaded_;  // when loaded from a checkpoint
  Json loaded_train_;                     // its "train" header, written back unchanged by save()
  std::optional<io::CheckpointData::Resume> loaded_resume_;  // and its resume state (a later resume needs it)
  std::string corpus_hash_;                   // of the corpus trained on (empty: a format-1 model)
  std::uint64_t corpus_tokens_ = 0;           // the ids the trainer was built on
  Json curve_ = Json::array();
};

}  // namespace seqlab::facade
