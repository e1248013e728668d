#include "wasm/facade/corpus.h"

#include <limits>

#include "engine/core/error.h"

namespace seqlab::facade {

namespace {

io::Json parse_object(const std::string& json, const char* what, const std::vector<std::string>& allowed) {
  if (json.empty()) return io::Json::object();
  io::Json j = io::Json::parse(json);
  if (!j.is_object()) throw Error(std::string(what) + " must be a JSON object");
  for (const auto& [key, value] : j.as_object()) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw Error(std::string("unknown ") + what + " key '" + key + "' (allowed: " + list + ")");
  }
  return j;
}

int int_option(const io::Json& j, const std::string& key, int fallback, long long lo, long long hi) {
  if (!j.has(key)) return fallback;
  try {
    return static_cast<int>(j.at(key).as_int(lo, hi));
  } catch (const Error& e) {
    throw Error(key + ": " + e.what());
  }
}

std::string string_option(const io::Json& j, const std::string& key, const std::string& fallback) {
  if (!j.has(key)) return fallback;
  if (!j.at(key).is_string()) throw Error(key + " must be a string");
  return j.at(key).as_string();
}

}  // namespace

text::CorpusOptions parse_corpus_options(const std::string& options_json) {
  const io::Json j = parse_object(options_json, "corpus option", {"level", "preprocess", "minFreq", "reserved"});
  text::CorpusOptions o;
  o.level = text::parse_level(string_option(j, "level", "char"));
  o.preprocess = text::parse_preprocess(string_option(j, "preprocess", "letters_only"));
  o.min_freq = int_option(j, "minFreq", 0, 0, std::numeric_limits<int>::max());
  if (j.has("reserved")) {
    if (!j.at("reserved").is_array()) throw Error("reserved must be an array of strings");
    for (const auto& r : j.at("reserved").as_array()) {
      if (!r.is_string()) throw Error("reserved must be an array of strings");
      o.reserved.push_back(r.as_string());
    }
  }
  return o;
}

text::StatsOptions parse_stats_options(const std::string& options_json) {
  const io::Json j =
      parse_object(options_json, "stats option", {"top", "zipfRanks", "rankFrequencyPoints", "minFreqs", "maxN"});
  text::StatsOptions o;
  const int int_max = std::numeric_limits<int>::max();
  o.top_k = int_option(j, "top", o.top_k, 0, 100000);
  o.max_rank_frequency_points = int_option(j, "rankFrequencyPoints", o.max_rank_frequency_points, 2, 1000000);
  o.max_n = int_option(j, "maxN", o.max_n, 1, 6);
  if (j.has("zipfRanks")) {
    const io::Json& r = j.at("zipfRanks");
    if (!r.is_array() || r.size() != 2) throw Error("zipfRanks must be [first, last] with 1 <= first <= last");
    o.zipf_first_rank = static_cast<int>(r.as_array()[0].as_int(1, int_max));
    o.zipf_last_rank = static_cast<int>(r.as_array()[1].as_int(o.zipf_first_rank, int_max));
  }
  if (j.has("minFreqs")) {
    if (!j.at("minFreqs").is_array()) throw Error("minFreqs must be an array of integers >= 0");
    o.min_freqs.clear();
    for (const auto& m : j.at("minFreqs").as_array()) o.min_freqs.push_back(static_cast<int>(m.as_int(0, int_max)));
  }
  return o;
}

Corpus::Corpus(const std::string& text, const std::string& options_json)
    : corpus_(text::build_corpus(text, parse_corpus_options(options_json))) {}

io::Json Corpus::stats(const std::string& options_json) const {
  return text::to_json(text::compute_stats(corpus_, parse_stats_options(options_json)), true);
}

io::Json Corpus::options() const {
  io::Json o = io::Json::object();
  io::Json reserved = io::Json::array();
  for (const auto& r : corpus_.options.reserved) reserved.push(r);
  o.set("level", text::level_name(corpus_.options.level))
      .set("preprocess", text::preprocess_name(corpus_.options.preprocess))
      .set("minFreq", corpus_.options.min_freq)
      .set("reserved", std::move(reserved));
  return o;
}

std::string Corpus::vocab_tokens_json() const {
  io::Json list = io::Json::array();
  for (const auto& t : corpus_.vocab.tokens()) list.push(t);
  return list.dump();
}

}  // namespace seqlab::facade
