#pragma once
// A saved run continued on its own text, the way `seqlab train --resume FILE` does it: the checkpoint is
// read once, the corpus is rebuilt from the text with the options the checkpoint recorded and cut to the
// tokens it was trained on, and the trainer resumes on that corpus (Trainer::resume checks the hash, the
// vocabulary and the split). The page does the same in two calls (Session::load_corpus with the options the
// user chose, then load_trainer), because its corpus is loaded before a checkpoint is dropped on it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wasm/facade/corpus.h"
#include "wasm/facade/trainer.h"

namespace seqlab::facade {

struct ResumedRun {
  std::unique_ptr<Corpus> corpus;    // owned here: the trainer reads it
  std::unique_ptr<Trainer> trainer;
};

// Throws seqlab::Error when the bytes are not a checkpoint or the text is not the one trained on.
ResumedRun resume_run(const std::string& text, const std::vector<std::uint8_t>& checkpoint);

}  // namespace seqlab::facade
