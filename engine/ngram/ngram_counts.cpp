#include "engine/ngram/ngram_counts.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/core/error.h"

namespace seqlab::ngram {

namespace {

inline std::uint64_t mix_id(std::uint64_t h, std::int32_t id) {
  h = (h ^ static_cast<std::uint32_t>(id)) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

inline std::uint64_t packed_mask(int k, int bits) {
  return k * bits >= 64 ? ~0ull : ((1ull << (k * bits)) - 1);
}

}  // namespace

NgramCounts::NgramCounts(const std::int32_t* ids, std::size_t n, int vocab_size, int max_order, SentenceMarks marks)
    : max_order_(max_order), vocab_size_(vocab_size), n_tokens_(n), marks_(marks) {
  if (max_order < 1 || max_order > kMaxOrder)
    throw Error("n-gram order must be in [1, " + std::to_string(kMaxOrder) + "], got " + std::to_string(max_order));
  if (vocab_size < 1) throw Error("vocabulary size must be at least 1, got " + std::to_string(vocab_size));
  if (static_cast<std::uint64_t>(n) >= (std::uint64_t{1} << 32) - 1)  // pos is 32-bit
    throw Error("the training text has " + std::to_string(n) + " tokens; at most 4294967294 are supported");
  std::vector<char> seen(static_cast<std::size_t>(vocab_size), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (ids[i] < 0 || ids[i] >= vocab_size)
      throw Error("token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                  " is outside the vocabulary [0, " + std::to_string(vocab_size) + ")");
    seen[static_cast<std::size_t>(ids[i])] = 1;
  }
  seen_ids_ = static_cast<int>(std::count(seen.begin(), seen.end(), 1));
  if (marks_.on()) {
    const auto in_vocab = [&](std::int32_t id) { return id >= 0 && id < vocab_size; };
    if (!in_vocab(marks_.start) || !in_vocab(marks_.end) || marks_.start == marks_.end)
      throw Error("sentence marks: <s> = " + std::to_string(marks_.start) + " and </s> = " +
                  std::to_string(marks_.end) + " must be two distinct ids of the vocabulary [0, " +
                  std::to_string(vocab_size) + ")");
    check_sentences(ids, n, marks_, "the training text");
    start_count_ = static_cast<std::size_t>(std::count(ids, ids + n, marks_.start));
  }
  bits_ = bits_for(vocab_size);

  const std::size_t tail_len = std::min<std::size_t>(n, kMaxOrder);
  for (std::size_t j = 0; j < tail_len; ++j) tail_[kMaxOrder - tail_len + j] = ids[n - tail_len + j];
  for (std::size_t j = 0; j < tail_len; ++j) head_[j] = ids[j];

  orders_.resize(static_cast<std::size_t>(max_order));
  bool any_hashed = false;
  for (int k = 1; k <= max_order; ++k) {
    Order& order = orders_[static_cast<std::size_t>(k - 1)];
    order.packed = k * bits_ <= 64;
    order.dense = is_dense(k, bits_, windows(k));
    any_hashed = any_hashed || !order.packed;
  }
  // Hashed orders verify equal keys against the training windows, so only they keep a copy of the ids.
  if (any_hashed) train_.assign(ids, ids + n);
  for (int k = 1; k <= max_order; ++k) count_order(k, ids);
}

void check_sentences(const std::int32_t* ids, std::size_t n, SentenceMarks marks, const char* what) {
  if (!marks.on()) return;
  // A padded sequence is <s> w* </s> <s> w* </s> ...: the marks alternate, starting with <s>, ending with </s>.
  bool inside = false;
  for (std::size_t i = 0; i < n; ++i) {
    const bool start = ids[i] == marks.start, end = ids[i] == marks.end;
    if (inside ? start : !start)
      throw Error(std::string(what) + ": a padded sequence is whole sentences <s> ... </s>; position " +
                  std::to_string(i) + " has " +
                  (start ? "<s> inside a sentence" : end ? "</s> outside a sentence" : "a token outside a sentence"));
    if (start) inside = true;
    if (end) inside = false;
  }
  if (inside) throw Error(std::string(what) + ": a padded sequence is whole sentences <s> ... </s>; the last one has no </s>");
}

int NgramCounts::bits_for(int vocab_size) {
  int bits = 1;
  while (bits < 31 && (1ll << bits) < vocab_size) ++bits;
  return bits;
}

bool NgramCounts::is_dense(int k, int bits, std::uint64_t windows) {
  // Dense when the key space is small (char level): capped at 2^22 counts (16 MB) and at a few counts
  // per window, so that a short sequence does not pay for a large array.
  const std::uint64_t limit = std::max<std::uint64_t>(1u << 16, std::min<std::uint64_t>(1u << 22, 4 * windows));
  return k * bits < 64 && (1ull << (k * bits)) <= limit;
}

std::uint64_t NgramCounts::max_bytes(std::size_t n, int vocab_size, int max_order) {
  const int bits = bits_for(std::max(vocab_size, 1));
  std::uint64_t total = n * sizeof(std::int32_t);  // the kept training ids (hashed orders; counted always)
  std::uint64_t largest_table = 0;
  for (int k = 1; k <= max_order; ++k) {
    const std::uint64_t windows = n >= static_cast<std::size_t>(k) ? n - static_cast<std::size_t>(k) + 1 : 0;
    if (is_dense(k, bits, windows)) {
      total += (std::uint64_t{1} << (k * bits)) * sizeof(std::uint32_t);
      continue;
    }
    std::uint64_t distinct = windows, space = 1;  // distinct <= min(windows, V^k)
    for (int j = 0; j < k && space <= distinct; ++j) space *= static_cast<std::uint64_t>(std::max(vocab_size, 1));
    distinct = std::min(distinct, space);
    std::uint64_t slots = std::max<std::uint64_t>(16, 2 * std::min<std::uint64_t>(windows, 512));
    while (slots < 2 * distinct) slots *= 2;
    std::uint64_t pow2 = 16;
    while (pow2 < slots) pow2 *= 2;
    const std::uint64_t table = pow2 * sizeof(Slot);
    total += table;
    largest_table = std::max(largest_table, table);
  }
  return total + largest_table / 2;  // doubling holds the old half and the new table at once
}

// One pass per order keeps one table hot in cache at a time; packed keys roll in O(1) per position.
void NgramCounts::count_order(int k, const std::int32_t* ids) {
  Order& order = orders_[static_cast<std::size_t>(k - 1)];
  const std::size_t windows = static_cast<std::size_t>(this->windows(k));
  const std::uint64_t mask = packed_mask(k, bits_);
  std::uint64_t rolling = 0;
  if (order.packed)
    for (int j = 0; j < k - 1 && windows > 0; ++j) rolling = (rolling << bits_) | static_cast<std::uint64_t>(ids[j]);
  const auto next_packed = [&](std::size_t i) {
    rolling = ((rolling << bits_) | static_cast<std::uint64_t>(ids[i + static_cast<std::size_t>(k) - 1])) & mask;
    return rolling;
  };

  // Padded: the window at i is inside one sentence iff the first </s> at or after i is its last id.
  // Locals, not members: the count stores (uint32) may alias int32 members, which would keep the test in the loop.
  const bool padded = marks_.on();
  const std::int32_t end_id = marks_.end;
  const std::size_t n = n_tokens_;
  std::size_t next_end = 0;
  const auto inside_sentence = [&](std::size_t i) {
    if (!padded) return true;
    if (next_end < i) next_end = i;
    while (next_end < n && ids[next_end] != end_id) ++next_end;
    return next_end >= i + static_cast<std::size_t>(k) - 1;
  };

  if (order.dense) {
    order.dense_counts.assign(static_cast<std::size_t>(1) << (k * bits_), 0);
    std::uint32_t* counts = order.dense_counts.data();
    for (std::size_t i = 0; i < windows; ++i) {
      const std::uint64_t key = next_packed(i);  // rolled at every position, counted inside sentences
      if (inside_sentence(i)) ++counts[key];
    }
    order.distinct = static_cast<std::size_t>(
        std::count_if(order.dense_counts.begin(), order.dense_counts.end(), [](std::uint32_t c) { return c != 0; }));
    return;
  }
  // Start small: distinct n-grams are usually far fewer than windows, and doubling is amortised O(1).
  order.table = OpenTable<Slot>(std::min<std::size_t>(windows, 512));
  if (order.packed) {
    const auto same = [](const Slot&) { return true; };  // packed keys are exact
    for (std::size_t i = 0; i < windows; ++i) {
      const std::uint64_t key = next_packed(i);
      if (!inside_sentence(i)) continue;
      if (Slot* slot = order.table.find_or_insert(Slot{key, 1, static_cast<std::uint32_t>(i)}, same)) ++slot->count;
    }
  } else {
    for (std::size_t i = 0; i < windows; ++i) {
      if (!inside_sentence(i)) continue;
      const std::int32_t* window = ids + i;
      const auto same = [&](const Slot& slot) {
        return std::memcmp(ids + slot.pos, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
      };
      if (Slot* slot = order.table.find_or_insert(Slot{key_of(window, k), 1, static_cast<std::uint32_t>(i)}, same))
        ++slot->count;
    }
  }
  order.distinct = order.table.size();
}

std::uint64_t NgramCounts::key_of(const std::int32_t* window, int k) const {
  if (k * bits_ <= 64) {
    std::uint64_t key = 0;
    for (int j = 0; j < k; ++j) key = (key << bits_) | static_cast<std::uint64_t>(window[j]);
    return key;
  }
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(k);
  for (int j = 0; j < k; ++j) h = mix_id(h, window[j]);
  return h;
}

void NgramCounts::unpack(std::uint64_t key, int k, std::int32_t* ids) const {
  const std::uint64_t id_mask = (1ull << bits_) - 1;
  for (int j = k - 1; j >= 0; --j, key >>= bits_) ids[j] = static_cast<std::int32_t>(key & id_mask);
}

void NgramCounts::check_k(int k, int lo) const {
  if (k < lo || k > max_order_)
    throw Error("n-gram length must be in [" + std::to_string(lo) + ", " + std::to_string(max_order_) + "], got " +
                std::to_string(k));
}

std::uint64_t NgramCounts::count(const std::int32_t* window, int k) const {
  check_k(k, 1);
  for (int j = 0; j < k; ++j)
    if (window[j] < 0 || window[j] >= vocab_size_) return 0;  // never seen
  const Order& order = orders_[static_cast<std::size_t>(k - 1)];
  const std::uint64_t key = key_of(window, k);
  if (order.dense) return order.dense_counts[static_cast<std::size_t>(key)];
  const Slot* slot = order.table.find(key, [&](const Slot& s) {
    return order.packed ||
           std::memcmp(train_.data() + s.pos, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
  });
  return slot ? slot->count : 0;
}

std::size_t NgramCounts::index(const std::int32_t* window, int k) const {
  check_k(k, 1);
  for (int j = 0; j < k; ++j)
    if (window[j] < 0 || window[j] >= vocab_size_) return kNoIndex;
  const Order& order = orders_[static_cast<std::size_t>(k - 1)];
  const std::uint64_t key = key_of(window, k);
  if (order.dense) return order.dense_counts[static_cast<std::size_t>(key)] != 0 ? static_cast<std::size_t>(key) : kNoIndex;
  const Slot* slot = order.table.find(key, [&](const Slot& s) {
    return order.packed ||
           std::memcmp(train_.data() + s.pos, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
  });
  return slot ? order.table.index_of(slot) : kNoIndex;
}

std::size_t NgramCounts::index_space(int k) const {
  check_k(k, 1);
  const Order& order = orders_[static_cast<std::size_t>(k - 1)];
  return order.dense ? order.dense_counts.size() : order.table.capacity();
}

std::uint64_t NgramCounts::context_count(const std::int32_t* window, int k) const {
  if (k == 0) return predicted_tokens();  // every predicted token follows the empty context
  const std::uint64_t c = count(window, k);
  if (c == 0) return 0;
  // Padded: every occurrence continues inside its sentence, except where it ends the sentence.
  if (marks_.on()) return window[k - 1] == marks_.end ? 0 : c;
  const bool is_tail = std::memcmp(tail_ + kMaxOrder - k, window, sizeof(std::int32_t) * static_cast<std::size_t>(k)) == 0;
  return c - (is_tail ? 1 : 0);
}

std::uint64_t NgramCounts::windows(int k) const {
  check_k(k, 1);
  const auto kk = static_cast<std::size_t>(k);
  return n_tokens_ >= kk ? n_tokens_ - kk + 1 : 0;
}

std::size_t NgramCounts::distinct(int k) const {
  check_k(k, 1);
  return orders_[static_cast<std::size_t>(k - 1)].distinct;
}

std::size_t NgramCounts::distinct_total() const {
  std::size_t total = 0;
  for (const Order& order : orders_) total += order.distinct;
  return total;
}

std::size_t NgramCounts::memory_bytes() const {
  std::size_t bytes = train_.capacity() * sizeof(std::int32_t);
  for (const Order& order : orders_)
    bytes += order.dense ? order.dense_counts.capacity() * sizeof(std::uint32_t) : order.table.memory_bytes();
  return bytes;
}

}  // namespace seqlab::ngram
