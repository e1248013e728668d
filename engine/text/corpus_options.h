#pragma once
// The "corpus" option group: how a text becomes tokens (text::Tokenization) and which last fraction of
// them is held out for validation (shared by the n-gram models and the networks).
#include "engine/core/options.h"
#include "engine/core/json.h"
#include "engine/text/corpus.h"

namespace seqlab::schema {

struct CorpusOptions {
  text::Tokenization text;   // level, preprocess, min_freq, reserved
  double val_fraction = 0.1;  // the LAST fraction of the ids validates
};

// Keys: level, preprocess, minFreq, valFraction, reserved.
const OptionTable<CorpusOptions>& corpus_options();
CorpusOptions read_corpus_options(const Json& j);  // missing keys: the defaults
// The one writer of corpus options (checkpoints, the facade, the CLI): every key.
Json corpus_options_json(const text::Tokenization& text, double val_fraction);

}  // namespace seqlab::schema
