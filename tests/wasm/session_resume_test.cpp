// Checkpoints that resume (issue 14): a run saved, loaded and continued is the run that was never
// interrupted: the same reports, the same curve and, saved at the end, the same checkpoint bytes. The
// reference is the uninterrupted run of the same build (bit equality holds per build, not across builds).
// Also: what loadTrainer does with another corpus, without a corpus and with a file of the earlier format
// (a real one, tests/data/checkpoints/README.md), and a clear error for every corrupted resume field.
#include <doctest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/core/json.h"
#include "tests/engine/text/text_fixtures.h"
#include "wasm/facade/session.h"

using namespace seqlab;

namespace {

const char* kCorpus = R"({"level":"char","valFraction":0.1})";

std::string corpus_text() { return test::time_machine().substr(0, 3000); }

// A report without its wall-clock fields, which differ between any two runs.
std::string without_timing(Json report) {
  Json out = Json::object();
  for (const auto& [key, value] : report.as_object())
    if (key != "seconds" && key != "tokensPerS") out.set(key, value);
  return out.dump();
}

struct Setting {
  const char* cell;
  const char* optimizer;
  const char* iterator;
  const char* truncation;  // fixed (tau 3) or random (pi 0.3): both draw nothing / draw from the generator
};

std::string model_json(const Setting& s) { return std::string(R"({"hidden":12,"cell":")") + s.cell + "\"}"; }
std::string train_json(const Setting& s) {
  const bool adam = std::string(s.optimizer) == "adam";
  return std::string(R"({"batch":4,"steps":8,"seed":7,"clip":1,"lr":)") + (adam ? "0.01" : "1") +
         R"(,"optimizer":")" + s.optimizer + R"(","iterator":")" + s.iterator + R"(","truncation":")" +
         s.truncation + R"(","tau":3,"pi":0.3})";
}

// Slices of 37 minibatches (an epoch is 84: saves fall inside epochs, where the sequential iterator carries
// its state) with a validation point after each.
constexpr int kSlice = 37, kSlices = 8;

std::vector<std::string> train_slices(facade::Session& s, int count) {
  std::vector<std::string> reports;
  for (int i = 0; i < count; ++i) {
    reports.push_back(without_timing(s.run("t", kSlice)));
    reports.push_back(s.evaluate("t").dump());
  }
  return reports;
}

std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  return std::vector<std::uint8_t>(s.begin(), s.end());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("resume: 4 + 4 slices after save and load are the 8 of the uninterrupted run, bit for bit") {
  const std::string text = corpus_text();
  int settings = 0;
  for (const char* cell : {"gru", "lstm"})
    for (const char* optimizer : {"sgd", "adam"})
      for (const char* iterator : {"random", "sequential"})
        for (const char* truncation : {"fixed", "random"}) {
          const Setting setting{cell, optimizer, iterator, truncation};
          CAPTURE(train_json(setting));
          CAPTURE(cell);
          facade::Session straight;
          straight.load_corpus(text, kCorpus);
          straight.create_trainer("t", model_json(setting), train_json(setting));
          const std::vector<std::string> expected = train_slices(straight, kSlices);

          facade::Session first;
          first.load_corpus(text, kCorpus);
          first.create_trainer("t", model_json(setting), train_json(setting));
          std::vector<std::string> got = train_slices(first, kSlices / 2);
          const std::vector<std::uint8_t> middle = first.save("t");
          // The save falls inside the second epoch: its minibatches half served, the iterator's order (random)
          // (random) and the carried state in the file.
          const io::CheckpointData saved = io::read_checkpoint(std::string(middle.begin(), middle.end()));
          REQUIRE(saved.resume.has_value());
          CHECK(saved.resume->state.epochs_completed == 1);
          CHECK(saved.resume->state.iterator.epochs_started == 2u);
          CHECK(saved.resume->state.iterator.position > 0u);
          CHECK(saved.resume->state.iterator.order.empty() == (std::string(iterator) == "sequential"));
          CHECK_FALSE(saved.resume->state.carried.empty());

          facade::Session second;  // a new session, as after a reload of the page
          second.load_corpus(text, kCorpus);
          const Json loaded = second.load_trainer("t", middle);
          CHECK(loaded.at("resumable").as_bool());
          CHECK(loaded.at("options").at("warnings").size() == 0u);
          CHECK(loaded.at("progress").at("totalSteps").as_number() == kSlice * kSlices / 2);
          CHECK(loaded.at("curve").dump() == first.curve("t").dump());
          const std::vector<std::string> rest = train_slices(second, kSlices / 2);
          got.insert(got.end(), rest.begin(), rest.end());

          CHECK(got == expected);
          CHECK(second.curve("t").dump() == straight.curve("t").dump());
          CHECK(second.save("t") == straight.save("t"));
          ++settings;
        }
  CHECK(settings == 16);
}

