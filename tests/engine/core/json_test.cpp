#include <doctest.h>

#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/core/json.h"

using seqlab::Json;

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

TEST_CASE("json: numbers are written in the shortest text that reads back exactly") {
  Json doc = Json::array();
  doc.push(0.1).push(1e-7).push(64).push(-2.5).push(1.0 / 3).push(1e300);
  // Hand-written expectations: 1/3 needs 16 digits, 0.1 one (a fixed %.17g would write 0.10000000000000001).
  CHECK(doc.dump() == "[0.1,1e-07,64,-2.5,0.3333333333333333,1e+300]");
  const Json back = Json::parse(doc.dump());
  CHECK(back.as_array()[4].as_number() == 1.0 / 3);
  CHECK(back.as_array()[1].as_number() == 1e-7);
}

TEST_CASE("json: \\u escapes of 1 to 4 UTF-8 bytes decode to the bytes written by hand") {
  CHECK(Json::parse("\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"").as_string() == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK_THROWS_WITH_AS(Json::parse("\"\\ude00\""), doctest::Contains("lone surrogate"), seqlab::Error);
}
