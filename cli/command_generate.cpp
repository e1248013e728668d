// `seqlab generate`: continue a prefix with a saved model (facade::Session::generate on the checkpoint loaded
// without a corpus: greedy at temperature
// 0, else sampling with optional top-k, seeded). Prints {"text": prefix + continuation, "generated"} and,
// with --show-top, "steps": [{token, id, top: [{token, id, p}]}] (the five most probable tokens per step).
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

int run_generate(const Args& args) {
  args.no_positionals();
  const std::string bytes = read_file(args.require("model"));
  facade::Session session;  // no corpus: the checkpoint is a model that generates
  session.load_trainer("model", std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const Json options = args.group("generate");
  if (!options.has("prefix") || options.at("prefix").as_string().empty())
    throw Error("seqlab generate needs --prefix TEXT: the text to continue (in the words or characters of the "
                "text the model was trained on)");
  warn_unknown("--prefix", session.unknown_tokens("model", options.at("prefix").as_string()));
  const bool greedy = !options.has("temperature") || options.at("temperature").as_number() == 0;
  if (greedy && options.has("topK") && options.at("topK").as_number() > 0)
    warn("--top-k is ignored at --temperature 0 (the default): greedy decoding takes the most probable token; "
         "give a temperature > 0 to sample among the k most probable");
  const Json result = session.generate("model", options.dump());
  Json out = Json::object();
  out.set("text", result.at("text")).set("generated", result.at("generated"));
  if (args.options("generateOutput").at("showTop").as_bool()) out.set("steps", result.at("steps"));
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("generate", "continue a prefix with a saved model (greedy or sampled, seeded)", "",
                        {{"generate", {}}, {"generateOutput", {}}},
                        {file_option("model", "the checkpoint written by seqlab train --save (required)")},
                        run_generate, "",
                        {{"top", "generate's switch is --show-top (each step's five most probable tokens); "
                                 "--top N is a count in stats and ngram"}});

}  // namespace seqlab::cli
