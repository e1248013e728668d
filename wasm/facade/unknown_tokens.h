#pragma once
// Which tokens of a text a vocabulary does not hold: what a model reads as <unk> in a prefix, a context or
// a text to score. The CLI warns with it (an out-of-vocabulary prefix is a prefix that does not fit the
// corpus).
#include <string>

#include "engine/core/json.h"
#include "engine/text/corpus_options.h"
#include "engine/text/vocabulary.h"

namespace seqlab::facade {

// {tokens: the text's token count after preprocessing, unknown: how many are not in `vocab` (id 0, <unk>),
//  examples: the first five distinct such tokens}. A literal "<unk>" in the text counts as known.
Json unknown_tokens(const text::Vocabulary& vocab, const text::Tokenization& options, const std::string& text);

}  // namespace seqlab::facade
