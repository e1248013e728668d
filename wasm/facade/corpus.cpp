#include "wasm/facade/corpus.h"

#include "engine/io/corpus_hash.h"
#include "engine/text/stats_options.h"
#include "wasm/facade/json_text.h"

namespace seqlab::facade {

Corpus::Corpus(const std::string& text, const std::string& options_json)
    : Corpus(text, schema::read_corpus_options(parse_options_text(options_json, "corpus"))) {}

Corpus::Corpus(const std::string& text, const schema::CorpusConfig& config)
    : corpus_(text::build_corpus(text, config.text)),
      val_fraction_(config.val_fraction),
      hash_(io::corpus_hash(text, corpus_.options)) {}

io::Json Corpus::stats(const std::string& options_json) const {
  const text::StatsOptions options =
      read_options(schema::stats_options(), parse_options_text(options_json, "stats"), text::StatsOptions());
  // The engine's JSON is snake_case (the CLI prints it); the JS boundary is camelCase: one converter.
  return camel_case_keys(text::to_json(text::compute_stats(corpus_, options), true));
}

io::Json Corpus::vocab_tokens_json() const {
  io::Json list = io::Json::array();
  for (const auto& t : corpus_.vocab.tokens()) list.push(t);
  return list;
}

}  // namespace seqlab::facade
