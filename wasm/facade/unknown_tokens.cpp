#include "wasm/facade/unknown_tokens.h"

#include <algorithm>
#include <vector>

#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"
#include "engine/core/utf8.h"

namespace seqlab::facade {

Json unknown_tokens(const text::Vocabulary& vocab, const text::Tokenization& options, const std::string& text) {
  const std::string preprocessed = text::preprocess(text, options.preprocess);
  validate_utf8(preprocessed);
  unsigned long long tokens = 0, unknown = 0;
  std::vector<std::string> examples;
  text::for_each_token(preprocessed, options.level, [&](std::string_view token) {
    ++tokens;
    if (vocab.id_of(token) != 0 || token == text::kUnknownToken) return;
    ++unknown;
    if (examples.size() < 5 && std::find(examples.begin(), examples.end(), token) == examples.end())
      examples.emplace_back(token);
  });
  Json list = Json::array();
  for (const auto& example : examples) list.push(example);
  Json out = Json::object();
  out.set("tokens", tokens).set("unknown", unknown).set("examples", std::move(list));
  return out;
}

}  // namespace seqlab::facade
