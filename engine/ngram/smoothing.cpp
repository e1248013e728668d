#include "engine/ngram/smoothing.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "engine/ngram/ngram_counts.h"

namespace seqlab::ngram {

namespace {

const char* kForms =
    "laplace | add-k:K (K > 0) | d2l:E1,E2,E3 (each > 0) | mle | witten-bell | kneser-ney | kneser-ney:D (0 < D < 1) | modified-kneser-ney | stupid-backoff";

double parse_positive(const std::string& number, const std::string& whole, const char* what) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || errno != 0 || !std::isfinite(value) || !(value > 0.0))
    throw Error(std::string("smoothing '") + whole + "': " + what + " must be a finite number > 0, got '" +
                number + "' (forms: " + kForms + ")");
  return value;
}

}  // namespace

Smoothing Smoothing::add_k(double k) {
  if (!std::isfinite(k) || !(k > 0.0))
    throw Error("add-k smoothing needs a finite k > 0, got " + shortest_round_trip(k));
  Smoothing s;
  s.kind = Kind::AddK;
  s.k = k;
  return s;
}

Smoothing Smoothing::d2l(double e1, double e2, double e3) {
  const double eps[3] = {e1, e2, e3};
  for (int i = 0; i < 3; ++i)
    if (!std::isfinite(eps[i]) || !(eps[i] > 0.0))
      throw Error("D2L smoothing needs finite epsilon_" + std::to_string(i + 1) + " > 0, got " +
                  shortest_round_trip(eps[i]));
  Smoothing s;
  s.kind = Kind::D2L;
  for (int i = 0; i < 3; ++i) s.epsilon[i] = eps[i];
  return s;
}

Smoothing Smoothing::mle() {
  Smoothing s;
  s.kind = Kind::MLE;
  return s;
}

Smoothing Smoothing::witten_bell() {
  Smoothing s;
  s.kind = Kind::WittenBell;
  return s;
}

Smoothing Smoothing::kneser_ney(double discount) {
  // d = 0 would be unsmoothed and d >= 1 would discount a count-1 n-gram to nothing.
  if (!std::isfinite(discount) || !(discount > 0.0) || !(discount < 1.0))
    throw Error("Kneser-Ney smoothing needs a discount d in (0, 1), got " + shortest_round_trip(discount));
  Smoothing s;
  s.kind = Kind::KneserNey;
  s.discount = discount;
  return s;
}

Smoothing Smoothing::modified_kneser_ney() {
  Smoothing s;
  s.kind = Kind::ModifiedKneserNey;
  return s;
}

Smoothing Smoothing::stupid_backoff() {
  Smoothing s;
  s.kind = Kind::StupidBackoff;
  return s;
}

Smoothing Smoothing::parse(const std::string& text) {
  if (text == "laplace") return laplace();
  if (text == "mle") return mle();
  if (text == "witten-bell") return witten_bell();
  if (text == "modified-kneser-ney") return modified_kneser_ney();
  if (text == "stupid-backoff") return stupid_backoff();
  if (text == "kneser-ney") return kneser_ney(Smoothing{}.discount);
  if (text.rfind("kneser-ney:", 0) == 0) {
    const double d = parse_positive(text.substr(11), text, "D");
    if (!(d < 1.0))
      throw Error("smoothing '" + text + "': D must be in (0, 1), got '" + text.substr(11) + "' (forms: " + kForms + ")");
    return kneser_ney(d);
  }
  if (text.rfind("add-k:", 0) == 0) return add_k(parse_positive(text.substr(6), text, "K"));
  if (text.rfind("d2l:", 0) == 0) {
    const std::string rest = text.substr(4);
    const auto c1 = rest.find(',');
    const auto c2 = c1 == std::string::npos ? std::string::npos : rest.find(',', c1 + 1);
    if (c1 == std::string::npos || c2 == std::string::npos || rest.find(',', c2 + 1) != std::string::npos)
      throw Error("smoothing '" + text + "': d2l needs exactly three values E1,E2,E3 (forms: " + kForms + ")");
    return d2l(parse_positive(rest.substr(0, c1), text, "E1"),
               parse_positive(rest.substr(c1 + 1, c2 - c1 - 1), text, "E2"),
               parse_positive(rest.substr(c2 + 1), text, "E3"));
  }
  throw Error("unknown smoothing '" + text + "' (forms: " + kForms + ")");
}

std::string Smoothing::to_string() const {
  if (kind == Kind::D2L)
    return "d2l:" + shortest_round_trip(epsilon[0]) + "," + shortest_round_trip(epsilon[1]) + "," +
           shortest_round_trip(epsilon[2]);
  if (kind == Kind::MLE) return "mle";
  if (kind == Kind::WittenBell) return "witten-bell";
  if (kind == Kind::KneserNey) return "kneser-ney:" + shortest_round_trip(discount);
  if (kind == Kind::ModifiedKneserNey) return "modified-kneser-ney";
  if (kind == Kind::StupidBackoff) return "stupid-backoff";
  if (k == 1.0) return "laplace";
  return "add-k:" + shortest_round_trip(k);
}

int Smoothing::max_order() const { return kind == Kind::D2L ? 3 : kMaxOrder; }

}  // namespace seqlab::ngram
