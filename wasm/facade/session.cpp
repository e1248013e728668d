#include "wasm/facade/session.h"

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/schema/ngram_options.h"
#include "wasm/facade/json_text.h"

namespace seqlab::facade {

namespace {

// The session's split is the corpus's; a valFraction elsewhere would silently disagree with it.
void refuse_split(const std::string& options_json, const char* group) {
  if (options_json.empty()) return;
  if (parse_options_text(options_json, group).has("valFraction"))
    throw Error(std::string(group) + " options: valFraction is the corpus's option (give it to loadCorpus)");
}

std::size_t code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;  // every byte but continuation bytes starts one
  return n;
}

}  // namespace

const Corpus& Session::corpus() const {
  if (!corpus_) throw Error("session: no corpus loaded (call loadCorpus first)");
  return *corpus_;
}

Trainer& Session::trainer(const std::string& name) const {
  const auto it = trainers_.find(name);
  if (it == trainers_.end()) {
    std::string names;
    for (const auto& [n, t] : trainers_) names += (names.empty() ? "'" : ", '") + n + "'";
    throw Error("session: no trainer named '" + name + "' (trainers: " + (names.empty() ? "none" : names) + ")");
  }
  return *it->second;
}

io::Json Session::load_corpus(const std::string& text, const std::string& corpus_options_json) {
  // Everything built on the old corpus goes first: its ids, vocabulary and split no longer exist.
  ngram_.reset();
  trainers_.clear();
  corpus_.reset();
  corpus_ = std::make_unique<Corpus>(text, corpus_options_json);
  const std::size_t tokens = corpus_->corpus().ids.size();
  const std::size_t train_tokens = split_tokens(tokens, corpus_->val_fraction()).train_end;
  io::Json out = io::Json::object();
  out.set("tokens", static_cast<unsigned long long>(tokens))
      .set("vocabSize", corpus_->vocab_size())
      .set("characters", static_cast<unsigned long long>(code_points(text)))
      .set("trainTokens", static_cast<unsigned long long>(train_tokens))
      .set("valTokens", static_cast<unsigned long long>(tokens - train_tokens))
      .set("options", corpus_->options());
  return out;
}

io::Json Session::corpus_stats(const std::string& stats_options_json) const {
  return corpus().stats(stats_options_json);
}

io::Json Session::ngram_perplexities(const std::string& options_json) const {
  refuse_split(options_json, "ngram");
  return perplexity_by_order(corpus(), options_json, /*leave_out_beyond_smoothing=*/true);
}

io::Json Session::build_ngram(const std::string& ngram_options_json) {
  refuse_split(ngram_options_json, "ngram");
  ngram_.reset();  // a failed build leaves no model of older options behind
  ngram_ = std::make_unique<NgramModel>(corpus(), ngram_options_json);
  return ngram_->evaluate();
}

io::Json Session::ngram_next(const std::string& context, int top_k) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->next(context, top_k);
}

io::Json Session::ngram_sample(const std::string& options_json) const {
  if (!ngram_) throw Error("session: no n-gram model (call buildNgram first)");
  return ngram_->sample_json(options_json);
}

io::Json Session::trainer_summary(const std::string& name) const {
  const Trainer& t = trainer(name);
  io::Json out = io::Json::object();
  out.set("name", name).set("parameterCount", t.parameter_count()).set("options", t.options());
  return out;
}

io::Json Session::create_trainer(const std::string& name, const std::string& model_json,
                                 const std::string& train_json) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  refuse_split(train_json, "train");
  auto made = std::make_unique<Trainer>(corpus(), model_json, train_json);
  trainers_[name] = std::move(made);  // replaces (and frees) a trainer of the same name
  return trainer_summary(name);
}

io::Json Session::run(const std::string& name, int minibatches) { return trainer(name).run(minibatches); }
io::Json Session::evaluate(const std::string& name) { return trainer(name).evaluate(); }

io::Json Session::set_train_options(const std::string& name, const std::string& train_json) {
  refuse_split(train_json, "train");
  Trainer& t = trainer(name);
  t.set_options(train_json);
  return t.options();
}

io::Json Session::generate(const std::string& name, const std::string& options_json) {
  return trainer(name).generate(options_json);
}

io::Json Session::diagnostics(const std::string& name) const { return trainer(name).diagnostics(); }
io::Json Session::trainer_options(const std::string& name) const { return trainer(name).options(); }
std::vector<std::uint8_t> Session::save(const std::string& name) const { return trainer(name).save(); }

io::Json Session::load_trainer(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  if (name.empty()) throw Error("session: a trainer needs a non-empty name");
  auto loaded = std::make_unique<Trainer>(Trainer::load(bytes));
  trainers_[name] = std::move(loaded);
  return trainer_summary(name);
}

void Session::delete_trainer(const std::string& name) {
  trainer(name);  // throws for an unknown name
  trainers_.erase(name);
}

io::Json Session::trainer_names() const {
  io::Json names = io::Json::array();
  for (const auto& [name, t] : trainers_) names.push(name);
  return names;
}

}  // namespace seqlab::facade