TEST_CASE("resume: the checkpoint holds the curve, the hash and the resume state; it round-trips") {
  facade::Session s;
  const Json c = s.load_corpus(corpus_text(), kCorpus);
  const std::string hash = c.at("hash").as_string();
  CHECK(hash.size() == 16u);
  s.create_trainer("t", R"({"hidden":8})", R"({"batch":4,"steps":8,"optimizer":"adam","lr":0.01})");
  s.run("t", 10);
  s.evaluate("t");
  const Json curve = s.curve("t");
  REQUIRE(curve.size() == 2u);
  CHECK(curve.as_array()[0].at("totalSteps").as_number() == 10);
  CHECK(curve.as_array()[0].at("tokens").as_number() == 10 * 32);
  CHECK(curve.as_array()[1].has("valPerplexity"));
  CHECK_FALSE(curve.as_array()[0].has("seconds"));

  const std::vector<std::uint8_t> bytes = s.save("t");
  const io::CheckpointData data = io::read_checkpoint(std::string(bytes.begin(), bytes.end()));
  CHECK(data.version == 2u);
  CHECK(data.corpus_hash == hash);
  CHECK(data.curve.dump() == curve.dump());
  REQUIRE(data.resume.has_value());
  CHECK(data.resume->state.total_steps == 10);
  CHECK(data.resume->state.optimizer.step == 10);
  CHECK(data.resume->state.optimizer.moments.size() == data.parameters.size());
  CHECK(data.resume->state.optimizer.second_moments.size() == data.parameters.size());
  CHECK(io::write_checkpoint(data) == std::string(bytes.begin(), bytes.end()));

  // Without a corpus: a model that generates, whose save keeps what resumes it later.
  facade::Session bare;
  const Json g = bare.load_trainer("g", bytes);
  CHECK_FALSE(g.at("resumable").as_bool());
  CHECK(g.at("progress").at("totalSteps").as_number() == 10);
  CHECK(bare.save("g") == bytes);
  CHECK(error_of([&] { bare.run("g", 1); }).find("without a corpus") != std::string::npos);

  // The hash is the text's and its token options'; the split is checked on its own.
  facade::Session other;
  CHECK(other.load_corpus(corpus_text(), R"({"level":"char","valFraction":0.2})").at("hash").as_string() == hash);
  CHECK(error_of([&] { other.load_trainer("t", bytes); }).find("valFraction 0.1") != std::string::npos);
  CHECK(other.load_corpus(corpus_text(), R"({"level":"word"})").at("hash").as_string() != hash);
}

TEST_CASE("resume: a model trained on another corpus is refused, naming both corpora") {
  facade::Session s;
  s.load_corpus(corpus_text(), kCorpus);
  s.create_trainer("t", R"({"hidden":8})", R"({"batch":4,"steps":8})");
  s.run("t", 3);
  const std::vector<std::uint8_t> bytes = s.save("t");
  const std::string hash = s.load_corpus(corpus_text(), kCorpus).at("hash").as_string();

  facade::Session other;
  const std::string other_hash = other.load_corpus(test::time_machine().substr(3000, 3000), kCorpus).at("hash").as_string();
  const std::string e = error_of([&] { other.load_trainer("t", bytes); });
  CHECK(e.find("trained on another corpus") != std::string::npos);
  CHECK(e.find(hash) != std::string::npos);
  CHECK(e.find(other_hash) != std::string::npos);
  CHECK(e.find("load the text it was trained on") != std::string::npos);
  CHECK(other.trainer_names().size() == 0u);  // nothing half-loaded
}

