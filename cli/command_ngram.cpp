// `seqlab ngram`: an n-gram language model on a text (facade::NgramModel): perplexity and cross-entropy of
// the held-out part (or of --eval FILE), optionally the next-token distribution of a context (--next) and a
// seeded sample (--sample LEN after --prefix). Prints {n, smoothing, k, eps, discount, level, vocab_size,
// train_tokens, val_tokens, ngram_types, perplexity, cross_entropy_nats, cross_entropy_bits, scored, unseen
// [, next: [{token, p}]][, sample: the continuation]}.
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/ngram.h"

namespace seqlab::cli {
namespace {

int run_ngram(const Args& args) {
  args.no_positionals();
  io::Json corpus_options = args.group("corpus");
  if (args.has("eval")) {
    if (corpus_options.has("valFraction")) throw Error("give either --eval FILE or --val-fraction F, not both");
    corpus_options.set("valFraction", 0);  // train on the whole --train text, score the --eval text
  }
  const facade::Corpus corpus(read_file(args.require("train")), corpus_options.dump());
  const facade::NgramModel model(corpus, args.group("ngram").dump());
  io::Json out = args.has("eval") ? model.evaluate_text(read_file(args.require("eval"))) : model.evaluate();
  out.set("level", corpus.options().at("level"));
  if (args.has("next")) out.set("next", model.next(args.require("next"), static_cast<int>(args.own().at("top").as_number())));
  if (args.has("sample")) {
    io::Json sample = args.group("generate");
    sample.set("length", args.own().at("sample"));
    out.set("sample", model.sample_json(sample.dump()).at("generated"));
  }
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND(
    "ngram", "n-gram language model: perplexity, next-token distribution, sampling", "",
    {{"corpus", {}}, {"ngram", {}}, {"generate", {"length", "topK"}}},
    {own_string("train", "the text to count (required)"),
     own_string("eval", "score this text instead of the last valFraction of --train"),
     own_string("next", "print the next-token distribution after this context"),
     own_int("top", 1, 1000000, 10, "entries of --next"),
     own_int("sample", 0, 10000000, 0, "sample this many tokens after --prefix")},
    run_ngram);

}  // namespace seqlab::cli
