// `seqlab ngram FILE` (or --train FILE): an n-gram language model on a text (facade::Session::build_ngram,
// its ARPA text and evaluations): perplexity
// and cross-entropy of the held-out part (or of --eval FILE), optionally the next-token distribution of a
// context (--next) and a seeded sample (--sample LEN after --prefix). Warnings: options the smoothing
// ignores, out-of-vocabulary tokens in --next, --prefix and --eval, a greedy --sample. --pad-lines reads each
// line as a sentence <s> ... </s> (wasm/facade/sentences.h). Prints {n, smoothing, k, eps, discount, pad_lines,
// level, vocab_size,
// train_tokens, val_tokens, ngram_types, perplexity, cross_entropy_nats, cross_entropy_bits, scored, unseen
// [, next: [{token, p}]][, sample: the continuation]}.
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

// Warnings for the options the chosen smoothing does not read (they are echoed in the output all the same).
void warn_ignored_smoothing_options(const Args& args, const std::string& smoothing) {
  const struct {
    const char* flag;
    const char* used_by;
    const char* what;
  } parameters[] = {{"k", "add-k", "the count add-k adds"},
                    {"eps", "d2l", "D2L's epsilons"},
                    {"discount", "kneser-ney", "Kneser-Ney's discount"}};
  for (const auto& p : parameters)
    if (args.values().count(p.flag) && smoothing != p.used_by)
      warn(std::string("--") + p.flag + " is ignored: it is " + p.what + ", and --smoothing is " + smoothing +
           " (give --smoothing " + p.used_by + " to use it)");
}

int run_ngram(const Args& args) {
  args.no_positionals();
  Json corpus_options = args.group("corpus");
  if (args.has("eval")) {
    if (corpus_options.has("valFraction")) throw Error("give either --eval FILE or --val-fraction F, not both");
    corpus_options.set("valFraction", 0);  // train on the whole text, score the --eval text
  }
  facade::Session session;
  const Json corpus = session.load_corpus(read_text(args.file()), corpus_options.dump());
  Json out = session.build_ngram(args.group("ngram").dump());
  if (args.has("eval")) {
    const std::string text = read_text(args.require("eval"));
    warn_unknown("--eval", session.ngram_unknown_tokens(text));
    out = session.ngram_evaluate_text(text);
  }
  // A perplexity is what this command prints unless --next or --sample asks for something else; a smoothing
  // without one (stupid-backoff) is refused then, with the reason.
  if (!session.ngram_gives_probabilities() && (args.has("eval") || (!args.has("next") && !args.has("sample"))))
    throw Error("--smoothing " + out.at("smoothing").as_string() +
                " gives scores, not probabilities (they do not sum to 1), so it has no perplexity" +
                (args.has("eval") ? " for --eval" : "") +
                "; give --next or --sample for its next tokens or a sample, or another --smoothing "
                "(modified-kneser-ney, kneser-ney, witten-bell) for a perplexity");
  warn_ignored_smoothing_options(args, out.at("smoothing").as_string());
  if (args.has("arpa")) {
    write_file(args.require("arpa"), session.ngram_arpa());
    out.set("arpa", args.require("arpa"));
  }
  out.set("level", corpus.at("options").at("level"));
  const Json query = args.options("ngramQuery");
  if (args.has("next")) {
    const std::string context = query.at("next").as_string();
    warn_unknown("--next", session.ngram_unknown_tokens(context));
    out.set("next", session.ngram_next(context, static_cast<int>(query.at("top").as_number())));
  }
  if (args.has("sample")) {
    Json sample = args.group("generate");
    sample.set("length", query.at("sample"));
    if (!sample.has("temperature") || sample.at("temperature").as_number() == 0)
      warn("--sample at --temperature 0 (the default) is greedy: every token is the most probable one, so the "
           "text repeats; give --temperature 1 to draw from the model's distribution");
    if (sample.has("prefix")) warn_unknown("--prefix", session.ngram_unknown_tokens(sample.at("prefix").as_string()));
    out.set("sample", session.ngram_sample(sample.dump()).at("generated"));
  }
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND(
    "ngram", "n-gram language model: perplexity, next-token distribution, sampling", "FILE",
    {{"corpus", {}}, {"ngram", {}}, {"generate", {"length", "topK"}}, {"ngramQuery", {}}},
    {file_option("train", "the text to count (the same as FILE)"),
     file_option("eval", "score this text instead of the last valFraction of FILE"),
     file_option("arpa", "write the model to this ARPA file (witten-bell, kneser-ney, modified-kneser-ney)")},
    run_ngram, "train");

}  // namespace seqlab::cli
