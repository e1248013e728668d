#include "engine/core/utf8.h"

#include <cstdio>
#include <cstring>

#include "engine/core/error.h"

namespace seqlab {

namespace {

[[noreturn]] void fail(std::size_t offset, unsigned char byte, const char* why) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", byte);
  throw Error("invalid UTF-8 at byte offset " + std::to_string(offset) + " (byte " + hex + "): " + why);
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

std::size_t validate_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t code_points = 0;
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path: 8 bytes at a time when none has the high bit.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
      code_points += 8;
    }
    if (i >= n) break;
    const unsigned char b0 = s[i];
    if (b0 < 0x80) {
      ++i;
      ++code_points;
      continue;
    }
    std::size_t len;
    std::uint32_t min_cp;
    if (b0 < 0xC0) fail(i, b0, "unexpected continuation byte");
    if (b0 < 0xE0) {
      len = 2;
      min_cp = 0x80;
    } else if (b0 < 0xF0) {
      len = 3;
      min_cp = 0x800;
    } else if (b0 < 0xF8) {
      len = 4;
      min_cp = 0x10000;
    } else {
      fail(i, b0, "byte 0xF8..0xFF never occurs in UTF-8");
    }
    if (i + len > n) fail(i, b0, "truncated sequence at the end of the text");
    std::uint32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      if (!is_continuation(s[i + k])) fail(i, b0, "truncated sequence (missing continuation byte)");
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min_cp) fail(i, b0, "overlong encoding");
    if (cp >= 0xD800 && cp <= 0xDFFF) fail(i, b0, "UTF-16 surrogate code point");
    if (cp > 0x10FFFF) fail(i, b0, "code point above U+10FFFF");
    i += len;
    ++code_points;
  }
  return code_points;
}

void utf8_append(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace seqlab
