#pragma once
// The trainer facade: a model trained on a facade::Corpus in slices (the worker calls run() for ~30 ms at
// a time and answers messages in between), evaluated, sampled from, saved and loaded.
//
// Options (JSON text; every key optional, unknown keys are an error):
//   model:    nn::ModelConfig JSON {cell, hidden, layers, embedding, activation, gruVariant, init}; vocab is
//             the corpus's (giving another value is an error); the seed is the train options' seed.
//   train:    train::TrainOptions JSON {batch, steps, iterator, optimizer, lr, momentum, beta1, beta2, eps,
//             clip, truncation, seed, valFraction}
//   generate: {prefix: string, length: int (100), temperature: number (0), topK: int (0), seed: int (0)}
// Results: run -> TrainReport JSON; generate -> {text, generated, prefixTokens,
//   steps: [{token, id, top: [{token, id, p}]}]}; diagnostics -> {hiddenGradNorms: [[..per t]] per layer,
//   gateMeans: {"l0.z": mean}}.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/io/checkpoint.h"
#include "engine/io/json.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"
#include "engine/train/trainer.h"
#include "wasm/facade/corpus.h"

namespace seqlab::facade {

class Trainer {
 public:
  Trainer(const Corpus& corpus, const std::string& model_json, const std::string& train_json);
  // A model loaded from checkpoint bytes: it generates and evaluates; run() needs a corpus (throws).
  static Trainer load(const std::vector<std::uint8_t>& bytes);

  io::Json run(int minibatches);
  std::string run_json(int minibatches) { return run(minibatches).dump(); }
  // {"perplexity": validation perplexity (null without a validation part), "tokens": validation tokens}
  io::Json evaluate();
  std::string evaluate_json() { return evaluate().dump(); }
  // Changes the train options given (others keep their values).
  void set_options(const std::string& train_json);
  io::Json options() const;  // {"model": ..., "train": ..., "corpus": ...}
  std::string options_json() const { return options().dump(); }
  io::Json generate(const std::string& options_json);
  std::string generate_json(const std::string& options_json) { return generate(options_json).dump(); }
  io::Json diagnostics() const;
  std::string diagnostics_json() const { return diagnostics().dump(); }
  std::vector<std::uint8_t> save() const;
  int parameter_count() const { return static_cast<int>(model().parameter_count()); }

  const nn::Model<float>& model() const;
  nn::Model<float>& model();

 private:
  Trainer(io::CheckpointData data);

  text::Vocabulary vocab_;
  text::CorpusOptions corpus_options_;
  train::TrainOptions train_options_;
  std::unique_ptr<train::Trainer> trainer_;   // when built on a corpus
  std::unique_ptr<nn::Model<float>> loaded_;  // when loaded from a checkpoint
  io::Json loaded_train_;                     // its "train" header, written back unchanged by save()
};

}  // namespace seqlab::facade
