#include <doctest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/model.h"
#include "engine/text/corpus.h"
#include "engine/train/generate.h"

using namespace seqlab;

namespace {
text::Corpus small_corpus() {
  text::Tokenization o;
  return text::build_corpus("the time traveller (for so it will be convenient to speak of him) was expounding", o);
}

std::string checkpoint_bytes(nn::CellType cell, int embedding = 0) {
  const text::Corpus corpus = small_corpus();
  nn::ModelOptions c;
  c.cell = cell;
  c.vocab = corpus.vocab_size();
  c.hidden = 9;
  c.layers = 2;
  c.embedding = embedding;
  c.seed = 5;
  const nn::Model<float> model(c);
  Json train = Json::object();
  train.set("tokensSeen", 1234);
  return io::write_checkpoint(io::make_checkpoint(model, corpus.vocab, corpus.options, train));
}

std::string error_of(const std::string& bytes) {
  try {
    io::read_checkpoint(bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void put_u32(std::string& s, std::size_t at, std::uint32_t x) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((x >> (8 * i)) & 0xFF);
}
}  // namespace

TEST_CASE("checkpoint: save -> load -> save is byte-identical for every cell") {
  for (auto cell : {nn::CellType::Rnn, nn::CellType::Gru, nn::CellType::Lstm})
    for (int embedding : {0, 4}) {
      const std::string bytes = checkpoint_bytes(cell, embedding);
      CHECK(bytes.compare(0, 8, std::string("SEQLAB\0\1", 8)) == 0);
      const io::CheckpointData data = io::read_checkpoint(bytes);
      CHECK(io::write_checkpoint(data) == bytes);
      const nn::Model<float> model = io::model_from_checkpoint(data);
      CHECK(model.config().to_json().dump() == data.model.to_json().dump());
      CHECK(data.train.at("tokensSeen").as_number() == 1234);
      CHECK(data.tokens[0] == "<unk>");
      // the blob starts 4-byte aligned so that JS can view it as a Float32Array
      std::uint32_t header = 0;
      std::memcpy(&header, bytes.data() + 12, 4);
      CHECK((16 + header) % 4 == 0);
      CHECK(bytes.size() == 16 + header + 4 * model.parameter_count());
    }
}

TEST_CASE("checkpoint: a loaded model generates the same text") {
  const text::Corpus corpus = small_corpus();
  nn::ModelOptions c;
  c.cell = nn::CellType::Gru;
  c.vocab = corpus.vocab_size();
  c.hidden = 16;
  c.seed = 2;
  nn::Model<float> model(c);
  const io::CheckpointData data = io::read_checkpoint(
      io::write_checkpoint(io::make_checkpoint(model, corpus.vocab, corpus.options, Json())));
  nn::Model<float> loaded = io::model_from_checkpoint(data);
  train::Decoding o;
  o.length = 40;
  o.temperature = 0.8;
  Rng a(3), b(3);
  const auto x = train::generate(model, corpus.encode("time"), o, a);
  const auto y = train::generate(loaded, data.vocabulary().encode("time", data.corpus.level), o, b);
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(x[i].token == y[i].token);
}

TEST_CASE("checkpoint: corrupt files give clear errors") {
  const std::string good = checkpoint_bytes(nn::CellType::Lstm);
  std::uint32_t header = 0;
  std::memcpy(&header, good.data() + 12, 4);

  CHECK(error_of("") .find("not a seqlab checkpoint") != std::string::npos);
  std::string s = good;
  s[0] = 'X';
  CHECK(error_of(s).find("not a seqlab checkpoint") != std::string::npos);
  s = good;
  put_u32(s, 8, 7);
  CHECK(error_of(s).find("version 7") != std::string::npos);
  s = good;
  put_u32(s, 12, 0xFFFFFFF0u);
  CHECK(error_of(s).find("header length") != std::string::npos);
  s = good.substr(0, good.size() - 5);
  CHECK(error_of(s).find("truncated") != std::string::npos);
  s = good + "xxxx";
  CHECK(error_of(s).find("blob") != std::string::npos);
  s = good;
  s[16] = '[';  // the header's '{' becomes '['
  CHECK(error_of(s).find("not valid JSON") != std::string::npos);
  s = good;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&s[16 + header + 8], &nan, 4);
  CHECK(error_of(s).find("parameter 2 is not finite") != std::string::npos);
  s = good;  // a config field out of range
  const auto at = s.find("\"hidden\":9");
  REQUIRE(at != std::string::npos);
  s.replace(at, 10, "\"hidden\":0");
  CHECK(error_of(s).find("hidden") != std::string::npos);
  s = good;  // another layout: 9 -> 8 hidden units changes every shape
  s.replace(at, 10, "\"hidden\":8");
  CHECK(error_of(s).find("shape") != std::string::npos);
  s = good;
  const auto unk = s.find("\"<unk>\"");
  s.replace(unk, 7, "\"<abc>\"");
  CHECK(error_of(s).find("<unk>") != std::string::npos);
  for (const std::string& e : {error_of(good.substr(0, 10)), error_of(good.substr(0, 40))}) {
    CHECK(e.rfind("checkpoint:", 0) == 0);
  }
  CHECK(error_of(good).empty());
}

TEST_CASE("checkpoint: a file of the earlier writer (corpus {level, preprocess, minFreq}, gruVariant 'seed') reads") {
  const std::string bytes = checkpoint_bytes(nn::CellType::Gru);
  const std::uint32_t length = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[12])) |
                               static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[13])) << 8 |
                               static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[14])) << 16 |
                               static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[15])) << 24;
  std::string header = bytes.substr(16, length);
  // The current writer's spellings, replaced by what version-1 files of the earlier writer hold.
  const std::size_t corpus_at = header.find(R"("corpus":{)");
  REQUIRE(corpus_at != std::string::npos);
  const std::size_t corpus_end = header.find('}', corpus_at);  // the corpus object holds no nested object
  REQUIRE(header.substr(corpus_at, corpus_end - corpus_at).find("valFraction") != std::string::npos);
  header.replace(corpus_at, corpus_end + 1 - corpus_at, R"("corpus":{"level":"char","preprocess":"letters_only","minFreq":0})");
  REQUIRE(header.find(R"("gruVariant":"notes")") != std::string::npos);
  header.replace(header.find(R"("gruVariant":"notes")"), 20, R"("gruVariant":"seed")");
  while ((16 + header.size()) % 4 != 0) header.push_back(' ');
  std::string old = bytes.substr(0, 16) + header + bytes.substr(16 + length);
  put_u32(old, 12, static_cast<std::uint32_t>(header.size()));
  const io::CheckpointData data = io::read_checkpoint(old);
  CHECK(data.model.gru_variant == nn::GruVariant::Notes);
  CHECK(data.val_fraction == 0.1);
  CHECK(io::write_checkpoint(data) == bytes);  // written back in the current spellings
}
