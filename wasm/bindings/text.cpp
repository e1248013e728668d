// Embind registration of the text facade (wasm/facade/corpus.h). Nothing but registration.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/corpus.h"

namespace {

using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;
using seqlab::facade::Corpus;

Corpus* make_corpus(std::string text, std::string options_json) {
  return rethrow_as_js([&] { return new Corpus(text, options_json); });
}
int token_count(const Corpus& c) { return c.token_count(); }
int vocab_size(const Corpus& c) { return c.vocab_size(); }
std::string stats_json(const Corpus& c, std::string options_json) {
  return rethrow_as_js([&] { return c.stats(options_json).dump(); });
}
std::string options_json(const Corpus& c) {
  return rethrow_as_js([&] { return c.options().dump(); });
}
emscripten::val ids(const Corpus& c) {
  return rethrow_as_js([&] { return typed_array_copy(c.corpus().ids); });
}
emscripten::val encode(const Corpus& c, std::string text) {
  return rethrow_as_js([&] { return typed_array_copy(c.encode(text)); });
}
std::string decode(const Corpus& c, const emscripten::val& ids) {
  return rethrow_as_js([&] { return c.decode(emscripten::convertJSArrayToNumberVector<std::int32_t>(ids)); });
}
std::string vocab_tokens_json(const Corpus& c) {
  return rethrow_as_js([&] { return c.vocab_tokens_json().dump(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_text) {
  emscripten::class_<Corpus>("Corpus")
      .constructor(&make_corpus, emscripten::allow_raw_pointers())
      .function("tokenCount", &token_count)
      .function("vocabSize", &vocab_size)
      .function("statsJson", &stats_json)
      .function("optionsJson", &options_json)
      .function("ids", &ids)
      .function("encode", &encode)
      .function("decode", &decode)
      .function("vocabTokensJson", &vocab_tokens_json);
}
