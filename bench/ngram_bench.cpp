// n-gram benchmark: fit and scoring speed (tokens/s) and memory per distinct n-gram, printed as JSON
// lines. Two corpora: The Time Machine split as the tests use it (raw bytes [0, 120000) train, the rest
// scored; the same split bench/nltk_ngram.py times NLTK on), and ~50 MB of repeated Time Machine
// (first 90% of the token stream fits, the last 10% is scored). Char level n = 1..5, word level n = 1..3.
// Laplace everywhere; on the split also Witten-Bell, Kneser-Ney and modified Kneser-Ney, whose fit includes
// their type counts (and discounts), and stupid backoff, whose score rate is that of its raw scores (it has
// no perplexity). smoothing_table_bytes: what a smoothing holds beside the counts.
// usage: ngram_bench [MEGABYTES (50)]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/split.h"
#include "engine/core/version.h"
#include "engine/core/json.h"
#include "engine/ngram/ngram_model.h"
#include "engine/text/corpus.h"

namespace {

using Clock = std::chrono::steady_clock;
using seqlab::Json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Times fit and score, repeating small runs until each phase has taken at least `min_seconds`.
void bench_models(const std::string& corpus_name, const seqlab::text::Corpus& corpus, std::size_t train_end,
                  const std::vector<std::int32_t>& eval, int max_n, double min_seconds,
                  const seqlab::ngram::Smoothing& smoothing = seqlab::ngram::Smoothing::laplace()) {
  for (int n = 1; n <= max_n; ++n) {
    int fits = 0;
    double fit_seconds = 0;
    std::unique_ptr<seqlab::ngram::NgramModel> model;
    const auto fit_start = Clock::now();
    do {
      model = std::make_unique<seqlab::ngram::NgramModel>(corpus.ids.data(), train_end, corpus.vocab_size(), n,
                                                          smoothing);
      ++fits;
      fit_seconds = seconds_since(fit_start);
    } while (fit_seconds < min_seconds);
    int scores = 0;
    double score_seconds = 0;
    seqlab::ngram::PerplexityReport report;
    const auto score_start = Clock::now();
    const std::size_t context = static_cast<std::size_t>(n - 1);
    do {
      if (smoothing.is_distribution()) {
        report = model->perplexity(eval.data(), eval.size());
      } else {
        // Stupid backoff has no perplexity: the rate of its raw scores S(x_i | context), position by position.
        double log_sum = 0;
        for (std::size_t i = context; i < eval.size(); ++i)
          log_sum += std::log(model->score(eval.data() + i - context, context, eval[i]));
        report.scored = eval.size() - context;
        report.perplexity = std::numeric_limits<double>::quiet_NaN();
        report.cross_entropy_nats = -log_sum;  // kept so the loop is not optimised away
      }
      ++scores;
      score_seconds = seconds_since(score_start);
    } while (score_seconds < min_seconds);
    const auto& counts = model->counts();
    Json line = Json::object();
    line.set("bench", "ngram").set("target", seqlab::build_target()).set("corpus", corpus_name);
    line.set("level", seqlab::text::level_name(corpus.options.level)).set("n", n);
    line.set("smoothing", smoothing.to_string());
    line.set("train_tokens", train_end).set("eval_tokens", eval.size());
    line.set("fit_tokens_per_s", static_cast<double>(train_end) * fits / fit_seconds);
    line.set("score_tokens_per_s", static_cast<double>(report.scored) * scores / score_seconds);
    line.set("perplexity", std::isfinite(report.perplexity) ? Json(report.perplexity) : Json());
    line.set("ngram_types", model->ngram_types()).set("smoothing_table_bytes", model->type_count_bytes());
    line.set("distinct_ngrams_all_orders", counts.distinct_total()).set("memory_bytes", counts.memory_bytes());
    line.set("bytes_per_distinct_ngram", static_cast<double>(counts.memory_bytes()) / counts.distinct_total());
    std::printf("%s\n", line.dump().c_str());
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double megabytes = argc > 1 ? std::atof(argv[1]) : 50.0;
  const std::string raw = read_all(SEQLAB_DATA_DIR "/timemachine.txt");
  if (raw.empty()) {
    std::printf("{\"error\":\"cannot read %s\"}\n", SEQLAB_DATA_DIR "/timemachine.txt");
    return 1;
  }
  for (auto level : {seqlab::text::Level::Char, seqlab::text::Level::Word}) {
    seqlab::text::Tokenization options;
    options.level = level;
    const int max_n = level == seqlab::text::Level::Char ? 5 : 3;
    {  // The Time Machine split of the tests (and of bench/nltk_ngram.py).
      const auto corpus = seqlab::text::build_corpus(raw.substr(0, 120000), options);
      const auto eval = corpus.encode(raw.substr(120000));
      for (const auto& smoothing : {seqlab::ngram::Smoothing::laplace(), seqlab::ngram::Smoothing::witten_bell(),
                                    seqlab::ngram::Smoothing::kneser_ney(0.75),
                                    seqlab::ngram::Smoothing::modified_kneser_ney(),
                                    seqlab::ngram::Smoothing::stupid_backoff()})
        bench_models("timemachine_split", corpus, corpus.ids.size(), eval, max_n, 0.5, smoothing);
    }
    {  // ~50 MB: the text repeated (newline-separated copies).
      std::string big;
      big.reserve(static_cast<std::size_t>(megabytes * 1e6) + raw.size());
      while (big.size() < megabytes * 1e6) big += raw;
      const auto start = Clock::now();
      const auto corpus = seqlab::text::build_corpus(big, options);
      const double corpus_seconds = seconds_since(start);
      Json line = Json::object();
      line.set("bench", "corpus").set("target", seqlab::build_target()).set("bytes", big.size());
      line.set("level", seqlab::text::level_name(level)).set("tokens", corpus.ids.size());
      line.set("preprocess_tokenize_tokens_per_s", corpus.ids.size() / corpus_seconds);
      std::printf("%s\n", line.dump().c_str());
      const auto split = seqlab::split_tokens(corpus.ids.size(), 0.1);
      const std::vector<std::int32_t> eval(corpus.ids.begin() + static_cast<std::ptrdiff_t>(split.train_end),
                                           corpus.ids.end());
      bench_models("timemachine_x" + std::to_string(big.size() / raw.size()), corpus, split.train_end, eval, max_n,
                   0.0);
    }
  }
  return 0;
}
