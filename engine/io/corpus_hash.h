#pragma once
// The fingerprint of a corpus that a checkpoint records, so that a model is resumed only on the text it was
// trained on: 64-bit FNV-1a over the options that change the tokens (level, preprocess, minFreq, reserved)
// and the raw text, as 16 lowercase hex digits. Not cryptographic: it catches another text or other
// options, not a forgery. The split (valFraction) is not in it: checkpoints compare it on its own.
#include <string>

#include "engine/text/corpus.h"

namespace seqlab::io {

std::string corpus_hash(const std::string& text, const text::Tokenization& options);

}  // namespace seqlab::io
