#pragma once
// The fuzz targets: each takes arbitrary bytes, drives one entry point of the engine with them and checks
// what must hold whatever the input. Input the engine refuses must be refused with seqlab::Error (caught
// here); anything else that escapes (another exception, a failed check below, a crash, a sanitizer report)
// is a finding. The same functions run under libFuzzer (libfuzzer_main.cpp, the fuzz preset) and in the
// doctest suite, natively and in WebAssembly, over the seed corpus and the kept regressions
// (regressions_test.cpp).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace seqlab::fuzz {

using FuzzFunction = void (*)(const std::uint8_t* data, std::size_t size);

struct FuzzTarget {
  const char* name;  // the folder of its seeds (tests/fuzz/corpus/<name>) and regressions; fuzz_<name> runs it
  FuzzFunction run;
};

// Every target, in one list.
const std::vector<FuzzTarget>& fuzz_targets();

void fuzz_text(const std::uint8_t* data, std::size_t size);        // UTF-8 decoding, tokenization, preprocessing
void fuzz_vocabulary(const std::uint8_t* data, std::size_t size);  // build_corpus: vocabulary, ids, counts
void fuzz_ngram(const std::uint8_t* data, std::size_t size);       // n-gram fitting, scoring, sampling
void fuzz_checkpoint(const std::uint8_t* data, std::size_t size);  // read_checkpoint and what follows a read
void fuzz_options(const std::uint8_t* data, std::size_t size);     // Json::parse and every option group's reader

// The text the checkpoint target resumes a trainer on when a file has a resume section (and on which the
// resume seeds were trained, checkpoint_seed_writer.cpp).
inline constexpr const char* kCheckpointText = "the time traveller for so it will be convenient to speak of him";

// A property that must hold failed: thrown (never caught by the targets) so that libFuzzer reports the
// input and doctest names the check.
struct PropertyFailure : std::logic_error {
  using std::logic_error::logic_error;
};
inline void require(bool holds, const char* what) {
  if (!holds) throw PropertyFailure(std::string("fuzz property failed: ") + what);
}

// Reads parameters off the front of the input; the rest is the payload (text, ids).
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  // The next byte, 0 once the input is used up.
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // One of `choices`, picked by the next byte.
  template <class T>
  T pick(const std::vector<T>& choices) { return choices[byte() % choices.size()]; }
  std::string_view rest() const {
    return pos_ < size_ ? std::string_view(reinterpret_cast<const char*>(data_ + pos_), size_ - pos_)
                        : std::string_view();
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace seqlab::fuzz
