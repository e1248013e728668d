#include <doctest.h>

#include <fstream>
#include <sstream>

#include "engine/core/error.h"
#include "wasm/facade/corpus.h"

using seqlab::Error;
using seqlab::facade::Corpus;

namespace {
std::string read_time_machine() {
  std::ifstream in(SEQLAB_DATA_DIR "/timemachine.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("facade: Corpus gives the Time Machine numbers through JSON options") {
  const std::string text = read_time_machine();
  REQUIRE(!text.empty());
  const Corpus chars(text, "");
  CHECK(chars.token_count() == 173428);
  CHECK(chars.vocab_size() == 28);

  const Corpus words(text, R"({"level":"word","preprocess":"letters_only","minFreq":0})");
  CHECK(words.token_count() == 32775);
  CHECK(words.vocab_size() == 4580);
  const auto stats = words.stats(R"({"top":5,"zipfRanks":[10,1000]})");
  CHECK(stats.at("top").as_array()[0].as_array()[0].as_string() == "the");
  CHECK(stats.at("top").as_array()[4].as_array()[1].as_number() == 816);
  CHECK(stats.at("bigrams").as_array()[1].as_array()[1].as_number() == 169);
  CHECK(stats.at("trigrams").as_array()[1].as_array()[1].as_number() == 30);
  CHECK(stats.at("vocabByMinFreq").as_array()[1].as_array()[1].as_number() == 2183);
  CHECK(stats.at("rankFrequency").at("1").at("ranks").as_array()[0].as_number() == 1);
  CHECK(stats.at("zipf").at("1").at("alpha").is_number());
  CHECK(words.ids().size() == 32775);
  CHECK(words.vocab_tokens()[1] == "the");
  CHECK(words.vocab_tokens_json().dump().rfind(R"(["<unk>","the","i",)", 0) == 0);
  CHECK(words.options().at("level").as_string() == "word");
}

TEST_CASE("facade: Corpus encode preprocesses like the corpus; decode round-trips") {
  const Corpus words("The cat sat. The mat!", R"({"level":"word","reserved":["<pad>"]})");
  CHECK(words.vocab_tokens()[1] == "<pad>");
  const std::vector<std::int32_t> ids = words.encode("THE DOG, the cat");
  CHECK(ids == std::vector<std::int32_t>{2, 0, 2, words.corpus().vocab.id_of("cat")});
  CHECK(words.decode(ids) == "the <unk> the cat");
  CHECK_THROWS_WITH_AS(words.decode({-1}), doctest::Contains("outside the vocabulary"), Error);
}

TEST_CASE("facade: Corpus rejects bad options and bad text with a message") {
  CHECK_THROWS_WITH_AS(Corpus("abc", R"({"level":"byte"})"), doctest::Contains("char, word"), Error);
  CHECK_THROWS_WITH_AS(Corpus("abc", R"({"minfreq":2})"), doctest::Contains("corpus options: unknown key 'minfreq'"),
                       Error);
  CHECK_THROWS_WITH_AS(Corpus("abc", R"({"minFreq":-2})"), doctest::Contains("minFreq"), Error);
  CHECK_THROWS_WITH_AS(Corpus("abc", "[1]"), doctest::Contains("JSON object"), Error);
  CHECK_THROWS_WITH_AS(Corpus("ab\xED\xA0\x80", R"({"preprocess":"none"})"), doctest::Contains("byte offset 2"),
                       Error);
  CHECK_THROWS_WITH_AS(Corpus("", ""), doctest::Contains("no char token"), Error);
  const Corpus ok("abc", "");
  CHECK_THROWS_WITH_AS(ok.stats(R"({"zipfRanks":[5]})"), doctest::Contains("zipfRanks"), Error);
  CHECK_THROWS_WITH_AS(ok.stats(R"({"top":-1})"), doctest::Contains("top"), Error);
}
