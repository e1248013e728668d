#pragma once
// The lines of a raw text as the tokenizer sees them: how many tokens each line ('\n'-separated; a '\r'
// before it is white space) gives when preprocessed and tokenized on its own. At word level no token
// spans a line break (a '\n' is white space, and letters_only makes it part of a space), so the counts
// add up to the whole text's token count and cut its id sequence into lines: what sentence padding
// (the n-gram option padLines) reads. Not defined at character level, where the line break is itself a
// character (preprocess none) or merges into a space (letters_only).
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"

namespace seqlab::text {

// One count per line of `raw` (a text without '\n' is one line; a final '\n' ends the last line). Throws
// seqlab::Error at character level, and on invalid UTF-8.
std::vector<std::uint32_t> line_token_counts(std::string_view raw, Preprocess preprocess, Level level);

}  // namespace seqlab::text
