// The JSON parser and every option group's reader on arbitrary text. Json::parse either refuses with
// seqlab::Error or gives a value whose dump parses back to the same dump. Each group (corpus, stats, ngram,
// model, train, generate) reads the value (or its member named after the group, when there is one); what a
// group accepts, it writes (write_options) into JSON that it reads back to the same options.
// Input: the JSON text.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/ngram/ngram_options.h"
#include "engine/nn/model_options.h"
#include "engine/text/corpus_options.h"
#include "engine/stats/stats_options.h"
#include "engine/train/generate_options.h"
#include "engine/train/train_options.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

namespace {
// Reads `j` through the table; when accepted, the written options must read back to the same JSON.
template <class S>
void read_and_round_trip(const OptionTable<S>& table, const Json& j) {
  S options;
  try {
    options = read_options(table, j, S{});
  } catch (const Error&) {
    return;
  }
  const Json written = write_options(table, options);
  const S again = read_options(table, written, S{});  // an Error here is a finding
  require(write_options(table, again).dump() == written.dump(), "options changed in a write and read");
  validate_options(table, again);
}
}  // namespace

void fuzz_options(const std::uint8_t* data, std::size_t size) {
  Json j;
  try {
    j = Json::parse(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const Error&) {
    return;
  }
  const std::string dumped = j.dump();
  require(Json::parse(dumped).dump() == dumped, "parse(dump(x)) does not dump to the same text");

  const auto member = [&](const char* group) -> const Json& {
    return j.is_object() && j.has(group) ? j.at(group) : j;
  };
  read_and_round_trip(schema::corpus_options(), member("corpus"));
  read_and_round_trip(schema::stats_options(), member("stats"));
  read_and_round_trip(schema::ngram_options(), member("ngram"));
  read_and_round_trip(nn::model_options(), member("model"));
  read_and_round_trip(train::train_options(), member("train"));
  read_and_round_trip(schema::generate_options(), member("generate"));
}

}  // namespace seqlab::fuzz
