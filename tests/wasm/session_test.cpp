// The Session: one corpus, its n-gram model and named trainers, with the rules of what invalidates what,
// the D2L order limit and the decoding of generated text. Numbers are checked against the engine called
// directly on the same split (an independent path), not against the session's own earlier output.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/io/checkpoint.h"
#include "engine/ngram/ngram_model.h"
#include "engine/text/corpus.h"
#include "tests/engine/text/text_fixtures.h"
#include "wasm/facade/session.h"

using namespace seqlab;

namespace {
std::string time_machine(std::size_t n = std::string::npos) {
  return test::time_machine().substr(0, n);
}
const char* kTrain = R"({"batch":4,"steps":8,"lr":1,"seed":3,"iterator":"random"})";
}  // namespace

TEST_CASE("session: loadCorpus reports the corpus and its split; the n-gram numbers equal the engine's") {
  facade::Session s;
  const std::string text = time_machine();
  const Json c = s.load_corpus(text, R"({"level":"char","valFraction":0.2})");
  CHECK(c.at("tokens").as_number() == 173428);
  CHECK(c.at("vocabSize").as_number() == 28);
  CHECK(c.at("characters").as_number() == static_cast<double>(text.size()));  // the file is ASCII
  const auto split = split_tokens(173428, 0.2);
  CHECK(c.at("trainTokens").as_number() == static_cast<double>(split.train_end));
  CHECK(c.at("valTokens").as_number() == static_cast<double>(173428 - split.train_end));
  CHECK(c.at("options").at("valFraction").as_number() == 0.2);
  CHECK(s.corpus_ids().size() == 173428u);
  CHECK(s.tokens().as_array()[0].as_string() == "<unk>");
  const std::vector<std::int32_t> ids = s.encode("The Time!");
  CHECK(ids.size() == 9u);  // t h e ' ' t i m e ' ': letters_only sends '!' to a space
  CHECK(s.decode(ids) == "the time ");

  // The engine on the same split, built here independently of the facade.
  const text::Corpus corpus = text::build_corpus(text, text::Tokenization());
  const ngram::NgramModel engine(corpus.ids.data(), split.train_end, corpus.vocab_size(), 3,
                                 ngram::Smoothing::add_k(0.5));
  const auto expected = engine.perplexity(corpus.ids.data() + split.train_end, corpus.ids.size() - split.train_end);
  const Json e = s.build_ngram(R"({"n":3,"smoothing":"add-k","k":0.5})");
  CHECK(e.at("perplexity").as_number() == expected.perplexity);
  CHECK(e.at("crossEntropyBits").as_number() == expected.cross_entropy_bits);
  CHECK(e.at("smoothing").as_string() == "add-k");
  CHECK(e.at("k").as_number() == 0.5);
  CHECK(e.at("vocabSize").as_number() == 28);
  CHECK(s.build_ngram(R"({"n":3,"smoothing":"add-k:0.5"})").at("perplexity").as_number() == expected.perplexity);

  const Json next = s.ngram_next("the time tra", 3);
  CHECK(next.size() == 3u);
  CHECK(next.as_array()[0].at("token").as_string() == "v");

  const Json rows = s.ngram_perplexities(R"({"maxN":4,"smoothing":"add-k","k":0.5})");
  REQUIRE(rows.size() == 4u);
  CHECK(rows.as_array()[2].at("perplexity").as_number() == expected.perplexity);
  CHECK(rows.as_array()[2].at("crossEntropyBits").as_number() == expected.cross_entropy_bits);
  CHECK_THROWS_WITH_AS(s.build_ngram(R"({"valFraction":0.3})"), doctest::Contains("loadCorpus"), Error);
}

TEST_CASE("session: the D2L order limit leaves out orders above 3 and refuses to build them") {
  facade::Session s;
  s.load_corpus(time_machine(20000), "");
  const Json rows = s.ngram_perplexities(R"({"maxN":6,"smoothing":"d2l","eps":[0.1,1,1]})");
  CHECK(rows.size() == 3u);
  CHECK(rows.as_array()[2].at("n").as_number() == 3);
  CHECK(s.ngram_perplexities(R"({"maxN":6})").size() == 6u);
  CHECK_THROWS_WITH_AS(s.build_ngram(R"({"n":4,"smoothing":"d2l"})"), doctest::Contains("n <= 3"), Error);
}

