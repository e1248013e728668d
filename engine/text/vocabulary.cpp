#include "engine/text/vocabulary.h"

#include "engine/core/error.h"
#include "engine/text/string_table.h"
#include "engine/core/utf8.h"

namespace seqlab::text {

Vocabulary::Vocabulary() {
  insert(kUnknownToken);
}

Vocabulary::Vocabulary(const std::vector<std::string>& reserved, const std::vector<std::string_view>& tokens)
    : Vocabulary() {
  for (const auto& r : reserved) {
    if (r.empty()) throw Error("reserved tokens must not be empty");
    if (r == kUnknownToken) throw Error("reserved token '<unk>' is implicit (it is always id 0)");
    if (find(r) >= 0) throw Error("reserved token '" + r + "' is given twice");
    insert(r);
  }
  reserved_count_ = static_cast<int>(reserved.size());
  tokens_.reserve(tokens_.size() + tokens.size());
  for (const auto token : tokens) {
    if (token.empty()) throw Error("vocabulary tokens must not be empty");
    if (find(token) < 0) insert(token);
  }
}

std::int32_t Vocabulary::find(std::string_view token) const {
  return table_.find(token, [&](std::int32_t id) { return std::string_view(tokens_[static_cast<std::size_t>(id)]); });
}

void Vocabulary::insert(std::string_view token) {
  const auto id = static_cast<std::int32_t>(tokens_.size());
  tokens_.emplace_back(token);
  table_.intern(token, id, [&](std::int32_t i) { return std::string_view(tokens_[static_cast<std::size_t>(i)]); });
}

std::int32_t Vocabulary::id_of(std::string_view token) const {
  const std::int32_t id = find(token);
  return id < 0 ? 0 : id;
}

bool Vocabulary::contains(std::string_view token) const { return find(token) >= 0; }

const std::string& Vocabulary::token(std::int32_t id) const {
  if (id < 0 || id >= size())
    throw Error("token id " + std::to_string(id) + " is outside the vocabulary [0, " + std::to_string(size()) +
                ")");
  return tokens_[static_cast<std::size_t>(id)];
}

std::vector<std::int32_t> Vocabulary::encode(std::string_view preprocessed_text, Level level) const {
  validate_utf8(preprocessed_text);
  std::vector<std::int32_t> ids;
  ids.reserve(level == Level::Char ? preprocessed_text.size() : preprocessed_text.size() / 5 + 16);
  for_each_token(preprocessed_text, level, [&](std::string_view token) { ids.push_back(id_of(token)); });
  return ids;
}

std::string Vocabulary::decode(const std::int32_t* ids, std::size_t n, Level level) const {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (level == Level::Word && i > 0) out.push_back(' ');
    out += token(ids[i]);
  }
  return out;
}

}  // namespace seqlab::text
