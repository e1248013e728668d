// The one handler behind rethrow_as_js (js_interop.h): the exception being handled, as a JS Error.
#include "wasm/bindings/js_interop.h"

#include <emscripten/val.h>

#include <exception>
#include <new>
#include <string>

#include "engine/core/memory_budget.h"

namespace seqlab::bindings {

void throw_current_as_js() {
  try {
    throw;
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
  // An exception that is not a std::exception left at `throw;` unchanged; every handler above throws.
}

}  // namespace seqlab::bindings