TEST_CASE("resume: a checkpoint written by the release before format 2 still loads") {
  // tests/data/checkpoints/README.md: written by `seqlab train` of format 1, first 5000 tokens, GRU.
  const std::vector<std::uint8_t> bytes = read_bytes(SEQLAB_TEST_DATA_DIR "/checkpoints/format1-gru.ckpt");
  const io::CheckpointData data = io::read_checkpoint(std::string(bytes.begin(), bytes.end()));
  CHECK(data.version == 1u);
  CHECK_FALSE(data.resume.has_value());
  CHECK(data.corpus_hash.empty());
  CHECK(data.model.cell == nn::CellType::Gru);

  // Without a corpus it generates, as before.
  facade::Session bare;
  const Json g = bare.load_trainer("old", bytes);
  CHECK_FALSE(g.at("resumable").as_bool());
  CHECK(g.at("options").at("train").at("seed").as_number() == 1);
  const Json text = bare.generate("old", R"({"prefix":"the time","length":20,"seed":1})");
  CHECK(text.at("text").as_string().rfind("the time", 0) == 0);

  // On its corpus it trains on, with a fresh optimizer, said plainly.
  facade::Session s;
  s.load_corpus(test::time_machine(), R"({"level":"char"})");
  const Json r = s.load_trainer("old", bytes);
  CHECK(r.at("resumable").as_bool());
  REQUIRE(r.at("options").at("warnings").size() == 1u);
  CHECK(r.at("options").at("warnings").as_array()[0].as_string().find("fresh optimizer") != std::string::npos);
  const Json report = s.run("old", 5);
  CHECK(report.at("steps").as_number() == 5);
  CHECK_FALSE(report.at("diverged").as_bool());
  // Saved again, it is format 2 and resumes exactly: loaded in a new session and trained on, it gives the
  // reports, the validation and (saved) the bytes of the session that goes on without an interruption.
  const std::vector<std::uint8_t> again = s.save("old");
  CHECK(io::read_checkpoint(std::string(again.begin(), again.end())).version == 2u);
  facade::Session fresh;
  fresh.load_corpus(test::time_machine(), R"({"level":"char"})");
  CHECK(fresh.load_trainer("old", again).at("options").at("warnings").size() == 0u);
  for (int i = 0; i < 3; ++i) CHECK(without_timing(fresh.run("old", 7)) == without_timing(s.run("old", 7)));
  CHECK(fresh.evaluate("old").dump() == s.evaluate("old").dump());
  CHECK(fresh.save("old") == s.save("old"));
}

namespace {

// The checkpoint with its header changed by `edit` (and, when given, its blob by `edit_blob`).
std::vector<std::uint8_t> with_header(const std::vector<std::uint8_t>& bytes, const std::function<void(Json&)>& edit,
                                      const std::function<void(std::string&, std::size_t)>& edit_blob = nullptr) {
  const std::string s(bytes.begin(), bytes.end());
  std::uint32_t length = 0;
  for (int i = 0; i < 4; ++i) length |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[12 + i])) << (8 * i);
  Json header = Json::parse(s.substr(16, length));
  std::string blob = s.substr(16 + length);
  edit(header);
  std::string text = header.dump();
  while ((16 + text.size()) % 4 != 0) text.push_back(' ');
  if (edit_blob) {
    const io::CheckpointData data = io::read_checkpoint(s);
    edit_blob(blob, data.parameters.size());
  }
  std::string out = s.substr(0, 12);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((text.size() >> (8 * i)) & 0xFF));
  out += text + blob;
  return std::vector<std::uint8_t>(out.begin(), out.end());
}

// header.resume.<group>.<key> = value (group empty: header.resume.<key>; "-" : header.<key>).
std::function<void(Json&)> set_field(const std::string& group, const std::string& key, Json value) {
  return [=](Json& header) {
    if (group == "-") {
      header.set(key, value);
      return;
    }
    Json resume = header.at("resume");
    if (group.empty()) {
      resume.set(key, value);
    } else {
      Json inner = resume.at(group);
      inner.set(key, value);
      resume.set(group, inner);
    }
    header.set("resume", resume);
  };
}

void put_float(std::string& blob, std::size_t index, float x) { std::memcpy(&blob[4 * index], &x, 4); }

}  // namespace

