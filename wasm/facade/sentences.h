#pragma once
// Sentence padding for the n-gram facade (the option padLines; the engine's side is SentenceMarks,
// engine/ngram/ngram_counts.h): each line of a word-level text with at least one token is a sentence,
// <s> w1 .. wm </s>, as KenLM's lmplz reads a corpus (one sentence per line). <s> and </s> are two
// vocabulary entries added after the corpus's; a text holding the literal token <s> or </s> is refused (as
// lmplz refuses it), so they cannot collide with a real token.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/ngram/ngram_counts.h"
#include "engine/text/corpus.h"
#include "engine/text/vocabulary.h"

namespace seqlab::facade {

inline constexpr const char* kSentenceStart = "<s>";
inline constexpr const char* kSentenceEnd = "</s>";

struct PaddedVocabulary {
  text::Vocabulary vocab;  // the corpus's ids, then <s> and </s>
  ngram::SentenceMarks marks;
};

// Throws seqlab::Error at character level, and when the corpus has a token <s> or </s>.
PaddedVocabulary padded_vocabulary(const text::Corpus& corpus);

// The corpus's ids cut into lines by line_token_counts (facade::Corpus), each line with a token padded.
// ids may be shorter than the lines' total (Corpus::keep_first): the last line is cut there.
std::vector<std::int32_t> pad_lines(const std::vector<std::int32_t>& ids,
                                    const std::vector<std::uint32_t>& line_token_counts, ngram::SentenceMarks marks);

// Another text, preprocessed and encoded line by line with the padded vocabulary, each line with a token
// padded. Throws seqlab::Error when the text has the token <s> or </s>.
std::vector<std::int32_t> encode_lines(const std::string& raw, const PaddedVocabulary& padded,
                                       const text::Tokenization& options);

// A context to continue: `raw` encoded by encode_lines without its last </s> (its last line is the open
// sentence), or <s> alone for a text without a token.
std::vector<std::int32_t> open_sentence(const std::string& raw, const PaddedVocabulary& padded,
                                        const text::Tokenization& options);

// Padded ids as text: words joined by spaces, each </s> a line break, <s> left out.
std::string decode_lines(const std::vector<std::int32_t>& ids, const PaddedVocabulary& padded);

}  // namespace seqlab::facade
