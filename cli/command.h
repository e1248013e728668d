#pragma once
// The CLI's subcommands. Each lives in its own cli/command_*.cpp and registers itself with
// SEQLAB_REGISTER_COMMAND; main.cpp only dispatches. A command turns argv into the facade's options (the
// schema's groups, cli/args.h; its own flags are only files), calls the facade (wasm/facade) and prints its
// JSON: the CLI holds no option table and no domain logic of its own.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/args.h"
#include "engine/core/json.h"

namespace seqlab::cli {

struct Command {
  std::string name;
  std::string summary;                  // one line for `seqlab --help`
  std::string usage;                    // the positional arguments, if any, for `seqlab NAME --help`
  std::vector<GroupUse> groups;         // the schema groups whose keys are its flags
  std::vector<OptionSpec> files;        // its files (file_option): the only flags that are no schema key
  std::function<int(const Args&)> run;  // prints its JSON result; returns the exit code
  std::string file_key = {};            // the file a positional FILE stands for (ParseRules::file_key)
  std::map<std::string, std::string> refused = {};  // ParseRules::refused
  std::string notes = {};               // what its output means, for `seqlab NAME --help` (after the summary)
};

// Exit codes: 0 done, 2 a refused command line or input (the message on stderr as {"error": ...}), 3
// training diverged (the lines say "diverged": true and why). seqlab --help and README's CLI section say so.
inline constexpr int kExitDiverged = 3;

std::vector<Command>& command_registry();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command) { command_registry().push_back(std::move(command)); }
};

// Reads a whole file; throws seqlab::Error naming the path when it cannot (a directory says so).
std::string read_file(const std::string& path);
// read_file for a text to read tokens from: a file of only white space is refused, saying so.
std::string read_text(const std::string& path);
// Writes a whole file; throws seqlab::Error naming the path when it cannot.
void write_file(const std::string& path, const std::string& bytes);
// A warning: an option that is ignored or a default that will surprise. Written to stderr at once as
// {"warning": text} and kept for the next print_json that carries warnings.
void warn(const std::string& text);
// Prints one line of JSON on stdout. The facade speaks camelCase; the CLI's output is snake_case (its
// documented fields: train_ppl, vocab_size, cross_entropy_bits, ...), through this one converter. With
// `with_warnings`, the warnings so far join the object's own "warnings" array (one is written when any).
void print_json(const Json& camel, bool with_warnings = true);
// "... of the words: 3 of 12 tokens are not in the vocabulary (read as <unk>: 'xq', 'zz')" when
// `unknown` ({tokens, unknown, examples}, facade::unknown_tokens) counts any; `what` names the text.
void warn_unknown(const std::string& what, const Json& unknown);

}  // namespace seqlab::cli

#define SEQLAB_CONCAT_INNER(a, b) a##b
#define SEQLAB_CONCAT(a, b) SEQLAB_CONCAT_INNER(a, b)
#define SEQLAB_REGISTER_COMMAND(...) \
  static ::seqlab::cli::CommandRegistrar SEQLAB_CONCAT(seqlab_command_, __LINE__){::seqlab::cli::Command{__VA_ARGS__}}
