#pragma once
// The checkpoint format of a trained model: everything needed to generate text or go on training.
//
//   bytes 0..7    magic "SEQLAB\0\1"
//   bytes 8..11   format version, uint32 little-endian (kCheckpointVersion)
//   bytes 12..15  header length L in bytes, uint32 little-endian (at most kMaxCheckpointHeader)
//   bytes 16..    the header: UTF-8 JSON, padded with spaces so that the blob starts at a multiple of 4
//                 {"format": "seqlab-checkpoint", "model": ModelConfig JSON,
//                  "vocabulary": {"tokens": [...], "reserved": R},
//                  "corpus": the corpus options {"level", "preprocess", "minFreq", "valFraction",
//                            "reserved"} (engine/text/corpus_options.h; earlier files: the first three),
//                  "parameters": [{"name", "shape"}, ...] (the buffer order), "parameterCount": N,
//                  "train": {...} (the training options and progress, informative; may be null)}
//   then          N float32 little-endian: the model's flat parameter buffer
//
// Reading validates everything it reads (magic, version, header length and JSON, every config field's
// range, the parameter table against the config, the blob length, finite values) and throws
// seqlab::Error with a message that says what is wrong. Writing is deterministic: the same data gives
// the same bytes, so save -> load -> save is byte-identical.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/io/json.h"
#include "engine/nn/config.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"

namespace seqlab::io {

inline constexpr std::uint32_t kCheckpointVersion = 1;
inline constexpr std::uint32_t kMaxCheckpointHeader = 64u << 20;  // 64 MiB: far above any vocabulary

struct CheckpointData {
  nn::ModelConfig model;
  std::vector<std::string> tokens;  // the vocabulary by id: tokens[0] = "<unk>", then the reserved ones
  int reserved = 0;                 // how many reserved tokens follow <unk>
  text::CorpusOptions corpus;       // level, preprocess, min_freq (reserved come from the tokens)
  double val_fraction = 0.1;        // the validation split the model was trained with
  Json train;                       // training options and progress (free-form object, or null)
  std::vector<float> parameters;    // the flat parameter buffer (make_parameter_layout(model).total values)

  // The vocabulary rebuilt from `tokens` (ids unchanged).
  text::Vocabulary vocabulary() const;
};

// Throws seqlab::Error when the data is inconsistent (vocabulary size != model.vocab, wrong parameter
// count, non-finite parameter).
std::string write_checkpoint(const CheckpointData& data);
CheckpointData read_checkpoint(const std::string& bytes);

// The checkpoint of a model with the vocabulary and corpus options it was trained on.
CheckpointData make_checkpoint(const nn::Model<float>& model, const text::Vocabulary& vocab,
                               const text::CorpusOptions& corpus, Json train, double val_fraction = 0.1);
// The model a checkpoint holds (its weights copied in).
nn::Model<float> model_from_checkpoint(const CheckpointData& data);

}  // namespace seqlab::io
