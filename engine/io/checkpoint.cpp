#include "engine/io/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/nn/parameters.h"
#include "engine/core/rng.h"
#include "engine/text/corpus_options.h"

namespace seqlab::io {

namespace {

constexpr char kMagic[8] = {'S', 'E', 'Q', 'L', 'A', 'B', '\0', '\1'};
constexpr std::size_t kPrefix = 16;  // magic + version + header length

void put_u32(std::string& out, std::uint32_t x) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((x >> (8 * i)) & 0xFF));
}

void append_floats(std::string& out, const std::vector<float>& values) {
  for (float x : values) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, 4);
    put_u32(out, bits);
  }
}

std::uint32_t get_u32(const std::string& in, std::size_t at) {
  std::uint32_t x = 0;
  for (int i = 0; i < 4; ++i) x |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return x;
}

std::string hex64(std::uint64_t x) {
  static const char* digits = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, x >>= 4) hex[i] = digits[x & 0xF];
  return hex;
}

// 16 hex digits; `what` names the field in the error.
std::uint64_t parse_hex64(const Json& j, const std::string& what) {
  const std::string& text = j.is_string() ? j.as_string() : "";
  std::uint64_t x = 0;
  bool ok = j.is_string() && text.size() == 16;
  for (std::size_t i = 0; ok && i < text.size(); ++i) {
    const char c = text[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    ok = digit >= 0;
    x = (x << 4) | static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
  }
  if (!ok) throw Error(what + " must be 16 lowercase hex digits, got " + j.dump());
  return x;
}

// obj[key] as an integer in [lo, hi]; the error names resume.<path><key> and the range.
long long int_field(const Json& obj, const std::string& path, const char* key, long long lo, long long hi) {
  const std::string name = path + key;
  if (!obj.is_object() || !obj.has(key)) throw Error(name + " is missing");
  const Json& v = obj.at(key);
  if (!v.is_number() || v.as_number() != std::floor(v.as_number()) || v.as_number() < static_cast<double>(lo) ||
      v.as_number() > static_cast<double>(hi))
    throw Error(name + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                v.dump());
  return static_cast<long long>(v.as_number());
}

const Json& object_field(const Json& obj, const std::string& path, const char* key) {
  if (!obj.has(key) || !obj.at(key).is_object()) throw Error(path + key + " must be an object");
  return obj.at(key);
}

constexpr long long kMaxCount = 1LL << 40;
constexpr long long kMaxInteger = static_cast<long long>(kMaxSafeInteger);  // every integer JSON holds exactly

Json resume_json(const CheckpointData::Resume& r) {
  const train::ResumeState& s = r.state;
  Json words = Json::array();
  for (std::uint64_t w : s.generator.words) words.push(hex64(w));
  std::uint64_t spare_bits = 0;
  std::memcpy(&spare_bits, &s.generator.spare_normal, 8);
  Json generator = Json::object();
  generator.set("state", std::move(words))
      .set("spareNormal", s.generator.has_spare_normal ? Json(hex64(spare_bits)) : Json());
  Json optimizer = Json::object();
  optimizer.set("step", static_cast<long long>(s.optimizer.step))
      .set("moments", static_cast<unsigned long long>(s.optimizer.moments.size()))
      .set("secondMoments", static_cast<unsigned long long>(s.optimizer.second_moments.size()));
  Json iterator = Json::object();
  iterator.set("epochsStarted", static_cast<unsigned long long>(s.iterator.epochs_started))
      .set("offset", static_cast<unsigned long long>(s.iterator.offset))
      .set("position", static_cast<unsigned long long>(s.iterator.position))
      .set("order", static_cast<unsigned long long>(s.iterator.order.size()));
  Json j = Json::object();
  j.set("corpusTokens", static_cast<unsigned long long>(r.corpus_tokens))
      .set("tokensSeen", static_cast<long long>(s.tokens_seen))
      .set("totalSteps", static_cast<long long>(s.total_steps))
      .set("epochsCompleted", s.epochs_completed)
      .set("generator", std::move(generator)).set("optimizer", std::move(optimizer))
      .set("iterator", std::move(iterator))
      .set("carriedState", static_cast<unsigned long long>(s.carried.size()));
  return j;
}

// The header's resume object; the blob counts are filled in as sizes (the values come from the blobs).
// `available`: the values the file holds after the parameters; no count may claim more (a corrupt count
// must not allocate what the file does not hold).
CheckpointData::Resume read_resume(const Json& j, std::size_t parameter_count, std::size_t available) {
  const std::string path = "resume.";
  const auto claim = [&available](long long n, const std::string& name) {
    if (static_cast<std::size_t>(n) > available)
      throw Error(name + " = " + std::to_string(n) + " is more values than the file holds after it (" +
                  std::to_string(available) + "): the file is truncated or corrupt");
    available -= static_cast<std::size_t>(n);
    return static_cast<std::size_t>(n);
  };
  if (!j.is_object()) throw Error("resume must be an object or null, got " + j.dump());
  CheckpointData::Resume r;
  train::ResumeState& s = r.state;
  r.corpus_tokens = static_cast<std::uint64_t>(int_field(j, path, "corpusTokens", 2, kMaxCount));
  s.tokens_seen = int_field(j, path, "tokensSeen", 0, kMaxInteger);
  s.total_steps = int_field(j, path, "totalSteps", 0, kMaxInteger);
  s.epochs_completed = static_cast<int>(int_field(j, path, "epochsCompleted", 0, 1 << 30));

  const Json& generator = object_field(j, path, "generator");
  if (!generator.has("state") || !generator.at("state").is_array() || generator.at("state").size() != 4)
    throw Error("resume.generator.state must be an array of 4 words (16 hex digits each)");
  for (std::size_t i = 0; i < 4; ++i)
    s.generator.words[i] =
        parse_hex64(generator.at("state").as_array()[i], "resume.generator.state[" + std::to_string(i) + "]");
  if (!generator.has("spareNormal")) throw Error("resume.generator.spareNormal is missing");
  if (!generator.at("spareNormal").is_null()) {
    const std::uint64_t bits = parse_hex64(generator.at("spareNormal"), "resume.generator.spareNormal");
    std::memcpy(&s.generator.spare_normal, &bits, 8);
    s.generator.has_spare_normal = true;
  }
  if (!Rng::valid_state(s.generator))
    throw Error("resume.generator: the state is all zero (xoshiro's fixed point) or its spare normal is not finite");

  const Json& optimizer = object_field(j, path, "optimizer");
  s.optimizer.step = int_field(optimizer, "resume.optimizer.", "step", 0, kMaxInteger);
  for (const char* key : {"moments", "secondMoments"}) {
    const long long n = int_field(optimizer, "resume.optimizer.", key, 0, static_cast<long long>(parameter_count));
    if (n != 0 && n != static_cast<long long>(parameter_count))
      throw Error(std::string("resume.optimizer.") + key + " must be 0 or the parameter count " +
                  std::to_string(parameter_count) + ", got " + std::to_string(n));
    (std::string(key) == "moments" ? s.optimizer.moments : s.optimizer.second_moments)
        .resize(claim(n, std::string("resume.optimizer.") + key));
  }

  const Json& iterator = object_field(j, path, "iterator");
  s.iterator.epochs_started = static_cast<std::size_t>(int_field(iterator, "resume.iterator.", "epochsStarted", 0, kMaxInteger));
  s.iterator.offset = static_cast<std::size_t>(int_field(iterator, "resume.iterator.", "offset", 0, 4095));
  s.iterator.position = static_cast<std::size_t>(int_field(iterator, "resume.iterator.", "position", 0, kMaxCount));
  const long long order = int_field(iterator, "resume.iterator.", "order", 0, std::min<long long>(kMaxCount, 0xFFFFFFFFLL));
  s.carried.resize(claim(int_field(j, path, "carriedState", 0, kMaxCount), "resume.carriedState"));
  s.iterator.order.resize(claim(order, "resume.iterator.order"));  // the last blob
  return r;
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
                               const text::Tokenization& corpus, Json train, double val_fraction) {
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
  header.set("corpusHash", data.corpus_hash.empty() ? Json() : Json(data.corpus_hash));
  if (!data.curve.is_array()) throw Error("checkpoint: the curve must be an array");
  header.set("curve", data.curve);
  header.set("resume", data.resume ? resume_json(*data.resume) : Json());

  std::string text = header.dump();
  while ((kPrefix + text.size()) % 4 != 0) text.push_back(' ');
  if (text.size() > kMaxCheckpointHeader) throw Error("checkpoint: header larger than 64 MiB");

  std::string out(kMagic, kMagic + 8);
  put_u32(out, kCheckpointVersion);
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
  append_floats(out, data.parameters);
  if (data.resume) {
    const train::ResumeState& s = data.resume->state;
    append_floats(out, s.optimizer.moments);
    append_floats(out, s.optimizer.second_moments);
    append_floats(out, s.carried);
    for (std::uint32_t i : s.iterator.order) put_u32(out, i);
  }
  return out;
}

CheckpointData read_checkpoint(const std::string& bytes) {
  if (bytes.size() < kPrefix || std::memcmp(bytes.data(), kMagic, 8) != 0)
    throw Error("checkpoint: not a seqlab checkpoint (the file does not start with the magic \"SEQLAB\\0\\1\")");
  const std::uint32_t version = get_u32(bytes, 8);
  if (version < 1 || version > kCheckpointVersion)
    throw Error("checkpoint: format version " + std::to_string(version) + " is not supported (this engine reads " +
                "1 to " + std::to_string(kCheckpointVersion) + ")");
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
    data.model = nn::ModelOptions::from_json(header.at("model"));
    data.model.validate();
    const Json& vocabulary = header.at("vocabulary");
    for (const auto& t : vocabulary.at("tokens").as_array()) data.tokens.push_back(t.as_string());
    data.reserved = static_cast<int>(vocabulary.at("reserved").as_int(0, 1 << 30));
    // Through the corpus table (ranges and choices checked there); files of earlier versions hold only
    // level, preprocess and minFreq, and their reserved tokens, like every file's, come from the vocabulary.
    const schema::CorpusOptions corpus = schema::read_corpus_options(header.at("corpus"));
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
    data.version = version;
    if (version >= 2) {
      for (const char* key : {"corpusHash", "curve", "resume"})
        if (!header.has(key)) throw Error(std::string(key) + " is missing (format 2 holds it, null when unknown)");
      const Json& hash = header.at("corpusHash");
      if (!hash.is_null()) data.corpus_hash = hex64(parse_hex64(hash, "corpusHash"));
      data.curve = header.at("curve");
      if (!data.curve.is_array()) throw Error("curve must be an array, got " + data.curve.dump().substr(0, 40));
      for (const auto& point : data.curve.as_array()) {
        bool ok = point.is_object();
        for (std::size_t k = 0; ok && k < point.as_object().size(); ++k)
          ok = point.as_object()[k].second.is_number() || point.as_object()[k].second.is_null();
        if (!ok) throw Error("curve: every point must be an object of numbers (or null), got " + point.dump().substr(0, 80));
      }
      const std::size_t values = (bytes.size() - kPrefix - header_length) / 4;
      if (!header.at("resume").is_null())
        data.resume = read_resume(header.at("resume"), layout.total, values > layout.total ? values - layout.total : 0);
    }
    // The blobs: the parameters, then (resume) moments, second moments, carried state and order.
    std::size_t floats = layout.total, words = 0;
    if (data.resume) {
      const train::ResumeState& s = data.resume->state;
      floats += s.optimizer.moments.size() + s.optimizer.second_moments.size() + s.carried.size();
      words = s.iterator.order.size();
    }
    const std::size_t blob_at = kPrefix + header_length;
    const std::size_t blob = bytes.size() - blob_at;
    if (blob / 4 != floats + words || blob % 4 != 0)
      throw Error("the blobs have " + std::to_string(blob) + " bytes, expected " + std::to_string(4 * (floats + words)) +
                  " (" + std::to_string(layout.total) + " float32 parameters" +
                  (data.resume ? std::string(" and the resume state's ") + std::to_string(floats + words - layout.total) +
                                     " values"
                               : std::string()) +
                  "): the file is truncated or corrupt");
    std::size_t at = blob_at;
    const auto read_floats = [&](std::vector<float>& values) {
      for (auto& x : values) {
        const std::uint32_t bits = get_u32(bytes, at);
        std::memcpy(&x, &bits, 4);
        at += 4;
      }
    };
    data.parameters.resize(layout.total);
    read_floats(data.parameters);
    check_parameters(data, layout);
    if (data.resume) {
      train::ResumeState& s = data.resume->state;
      read_floats(s.optimizer.moments);
      read_floats(s.optimizer.second_moments);
      read_floats(s.carried);
      for (auto& i : s.iterator.order) {
        i = get_u32(bytes, at);
        at += 4;
      }
      // Finite values, ranges and sizes that need the trainer (B, H, the corpus) are checked when it resumes;
      // non-finite values are refused here, where the blob is named.
      const auto finite = [](const std::vector<float>& v, const char* what) {
        for (std::size_t i = 0; i < v.size(); ++i)
          if (!std::isfinite(v[i])) throw Error(std::string(what) + " value " + std::to_string(i) + " is not finite");
      };
      finite(s.optimizer.moments, "resume: optimizer moment");
      finite(s.optimizer.second_moments, "resume: optimizer second moment");
      finite(s.carried, "resume: carried state");
    }
  } catch (const Error& e) {
    const std::string what = e.what();
    if (what.rfind("checkpoint:", 0) == 0) throw;
    throw Error("checkpoint: " + what);
  }
  return data;
}

}  // namespace seqlab::io
