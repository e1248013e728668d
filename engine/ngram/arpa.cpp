#include "engine/ngram/arpa.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace seqlab::ngram {

namespace {

// SRILM's log10 for a probability of 0 (and the threshold below which a read probability counts as 0).
constexpr double kLog10Zero = -99.0;

std::string number(double x) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.9g", x);
  return buffer;
}

double log10_or_zero(double p) { return p > 0.0 ? std::log10(p) : kLog10Zero; }

// The fields of an ARPA line: runs of characters other than spaces and tabs.
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while (true) {
    at = line.find_first_not_of(" \t", at);
    if (at == std::string::npos) return fields;
    const std::size_t end = std::min(line.find_first_of(" \t", at), line.size());
    fields.push_back(line.substr(at, end - at));
    at = end;
  }
}

std::string key_of(const std::int32_t* ids, int k) {
  return std::string(reinterpret_cast<const char*>(ids), sizeof(std::int32_t) * static_cast<std::size_t>(k));
}

}  // namespace

std::string write_arpa(const NgramModel& model, const std::vector<std::string>& names) {
  const NgramCounts& c = model.counts();
  const int n = model.order();
  const int V = model.vocab_size();
  if (static_cast<int>(names.size()) != V)
    throw Error("ARPA: " + std::to_string(names.size()) + " token names for a vocabulary of " + std::to_string(V));
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].empty() || names[i].find_first_of(" \t\r\n\f\v") != std::string::npos)
      throw Error("ARPA: token " + std::to_string(i) + " ('" + names[i] +
                  "') is empty or holds white space, which the format uses as its separator");
  const std::int32_t first = 0;
  model.level_probability(&first, 1);  // refuses a smoothing without a back-off form before any work

  // log10 bow of the k ids h (0, i.e. bow 1, at the top order): the model's interpolation weight of h, which is
  // what an unlisted h w gets times the lower order. Taken from the model, not as (1 - listed mass above) /
  // (1 - listed mass below): those differences cancel to noise when the weight is tiny (a discount of 1e-12:
  // a case the fuzzer found).
  const auto log10_backoff = [&](const std::int32_t* h, int k) {
    if (k >= n) return 0.0;
    return log10_or_zero(model.interpolation_weight(h, k));
  };

  // Plain string building: <sstream> would bring iostreams and locales into the page's module (about 18 KB
  // gzipped).
  std::string out = "\\data\\\n";
  out += "ngram 1=" + std::to_string(V) + "\n";
  for (int k = 2; k <= n; ++k) out += "ngram " + std::to_string(k) + "=" + std::to_string(c.distinct(k)) + "\n";
  const auto line = [&](const std::int32_t* ids, int k, double p) {
    out += number(log10_or_zero(p));
    out += '\t';
    for (int j = 0; j < k; ++j) {
      if (j) out += ' ';
      out += names[static_cast<std::size_t>(ids[j])];
    }
    const double backoff = log10_backoff(ids, k);
    if (k < n) {
      out += '\t';
      out += number(backoff);
    }
    out += '\n';
  };
  out += "\n\\1-grams:\n";
  for (std::int32_t w = 0; w < V; ++w) line(&w, 1, model.level_probability(&w, 1));
  for (int k = 2; k <= n; ++k) {
    out += "\n\\" + std::to_string(k) + "-grams:\n";
    c.for_each(k, [&](const std::int32_t* ids, std::uint64_t) { line(ids, k, model.level_probability(ids, k)); });
  }
  out += "\n\\end\\\n";
  return out;
}

