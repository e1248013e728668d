#include "wasm/facade/resumed_run.h"

#include "engine/io/checkpoint.h"
#include "engine/text/corpus_options.h"

namespace seqlab::facade {

ResumedRun resume_run(const std::string& text, const std::vector<std::uint8_t>& checkpoint) {
  io::CheckpointData data = io::read_checkpoint(std::string(checkpoint.begin(), checkpoint.end()));
  ResumedRun run;
  run.corpus = std::make_unique<Corpus>(text, schema::corpus_options_json(data.corpus, data.val_fraction).dump());
  if (data.resume) run.corpus->keep_first(static_cast<std::size_t>(data.resume->corpus_tokens));
  run.trainer = std::make_unique<Trainer>(Trainer::resume(*run.corpus, std::move(data)));
  return run;
}

}  // namespace seqlab::facade
