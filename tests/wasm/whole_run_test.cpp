// The facade's whole-run methods the CLI stands on: train for an epoch, count tokens, score a text as one
// stream, export safetensors, keep the first N tokens, score an n-gram model on another text.
#include <doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/core/json.h"
#include "engine/io/pytorch_script.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/smoothing.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/ngram.h"
#include "wasm/facade/trainer.h"

#include "tests/engine/nn/hand_forward.h"
#include "tests/engine/text/text_fixtures.h"

using namespace seqlab;

namespace {
std::string time_machine_part(std::size_t from, std::size_t n) {
  return test::time_machine().substr(from, n);
}
const char* kTrain = R"({"batch":4,"steps":8,"lr":1,"clip":1,"seed":5,"iterator":"sequential"})";
}  // namespace

TEST_CASE("facade whole runs: run_epoch is the minibatches up to the epoch's end, one at a time") {
  facade::Corpus corpus(time_machine_part(0, 2000), "{}");
  facade::Trainer whole(corpus, R"({"cell":"rnn","hidden":8})", kTrain);
  facade::Trainer stepwise(corpus, R"({"cell":"rnn","hidden":8})", kTrain);
  const Json epoch = whole.run_epoch();
  CHECK(epoch.at("epochEnd").as_bool());
  // The twin, one minibatch per call until it reports the epoch's end: the same minibatches in the same order.
  double loss_sum = 0;
  int steps = 0;
  for (bool end = false; !end && steps < 10000; ++steps) {
    const Json r = stepwise.run(1);
    loss_sum += r.at("loss").as_number();
    end = r.at("epochEnd").as_bool();
  }
  CHECK(epoch.at("steps").as_number() == steps);
  CHECK(epoch.at("tokens").as_number() == steps * 4 * 8);
  CHECK(epoch.at("loss").as_number() == doctest::Approx(loss_sum / steps).epsilon(1e-9));
  // An epoch of sequential minibatches covers at most the training part once.
  const Json counts = whole.token_counts();
  CHECK(counts.at("trainTokens").as_number() + counts.at("valTokens").as_number() == corpus.token_count());
  CHECK(counts.at("valTokens").as_number() ==
        corpus.token_count() - split_tokens(corpus.token_count(), 0.1).train_end);
  CHECK(epoch.at("tokens").as_number() <= counts.at("trainTokens").as_number());
  CHECK(counts.at("tokensSeen").as_number() == epoch.at("tokens").as_number());
}

TEST_CASE("facade whole runs: evaluate_text is ln V for zero weights and does not depend on the chunk length") {
  facade::Corpus corpus(time_machine_part(0, 3000), "{}");
  facade::Trainer t(corpus, R"({"cell":"gru","hidden":12})", kTrain);
  t.run(10);
  const std::string text = time_machine_part(5000, 400);
  // The state is carried across chunks: one stream, whatever the chunk length.
  const Json one = t.evaluate_text(text, 0, 4096), chunked = t.evaluate_text(text, 0, 7);
  CHECK(one.at("tokens").as_number() == chunked.at("tokens").as_number());
  CHECK(chunked.at("loss").as_number() == doctest::Approx(one.at("loss").as_number()).epsilon(1e-5));
  CHECK(one.at("perplexity").as_number() == doctest::Approx(std::exp(one.at("loss").as_number())));
  CHECK(t.evaluate_text(text, 100, 35).at("tokens").as_number() == 99);  // 100 tokens: 99 predictions
  // The reference: the encoded text as one stream from the zero state through a GRU step written out apart
  // from the engine (tests/engine/nn/hand_forward.h, double), every prediction's loss averaged.
  const std::vector<std::int32_t> ids = corpus.encode(text);
  REQUIRE(ids.size() > 300u);
  CHECK(one.at("tokens").as_number() == static_cast<double>(ids.size() - 1));
  const nn::test::HandForward hand(t.model());
  Eigen::VectorXd h = hand.zero_state();
  const double by_hand = hand.loss_sum(ids, 0, ids.size() - 1, h) / static_cast<double>(ids.size() - 1);
  CHECK(one.at("loss").as_number() == doctest::Approx(by_hand).epsilon(1e-5));
  CHECK(chunked.at("loss").as_number() == doctest::Approx(by_hand).epsilon(1e-5));
  // All weights zero: every logit is 0, the prediction uniform, the loss exactly ln V.
  nn::Model<float>& m = t.model();
  std::memset(m.parameters(), 0, m.parameter_count() * sizeof(float));
  CHECK(t.evaluate_text(text, 0, 35).at("loss").as_number() ==
        doctest::Approx(std::log(static_cast<double>(corpus.vocab_size()))).epsilon(1e-6));
  CHECK_THROWS_WITH_AS(t.evaluate_text("a", 0, 35), doctest::Contains("at least 2 tokens"), Error);
  CHECK_THROWS_AS(t.evaluate_text(text, 0, 0), Error);
}

