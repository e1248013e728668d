// `seqlab eval`: the mean loss and perplexity of a saved model on a text, read as one stream from the zero
// state: the number tests/reference/export_check.py compares with PyTorch's on the exported weights.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/io/json.h"
#include "engine/text/preprocess.h"

namespace seqlab::cli {
namespace {

int run_eval(const Args& args) {
  if (!args.positionals().empty()) throw Error("unexpected argument '" + args.positionals()[0] + "'");
  const io::CheckpointData data = io::read_checkpoint(read_file(args.require("model")));
  nn::Model<float> model = io::model_from_checkpoint(data);
  std::vector<std::int32_t> ids = data.vocabulary().encode(
      text::preprocess(read_file(args.require("text")), data.corpus.preprocess), data.corpus.level);
  const long long max_tokens = args.get_int("max-tokens", 0, 0, 1LL << 40);
  if (max_tokens > 0 && static_cast<std::size_t>(max_tokens) < ids.size()) ids.resize(static_cast<std::size_t>(max_tokens));
  if (ids.size() < 2) throw Error("the text needs at least 2 tokens, got " + std::to_string(ids.size()));
  // One stream from the zero state, in chunks of --steps with the state carried: the loss of the whole
  // sequence, the same as one forward pass of torch.nn over it.
  const std::size_t T = static_cast<std::size_t>(args.get_int("steps", 35, 1, 4096));
  nn::State<float> state = model.zero_state(1);
  double sum = 0;
  const std::size_t n = ids.size() - 1;
  for (std::size_t at = 0; at < n; at += T) {
    const int len = static_cast<int>(std::min(T, n - at));
    sum += model.loss_sum(ids.data() + at, ids.data() + at + 1, 1, len, state);
  }
  io::Json out = io::Json::object();
  out.set("tokens", static_cast<unsigned long long>(n)).set("loss", sum / n).set("perplexity", std::exp(sum / n));
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("eval", "mean loss and perplexity of a saved model on a text (one stream from zero state)",
                        "--model FILE --text FILE [--max-tokens N --steps T(35)]",
                        {"model", "text", "max-tokens", "steps"}, {}, run_eval);

}  // namespace seqlab::cli
