// Writes the checkpoint target's seed corpus (tests/fuzz/corpus/checkpoint/): small valid checkpoints of
// every cell, with and without an embedding, at both levels, with reserved tokens and training progress,
// and format 2's resume seeds: a trainer on the target's fixed text (checkpoint_target.cpp, kText), stopped
// inside an epoch (Adam with its moments, the random iterator with its order, the sequential one with its
// carried state, random truncation's generator), saved with the corpus hash and a curve. Written by the
// engine's own writer so that the seeds follow the format when it changes. Built by the fuzz preset; run
// it from the repository root after a format change:
//   build/fuzz/checkpoint_seed_writer tests/fuzz/corpus/checkpoint
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine/io/checkpoint.h"
#include "engine/io/corpus_hash.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/train/trainer.h"
#include "tests/fuzz/fuzz_targets.h"

using namespace seqlab;

namespace {
void write_seed(const std::string& folder, const std::string& name, const std::string& text,
                const text::Tokenization& corpus_options, nn::ModelOptions config, const Json& train) {
  const text::Corpus corpus = text::build_corpus(text, corpus_options);
  config.vocab = corpus.vocab_size();
  nn::Model<float> model(config);
  const std::string bytes =
      io::write_checkpoint(io::make_checkpoint(model, corpus.vocab, corpus_options, train, 0.1));
  std::ofstream(folder + "/" + name, std::ios::binary) << bytes;
  std::printf("%s: %zu bytes\n", name.c_str(), bytes.size());
}

// A trainer on kText stopped after `minibatches` (inside an epoch), saved as the facade saves it.
void write_resume_seed(const std::string& folder, const std::string& name, const text::Tokenization& corpus_options,
                       nn::ModelOptions config, const train::TrainOptions& options, int minibatches) {
  const std::string text = fuzz::kCheckpointText;
  const text::Corpus corpus = text::build_corpus(text, corpus_options);
  config.vocab = corpus.vocab_size();
  train::Trainer trainer(config, options, corpus.ids);
  const train::TrainReport report = trainer.run(minibatches);
  if (report.epoch_end || trainer.epochs_completed() != 0) std::fprintf(stderr, "%s: not inside an epoch\n", name.c_str());
  Json train = Json::object();
  train.set("options", options.to_json()).set("tokensSeen", static_cast<double>(trainer.tokens_seen()));
  io::CheckpointData data = io::make_checkpoint(trainer.model(), corpus.vocab, corpus_options, train, options.val_fraction);
  data.corpus_hash = io::corpus_hash(text, corpus_options);
  Json point = Json::object();
  point.set("totalSteps", static_cast<double>(trainer.total_steps())).set("loss", report.loss);
  data.curve.push(point);
  data.resume = io::CheckpointData::Resume{corpus.ids.size(), trainer.resume_state()};
  const std::string bytes = io::write_checkpoint(data);
  std::ofstream(folder + "/" + name, std::ios::binary) << bytes;
  std::printf("%s: %zu bytes\n", name.c_str(), bytes.size());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: checkpoint_seed_writer FOLDER\n");
    return 2;
  }
  const std::string folder = argv[1];
  const std::string text = "the time traveller for so it will be convenient to speak of him";

  text::Tokenization chars;
  nn::ModelOptions rnn;
  rnn.cell = nn::CellType::Rnn;
  rnn.hidden = 2;
  rnn.activation = nn::Activation::Relu;
  write_seed(folder, "rnn-char", text, chars, rnn, Json());

  text::Tokenization words;
  words.level = text::Level::Word;
  words.reserved = {"<pad>", "<bos>"};
  nn::ModelOptions gru;
  gru.cell = nn::CellType::Gru;
  gru.hidden = 2;
  gru.embedding = 2;
  gru.gru_variant = nn::GruVariant::ResetAfter;
  Json progress = Json::object();
  progress.set("epochs", 3).set("lr", 0.5).set("iterator", "sequential");
  write_seed(folder, "gru-word-embedding-reserved", text, words, gru, progress);

  text::Tokenization rare = chars;
  rare.min_freq = 3;
  rare.preprocess = text::Preprocess::None;
  nn::ModelOptions lstm;
  lstm.cell = nn::CellType::Lstm;
  lstm.hidden = 2;
  lstm.layers = 2;
  write_seed(folder, "lstm-2-layers-min-freq", text, rare, lstm, Json());

  // Format 2: resume sections.
  train::TrainOptions adam;
  adam.batch = 2;
  adam.steps = 4;
  adam.iterator = train::IteratorKind::Random;
  adam.optimizer.kind = train::OptimizerKind::Adam;
  adam.optimizer.lr = 0.01;
  adam.truncation.kind = nn::Truncation::Kind::Random;
  adam.truncation.pi = 0.5;
  adam.seed = 3;
  write_resume_seed(folder, "resume-lstm-adam-random", chars, lstm, adam, 3);
  train::TrainOptions sequential = adam;
  sequential.iterator = train::IteratorKind::Sequential;
  sequential.optimizer.kind = train::OptimizerKind::Momentum;
  sequential.optimizer.lr = 0.5;
  sequential.truncation.kind = nn::Truncation::Kind::Fixed;
  sequential.truncation.tau = 2;
  write_resume_seed(folder, "resume-gru-momentum-sequential", chars, gru, sequential, 2);
  train::TrainOptions words_options = sequential;
  words_options.steps = 2;
  words_options.optimizer.kind = train::OptimizerKind::Adam;
  words_options.optimizer.lr = 0.01;
  words_options.val_fraction = 0.2;
  write_resume_seed(folder, "resume-gru-word-embedding-adam", words, gru, words_options, 1);
  return 0;
}