TEST_CASE("session: word-level samples and generations are decoded with spaces between the words") {
  facade::Session s;
  s.load_corpus(time_machine(30000), R"({"level":"word"})");
  s.build_ngram(R"({"n":2})");
  const Json sample = s.ngram_sample(R"({"prefix":"the time traveller","length":5,"temperature":0})");
  const std::string text = sample.at("text").as_string();
  // Argmax continuation: 3 prefix words + 5 new ones, single spaces, the prefix first.
  CHECK(text.rfind("the time traveller ", 0) == 0);
  CHECK(std::count(text.begin(), text.end(), ' ') == 7);
  CHECK(text.substr(std::string("the time traveller ").size()) == sample.at("generated").as_string());

  s.create_trainer("w", R"({"cell":"rnn","hidden":8})", R"({"batch":2,"steps":4,"seed":1})");
  const Json g = s.generate("w", R"({"prefix":"the time","length":4,"temperature":0.5,"seed":2})");
  const std::string gt = g.at("text").as_string();
  CHECK(gt.rfind("the time ", 0) == 0);
  CHECK(std::count(gt.begin(), gt.end(), ' ') == 5);
  CHECK(g.at("steps").size() == 4u);
}

TEST_CASE("session: named trainers train side by side; loading a corpus frees them and the n-gram model") {
  facade::Session s;
  CHECK_THROWS_WITH_AS(s.create_trainer("a", "", ""), doctest::Contains("no corpus loaded"), Error);
  const double V = s.load_corpus(time_machine(3000), "").at("vocabSize").as_number();
  const Json a = s.create_trainer("a", R"({"cell":"gru","hidden":16})", kTrain);
  CHECK(a.at("name").as_string() == "a");
  // GRU, one-hot input: 3 H (V + H + 1) + V (H + 1) parameters, H = 16.
  CHECK(a.at("parameterCount").as_number() == 3 * 16 * (V + 16 + 1) + V * (16 + 1));
  s.create_trainer("b", R"({"cell":"lstm","hidden":12})", kTrain);
  CHECK(s.trainer_names().dump() == R"(["a","b"])");
  const double first = s.run("a", 1).at("loss").as_number();
  // The same loss as a standalone facade trainer on the same corpus and options (one build: bit for bit).
  facade::Corpus standalone(time_machine(3000), "");
  CHECK(first == facade::Trainer(standalone, R"({"cell":"gru","hidden":16})", kTrain).run(1).at("loss").as_number());
  CHECK(s.run("b", 3).at("steps").as_number() == 3);
  CHECK(s.run("a", 1).at("totalSteps").as_number() == 2);  // a's count is its own
  const Json options = s.set_train_options("a", R"({"lr":0.5,"truncation":"fixed","tau":4})");
  CHECK(options.at("train").at("lr").as_number() == 0.5);
  CHECK(options.at("train").at("truncation").as_string() == "fixed");
  CHECK(options.at("train").at("tau").as_number() == 4);
  CHECK(options.at("corpus").at("valFraction").as_number() == 0.1);
  CHECK(s.evaluate("a").at("perplexity").as_number() > 1);
  CHECK(s.diagnostics("b").at("gateMeans").has("l0.f"));
  CHECK_THROWS_WITH_AS(s.run("c", 1), doctest::Contains("no trainer named 'c' (trainers: 'a', 'b')"), Error);
  CHECK_THROWS_WITH_AS(s.create_trainer("c", "", R"({"valFraction":0.2})"), doctest::Contains("loadCorpus"), Error);

  const std::vector<std::uint8_t> bytes = s.save("a");
  const Json loaded = s.load_trainer("copy", bytes);
  CHECK(loaded.at("options").at("warnings").size() == 0u);
  CHECK(s.save("copy") == bytes);
  // Loaded on the corpus it was trained on, it continues the run (tests/wasm/session_resume_test.cpp has more).
  CHECK(loaded.at("resumable").as_bool());
  CHECK(s.run("copy", 1).at("loss").as_number() == s.run("a", 1).at("loss").as_number());
  s.delete_trainer("b");
  CHECK(s.trainer_names().dump() == R"(["a","copy"])");
  CHECK_THROWS_AS(s.delete_trainer("b"), Error);

  s.build_ngram("");
  s.load_corpus(time_machine(2000), R"({"level":"char"})");
  CHECK(s.trainer_names().size() == 0u);
  CHECK_THROWS_WITH_AS(s.ngram_next("the", 1), doctest::Contains("buildNgram"), Error);
  s.create_trainer("a", R"({"cell":"rnn","hidden":8})", kTrain);
  s.build_ngram("");
  const std::size_t tokens = s.corpus_ids().size();
  CHECK_THROWS_AS(s.load_corpus("", ""), Error);
  CHECK_THROWS_WITH_AS(s.load_corpus("a", R"({"level":"char"})"), doctest::Contains("no validation token"), Error);
  CHECK_THROWS_WITH_AS(s.load_corpus("ab\xff", ""), doctest::Contains("UTF-8"), Error);
  // A refused text loses nothing: the old corpus, its n-gram model and trainers are all still there.
  CHECK(s.has_corpus());
  CHECK(s.corpus_ids().size() == tokens);
  CHECK(s.trainer_names().dump() == R"(["a"])");
  CHECK(s.run("a", 1).at("steps").as_number() == 1);
  CHECK(s.ngram_next("the", 1).size() == 1u);
}

