#pragma once
// Every bound function runs its facade call through rethrow_as_js, so that a seqlab::Error (or any
// std::exception) reaches JavaScript as an ordinary Error carrying the message, not as an opaque
// WebAssembly exception.
#include <emscripten/val.h>

#include <exception>
#include <string>

namespace seqlab::bindings {

template <class Call>
auto rethrow_as_js(Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    emscripten::val::global("Error").new_(std::string(e.what())).throw_();
  }
}

}  // namespace seqlab::bindings
