#include "engine/core/options.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "engine/core/number_format.h"

namespace seqlab {

namespace {

std::string joined(const std::vector<std::string>& names, const char* separator) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

std::string range_text(const OptionSpec& spec) {
  std::string lo = spec.has_min ? shortest_round_trip(spec.min) : "-inf";
  std::string hi = spec.has_max ? shortest_round_trip(spec.max) : "inf";
  return std::string(spec.min_exclusive || !spec.has_min ? "(" : "[") + lo + ", " + hi +
         (spec.max_exclusive || !spec.has_max ? ")" : "]");
}

bool in_range(const OptionSpec& spec, double x) {
  if (spec.has_min && (spec.min_exclusive ? !(x > spec.min) : !(x >= spec.min))) return false;
  if (spec.has_max && (spec.max_exclusive ? !(x < spec.max) : !(x <= spec.max))) return false;
  return true;
}

// The shown value: numbers as they round-trip, strings quoted, the rest as JSON.
std::string shown(const Json& value) {
  if (value.is_number()) return shortest_round_trip(value.as_number());
  if (value.is_string()) return "'" + value.as_string() + "'";
  return value.dump();
}

// A number (Int: integral) of the spec's range; `what` names it in the message.
Json check_number(const OptionSpec& spec, OptionType type, const Json& value, const std::string& what) {
  const char* kind = type == OptionType::Int ? "an integer" : "a number";
  if (!value.is_number()) throw Error(what + " = " + shown(value) + " is not " + kind + " in " + range_text(spec));
  const double x = value.as_number();
  if (!std::isfinite(x) || (type == OptionType::Int && x != std::floor(x)))
    throw Error(what + " = " + shown(value) + " is not " + kind + " in " + range_text(spec));
  if (!in_range(spec, x)) throw Error(what + " = " + shown(value) + " is outside " + range_text(spec));
  return value;
}

}  // namespace

const char* option_type_name(OptionType type) {
  switch (type) {
    case OptionType::Int: return "int";
    case OptionType::Number: return "number";
    case OptionType::Choice: return "choice";
    case OptionType::Bool: return "bool";
    case OptionType::String: return "string";
    case OptionType::List: return "list";
  }
  return "number";
}

std::string allowed_text(const OptionSpec& spec) {
  switch (spec.type) {
    case OptionType::Int: return "an integer in " + range_text(spec);
    case OptionType::Number: return "a number in " + range_text(spec);
    case OptionType::Choice: return "one of " + joined(spec.choices, ", ");
    case OptionType::Bool: return "true or false";
    case OptionType::String: return "a string";
    case OptionType::List: {
      const std::string length = spec.min_length == spec.max_length
                                     ? std::to_string(spec.min_length)
                                     : std::to_string(spec.min_length) + ".." + std::to_string(spec.max_length);
      if (spec.element == OptionType::String) return "a list of " + length + " strings";
      return "a list of " + length + (spec.element == OptionType::Int ? " integers" : " numbers") + " in " +
             range_text(spec);
    }
  }
  return "";
}

Json OptionEntry::get_from(const void* object) const {
  const void* owner = static_cast<const char*>(object) + owner_offset;
  if (read_owner) return read_owner(owner);
  return read_field(*this, static_cast<const char*>(owner) + field_offset);
}

void OptionEntry::set_in(void* object, const Json& value) const {
  void* owner = static_cast<char*>(object) + owner_offset;
  if (write_owner) write_owner(owner, value);
  else write_field(*this, static_cast<char*>(owner) + field_offset, value);
}

bool OptionEntry::read_legacy_in(void* object, const std::string& text) const {
  return legacy(static_cast<char*>(object) + owner_offset, text);
}

Json check_option_value(const OptionSpec& spec, const Json& value, const std::string& group) {
  return check_named_value(spec, value, group + " options: " + spec.key);
}

Json check_named_value(const OptionSpec& spec, const Json& value, const std::string& what) {
  switch (spec.type) {
    case OptionType::Int:
    case OptionType::Number:
      return check_number(spec, spec.type, value, what);
    case OptionType::Bool:
      if (!value.is_bool()) throw Error(what + " = " + shown(value) + " is not true or false");
      return value;
    case OptionType::String:
      if (!value.is_string()) throw Error(what + " = " + shown(value) + " is not a string");
      return value;
    case OptionType::Choice: {
      if (value.is_string()) {
        for (const auto& c : spec.choices)
          if (c == value.as_string()) return value;
        for (const auto& [old_name, name] : spec.aliases)
          if (old_name == value.as_string()) return Json(name);
      }
      const std::string guess = value.is_string() ? closest_name(value.as_string(), spec.choices) : "";
      throw Error(what + " = " + shown(value) + " is not one of " + joined(spec.choices, ", ") +
                  (guess.empty() ? "" : " (did you mean " + guess + "?)"));
    }
    case OptionType::List: {
      if (!value.is_array() || static_cast<int>(value.size()) < spec.min_length ||
          static_cast<int>(value.size()) > spec.max_length)
        throw Error(what + " = " + shown(value) + " is not " + allowed_text(spec));
      for (std::size_t i = 0; i < value.size(); ++i) {
        const Json& x = value.as_array()[i];
        const std::string item = what + "[" + std::to_string(i) + "]";
        if (spec.element == OptionType::String) {
          if (!x.is_string()) throw Error(item + " = " + shown(x) + " is not a string");
        } else {
          check_number(spec, spec.element, x, item);
        }
      }
      return value;
    }
  }
  return value;
}

Json spec_json(const OptionSpec& spec) {
  Json j = Json::object();
  j.set("key", spec.key).set("type", option_type_name(spec.type)).set("default", spec.default_value);
  if (spec.has_min) j.set("min", spec.min);
  if (spec.has_max) j.set("max", spec.max);
  if (spec.min_exclusive) j.set("minExclusive", true);
  if (spec.max_exclusive) j.set("maxExclusive", true);
  if (spec.type == OptionType::Choice) {
    Json choices = Json::array();
    for (const auto& c : spec.choices) choices.push(c);
    j.set("choices", std::move(choices));
    if (!spec.aliases.empty()) {
      Json aliases = Json::object();
      for (const auto& [old_name, name] : spec.aliases) aliases.set(old_name, name);
      j.set("aliases", std::move(aliases));
    }
  }
  if (spec.type == OptionType::List) {
    j.set("element", option_type_name(spec.element)).set("minLength", spec.min_length)
        .set("maxLength", spec.max_length);
  }
  if (spec.required) j.set("required", true);
  j.set("help", spec.help);
  return j;
}

namespace {
// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}
}  // namespace

std::string closest_name(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& name : names) {
    const std::size_t distance = edit_distance(word, name);
    if (distance < best_distance && 2 * distance < word.size()) {
      best = name;
      best_distance = distance;
    }
  }
  if (best.empty() && word.size() >= 3)
    for (const auto& name : names)
      if (name.compare(0, word.size(), word) == 0) return name;
  return best;
}

