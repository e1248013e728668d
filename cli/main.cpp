// seqlab: the command-line face of the engine. `seqlab --version`, `seqlab --help`, `seqlab CMD ...`.
// The same source runs natively and, compiled to WebAssembly, under Node (bin/seqlab.cjs).
#include <cctype>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <string>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/core/json.h"
#include "wasm/facade/engine_info.h"
#include "wasm/facade/schema.h"

namespace seqlab::cli {

std::vector<Command>& command_registry() {
  static std::vector<Command> commands;
  return commands;
}

std::string read_file(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw Error("'" + path + "' is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file '" + path + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw Error("cannot read file '" + path + "'");
  return bytes.str();
}

std::string read_text(const std::string& path) {
  std::string text = read_file(path);
  if (text.empty()) throw Error("the file '" + path + "' is empty: there is no text to read");
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string::npos)
    throw Error("the file '" + path + "' holds only white space: there is no text to read");
  return text;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error("cannot create file '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error("cannot write file '" + path + "'");
}

namespace {
std::vector<std::string>& pending_warnings() {
  static std::vector<std::string> warnings;
  return warnings;
}
}  // namespace

void warn(const std::string& text) {
  Json line = Json::object();
  line.set("warning", text);
  std::cerr << line.dump() << std::endl;
  pending_warnings().push_back(text);
}

void warn_unknown(const std::string& what, const Json& unknown) {
  const auto count = static_cast<long long>(unknown.at("unknown").as_number());
  if (count == 0) return;
  std::string examples;
  for (const auto& token : unknown.at("examples").as_array())
    examples += (examples.empty() ? "" : ", ") + Json(token).dump();
  warn(what + ": " + std::to_string(count) + " of " +
       std::to_string(static_cast<long long>(unknown.at("tokens").as_number())) +
       " tokens are not in the model's vocabulary and are read as <unk> (" + examples + ")");
}

void print_json(const Json& camel, bool with_warnings) {
  Json out = camel;
  if (with_warnings && !pending_warnings().empty()) {
    Json warnings = out.is_object() && out.has("warnings") ? out.at("warnings") : Json::array();
    for (const auto& text : pending_warnings()) warnings.push(text);
    out.set("warnings", warnings);
  }
  std::cout << snake_case_keys(out).dump() << std::endl;
}

namespace {

const char* const kUsage = "usage: seqlab COMMAND [FILE] [options]   (every command prints JSON on stdout)\n"
                          "       seqlab --version | --help | COMMAND --help\n";

void print_help() {
  std::cout << "seqlab " << facade::engine_info().at("version").as_string()
            << ": sequence models (n-grams, RNN, GRU, LSTM) on text\n\n" << kUsage << "\ncommands:\n";
  for (const auto& command : command_registry()) {
    std::string name = command.name;
    name.resize(10, ' ');
    std::cout << "  " << name << command.summary << "\n";
  }
  std::cout << "\nexit codes: 0 done; 2 a refused command line or input ({\"error\": ...} on stderr); 3 training\n"
               "diverged (\"diverged\": true on the JSON lines). Warnings go to stderr as {\"warning\": ...} and\n"
               "into the JSON's \"warnings\" list.\n";
}

// The messages of the schema's tables name the group and the key ("train options: lr = 0 is outside
// (0, 100]"); on the command line the same thing is the flag ("option --lr = 0 is outside (0, 100]").
std::string with_flag_names(std::string message) {
  for (const char* group : {"corpus", "task", "stats", "ngram", "model", "train", "generate", "run", "evaluateText",
                            "ngramQuery", "generateOutput"}) {
    const std::string prefix = std::string(group) + " options: ";
    for (std::size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at)) {
      std::size_t end = at + prefix.size();
      while (end < message.size() && std::isalnum(static_cast<unsigned char>(message[end]))) ++end;
      const std::string key = message.substr(at + prefix.size(), end - at - prefix.size());
      bool is_key = false;  // "task options: temporal-order needs ..." is about no one key
      for (const auto& spec : facade::group_specs(group)) is_key = is_key || spec.key == key;
      if (!is_key) {
        at = end;
        continue;
      }
      const std::string flag = "option --" + camel_to_kebab(key);
      message.replace(at, end - at, flag);
      at += flag.size();
    }
  }
  // The train options as the data iterator and the task's check name them.
  const std::pair<std::string, std::string> words[] = {
      {"; batch ", "; --batch "}, {" x steps ", " x --steps "}, {"a smaller batch or steps", "a smaller --batch or --steps"},
      {": steps must be ", ": --steps must be "}, {" and iterator random, got steps ", " and --iterator random, got --steps "},
      {" and iterator ", " and --iterator "}};
  for (const auto& [word, flag] : words)
    if (const std::size_t at = message.find(word); at != std::string::npos) message.replace(at, word.size(), flag);
  return message;
}

int print_error(const std::string& message) {
  Json error = Json::object();
  error.set("error", with_flag_names(message));
  std::cerr << error.dump() << std::endl;
  return 2;
}

}  // namespace
}  // namespace seqlab::cli

int main(int argc, char** argv) {
  using namespace seqlab;
  using namespace seqlab::cli;
  if (argc < 2) {
    std::cerr << kUsage << "(seqlab --help lists the commands)" << std::endl;
    return 2;
  }
  const std::string first = argv[1];
  if (first == "--version" || first == "-V") {
    const Json info = facade::engine_info();
    Json version = Json::object();
    version.set("seqlab", info.at("version")).set("target", info.at("target")).set("simd", info.at("simd"));
    std::cout << version.dump() << std::endl;
    return 0;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_help();
    return 0;
  }
  std::vector<std::string> names;
  for (const auto& command : command_registry()) {
    names.push_back(command.name);
    if (command.name != first) continue;
    bool help = false;
    for (int i = 2; i < argc; ++i) help = help || std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h";
    if (help) {
      // Generated from the schema groups the command takes and its files.
      std::cout << "usage: seqlab " << command.name << " " << (command.usage.empty() ? "" : command.usage + " ")
                << "[options]\n\n" << command.summary << "\n" << (command.notes.empty() ? "" : "\n" + command.notes + "\n")
                << options_help(command.groups, command.files)
                << "\nexit codes: 0 done, 2 refused (the message on stderr)"
                << (command.name == "train" ? ", 3 training diverged" : "") << "\n";
      return 0;
    }
    try {
      const Args args(argc, argv, 2, command.groups, command.files,
                      ParseRules{command.name, command.usage, command.file_key, command.refused});
      return command.run(args);
    } catch (const std::exception& e) {
      return print_error(e.what());
    }
  }
  const std::string guess = closest_name(first, names);
  return print_error("unknown command '" + first + "'" + (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                     " (see seqlab --help)");
}
