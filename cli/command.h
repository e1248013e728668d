#pragma once
// The CLI's subcommands. Each lives in its own cli/command_*.cpp and registers itself with
// SEQLAB_REGISTER_COMMAND; main.cpp only dispatches. A command turns argv into the facade's options (the
// schema's groups, cli/args.h), calls the facade (wasm/facade) and prints its JSON: the CLI holds no option
// table and no domain logic of its own.
#include <functional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "engine/io/json.h"

namespace seqlab::cli {

struct Command {
  std::string name;
  std::string summary;                  // one line for `seqlab --help`
  std::string usage;                    // the positional arguments, if any, for `seqlab NAME --help`
  std::vector<GroupUse> groups;         // the schema groups whose keys are its flags
  std::vector<OptionSpec> own;          // its own few options (files, --epochs, ...)
  std::function<int(const Args&)> run;  // prints its JSON result; returns the exit code
};

std::vector<Command>& command_registry();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command) { command_registry().push_back(std::move(command)); }
};

// Reads a whole file; throws seqlab::Error naming the path when it cannot.
std::string read_file(const std::string& path);
// Writes a whole file; throws seqlab::Error naming the path when it cannot.
void write_file(const std::string& path, const std::string& bytes);
// Prints one line of JSON on stdout. The facade speaks camelCase; the CLI's output is snake_case (its
// documented fields: train_ppl, vocab_size, cross_entropy_bits, ...), through this one converter.
void print_json(const io::Json& camel);

}  // namespace seqlab::cli

#define SEQLAB_CONCAT_INNER(a, b) a##b
#define SEQLAB_CONCAT(a, b) SEQLAB_CONCAT_INNER(a, b)
#define SEQLAB_REGISTER_COMMAND(...) \
  static ::seqlab::cli::CommandRegistrar SEQLAB_CONCAT(seqlab_command_, __LINE__){::seqlab::cli::Command{__VA_ARGS__}}
