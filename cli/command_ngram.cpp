// `seqlab ngram`: train an n-gram language model on a text, score held-out text (perplexity and
// cross-entropy), and optionally show the next-token distribution of a context or sample a continuation.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/io/json.h"
#include "engine/ngram/ngram_model.h"
#include "engine/ngram/smoothing.h"
#include "engine/text/corpus.h"

namespace seqlab::cli {
namespace {

int run_ngram(const Args& args) {
  if (!args.positionals().empty()) throw Error("unexpected argument '" + args.positionals()[0] + "'");
  if (args.has("eval") && args.has("val-fraction"))
    throw Error("give either --eval FILE or --val-fraction F, not both");
  text::CorpusOptions options;
  options.level = text::parse_level(args.get("level", "char"));
  options.preprocess = text::parse_preprocess(args.get("preprocess", "letters_only"));
  options.min_freq = static_cast<int>(args.get_int("min-freq", 0, 0, 1000000000));
  const int n = static_cast<int>(args.get_int("n", 3, 1, ngram::kMaxOrder));
  const ngram::Smoothing smoothing = ngram::Smoothing::parse(args.get("smoothing", "laplace"));

  const std::string train_path = args.require("train");
  const text::Corpus corpus = text::build_corpus(read_file(train_path), options);
  std::vector<std::int32_t> eval_ids;
  std::size_t train_end = corpus.ids.size();
  if (args.has("eval")) {
    eval_ids = corpus.encode(read_file(args.require("eval")));
  } else {
    train_end = split_tokens(corpus.ids.size(), args.get_double("val-fraction", 0.1, 0.0, 1.0)).train_end;
    eval_ids.assign(corpus.ids.begin() + static_cast<std::ptrdiff_t>(train_end), corpus.ids.end());
  }
  const ngram::NgramModel model(corpus.ids.data(), train_end, corpus.vocab_size(), n, smoothing);

  io::Json out = io::Json::object();
  out.set("n", n).set("smoothing", smoothing.to_string()).set("level", text::level_name(options.level));
  out.set("vocab_size", corpus.vocab_size()).set("train_tokens", train_end).set("eval_tokens", eval_ids.size());
  out.set("ngram_types", model.ngram_types());
  if (eval_ids.empty()) {  // --val-fraction 0: nothing held out
    out.set("perplexity", io::Json()).set("cross_entropy_nats", io::Json()).set("cross_entropy_bits", io::Json());
    out.set("scored", 0);
  } else {
    const auto report = model.perplexity(eval_ids.data(), eval_ids.size());
    out.set("perplexity", report.perplexity).set("cross_entropy_nats", report.cross_entropy_nats);
    out.set("cross_entropy_bits", report.cross_entropy_bits).set("scored", report.scored);
  }
  if (args.has("next")) {
    const auto context = corpus.encode(args.require("next"));
    io::Json next = io::Json::array();
    for (const auto& entry : model.next_tokens(context.data(), context.size(),
                                               static_cast<int>(args.get_int("top", 10, 1, 1000000)))) {
      io::Json item = io::Json::object();
      item.set("token", corpus.vocab.token(entry.id)).set("p", entry.p);
      next.push(item);
    }
    out.set("next", next);
  }
  if (args.has("sample")) {
    const int length = static_cast<int>(args.get_int("sample", 0, 0, 10000000));
    const auto prefix = corpus.encode(args.get("prefix", ""));
    Rng rng(static_cast<std::uint64_t>(args.get_int("seed", 0, 0, 4294967295ll)));
    const auto ids = model.sample(prefix, length, args.get_double("temperature", 1.0, 0.0, 1e6), rng);
    out.set("sample", corpus.decode(ids.data(), ids.size()));
  }
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND(
    "ngram", "n-gram language model: perplexity, next-token distribution, sampling",
    "--train FILE [--eval FILE | --val-fraction F (0.1)] [--level char|word] [--preprocess letters_only|none]\n"
    "  [--min-freq M] [--n N (1..8, 3)] [--smoothing laplace|add-k:K|d2l:E1,E2,E3]\n"
    "  [--sample LEN --prefix TEXT --temperature T (1; 0 = argmax) --seed S] [--next TEXT --top K (10)]\n"
    "prints {n, smoothing, level, vocab_size, train_tokens, eval_tokens, ngram_types, perplexity,\n"
    "  cross_entropy_nats, cross_entropy_bits, scored[, next: [{token, p}]][, sample: continuation text]}",
    {"train", "eval", "val-fraction", "level", "preprocess", "min-freq", "n", "smoothing", "sample", "prefix",
     "temperature", "seed", "next", "top"},
    {}, run_ngram);

}  // namespace seqlab::cli
