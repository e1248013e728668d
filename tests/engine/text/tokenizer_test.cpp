#include <doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"

using namespace seqlab::text;

namespace {
std::vector<std::string> tokens_of(const std::string& text, Level level) {
  std::vector<std::string> out;
  for_each_token(text, level, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}
}  // namespace

TEST_CASE("preprocess: letters_only is D2L's re.sub('[^A-Za-z]+', ' ', text).lower(), nothing stripped") {
  CHECK(preprocess("  The Time-Machine,\n\nby H. G. Wells!  ", Preprocess::LettersOnly) ==
        " the time machine by h g wells ");
  CHECK(preprocess("caf\xC3\xA9 na\xC3\xAFve", Preprocess::LettersOnly) == "caf na ve");  // é, ï are non-letters
  CHECK(preprocess("ABCxyz", Preprocess::LettersOnly) == "abcxyz");
  CHECK(preprocess("@[`{", Preprocess::LettersOnly) == " ");  // the neighbours of A-Z and a-z
  CHECK(preprocess("Keep AS is\n", Preprocess::None) == "Keep AS is\n");
  CHECK(parse_preprocess("none") == Preprocess::None);
  CHECK(parse_preprocess("letters_only") == Preprocess::LettersOnly);
  CHECK_THROWS_WITH_AS(parse_preprocess("lower"), doctest::Contains("letters_only, none"), seqlab::Error);
}

TEST_CASE("tokenizer: char level is one token per code point, word level splits on white space") {
  CHECK(tokens_of("a\xC3\xA9\xE2\x82\xAC b", Level::Char) ==
        std::vector<std::string>{"a", "\xC3\xA9", "\xE2\x82\xAC", " ", "b"});
  CHECK(tokens_of("  one two\t\nthree  ", Level::Word) == std::vector<std::string>{"one", "two", "three"});
  // Unicode white space (no-break space U+00A0, ideographic space U+3000) separates words, as in str.split().
  CHECK(tokens_of("a\xC2\xA0" "b\xE3\x80\x80" "c\xC3\xA9", Level::Word) ==
        std::vector<std::string>{"a", "b", "c\xC3\xA9"});
  CHECK(tokens_of("   ", Level::Word).empty());
  CHECK(parse_level("word") == Level::Word);
  CHECK_THROWS_WITH_AS(parse_level("byte"), doctest::Contains("char, word"), seqlab::Error);
}

TEST_CASE("tokenizer: tokenize_types numbers types by first occurrence and counts them") {
  const std::string text = "b a b c a b";
  const TypeSequence t = tokenize_types(text, Level::Word);
  REQUIRE(t.types.size() == 3);
  CHECK(t.types[0] == "b");
  CHECK(t.types[1] == "a");
  CHECK(t.types[2] == "c");
  CHECK(t.counts == std::vector<std::int64_t>{3, 2, 1});
  CHECK(t.sequence == std::vector<std::int32_t>{0, 1, 0, 2, 1, 0});

  const std::string mixed = "\xC3\xA9" "a\xC3\xA9";
  const TypeSequence c = tokenize_types(mixed, Level::Char);
  REQUIRE(c.types.size() == 2);
  CHECK(c.types[0] == "\xC3\xA9");
  CHECK(c.counts == std::vector<std::int64_t>{2, 1});
  CHECK(c.sequence == std::vector<std::int32_t>{0, 1, 0});
}

TEST_CASE("tokenizer: many distinct words (hash table growth) keep their identity") {
  std::string text;
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 5000; ++i) text += "w" + std::to_string(i) + " ";
  const TypeSequence t = tokenize_types(text, Level::Word);
  REQUIRE(t.types.size() == 5000);
  CHECK(t.types[4321] == "w4321");
  CHECK(std::count(t.counts.begin(), t.counts.end(), 3) == 5000);
  CHECK(t.sequence.size() == 15000);
  CHECK(t.sequence[5000 + 17] == 17);
}
