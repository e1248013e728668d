#include "engine/io/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

#include "engine/core/error.h"
#include "engine/nn/parameters.h"
#include "engine/text/corpus_options.h"

namespace seqlab::io {

namespace {

constexpr char kMagic[8] = {'S', 'E', 'Q', 'L', 'A', 'B', '\0', '\1'};
constexpr std::size_t kPrefix = 16;  // magic + version + header length

void put_u32(std::string& out, std::uint32_t x) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((x >> (8 * i)) & 0xFF));
}

std::uint32_t get_u32(const std::string& in, std::size_t at) {
  std::uint32_t x = 0;
  for (int i = 0; i < 4; ++i) x |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return x;
}

void check_parameters(const CheckpointData& data, const nn::ParameterLayout& layout) {
  if (data.parameters.size() != layout.total)
    throw Error("checkpoint: the model needs " + std::to_string(layout.total) + " parameters, got " +
                std::to_string(data.parameters.size()));
  for (std::size_t i = 0; i < data.parameters.size(); ++i)
    if (!std::isfinite(data.parameters[i]))
      throw Error("checkpoint: parameter " + std::to_string(i) + " is not finite");
}

void check_vocabulary(const CheckpointData& data) {
  if (static_cast<int>(data.tokens.size()) != data.model.vocab)
    throw Error("checkpoint: the vocabulary has " + std::to_string(data.tokens.size()) +
                " tokens but the model's vocab is " + std::to_string(data.model.vocab));
  if (data.tokens.empty() || data.tokens[0] != text::kUnknownToken)
    throw Error("checkpoint: token 0 must be <unk>");
  if (data.reserved < 0 || data.reserved >= static_cast<int>(data.tokens.size()))
    throw Error("checkpoint: reserved token count must be in [0, " + std::to_string(data.tokens.size() - 1) +
                "], got " + std::to_string(data.reserved));
}

}  // namespace

text::Vocabulary CheckpointData::vocabulary() const {
  std::vector<std::string> reserved_tokens(tokens.begin() + 1, tokens.begin() + 1 + reserved);
  std::vector<std::string_view> rest(tokens.begin() + 1 + reserved, tokens.end());
  text::Vocabulary vocab(reserved_tokens, rest);
  if (vocab.size() != static_cast<int>(tokens.size()))
    throw Error("checkpoint: the vocabulary has duplicate tokens");
  return vocab;
}

CheckpointData make_checkpoint(const nn::Model<float>& model, const text::Vocabulary& vocab,
                               const text::CorpusOptions& corpus, Json train, double val_fraction) {
  CheckpointData data;
  data.model = model.config();
  data.tokens = vocab.tokens();
  data.reserved = vocab.reserved_count();
  data.corpus = corpus;
  data.val_fraction = val_fraction;
  data.train = std::move(train);
  data.parameters.assign(model.parameters(), model.parameters() + model.parameter_count());
  return data;
}

nn::Model<float> model_from_checkpoint(const CheckpointData& data) {
  nn::Model<float> model(data.model);
  if (data.parameters.size() != model.parameter_count())
    throw Error("checkpoint: the model needs " + std::to_string(model.parameter_count()) + " parameters, got " +
                std::to_string(data.parameters.size()));
  std::copy(data.parameters.begin(), data.parameters.end(), model.parameters());
  return model;
}

std::string write_checkpoint(const CheckpointData& data) {
  data.model.validate();
  check_vocabulary(data);
  const nn::ParameterLayout layout = nn::make_parameter_layout(data.model);
  check_parameters(data, layout);

  Json header = Json::object();
  header.set("format", "seqlab-checkpoint").set("model", data.model.to_json());
  Json tokens = Json::array();
  for (const auto& t : data.tokens) tokens.push(t);
  Json vocabulary = Json::object();
  vocabulary.set("tokens", std::move(tokens)).set("reserved", data.reserved);
  header.set("vocabulary", std::move(vocabulary)).set("corpus", schema::corpus_options_json(data.corpus, data.val_fraction));
  Json table = Json::array();
  for (const auto& info : layout.infos) {
    Json shape = Json::array();
    for (int d : info.shape) shape.push(d);
    Json entry = Json::object();
    entry.set("name", info.name).set("shape", std::move(shape));
    table.push(std::move(entry));
  }
  header.set("parameters", std::move(table)).set("parameterCount", static_cast<unsigned long long>(layout.total));
  header.set("train", data.train);

  std::string text = header.dump();
  while ((kPrefix + text.size()) % 4 != 0) text.push_back(' ');
  if (text.size() > kMaxCheckpointHeader) throw Error("checkpoint: header larger than 64 MiB");

  std::string out(kMagic, kMagic + 8);
  put_u32(out, kCheckpointVersion);
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
  const std::size_t blob_at = out.size();
  out.resize(blob_at + 4 * data.parameters.size());
  for (std::size_t i = 0; i < data.parameters.size(); ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &data.parameters[i], 4);
    for (int k = 0; k < 4; ++k) out[blob_at + 4 * i + k] = static_cast<char>((bits >> (8 * k)) & 0xFF);
  }
  return out;
}

