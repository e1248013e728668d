// `seqlab generate`: continue a prefix with a saved model (greedy at temperature 0, else sampling with
// optional top-k), seeded. Prints {"text": prefix + continuation, "generated", "steps": [...top-5]}.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/checkpoint.h"
#include "engine/io/json.h"
#include "engine/text/preprocess.h"
#include "engine/train/generate.h"

namespace seqlab::cli {
namespace {

int run_generate(const Args& args) {
  if (!args.positionals().empty()) throw Error("unexpected argument '" + args.positionals()[0] + "'");
  const io::CheckpointData data = io::read_checkpoint(read_file(args.require("model")));
  const text::Vocabulary vocab = data.vocabulary();
  nn::Model<float> model = io::model_from_checkpoint(data);
  const std::vector<std::int32_t> prefix =
      vocab.encode(text::preprocess(args.require("prefix"), data.corpus.preprocess), data.corpus.level);
  if (prefix.empty()) throw Error("--prefix has no token after preprocessing");
  train::GenerateOptions options;
  options.length = static_cast<int>(args.get_int("length", 100, 0, 100000));
  options.temperature = args.get_double("temperature", 0.0, 0.0, 100.0);
  options.top_k = static_cast<int>(args.get_int("top-k", 0, 0, data.model.vocab));
  options.top_n = args.flag("top") ? 5 : 0;
  Rng rng(static_cast<std::uint64_t>(args.get_int("seed", 0, 0, 9007199254740991LL)));
  const auto steps = train::generate(model, prefix, options, rng);
  std::vector<std::int32_t> all = prefix, generated;
  io::Json step_list = io::Json::array();
  for (const auto& step : steps) {
    generated.push_back(step.token);
    if (!args.flag("top")) continue;
    io::Json top = io::Json::array();
    for (const auto& [id, p] : step.top) {
      io::Json entry = io::Json::object();
      entry.set("token", vocab.token(id)).set("p", p);
      top.push(std::move(entry));
    }
    io::Json s = io::Json::object();
    s.set("token", vocab.token(step.token)).set("top", std::move(top));
    step_list.push(std::move(s));
  }
  all.insert(all.end(), generated.begin(), generated.end());
  io::Json out = io::Json::object();
  out.set("text", vocab.decode(all, data.corpus.level)).set("generated", vocab.decode(generated, data.corpus.level));
  if (args.flag("top")) out.set("steps", std::move(step_list));
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("generate", "continue a prefix with a saved model (greedy or sampled, seeded)",
                        "--model FILE --prefix TEXT [--length N(100) --temperature T(0 = greedy) --top-k K(0 = all) "
                        "--seed S --top (per-step top-5 probabilities)]",
                        {"model", "prefix", "length", "temperature", "top-k", "seed"}, {"top"}, run_generate);

}  // namespace seqlab::cli
