// `seqlab eval`: the mean loss and perplexity of a saved model on a text, read as one stream from the zero
// state (facade::Session::evaluate_text on the checkpoint loaded without a corpus): the number tests/reference/export_check.py compares with
// PyTorch's on the exported weights. `seqlab eval FILE --model M` (FILE or --text FILE). Prints {tokens,
// loss, perplexity}; tokens the model's vocabulary lacks are counted in a warning. `seqlab eval FILE --arpa A`
// scores the text with an ARPA n-gram file instead (facade::Session::evaluate_arpa, wasm/facade/arpa.h): {order, counts, perplexity, ...}.
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

int run_eval(const Args& args) {
  args.no_positionals();
  if (args.has("arpa") == args.has("model"))
    throw Error("give either --model CHECKPOINT (a network saved by seqlab train) or --arpa FILE (an n-gram model)");
  if (args.has("arpa")) {
    const Json out = facade::Session::evaluate_arpa(read_file(args.require("arpa")), read_text(args.file()));
    if (out.at("unknown").as_number() > 0)
      warn("the text: " + std::to_string(static_cast<long long>(out.at("unknown").as_number())) +
           " tokens are not in the ARPA model's vocabulary (scored as <unk>)");
    print_json(out);
    return 0;
  }
  const std::string bytes = read_file(args.require("model"));
  facade::Session session;  // no corpus: the checkpoint is a model that scores texts
  session.load_trainer("model", std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const std::string text = read_text(args.file());
  warn_unknown("the text", session.unknown_tokens("model", text));
  print_json(session.evaluate_text("model", text, args.group("evaluateText").dump()));
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("eval", "mean loss and perplexity of a saved model on a text (one stream from zero state)",
                        "FILE", {{"evaluateText", {}}},
                        {file_option("model", "the checkpoint written by seqlab train --save (or --arpa)"),
                         file_option("arpa", "an ARPA n-gram file (seqlab ngram --arpa, KenLM, SRILM) to score instead"),
                         file_option("text", "the text to score (the same as FILE)")},
                        run_eval, "text");

}  // namespace seqlab::cli
