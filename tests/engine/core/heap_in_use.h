#pragma once
// Bytes the C allocator has handed out and not taken back (the memory plan's tests compare their
// formulas with it). glibc serves large blocks by mmap, counted apart (hblkhd); Emscripten's dlmalloc
// counts everything in uordblks. Under AddressSanitizer malloc is ASan's, which mallinfo does not see: its
// own count of live bytes is asked instead.
#include <malloc.h>

#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define SEQLAB_HEAP_FROM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SEQLAB_HEAP_FROM_ASAN 1
#endif
#endif

#ifdef SEQLAB_HEAP_FROM_ASAN
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace seqlab::test {

inline std::int64_t heap_in_use() {
#ifdef SEQLAB_HEAP_FROM_ASAN
  return static_cast<std::int64_t>(__sanitizer_get_current_allocated_bytes());
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 m = mallinfo2();
  return static_cast<std::int64_t>(m.uordblks) + static_cast<std::int64_t>(m.hblkhd);
#else
  const struct mallinfo m = mallinfo();
  return static_cast<std::int64_t>(m.uordblks) + static_cast<std::int64_t>(m.hblkhd);
#endif
}

}  // namespace seqlab::test
