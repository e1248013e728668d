#pragma once
// ARPA export and import for the facade (engine/ngram/arpa.h does the format): token names and the text's
// tokenization. A written file starts with one comment line before \data\ (readers skip text there):
//   seqlab ngram: level=char preprocess=letters_only smoothing=modified-kneser-ney n=5
// so that evaluate_arpa tokenizes a text as the model's corpus was; a file without it (from KenLM or SRILM)
// is read as words with no preprocessing. Tokens with white space, which the format cannot hold, are
// written as <space>, <newline> and <tab> (a character model's ' ' is <space>).
// A model with padLines adds pad=lines to that line, and its text is scored line by line, each line a
// sentence <s> ... </s> (wasm/facade/sentences.h); so is a text scored with a file without the comment that
// lists both <s> and </s> (KenLM's and SRILM's files: their query tools pad each line the same way).
#include <string>

#include "engine/core/json.h"
#include "wasm/facade/ngram.h"

namespace seqlab::facade {

// The ARPA text of a Witten-Bell, Kneser-Ney or modified Kneser-Ney model (seqlab::Error for the others).
std::string arpa_text(const NgramModel& model);

// Scores `text` with the ARPA model: {order, counts: [k-gram counts of the header], level, preprocess,
// padLines, perplexity, crossEntropyNats, crossEntropyBits, scored, unseen, tokens, unknown}; tokens counts
// the scored text's tokens with the <s> and </s> of padding. Tokens the file lacks are
// <unk> when it lists <unk> (counted in `unknown`), else refused.
Json evaluate_arpa(const std::string& arpa, const std::string& text);

}  // namespace seqlab::facade
