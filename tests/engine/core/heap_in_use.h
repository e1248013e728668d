#pragma once
// Bytes the C allocator has handed out and not taken back (the memory plan's tests compare their
// formulas with it). glibc serves large blocks by mmap, counted apart (hblkhd); Emscripten's dlmalloc
// counts everything in uordblks.
#include <malloc.h>

#include <cstdint>

namespace seqlab::test {

inline std::int64_t heap_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 m = mallinfo2();
  return static_cast<std::int64_t>(m.uordblks) + static_cast<std::int64_t>(m.hblkhd);
#else
  const struct mallinfo m = mallinfo();
  return static_cast<std::int64_t>(m.uordblks) + static_cast<std::int64_t>(m.hblkhd);
#endif
}

}  // namespace seqlab::test
