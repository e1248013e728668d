// `seqlab stats FILE`: the corpus statistics of a text file (facade::Corpus::stats): tokens, vocab_size,
// top, bigrams, trigrams, distinct, zipf, vocab_by_min_freq, rank_frequency.
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/corpus.h"

namespace seqlab::cli {
namespace {

int run_stats(const Args& args) {
  if (args.positionals().size() != 1)
    throw Error("stats needs exactly one FILE (got " + std::to_string(args.positionals().size()) + ")");
  const facade::Corpus corpus(read_file(args.positionals()[0]), args.group("corpus").dump());
  print_json(corpus.stats(args.group("stats").dump()));
  return 0;
}

}  // namespace

// valFraction is left out: the statistics are of the whole text.
SEQLAB_REGISTER_COMMAND("stats", "corpus statistics of a text file: tokens, vocabulary, top n-grams, Zipf fit",
                        "FILE", {{"corpus", {"valFraction"}}, {"stats", {}}}, {}, run_stats);

}  // namespace seqlab::cli
