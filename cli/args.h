#pragma once
// Command-line arguments: `--name value`, `--name=value`, `--flag`, and positionals. The accepted names come
// from the option schema (engine/io/schema.h: a command takes whole groups, kebab-case flags of their
// camelCase keys) and from the command's own few options (files, --epochs, ...), which are OptionSpecs too:
// the same parsing, range checks, refusals and --help lines (engine/core/options.h) serve both.
#include <map>
#include <string>
#include <vector>

#include "engine/core/options.h"
#include "engine/core/json.h"

namespace seqlab::cli {

// A schema group a command takes, without the keys in `skip` (e.g. the model's vocab, which the corpus sets).
struct GroupUse {
  std::string group;
  std::vector<std::string> skip;
};

// The specs of `use`'s group less its skipped keys.
std::vector<OptionSpec> group_specs(const GroupUse& use);

// A command's own options: a file path or text (String; no default = required when the command asks for
// it), an integer or a number in [lo, hi], a flag without value (Bool, default false).
OptionSpec own_string(const std::string& key, const std::string& help);
OptionSpec own_int(const std::string& key, double lo, double hi, double fallback, const std::string& help);
OptionSpec own_number(const std::string& key, double lo, double hi, double fallback, const std::string& help);
OptionSpec own_flag(const std::string& key, const std::string& help);

// What the parser knows of a command beyond its options, for its positional FILE and its messages.
struct ParseRules {
  std::string command;  // "ngram": names the command in messages
  std::string usage;    // its positionals as `seqlab ngram --help` shows them ("FILE")
  // The own String option (camelCase) a lone positional stands for: `seqlab ngram FILE` is `--train FILE`.
  std::string file_key;
  // Flags of other meanings or earlier versions (kebab-case, without --) and the hint that refuses them.
  std::map<std::string, std::string> refused;
};

class Args {
 public:
  // Parses argv[first..]; every name is a flag of `groups` or of `own`; anything else is an error, with the
  // closest flag name as "did you mean". A lone positional fills rules.file_key; more are refused.
  Args(int argc, const char* const* argv, int first, std::vector<GroupUse> groups, std::vector<OptionSpec> own,
       ParseRules rules = {});

  const std::vector<std::string>& positionals() const { return positionals_; }
  // Every `--name value` given (kebab-case names).
  const std::map<std::string, std::string>& values() const { return values_; }
  // The group's options given on the command line, as the facade reads them ({"hidden": 64}); the rest keep
  // the schema's defaults there.
  Json group(const std::string& group) const;
  // The command's own options, typed and range-checked, with the defaults filled in.
  const Json& own() const { return own_; }
  // Whether the own option `key` (camelCase) was given on the command line.
  bool has(const std::string& key) const { return values_.count(camel_to_kebab(key)) > 0; }
  // An own String option that must be given.
  std::string require(const std::string& key) const;
  // The text file: the positional FILE or its flag (rules.file_key); its absence names both.
  std::string file() const;
  void no_positionals() const;

 private:
  std::vector<GroupUse> groups_;
  ParseRules rules_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
  Json own_;
};

// `seqlab CMD --help`'s option lines: one section per group, then the command's own options.
std::string options_help(const std::vector<GroupUse>& groups, const std::vector<OptionSpec>& own);

}  // namespace seqlab::cli