TEST_CASE("session: a checkpoint whose training options cannot be read says so instead of falling back silently") {
  facade::Session s;
  s.load_corpus(time_machine(3000), "");
  s.create_trainer("a", R"({"cell":"rnn","hidden":8})", kTrain);
  // A checkpoint as the earlier writer saved random:1e-7 ('random:0', which no reader accepts).
  const io::CheckpointData saved = io::read_checkpoint([&] {
    const auto b = s.save("a");
    return std::string(b.begin(), b.end());
  }());
  io::CheckpointData broken = saved;
  Json train = Json::object();
  train.set("options", Json::parse(R"({"truncation":"random:0","lr":2})"));
  broken.train = train;
  const std::string bytes = io::write_checkpoint(broken);
  facade::Session bare;  // without a corpus: the model generates (a resume needs readable options)
  const Json loaded = bare.load_trainer("old", std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const Json& warnings = loaded.at("options").at("warnings");
  REQUIRE(warnings.size() == 1u);
  CHECK(warnings.as_array()[0].as_string().find("random:0") != std::string::npos);
  CHECK(warnings.as_array()[0].as_string().find("(0, 1]") != std::string::npos);

  // The split is saved with the corpus options and read back.
  facade::Session split;
  split.load_corpus(time_machine(3000), R"({"valFraction":0.25})");
  split.create_trainer("a", R"({"cell":"rnn","hidden":8})", kTrain);
  const Json reloaded = bare.load_trainer("split", split.save("a"));
  CHECK(reloaded.at("options").at("corpus").at("valFraction").as_number() == 0.25);

  // An earlier checkpoint's own spellings read without a warning: valFraction among the train options.
  io::CheckpointData older = saved;
  Json old_train = Json::object();
  old_train.set("options", Json::parse(R"({"truncation":"fixed:10","valFraction":0.2,"lr":2})"));
  older.train = old_train;
  const std::string old_bytes = io::write_checkpoint(older);
  const Json ok = bare.load_trainer("older", std::vector<std::uint8_t>(old_bytes.begin(), old_bytes.end()));
  CHECK(ok.at("options").at("warnings").size() == 0u);
  CHECK(ok.at("options").at("train").at("tau").as_number() == 10);
  CHECK(ok.at("options").at("train").at("lr").as_number() == 2);
}