ArpaModel::ArpaModel(const std::string& text) {
  int line_number = 0;
  enum class Part { Before, Header, Section, End } part = Part::Before;
  int section = 0;
  const auto fail = [&](const std::string& why) {
    throw Error("ARPA line " + std::to_string(line_number) + ": " + why);
  };
  const auto parse_number = [&](const std::string& field, const char* what) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(field.c_str(), &end);
    if (field.empty() || *end != '\0' || errno == ERANGE || std::isnan(value) || value > 0.0)
      fail(std::string(what) + " '" + field + "' is not a number <= 0");
    return value;
  };
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end_of_line = std::min(text.find('\n', at), text.size());
    std::string raw = text.substr(at, end_of_line - at);
    at = end_of_line + 1;
    ++line_number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    const std::vector<std::string> fields = split_fields(raw);
    if (part == Part::Before) {
      if (fields.size() == 1 && fields[0] == "\\data\\") part = Part::Header;
      continue;  // text before \data\ is a comment
    }
    if (fields.empty()) continue;
    if (part == Part::End) fail("text after \\end\\");
    if (fields.size() == 1 && fields[0] == "\\end\\") {
      part = Part::End;
      continue;
    }
    const std::string& head = fields[0];
    if (fields.size() == 1 && head.size() >= 9 && head[0] == '\\' && head.compare(head.size() - 7, 7, "-grams:") == 0) {
      const std::string digits = head.substr(1, head.size() - 8);
      const int k = std::atoi(digits.c_str());
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || k != section + 1 ||
          k > order())
        fail("section '" + head + "' out of order (expected \\" + std::to_string(section + 1) +
             "-grams: of the header's " + std::to_string(order()) + " orders)");
      if (section > 0 && entries_[static_cast<std::size_t>(section - 1)].size() != header_counts_[static_cast<std::size_t>(section - 1)])
        fail("the " + std::to_string(section) + "-grams section lists " +
             std::to_string(entries_[static_cast<std::size_t>(section - 1)].size()) + " n-grams, the header says " +
             std::to_string(header_counts_[static_cast<std::size_t>(section - 1)]));
      section = k;
      part = Part::Section;
      continue;
    }
    if (part == Part::Header) {
      const auto eq = raw.find('=');
      if (fields.size() < 2 || head != "ngram" || eq == std::string::npos)
        fail("expected 'ngram K=COUNT' in the header, got '" + raw + "'");
      const std::string k_text = raw.substr(raw.find("ngram") + 5, eq - raw.find("ngram") - 5);
      const int k = std::atoi(k_text.c_str());
      char* end = nullptr;
      const unsigned long long count = std::strtoull(raw.c_str() + eq + 1, &end, 10);
      while (*end == ' ' || *end == '\t') ++end;
      if (k != order() + 1 || *end != '\0' || k > kMaxOrder)
        fail("expected 'ngram " + std::to_string(order() + 1) + "=COUNT' (orders 1.." + std::to_string(kMaxOrder) +
             " in turn), got '" + raw + "'");
      header_counts_.push_back(count);
      entries_.emplace_back();
      continue;
    }
    // An n-gram line of section k: log10 p, k tokens, an optional log10 bow.
    const int k = section;
    if (static_cast<int>(fields.size()) != k + 1 && static_cast<int>(fields.size()) != k + 2)
      fail("a " + std::to_string(k) + "-gram line has " + std::to_string(fields.size()) +
           " fields; expected log10 p, " + std::to_string(k) + " tokens and an optional log10 back-off");
    Entry entry;
    entry.log10_p = parse_number(fields[0], "log10 probability");
    if (static_cast<int>(fields.size()) == k + 2) {
      char* end = nullptr;
      entry.log10_backoff = std::strtod(fields.back().c_str(), &end);
      if (*end != '\0' || !std::isfinite(entry.log10_backoff))
        fail("log10 back-off '" + fields.back() + "' is not a number");
    }
    std::vector<std::int32_t> ids(static_cast<std::size_t>(k));
    for (int j = 0; j < k; ++j) {
      const std::string& token = fields[static_cast<std::size_t>(j + 1)];
      if (k == 1) {
        if (ids_.count(token)) fail("the unigram '" + token + "' is listed twice");
        ids_[token] = static_cast<std::int32_t>(vocabulary_.size());
        vocabulary_.push_back(token);
      }
      const auto found = ids_.find(token);
      if (found == ids_.end()) fail("the token '" + token + "' is not a unigram");
      ids[static_cast<std::size_t>(j)] = found->second;
    }
    if (!entries_[static_cast<std::size_t>(k - 1)].emplace(key_of(ids.data(), k), entry).second)
      fail("the " + std::to_string(k) + "-gram '" + raw + "' is listed twice");
  }
  if (part == Part::Before) throw Error("ARPA: no \\data\\ line: not an ARPA file");
  if (part != Part::End) throw Error("ARPA: no \\end\\ line: the file is cut short");
  if (section != order())
    throw Error("ARPA: the header lists " + std::to_string(order()) + " orders, the file has sections up to " +
                std::to_string(section));
  for (int k = 1; k <= order(); ++k)
    if (entries_[static_cast<std::size_t>(k - 1)].size() != header_counts_[static_cast<std::size_t>(k - 1)])
      throw Error("ARPA: the " + std::to_string(k) + "-grams section lists " +
                  std::to_string(entries_[static_cast<std::size_t>(k - 1)].size()) + " n-grams, the header says " +
                  std::to_string(header_counts_[static_cast<std::size_t>(k - 1)]));
  if (order() == 0) throw Error("ARPA: the header lists no orders");
}