void throw_unknown_key(const std::string& group, const std::string& key, const std::vector<OptionSpec>& specs) {
  std::vector<std::string> keys;
  for (const auto& s : specs) keys.push_back(s.key);
  // A key written as the CLI or the JSON output writes it (min-freq, min_freq) is the camelCase key; else
  // the nearest name, as the CLI's flags and every choice have.
  std::string guess;
  for (const std::string& camel : {kebab_to_camel(key), snake_to_camel(key)})
    if (guess.empty() && camel != key && std::find(keys.begin(), keys.end(), camel) != keys.end()) guess = camel;
  if (guess.empty()) guess = closest_name(key, keys);
  throw Error(group + " options: unknown key '" + key + "'" + (guess.empty() ? "" : " (did you mean " + guess + "?)") +
              " (allowed: " + joined(keys, ", ") + ")");
}

namespace {
std::string from_camel(const std::string& key, char separator) {
  std::string out;
  for (char c : key) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += separator;
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

std::string camel_to_kebab(const std::string& key) { return from_camel(key, '-'); }
std::string camel_to_snake(const std::string& key) { return from_camel(key, '_'); }

namespace {
std::string to_camel(const std::string& text, char separator) {
  std::string out;
  bool upper = false;
  for (char c : text) {
    if (c == separator && !out.empty()) {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}
}  // namespace

std::string kebab_to_camel(const std::string& flag) { return to_camel(flag, '-'); }
std::string snake_to_camel(const std::string& key) { return to_camel(key, '_'); }

Json camel_case_keys(const Json& j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& x : j.as_array()) out.push(camel_case_keys(x));
    return out;
  }
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (const auto& [key, value] : j.as_object()) out.set(snake_to_camel(key), camel_case_keys(value));
  return out;
}

Json snake_case_keys(const Json& j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& x : j.as_array()) out.push(snake_case_keys(x));
    return out;
  }
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (const auto& [key, value] : j.as_object()) out.set(camel_to_snake(key), snake_case_keys(value));
  return out;
}

