#include "wasm/facade/arpa.h"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"
#include "engine/ngram/arpa.h"
#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"
#include "engine/text/vocabulary.h"
#include "wasm/facade/sentences.h"

namespace seqlab::facade {

namespace {

constexpr const char* kCommentStart = "seqlab ngram:";

const std::vector<std::pair<std::string, std::string>>& white_space_names() {
  static const std::vector<std::pair<std::string, std::string>> names = {
      {" ", "<space>"}, {"\n", "<newline>"}, {"\t", "<tab>"}};
  return names;
}

std::string arpa_name(const std::string& token) {
  for (const auto& [spelled, name] : white_space_names())
    if (token == spelled) return name;
  return token;
}

std::string token_of(const std::string& name) {
  for (const auto& [spelled, written] : white_space_names())
    if (name == written) return spelled;
  return name;
}

// The value of `key=` in the comment line, or "" when absent.
std::string comment_value(const std::string& arpa, const std::string& key) {
  const auto start = arpa.find(kCommentStart);
  const auto data = arpa.find("\\data\\");
  if (start == std::string::npos || (data != std::string::npos && start > data)) return "";
  const std::string line = arpa.substr(start, arpa.find('\n', start) - start);
  const auto at = line.find(" " + key + "=");
  if (at == std::string::npos) return "";
  const auto begin = at + key.size() + 2;
  return line.substr(begin, line.find(' ', begin) - begin);
}

}  // namespace

std::string arpa_text(const NgramModel& model) {
  std::vector<std::string> names;
  for (const std::string& token : model.vocabulary().tokens()) names.push_back(arpa_name(token));
  const auto& options = model.corpus_options();
  const auto& engine = model.engine_model();
  return std::string(kCommentStart) + " level=" + text::level_name(options.level) +
         " preprocess=" + text::preprocess_name(options.preprocess) + " smoothing=" + engine.smoothing().to_string() +
         " n=" + std::to_string(engine.order()) + (engine.marks().on() ? " pad=lines" : "") + "\n" +
         ngram::write_arpa(engine, names);
}

Json evaluate_arpa(const std::string& arpa, const std::string& raw_text) {
  const ngram::ArpaModel model(arpa);
  const std::string level_text = comment_value(arpa, "level");
  const std::string preprocess_text = comment_value(arpa, "preprocess");
  const text::Level level = level_text.empty() ? text::Level::Word : text::parse_level(level_text);
  const text::Preprocess preprocess =
      preprocess_text.empty() ? text::Preprocess::None : text::parse_preprocess(preprocess_text);
  // A vocabulary over the file's tokens tokenizes the text as the corpus did; its ids map to the file's.
  std::vector<std::string> tokens;
  for (const std::string& name : model.vocabulary())
    if (name != text::kUnknownToken) tokens.push_back(token_of(name));
  const std::vector<std::string_view> views(tokens.begin(), tokens.end());
  const text::Vocabulary vocabulary({}, views);
  const std::int32_t unknown_id = model.id(text::kUnknownToken);
  // Padded when the file says so; a file without seqlab's comment when it lists both marks (KenLM, SRILM).
  const bool has_comment = !level_text.empty();
  const bool pad = has_comment ? comment_value(arpa, "pad") == "lines"
                               : model.id(kSentenceStart) >= 0 && model.id(kSentenceEnd) >= 0;
  if (pad && (model.id(kSentenceStart) < 0 || model.id(kSentenceEnd) < 0))
    throw Error("the ARPA file says pad=lines but does not list both <s> and </s>");
  std::vector<std::int32_t> ids;
  ngram::SentenceMarks marks;
  if (pad) {
    if (level != text::Level::Word) throw Error("the ARPA file pads lines of a character-level model, which seqlab does not do");
    PaddedVocabulary padded{vocabulary, {vocabulary.id_of(kSentenceStart), vocabulary.id_of(kSentenceEnd)}};
    text::Tokenization options;
    options.level = level;
    options.preprocess = preprocess;
    ids = encode_lines(raw_text, padded, options);
    marks = {model.id(kSentenceStart), model.id(kSentenceEnd)};
  } else {
    ids = vocabulary.encode(text::preprocess(raw_text, preprocess), level);
  }
  std::size_t unknown = 0;
  for (std::int32_t& id : ids) {
    if (id == 0) {
      ++unknown;
      if (unknown_id < 0)
        throw Error("the text has a token the ARPA model does not list, and the model has no <unk> for it");
      id = unknown_id;
    } else {
      id = model.id(arpa_name(vocabulary.token(id)));
    }
  }
  const auto report = model.perplexity(ids.data(), ids.size(), marks);
  const auto number = [](double x) { return std::isfinite(x) ? Json(x) : Json(); };
  Json counts = Json::array();
  for (int k = 1; k <= model.order(); ++k) counts.push(model.count(k));
  Json out = Json::object();
  out.set("order", model.order()).set("counts", counts);
  out.set("level", text::level_name(level)).set("preprocess", text::preprocess_name(preprocess)).set("padLines", pad);
  out.set("perplexity", number(report.perplexity)).set("crossEntropyNats", number(report.cross_entropy_nats));
  out.set("crossEntropyBits", number(report.cross_entropy_bits)).set("scored", report.scored);
  out.set("unseen", report.unseen).set("tokens", ids.size()).set("unknown", unknown);
  return out;
}

}  // namespace seqlab::facade
