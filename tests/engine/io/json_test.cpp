#include <doctest.h>

#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/io/json.h"

using seqlab::io::Json;

TEST_CASE("json: dump then parse round-trips values, order and unicode") {
  Json doc = Json::object();
  doc.set("name", "gr\xC3\xBC\xC3\x9F \"q\"\n").set("n", 3).set("x", 0.1).set("ok", true).set("none", Json());
  Json list = Json::array();
  list.push(1).push(-2.5e-7).push("a");
  doc.set("list", list);
  const std::string text = doc.dump();
  CHECK(text.rfind("{\"name\":", 0) == 0);
  const Json back = Json::parse(text);
  CHECK(back.dump() == text);
  CHECK(back.at("x").as_number() == 0.1);
  CHECK(back.at("list").as_array()[1].as_number() == -2.5e-7);
  CHECK(back.at("name").as_string() == "gr\xC3\xBC\xC3\x9F \"q\"\n");
}

TEST_CASE("json: non-finite numbers are written as null") {
  Json doc = Json::array();
  doc.push(std::numeric_limits<double>::infinity()).push(std::nan(""));
  CHECK(doc.dump() == "[null,null]");
}

TEST_CASE("json: bad text names the byte offset") {
  CHECK_THROWS_WITH_AS(Json::parse("{\"a\": [1, 2,]}"), doctest::Contains("at byte 12"), seqlab::Error);
  CHECK_THROWS_AS(Json::parse("\"unterminated"), seqlab::Error);
  CHECK_THROWS_AS(Json::parse("[1] x"), seqlab::Error);
  CHECK(Json::parse(" {\"u\": \"\\u00e9\\ud83d\\ude00\"} ").at("u").as_string() == "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("json: typed access reports the expected type and range") {
  const Json doc = Json::parse("{\"n\": 3.5, \"s\": \"x\"}");
  CHECK_THROWS_WITH_AS(doc.at("s").as_number(), doctest::Contains("expected a number"), seqlab::Error);
  CHECK_THROWS_WITH_AS(doc.at("n").as_int(0, 10), doctest::Contains("integer in [0, 10]"), seqlab::Error);
  CHECK_THROWS_WITH_AS(doc.at("missing"), doctest::Contains("missing key"), seqlab::Error);
}
