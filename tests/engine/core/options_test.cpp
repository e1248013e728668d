// The option schema: one table per group reads, checks, writes and describes its options; old spellings
// still read; the CLI's flags map to the same keys through the same specs.
#include <doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/nn/config.h"
#include "engine/text/corpus_options.h"
#include "engine/ngram/ngram_options.h"
#include "engine/io/schema.h"
#include "engine/train/train_options.h"

using namespace seqlab;

namespace {
Json parse(const char* text) { return Json::parse(text); }

std::string keys_of(const std::string& group) {
  std::string keys;
  for (const auto& spec : schema::group_specs(group)) keys += (keys.empty() ? "" : ",") + spec.key;
  return keys;
}

struct DemoOptions {
  int size = 3;
};
SEQLAB_OPTION_TABLE(DemoOptions, demo_options, "demo") {
  t.options = {int_option<DemoOptions>("size", SEQLAB_FIELD(size), 1, 9, "a size")};
  t.defaults.size = 4;
}
}  // namespace

TEST_CASE("options: a range refusal names the group, the key, the value and the range") {
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"hidden":0})")),
                       "model options: hidden = 0 is outside [1, 4096]", Error);
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"hidden":64.5})")),
                       "model options: hidden = 64.5 is not an integer in [1, 4096]", Error);
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"hidden":"64"})")),
                       "model options: hidden = '64' is not an integer in [1, 4096]", Error);
  CHECK_THROWS_WITH_AS(train::TrainOptions::from_json(parse(R"({"pi":0})")),
                       "train options: pi = 0 is outside (0, 1]", Error);
  CHECK_THROWS_WITH_AS(train::TrainOptions::from_json(parse(R"({"momentum":1})")),
                       "train options: momentum = 1 is outside [0, 1)", Error);
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"cell":"transformer"})")),
                       "model options: cell = 'transformer' is not one of rnn, gru, lstm", Error);
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"hiden":3})")),
                       "model options: unknown key 'hiden' (did you mean hidden?) (allowed: cell, vocab, hidden, "
                       "layers, embedding, activation, gruVariant, init, gateBias, seed)",
                       Error);
  // A struct built in C++ is checked against the same table.
  nn::ModelOptions c;
  c.hidden = 5000;
  CHECK_THROWS_WITH_AS(c.validate(), "model options: hidden = 5000 is outside [1, 4096]", Error);
  train::TrainOptions o;
  o.batch = 4097;
  CHECK_THROWS_WITH_AS(o.validate(), "train options: batch = 4097 is outside [1, 4096]", Error);
}

TEST_CASE("options: written JSON reads back to the same struct; missing keys keep the base's values") {
  train::TrainOptions o;
  o.batch = 7;
  o.optimizer.kind = train::OptimizerKind::Adam;
  o.optimizer.lr = 0.003;
  o.truncation.kind = nn::Truncation::Kind::Random;
  o.truncation.pi = 1e-7;
  o.seed = 9007199254740991ULL;
  const Json j = o.to_json();
  CHECK(j.dump() == train::TrainOptions::from_json(j).to_json().dump());
  CHECK(j.at("truncation").as_string() == "random");
  CHECK(j.at("pi").as_number() == 1e-7);
  CHECK(j.at("optimizer").as_string() == "adam");
  CHECK(!j.has("valFraction"));  // the corpus group's key
  const train::TrainOptions partial = train::TrainOptions::from_json(parse(R"({"lr":0.5})"), o);
  CHECK(partial.optimizer.lr == 0.5);
  CHECK(partial.batch == 7);
  CHECK(partial.seed == 9007199254740991ULL);
}

TEST_CASE("options: random truncation with pi = 1e-7 is written so that it reads back (was 'random:0')") {
  nn::Truncation t;
  t.kind = nn::Truncation::Kind::Random;
  t.pi = 1e-7;
  CHECK(t.to_string() == "random:1e-07");
  CHECK(nn::Truncation::parse(t.to_string()).pi == 1e-7);
  t.pi = 1.0 / 3.0;
  CHECK(std::strtod(t.to_string().substr(7).c_str(), nullptr) == 1.0 / 3.0);
  CHECK(nn::Truncation::parse(t.to_string()).pi == 1.0 / 3.0);
}

