// seqlab: the command-line face of the engine. `seqlab --version`, `seqlab --help`, `seqlab CMD ...`.
// The same source runs natively and, compiled to WebAssembly, under Node (bin/seqlab.cjs).
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/core/version.h"
#include "engine/io/json.h"

namespace seqlab::cli {

std::vector<Command>& command_registry() {
  static std::vector<Command> commands;
  return commands;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open file '" + path + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw Error("cannot read file '" + path + "'");
  return bytes.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error("cannot create file '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error("cannot write file '" + path + "'");
}

void print_json(const io::Json& camel) { std::cout << snake_case_keys(camel).dump() << std::endl; }

namespace {

void print_help() {
  std::cout << "seqlab " << kVersion << ": sequence models (n-grams, RNN, GRU, LSTM) on text\n\n"
            << "usage: seqlab COMMAND [options]   (every command prints JSON on stdout)\n"
            << "       seqlab --version | --help | COMMAND --help\n\ncommands:\n";
  for (const auto& command : command_registry()) {
    std::string name = command.name;
    name.resize(10, ' ');
    std::cout << "  " << name << command.summary << "\n";
  }
}

int print_error(const std::string& message) {
  io::Json error = io::Json::object();
  error.set("error", message);
  std::cerr << error.dump() << std::endl;
  return 2;
}

}  // namespace
}  // namespace seqlab::cli

int main(int argc, char** argv) {
  using namespace seqlab;
  using namespace seqlab::cli;
  const std::string first = argc > 1 ? argv[1] : "--help";
  if (first == "--version" || first == "-V") {
    io::Json version = io::Json::object();
    version.set("seqlab", kVersion).set("target", build_target()).set("simd", simd_enabled());
    std::cout << version.dump() << std::endl;
    return 0;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_help();
    return 0;
  }
  for (const auto& command : command_registry()) {
    if (command.name != first) continue;
    if (argc > 2 && std::string(argv[2]) == "--help") {
      // Generated from the schema groups the command takes and its own option table.
      std::cout << "usage: seqlab " << command.name << " " << (command.usage.empty() ? "" : command.usage + " ")
                << "[options]\n\n" << command.summary << "\n" << options_help(command.groups, command.own);
      return 0;
    }
    try {
      const Args args(argc, argv, 2, command.groups, command.own);
      return command.run(args);
    } catch (const std::exception& e) {
      return print_error(e.what());
    }
  }
  return print_error("unknown command '" + first + "' (see seqlab --help)");
}
