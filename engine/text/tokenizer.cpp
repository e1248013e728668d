#include "engine/text/tokenizer.h"

#include "engine/core/error.h"
#include "engine/text/string_table.h"

namespace seqlab::text {

Level parse_level(const std::string& name) {
  if (name == "char") return Level::Char;
  if (name == "word") return Level::Word;
  throw Error("unknown token level '" + name + "' (allowed: char, word)");
}

const char* level_name(Level level) { return level == Level::Char ? "char" : "word"; }

namespace {

// Interns a token (a view into the text) as its first-occurrence index, counting occurrences.
class TypeTable {
 public:
  explicit TypeTable(TypeSequence& out) : out_(out), table_(512) {}

  std::int32_t intern(std::string_view token) {
    const auto next = static_cast<std::int32_t>(out_.types.size());
    const std::int32_t index =
        table_.intern(token, next, [&](std::int32_t i) { return out_.types[static_cast<std::size_t>(i)]; });
    if (index == next) {
      out_.types.push_back(token);
      out_.counts.push_back(1);
    } else {
      ++out_.counts[static_cast<std::size_t>(index)];
    }
    return index;
  }

 private:
  TypeSequence& out_;
  StringTable table_;
};

// All-ASCII text (the common case, e.g. after letters_only): a token is a byte. Count with a byte
// histogram, number the bytes by first occurrence, then map the text through a 128-entry table.
void tokenize_ascii_chars(std::string_view text, TypeSequence& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::int64_t histogram[4][128] = {};  // four interleaved histograms: no store-to-load stall on repeats
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    ++histogram[0][s[i]];
    ++histogram[1][s[i + 1]];
    ++histogram[2][s[i + 2]];
    ++histogram[3][s[i + 3]];
  }
  for (; i < n; ++i) ++histogram[0][s[i]];
  std::size_t distinct = 0;
  for (int b = 0; b < 128; ++b)
    if (histogram[0][b] + histogram[1][b] + histogram[2][b] + histogram[3][b] > 0) ++distinct;
  std::int32_t index[128];
  for (auto& x : index) x = -1;
  for (i = 0; i < n && out.types.size() < distinct; ++i) {
    if (index[s[i]] >= 0) continue;
    index[s[i]] = static_cast<std::int32_t>(out.types.size());
    out.types.push_back(text.substr(i, 1));
    const int b = s[i];
    out.counts.push_back(histogram[0][b] + histogram[1][b] + histogram[2][b] + histogram[3][b]);
  }
  out.sequence.resize(n);
  std::int32_t* seq = out.sequence.data();
  for (i = 0; i < n; ++i) seq[i] = index[s[i]];
}

bool all_ascii(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char any = 0;
  for (std::size_t i = 0; i < text.size(); ++i) any |= s[i];
  return any < 0x80;
}

void tokenize_chars(std::string_view text, TypeSequence& out) {
  if (all_ascii(text)) {
    tokenize_ascii_chars(text, out);
    return;
  }
  TypeTable table(out);
  std::int32_t ascii[128];
  for (auto& a : ascii) a = -1;
  out.sequence.resize(text.size());  // upper bound: one token per byte
  std::int32_t* seq = out.sequence.data();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      std::int32_t& id = ascii[b];
      if (id < 0) {
        id = static_cast<std::int32_t>(out.types.size());
        out.types.push_back(text.substr(i, 1));
        out.counts.push_back(0);
      }
      ++out.counts[static_cast<std::size_t>(id)];
      *seq++ = id;
      ++i;
    } else {
      const std::size_t len = utf8_sequence_length(b);
      *seq++ = table.intern(text.substr(i, len));
      i += len;
    }
  }
  out.sequence.resize(static_cast<std::size_t>(seq - out.sequence.data()));
}

}  // namespace

TypeSequence tokenize_types(std::string_view text, Level level) {
  TypeSequence out;
  if (level == Level::Char) {
    // ASCII characters bypass the hash table; they never collide with multi-byte tokens in `types`
    // because a 1-byte view and a multi-byte view are never equal.
    tokenize_chars(text, out);
    return out;
  }
  TypeTable table(out);
  out.sequence.reserve(text.size() / 5 + 16);
  for_each_token(text, Level::Word, [&](std::string_view token) { out.sequence.push_back(table.intern(token)); });
  return out;
}

}  // namespace seqlab::text
