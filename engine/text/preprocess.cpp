#include "engine/text/preprocess.h"

#include "engine/core/error.h"
#include "engine/core/utf8.h"

namespace seqlab::text {

Preprocess parse_preprocess(const std::string& name) {
  if (name == "letters_only") return Preprocess::LettersOnly;
  if (name == "none") return Preprocess::None;
  throw Error("unknown preprocessing '" + name + "' (allowed: letters_only, none)");
}

const char* preprocess_name(Preprocess p) { return p == Preprocess::LettersOnly ? "letters_only" : "none"; }

std::string preprocess(std::string_view raw, Preprocess p) {
  validate_utf8(raw);
  if (p == Preprocess::None) return std::string(raw);
  // Every byte of a multi-byte code point is >= 0x80, so working on bytes equals working on code points:
  // each non-letter byte extends the current run of non-letters.
  std::string out;
  out.resize(raw.size());
  char* o = out.data();
  // Branch-free: a letter is written lower-cased; a non-letter writes a space that is kept only when it
  // starts a run (the next write overwrites it otherwise).
  bool in_run = false;
  for (const char ch : raw) {
    const unsigned char lower = static_cast<unsigned char>(ch) | 0x20;
    const bool letter = static_cast<unsigned char>(lower - 'a') < 26;
    *o = letter ? static_cast<char>(lower) : ' ';
    o += (letter | !in_run) ? 1 : 0;
    in_run = !letter;
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

}  // namespace seqlab::text
