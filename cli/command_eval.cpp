// `seqlab eval`: the mean loss and perplexity of a saved model on a text, read as one stream from the zero
// state (facade::Trainer::evaluate_text): the number tests/reference/export_check.py compares with
// PyTorch's on the exported weights. `seqlab eval FILE --model M` (FILE or --text FILE). Prints {tokens,
// loss, perplexity}; tokens the model's vocabulary lacks are counted in a warning.
#include "cli/command.h"
#include "wasm/facade/trainer.h"

namespace seqlab::cli {
namespace {

int run_eval(const Args& args) {
  args.no_positionals();
  const std::string bytes = read_file(args.require("model"));
  facade::Trainer model = facade::Trainer::load(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const io::Json& own = args.own();
  const std::string text = read_text(args.file());
  warn_unknown("the text", model.unknown_tokens(text));
  print_json(model.evaluate_text(text,
                                 static_cast<std::size_t>(own.at("maxTokens").as_number()),
                                 static_cast<int>(own.at("steps").as_number())));
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("eval", "mean loss and perplexity of a saved model on a text (one stream from zero state)",
                        "FILE", {},
                        {own_string("model", "the checkpoint written by seqlab train --save (required)"),
                         own_string("text", "the text to score (the same as FILE)"),
                         own_int("maxTokens", 0, 1099511627776.0, 0, "score only the first N tokens; 0 = all"),
                         own_int("steps", 1, 4096, 35, "tokens per forward chunk (the state is carried)")},
                        run_eval, "text");

}  // namespace seqlab::cli
