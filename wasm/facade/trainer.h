#pragma once
// The trainer facade: a model trained on a facade::Corpus in slices (the worker calls run() for ~30 ms at
// a time and answers messages in between), evaluated, and, as every language model
// (wasm/facade/language_model.h), sampled from, scored on a text, exported and saved. A model loaded from a
// checkpoint without a corpus is a facade::LoadedModel (wasm/facade/loaded_model.h), which cannot train.
//
// Options (JSON text, an empty text = {}): the schema's groups (engine/core/options.h), every key optional,
// unknown keys are an error:
//   model:    the "model" group {cell, hidden, layers, embedding, activation, gruVariant, init}; vocab is
//             the corpus's (giving another value is an error); the seed is the train options' seed.
//   train:    the "train" group {batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps, clip,
//             truncation, tau, pi, seed}. The split is the corpus's valFraction; for the standalone JS class
//             of earlier versions a "valFraction" key here overrides it.
// Results: run -> TrainReport JSON; diagnostics -> {hiddenGradNorms: [[..per t]] per layer,
//   gateMeans: {"l0.z": mean}}.
//
// Resuming: the trainer records its curve (language_model.h) and save() writes it with the engine's
// ResumeState and the corpus hash; resume(corpus, bytes) continues bit-identically on the same corpus
// (format 1: a fresh optimizer and generator, said in warnings) and refuses another corpus.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/core/memory_budget.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/model.h"
#include "engine/train/trainer.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/language_model.h"

namespace seqlab::facade {

class Trainer : public LanguageModel {
 public:
  // A new trainer's model and training, read from the options once and checked to fit in memory: what the
  // constructor builds. Made only by plan().
  class Plan {
   public:
    const nn::ModelOptions& model() const { return model_; }
    const train::TrainOptions& train() const { return train_; }

   private:
    friend class Trainer;
    Plan(nn::ModelOptions model, train::TrainOptions train) : model_(std::move(model)), train_(std::move(train)) {}
    nn::ModelOptions model_;
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
  // A trainer that continues the checkpoint's run on `corpus`. Throws seqlab::Error when the corpus is not
  // the one trained on (hash, vocabulary, valFraction or token count differ: the message names both and
  // what to do) or when a resume field cannot belong to this trainer.
  static Trainer resume(const Corpus& corpus, const std::vector<std::uint8_t>& bytes);
  static Trainer resume(const Corpus& corpus, io::CheckpointData data);

  Json progress() const;  // {epoch, tokensSeen, totalSteps}
  // A checkpoint (format 2, engine/io/checkpoint.h): the weights, options, corpus hash, vocabulary, curve and
  // the engine's ResumeState, which continues the run bit-identically.
  std::vector<std::uint8_t> save() const;
  MemoryItem memory_held(const std::string& name) const;  // its training plan's total, named after `name`

  // Trains `minibatches` minibatches, or fewer when stop_at_epoch_end and an epoch ends first (a run stops at
  // its last epoch's end) or when training diverges.
  Json run(int minibatches, bool stop_at_epoch_end = false);
  // {"perplexity": validation perplexity (null without a validation part), "tokens": validation tokens}
  Json evaluate();
  // Changes the train options given (others keep their values). Refuses (MemoryBudgetError) options whose
  // training would not fit beside `held` (the session's corpus and other models) before changing anything.
  void set_options(const std::string& train_json, const std::vector<MemoryItem>& held = {});
  Json diagnostics() const;
  // The engine's trainer: the Session's lab probes it.
  train::Trainer& engine() { return *trainer_; }

  // ---- whole runs (the CLI's train) ----
  // Minibatches until the epoch ends (a TrainReport whose mean loss is the epoch's, as D2L reports it).
  Json run_epoch();
  // {trainTokens, valTokens, tokensSeen}
  Json token_counts() const;

 private:
  // The checkpoint's vocabulary, options and curve, and the engine's trainer of its weights on `corpus`
  // (resume() has checked that it is the corpus trained on).
  Trainer(const io::CheckpointData& data, const Corpus& corpus);
  void record(const train::TrainReport& report);

  std::unique_ptr<train::Trainer> trainer_;   // never null: it owns the weights
  std::uint64_t corpus_tokens_ = 0;           // the ids the trainer was built on
};

}  // namespace seqlab::facade
