#pragma once
// ARPA back-off files, the n-gram format SRILM and KenLM read and write:
//   \data\                (the header)
//   ngram 1=C1            (one line per order: how many k-grams its section lists)
//   ...
//   \1-grams:
//   log10 P(w)  w  [log10 bow(w)]
//   \2-grams:
//   log10 P(w | u)  u w  [log10 bow(u w)]
//   ...
//   \end\                 (the end)
// with the back-off rule  P(w | h) = P listed for h w, else bow(h) · P(w | h')  (bow 1 when h is not listed).
//
// Writing: the interpolated models (Witten-Bell, Kneser-Ney, modified Kneser-Ney) in their equivalent
// back-off form. Each k-gram seen in training is listed with the model's order-k probability
// (NgramModel::level_probability, already interpolated), and each listed context h gets
//   bow(h) = the interpolation weight of h (NgramModel::interpolation_weight), which equals
//            (1 - sum over listed h w of P_k+1(w | h)) / (1 - sum over listed h w of P_k(w | h')),
// so that every distribution sums to 1 and an unlisted h w gets exactly the model's probability (the weight is
// read from the model: the differences of the second form cancel to noise when the weight is tiny). The unigrams list the whole vocabulary (an id of probability 0 as -99,
// SRILM's convention). Numbers are written with 9 significant digits. A padded model (SentenceMarks) lists
// <s> and </s> among them: <s> with log10 p = -99 (never predicted; KenLM writes the same) and its back-off.
//
// Reading: any ARPA file (tokens are whitespace-free words; the header's counts must match the sections).
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ngram/ngram_model.h"

namespace seqlab::ngram {

// The ARPA text of `model`, naming id i by token_names[i] (V names, none empty or holding white space).
// Throws seqlab::Error for a smoothing without a back-off form (add-k, D2L, MLE, stupid-backoff).
std::string write_arpa(const NgramModel& model, const std::vector<std::string>& token_names);

class ArpaModel {
 public:
  // Parses ARPA text; throws seqlab::Error naming the line (numbered from 1) of anything malformed, a
  // section whose size differs from the header's count, or an n-gram whose words are not all unigrams.
  explicit ArpaModel(const std::string& text);

  int order() const { return static_cast<int>(header_counts_.size()); }
  std::uint64_t count(int k) const;  // the header's count of k-grams, k in [1, order]
  // The unigrams' tokens in file order: token i has id i in the calls below.
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }
  // The id of a token, -1 when it is not a unigram.
  std::int32_t id(const std::string& token) const;

  // log10 P(w | the last min(len, order - 1) ids of context) by the back-off rule.
  double log10_probability(const std::int32_t* context, std::size_t len, std::int32_t w) const;
  // As NgramModel::perplexity: the positions with order - 1 preceding ids (unseen: entries of -99 or below).
  // With marks on (the ids of <s> and </s>; KenLM's query): ids must be whole sentences <s> ... </s>, and
  // every id but <s> is scored after its sentence's context, none before its <s>.
  PerplexityReport perplexity(const std::int32_t* ids, std::size_t n, SentenceMarks marks = {}) const;

 private:
  struct Entry {
    double log10_p = 0;
    double log10_backoff = 0;
  };
  const Entry* find(const std::int32_t* ids, int k) const;
  void check_ids(const std::int32_t* ids, std::size_t n, const char* what) const;

  std::vector<std::uint64_t> header_counts_;
  std::vector<std::string> vocabulary_;
  std::unordered_map<std::string, std::int32_t> ids_;
  // [k - 1]: the k-grams, keyed by the bytes of their k ids.
  std::vector<std::unordered_map<std::string, Entry>> entries_;
};

}  // namespace seqlab::ngram
