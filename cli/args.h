#pragma once
// Command-line arguments: `--name value`, `--name=value`, `--flag`, and positionals.
// Getters validate and throw seqlab::Error naming the option and the allowed range.
#include <map>
#include <string>
#include <vector>

namespace seqlab::cli {

class Args {
 public:
  // Parses argv[first..]; `options` take a value, `flags` do not; anything else is an error.
  Args(int argc, const char* const* argv, int first, const std::vector<std::string>& options,
       const std::vector<std::string>& flags);

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  // Every `--name value` given (kebab-case names): what seqlab::flags_to_json maps to an option group's JSON.
  const std::map<std::string, std::string>& values() const { return values_; }

  std::string get(const std::string& name, const std::string& fallback) const;
  std::string require(const std::string& name) const;
  long long get_int(const std::string& name, long long fallback, long long lo, long long hi) const;
  double get_double(const std::string& name, double fallback, double lo, double hi) const;
  // One of `allowed`, or `fallback` when absent.
  std::string get_choice(const std::string& name, const std::string& fallback,
                         const std::vector<std::string>& allowed) const;

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> flags_;
  std::vector<std::string> positionals_;
};

}  // namespace seqlab::cli
