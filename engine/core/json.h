#pragma once
// A small JSON value: what the CLI prints, what checkpoint headers hold, and what the facade hands to JS.
// Objects keep their keys in insertion order so that output is stable and readable.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace seqlab {

class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() = default;                                  // null
  Json(std::nullptr_t) {}                            // null
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(int n) : type_(Type::Number), number_(n) {}
  Json(long n) : type_(Type::Number), number_(static_cast<double>(n)) {}
  Json(long long n) : type_(Type::Number), number_(static_cast<double>(n)) {}
  Json(unsigned n) : type_(Type::Number), number_(n) {}
  Json(unsigned long n) : type_(Type::Number), number_(static_cast<double>(n)) {}
  Json(unsigned long long n) : type_(Type::Number), number_(static_cast<double>(n)) {}
  Json(double n) : type_(Type::Number), number_(n) {}
  Json(float n) : type_(Type::Number), number_(n) {}
  Json(const char* s) : type_(Type::String), string_(s) {}
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
  Json(Array a) : type_(Type::Array), array_(std::move(a)) {}

  static Json object() { Json j; j.type_ = Type::Object; return j; }
  static Json array() { Json j; j.type_ = Type::Array; return j; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_bool() const { return type_ == Type::Bool; }

  // Accessors throw seqlab::Error naming the expected type when the value has another.
  double as_number() const;
  bool as_bool() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  const Object& as_object() const;
  // An integer in [lo, hi]; throws if the number is not integral or out of range.
  long long as_int(long long lo, long long hi) const;

  // Objects: set (replacing an existing key) and look up.
  Json& set(const std::string& key, Json value);
  bool has(const std::string& key) const;
  const Json& at(const std::string& key) const;     // throws when missing
  // Arrays: append.
  Json& push(Json value);
  std::size_t size() const;

  // Compact JSON text (no spaces). Non-finite numbers, which JSON cannot hold, are written as null.
  std::string dump() const;
  // Parses JSON text; throws seqlab::Error with the byte offset of the first problem.
  static Json parse(const std::string& text);

 private:
  void dump_to(std::string& out) const;

  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

// Appends `s` as a JSON string literal (quoted, escaped) to `out`.
void append_json_string(std::string& out, const std::string& s);

}  // namespace seqlab
