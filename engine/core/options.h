#pragma once
// One table per group of options (corpus, task, stats, ngram, model, train, generate): key, type, default, range or
// choices, old spellings, help. Everything that reads or writes options goes through the table, so a range
// or a choice list is written once:
//
//   read_options(table, json, base)   JSON object -> struct (type and range checks, unknown keys refused)
//   write_options(table, s)           struct -> JSON object (every key)
//   validate_options(table, s)        a struct built in C++ checked against the same ranges
//   schema_json(table)                the table itself, for seqlab.schema() and the page
//   flags_to_json(specs, flags)       the CLI's `--hidden 64` -> {"hidden": 64}, typed by the specs
//   help_text(specs)                  the CLI's --help lines
//
// Keys are camelCase (the JS names); CLI flags are the same names in kebab-case (minFreq <-> --min-freq).
// Errors are seqlab::Error naming the group, the key, the value and the allowed range or choices.
//
// Naming, so that a group's struct, table and file follow from its key (engine/io/schema.cpp lists them all):
//   group fooBar    struct FooBarOptions; table `const OptionTable<FooBarOptions>& foo_bar_options()`, declared
//                   in engine/<domain>/foo_bar_options.h and built in the .cpp beside it (SEQLAB_OPTION_TABLE).
//                   The struct is declared in that header too, or in the engine's own header when the engine
//                   takes it as it is (nn::ModelOptions in nn/config.h, stats::StatsOptions, train::ProbeOptions).
//   except          groups that one command or call reads beside another share that one's header:
//                   run_options.h (run, evaluateText), generate_options.h (generate, generateOutput), and the
//                   Gradients lab's six in lab_options.h, where labModel and labTrain read ModelOptions and
//                   TrainOptions with the lab's defaults.
//   entries that groups lift (no group of their own) follow the same rule: optimizer_options() over
//                   train::OptimizerOptions, loss_options() over nn::LossOptions; truncation_options() reads
//                   nn::Truncation, a value with a string form of its own ('fixed:10').
//   A struct named *Options is read through a table. The engine's structs that no table reads are named for
//   what they are (text::Tokenization, train::Decoding), not *Options.
// The generated JS interfaces (wasm/js/seqlab-options.d.ts) share these names but for four the published API
// keeps: ModelConfig (model), NgramPerplexityOptions (perplexity), LabModelOptions and LabTrainOptions.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/json.h"

