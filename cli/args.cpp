#include "cli/args.h"

#include <algorithm>
#include <cctype>

#include "engine/core/error.h"
#include "wasm/facade/schema.h"

namespace seqlab::cli {

std::vector<OptionSpec> group_specs(const GroupUse& use) {
  std::vector<OptionSpec> out;
  for (auto& spec : facade::group_specs(use.group))
    if (std::find(use.skip.begin(), use.skip.end(), spec.key) == use.skip.end()) out.push_back(std::move(spec));
  return out;
}

OptionSpec file_option(const std::string& key, const std::string& help) {
  OptionSpec spec;
  spec.key = key;
  spec.type = OptionType::String;
  spec.help = help;
  return spec;
}

Args::Args(int argc, const char* const* argv, int first, std::vector<GroupUse> groups, std::vector<OptionSpec> files,
           ParseRules rules)
    : groups_(std::move(groups)), rules_(std::move(rules)) {
  // Which kebab-case names exist, and which of them take no value (Bool).
  std::map<std::string, bool> takes_value;
  for (const auto& use : groups_)
    for (const auto& spec : group_specs(use)) takes_value[camel_to_kebab(spec.key)] = spec.type != OptionType::Bool;
  for (const auto& spec : files) takes_value[camel_to_kebab(spec.key)] = true;
  std::vector<std::string> names;
  for (const auto& [name, value] : takes_value) names.push_back(name);
  const std::string see = " (see seqlab " + rules_.command + " --help)";

  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    // "-x" is a mistyped option; "-" and "-0.5" (a value without its flag) are arguments.
    if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-' && !std::isdigit(static_cast<unsigned char>(arg[1])) &&
        arg[1] != '.') {
      const std::string guess = closest_name(arg.substr(1), names);
      throw Error("unknown option " + arg + (guess.empty() ? "" : " (did you mean --" + guess + "?)") + see);
    }
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
    if (known == takes_value.end()) {
      if (const auto hint = rules_.refused.find(name); hint != rules_.refused.end())
        throw Error("option --" + name + ": " + hint->second);
      const std::string guess = closest_name(name, names);
      throw Error("unknown option --" + name + (guess.empty() ? "" : " (did you mean --" + guess + "?)") + see);
    }
    if (known->second && !has_inline_value) {
      if (i + 1 >= argc) throw Error("option --" + name + " needs a value" + see);
      value = argv[++i];
    }
    if (!known->second && has_inline_value && value != "true" && value != "false")
      throw Error("option --" + name + " is a switch: give it without a value (or =true, =false)");
    values_[name] = value;  // a Bool flag without value: "" reads as true
  }

  // `seqlab ngram FILE` is `seqlab ngram --train FILE`.
  if (!rules_.file_key.empty() && !positionals_.empty()) {
    const std::string flag = camel_to_kebab(rules_.file_key);
    if (values_.count(flag))
      throw Error("the text is given twice: as FILE '" + positionals_[0] + "' and as --" + flag + " '" +
                  values_.at(flag) + "'; give one");
    if (positionals_.size() > 1)
      throw Error("unexpected argument '" + positionals_[1] + "': seqlab " + rules_.command + " takes one FILE" +
                  " (usage: seqlab " + rules_.command + " " + rules_.usage + " [options])");
    values_[flag] = positionals_[0];
    positionals_.clear();
  }

  files_ = flags_to_json(files, values_);
  // Every flag's type and range is checked now, before the command reads a file or refuses anything else.
  for (const auto& use : groups_) flags_to_json(group_specs(use), values_);
}

Json Args::group(const std::string& group) const {
  for (const auto& use : groups_)
    if (use.group == group) return flags_to_json(group_specs(use), values_);
  throw Error("this command takes no " + group + " options");
}

Json Args::options(const std::string& group) const {
  Json out = Args::group(group);
  for (const auto& spec : facade::group_specs(group))
    if (!out.has(spec.key) && !spec.default_value.is_null()) out.set(spec.key, spec.default_value);
  return out;
}

std::string Args::require(const std::string& key) const {
  if (!files_.has(key))
    throw Error("option --" + camel_to_kebab(key) + " is required (see seqlab " + rules_.command + " --help)");
  return files_.at(key).as_string();
}

std::string Args::file() const {
  const std::string flag = camel_to_kebab(rules_.file_key);
  if (!files_.has(rules_.file_key))
    throw Error("seqlab " + rules_.command + " needs a text: seqlab " + rules_.command + " FILE (or --" + flag +
                " FILE; see seqlab " + rules_.command + " --help)");
  return files_.at(rules_.file_key).as_string();
}

void Args::no_positionals() const {
  if (positionals_.empty()) return;
  const std::string usage = rules_.usage.empty() ? "[options]" : rules_.usage + " [options]";
  throw Error("unexpected argument '" + positionals_[0] + "': seqlab " + rules_.command +
              (rules_.usage.empty() ? " takes no positional argument" : " takes " + rules_.usage) +
              " (usage: seqlab " + rules_.command + " " + usage + ")");
}

std::string options_help(const std::vector<GroupUse>& groups, const std::vector<OptionSpec>& files) {
  std::string out;
  for (const auto& use : groups) out += "\n" + use.group + " options:\n" + help_text(group_specs(use));
  if (files.empty()) return out;
  out += "\nfiles:\n";
  for (const auto& spec : files) {
    std::string line = "  --" + camel_to_kebab(spec.key);
    while (line.size() < 26) line += ' ';
    out += line + spec.help + " (a file)\n";
  }
  return out;
}

}  // namespace seqlab::cli
