#include "cli/args.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/io/schema.h"

namespace seqlab::cli {

std::vector<OptionSpec> group_specs(const GroupUse& use) {
  std::vector<OptionSpec> out;
  for (auto& spec : schema::group_specs(use.group))
    if (std::find(use.skip.begin(), use.skip.end(), spec.key) == use.skip.end()) out.push_back(std::move(spec));
  return out;
}

OptionSpec own_string(const std::string& key, const std::string& help) {
  OptionSpec spec;
  spec.key = key;
  spec.type = OptionType::String;
  spec.help = help;
  return spec;
}

OptionSpec own_int(const std::string& key, double lo, double hi, double fallback, const std::string& help) {
  OptionSpec spec;
  spec.key = key;
  spec.type = OptionType::Int;
  spec.has_min = spec.has_max = true;
  spec.min = lo;
  spec.max = hi;
  spec.default_value = io::Json(fallback);
  spec.help = help;
  return spec;
}

OptionSpec own_number(const std::string& key, double lo, double hi, double fallback, const std::string& help) {
  OptionSpec spec = own_int(key, lo, hi, fallback, help);
  spec.type = OptionType::Number;
  return spec;
}

OptionSpec own_flag(const std::string& key, const std::string& help) {
  OptionSpec spec;
  spec.key = key;
  spec.type = OptionType::Bool;
  spec.default_value = io::Json(false);
  spec.help = help;
  return spec;
}

Args::Args(int argc, const char* const* argv, int first, std::vector<GroupUse> groups, std::vector<OptionSpec> own)
    : groups_(std::move(groups)) {
  // Which kebab-case names exist, and which of them take no value (Bool).
  std::map<std::string, bool> takes_value;
  for (const auto& use : groups_)
    for (const auto& spec : group_specs(use)) takes_value[camel_to_kebab(spec.key)] = spec.type != OptionType::Bool;
  for (const auto& spec : own) takes_value[camel_to_kebab(spec.key)] = spec.type != OptionType::Bool;

  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() <= 2 || arg.compare(0, 2, "--") != 0) {
      positionals_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    bool has_inline_value = false;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline_value = true;
    }
    const auto known = takes_value.find(name);
    if (known == takes_value.end()) throw Error("unknown option --" + name + " (see --help)");
    if (known->second && !has_inline_value) {
      if (i + 1 >= argc) throw Error("option --" + name + " needs a value");
      value = argv[++i];
    }
    values_[name] = value;  // a Bool flag without value: "" reads as true
  }

  own_ = flags_to_json(own, values_);
  for (const auto& spec : own)
    if (!own_.has(spec.key) && !spec.default_value.is_null()) own_.set(spec.key, spec.default_value);
}

io::Json Args::group(const std::string& group) const {
  for (const auto& use : groups_)
    if (use.group == group) return flags_to_json(group_specs(use), values_);
  throw Error("this command takes no " + group + " options");
}

std::string Args::require(const std::string& key) const {
  if (!own_.has(key)) throw Error("option --" + camel_to_kebab(key) + " is required (see --help)");
  return own_.at(key).as_string();
}

void Args::no_positionals() const {
  if (!positionals_.empty()) throw Error("unexpected argument '" + positionals_[0] + "'");
}

std::string options_help(const std::vector<GroupUse>& groups, const std::vector<OptionSpec>& own) {
  std::string out;
  for (const auto& use : groups) out += "\n" + use.group + " options:\n" + help_text(group_specs(use));
  if (!own.empty()) out += "\ncommand options:\n" + help_text(own);
  return out;
}

}  // namespace seqlab::cli
