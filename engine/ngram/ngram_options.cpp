#include "engine/ngram/ngram_options.h"

#include "engine/ngram/ngram_counts.h"

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(NgramOptions, ngram_options, "ngram") {
  using O = NgramOptions;
  Option<O> smoothing = choice_option<O>(
      "smoothing", SEQLAB_FIELD(smoothing),
      std::vector<std::pair<std::string, O::Smoothing>>{
          {"laplace", O::Smoothing::Laplace},
          {"add-k", O::Smoothing::AddK},
          {"d2l", O::Smoothing::D2L},
          {"mle", O::Smoothing::MLE},
          {"witten-bell", O::Smoothing::WittenBell},
          {"kneser-ney", O::Smoothing::KneserNey},
          {"modified-kneser-ney", O::Smoothing::ModifiedKneserNey},
          {"stupid-backoff", O::Smoothing::StupidBackoff}},
      "laplace (add-1), add-k (k), d2l (D2L's interpolated form with eps, n <= 3), mle (unsmoothed: unseen = 0, "
      "perplexity infinite), witten-bell (interpolated, the distinct followers of a context weigh its "
      "lower order), kneser-ney (interpolated, absolute discount and continuation counts), "
      "modified-kneser-ney (interpolated as KenLM: three discounts D1, D2, D3+ per order estimated from the "
      "count-of-counts, Chen & Goodman 1998) or stupid-backoff (Brants et al. 2007, alpha 0.4: a score, not a "
      "probability, so no perplexity; next tokens and samples use the scores normalised)");
  // 'add-k:0.5', 'd2l:0.1,1,1' (and 'kneser-ney:0.5'): parsed (and checked) by the engine's parser.
  smoothing.legacy = legacy_reader<O>([](O& o, const std::string& text) {
    if (text.find(':') == std::string::npos) return false;
    const ngram::Smoothing rule = ngram::Smoothing::parse(text);
    if (rule.kind == ngram::Smoothing::Kind::D2L) {
      o.smoothing = O::Smoothing::D2L;
      o.eps = {rule.epsilon[0], rule.epsilon[1], rule.epsilon[2]};
    } else if (rule.kind == ngram::Smoothing::Kind::KneserNey) {
      o.smoothing = O::Smoothing::KneserNey;
      o.discount = rule.discount;
    } else {
      o.smoothing = O::Smoothing::AddK;
      o.k = rule.k;
    }
    return true;
  });
  t.options = {
      int_option<O>("n", SEQLAB_FIELD(n), 1, ngram::kMaxOrder, "model order n"),
      smoothing,
      number_option<O>("k", SEQLAB_FIELD(k), 0, 1000, "add-k: the count added to every n-gram"),
      list_option<O>("eps", SEQLAB_FIELD(eps), OptionType::Number, 3, 3, 0, 1e6,
                     "d2l: epsilon_1, epsilon_2, epsilon_3"),
      number_option<O>("discount", SEQLAB_FIELD(discount), 0, 1,
                       "kneser-ney: the absolute discount d subtracted from every count"),
      bool_option<O>("padLines", SEQLAB_FIELD(pad_lines),
                     "word level: each line of the text is a sentence <s> w1 .. wm </s> (KenLM's padding: <s> is "
                     "context only, never predicted; </s> is predicted and scored; lines without a word are "
                     "skipped); off: one stream, as D2L"),
  };
  t.options[2].spec.min_exclusive = true;  // k > 0
  t.options[3].spec.min_exclusive = true;  // each epsilon > 0
  t.options[4].spec.min_exclusive = true;  // 0 < d < 1
  t.options[4].spec.max_exclusive = true;
}

ngram::Smoothing NgramOptions::rule() const {
  if (smoothing == Smoothing::AddK) return ngram::Smoothing::add_k(k);
  if (smoothing == Smoothing::D2L) return ngram::Smoothing::d2l(eps.at(0), eps.at(1), eps.at(2));
  if (smoothing == Smoothing::MLE) return ngram::Smoothing::mle();
  if (smoothing == Smoothing::WittenBell) return ngram::Smoothing::witten_bell();
  if (smoothing == Smoothing::KneserNey) return ngram::Smoothing::kneser_ney(discount);
  if (smoothing == Smoothing::ModifiedKneserNey) return ngram::Smoothing::modified_kneser_ney();
  if (smoothing == Smoothing::StupidBackoff) return ngram::Smoothing::stupid_backoff();
  return ngram::Smoothing::laplace();
}

}  // namespace seqlab::schema
