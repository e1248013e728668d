#include <doctest.h>

#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/text/corpus.h"

using seqlab::Error;
using namespace seqlab::text;

namespace {
Tokenization word_options(int min_freq = 0, std::vector<std::string> reserved = {}) {
  Tokenization o;
  o.level = Level::Word;
  o.preprocess = Preprocess::None;
  o.min_freq = min_freq;
  o.reserved = std::move(reserved);
  return o;
}
}  // namespace

TEST_CASE("vocabulary: <unk> = 0, then descending count, ties by first occurrence") {
  // counts: c 3, b 2, a 2, d 1, e 1; b occurs before a, e before d.
  const Corpus c = build_corpus("e b c a c b d a c", word_options());
  REQUIRE(c.vocab.size() == 6);
  CHECK(c.vocab.tokens() == std::vector<std::string>{"<unk>", "c", "b", "a", "e", "d"});
  CHECK(c.vocab.id_of("c") == 1);
  CHECK(c.vocab.id_of("zzz") == 0);
  CHECK(c.ids == std::vector<std::int32_t>{4, 2, 1, 3, 1, 2, 5, 3, 1});
  CHECK(c.counts_by_id == std::vector<std::int64_t>{0, 3, 2, 2, 1, 1});
  CHECK(c.type_counts == std::vector<std::int64_t>{3, 2, 2, 1, 1});
}

TEST_CASE("vocabulary: reserved tokens follow <unk> in the order given; min_freq sends rare tokens to 0") {
  const Corpus c = build_corpus("e b c a c b d a c <eos>", word_options(2, {"<pad>", "<bos>", "<eos>"}));
  CHECK(c.vocab.tokens() == std::vector<std::string>{"<unk>", "<pad>", "<bos>", "<eos>", "c", "b", "a"});
  CHECK(c.vocab.reserved_count() == 3);
  // e and d (count 1) -> <unk>; the reserved <eos> found in the text keeps its reserved id.
  CHECK(c.ids == std::vector<std::int32_t>{0, 5, 4, 6, 4, 5, 0, 6, 4, 3});
  CHECK(c.counts_by_id[0] == 2);
  CHECK(c.counts_by_id[3] == 1);
  CHECK(c.vocab_size_for_min_freq(0) == 9);
  CHECK(c.vocab_size_for_min_freq(2) == 7);
  CHECK(c.vocab_size_for_min_freq(3) == 5);
  CHECK(c.vocab_size_for_min_freq(4) == 4);

  CHECK_THROWS_WITH_AS(build_corpus("a", word_options(0, {"<pad>", "<pad>"})), doctest::Contains("twice"), Error);
  CHECK_THROWS_WITH_AS(build_corpus("a", word_options(0, {"<unk>"})), doctest::Contains("<unk>"), Error);
  CHECK_THROWS_WITH_AS(build_corpus("a", word_options(-1)), doctest::Contains("min_freq"), Error);
}

TEST_CASE("vocabulary: encode/decode round trip; unknown tokens encode to 0") {
  const Corpus words = build_corpus("the cat sat on the mat", word_options());
  const std::vector<std::int32_t> ids = words.vocab.encode("the dog sat", Level::Word);
  CHECK(ids == std::vector<std::int32_t>{1, 0, words.vocab.id_of("sat")});
  CHECK(words.vocab.decode(ids, Level::Word) == "the <unk> sat");
  CHECK(words.decode(words.ids.data(), words.ids.size()) == "the cat sat on the mat");
  CHECK_THROWS_WITH_AS(words.vocab.decode(std::vector<std::int32_t>{99}, Level::Word),
                       doctest::Contains("outside the vocabulary"), Error);

  Tokenization chars;
  chars.preprocess = Preprocess::None;
  const std::string text = "d\xC3\xA9j\xC3\xA0 vu \xE2\x82\xAC";
  const Corpus c = build_corpus(text, chars);
  CHECK(c.decode(c.ids.data(), c.ids.size()) == text);
  CHECK(c.encode(text) == c.ids);

  // A copied vocabulary still finds its tokens (lookup holds ids, not pointers).
  const Vocabulary copy = words.vocab;
  CHECK(copy.id_of("mat") == words.vocab.id_of("mat"));
}

TEST_CASE("corpus: an empty text, or one with no token, is a clear error") {
  CHECK_THROWS_WITH_AS(build_corpus("", word_options()), doctest::Contains("no word token"), Error);
  CHECK_THROWS_WITH_AS(build_corpus(" \n\t ", word_options()), doctest::Contains("empty or only white space"), Error);
  Tokenization letters;
  letters.level = Level::Word;
  CHECK_THROWS_AS(build_corpus("1234 ... !!", letters), Error);  // becomes " ": no word
  Tokenization chars;
  CHECK_THROWS_WITH_AS(build_corpus("", chars), doctest::Contains("no char token"), Error);
}
