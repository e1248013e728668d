#pragma once
// ARPA export and import for the facade (engine/ngram/arpa.h does the format): token names and the text's
// tokenization. A written file starts with one comment line before \data\ (readers skip text there):
//   seqlab ngram: level=char preprocess=letters_only smoothing=modified-kneser-ney n=5
// so that evaluate_arpa tokenizes a text as the model's corpus was; a file without it (from KenLM or SRILM)
// is read as words with no preprocessing. Tokens with white space, which the format cannot hold, are
// written as <space>, <newline> and <tab> (a character model's ' ' is <space>).
#include <string>

#include "engine/io/json.h"
#include "wasm/facade/ngram.h"

namespace seqlab::facade {

// The ARPA text of a Witten-Bell, Kneser-Ney or modified Kneser-Ney model (seqlab::Error for the others).
std::string arpa_text(const NgramModel& model);

// Scores `text` with the ARPA model: {order, counts: [k-gram counts of the header], level, preprocess,
// perplexity, crossEntropyNats, crossEntropyBits, scored, unseen, tokens, unknown}. Tokens the file lacks are
// <unk> when it lists <unk> (counted in `unknown`), else refused.
io::Json evaluate_arpa(const std::string& arpa, const std::string& text);

}  // namespace seqlab::facade
