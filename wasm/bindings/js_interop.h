#pragma once
// What every binding file needs to cross the boundary:
// - rethrow_as_js: each bound function runs its facade call through it, so that a seqlab::Error (or any
//   std::exception) reaches JavaScript as an ordinary Error carrying the message, not as an opaque
//   WebAssembly exception; a refused memory plan carries error.settings (what to lower), and an
//   allocation that still fails (std::bad_alloc) becomes a plain message;
// - typed_array_copy: bulk numbers leave as a typed array that JS owns (a copy, never a view into the
//   WebAssembly heap, which moves when memory grows).
#include <emscripten/val.h>

#include "engine/core/memory_budget.h"

#include <exception>
#include <new>
#include <string>
#include <vector>

namespace seqlab::bindings {

// What a request that still runs out of memory reports (the memory plans, engine/core/memory_budget.h,
// refuse what they can foresee; this is what they could not): said plainly, instead of "std::bad_alloc".
inline constexpr const char* kOutOfMemoryMessage =
    "the engine ran out of memory: this request needs more than WebAssembly's 4 GB allow (std::bad_alloc). "
    "Use a shorter text or smaller settings (batch, steps, hidden, layers, embedding)";

template <class Call>
auto rethrow_as_js(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const MemoryBudgetError& e) {
    // error.settings: [{name, current, fits}], the options the message advises lowering (the page marks
    // them) and the largest value of each that fits.
    emscripten::val error = emscripten::val::global("Error").new_(std::string(e.what()));
    emscripten::val settings = emscripten::val::array();
    for (const auto& a : e.advice()) {
      emscripten::val entry = emscripten::val::object();
      entry.set("name", a.setting);
      entry.set("current", static_cast<double>(a.current));
      entry.set("fits", static_cast<double>(a.fits));
      settings.call<void>("push", entry);
    }
    error.set("settings", settings);
    error.set("outOfMemory", true);
    error.throw_();
  } catch (const std::bad_alloc&) {
    emscripten::val error = emscripten::val::global("Error").new_(std::string(kOutOfMemoryMessage));
    error.set("outOfMemory", true);
    error.throw_();
  } catch (const std::exception& e) {
    emscripten::val::global("Error").new_(std::string(e.what())).throw_();
  }
}

template <class T>
emscripten::val typed_array_copy(const std::vector<T>& values) {
  return emscripten::val(emscripten::typed_memory_view(values.size(), values.data())).call<emscripten::val>("slice");
}

}  // namespace seqlab::bindings
