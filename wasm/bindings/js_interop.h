#pragma once
// What every binding file needs to cross the boundary:
// - rethrow_as_js: each bound function runs its facade call through it, so that a seqlab::Error (or any
//   std::exception) reaches JavaScript as an ordinary Error carrying the message, not as an opaque
//   WebAssembly exception;
// - typed_array_copy: bulk numbers leave as a typed array that JS owns (a copy, never a view into the
//   WebAssembly heap, which moves when memory grows).
#include <emscripten/val.h>

#include <exception>
#include <string>
#include <vector>

namespace seqlab::bindings {

template <class Call>
auto rethrow_as_js(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    emscripten::val::global("Error").new_(std::string(e.what())).throw_();
  }
}

template <class T>
emscripten::val typed_array_copy(const std::vector<T>& values) {
  return emscripten::val(emscripten::typed_memory_view(values.size(), values.data())).call<emscripten::val>("slice");
}

}  // namespace seqlab::bindings
