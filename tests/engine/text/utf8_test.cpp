#include <doctest.h>

#include <string>

#include "engine/core/error.h"
#include "engine/text/corpus.h"
#include "engine/core/utf8.h"

using namespace seqlab;
using namespace seqlab::text;

namespace {
// The message of the Error that `text` raises, or "" if it raises none.
std::string error_of(const std::string& text) {
  try {
    validate_utf8(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("utf8: counts code points, not bytes") {
  CHECK(validate_utf8("") == 0);
  CHECK(validate_utf8("abc") == 3);
  const std::string mixed = "na\xC3\xAFve \xE2\x82\xAC \xF0\x9F\x98\x80";  // naïve € 😀
  CHECK(mixed.size() == 15);
  CHECK(validate_utf8(mixed) == 9);
  std::size_t i = 2;
  CHECK(utf8_decode_at(mixed, i) == 0xEF);
  CHECK(i == 4);
  std::string out;
  for (const std::uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) utf8_append(out, cp);
  CHECK(out == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(validate_utf8("\xF4\x8F\xBF\xBF") == 1);  // U+10FFFF, the largest
}

TEST_CASE("utf8: invalid sequences give an Error naming the byte offset") {
  CHECK(error_of("abc\xC3") .find("byte offset 3") != std::string::npos);            // truncated at the end
  CHECK(error_of("ab\xE2\x82z").find("byte offset 2") != std::string::npos);          // missing continuation
  CHECK(error_of("x\xC0\xAF").find("byte offset 1") != std::string::npos);            // overlong '/'
  CHECK(error_of("\xE0\x80\xAF").find("overlong") != std::string::npos);
  CHECK(error_of("\xF0\x80\x80\xAF").find("overlong") != std::string::npos);
  CHECK(error_of("ok \xED\xA0\x80").find("byte offset 3") != std::string::npos);      // surrogate U+D800
  CHECK(error_of("ok \xED\xA0\x80").find("surrogate") != std::string::npos);
  CHECK(error_of("12345\xF8\x88\x80\x80\x80").find("byte offset 5") != std::string::npos);
  CHECK(error_of("\xFF").find("byte offset 0") != std::string::npos);
  CHECK(error_of("\xF4\x90\x80\x80").find("U+10FFFF") != std::string::npos);          // above the range
  CHECK(error_of("abcdefghij\x80").find("byte offset 10") != std::string::npos);      // lone continuation
  CHECK(error_of("a\xC3\xA9").empty());
}

TEST_CASE("utf8: build_corpus reports invalid UTF-8 with either preprocessing, never crashes") {
  for (const auto p : {Preprocess::None, Preprocess::LettersOnly}) {
    for (const auto level : {Level::Char, Level::Word}) {
      Tokenization options;
      options.preprocess = p;
      options.level = level;
      std::string message;
      try {
        build_corpus("hello w\xC3rld", options);
      } catch (const Error& e) {
        message = e.what();
      }
      CHECK(message.find("invalid UTF-8 at byte offset 7") != std::string::npos);
    }
  }
}
