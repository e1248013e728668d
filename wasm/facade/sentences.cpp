#include "wasm/facade/sentences.h"

#include <algorithm>
#include <string_view>

#include "engine/core/error.h"
#include "engine/text/preprocess.h"

namespace seqlab::facade {

namespace {

void refuse_marks_in(const std::string& where) {
  throw Error(where + " has the token " + kSentenceStart + " or " + kSentenceEnd +
              ", which padLines uses to mark where a line starts and ends; remove it, give preprocess "
              "letters_only, or leave padLines off");
}

}  // namespace

PaddedVocabulary padded_vocabulary(const text::Corpus& corpus) {
  if (corpus.options.level != text::Level::Word)
    throw Error("padLines pads the lines of a word-level text; at character level the line break is itself a "
                "character of the text (or part of a space after letters_only), which the model already predicts: "
                "give level word, or leave padLines off");
  const text::Vocabulary& vocab = corpus.vocab;
  const auto is_mark = [](const std::string& token) { return token == kSentenceStart || token == kSentenceEnd; };
  if (std::any_of(vocab.tokens().begin(), vocab.tokens().end(), is_mark) ||
      std::any_of(corpus.rare_tokens.begin(), corpus.rare_tokens.end(), is_mark))
    refuse_marks_in("the text");
  // The same ids, then the two marks: <unk> and the reserved tokens lead, the rest follow in order.
  const auto& tokens = vocab.tokens();
  std::vector<std::string> reserved(tokens.begin() + 1, tokens.begin() + 1 + vocab.reserved_count());
  std::vector<std::string_view> rest(tokens.begin() + 1 + vocab.reserved_count(), tokens.end());
  rest.push_back(kSentenceStart);
  rest.push_back(kSentenceEnd);
  PaddedVocabulary out{text::Vocabulary(reserved, rest), {}};
  out.marks.start = out.vocab.id_of(kSentenceStart);
  out.marks.end = out.vocab.id_of(kSentenceEnd);
  return out;
}

std::vector<std::int32_t> pad_lines(const std::vector<std::int32_t>& ids,
                                    const std::vector<std::uint32_t>& line_token_counts, ngram::SentenceMarks marks) {
  std::vector<std::int32_t> out;
  out.reserve(ids.size() + 2 * line_token_counts.size());
  std::size_t at = 0;
  for (const std::uint32_t count : line_token_counts) {
    const std::size_t end = std::min(ids.size(), at + count);
    if (end > at) {
      out.push_back(marks.start);
      out.insert(out.end(), ids.begin() + static_cast<std::ptrdiff_t>(at), ids.begin() + static_cast<std::ptrdiff_t>(end));
      out.push_back(marks.end);
    }
    at = end;
  }
  if (at != ids.size())
    throw Error("padLines: the lines hold " + std::to_string(at) + " tokens, the corpus " +
                std::to_string(ids.size()));
  return out;
}

std::vector<std::int32_t> encode_lines(const std::string& raw, const PaddedVocabulary& padded,
                                       const text::Tokenization& options) {
  std::vector<std::int32_t> out;
  std::size_t at = 0;
  while (at < raw.size()) {
    const std::size_t end = std::min(raw.find('\n', at), raw.size());
    const std::vector<std::int32_t> line =
        padded.vocab.encode(text::preprocess(std::string_view(raw).substr(at, end - at), options.preprocess),
                            options.level);
    at = end + 1;
    if (line.empty()) continue;
    for (const std::int32_t id : line)
      if (id == padded.marks.start || id == padded.marks.end) refuse_marks_in("the text to score");
    out.push_back(padded.marks.start);
    out.insert(out.end(), line.begin(), line.end());
    out.push_back(padded.marks.end);
  }
  return out;
}

std::vector<std::int32_t> open_sentence(const std::string& raw, const PaddedVocabulary& padded,
                                        const text::Tokenization& options) {
  std::vector<std::int32_t> ids = encode_lines(raw, padded, options);
  if (ids.empty()) return {padded.marks.start};
  ids.pop_back();
  return ids;
}

std::string decode_lines(const std::vector<std::int32_t>& ids, const PaddedVocabulary& padded) {
  std::string out;
  bool line_start = true;
  for (const std::int32_t id : ids) {
    if (id == padded.marks.start) continue;
    if (id == padded.marks.end) {
      out += '\n';
      line_start = true;
      continue;
    }
    if (!line_start) out += ' ';
    out += padded.vocab.token(id);
    line_start = false;
  }
  return out;
}

}  // namespace seqlab::facade