CheckpointData read_checkpoint(const std::string& bytes) {
  if (bytes.size() < kPrefix || std::memcmp(bytes.data(), kMagic, 8) != 0)
    throw Error("checkpoint: not a seqlab checkpoint (the file does not start with the magic \"SEQLAB\\0\\1\")");
  const std::uint32_t version = get_u32(bytes, 8);
  if (version != kCheckpointVersion)
    throw Error("checkpoint: format version " + std::to_string(version) + " is not supported (this engine reads " +
                std::to_string(kCheckpointVersion) + ")");
  const std::uint32_t header_length = get_u32(bytes, 12);
  if (header_length > kMaxCheckpointHeader || header_length > bytes.size() - kPrefix)
    throw Error("checkpoint: header length " + std::to_string(header_length) + " exceeds the file (" +
                std::to_string(bytes.size()) + " bytes) or the 64 MiB limit: the file is truncated or corrupt");
  Json header;
  try {
    header = Json::parse(bytes.substr(kPrefix, header_length));
  } catch (const Error& e) {
    throw Error(std::string("checkpoint: the header is not valid JSON (") + e.what() + ")");
  }
  CheckpointData data;
  try {
    if (!header.is_object() || !header.has("format") || header.at("format").as_string() != "seqlab-checkpoint")
      throw Error("the header's format is not \"seqlab-checkpoint\"");
    data.model = nn::ModelConfig::from_json(header.at("model"));
    data.model.validate();
    const Json& vocabulary = header.at("vocabulary");
    for (const auto& t : vocabulary.at("tokens").as_array()) data.tokens.push_back(t.as_string());
    data.reserved = static_cast<int>(vocabulary.at("reserved").as_int(0, 1 << 30));
    // Through the corpus table (ranges and choices checked there); files of earlier versions hold only
    // level, preprocess and minFreq, and their reserved tokens, like every file's, come from the vocabulary.
    const schema::CorpusConfig corpus = schema::read_corpus_options(header.at("corpus"));
    data.corpus = corpus.text;
    data.val_fraction = corpus.val_fraction;
    data.train = header.has("train") ? header.at("train") : Json();
    check_vocabulary(data);
    data.corpus.reserved.assign(data.tokens.begin() + 1, data.tokens.begin() + 1 + data.reserved);
    data.vocabulary();  // duplicates

    const nn::ParameterLayout layout = nn::make_parameter_layout(data.model);
    const auto& table = header.at("parameters").as_array();
    if (table.size() != layout.infos.size())
      throw Error("the parameter table has " + std::to_string(table.size()) + " tensors, the model " +
                  std::to_string(layout.infos.size()));
    for (std::size_t i = 0; i < table.size(); ++i) {
      const auto& info = layout.infos[i];
      if (table[i].at("name").as_string() != info.name)
        throw Error("parameter " + std::to_string(i) + " is '" + table[i].at("name").as_string() + "', expected '" +
                    info.name + "'");
      const auto& shape = table[i].at("shape").as_array();
      bool same = shape.size() == info.shape.size();
      for (std::size_t d = 0; same && d < shape.size(); ++d) same = shape[d].as_int(0, 1LL << 40) == info.shape[d];
      if (!same) throw Error("parameter '" + info.name + "' has the wrong shape for the model");
    }
    if (static_cast<std::size_t>(header.at("parameterCount").as_int(0, 1LL << 40)) != layout.total)
      throw Error("parameterCount does not match the model (" + std::to_string(layout.total) + ")");
    const std::size_t blob_at = kPrefix + header_length;
    const std::size_t blob = bytes.size() - blob_at;
    if (blob != 4 * layout.total)
      throw Error("the parameter blob has " + std::to_string(blob) + " bytes, expected " +
                  std::to_string(4 * layout.total) + " (" + std::to_string(layout.total) +
                  " float32): the file is truncated or corrupt");
    data.parameters.resize(layout.total);
    for (std::size_t i = 0; i < layout.total; ++i) {
      const std::uint32_t bits = get_u32(bytes, blob_at + 4 * i);
      std::memcpy(&data.parameters[i], &bits, 4);
    }
    check_parameters(data, layout);
  } catch (const Error& e) {
    const std::string what = e.what();
    if (what.rfind("checkpoint:", 0) == 0) throw;
    throw Error("checkpoint: " + what);
  }
  return data;
}

}  // namespace seqlab::io
