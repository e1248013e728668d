#pragma once
// Command-line arguments: `--name value`, `--name=value`, `--flag`, and positionals. Every option is a key
// of the option schema (engine/io/schema.h: a command takes whole groups, kebab-case flags of their
// camelCase keys), so its range and default are written once, for the CLI, the JS API and the page alike.
// The only names of a command's own are its files (the text, --save, --model, ...): paths, which mean
// nothing outside the command line. They are String OptionSpecs, so the same parsing and refusals serve
// both (engine/core/options.h).
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

// A command's own argument: a file path (a String without default: required when the command asks for it).
OptionSpec file_option(const std::string& key, const std::string& help);

// What the parser knows of a command beyond its options, for its positional FILE and its messages.
struct ParseRules {
  std::string command;  // "ngram": names the command in messages
  std::string usage;    // its positionals as `seqlab ngram --help` shows them ("FILE")
  // The file (camelCase) a lone positional stands for: `seqlab ngram FILE` is `--train FILE`.
  std::string file_key;
  // Flags of other meanings or earlier versions (kebab-case, without --) and the hint that refuses them.
  std::map<std::string, std::string> refused;
};

class Args {
 public:
  // Parses argv[first..]; every name is a flag of `groups` or one of `files`; anything else is an error, with
  // the closest flag name as "did you mean". A lone positional fills rules.file_key; more are refused.
  Args(int argc, const char* const* argv, int first, std::vector<GroupUse> groups, std::vector<OptionSpec> files,
       ParseRules rules = {});

  const std::vector<std::string>& positionals() const { return positionals_; }
  // Every `--name value` given (kebab-case names).
  const std::map<std::string, std::string>& values() const { return values_; }
  // The group's options given on the command line, as the facade reads them ({"hidden": 64}); the rest keep
  // the schema's defaults there.
  Json group(const std::string& group) const;
  // The same with the schema's default for every key not given: the values a command reads itself.
  Json options(const std::string& group) const;
  // The command's files given ({"save": "run.seqlab"}).
  const Json& files() const { return files_; }
  // Whether the flag of `key` (camelCase, a file or a group's key) was given on the command line.
  bool has(const std::string& key) const { return values_.count(camel_to_kebab(key)) > 0; }
  // A file that must be given.
  std::string require(const std::string& key) const;
  // The text file: the positional FILE or its flag (rules.file_key); its absence names both.
  std::string file() const;
  void no_positionals() const;

 private:
  std::vector<GroupUse> groups_;
  ParseRules rules_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
  Json files_;
};

// `seqlab CMD --help`'s option lines: one section per group ("run options:"), then the files ("files:", each
// line "(a file)"; tests/js/cli-flags-in-schema.test.mjs reads these sections).
std::string options_help(const std::vector<GroupUse>& groups, const std::vector<OptionSpec>& files);

}  // namespace seqlab::cli
