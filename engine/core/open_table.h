#pragma once
// The one open-addressing hash table of the engine, shared by the string-interning table
// (engine/text/string_table.h: the tokenizer's types and the vocabulary) and the n-gram count store
// (engine/ngram/ngram_counts). Linear probing over a power-of-two array kept at most half full.
//
// The table stores caller-defined slots and never looks inside them beyond three members:
//   static Slot empty();  bool occupied() const;  std::uint64_t hash() const;
// so a slot is as small as its user needs (8 bytes for a string id, 16 for an n-gram count) and the
// table can always rehash without the keys. The home slot is the top bits of hash · 2^64/φ (Fibonacci
// hashing), which spreads hashes whose low bits carry little (packed n-gram keys). Equality beyond the
// hash is the caller's `same(slot)` predicate, so keys stored elsewhere (text, training ids) are compared
// only when the hashes agree.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace seqlab {

template <class Slot>
class OpenTable {
 public:
  // Room for `expected` entries before the first growth.
  explicit OpenTable(std::size_t expected = 8) {
    std::size_t slots = 16;
    int log2 = 4;
    while (slots < expected * 2) {
      slots *= 2;
      ++log2;
    }
    slots_.assign(slots, Slot::empty());
    shift_ = 64 - log2;
  }

  std::size_t size() const { return size_; }               // occupied slots
  std::size_t capacity() const { return slots_.size(); }   // all slots
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

  // The occupied slot with this hash for which same(slot) holds, or nullptr.
  template <class Same>
  const Slot* find(std::uint64_t hash, const Same& same) const {
    const std::size_t wrap = slots_.size() - 1;
    for (std::size_t at = home(hash);; at = (at + 1) & wrap) {
      const Slot& slot = slots_[at];
      if (!slot.occupied()) return nullptr;
      if (slot.hash() == hash && same(slot)) return &slot;
    }
  }

  // The matching slot (to update in place), or nullptr after inserting `fresh`. An insertion may move
  // every slot, so pointers from earlier calls are invalid after it.
  template <class Same>
  Slot* find_or_insert(const Slot& fresh, const Same& same) {
    const std::uint64_t hash = fresh.hash();
    const std::size_t wrap = slots_.size() - 1;
    for (std::size_t at = home(hash);; at = (at + 1) & wrap) {
      Slot& slot = slots_[at];
      if (!slot.occupied()) {
        slot = fresh;
        if (++size_ * 2 > slots_.size()) grow();
        return nullptr;
      }
      if (slot.hash() == hash && same(slot)) return &slot;
    }
  }

  // The position of a slot returned by find in [0, capacity()): stable until the next insertion, so
  // arrays parallel to a table that no longer grows can be indexed by it.
  std::size_t index_of(const Slot* slot) const { return static_cast<std::size_t>(slot - slots_.data()); }

  // visit(const Slot&) for every occupied slot, in table order (not insertion order).
  template <class Visit>
  void for_each(const Visit& visit) const {
    for (const Slot& slot : slots_)
      if (slot.occupied()) visit(slot);
  }

 private:
  std::size_t home(std::uint64_t hash) const {
    return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot::empty());
    old.swap(slots_);
    shift_ -= 1;
    const std::size_t wrap = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (!slot.occupied()) continue;
      std::size_t at = home(slot.hash());
      while (slots_[at].occupied()) at = (at + 1) & wrap;
      slots_[at] = slot;
    }
  }

  std::vector<Slot> slots_;
  int shift_ = 60;
  std::size_t size_ = 0;
};

}  // namespace seqlab
