#pragma once
// Option objects cross from JS as JSON text; an empty text means {}.
#include <string>

#include "engine/core/error.h"
#include "engine/core/json.h"

namespace seqlab::facade {

inline Json parse_options_text(const std::string& text, const std::string& group) {
  if (text.empty()) return Json::object();
  Json j = Json::parse(text);
  if (!j.is_object()) throw Error(group + " options: expected a JSON object, got " + text);
  return j;
}

// The session's split is the corpus's; a valFraction in another group would silently disagree with it.
inline void refuse_split(const std::string& options_json, const char* group) {
  if (options_json.empty()) return;
  if (parse_options_text(options_json, group).has("valFraction"))
    throw Error(std::string(group) + " options: valFraction is the corpus's option (give it to loadCorpus)");
}

}  // namespace seqlab::facade