TEST_CASE("resume: corrupting any resume field gives a clear error naming it") {
  facade::Session s;
  s.load_corpus(corpus_text(), kCorpus);
  s.create_trainer("t", R"({"hidden":8,"cell":"lstm"})",
                   R"({"batch":4,"steps":8,"optimizer":"adam","lr":0.01,"iterator":"random"})");
  s.run("t", 20);
  const std::vector<std::uint8_t> good = s.save("t");
  const auto load = [&](const std::vector<std::uint8_t>& bytes) {
    return error_of([&] { s.load_trainer("again", bytes); });
  };
  REQUIRE(load(good).empty());
  const io::CheckpointData data = io::read_checkpoint(std::string(good.begin(), good.end()));
  const std::size_t P = data.parameters.size();
  const std::size_t M = data.resume->state.optimizer.moments.size();
  const std::size_t C = data.resume->state.carried.size();
  const std::size_t K = data.resume->state.iterator.order.size();
  REQUIRE(M == P);
  REQUIRE(C == 2u * 4u * 8u);  // h and c, B x H
  REQUIRE(K > 0u);

  struct Case {
    const char* what;
    std::function<void(Json&)> edit;
    const char* expected;  // a part of the message
  };
  Json three_words = Json::array();
  for (int i = 0; i < 3; ++i) three_words.push("0123456789abcdef");
  Json zero_words = Json::array();
  for (int i = 0; i < 4; ++i) zero_words.push("0000000000000000");
  Json bad_word = Json::array();
  for (int i = 0; i < 4; ++i) bad_word.push(i == 2 ? "0123456789abcdeg" : "0123456789abcdef");
  Json bad_curve = Json::array();
  Json bad_point = Json::object();
  bad_point.set("loss", "low");
  bad_curve.push(bad_point);
  Json bad_options = Json::object();
  Json lr = Json::object();
  lr.set("lr", -1);
  bad_options.set("options", lr);

  const std::vector<Case> cases = {
      {"corpusHash: another text's", set_field("-", "corpusHash", "0123456789abcdef"), "trained on another corpus"},
      {"corpusHash: not hex", set_field("-", "corpusHash", "my corpus"), "corpusHash must be 16"},
      {"curve: not an array", set_field("-", "curve", 3), "curve must be an array"},
      {"curve: a point of text", set_field("-", "curve", bad_curve), "curve: every point"},
      {"resume: not an object", set_field("-", "resume", "yes"), "resume must be an object"},
      {"train options: unreadable", set_field("-", "train", bad_options), "lr"},
      {"corpusTokens: out of range", set_field("", "corpusTokens", 1), "resume.corpusTokens"},
      {"corpusTokens: another count", set_field("", "corpusTokens", 2999), "first 2999 tokens"},
      {"tokensSeen", set_field("", "tokensSeen", -5), "resume.tokensSeen"},
      {"totalSteps: negative", set_field("", "totalSteps", -1), "resume.totalSteps"},
      {"totalSteps: below the optimizer's step", set_field("", "totalSteps", 3), "exceeds the minibatches trained"},
      {"epochsCompleted", set_field("", "epochsCompleted", 0.5), "resume.epochsCompleted"},
      {"carriedState: not a count", set_field("", "carriedState", "all"), "resume.carriedState"},
      {"generator: missing", set_field("", "generator", Json()), "resume.generator must be an object"},
      {"generator.state: 3 words", set_field("generator", "state", three_words), "resume.generator.state"},
      {"generator.state: not hex", set_field("generator", "state", bad_word), "resume.generator.state[2]"},
      {"generator.state: all zero", set_field("generator", "state", zero_words), "all zero"},
      {"generator.spareNormal: not hex", set_field("generator", "spareNormal", 1.5), "resume.generator.spareNormal"},
      {"generator.spareNormal: NaN", set_field("generator", "spareNormal", "7ff8000000000000"), "not finite"},
      {"optimizer.step", set_field("optimizer", "step", -1), "resume.optimizer.step"},
      {"optimizer.moments: not 0 or P", set_field("optimizer", "moments", 5), "resume.optimizer.moments"},
      {"optimizer.secondMoments: not 0 or P", set_field("optimizer", "secondMoments", 7),
       "resume.optimizer.secondMoments"},
      {"optimizer: missing", set_field("", "optimizer", 1), "resume.optimizer must be an object"},
      {"iterator.epochsStarted", set_field("iterator", "epochsStarted", -1), "resume.iterator.epochsStarted"},
      {"iterator.offset: out of range", set_field("iterator", "offset", 5000), "resume.iterator.offset"},
      {"iterator.offset: not below T", set_field("iterator", "offset", 8), "offset must be in [0, 7]"},
      {"iterator.position", set_field("iterator", "position", 1000), "position must be in"},
      {"iterator.order: another count", set_field("iterator", "order", K - 1),
       "the file is truncated or corrupt"},
      {"iterator: missing", set_field("", "iterator", Json::array()), "resume.iterator must be an object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const std::string e = load(with_header(good, c.edit));
    CHECK(e.find(c.expected) != std::string::npos);
  }
  // The blobs: moments, second moments, carried state, order (after the P parameters).
  const auto keep = [](Json&) {};
  const auto blob_error = [&](const std::function<void(std::string&, std::size_t)>& edit) {
    return load(with_header(good, keep, edit));
  };
  CHECK(blob_error([&](std::string& b, std::size_t) { put_float(b, P + 3, NAN); })
            .find("optimizer moment value 3 is not finite") != std::string::npos);
  CHECK(blob_error([&](std::string& b, std::size_t) { put_float(b, P + M + 1, -1.0f); })
            .find("second moment 1 is negative") != std::string::npos);
  CHECK(blob_error([&](std::string& b, std::size_t) { put_float(b, P + 2 * M, INFINITY); })
            .find("carried state value 0 is not finite") != std::string::npos);
  CHECK(blob_error([&](std::string& b, std::size_t) {
          const std::size_t order_at = 4 * (P + 2 * M + C);
          std::memcpy(&b[order_at + 4], &b[order_at], 4);  // entry 1 = entry 0: not a permutation
        }).find("not a permutation") != std::string::npos);
  CHECK(blob_error([&](std::string& b, std::size_t) { b.resize(b.size() - 4); }).find("truncated") != std::string::npos);
  CHECK(s.trainer_names().dump() == R"(["again","t"])");  // "again" is the good load; no refusal left one
}
