#include "engine/ngram/ngram_counts.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/core/error.h"

namespace seqlab::ngram {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

// Fibonacci hashing: the top bits of key * golden pick the slot (spreads packed keys, whose low bits
// are the last id only).
inline std::size_t slot_of(std::uint64_t key, int shift) { return static_cast<std::size_t>((key * kGolden) >> shift); }

inline std::uint64_t mix_id(std::uint64_t h, std::int32_t id) {
  h = (h ^ static_cast<std::uint32_t>(id)) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

inline std::uint64_t packed_mask(int k, int bits) {
  return k * bits >= 64 ? ~0ull : ((1ull << (k * bits)) - 1);
}

}  // namespace

NgramCounts::NgramCounts(const std::int32_t* ids, std::size_t n, int vocab_size, int max_order)
    : max_order_(max_order), vocab_size_(vocab_size), n_tokens_(n) {
  if (max_order < 1 || max_order > kMaxOrder)
    throw Error("n-gram order must be in [1, " + std::to_string(kMaxOrder) + "], got " + std::to_string(max_order));
  if (vocab_size < 1) throw Error("vocabulary size must be at least 1, got " + std::to_string(vocab_size));
  if (n == 0) throw Error("the training text is empty: an n-gram model needs at least one training token");
  if (n < static_cast<std::size_t>(max_order))
    throw Error("the training text has " + std::to_string(n) + " tokens; an order-" + std::to_string(max_order) +
                " model needs at least " + std::to_string(max_order));
  if (n >= (std::size_t{1} << 32) - 1)
    throw Error("the training text has " + std::to_string(n) + " tokens; at most 4294967294 are supported");
  std::vector<char> seen(static_cast<std::size_t>(vocab_size), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (ids[i] < 0 || ids[i] >= vocab_size)
      throw Error("token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                  " is outside the vocabulary [0, " + std::to_string(vocab_size) + ")");
    seen[static_cast<std::size_t>(ids[i])] = 1;
  }
  seen_ids_ = static_cast<int>(std::count(seen.begin(), seen.end(), 1));
  while (bits_ < 31 && (1ll << bits_) < vocab_size) ++bits_;

  const std::size_t tail_len = std::min<std::size_t>(n, kMaxOrder);
  for (std::size_t j = 0; j < tail_len; ++j) tail_[kMaxOrder - tail_len + j] = ids[n - tail_len + j];

  tables_.resize(static_cast<std::size_t>(max_order));
  bool any_hashed = false;
  for (int k = 1; k <= max_order; ++k) {
    tables_[k - 1].packed = k * bits_ <= 64;
    any_hashed = any_hashed || !tables_[k - 1].packed;
  }
  // Hashed orders verify equal keys against the training windows, so they keep the ids.
  train_.assign(ids, ids + n);
  for (int k = 1; k <= max_order; ++k) count_order(k);
  if (!any_hashed) {
    train_.clear();
    train_.shrink_to_fit();
  }
}

// One pass per order keeps one table hot in cache at a time; packed keys roll in O(1) per position.
void NgramCounts::count_order(int k) {
  Table& table = tables_[k - 1];
  table.slots.assign(1024, Slot{0, 0, 0});
  table.shift = 64 - 10;
  table.size = 0;
  const std::int32_t* ids = train_.data();
  const std::size_t windows = n_tokens_ - static_cast<std::size_t>(k) + 1;
  const std::uint64_t mask = packed_mask(k, bits_);
  std::uint64_t rolling = 0;
  if (table.packed)
    for (int j = 0; j < k - 1; ++j) rolling = (rolling << bits_) | static_cast<std::uint64_t>(ids[j]);
  for (std::size_t i = 0; i < windows; ++i) {
    std::uint64_t key;
    if (table.packed) {
      rolling = ((rolling << bits_) | static_cast<std::uint64_t>(ids[i + k - 1])) & mask;
      key = rolling;
    } else {
      key = key_of(ids + i, k);
    }
    std::size_t at = slot_of(key, table.shift);
    const std::size_t wrap = table.slots.size() - 1;
    for (;;) {
      Slot& slot = table.slots[at];
      if (slot.count == 0) {
        slot = Slot{key, 1, static_cast<std::uint32_t>(i)};
        if (++table.size * 2 > table.slots.size()) grow(table);
        break;
      }
      if (slot.key == key && (table.packed || same_window(slot, ids + i, k))) {
        ++slot.count;
        break;
      }
      at = (at + 1) & wrap;
    }
  }
}

void NgramCounts::grow(Table& table) {
  std::vector<Slot> old(table.slots.size() * 2, Slot{0, 0, 0});
  old.swap(table.slots);
  table.shift -= 1;
  const std::size_t wrap = table.slots.size() - 1;
  for (const Slot& slot : old) {
    if (slot.count == 0) continue;
    std::size_t at = slot_of(slot.key, table.shift);
    while (table.slots[at].count != 0) at = (at + 1) & wrap;
    table.slots[at] = slot;
  }
}

std::uint64_t NgramCounts::key_of(const std::int32_t* window, int k) const {
  if (k * bits_ <= 64) {
    std::uint64_t key = 0;
    for (int j = 0; j < k; ++j) key = (key << bits_) | static_cast<std::uint64_t>(window[j]);
    return key;
  }
  std::uint64_t h = kGolden ^ static_cast<std::uint64_t>(k);
  for (int j = 0; j < k; ++j) h = mix_id(h, window[j]);
  return h;
}

bool NgramCounts::same_window(const Slot& slot, const std::int32_t* window, int k) const {
  return std::memcmp(train_.data() + slot.pos, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
}

const NgramCounts::Slot* NgramCounts::find(const std::int32_t* window, int k) const {
  const Table& table = tables_[k - 1];
  for (int j = 0; j < k; ++j)
    if (window[j] < 0 || window[j] >= vocab_size_) return nullptr;  // never seen: count 0
  const std::uint64_t key = key_of(window, k);
  std::size_t at = slot_of(key, table.shift);
  const std::size_t wrap = table.slots.size() - 1;
  for (;;) {
    const Slot& slot = table.slots[at];
    if (slot.count == 0) return nullptr;
    if (slot.key == key && (table.packed || same_window(slot, window, k))) return &slot;
    at = (at + 1) & wrap;
  }
}

std::uint64_t NgramCounts::count(const std::int32_t* window, int k) const {
  if (k < 1 || k > max_order_)
    throw Error("n-gram length must be in [1, " + std::to_string(max_order_) + "], got " + std::to_string(k));
  const Slot* slot = find(window, k);
  return slot ? slot->count : 0;
}

std::uint64_t NgramCounts::context_count(const std::int32_t* window, int k) const {
  if (k == 0) return n_tokens_;
  const std::uint64_t c = count(window, k);
  if (c == 0) return 0;
  const bool is_tail = std::memcmp(tail_ + kMaxOrder - k, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
  return c - (is_tail ? 1 : 0);
}

std::size_t NgramCounts::distinct(int k) const {
  if (k < 1 || k > max_order_)
    throw Error("n-gram length must be in [1, " + std::to_string(max_order_) + "], got " + std::to_string(k));
  return tables_[k - 1].size;
}

std::size_t NgramCounts::distinct_total() const {
  std::size_t total = 0;
  for (const Table& table : tables_) total += table.size;
  return total;
}

std::size_t NgramCounts::memory_bytes() const {
  std::size_t bytes = train_.capacity() * sizeof(std::int32_t);
  for (const Table& table : tables_) bytes += table.slots.capacity() * sizeof(Slot);
  return bytes;
}

}  // namespace seqlab::ngram
