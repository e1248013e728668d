#include <doctest.h>

#include "engine/core/error.h"
#include "engine/text/corpus.h"
#include "engine/stats/corpus_stats.h"
#include "text_fixtures.h"

using namespace seqlab::text;
using seqlab::test::time_machine;

TEST_CASE("corpus: The Time Machine, letters_only, char level") {
  Tokenization options;  // char, letters_only
  const Corpus c = build_corpus(time_machine(), options);
  CHECK(c.token_count() == 173428);
  CHECK(c.vocab_size() == 28);  // <unk>, ' ', a..z
  CHECK(c.vocab.token(1) == " ");
  CHECK(c.vocab.token(2) == "e");
  CHECK(c.counts_by_id[0] == 0);
}

TEST_CASE("corpus: The Time Machine, letters_only, word level") {
  Tokenization options;
  options.level = Level::Word;
  const Corpus c = build_corpus(time_machine(), options);
  CHECK(c.token_count() == 32775);
  CHECK(c.vocab_size() == 4580);
  CHECK(c.vocab.token(1) == "the");
  CHECK(c.counts_by_id[1] == 2261);
  CHECK(c.vocab.token(2) == "i");
  CHECK(c.counts_by_id[2] == 1267);
  CHECK(c.vocab_size_for_min_freq(1) == 4580);
  CHECK(c.vocab_size_for_min_freq(2) == 2183);
  CHECK(c.vocab_size_for_min_freq(3) == 1420);
  CHECK(c.vocab_size_for_min_freq(5) == 825);
  CHECK(c.vocab_size_for_min_freq(10) == 400);

  // Building with min_freq gives the same sizes as the prediction.
  for (const int m : {2, 10}) {
    Tokenization with_min = options;
    with_min.min_freq = m;
    const Corpus cm = build_corpus(time_machine(), with_min);
    CHECK(cm.vocab_size() == c.vocab_size_for_min_freq(m));
    CHECK(cm.token_count() == 32775);
  }
}

TEST_CASE("corpus: non-ASCII text with 'none' counts code points, not bytes") {
  Tokenization options;
  options.preprocess = Preprocess::None;
  const std::string text = "\xCE\xB1\xCE\xB2\xCE\xB3 \xCE\xB1\xCE\xB2 \xE6\x97\xA5\xE6\x9C\xAC";  // αβγ αβ 日本
  const Corpus c = build_corpus(text, options);
  CHECK(text.size() == 18);
  CHECK(c.token_count() == 9);
  CHECK(c.vocab_size() == 1 + 6);  // <unk>, α, β, ' ', γ, 日, 本
  CHECK(c.vocab.token(1) == "\xCE\xB1");
  options.level = Level::Word;
  const Corpus w = build_corpus(text, options);
  CHECK(w.token_count() == 3);
  CHECK(w.vocab.token(3) == "\xE6\x97\xA5\xE6\x9C\xAC");
}
