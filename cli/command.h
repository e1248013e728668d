#pragma once
// The CLI's subcommands. Each lives in its own cli/command_*.cpp and registers itself with
// SEQLAB_REGISTER_COMMAND; main.cpp only dispatches. Every subcommand prints JSON on stdout.
#include <functional>
#include <string>
#include <vector>

#include "cli/args.h"

namespace seqlab::cli {

struct Command {
  std::string name;
  std::string summary;                 // one line for `seqlab --help`
  std::string usage;                   // the options, for `seqlab NAME --help`
  std::vector<std::string> options;    // the --options it accepts (without dashes)
  std::vector<std::string> flags;      // the --flags (no value) it accepts
  std::function<int(const Args&)> run; // prints its JSON result; returns the exit code
};

std::vector<Command>& command_registry();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command) { command_registry().push_back(std::move(command)); }
};

// Reads a whole file; throws seqlab::Error naming the path when it cannot.
std::string read_file(const std::string& path);
// Writes a whole file; throws seqlab::Error naming the path when it cannot.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace seqlab::cli

#define SEQLAB_CONCAT_INNER(a, b) a##b
#define SEQLAB_CONCAT(a, b) SEQLAB_CONCAT_INNER(a, b)
#define SEQLAB_REGISTER_COMMAND(...) \
  static ::seqlab::cli::CommandRegistrar SEQLAB_CONCAT(seqlab_command_, __LINE__){::seqlab::cli::Command{__VA_ARGS__}}
