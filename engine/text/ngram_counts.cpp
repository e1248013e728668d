#include "engine/text/ngram_counts.h"

#include <algorithm>
#include <numeric>

#include "engine/core/error.h"
#include "engine/text/string_hash.h"

namespace seqlab::text {

namespace {

constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // never a key: keys are < V^n <= 2^64 - 1

// Open-addressing key -> count table (linear probing, power-of-two size, load <= 1/2).
class KeyCounter {
 public:
  explicit KeyCounter(std::size_t expected) {
    std::size_t n = 1024;
    while (n < expected * 2) n *= 2;
    keys_.assign(n, kEmpty);
    counts_.assign(n, 0);
    mask_ = n - 1;
  }

  void add(std::uint64_t key) {
    std::size_t slot = static_cast<std::size_t>(mix64(key)) & mask_;
    while (true) {
      const std::uint64_t k = keys_[slot];
      if (k == key) {
        ++counts_[slot];
        return;
      }
      if (k == kEmpty) break;
      slot = (slot + 1) & mask_;
    }
    keys_[slot] = key;
    counts_[slot] = 1;
    if (++size_ * 2 > keys_.size()) grow();
  }

  void extract(NgramTable& out) const {
    std::vector<std::pair<std::uint64_t, std::int64_t>> entries;
    entries.reserve(size_);
    for (std::size_t s = 0; s < keys_.size(); ++s)
      if (keys_[s] != kEmpty) entries.emplace_back(keys_[s], counts_[s]);
    std::sort(entries.begin(), entries.end());
    out.keys.reserve(entries.size());
    out.counts.reserve(entries.size());
    for (const auto& [k, c] : entries) {
      out.keys.push_back(k);
      out.counts.push_back(c);
    }
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old_keys(keys_.size() * 2, kEmpty);
    std::vector<std::int64_t> old_counts(counts_.size() * 2, 0);
    old_keys.swap(keys_);
    old_counts.swap(counts_);
    mask_ = keys_.size() - 1;
    for (std::size_t s = 0; s < old_keys.size(); ++s) {
      if (old_keys[s] == kEmpty) continue;
      std::size_t slot = static_cast<std::size_t>(mix64(old_keys[s])) & mask_;
      while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
      keys_[slot] = old_keys[s];
      counts_[slot] = old_counts[s];
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::int64_t> counts_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace

std::vector<std::int32_t> NgramTable::unpack(std::uint64_t key) const {
  std::vector<std::int32_t> ids(static_cast<std::size_t>(n));
  const auto v = static_cast<std::uint64_t>(vocab_size);
  for (int i = n - 1; i >= 0; --i) {
    ids[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(key % v);
    key /= v;
  }
  return ids;
}

std::uint64_t NgramTable::pack(const std::int32_t* ids) const {
  std::uint64_t key = 0;
  for (int i = 0; i < n; ++i) key = key * static_cast<std::uint64_t>(vocab_size) + static_cast<std::uint64_t>(ids[i]);
  return key;
}

std::int64_t NgramTable::count_of(const std::int32_t* ids) const {
  for (int i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= vocab_size) return 0;
  const std::uint64_t key = pack(ids);
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  return it != keys.end() && *it == key ? counts[static_cast<std::size_t>(it - keys.begin())] : 0;
}

std::vector<std::size_t> NgramTable::top(std::size_t k) const {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  k = std::min(k, order.size());
  // keys are ascending, so comparing indices breaks count ties by ascending key.
  const auto by_count = [&](std::size_t a, std::size_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
  };
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), by_count);
  order.resize(k);
  return order;
}

std::vector<std::int64_t> NgramTable::counts_desc() const {
  std::vector<std::int64_t> out = counts;
  std::sort(out.begin(), out.end(), std::greater<>());
  return out;
}

NgramTable count_ngrams(const std::int32_t* ids, std::size_t length, int n, int vocab_size) {
  if (n < 1) throw Error("n-gram order must be >= 1 (got " + std::to_string(n) + ")");
  if (vocab_size < 1) throw Error("vocabulary size must be >= 1 (got " + std::to_string(vocab_size) + ")");
  // V^n must stay below 2^64 - 1 (the empty marker); compute it with overflow checks.
  const auto v = static_cast<std::uint64_t>(vocab_size);
  std::uint64_t space = 1;
  for (int i = 0; i < n; ++i) {
    if (space > (kEmpty - 1) / v)
      throw Error("n-grams of order " + std::to_string(n) + " over a vocabulary of " + std::to_string(vocab_size) +
                  " do not fit in 64-bit keys (use a smaller n or a larger min_freq)");
    space *= v;
  }
  for (std::size_t i = 0; i < length; ++i)
    if (ids[i] < 0 || ids[i] >= vocab_size)
      throw Error("token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                  " is outside the vocabulary [0, " + std::to_string(vocab_size) + ")");

  NgramTable table;
  table.n = n;
  table.vocab_size = vocab_size;
  const auto nn = static_cast<std::size_t>(n);
  if (length < nn) return table;
  const std::size_t windows = length - nn + 1;
  table.total = static_cast<std::int64_t>(windows);
  // Rolling key: drop the oldest id (subtract id·V^(n-1)), shift, add the newest; multiplications only.
  const std::uint64_t high = space / v;  // V^(n-1)
  const auto for_each_key = [&](auto&& visit) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < nn; ++i) key = key * v + static_cast<std::uint64_t>(ids[i]);
    visit(key);
    for (std::size_t i = nn; i < length; ++i) {
      key = (key - static_cast<std::uint64_t>(ids[i - nn]) * high) * v + static_cast<std::uint64_t>(ids[i]);
      visit(key);
    }
  };

  // Dense counting when the key space is small (char level); capped at 2^22 cells (32 MB) and at a few
  // cells per window so that short sequences do not pay for a large array.
  const std::uint64_t dense_limit =
      std::max<std::uint64_t>(1u << 16, std::min<std::uint64_t>(1u << 22, 4 * static_cast<std::uint64_t>(windows)));
  if (space <= dense_limit) {
    std::vector<std::int64_t> dense(static_cast<std::size_t>(space), 0);
    for_each_key([&](std::uint64_t key) { ++dense[static_cast<std::size_t>(key)]; });
    for (std::size_t k = 0; k < dense.size(); ++k) {
      if (dense[k] == 0) continue;
      table.keys.push_back(k);
      table.counts.push_back(dense[k]);
    }
    return table;
  }
  KeyCounter counter(std::min<std::size_t>(windows, 1u << 16));
  for_each_key([&](std::uint64_t key) { counter.add(key); });
  counter.extract(table);
  return table;
}

}  // namespace seqlab::text
