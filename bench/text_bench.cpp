// Text benchmark: MB/s of preprocessing + tokenization + counting (build_corpus: one pass, ids and unigram
// counts) and of 1,2,3-gram counting (engine/ngram/ngram_counts, the store the statistics read), at char
// and word level, on >= 50 MB made by repeating The Time Machine. Prints one JSON line per measurement; asserts nothing.
//   native: ./build/native/text_bench [MB]      wasm: node --no-experimental-fetch build/wasm/text_bench.js [MB]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/core/version.h"
#include "engine/ngram/ngram_counts.h"
#include "engine/text/corpus.h"

namespace {

// Wall-clock and CPU time: on a shared machine the CPU time is the steadier number (under Emscripten
// std::clock follows the wall clock).
struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double wall_seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(); }
  double cpu_seconds() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

void report(const char* what, const char* level, double megabytes, double seconds, double cpu_seconds,
            long long tokens, int vocab) {
  std::printf("{\"bench\":\"text\",\"target\":\"%s\",\"what\":\"%s\",\"level\":\"%s\",\"mb\":%.1f,"
              "\"seconds\":%.3f,\"mb_per_s\":%.1f,\"cpu_seconds\":%.3f,\"mb_per_cpu_s\":%.1f,"
              "\"tokens\":%lld,\"vocab\":%d}\n",
              seqlab::build_target(), what, level, megabytes, seconds, megabytes / seconds, cpu_seconds,
              megabytes / cpu_seconds, tokens, vocab);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace seqlab::text;
  const double target_mb = argc > 1 ? std::atof(argv[1]) : 50.0;
  std::ifstream in(SEQLAB_DATA_DIR "/timemachine.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string book = s.str();
  if (book.empty()) {
    std::fprintf(stderr, "cannot read %s/timemachine.txt\n", SEQLAB_DATA_DIR);
    return 1;
  }
  std::string text;
  const auto target_bytes = static_cast<std::size_t>(target_mb * 1e6);
  text.reserve(target_bytes + book.size());
  while (text.size() < target_bytes) text += book;
  const double mb = static_cast<double>(text.size()) / 1e6;

  for (const Level level : {Level::Char, Level::Word}) {
    Tokenization options;
    options.level = level;
    const Timer build_timer;
    const Corpus corpus = build_corpus(text, options);
    const double build_s = build_timer.wall_seconds(), build_cpu = build_timer.cpu_seconds();
    const auto tokens = static_cast<long long>(corpus.ids.size());
    report("preprocess+tokenize+count", level_name(level), mb, build_s, build_cpu, tokens, corpus.vocab.size());
    const Timer ngram_timer;
    // The one count store counts orders 1..3 together (the statistics read all three from it).
    const seqlab::ngram::NgramCounts counts(corpus.ids.data(), corpus.ids.size(), corpus.vocab.size(), 3);
    const double ngram_s = ngram_timer.wall_seconds(), ngram_cpu = ngram_timer.cpu_seconds();
    report("1,2,3-gram counts", level_name(level), mb, ngram_s, ngram_cpu, tokens, corpus.vocab.size());
    report("all (tokenize + 1,2,3-gram counts)", level_name(level), mb, build_s + ngram_s, build_cpu + ngram_cpu,
           tokens, corpus.vocab.size());
  }
  return 0;
}