namespace seqlab {

// 2^53 - 1: the largest integer a JS number (and so every JSON reader) holds exactly; the range of seeds.
inline constexpr double kMaxSafeInteger = 9007199254740991.0;
// 2^40: the top of an option that counts a text's tokens (run's and evaluateText's maxTokens). Not
// kMaxSafeInteger: that bound says what a JS number holds, this one what a text can be (2^40 token ids are
// 4 TiB, more than any trainer holds in memory), so a larger count is refused as the mistake it is.
inline constexpr double kMaxTokenCount = 1099511627776.0;

enum class OptionType { Int, Number, Choice, Bool, String, List };
const char* option_type_name(OptionType type);  // "int", "number", "choice", "bool", "string", "list"

// What the schema says about one key (type-independent of the struct it fills).
struct OptionSpec {
  std::string key;  // camelCase
  OptionType type = OptionType::Number;
  Json default_value;
  // Int, Number, and the elements of a List of numbers: [min, max], either end open when *_exclusive.
  bool has_min = false, has_max = false, min_exclusive = false, max_exclusive = false;
  double min = 0, max = 0;
  std::vector<std::string> choices;                            // Choice
  std::vector<std::pair<std::string, std::string>> aliases;   // Choice: old name -> current name
  OptionType element = OptionType::Number;                     // List: Int, Number or String
  int min_length = 0, max_length = 1 << 20;                    // List
  // The key must be given (linearRnn's rho: no value would be a sensible default); its default is only shown.
  bool required = false;
  std::string help;
};

// The value checked against the spec and normalised (an alias becomes its current name). `group` names the
// option group in the message: "model options: hidden = 0 is outside [1, 4096]".
Json check_option_value(const OptionSpec& spec, const Json& value, const std::string& group);
// The same, the value named by `what` in the message ("option --hidden", "model options: hidden").
Json check_named_value(const OptionSpec& spec, const Json& value, const std::string& what);
// "[1, 4096]", "(0, 1]", "one of rnn, gru, lstm", ...: the allowed values as the messages and help print them.
std::string allowed_text(const OptionSpec& spec);
// {key, type, default, min?, max?, minExclusive?, maxExclusive?, choices?, aliases?, required?, help}
// (seqlab.d.ts Spec).
Json spec_json(const OptionSpec& spec);
// The one of `names` closest to a mistyped `word` (edit distance with transpositions, at most 2 and less than
// half the word; or a name the word begins), "" when none is: the "did you mean" of the messages.
std::string closest_name(const std::string& word, const std::vector<std::string>& names);
[[noreturn]] void throw_unknown_key(const std::string& group, const std::string& key,
                                    const std::vector<OptionSpec>& specs);

// Naming: "minFreq" <-> "min-freq" (CLI flags), "vocab_size" -> "vocabSize" (the JS boundary is camelCase).
std::string camel_to_kebab(const std::string& key);
std::string kebab_to_camel(const std::string& flag);
std::string snake_to_camel(const std::string& key);
// Every object key of `j`, recursively, from snake_case to camelCase (values are left alone).
Json camel_case_keys(const Json& j);
// The inverse, for the CLI's snake_case output: "vocabSize" -> "vocab_size", recursively.
std::string camel_to_snake(const std::string& key);
Json snake_case_keys(const Json& j);

// CLI flags (kebab-case name -> text) to a JSON object of this group's keys, typed by the specs: "64" is the
// int 64, "0x40" is refused, "1,1,1" is a list. Flags of other groups are skipped. Refusals name the flag and
// the allowed range. A choice in its old one-string form ("add-k:0.5": a choice, a colon, parameters) is
// passed on as the string, for read_options' legacy reader.
Json flags_to_json(const std::vector<OptionSpec>& specs, const std::map<std::string, std::string>& flags);
// One line per option: "  --hidden N  hidden units per layer (int in [1, 4096], default 256)".
std::string help_text(const std::vector<OptionSpec>& specs);

// ---- a table over a struct S ------------------------------------------------------------------------------
// One entry of a table, its struct's type erased: an entry reaches its field by the field's byte offset in the
// struct, and reads and writes it through two functions shared by every field of the same C++ type. (Each
// entry used to hold std::function getters and setters over a lambda of its own: 862 functions, 45.6 KB of
// the page's module.) Option<S> below is the typed face the tables and readers use.
struct OptionEntry {
  OptionSpec spec;
  // Where the entry's struct (the one whose table declared it) lies in the struct read, in bytes: 0, or the
  // offset of a member struct when the entry was lifted from that struct's table (nested_option).
  std::size_t owner_offset = 0;
  // The field, from its owner struct; and how its type crosses to JSON (null for an entry over more than one
  // field, which reads and writes its owner through `read_owner` and `write_owner`).
  std::size_t field_offset = 0;
  Json (*read_field)(const OptionEntry& entry, const void* field) = nullptr;
  void (*write_field)(const OptionEntry& entry, void* field, const Json& value) = nullptr;
  std::vector<long long> choice_values;  // Choice: the enum value of each name in spec.choices
  std::function<Json(const void* owner)> read_owner;
  std::function<void(void* owner, const Json& value)> write_owner;  // receives a checked, normalised value
  // Choice only: reads an old one-string form ('fixed:10', 'add-k:0.5') into the owner; false when not one.
  std::function<bool(void* owner, const std::string& text)> legacy;

  Json get_from(const void* object) const;
  void set_in(void* object, const Json& value) const;
  bool read_legacy_in(void* object, const std::string& text) const;
};

template <class S>
struct Option : OptionEntry {
  Json get(const S& s) const { return get_from(&s); }
  void set(S& s, const Json& value) const { set_in(&s, value); }
  bool read_legacy(S& s, const std::string& text) const { return legacy && read_legacy_in(&s, text); }
};

// A function over the struct O as the entry's owner functions take it (O behind a void pointer).
template <class O, class F>
std::function<Json(const void*)> owner_reader(F f) {
  return [f](const void* owner) { return f(*static_cast<const O*>(owner)); };
}
template <class O, class F>
std::function<void(void*, const Json&)> owner_writer(F f) {
  return [f](void* owner, const Json& value) { f(*static_cast<O*>(owner), value); };
}
template <class O, class F>
std::function<bool(void*, const std::string&)> legacy_reader(F f) {
  return [f](void* owner, const std::string& text) { return f(*static_cast<O*>(owner), text); };
}

template <class S>
struct OptionTable {
  std::string group;  // "model", "train", ...: names the group in messages
  std::vector<Option<S>> options;
  std::function<void(const S&)> check;  // rules across keys (optional)
  // The defaults the schema shows. A group that reuses another's entries with other defaults (the lab's
  // models and training: the model and train entries, the lab's values) sets it; the rest keep S{}.
  S defaults{};