std::uint64_t ArpaModel::count(int k) const {
  if (k < 1 || k > order())
    throw Error("ARPA: order " + std::to_string(k) + " is outside [1, " + std::to_string(order()) + "]");
  return header_counts_[static_cast<std::size_t>(k - 1)];
}

std::int32_t ArpaModel::id(const std::string& token) const {
  const auto found = ids_.find(token);
  return found == ids_.end() ? -1 : found->second;
}

const ArpaModel::Entry* ArpaModel::find(const std::int32_t* ids, int k) const {
  const auto& map = entries_[static_cast<std::size_t>(k - 1)];
  const auto found = map.find(key_of(ids, k));
  return found == map.end() ? nullptr : &found->second;
}

void ArpaModel::check_ids(const std::int32_t* ids, std::size_t n, const char* what) const {
  for (std::size_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= static_cast<std::int32_t>(vocabulary_.size()))
      throw Error(std::string("ARPA ") + what + ": token id " + std::to_string(ids[i]) + " at position " +
                  std::to_string(i) + " is outside the vocabulary [0, " + std::to_string(vocabulary_.size()) + ")");
}

double ArpaModel::log10_probability(const std::int32_t* context, std::size_t len, std::int32_t w) const {
  check_ids(context, len, "context");
  check_ids(&w, 1, "next token");
  const int used = static_cast<int>(std::min<std::size_t>(len, static_cast<std::size_t>(order() - 1)));
  std::int32_t window[kMaxOrder];
  double backoff = 0.0;
  // From the longest context down: the first listed (h w) wins; each context passed adds its bow.
  for (int m = used; m >= 0; --m) {
    const std::int32_t* h = context + len - static_cast<std::size_t>(m);
    for (int j = 0; j < m; ++j) window[j] = h[j];
    window[m] = w;
    if (const Entry* e = find(window, m + 1)) return backoff + e->log10_p;
    if (m > 0)
      if (const Entry* context_entry = find(h, m)) backoff += context_entry->log10_backoff;
  }
  return backoff + kLog10Zero;  // unreachable: every unigram is listed
}

PerplexityReport ArpaModel::perplexity(const std::int32_t* ids, std::size_t n, SentenceMarks marks) const {
  check_ids(ids, n, "evaluation text");
  const std::size_t context = static_cast<std::size_t>(order() - 1);
  if (marks.on()) {
    check_sentences(ids, n, marks, "the evaluation text");
    if (n == 0) throw Error("the evaluation text has no sentence to score (<s> ... </s>)");
    PerplexityReport report;
    double log10_sum = 0.0;
    std::size_t sentence_start = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (ids[i] == marks.start) {
        sentence_start = i;
        continue;  // a context, never scored
      }
      const std::size_t len = std::min(context, i - sentence_start);
      const double lp = log10_probability(ids + i - len, len, ids[i]);
      ++report.scored;
      if (lp <= kLog10Zero) ++report.unseen;
      else log10_sum += lp;
    }
    report.cross_entropy_nats = report.unseen > 0 ? std::numeric_limits<double>::infinity()
                                                  : -log10_sum * std::log(10.0) / static_cast<double>(report.scored);
    report.cross_entropy_bits = report.cross_entropy_nats / std::log(2.0);
    report.perplexity = std::exp(report.cross_entropy_nats);
    return report;
  }
  if (n <= context)
    throw Error("the evaluation text has " + std::to_string(n) + " tokens; an order-" + std::to_string(order()) +
                " ARPA model needs at least " + std::to_string(order()));
  PerplexityReport report;
  double log10_sum = 0.0;
  for (std::size_t i = context; i < n; ++i) {
    const double lp = log10_probability(ids + i - context, context, ids[i]);
    if (lp <= kLog10Zero) {
      ++report.unseen;
      continue;
    }
    log10_sum += lp;
  }
  report.scored = n - context;
  report.cross_entropy_nats = report.unseen > 0 ? std::numeric_limits<double>::infinity()
                                                : -log10_sum * std::log(10.0) / static_cast<double>(report.scored);
  report.cross_entropy_bits = report.cross_entropy_nats / std::log(2.0);
  report.perplexity = std::exp(report.cross_entropy_nats);
  return report;
}

}  // namespace seqlab::ngram
