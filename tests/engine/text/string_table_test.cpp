// The string-interning table against std::unordered_map: the same index for every token over many
// growths, -1 for absent tokens, and tokens that share their first 8 bytes or differ only in length.
#include <doctest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/core/rng.h"
#include "engine/text/string_table.h"

using seqlab::text::StringTable;

TEST_CASE("string table: interning 20000 draws equals an unordered_map, across growths") {
  seqlab::Rng rng(17);
  std::vector<std::string> owned;  // the owner's list: index -> token
  std::unordered_map<std::string, std::int32_t> reference;
  StringTable table;
  const auto key_at = [&](std::int32_t i) { return std::string_view(owned[static_cast<std::size_t>(i)]); };
  for (int draw = 0; draw < 20000; ++draw) {
    // Lengths 0..20 over a 3-letter alphabet with a shared 9-byte prefix half the time: many equal hashes
    // of the first word, many repeats.
    std::string token = rng.below(2) == 0 ? "prefix---" : "";
    const auto length = rng.below(7);
    for (std::uint64_t j = 0; j < length; ++j) token.push_back(static_cast<char>('a' + rng.below(3)));
    const auto next = static_cast<std::int32_t>(owned.size());
    const auto [it, inserted] = reference.emplace(token, next);
    const std::int32_t index = table.intern(token, next, key_at);
    REQUIRE(index == it->second);
    if (inserted) owned.push_back(token);
  }
  CHECK(table.size() == reference.size());
  for (const auto& [token, index] : reference) REQUIRE(table.find(token, key_at) == index);
  CHECK(table.find("prefix---d", key_at) == -1);
  CHECK(table.find("prefix---aaaaaaaaaaaa", key_at) == -1);
}
