// The checkpoint reader on arbitrary bytes: read_checkpoint either refuses with seqlab::Error or returns data
// that is whole: the model builds from it, the vocabulary rebuilds, and writing it gives a file that reads
// back to the same bytes when written again. Input: the file's bytes.
#include <cstdint>
#include <string>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
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
}

}  // namespace seqlab::fuzz