TEST_CASE("options: the old one-string forms and names still read") {
  const train::TrainOptions fixed = train::TrainOptions::from_json(parse(R"({"truncation":"fixed:12"})"));
  CHECK(fixed.truncation.kind == nn::Truncation::Kind::Fixed);
  CHECK(fixed.truncation.tau == 12);
  const train::TrainOptions random = train::TrainOptions::from_json(parse(R"({"truncation":"random:0.25"})"));
  CHECK(random.truncation.kind == nn::Truncation::Kind::Random);
  CHECK(random.truncation.pi == 0.25);
  CHECK_THROWS_WITH_AS(train::TrainOptions::from_json(parse(R"({"truncation":"random:0"})")),
                       doctest::Contains("(0, 1]"), Error);
  const train::TrainOptions now = train::TrainOptions::from_json(parse(R"({"truncation":"fixed","tau":3})"));
  CHECK(now.truncation.kind == nn::Truncation::Kind::Fixed);
  CHECK(now.truncation.tau == 3);

  const nn::ModelOptions old_variant = nn::ModelOptions::from_json(parse(R"({"gruVariant":"seed"})"));
  CHECK(old_variant.gru_variant == nn::GruVariant::Notes);
  CHECK(old_variant.to_json().at("gruVariant").as_string() == "notes");

  using schema::NgramOptions;
  const auto& table = schema::ngram_options();
  const NgramOptions add_k = read_options(table, parse(R"({"smoothing":"add-k:0.5"})"), NgramOptions());
  CHECK(add_k.smoothing == NgramOptions::Smoothing::AddK);
  CHECK(add_k.k == 0.5);
  CHECK(add_k.rule().to_string() == "add-k:0.5");
  const NgramOptions d2l = read_options(table, parse(R"({"smoothing":"d2l:0.1,2,3"})"), NgramOptions());
  CHECK(d2l.smoothing == NgramOptions::Smoothing::D2L);
  CHECK(d2l.eps == std::vector<double>{0.1, 2, 3});
  CHECK(d2l.max_order() == 3);
  const NgramOptions fields = read_options(table, parse(R"({"smoothing":"d2l","eps":[1,2,4]})"), NgramOptions());
  CHECK(fields.rule().to_string() == "d2l:1,2,4");
  CHECK_THROWS_WITH_AS(read_options(table, parse(R"({"eps":[1,2]})"), NgramOptions()),
                       doctest::Contains("ngram options: eps"), Error);
  CHECK_THROWS_WITH_AS(read_options(table, parse(R"({"eps":[1,0,1]})"), NgramOptions()),
                       "ngram options: eps[1] = 0 is outside (0, 1000000]", Error);
}

TEST_CASE("options: CLI flags map to the keys through the specs") {
  const std::vector<OptionSpec> model = schema::group_specs("model");
  const Json j = flags_to_json(model, {{"hidden", "64"}, {"gru-variant", "reset_after"}, {"lr", "0.1"}});
  CHECK(j.dump() == R"({"hidden":64,"gruVariant":"reset_after"})");  // lr is the train group's
  CHECK_THROWS_WITH_AS(flags_to_json(model, {{"hidden", "0x40"}}),
                       "option --hidden = '0x40' is not an integer in [1, 4096]", Error);
  CHECK_THROWS_WITH_AS(flags_to_json(model, {{"hidden", "0"}}), "option --hidden = 0 is outside [1, 4096]", Error);
  const Json corpus = flags_to_json(schema::group_specs("corpus"), {{"min-freq", "3"}, {"val-fraction", "0.2"},
                                                                        {"reserved", "<pad>,<bos>"}});
  // (values compared as numbers: how Json::dump prints 0.2 is the JSON writer's business)
  CHECK(corpus.at("minFreq").as_number() == 3);
  CHECK(corpus.at("valFraction").as_number() == 0.2);
  CHECK(corpus.at("reserved").dump() == R"(["<pad>","<bos>"])");
  CHECK(corpus.size() == 3u);
  const Json eps = flags_to_json(schema::group_specs("ngram"), {{"eps", "0.1,1,1"}, {"smoothing", "d2l"}});
  CHECK(eps.at("smoothing").as_string() == "d2l");
  CHECK(eps.at("eps").as_array()[0].as_number() == 0.1);
  CHECK(eps.at("eps").as_array()[2].as_number() == 1);
  const std::string help = help_text(model);
  CHECK(help.find("--hidden") != std::string::npos);
  CHECK(help.find("an integer in [1, 4096], default 256") != std::string::npos);
  CHECK(help.find("--gru-variant") != std::string::npos);
  CHECK(camel_to_kebab("rankFrequencyPoints") == "rank-frequency-points");
  CHECK(kebab_to_camel("rank-frequency-points") == "rankFrequencyPoints");
}

