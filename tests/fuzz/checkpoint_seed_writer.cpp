// Writes the checkpoint target's seed corpus (tests/fuzz/corpus/checkpoint/): small valid checkpoints of
// every cell, with and without an embedding, at both levels, with reserved tokens and training progress,
// written by the engine's own writer so that the seeds follow the format when it changes. Built by the fuzz
// preset; run it from the repository root after a format change:
//   build/fuzz/checkpoint_seed_writer tests/fuzz/corpus/checkpoint
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine/io/checkpoint.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"

using namespace seqlab;

namespace {
void write_seed(const std::string& folder, const std::string& name, const std::string& text,
                const text::CorpusOptions& corpus_options, nn::ModelConfig config, const io::Json& train) {
  const text::Corpus corpus = text::build_corpus(text, corpus_options);
  config.vocab = corpus.vocab_size();
  nn::Model<float> model(config);
  const std::string bytes =
      io::write_checkpoint(io::make_checkpoint(model, corpus.vocab, corpus_options, train, 0.1));
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

  text::CorpusOptions chars;
  nn::ModelConfig rnn;
  rnn.cell = nn::CellType::Rnn;
  rnn.hidden = 2;
  rnn.activation = nn::Activation::Relu;
  write_seed(folder, "rnn-char", text, chars, rnn, io::Json());

  text::CorpusOptions words;
  words.level = text::Level::Word;
  words.reserved = {"<pad>", "<bos>"};
  nn::ModelConfig gru;
  gru.cell = nn::CellType::Gru;
  gru.hidden = 2;
  gru.embedding = 2;
  gru.gru_variant = nn::GruVariant::ResetAfter;
  io::Json progress = io::Json::object();
  progress.set("epochs", 3).set("lr", 0.5).set("iterator", "sequential");
  write_seed(folder, "gru-word-embedding-reserved", text, words, gru, progress);

  text::CorpusOptions rare = chars;
  rare.min_freq = 3;
  rare.preprocess = text::Preprocess::None;
  nn::ModelConfig lstm;
  lstm.cell = nn::CellType::Lstm;
  lstm.hidden = 2;
  lstm.layers = 2;
  write_seed(folder, "lstm-2-layers-min-freq", text, rare, lstm, io::Json());
  return 0;
}