TEST_CASE("facade whole runs: export_safetensors writes torch.nn's tensors: names, shapes and element count") {
  facade::Corpus corpus(time_machine_part(0, 2000), "{}");
  facade::Trainer t(corpus, R"({"cell":"gru","gruVariant":"reset_after","hidden":6,"embedding":5})", kTrain);
  const facade::Trainer::Export e = t.export_safetensors();
  // safetensors: an 8-byte little-endian header length, the JSON header, then the raw float32 data.
  REQUIRE(e.bytes.size() > 8);
  std::uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = header_length * 256 + e.bytes[static_cast<std::size_t>(i)];
  const Json header = Json::parse(std::string(e.bytes.begin() + 8, e.bytes.begin() + 8 + static_cast<std::ptrdiff_t>(header_length)));
  double elements = 0;
  for (const auto& tensor : e.tensors.as_array()) {
    double n = 1;
    for (const auto& d : tensor.at("shape").as_array()) n *= d.as_number();
    elements += n;
    CHECK(header.has(tensor.at("name").as_string()));
  }
  // torch.nn's parameter count for Embedding(V, E) + GRU(E, H) + Linear(H, V): GRU has two 3H bias vectors
  // (seqlab stores the input and recurrent biases of z and r as one, so torch's count is 2H larger).
  const double V = corpus.vocab_size(), E = 5, H = 6;
  CHECK(elements == V * E + (3 * H * E + 3 * H * H + 3 * H + 3 * H) + (V * H + V));
  CHECK(elements == t.parameter_count() + 2 * H);
  CHECK(e.bytes.size() == 8 + header_length + 4 * static_cast<std::size_t>(elements));  // float32 data
  CHECK(header.has("rnn.weight_hh_l0"));
  CHECK(header.has("fc.weight"));
  CHECK(header.at("__metadata__").at("seqlab_corpus").as_string() == corpus.options().dump());
  CHECK(header.at("rnn.bias_hh_l0").at("shape").dump() == "[18]");
  // The notes' GRU and the linear RNN have no torch.nn module: the same names without bias_hh, so that
  // torch.nn.GRU/RNN refuse them (a missing key) instead of computing another function.
  for (const char* options : {R"({"cell":"gru","hidden":6})", R"({"cell":"rnn","hidden":6,"activation":"identity"})"}) {
    INFO(options);
    facade::Trainer custom(corpus, options, kTrain);
    const facade::Trainer::Export c = custom.export_safetensors();
    std::string names;
    for (const auto& tensor : c.tensors.as_array()) names += tensor.at("name").as_string() + " ";
    CHECK(names == "rnn.weight_ih_l0 rnn.weight_hh_l0 rnn.bias_ih_l0 fc.weight fc.bias ");
  }
}

TEST_CASE("facade whole runs: the PyTorch script defines a module only for the cells torch.nn lacks") {
  facade::Corpus corpus(time_machine_part(0, 2000), "{}");
  auto script = [&](const char* model) {
    return facade::Trainer(corpus, model, kTrain).pytorch_script("w's.safetensors");
  };
  const std::string notes = script(R"({"cell":"gru","hidden":6})");
  CHECK(notes.find("class NotesGRU(nn.Module)") != std::string::npos);
  CHECK(notes.find("self.rnn = NotesGRU(E or V, H, L)") != std::string::npos);
  CHECK(notes.find("self.embedding") == std::string::npos);  // one-hot input
  const std::string torch_gru = script(R"({"cell":"gru","hidden":6,"gruVariant":"reset_after","embedding":4})");
  CHECK(torch_gru.find("class NotesGRU") == std::string::npos);
  CHECK(torch_gru.find("self.rnn = nn.GRU(E or V, H, num_layers=L, batch_first=True)") != std::string::npos);
  CHECK(torch_gru.find("self.embedding = nn.Embedding(V, E)") != std::string::npos);
  CHECK(script(R"({"cell":"rnn","hidden":6,"activation":"identity"})").find("self.rnn = LinearRNN(") != std::string::npos);
  CHECK(script(R"({"cell":"rnn","hidden":6,"activation":"relu"})").find("nonlinearity='relu'") != std::string::npos);
  CHECK(script(R"({"cell":"lstm","hidden":6})").find("self.rnn = nn.LSTM(") != std::string::npos);
  // The weights file's name is a Python literal whatever its characters.
  CHECK(notes.find(R"(WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'w\'s.safetensors'))") !=
        std::string::npos);
  CHECK(io::python_string_literal("a\\b\n'\"é") == "'a\\\\b\\x0a\\'\"é'");
  CHECK(facade::Trainer(corpus, R"({"cell":"gru","hidden":6,"layers":2,"embedding":3})", kTrain).file_stem() ==
        "seqlab-gru-h6-l2-e3-char");
}

TEST_CASE("facade whole runs: keep_first keeps the vocabulary; an n-gram scores another text") {
  const std::string text = time_machine_part(0, 5000);
  facade::Corpus corpus(text, R"({"valFraction":0})");
  const int vocab = corpus.vocab_size();
  corpus.keep_first(0);
  CHECK(corpus.token_count() > 1000);
  corpus.keep_first(1000);
  CHECK(corpus.token_count() == 1000);
  CHECK(corpus.vocab_size() == vocab);

  // Scored on the text that follows, against the engine's model on the same ids scoring the same encoded text.
  facade::Corpus whole(text, R"({"valFraction":0})");
  const facade::NgramModel model(whole, R"({"n":3,"smoothing":"add-k","k":0.5})");
  const std::string other = time_machine_part(5000, 1000);
  const std::vector<std::int32_t> other_ids = whole.encode(other);
  const auto& ids = whole.corpus().ids;
  const ngram::NgramModel engine(ids.data(), ids.size(), whole.vocab_size(), 3, ngram::Smoothing::add_k(0.5));
  const auto expected = engine.perplexity(other_ids.data(), other_ids.size());
  const Json scored = model.evaluate_text(other);
  CHECK(scored.at("valTokens").as_number() == other_ids.size());
  CHECK(scored.at("trainTokens").as_number() == whole.token_count());
  CHECK(scored.at("perplexity").as_number() == expected.perplexity);
  CHECK(scored.at("crossEntropyBits").as_number() == expected.cross_entropy_bits);
  CHECK(scored.at("scored").as_number() == static_cast<double>(expected.scored));
  CHECK(scored.at("perplexity").as_number() < vocab);
}
