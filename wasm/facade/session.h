#pragma once
// The application layer the page's worker, the CLI (every cli/command_*.cpp) and any JS user talk to: one
// corpus, the n-gram model built on it, any number of named trainers (the BPTT lab and the comparison of
// runs train several side by side) and a training run per trainer (facade::TrainingRun: its epochs,
// validation and stops, the same for the CLI's epoch lines and the page's slices).
//
//   Session s;
//   s.load_corpus(text, R"({"level":"char","valFraction":0.1})");  // {tokens, vocabSize, characters, ...}
//   s.build_ngram(R"({"n":3,"smoothing":"add-k","k":0.5})");        // the evaluation
//   s.create_trainer("gru", R"({"cell":"gru","hidden":64})", R"({"lr":1,"seed":42})");
//   s.run("gru", 10);                                               // TrainReport JSON
//   s.begin_run("gru", R"({"epochs":5,"evalBy":"clock"})");
//   s.advance_run("gru", 10);                                       // {report, validated, finished, ...}
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
// - A training run belongs to its trainer: replacing or deleting the trainer (or loading a corpus) ends it.
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
#include "wasm/facade/training_run.h"

namespace seqlab::facade {

class Session {
 public:
  // {tokens, vocabSize, characters (code points of the text), trainTokens, valTokens, options, hash (the
  // text's fingerprint with its token options, engine/io/corpus_hash.h: what checkpoints record)}
  // With max_tokens > 0 the corpus keeps its first max_tokens tokens (and the whole text's vocabulary: D2L's
  // corpus[:N], the run group's maxTokens) before its split is made.
  Json load_corpus(const std::string& text, const std::string& corpus_options_json, std::uint64_t max_tokens = 0);
  // A saved run continued on its own text (`seqlab train --resume`): the corpus is loaded from `text` with
  // the options the checkpoint recorded and cut to the tokens it was trained on, then the trainer `name`
  // resumes on it (load_trainer's rules: the hash, vocabulary and split must match). Throws when the bytes
  // are not a checkpoint (before the corpus is touched) or the text is not the one trained on.
  // -> load_trainer's result.
  Json resume_on_text(const std::string& name, const std::string& text, const std::vector<std::uint8_t>& bytes);
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
  // The n-gram model's evaluation on another text instead of the validation part (NgramModel::evaluate_text),
  // the tokens of a text its vocabulary lacks, whether it gives probabilities (stupid-backoff does not) and
  // its ARPA text (wasm/facade/arpa.h: Witten-Bell and the Kneser-Neys).
  Json ngram_evaluate_text(const std::string& text) const;
  Json ngram_unknown_tokens(const std::string& text) const;
  bool ngram_gives_probabilities() const;
  std::string ngram_arpa() const;
  // An ARPA file (KenLM, SRILM or ngram_arpa's) scoring a text: facade::evaluate_arpa. Holds nothing.
  static Json evaluate_arpa(const std::string& arpa, const std::string& text);

  // Creates (or replaces) the trainer `name`: {name, parameterCount, options, resumable: true,
  // progress: {epoch, tokensSeen, totalSteps}}.
  Json create_trainer(const std::string& name, const std::string& model_json, const std::string& train_json);
  Json run(const std::string& name, int minibatches);  // TrainReport
  // {perplexity, tokens}; on a task also {answerAccuracy, answerLoss, samples, chanceLoss}
  Json evaluate(const std::string& name);
  // Changes the given train keys without resetting the model; returns the options in effect.
  Json set_train_options(const std::string& name, const std::string& train_json);
  Json generate(const std::string& name, const std::string& options_json);
  // The "evaluateText" group {maxTokens, steps}: the model's loss on `text` read as one stream
  // (LanguageModel::evaluate_text) -> {tokens, loss, perplexity}. Works on a model loaded without a corpus.
  Json evaluate_text(const std::string& name, const std::string& text, const std::string& options_json);
  // {tokens, unknown, examples}: the tokens of `text` the model's vocabulary lacks.
  Json unknown_tokens(const std::string& name, const std::string& text) const;
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
  // The same in parts, for a caller that names the files itself (`seqlab export`): the safetensors with the
  // list of tensors, and the script that loads `weights_file` from its own folder.
  LanguageModel::Export export_safetensors(const std::string& name) const;
  std::string pytorch_script(const std::string& name, const std::string& weights_file) const;
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

  // ---- Training runs (facade::TrainingRun, wasm/facade/training_run.h: the rules) ----
  // Begins (replacing) the run of trainer `name` from where it stands, with the "run" group's options;
  // returns them. A model loaded without a corpus is refused (it cannot train).
  Json begin_run(const std::string& name, const std::string& run_json);
  // Changes the given keys of the run's options (the page's epoch limit while it trains); returns them.
  Json set_run_options(const std::string& name, const std::string& run_json);
  // The CLI's steps: the next epoch's line, whether the run is over, and the summary
  // {line, warnings, prefixUnknownTokens} (TrainingRun::Summary).
  Json run_epoch(const std::string& name);
  bool run_finished(const std::string& name) const;
  Json run_summary(const std::string& name);
  // The page's step: at most `minibatches` minibatches -> TrainingRun::advance's
  // {report, validated, valPerplexity, evaluation, finished, reason, message}.
  Json advance_run(const std::string& name, int minibatches);

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
  void forget(const std::string& name);  // the model `name`, whichever kind, and its run (nothing when unknown)
  // The run of trainer `name`; throws when none was begun.
  TrainingRun& training_run(const std::string& name) const;

  std::unique_ptr<Corpus> corpus_;
  std::unique_ptr<NgramModel> ngram_;
  // The session's models by name, a name in one map at most: trainers, and checkpoints loaded without a
  // corpus (they generate).
  std::map<std::string, std::unique_ptr<Trainer>> trainers_;
  std::map<std::string, std::unique_ptr<LoadedModel>> loaded_;
  // A trainer's run, by the trainer's name (it reads the corpus and the trainer, so it goes with either).
  std::map<std::string, std::unique_ptr<TrainingRun>> runs_;
};

}  // namespace seqlab::facade
