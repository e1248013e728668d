// The CLI's one naming converter (camelCase facade JSON -> snake_case output) and the flag reading of the
// old one-string choice forms ('add-k:0.5', 'fixed:10'), which the CLI passes to the schema's tables.
#include <doctest.h>

#include <map>
#include <string>

#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/core/json.h"
#include "engine/ngram/ngram_options.h"
#include "engine/io/schema.h"

using namespace seqlab;

TEST_CASE("cli output: camelCase keys become the documented snake_case names, values untouched") {
  CHECK(camel_to_snake("vocabSize") == "vocab_size");
  CHECK(camel_to_snake("crossEntropyBits") == "cross_entropy_bits");
  CHECK(camel_to_snake("tokensPerS") == "tokens_per_s");
  CHECK(camel_to_snake("trainPpl") == "train_ppl");
  CHECK(camel_to_snake("n") == "n");
  const Json camel = Json::parse(
      R"({"vocabSize":28,"rankFrequency":{"1":[[1,2]]},"next":[{"token":"aB","p":0.5}],"gateMeans":{"l0.z":1},"level":"wordLevel"})");
  CHECK(snake_case_keys(camel).dump() ==
        R"({"vocab_size":28,"rank_frequency":{"1":[[1,2]]},"next":[{"token":"aB","p":0.5}],"gate_means":{"l0.z":1},"level":"wordLevel"})");
  // The inverse of camel_case_keys on the names the facade writes.
  CHECK(camel_case_keys(snake_case_keys(camel)).dump() == camel.dump());
}

TEST_CASE("cli flags: a choice's old one-string form reaches the table's legacy reader; other text is refused") {
  const auto specs = schema::group_specs("ngram");
  const Json j = flags_to_json(specs, {{"smoothing", "add-k:0.5"}, {"n", "4"}});
  CHECK(j.at("smoothing").as_string() == "add-k:0.5");
  const schema::NgramOptions o = read_options(schema::ngram_options(), j, schema::NgramOptions());
  CHECK(o.k == 0.5);
  CHECK(o.n == 4);
  CHECK_THROWS_WITH_AS(flags_to_json(specs, {{"smoothing", "kneser:1"}}),
                       doctest::Contains("option --smoothing = 'kneser:1' is not one of laplace, add-k, d2l"), Error);
  CHECK_THROWS_WITH_AS(read_options(schema::ngram_options(), flags_to_json(specs, {{"smoothing", "add-k:x"}}),
                                    schema::NgramOptions()),
                       doctest::Contains("add-k:x"), Error);
  CHECK_THROWS_WITH_AS(flags_to_json(schema::group_specs("model"), {{"hidden", "0x40"}}),
                       doctest::Contains("option --hidden = '0x40' is not an integer in [1, 4096]"), Error);
}
