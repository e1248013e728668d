// padLines through the n-gram facade (wasm/facade/sentences.h): lines become sentences <s> ... </s> with the
// marks after the corpus's ids; the split falls at a sentence start; contexts, samples and scored texts are read
// line by line; the ARPA file says pad=lines and scores a text as the model; character level and a text holding
// <s> are refused.
#include <doctest.h>

#include <string>

#include "engine/core/error.h"
#include "wasm/facade/arpa.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/ngram.h"

using seqlab::Error;
using seqlab::facade::Corpus;
using seqlab::facade::NgramModel;

namespace {
// Four lines, one without a word: three sentences, 3 + 2 + 3 words, so 14 padded tokens.
const std::string kText = "the cat sat\n\n, the dog!\nthe cat ran\n";
}  // namespace

TEST_CASE("facade padLines: sentences per line, the split at a sentence start, the marks in the vocabulary") {
  const Corpus corpus(kText, R"({"level":"word","valFraction":0.3})");
  const NgramModel model(corpus, R"({"n":2,"smoothing":"mle","padLines":true})");
  const auto report = model.evaluate();
  CHECK(report.at("padLines").as_bool());
  CHECK(report.at("vocabSize").as_number() == corpus.vocab_size() + 2);
  // 14 tokens, 4 held out: the split point 10 falls in the third sentence (9..13), which is held out whole.
  CHECK(report.at("trainTokens").as_number() == 9);
  CHECK(report.at("valTokens").as_number() == 5);
  // The third sentence scored: the | <s> (2/2), cat | the (1/2; 'the dog' is the other), ran | cat (0/1),
  // </s> | ran (ran never a context: 0): MLE gives the last two 0, so two unseen of four (3 words and </s>).
  CHECK(report.at("scored").as_number() == 4);
  CHECK(report.at("unseen").as_number() == 2);
  // After the open sentence "the": cat and dog, 1/2 each.
  const auto next = model.next("the", 2);
  CHECK(next.as_array().size() == 2);
  CHECK(next.as_array()[0].at("p").as_number() == doctest::Approx(0.5));
  // A greedy sample after "the dog": </s> (a line break), then a new sentence from <s>: "the cat sat".
  CHECK(model.sample("the dog", 5, 0.0, 1) == "\nthe cat sat\n");
}

TEST_CASE("facade padLines: the ARPA file says pad=lines and scores a text line by line as the model") {
  const Corpus corpus(kText, R"({"level":"word","valFraction":0})");
  for (const char* smoothing : {"witten-bell", "kneser-ney", "modified-kneser-ney"}) {
    CAPTURE(smoothing);
    const NgramModel model(corpus, std::string(R"({"n":3,"padLines":true,"smoothing":")") + smoothing + "\"}");
    const std::string arpa = seqlab::facade::arpa_text(model);
    CHECK(arpa.find(" pad=lines") != std::string::npos);
    CHECK(arpa.find("-99\t<s>") != std::string::npos);
    const std::string scored = "the cat sat\nthe dog sat\n";
    const auto ours = model.evaluate_text(scored);
    const auto theirs = seqlab::facade::evaluate_arpa(arpa, scored);
    CHECK(theirs.at("padLines").as_bool());
    CHECK(theirs.at("scored").as_number() == ours.at("scored").as_number());
    CHECK(theirs.at("scored").as_number() == 8);  // 3 + 3 words and two </s>
    if (!ours.at("perplexity").is_null())
      CHECK(theirs.at("perplexity").as_number() == doctest::Approx(ours.at("perplexity").as_number()).epsilon(1e-6));
  }
}

TEST_CASE("facade padLines: character level and the token <s> in the text are refused with the reason") {
  const Corpus chars(kText, R"({"level":"char"})");
  CHECK_THROWS_WITH_AS(NgramModel(chars, R"({"padLines":true})"), doctest::Contains("word-level"), Error);
  const Corpus literal("a <s> b\nc\n", R"({"level":"word","preprocess":"none"})");
  CHECK_THROWS_WITH_AS(NgramModel(literal, R"({"padLines":true})"), doctest::Contains("has the token <s>"), Error);
  const Corpus words(kText, R"({"level":"word","preprocess":"none"})");
  const NgramModel model(words, R"({"n":2,"padLines":true})");
  CHECK_THROWS_WITH_AS(model.evaluate_text("a </s> b"), doctest::Contains("has the token"), Error);
}
