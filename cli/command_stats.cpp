// `seqlab stats FILE`: the corpus statistics of a text file (facade::Session::corpus_stats): tokens, vocab_size,
// unk, vocab, counted, top, bigrams, trigrams, distinct, zipf, vocab_by_min_freq, rank_frequency.
// `seqlab stats --task NAME [--lag L ...]`: the same of a memory task, with its report under "task".
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

int run_stats(const Args& args) {
  if (!args.group("task").as_object().empty()) {
    // A memory task: its report (the first samples as text, the answer steps, the chance loss) and the
    // statistics of its tokens.
    if (args.has("text")) throw Error("stats --task: the task is the corpus; leave out FILE");
    facade::Session session;
    const Json task = session.load_task(args.group("task").dump()).at("task");
    Json out = session.corpus_stats(args.group("stats").dump());
    out.set("task", task);
    print_json(out);
    return 0;
  }
  args.no_positionals();
  // No split: the statistics are of the whole text (a text too short for one loads all the same).
  Json corpus_options = args.group("corpus");
  corpus_options.set("valFraction", 0);
  facade::Session session;
  session.load_corpus(read_text(args.file()), corpus_options.dump());
  print_json(session.corpus_stats(args.group("stats").dump()));
  return 0;
}

}  // namespace

// valFraction is left out: the statistics are of the whole text.
SEQLAB_REGISTER_COMMAND("stats", "corpus statistics of a text file: tokens, vocabulary, top n-grams, Zipf fit",
                        "FILE | --task NAME", {{"corpus", {"valFraction"}}, {"task", {}}, {"stats", {}}},
                        {file_option("text", "the text file (the same as FILE)")}, run_stats, "text", {},
                        "The lists (top, bigrams, trigrams, distinct, zipf) count the raw tokens, as D2L does: a\n"
                        "token below --min-freq counts as itself there; unk counts the tokens the models see as\n"
                        "<unk> and their share. vocab_size is the text's kept tokens plus <unk> (and any reserved\n"
                        "tokens), which the vocabulary always holds; vocab says how many of each (The Time Machine\n"
                        "in words: vocab_size 4580 = the text's 4579 distinct words, distinct[\"1\"], + <unk>).");

}  // namespace seqlab::cli