  std::vector<OptionSpec> specs() const {
    std::vector<OptionSpec> out;
    for (const auto& o : options) out.push_back(o.spec);
    for (auto& s : out) s.default_value = default_of(s.key);
    return out;
  }
  Json default_of(const std::string& key) const {
    for (const auto& o : options)
      if (o.spec.key == key) return o.get(defaults);
    return Json();
  }
};

template <class S>
void validate_options(const OptionTable<S>& table, const S& s) {
  for (const auto& o : table.options) check_option_value(o.spec, o.get(s), table.group);
  if (table.check) table.check(s);
}

// Missing keys keep base's values; unknown keys, wrong types and values out of range throw. A null `j`
// means {}. A legacy string ('add-k:0.5') sets fields without passing through their specs, so after one
// the whole struct is checked against the same ranges (the fuzzer found 'add-k:6.7e18' accepted here and
// refused when written back as k).
template <class S>
S read_options(const OptionTable<S>& table, const Json& j, S base) {
  if (!j.is_null() && !j.is_object()) throw Error(table.group + " options: expected a JSON object, got " + j.dump());
  for (const auto& o : table.options)
    if (o.spec.required && (j.is_null() || !j.has(o.spec.key)))
      throw Error(table.group + " options: " + o.spec.key + " is required (" + allowed_text(o.spec) + ")");
  if (j.is_null()) return base;
  bool legacy_used = false;
  for (const auto& [key, value] : j.as_object()) {
    const Option<S>* option = nullptr;
    for (const auto& o : table.options)
      if (o.spec.key == key) option = &o;
    if (!option) throw_unknown_key(table.group, key, table.specs());
    if (value.is_string() && option->read_legacy(base, value.as_string())) {
      legacy_used = true;
      continue;
    }
    option->set(base, check_option_value(option->spec, value, table.group));
  }
  if (legacy_used) validate_options(table, base);
  else if (table.check) table.check(base);
  return base;
}

template <class S>
Json write_options(const OptionTable<S>& table, const S& s) {
  Json j = Json::object();
  for (const auto& o : table.options) j.set(o.spec.key, o.get(s));
  return j;
}

template <class S>
Json schema_json(const OptionTable<S>& table) {
  Json list = Json::array();
  for (const auto& spec : table.specs()) list.push(spec_json(spec));
  return list;
}

// ---- defining a table ---------------------------------------------------------------------------------
// SEQLAB_OPTION_TABLE(S, name, "group") { ... } defines `const OptionTable<S>& name()`, the table of the
// option group "group" over the struct S, built once, on first use, by the body that follows: it fills `t`
// (its group already set) with the options and, where the group has them, its rules across keys (t.check)
// and its own defaults (t.defaults). Written in the namespace that declares name():
//
//   SEQLAB_OPTION_TABLE(GenerateOutputOptions, generate_output_options, "generateOutput") {
//     t.options = {bool_option<GenerateOutputOptions>("showTop", SEQLAB_FIELD(show_top), "...")};
//   }
//
// The accessor calls build_table<S> (below) rather than spelling its steps out: written out in each
// accessor (a lambda per table) they made the page's module 0.4 KB smaller but 1 KB larger gzipped, over
// its 256,000-byte budget (bench/module-size.mjs).
#define SEQLAB_OPTION_TABLE(S, name, group_name)                                                 \
  static void name##_fill(::seqlab::OptionTable<S>& t);                                          \
  const ::seqlab::OptionTable<S>& name() {                                                       \
    static const ::seqlab::OptionTable<S> table =                                                \
        ::seqlab::option_detail::build_table<S>(group_name, name##_fill);                        \
    return table;                                                                                \
  }                                                                                              \
  static void name##_fill(::seqlab::OptionTable<S>& t)

namespace option_detail {
template <class S>
OptionTable<S> build_table(const char* group, void (*fill)(OptionTable<S>&)) {
  OptionTable<S> t;
  t.group = group;
  fill(t);
  return t;
}
}  // namespace option_detail

// ---- building entries ---------------------------------------------------------------------------------
// `ref` is a generic lambda giving the field of a (const) S&; SEQLAB_FIELD(hidden) writes it. It is called
// once, on a probe value of S, to find the field's offset.
#define SEQLAB_FIELD(member) [](auto& s) -> auto& { return s.member; }

namespace option_detail {

// One default-built value of S, kept for the life of the program, on which field_offset measures where each
// field lies (a table is built once, so each S is built once here too).
template <class S>
const S& offset_probe() {
  static const S probe{};
  return probe;
}

// The byte offset in S of the field `ref` picks, measured on a value of S. (offsetof would say the same for
// a member name, but not for a nested one, 'text.level', and is only conditionally supported for structs
// that hold strings and vectors.)
template <class S, class Ref>
std::size_t field_offset(Ref ref) {
  const S& probe = offset_probe<S>();
  return static_cast<std::size_t>(reinterpret_cast<const char*>(&ref(probe)) -
                                  reinterpret_cast<const char*>(&probe));
}

template <class S, class Ref>
using FieldType = std::remove_const_t<std::remove_reference_t<decltype(std::declval<Ref>()(std::declval<S&>()))>>;

// How a field of type T crosses to JSON and back: one pair of functions per type, shared by its fields.
template <class T>
Json read_number(const OptionEntry&, const void* field) {
  return Json(static_cast<double>(*static_cast<const T*>(field)));
}
template <class T>
void write_number(const OptionEntry&, void* field, const Json& value) {
  *static_cast<T*>(field) = static_cast<T>(value.as_number());
}
template <class T>
Json read_plain(const OptionEntry&, const void* field) {
  return Json(*static_cast<const T*>(field));
}
inline void write_bool(const OptionEntry&, void* field, const Json& value) { *static_cast<bool*>(field) = value.as_bool(); }
inline void write_string(const OptionEntry&, void* field, const Json& value) {
  *static_cast<std::string*>(field) = value.as_string();
}
// An enum: its names are the spec's choices, their values the entry's choice_values; the first name of a
// value is the one written.
template <class E>
Json read_choice(const OptionEntry& entry, const void* field) {
  const auto value = static_cast<long long>(*static_cast<const E*>(field));
  for (std::size_t i = 0; i < entry.choice_values.size(); ++i)
    if (entry.choice_values[i] == value) return Json(entry.spec.choices[i]);
  return Json();
}
template <class E>
void write_choice(const OptionEntry& entry, void* field, const Json& value) {
  for (std::size_t i = 0; i < entry.spec.choices.size(); ++i)
    if (entry.spec.choices[i] == value.as_string()) *static_cast<E*>(field) = static_cast<E>(entry.choice_values[i]);
}
template <class List>
Json read_list(const OptionEntry&, const void* field) {
  Json list = Json::array();
  for (const auto& x : *static_cast<const List*>(field)) list.push(Json(x));
  return list;
}
template <class List>
void write_list(const OptionEntry&, void* field, const Json& value) {
  using T = typename List::value_type;
  auto& list = *static_cast<List*>(field);
  list.clear();
  for (const auto& x : value.as_array()) {
    if constexpr (std::is_same_v<T, std::string>) list.push_back(x.as_string());
    else list.push_back(static_cast<T>(x.as_number()));
  }
}

template <class S, class Ref>
Option<S> field_option(OptionSpec spec, Ref ref, Json (*read)(const OptionEntry&, const void*),
                       void (*write)(const OptionEntry&, void*, const Json&)) {
  Option<S> o;
  o.spec = std::move(spec);
  o.field_offset = field_offset<S>(ref);
  o.read_field = read;
  o.write_field = write;
  return o;
}

}  // namespace option_detail

// The spec of an int or a number in [lo, hi], for a range that more than one table or parser reads (the
// corpus's valFraction, truncation's tau and pi): the *_option helpers below build their specs with these.
inline OptionSpec numeric_spec(std::string key, OptionType type, double lo, double hi, std::string help) {
  OptionSpec spec;
  spec.key = std::move(key);
  spec.type = type;
  spec.has_min = spec.has_max = true;
  spec.min = lo;
  spec.max = hi;
  spec.help = std::move(help);
  return spec;
}
inline OptionSpec int_spec(std::string key, double lo, double hi, std::string help) {
  return numeric_spec(std::move(key), OptionType::Int, lo, hi, std::move(help));
}
inline OptionSpec number_spec(std::string key, double lo, double hi, std::string help) {
  return numeric_spec(std::move(key), OptionType::Number, lo, hi, std::move(help));
}

template <class S, class Ref>
Option<S> int_option(std::string key, Ref ref, double lo, double hi, std::string help) {
  using T = option_detail::FieldType<S, Ref>;
  return option_detail::field_option<S>(int_spec(std::move(key), lo, hi, std::move(help)), ref,
                                        &option_detail::read_number<T>, &option_detail::write_number<T>);
}

// A number in [lo, hi]; open ends are set on the returned spec (o.spec.min_exclusive = true).
template <class S, class Ref>
Option<S> number_option(std::string key, Ref ref, double lo, double hi, std::string help) {
  using T = option_detail::FieldType<S, Ref>;
  return option_detail::field_option<S>(number_spec(std::move(key), lo, hi, std::move(help)), ref,
                                        &option_detail::read_number<T>, &option_detail::write_number<T>);
}

template <class S, class Ref>
Option<S> string_option(std::string key, Ref ref, std::string help) {
  static_assert(std::is_same_v<option_detail::FieldType<S, Ref>, std::string>);
  OptionSpec spec;
  spec.key = std::move(key);
  spec.type = OptionType::String;
  spec.help = std::move(help);
  return option_detail::field_option<S>(std::move(spec), ref, &option_detail::read_plain<std::string>,
                                        &option_detail::write_string);
}

template <class S, class Ref>
Option<S> bool_option(std::string key, Ref ref, std::string help) {
  static_assert(std::is_same_v<option_detail::FieldType<S, Ref>, bool>);
  OptionSpec spec;
  spec.key = std::move(key);
  spec.type = OptionType::Bool;
  spec.help = std::move(help);
  return option_detail::field_option<S>(std::move(spec), ref, &option_detail::read_plain<bool>,
                                        &option_detail::write_bool);
}

// An enum field with its names: {{"rnn", CellType::Rnn}, ...}; the first name of a value is written.
template <class S, class Ref, class E>
Option<S> choice_option(std::string key, Ref ref, std::vector<std::pair<std::string, E>> names, std::string help,
                        std::vector<std::pair<std::string, std::string>> aliases = {}) {
  static_assert(std::is_same_v<option_detail::FieldType<S, Ref>, E>);
  OptionSpec spec;
  spec.key = std::move(key);
  spec.type = OptionType::Choice;
  spec.help = std::move(help);
  spec.aliases = std::move(aliases);
  for (const auto& [name, value] : names) spec.choices.push_back(name);
  Option<S> o = option_detail::field_option<S>(std::move(spec), ref, &option_detail::read_choice<E>,
                                               &option_detail::write_choice<E>);
  for (const auto& [name, value] : names) o.choice_values.push_back(static_cast<long long>(value));
  return o;
}

// A list of numbers / ints / strings with `length` bounds; the element range is [lo, hi].
template <class S, class Ref>
Option<S> list_option(std::string key, Ref ref, OptionType element, int min_length, int max_length, double lo,
                      double hi, std::string help) {
  using List = option_detail::FieldType<S, Ref>;
  OptionSpec spec;
  spec.key = std::move(key);
  spec.type = OptionType::List;
  spec.element = element;
  spec.min_length = min_length;
  spec.max_length = max_length;
  if (element != OptionType::String) {
    spec.has_min = spec.has_max = true;
    spec.min = lo;
    spec.max = hi;
  }
  spec.help = std::move(help);
  return option_detail::field_option<S>(std::move(spec), ref, &option_detail::read_list<List>,
                                        &option_detail::write_list<List>);
}

// An entry of a member struct's table lifted into the outer struct's (the optimizer's lr into the train
// options): its spec, hence its range, stays written once; it reads the member struct where S holds it.
template <class S, class Sub, class Ref>
Option<S> nested_option(const Option<Sub>& inner, Ref ref) {
  static_assert(std::is_same_v<option_detail::FieldType<S, Ref>, Sub>);
  Option<S> o;
  static_cast<OptionEntry&>(o) = inner;
  o.owner_offset += option_detail::field_offset<S>(ref);
  return o;
}

// The entry `key` of `table` (a group that reuses another group's entries takes them from here, so their
// ranges stay written once); throws when the table has none of that key.
template <class S>
const Option<S>& option_of(const OptionTable<S>& table, const std::string& key) {
  for (const auto& o : table.options)
    if (o.spec.key == key) return o;
  throw Error(table.group + " options: no entry '" + key + "' to reuse");
}

// An option made from a spec written elsewhere (a shared range), reading and writing a number field.
template <class S, class Ref>
Option<S> spec_option(OptionSpec spec, Ref ref) {
  using T = option_detail::FieldType<S, Ref>;
  return option_detail::field_option<S>(std::move(spec), ref, &option_detail::read_number<T>,
                                        &option_detail::write_number<T>);
}

}  // namespace seqlab
