// Laplace perplexities on The Time Machine against an independent implementation written here: its own
// letters_only loop, its own tokenization, std::map counts over token strings, all in double.
// Split: the RAW bytes at 120,000; each part preprocessed on its own; the vocabulary from the training
// part (evaluation tokens unknown to it are <unk>).
#include <doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/ngram/ngram_model.h"
#include "engine/text/corpus.h"

namespace {

std::string read_time_machine() {
  std::ifstream in(SEQLAB_DATA_DIR "/timemachine.txt", std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// D2L's re.sub('[^A-Za-z]+', ' ', text).lower(), byte by byte (every byte of a multi-byte UTF-8 code
// point is outside A-Za-z, so byte runs and code-point runs agree).
std::string letters_only(const std::string& raw) {
  std::string out;
  bool in_run = false;
  for (unsigned char ch : raw) {
    const bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    if (letter) {
      out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      in_run = false;
    } else if (!in_run) {
      out += ' ';
      in_run = true;
    }
  }
  return out;
}

std::vector<std::string> tokens_of(const std::string& text, bool words) {
  std::vector<std::string> tokens;
  if (!words) {
    for (char ch : text) tokens.emplace_back(1, ch);
    return tokens;
  }
  std::istringstream in(text);
  for (std::string word; in >> word;) tokens.push_back(word);
  return tokens;
}

// Laplace: P(w | h) = (c(h,w) + 1) / (c(h) + V), c(h) counted as the first n-1 tokens of n-windows.
double reference_perplexity(const std::vector<std::string>& train, std::vector<std::string> eval, int n) {
  std::set<std::string> types(train.begin(), train.end());
  const double V = static_cast<double>(types.size()) + 1.0;  // + <unk>
  for (auto& token : eval)
    if (!types.count(token)) token = "<unk>";
  std::map<std::vector<std::string>, double> windows, contexts;
  for (std::size_t i = 0; i + n <= train.size(); ++i) {
    std::vector<std::string> window(train.begin() + i, train.begin() + i + n);
    windows[window] += 1;
    window.pop_back();
    contexts[window] += 1;
  }
  double log_sum = 0;
  std::size_t scored = 0;
  for (std::size_t i = n - 1; i < eval.size(); ++i, ++scored) {
    std::vector<std::string> window(eval.begin() + i - (n - 1), eval.begin() + i + 1);
    const auto joint = windows.find(window);
    window.pop_back();
    const auto context = contexts.find(window);
    const double c_hw = joint == windows.end() ? 0.0 : joint->second;
    const double c_h = context == contexts.end() ? 0.0 : context->second;
    log_sum += std::log((c_hw + 1.0) / (c_h + V));
  }
  return std::exp(-log_sum / static_cast<double>(scored));
}

void check_level(seqlab::text::Level level, int max_n) {
  const std::string raw = read_time_machine();
  const std::string train_raw = raw.substr(0, 120000), eval_raw = raw.substr(120000);
  seqlab::text::Tokenization options;
  options.level = level;
  options.preprocess = seqlab::text::Preprocess::LettersOnly;
  const auto corpus = seqlab::text::build_corpus(train_raw, options);
  const auto eval_ids = corpus.encode(eval_raw);
  const bool words = level == seqlab::text::Level::Word;
  const auto train_tokens = tokens_of(letters_only(train_raw), words);
  const auto eval_tokens = tokens_of(letters_only(eval_raw), words);
  REQUIRE(train_tokens.size() == corpus.ids.size());
  REQUIRE(eval_tokens.size() == eval_ids.size());
  for (int n = 1; n <= max_n; ++n) {
    CAPTURE(n);
    const seqlab::ngram::NgramModel model(corpus.ids.data(), corpus.ids.size(), corpus.vocab_size(), n,
                                          seqlab::ngram::Smoothing::laplace());
    const auto report = model.perplexity(eval_ids.data(), eval_ids.size());
    CHECK(report.scored == eval_ids.size() - (n - 1));
    CHECK(report.perplexity == doctest::Approx(reference_perplexity(train_tokens, eval_tokens, n)).epsilon(1e-9));
  }
}

}  // namespace

TEST_CASE("ngram perplexity: Laplace char models n = 1..4 on The Time Machine match counting by hand") {
  check_level(seqlab::text::Level::Char, 4);
}

TEST_CASE("ngram perplexity: Laplace word models n = 1..3 on The Time Machine match counting by hand") {
  check_level(seqlab::text::Level::Word, 3);
}
