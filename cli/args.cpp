#include "cli/args.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"

namespace seqlab::cli {

namespace {
bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}
}  // namespace

Args::Args(int argc, const char* const* argv, int first, const std::vector<std::string>& options,
           const std::vector<std::string>& flags) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string name = arg.substr(2);
      std::string value;
      bool has_inline_value = false;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_inline_value = true;
      }
      if (contains(flags, name)) {
        if (has_inline_value) throw Error("option --" + name + " takes no value");
        flags_[name] = true;
      } else if (contains(options, name)) {
        if (!has_inline_value) {
          if (i + 1 >= argc) throw Error("option --" + name + " needs a value");
          value = argv[++i];
        }
        values_[name] = value;
      } else {
        throw Error("unknown option --" + name + " (see --help)");
      }
    } else {
      positionals_.push_back(arg);
    }
  }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  const auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::string Args::require(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) throw Error("option --" + name + " is required");
  return it->second;
}

long long Args::get_int(const std::string& name, long long fallback, long long lo, long long hi) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || errno != 0 || value < lo || value > hi)
    throw Error("option --" + name + " must be an integer in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "], got '" + it->second + "'");
  return value;
}

double Args::get_double(const std::string& name, double fallback, double lo, double hi) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || !std::isfinite(value) || value < lo || value > hi)
    throw Error("option --" + name + " must be a number in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "], got '" + it->second + "'");
  return value;
}

std::string Args::get_choice(const std::string& name, const std::string& fallback,
                             const std::vector<std::string>& allowed) const {
  const std::string value = get(name, fallback);
  if (!contains(allowed, value)) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : "|") + a;
    throw Error("option --" + name + " must be one of " + list + ", got '" + value + "'");
  }
  return value;
}

}  // namespace seqlab::cli
