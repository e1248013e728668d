#pragma once
// The one string-interning table of the engine: token text -> index into a list of strings that the
// caller owns (the tokenizer's distinct types, which are views into the text; the vocabulary's tokens).
// The table holds only {32 hash bits, index} per slot (engine/core/open_table.h), so looking a token up
// allocates nothing, most probes compare no bytes, and a copy of the owner stays valid (no pointers).
#include <cstdint>
#include <cstring>
#include <string_view>

#include "engine/core/open_table.h"

namespace seqlab::text {

// A fast non-cryptographic hash of a short byte string (tokens are mostly a few bytes): 8 bytes at a
// time, multiply-xorshift mixing. In-memory only, never persisted.
inline std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xFF51AFD7ED558CCDull);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9FB21C651E98DF25ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x9FB21C651E98DF25ull;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

class StringTable {
 public:
  explicit StringTable(std::size_t expected = 8) : table_(expected) {}

  // The index of `token`, or -1. key_at(i) returns string i of the owner's list as a string_view.
  template <class KeyAt>
  std::int32_t find(std::string_view token, const KeyAt& key_at) const {
    const Slot* slot = table_.find(hash32(token), [&](const Slot& s) { return key_at(s.index) == token; });
    return slot ? slot->index : -1;
  }

  // The index of `token`; when absent, records it under `next` (the owner appends it at that index)
  // and returns `next`.
  template <class KeyAt>
  std::int32_t intern(std::string_view token, std::int32_t next, const KeyAt& key_at) {
    const Slot* slot =
        table_.find_or_insert(Slot{hash32(token), next}, [&](const Slot& s) { return key_at(s.index) == token; });
    return slot ? slot->index : next;
  }

  std::size_t size() const { return table_.size(); }

 private:
  struct Slot {
    std::uint32_t h32;   // the low 32 bits of hash_bytes(token)
    std::int32_t index;  // -1 marks an empty slot

    static Slot empty() { return Slot{0, -1}; }
    bool occupied() const { return index >= 0; }
    std::uint64_t hash() const { return h32; }
  };
  static std::uint32_t hash32(std::string_view token) { return static_cast<std::uint32_t>(hash_bytes(token)); }

  OpenTable<Slot> table_;
};

}  // namespace seqlab::text
