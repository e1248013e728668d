#pragma once
// Preprocessing of raw text before tokenization (docs/math.md §1).
//   letters_only: D2L's `re.sub('[^A-Za-z]+', ' ', text).lower()`: every run of characters outside
//                 A-Z a-z (newlines and every non-ASCII code point included) becomes ONE space, then
//                 lower case. Nothing is stripped (a leading/trailing run stays a space).
//   none:         the text as it is (validated UTF-8).
#include <string>
#include <string_view>

namespace seqlab::text {

enum class Preprocess { LettersOnly, None };

// "letters_only" or "none"; throws seqlab::Error listing the allowed values.
Preprocess parse_preprocess(const std::string& name);
const char* preprocess_name(Preprocess p);

// Validates `raw` as UTF-8 (throws seqlab::Error naming the byte offset) and applies `p`.
std::string preprocess(std::string_view raw, Preprocess p);

}  // namespace seqlab::text
