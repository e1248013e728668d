// Embind registration of the n-gram facade (wasm/facade/ngram.h). Nothing but registration.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/arpa.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/ngram.h"

namespace {

using seqlab::bindings::rethrow_as_js;
using seqlab::facade::Corpus;
using seqlab::facade::NgramModel;

NgramModel* make_ngram_model(const Corpus& corpus, std::string options_json) {
  return rethrow_as_js([&] { return new NgramModel(corpus, options_json); });
}
std::string evaluate_json(const NgramModel& m) {
  return rethrow_as_js([&] { return m.evaluate().dump(); });
}
std::string next_json(const NgramModel& m, std::string context, int top_k) {
  return rethrow_as_js([&] { return m.next(context, top_k).dump(); });
}
std::string sample(const NgramModel& m, std::string prefix, int length, double temperature, std::uint32_t seed) {
  return rethrow_as_js([&] { return m.sample(prefix, length, temperature, seed); });
}
std::string arpa_text(const NgramModel& m) {
  return rethrow_as_js([&] { return seqlab::facade::arpa_text(m); });
}
std::string evaluate_arpa_json(std::string arpa, std::string text) {
  return rethrow_as_js([&] { return seqlab::facade::evaluate_arpa(arpa, text).dump(); });
}
std::string perplexity_by_order_json(const Corpus& corpus, std::string options_json) {
  return rethrow_as_js([&] { return seqlab::facade::perplexity_by_order(corpus, options_json).dump(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_ngram) {
  emscripten::class_<NgramModel>("NgramModel")
      .constructor(&make_ngram_model, emscripten::allow_raw_pointers())
      .function("evaluateJson", &evaluate_json)
      .function("nextJson", &next_json)
      .function("sample", &sample)
      .function("arpa", &arpa_text);
  emscripten::function("ngramPerplexitiesJson", &perplexity_by_order_json);
  emscripten::function("evaluateArpaJson", &evaluate_arpa_json);
}
