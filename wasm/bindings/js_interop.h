#pragma once
// What every binding file needs to cross the boundary:
// - rethrow_as_js: each bound function runs its facade call through it, so that a seqlab::Error (or any
//   std::exception) reaches JavaScript as an ordinary Error carrying the message, not as an opaque
//   WebAssembly exception; a refused memory plan carries error.settings (what to lower), and an
//   allocation that still fails (std::bad_alloc) becomes a plain message;
// - typed_array_copy: bulk numbers leave as a typed array that JS owns (a copy, never a view into the
//   WebAssembly heap, which moves when memory grows).
#include <emscripten/val.h>

#include <vector>

namespace seqlab::bindings {

// What a request that still runs out of memory reports (the memory plans, engine/core/memory_budget.h,
// refuse what they can foresee; this is what they could not): said plainly, instead of "std::bad_alloc".
inline constexpr const char* kOutOfMemoryMessage =
    "the engine ran out of memory: this request needs more than WebAssembly's 4 GB allow (std::bad_alloc). "
    "Use a shorter text or smaller settings (batch, steps, hidden, layers, embedding)";

// Rethrows the exception being handled (call it only inside a catch block) as a JS Error, as described
// above; an exception that is not a std::exception passes unchanged. One function for every binding: each
// bound call's handler is a catch-all and this call, not three handlers written out again.
[[noreturn]] void throw_current_as_js();

template <class Call>
auto rethrow_as_js(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (...) {
    throw_current_as_js();
  }
}

template <class T>
emscripten::val typed_array_copy(const std::vector<T>& values) {
  return emscripten::val(emscripten::typed_memory_view(values.size(), values.data())).call<emscripten::val>("slice");
}

}  // namespace seqlab::bindings
