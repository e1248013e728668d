#pragma once
// The checkpoint format of a trained model: everything needed to generate text or go on training exactly
// where the run stopped.
//
//   bytes 0..7    magic "SEQLAB\0\1"
//   bytes 8..11   format version, uint32 little-endian (kCheckpointVersion = 2; 1 still reads)
//   bytes 12..15  header length L in bytes, uint32 little-endian (at most kMaxCheckpointHeader)
//   bytes 16..    the header: UTF-8 JSON, padded with spaces so that the blobs start at a multiple of 4
//                 {"format": "seqlab-checkpoint", "model": ModelOptions JSON,
//                  "vocabulary": {"tokens": [...], "reserved": R},
//                  "corpus": the corpus options {"level", "preprocess", "minFreq", "valFraction",
//                            "reserved"} (engine/text/corpus_options.h; earlier files: the first three),
//                  "parameters": [{"name", "shape"}, ...] (the buffer order), "parameterCount": N,
//                  "train": {"options": the train options, "tokensSeen"} (or null),
//                  -- format 2 adds --
//                  "corpusHash": engine/io/corpus_hash.h's hex digits of the text trained on (or null),
//                  "curve": [{...}, ...] the training curve so far (free-form points of numbers or null),
//                  "resume": null, or what continues the run bit-identically (train::ResumeState):
//                    {"corpusTokens": the token count the trainer was built on, "tokensSeen", "totalSteps",
//                     "epochsCompleted",
//                     "generator": {"state": [4 x 16 hex digits], "spareNormal": 16 hex digits (the double's
//                                   bits) or null},
//                     "optimizer": {"step", "moments": M, "secondMoments": S},
//                     "iterator": {"epochsStarted", "offset", "position", "order": K},
//                     "carriedState": C}}
//   then          N float32 little-endian: the model's flat parameter buffer
//   then          (resume) M + S + C float32: the optimizer's moments, its second moments, the carried state;
//                 then K uint32: the random iterator's order of subsequences
//
// Reading validates everything it reads (magic, version, header length and JSON, every config field's
// range, the parameter table against the config, every resume field's type and range, the blob length,
// finite values) and throws seqlab::Error with a message that names the field. What only the corpus can
// tell (an iterator position past the epoch, an order that is not a permutation) is checked when a trainer
// resumes (train::Trainer). Writing is deterministic: the same data gives the same bytes, so
// save -> load -> save is byte-identical.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/nn/config.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"
#include "engine/train/trainer.h"

namespace seqlab::io {

inline constexpr std::uint32_t kCheckpointVersion = 2;
inline constexpr std::uint32_t kMaxCheckpointHeader = 64u << 20;  // 64 MiB: far above any vocabulary

struct CheckpointData {
  nn::ModelOptions model;
  std::vector<std::string> tokens;  // the vocabulary by id: tokens[0] = "<unk>", then the reserved ones
  int reserved = 0;                 // how many reserved tokens follow <unk>
  text::Tokenization corpus;       // level, preprocess, min_freq (reserved come from the tokens)
  double val_fraction = 0.1;        // the validation split the model was trained with
  Json train;                       // training options and progress (free-form object, or null)
  std::vector<float> parameters;    // the flat parameter buffer (make_parameter_layout(model).total values)
  // Format 2. A format-1 file reads with version 1, no hash, an empty curve and no resume state.
  std::uint32_t version = kCheckpointVersion;  // the version read (written: always kCheckpointVersion)
  std::string corpus_hash;          // empty: unknown
  Json curve = Json::array();
  struct Resume {
    std::uint64_t corpus_tokens = 0;  // the ids the trainer was built on (before the split)
    train::ResumeState state;
  };
  std::optional<Resume> resume;     // absent: the model alone (format 1, or saved without its trainer)

  // The vocabulary rebuilt from `tokens` (ids unchanged).
  text::Vocabulary vocabulary() const;
};

// Throws seqlab::Error when the data is inconsistent (vocabulary size != model.vocab, wrong parameter
// count, non-finite parameter).
std::string write_checkpoint(const CheckpointData& data);
CheckpointData read_checkpoint(const std::string& bytes);

// The checkpoint of a model with the vocabulary and corpus options it was trained on.
CheckpointData make_checkpoint(const nn::Model<float>& model, const text::Vocabulary& vocab,
                               const text::Tokenization& corpus, Json train, double val_fraction = 0.1);
// The model a checkpoint holds (its weights copied in).
nn::Model<float> model_from_checkpoint(const CheckpointData& data);

}  // namespace seqlab::io
