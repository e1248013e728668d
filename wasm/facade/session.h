#pragma once
// The application layer the page's worker (and any JS user) talks to: one corpus, the n-gram model built on
// it and any number of named trainers (the BPTT lab and the comparison of runs train several side by side).
//
//   Session s;
//   s.load_corpus(text, R"({"level":"char","valFraction":0.1})");  // {tokens, vocabSize, characters, ...}
//   s.build_ngram(R"({"n":3,"smoothing":"add-k","k":0.5})");        // the evaluation
//   s.create_trainer("gru", R"({"cell":"gru","hidden":64})", R"({"lr":1,"seed":42})");
//   s.run("gru", 10);                                               // TrainReport JSON
//
// Rules the page does not re-implement:
// - load_corpus frees the n-gram model and every trainer (their vocabulary and split were the old corpus's).
//   A text it refuses (invalid UTF-8, no token, a split that leaves a part empty) leaves the old corpus,
//   n-gram model and trainers in place, unless old and new could not fit in memory together (the memory
//   plan, memory_checks.h): then the old state is freed first and a failed load keeps nothing.
// - The split (valFraction) is the corpus's: n-gram and trainer options do not take it.
// - ngram_perplexities leaves out the orders the smoothing cannot do (D2L: n > 3: the rows stop at 3);
//   build_ngram refuses them with a message.
// - A checkpoint loaded without a corpus is a model that generates, saves and exports (facade::LoadedModel):
//   run, evaluate, set_train_options, diagnostics and the lab's calls refuse it by name.
// - Generated text is decoded here: the prefix and the continuation as one token sequence, so word-level
//   text has its spaces between words (and between the prefix and the first new word).
// Every method returns Json (the bindings serialise it) except save (bytes). Option arguments are JSON
// text (empty = {}), read through the schema's tables (engine/core/options.h).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/language_model.h"
#include "wasm/facade/loaded_model.h"
#include "wasm/facade/ngram.h"
#include "wasm/facade/trainer.h"

namespace seqlab::facade {

class Session {
 public:
  // {tokens, vocabSize, characters (code points of the text), trainTokens, valTokens, options, hash (the
  // text's fingerprint with its token options, engine/io/corpus_hash.h: what checkpoints record)}
  Json load_corpus(const std::string& text, const std::string& corpus_options_json);
  // A memory task (engine/text/memory_task.h) generated from the "task" group's options and loaded as the
  // corpus (the rules of load_corpus hold): word tokens, every trainer's minibatch rows whole samples,
  // evaluate() with the answer metrics. -> load_corpus's report and task: Corpus::task_report().
  Json load_task(const std::string& task_json);
  // The corpus's token ids (a copy), the vocabulary in id order, and encoding/decoding with the corpus's
  // preprocessing and level (for views that feed a Model directly, e.g. the BPTT lab).
  std::vector<std::int32_t> corpus_ids() const { return corpus().ids(); }
  Json tokens() const { return corpus().vocab_tokens_json(); }
  std::vector<std::int32_t> encode(const std::string& text) const { return corpus().encode(text); }
  std::string decode(const std::vector<std::int32_t>& ids) const { return corpus().decode(ids); }
  // The corpus statistics (camelCase keys).
  Json corpus_stats(const std::string& stats_options_json) const;
  // [{n, perplexity, crossEntropyNats, crossEntropyBits, scored, ngramTypes}] for n = 1..maxN (D2L: at
  // most 3). Options {maxN (6), smoothing, k, eps}.
  Json ngram_perplexities(const std::string& options_json) const;
  // Builds (replacing) the n-gram model; returns its evaluation.
  Json build_ngram(const std::string& ngram_options_json);
  Json ngram_next(const std::string& context, int top_k) const;  // [{token, p}]
  // Generate-group options {prefix, length, temperature, seed}: {text, generated}.
  Json ngram_sample(const std::string& options_json) const;

