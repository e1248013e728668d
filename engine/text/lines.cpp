#include "engine/text/lines.h"

#include <string>

#include "engine/core/error.h"

namespace seqlab::text {

std::vector<std::uint32_t> line_token_counts(std::string_view raw, Preprocess preprocess, Level level) {
  if (level != Level::Word)
    throw Error("lines of tokens are defined at word level only: at character level a line break is a character "
                "of the text (or part of a space after letters_only)");
  std::vector<std::uint32_t> counts;
  std::size_t at = 0;
  while (at < raw.size()) {
    const std::size_t end = std::min(raw.find('\n', at), raw.size());
    // '\n' is one byte that no other UTF-8 sequence contains, so each line is valid UTF-8 when the text is.
    const std::string line = text::preprocess(raw.substr(at, end - at), preprocess);
    std::uint32_t tokens = 0;
    for_each_token(line, level, [&](std::string_view) { ++tokens; });
    counts.push_back(tokens);
    at = end + 1;
  }
  return counts;
}

}  // namespace seqlab::text
