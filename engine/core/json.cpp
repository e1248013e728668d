#include "engine/core/json.h"

#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/core/utf8.h"

namespace seqlab {

namespace {
const char* type_name(Json::Type t) {
  switch (t) {
    case Json::Type::Null: return "null";
    case Json::Type::Bool: return "a boolean";
    case Json::Type::Number: return "a number";
    case Json::Type::String: return "a string";
    case Json::Type::Array: return "an array";
    case Json::Type::Object: return "an object";
  }
  return "?";
}

void expect(Json::Type actual, Json::Type wanted) {
  if (actual != wanted)
    throw Error(std::string("JSON: expected ") + type_name(wanted) + ", found " + type_name(actual));
}

// Non-finite numbers have no JSON form: they are written as null (the readers treat null as "no value").
void append_number(std::string& out, double x) { out += std::isfinite(x) ? shortest_round_trip(x) : "null"; }

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  Json parse_document() {
    Json value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error("JSON: " + what + " at byte " + std::to_string(pos_));
  }
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
      ++pos_;
  }
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void consume_word(const char* word) {
    for (const char* p = word; *p; ++p, ++pos_)
      if (pos_ >= text_.size() || text_[pos_] != *p) fail(std::string("expected '") + word + "'");
  }

  Json parse_value(int depth) {
    if (depth > 64) fail("nesting deeper than 64");
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end of text");
    const char c = text_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return Json(parse_string());
    if (c == 't') { consume_word("true"); return Json(true); }
    if (c == 'f') { consume_word("false"); return Json(false); }
    if (c == 'n') { consume_word("null"); return Json(); }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail(std::string("unexpected character '") + c + "'");
  }

  Json parse_object(int depth) {
    ++pos_;
    Json object = Json::object();
    if (consume('}')) return object;
    do {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a string key");
      std::string key = parse_string();
      if (!consume(':')) fail("expected ':'");
      object.set(key, parse_value(depth + 1));
    } while (consume(','));
    if (!consume('}')) fail("expected ',' or '}'");
    return object;
  }

  Json parse_array(int depth) {
    ++pos_;
    Json array = Json::array();
    if (consume(']')) return array;
    do array.push(parse_value(depth + 1));
    while (consume(','));
    if (!consume(']')) fail("expected ',' or ']'");
    return array;
  }

  Json parse_number() {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      if (pos_ == from) fail("expected a digit");
    };
    digits();
    if (pos_ < text_.size() && text_[pos_] == '.') { ++pos_; digits(); }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      digits();
    }
    return Json(std::strtod(text_.substr(start, pos_ - start).c_str(), nullptr));
  }

  unsigned parse_hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') value |= h - '0';
      else if (h >= 'a' && h <= 'f') value |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') value |= h - 'A' + 10;
      else fail("bad hex digit in \\u escape");
    }
    return value;
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') { out += c; continue; }
      if (pos_ >= text_.size()) fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = parse_hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {  // surrogate pair
            if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') fail("lone surrogate");
            pos_ += 2;
            const unsigned low = parse_hex4();
            if (low < 0xDC00 || low >= 0xE000) fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("lone surrogate");
          }
          utf8_append(out, cp);
          break;
        }
        default: fail(std::string("bad escape '\\") + e + "'");
      }
    }
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};
}  // namespace

double Json::as_number() const { expect(type_, Type::Number); return number_; }
bool Json::as_bool() const { expect(type_, Type::Bool); return bool_; }
const std::string& Json::as_string() const { expect(type_, Type::String); return string_; }
const Json::Array& Json::as_array() const { expect(type_, Type::Array); return array_; }
const Json::Object& Json::as_object() const { expect(type_, Type::Object); return object_; }

long long Json::as_int(long long lo, long long hi) const {
  const double x = as_number();
  if (x != std::floor(x) || x < static_cast<double>(lo) || x > static_cast<double>(hi))
    throw Error("JSON: expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                "], found " + dump());
  return static_cast<long long>(x);
}

Json& Json::set(const std::string& key, Json value) {
  expect(type_, Type::Object);
  for (auto& entry : object_)
    if (entry.first == key) {
      entry.second = std::move(value);
      return *this;
    }
  object_.emplace_back(key, std::move(value));
  return *this;
}

bool Json::has(const std::string& key) const {
  if (type_ != Type::Object) return false;
  for (const auto& entry : object_)
    if (entry.first == key) return true;
  return false;
}

const Json& Json::at(const std::string& key) const {
  expect(type_, Type::Object);
  for (const auto& entry : object_)
    if (entry.first == key) return entry.second;
  throw Error("JSON: missing key \"" + key + "\"");
}

Json& Json::push(Json value) {
  expect(type_, Type::Array);
  array_.push_back(std::move(value));
  return *this;
}

std::size_t Json::size() const {
  if (type_ == Type::Array) return array_.size();
  if (type_ == Type::Object) return object_.size();
  return 0;
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Json::dump_to(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += bool_ ? "true" : "false"; break;
    case Type::Number: append_number(out, number_); break;
    case Type::String: append_json_string(out, string_); break;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < array_.size(); ++i) {
        if (i) out += ',';
        array_[i].dump_to(out);
      }
      out += ']';
      break;
    case Type::Object:
      out += '{';
      for (std::size_t i = 0; i < object_.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, object_[i].first);
        out += ':';
        object_[i].second.dump_to(out);
      }
      out += '}';
      break;
  }
}

Json Json::parse(const std::string& text) { return Parser(text).parse_document(); }

void append_json_string(std::string& out, const std::string& s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;  // UTF-8 passes through unchanged
        }
    }
  }
  out += '"';
}

}  // namespace seqlab