TEST_CASE("options: the schema lists every group with its keys, defaults, ranges and choices") {
  const Json s = schema::schema_json();
  for (const char* group : {"corpus", "task", "stats", "ngram", "model", "train", "generate"}) CHECK(s.has(group));
  const Json* hidden = nullptr;
  for (const auto& spec : s.at("model").as_array())
    if (spec.at("key").as_string() == "hidden") hidden = &spec;
  REQUIRE(hidden);
  CHECK(hidden->dump() ==
        R"({"key":"hidden","type":"int","default":256,"min":1,"max":4096,"help":"hidden units per layer H"})");
  const Json* pi = nullptr;
  for (const auto& spec : s.at("train").as_array())
    if (spec.at("key").as_string() == "pi") pi = &spec;
  REQUIRE(pi);
  CHECK(pi->at("minExclusive").as_bool());
  CHECK(pi->at("default").as_number() == 0.5);
  // Every train choice reads back through the engine's own parsers.
  for (const auto& spec : s.at("train").as_array()) {
    if (spec.at("key").as_string() == "optimizer")
      for (const auto& c : spec.at("choices").as_array()) CHECK_NOTHROW(train::parse_optimizer_kind(c.as_string()));
    if (spec.at("key").as_string() == "iterator")
      for (const auto& c : spec.at("choices").as_array()) CHECK_NOTHROW(train::parse_iterator_kind(c.as_string()));
  }
  CHECK(camel_case_keys(parse(R"({"vocab_size":1,"rank_frequency":{"1":{"max_n":2}},"top":[["a_b",1]]})")).dump() ==
        R"({"vocabSize":1,"rankFrequency":{"1":{"maxN":2}},"top":[["a_b",1]]})");
  CHECK_THROWS_WITH_AS(schema::group_specs("optim"), doctest::Contains("allowed: corpus, task, stats"), Error);
}

TEST_CASE("options: the corpus options have one writer, read back by the checkpoint reader's table") {
  text::Tokenization c;
  c.level = text::Level::Word;
  c.min_freq = 2;
  c.reserved = {"<pad>"};
  const Json j = schema::corpus_options_json(c, 0.25);
  CHECK(j.dump() == R"({"level":"word","preprocess":"letters_only","minFreq":2,"valFraction":0.25,"reserved":["<pad>"]})");  // 0.25 is exact
  const schema::CorpusOptions back = schema::read_corpus_options(j);
  CHECK(back.text.level == text::Level::Word);
  CHECK(back.text.min_freq == 2);
  CHECK(back.val_fraction == 0.25);
  CHECK(back.text.reserved == std::vector<std::string>{"<pad>"});
}

TEST_CASE("options: an unknown key gets the key it was meant to be (the JS API's 'did you mean')") {
  // A key written as the CLI writes its flag or as the JSON output writes it is the camelCase key.
  CHECK_THROWS_WITH_AS(schema::read_corpus_options(parse(R"({"min_freq":2})")),
                       doctest::Contains("corpus options: unknown key 'min_freq' (did you mean minFreq?) (allowed:"),
                       Error);
  CHECK_THROWS_WITH_AS(schema::read_corpus_options(parse(R"({"val-fraction":0.2})")),
                       doctest::Contains("unknown key 'val-fraction' (did you mean valFraction?)"), Error);
  // A typo: the nearest key.
  CHECK_THROWS_WITH_AS(train::TrainOptions::from_json(parse(R"({"optimiser":"adam"})")),
                       doctest::Contains("train options: unknown key 'optimiser' (did you mean optimizer?)"), Error);
  // Nothing near: no guess, only the allowed keys.
  CHECK_THROWS_WITH_AS(nn::ModelOptions::from_json(parse(R"({"transformer":1})")),
                       "model options: unknown key 'transformer' (allowed: cell, vocab, hidden, layers, embedding, "
                       "activation, gruVariant, init, gateBias, seed)",
                       Error);
}

TEST_CASE("options: SEQLAB_OPTION_TABLE builds its table once, named for its group, from the body's entries") {
  CHECK(&demo_options() == &demo_options());
  CHECK(demo_options().group == "demo");
  CHECK(demo_options().default_of("size").as_number() == 4);
  CHECK(read_options(demo_options(), parse(R"({"size":9})"), DemoOptions()).size == 9);
  CHECK_THROWS_WITH_AS(read_options(demo_options(), parse(R"({"size":10})"), DemoOptions()),
                       "demo options: size = 10 is outside [1, 9]", Error);
}

TEST_CASE("options: each group name reads its own table, and any other name is refused") {
  // The command line's groups, each with its own keys (a row of schema.cpp's tables pointing at another
  // group's table, or a lookup that falls through to the last row, fails here).
  CHECK(keys_of("run") == "epochs,evalBy,evalEvery,targetAccuracy,maxTokens,prefix,predict");
  CHECK(keys_of("evaluateText") == "maxTokens,steps");
  CHECK(keys_of("ngramQuery") == "next,top,sample");
  CHECK(keys_of("generateOutput") == "showTop");
  CHECK(keys_of("labModel") == "hidden,layers,embedding");
  CHECK(schema::group_names().size() == 18);
  for (const char* name : {"generateoutput", "Run", "", "loss", "truncation"})
    CHECK_THROWS_WITH_AS(schema::group_specs(name), doctest::Contains("unknown option group"), Error);
  // maxTokens counts tokens: 2^40 at most, below the 2^53 - 1 a JS number holds exactly.
  for (const char* group : {"run", "evaluateText"})
    for (const auto& spec : schema::group_specs(group))
      if (spec.key == "maxTokens") CHECK(spec.max == std::ldexp(1.0, 40));
  CHECK(kMaxTokenCount < kMaxSafeInteger);
}
