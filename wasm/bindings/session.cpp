// Embind registration of the Session facade (wasm/facade/session.h). Nothing but registration: results
// cross as JSON text (parsed by wasm/js/session.mjs), checkpoints as Uint8Array copies.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "wasm/bindings/js_interop.h"
#include "wasm/facade/session.h"

namespace {

using seqlab::bindings::rethrow_as_js;
using seqlab::bindings::typed_array_copy;
using seqlab::facade::Session;

std::string load_corpus(Session& s, std::string text, std::string options) {
  return rethrow_as_js([&] { return s.load_corpus(text, options).dump(); });
}
std::string load_task(Session& s, std::string options) {
  return rethrow_as_js([&] { return s.load_task(options).dump(); });
}
emscripten::val corpus_ids(const Session& s) {
  return rethrow_as_js([&] { return typed_array_copy(s.corpus_ids()); });
}
std::string tokens(const Session& s) { return rethrow_as_js([&] { return s.tokens().dump(); }); }
emscripten::val encode(const Session& s, std::string text) {
  return rethrow_as_js([&] { return typed_array_copy(s.encode(text)); });
}
std::string decode(const Session& s, const emscripten::val& ids) {
  return rethrow_as_js([&] { return s.decode(emscripten::convertJSArrayToNumberVector<std::int32_t>(ids)); });
}
std::string corpus_stats(const Session& s, std::string options) {
  return rethrow_as_js([&] { return s.corpus_stats(options).dump(); });
}
std::string ngram_perplexities(const Session& s, std::string options) {
  return rethrow_as_js([&] { return s.ngram_perplexities(options).dump(); });
}
std::string build_ngram(Session& s, std::string options) {
  return rethrow_as_js([&] { return s.build_ngram(options).dump(); });
}
std::string ngram_next(const Session& s, std::string context, int top_k) {
  return rethrow_as_js([&] { return s.ngram_next(context, top_k).dump(); });
}
std::string ngram_sample(const Session& s, std::string options) {
  return rethrow_as_js([&] { return s.ngram_sample(options).dump(); });
}
std::string create_trainer(Session& s, std::string name, std::string model, std::string train) {
  return rethrow_as_js([&] { return s.create_trainer(name, model, train).dump(); });
}
std::string run(Session& s, std::string name, int minibatches) {
  return rethrow_as_js([&] { return s.run(name, minibatches).dump(); });
}
std::string begin_run(Session& s, std::string name, std::string options) {
  return rethrow_as_js([&] { return s.begin_run(name, options).dump(); });
}
std::string set_run_options(Session& s, std::string name, std::string options) {
  return rethrow_as_js([&] { return s.set_run_options(name, options).dump(); });
}
std::string advance_run(Session& s, std::string name, int minibatches) {
  return rethrow_as_js([&] { return s.advance_run(name, minibatches).dump(); });
}
std::string evaluate(Session& s, std::string name) {
  return rethrow_as_js([&] { return s.evaluate(name).dump(); });
}
std::string set_train_options(Session& s, std::string name, std::string train) {
  return rethrow_as_js([&] { return s.set_train_options(name, train).dump(); });
}
std::string generate(Session& s, std::string name, std::string options) {
  return rethrow_as_js([&] { return s.generate(name, options).dump(); });
}
std::string diagnostics(const Session& s, std::string name) {
  return rethrow_as_js([&] { return s.diagnostics(name).dump(); });
}
std::string trainer_options(const Session& s, std::string name) {
  return rethrow_as_js([&] { return s.trainer_options(name).dump(); });
}
std::string curve(const Session& s, std::string name) {
  return rethrow_as_js([&] { return s.curve(name).dump(); });
}
emscripten::val save(const Session& s, std::string name) {
  return rethrow_as_js([&] { return typed_array_copy(s.save(name)); });
}
// {safetensors: Uint8Array, script: string, fileStem: string}
emscripten::val export_pytorch(const Session& s, std::string name) {
  return rethrow_as_js([&] {
    const Session::PytorchExport e = s.export_pytorch(name);
    emscripten::val out = emscripten::val::object();
    out.set("safetensors", typed_array_copy(e.safetensors));
    out.set("script", e.script);
    out.set("fileStem", e.file_stem);
    return out;
  });
}
std::string load_trainer(Session& s, std::string name, const emscripten::val& bytes) {
  return rethrow_as_js([&] {
    return s.load_trainer(name, emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes)).dump();
  });
}
void delete_trainer(Session& s, std::string name) {
  rethrow_as_js([&] { s.delete_trainer(name); });
}
std::string trainer_names(const Session& s) {
  return rethrow_as_js([&] { return s.trainer_names().dump(); });
}

// The BPTT lab.
std::string probe(Session& s, std::string name, std::string options) {
  return rethrow_as_js([&] { return s.probe(name, options).dump(); });
}
std::string gate_activations(Session& s, std::string name, std::string text, std::string options) {
  return rethrow_as_js([&] { return s.gate_activations(name, text, options).dump(); });
}
std::string linear_rnn(Session& s, std::string options) {
  return rethrow_as_js([&] { return s.linear_rnn(options).dump(); });
}
std::string batch_layout(const Session& s, std::string options, int k) {
  return rethrow_as_js([&] { return s.batch_layout(options, k).dump(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(seqlab_session) {
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("loadCorpus", &load_corpus)
      .function("loadTask", &load_task)
      .function("corpusIds", &corpus_ids)
      .function("hasCorpus", &Session::has_corpus)
      .function("tokens", &tokens)
      .function("encode", &encode)
      .function("decode", &decode)
      .function("corpusStats", &corpus_stats)
      .function("ngramPerplexities", &ngram_perplexities)
      .function("buildNgram", &build_ngram)
      .function("ngramNext", &ngram_next)
      .function("ngramSample", &ngram_sample)
      .function("createTrainer", &create_trainer)
      .function("run", &run)
      .function("beginRun", &begin_run)
      .function("setRunOptions", &set_run_options)
      .function("advanceRun", &advance_run)
      .function("evaluate", &evaluate)
      .function("setTrainOptions", &set_train_options)
      .function("generate", &generate)
      .function("diagnostics", &diagnostics)
      .function("trainerOptions", &trainer_options)
      .function("curve", &curve)
      .function("save", &save)
      .function("exportPytorch", &export_pytorch)
      .function("loadTrainer", &load_trainer)
      .function("deleteTrainer", &delete_trainer)
      .function("trainerNames", &trainer_names)
      // The BPTT lab
      .function("probe", &probe)
      .function("gateActivations", &gate_activations)
      .function("linearRnn", &linear_rnn)
      .function("batchLayout", &batch_layout);
}
