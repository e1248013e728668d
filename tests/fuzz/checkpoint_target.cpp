// The checkpoint reader on arbitrary bytes: read_checkpoint either refuses with seqlab::Error or returns data
// that is whole: the model builds from it, the vocabulary rebuilds, and writing it gives a file that reads
// back to the same bytes when written again. A file with a resume section (format 2) then goes where a
// resume goes: a trainer rebuilt on the fixed text kCheckpointText (the corpus with the file's options, the
// train options of the file) either refuses the state with seqlab::Error (trainer.cpp, data_iterator.cpp's
// set_state: what only the corpus can tell) or accepts it, and then trains a minibatch, evaluates, and gives
// back the state it was given. Input: the file's bytes.
#include <cstdint>
#include <memory>
#include <string>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/text/corpus.h"
#include "engine/train/trainer.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

void fuzz_checkpoint(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  io::CheckpointData read;
  try {
    read = io::read_checkpoint(bytes);
  } catch (const Error&) {
    return;
  }
  // Accepted: from here on nothing may refuse it (an Error escapes the target and is reported).
  const nn::Model<float> model = io::model_from_checkpoint(read);
  require(model.parameter_count() == read.parameters.size(), "the model's size differs from the file's");
  require(read.vocabulary().size() == read.model.vocab, "the vocabulary's size differs from the model's");
  const std::string written = io::write_checkpoint(read);
  const io::CheckpointData again = io::read_checkpoint(written);
  require(io::write_checkpoint(again) == written, "write(read(write(x))) differs from write(x)");
  require(again.parameters == read.parameters, "the parameters changed in a write and read");
  if (!read.resume) return;

  std::vector<std::int32_t> ids;
  train::TrainOptions options;
  try {
    ids = text::build_corpus(kCheckpointText, read.corpus).ids;
    if (ids.size() != read.resume->corpus_tokens) return;  // another corpus: the facade refuses it by count
    train::TrainOptions base;
    base.val_fraction = read.val_fraction;
    Json given = Json::object();
    if (read.train.is_object() && read.train.has("options") && read.train.at("options").is_object())
      for (const auto& [key, value] : read.train.at("options").as_object())
        if (key != "valFraction") given.set(key, value);
    options = train::TrainOptions::from_json(given, base);
  } catch (const Error&) {
    return;
  }
  std::unique_ptr<train::Trainer> trainer;
  try {
    trainer = std::make_unique<train::Trainer>(model, options, ids, read.resume->state);
  } catch (const Error&) {
    return;  // a state this corpus and these options cannot have (an offset past T, not a permutation, ...)
  }
  // Accepted by the trainer: the state it holds is the one it was given, and it trains and evaluates.
  const train::ResumeState back = trainer->resume_state();
  require(back.total_steps == read.resume->state.total_steps && back.tokens_seen == read.resume->state.tokens_seen &&
              back.iterator.offset == read.resume->state.iterator.offset &&
              back.iterator.position == read.resume->state.iterator.position &&
              back.optimizer.step == read.resume->state.optimizer.step,
          "the resumed trainer's state differs from the file's");
  const train::TrainReport report = trainer->run(1);
  require(report.steps == 1 || report.diverged, "a resumed trainer trained no minibatch without diverging");
  require(trainer->total_steps() == read.resume->state.total_steps + report.steps, "the step count did not advance");
  trainer->evaluate();
}

}  // namespace seqlab::fuzz
