// `seqlab generate`: continue a prefix with a saved model (facade::Trainer::generate: greedy at temperature
// 0, else sampling with optional top-k, seeded). Prints {"text": prefix + continuation, "generated"} and,
// with --top, "steps": [{token, id, top: [{token, id, p}]}] (the five most probable tokens per step).
#include "cli/command.h"
#include "wasm/facade/trainer.h"

namespace seqlab::cli {
namespace {

int run_generate(const Args& args) {
  args.no_positionals();
  const std::string bytes = read_file(args.require("model"));
  facade::Trainer model = facade::Trainer::load(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const io::Json result = model.generate(args.group("generate").dump());
  io::Json out = io::Json::object();
  out.set("text", result.at("text")).set("generated", result.at("generated"));
  if (args.own().at("top").as_bool()) out.set("steps", result.at("steps"));
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("generate", "continue a prefix with a saved model (greedy or sampled, seeded)", "",
                        {{"generate", {}}},
                        {own_string("model", "the checkpoint written by seqlab train --save (required)"),
                         own_flag("top", "print each step's five most probable tokens")},
                        run_generate);

}  // namespace seqlab::cli