namespace {

// One flag's text as a JSON value of the spec's type (before the range check).
Json parse_flag_text(const OptionSpec& spec, OptionType type, const std::string& text, const std::string& flag) {
  switch (type) {
    case OptionType::Int: {
      // Decimal digits only: "0x40" or "64abc" is not 64.
      const std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
      bool digits = text.size() > start;
      for (std::size_t i = start; i < text.size(); ++i) digits = digits && std::isdigit(static_cast<unsigned char>(text[i]));
      if (!digits) throw Error("option " + flag + " = '" + text + "' is not " + allowed_text(spec));
      return Json(std::strtod(text.c_str(), nullptr));
    }
    case OptionType::Number: {
      char* end = nullptr;
      errno = 0;
      const double x = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || errno == ERANGE || std::isspace(static_cast<unsigned char>(text[0])))
        throw Error("option " + flag + " = '" + text + "' is not " + allowed_text(spec));
      return Json(x);
    }
    case OptionType::Bool:
      if (text == "true" || text.empty()) return Json(true);
      if (text == "false") return Json(false);
      throw Error("option " + flag + " = '" + text + "' is not true or false");
    default:
      return Json(text);
  }
}

// "choice:parameters" with one of the spec's choices before the colon ('add-k:0.5', 'd2l:1,1,1').
bool is_legacy_form(const OptionSpec& spec, const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  for (const auto& c : spec.choices)
    if (text.compare(0, colon, c) == 0 && c.size() == colon) return true;
  return false;
}

}  // namespace

Json flags_to_json(const std::vector<OptionSpec>& specs, const std::map<std::string, std::string>& flags) {
  Json out = Json::object();
  for (const auto& spec : specs) {
    const std::string name = camel_to_kebab(spec.key);
    const auto it = flags.find(name);
    if (it == flags.end()) continue;
    const std::string flag = "--" + name;
    Json value;
    if (spec.type == OptionType::List) {
      value = Json::array();
      std::size_t start = 0;
      const std::string& text = it->second;
      while (!text.empty() && start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        value.push(parse_flag_text(spec, spec.element, part, flag));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      value = parse_flag_text(spec, spec.type, it->second, flag);
    }
    if (spec.type == OptionType::Choice && is_legacy_form(spec, it->second)) {
      // 'add-k:0.5', 'fixed:10': the old one-string forms, read (or refused) by the table's legacy reader.
      out.set(spec.key, value);
      continue;
    }
    out.set(spec.key, check_named_value(spec, value, "option " + flag));  // "option --hidden = 0 is outside ..."
  }
  return out;
}

std::string help_text(const std::vector<OptionSpec>& specs) {
  std::string out;
  for (const auto& spec : specs) {
    std::string line = "  --" + camel_to_kebab(spec.key);
    while (line.size() < 26) line += ' ';
    if (spec.type == OptionType::Bool) {  // a switch: given or not, no value after it
      out += line + spec.help + " (a switch)\n";
      continue;
    }
    line += spec.help + " (" + allowed_text(spec);
    // An empty default string (generate's prefix) says nothing: no "default " with nothing after it.
    if (!spec.default_value.is_null() && !(spec.default_value.is_string() && spec.default_value.as_string().empty())) {
      const Json& d = spec.default_value;
      line += ", default " + (d.is_string() ? d.as_string() : d.is_number() ? shortest_round_trip(d.as_number()) : d.dump());
    }
    out += line + ")\n";
  }
  return out;
}

}  // namespace seqlab
