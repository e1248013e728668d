// seqlab stats FILE [--level char|word] [--preprocess letters_only|none] [--min-freq K] [--top K]
//                   [--zipf-ranks A:B] [--reserved T1,T2,...]
// Prints one JSON object: tokens, vocab_size, top, bigrams, trigrams, distinct, zipf, vocab_by_min_freq.
#include <iostream>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/text/corpus.h"
#include "engine/text/corpus_stats.h"

namespace seqlab::cli {
namespace {

// "A:B" with 1 <= A <= B.
std::pair<int, int> parse_rank_range(const std::string& value) {
  const auto colon = value.find(':');
  const std::string message = "--zipf-ranks must be A:B with integers 1 <= A <= B (got '" + value + "')";
  if (colon == std::string::npos) throw Error(message);
  try {
    std::size_t used_a = 0, used_b = 0;
    const std::string a_text = value.substr(0, colon), b_text = value.substr(colon + 1);
    const long long a = std::stoll(a_text, &used_a);
    const long long b = std::stoll(b_text, &used_b);
    if (used_a != a_text.size() || used_b != b_text.size() || a < 1 || b < a || b > 2147483647LL) throw Error(message);
    return {static_cast<int>(a), static_cast<int>(b)};
  } catch (const std::logic_error&) {
    throw Error(message);
  }
}

std::vector<std::string> split_commas(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const auto comma = value.find(',', start);
    const auto end = comma == std::string::npos ? value.size() : comma;
    if (end > start) out.push_back(value.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int run_stats(const Args& args) {
  if (args.positionals().size() != 1) throw Error("stats needs exactly one FILE (got " +
                                                  std::to_string(args.positionals().size()) + ")");
  text::CorpusOptions options;
  options.level = text::parse_level(args.get("level", "char"));
  options.preprocess = text::parse_preprocess(args.get("preprocess", "letters_only"));
  options.min_freq = static_cast<int>(args.get_int("min-freq", 0, 0, 1000000000));
  options.reserved = split_commas(args.get("reserved", ""));
  text::StatsOptions stats_options;
  stats_options.top_k = static_cast<int>(args.get_int("top", 10, 0, 100000));
  const auto [first, last] = parse_rank_range(args.get("zipf-ranks", "10:1000"));
  stats_options.zipf_first_rank = first;
  stats_options.zipf_last_rank = last;

  const std::string raw = read_file(args.positionals()[0]);
  const text::Corpus corpus = text::build_corpus(raw, options);
  const text::CorpusStats stats = text::compute_stats(corpus, stats_options);
  std::cout << text::to_json(stats, false).dump() << std::endl;
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("stats", "corpus statistics of a text file: tokens, vocabulary, top n-grams, Zipf fit",
                        "FILE [--level char|word] [--preprocess letters_only|none] [--min-freq K] [--top K] "
                        "[--zipf-ranks A:B] [--reserved T1,T2,...]\n\n"
                        "  --level       char (one token per code point, default) or word (split on white space)\n"
                        "  --preprocess  letters_only (default: non-letter runs -> one space, lower case) or none\n"
                        "  --min-freq    tokens rarer than K become <unk> (default 0: keep all)\n"
                        "  --top         entries in each top list (default 10)\n"
                        "  --zipf-ranks  rank range A:B of the least-squares Zipf fit, clipped to the ranks that\n"
                        "                exist (default 10:1000: skips the few most frequent, function-word ranks)\n"
                        "  --reserved    reserved tokens after <unk>, comma separated",
                        {"level", "preprocess", "min-freq", "top", "zipf-ranks", "reserved"}, {}, run_stats);

}  // namespace seqlab::cli