  // Creates (or replaces) the trainer `name`: {name, parameterCount, options, resumable: true,
  // progress: {epoch, tokensSeen, totalSteps}}.
  Json create_trainer(const std::string& name, const std::string& model_json, const std::string& train_json);
  Json run(const std::string& name, int minibatches);  // TrainReport
  // {perplexity, tokens}; on a task also {answerAccuracy, answerLoss, samples, chanceLoss}
  Json evaluate(const std::string& name);
  // Changes the given train keys without resetting the model; returns the options in effect.
  Json set_train_options(const std::string& name, const std::string& train_json);
  Json generate(const std::string& name, const std::string& options_json);
  Json diagnostics(const std::string& name) const;
  Json trainer_options(const std::string& name) const;
  // The trainer's curve so far: [{tokens, totalSteps, epoch, loss, perplexity, gradNorm, clipFraction}] per
  // run() that trained and [{tokens, epoch, valPerplexity}] per evaluate(), in order (loaded ones included).
  Json curve(const std::string& name) const;
  // A checkpoint (format 2, engine/io/checkpoint.h): model, optimizer, generator, position, options, corpus
  // hash, vocabulary, curve.
  std::vector<std::uint8_t> save(const std::string& name) const;
  // "Export to PyTorch": the safetensors weights, the Python script that loads them (it looks for
  // file_stem + ".safetensors" beside itself) and a file name stem saying what the model is.
  struct PytorchExport {
    std::vector<std::uint8_t> safetensors;
    std::string script;
    std::string file_stem;
  };
  PytorchExport export_pytorch(const std::string& name) const;
  // A trainer from checkpoint bytes: {name, parameterCount, options, resumable, progress, curve}.
  // - a corpus is loaded and it is the one trained on (hash, vocabulary, split): run() continues the run
  //   bit-identically (resumable: true); a format-1 file continues with a fresh optimizer and says so in
  //   options.warnings;
  // - another corpus: throws, naming both corpora and what to do;
  // - no corpus: a LoadedModel that generates, saves and exports (resumable: false); the training calls
  //   refuse it.
  Json load_trainer(const std::string& name, const std::vector<std::uint8_t>& bytes);
  void delete_trainer(const std::string& name);  // throws for an unknown name
  Json trainer_names() const;                // in name order

  bool has_corpus() const { return corpus_ != nullptr; }

  // ---- The BPTT lab (session_lab.cpp; web/js/lab/README.md has the messages these feed) ----
  // Diagnostics of trainer `name`'s current weights on the validation minibatch of train::Trainer::probe
  // (the same rows for every trainer of the same batch and steps, so cells compare on the same data).
  // Options: the "probe" group (engine/train/lab_options.h: lossSteps, pathSplit, truncation, tau, pi, seed,
  // batch, steps, draws) -> {T, hiddenGradNorms[l][t], gruPaths|lstmPaths[l][t] (with pathSplit)}. With
  // draws > 1: the means over the seeds seed .. seed + draws - 1, and hiddenGradNormsMin/Max, their range (the
  // band of random truncation the lab draws).
  Json probe(const std::string& name, const std::string& options_json);
  // The gate activations of trainer `name` over one sequence from the zero state: `text` encoded like the
  // corpus, or when empty the first tokens of the validation part. Options: the "gateActivations" group
  // (maxTokens) -> {tokens: [token strings], gates: {"l0.z": [T][H], ...}} (none for an RNN).
  Json gate_activations(const std::string& name, const std::string& text, const std::string& options_json);
  // The linear RNN of the notes: an untrained one-layer RNN with phi = identity on this corpus, its W_hh
  // scaled to spectral radius rho, and ||dl_T/dh_t|| of the last step's loss on the validation minibatch.
  // Options: the "linearRnn" group (rho required; hidden, batch and steps default to the lab's)
  // -> {rho, measuredRho, B, T, norms[T]}.
  Json linear_rnn(const std::string& options_json);
  // Minibatch k (0-based, of the first epoch) under each iterator, from the engine's DataIterator over the
  // training part, with the train options' batch, steps and seed (a generator of its own, so the offsets
  // are the iterator's but not the ones a trainer of that seed draws after its weights) ->
  // [{iterator, B, T, k, corpusLength, rows: [{start, carriedFromPrevious}]}] for random, sequential.
  Json batch_layout(const std::string& train_options_json, int k) const;

 private:
  const Corpus& corpus() const;
  // f(Trainer&) or f(LoadedModel&) for the model `name` (throws for an unknown name, naming the known ones).
  template <class F>
  decltype(auto) visit(const std::string& name, F&& f) const;
  // The model `name`, a trainer or a loaded one: what both do.
  LanguageModel& model(const std::string& name) const;
  // The trainer `name`; throws for an unknown name and for a model loaded without a corpus (it cannot train).
  Trainer& trainer(const std::string& name) const;
  Json trainer_summary(const std::string& name) const;
  // The memory-plan items of every model but `except`'s.
  std::vector<MemoryItem> models_held(const std::string& except = "") const;
  void forget(const std::string& name);  // the model `name`, whichever kind (nothing when unknown)

  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<NgramModel> ngram_;
  // The session's models by name, a name in one map at most: trainers, and checkpoints loaded without a
  // corpus (they generate).
  std::map<std::string, std::unique_ptr<Trainer>> trainers_;
  std::map<std::string, std::unique_ptr<LoadedModel>> loaded_;
};

}  // namespace seqlab::facade
