#pragma once
// Option objects cross from JS as JSON text; an empty text means {}.
#include <string>

#include "engine/core/error.h"
#include "engine/io/json.h"

namespace seqlab::facade {

inline io::Json parse_options_text(const std::string& text, const std::string& group) {
  if (text.empty()) return io::Json::object();
  io::Json j = io::Json::parse(text);
  if (!j.is_object()) throw Error(group + " options: expected a JSON object, got " + text);
  return j;
}

}  // namespace seqlab::facade
