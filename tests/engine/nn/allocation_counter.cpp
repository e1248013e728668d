// The malloc-level allocation counter of allocation_counter.h. Replacing malloc is part of the test binary
// only; every replacement forwards to the platform's own allocator, so memory from either side may be freed
// by the other (free itself is never replaced) and the rest of the suite runs as before.
#include "tests/engine/nn/allocation_counter.h"

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

inline void count_one() {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#define SEQLAB_COUNT_WITH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SEQLAB_COUNT_WITH_ASAN 1
#endif
#endif

#if defined(SEQLAB_COUNT_WITH_ASAN)
// AddressSanitizer owns malloc and operator new; it calls a hook for every allocation of its allocator.
// (Declared here: GCC does not ship sanitizer/allocator_interface.h; libasan of GCC and clang exports it.)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, std::size_t),
                                                         void (*free_hook)(const volatile void*));
namespace {
void on_malloc(const volatile void*, std::size_t) { count_one(); }
void on_free(const volatile void*) {}
const bool hook_installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) != 0;
}  // namespace
const char* seqlab::test::allocation_counter_method() {
  return hook_installed ? "AddressSanitizer malloc hook" : "AddressSanitizer malloc hook (NOT installed)";
}

#elif defined(__EMSCRIPTEN__)
// Emscripten's dlmalloc defines malloc and its relatives as weak aliases and exports emscripten_builtin_*
// so that a program can put its own malloc in front (system/lib/dlmalloc.c). operator new calls malloc.
extern "C" {
void* emscripten_builtin_malloc(std::size_t size);
void emscripten_builtin_free(void* p);
void* emscripten_builtin_memalign(std::size_t alignment, std::size_t size);
std::size_t malloc_usable_size(void* p);

void* malloc(std::size_t size) {
  count_one();
  return emscripten_builtin_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  count_one();
  if (size != 0 && count > SIZE_MAX / size) return nullptr;
  void* p = emscripten_builtin_malloc(count * size);
  if (p) std::memset(p, 0, count * size);
  return p;
}
void* realloc(void* p, std::size_t size) {
  count_one();
  if (!p) return emscripten_builtin_malloc(size);
  if (size == 0) {
    emscripten_builtin_free(p);
    return nullptr;
  }
  void* q = emscripten_builtin_malloc(size);
  if (!q) return nullptr;
  const std::size_t old_size = malloc_usable_size(p);
  std::memcpy(q, p, old_size < size ? old_size : size);
  emscripten_builtin_free(p);
  return q;
}
void* memalign(std::size_t alignment, std::size_t size) {
  count_one();
  return emscripten_builtin_memalign(alignment, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  count_one();
  return emscripten_builtin_memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  count_one();
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* p = emscripten_builtin_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}  // extern "C"
const char* seqlab::test::allocation_counter_method() { return "malloc replaced over Emscripten's dlmalloc"; }

#elif defined(__GLIBC__)
// glibc allows a program to replace malloc and exports its own allocator as __libc_* (the "Replacing
// malloc" section of its manual); libstdc++'s operator new calls malloc. The exception specifications
// match glibc's declarations (__THROW is noexcept in C++).
extern "C" {
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
void* __libc_realloc(void* p, std::size_t size) noexcept;
void* __libc_memalign(std::size_t alignment, std::size_t size) noexcept;

void* malloc(std::size_t size) noexcept {
  count_one();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  count_one();
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) noexcept {
  count_one();
  return __libc_realloc(p, size);
}
void* memalign(std::size_t alignment, std::size_t size) noexcept {
  count_one();
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  count_one();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  count_one();
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}  // extern "C"
const char* seqlab::test::allocation_counter_method() { return "malloc replaced over glibc's allocator"; }

#else
#error "allocation_counter.cpp: no way to count malloc on this platform (glibc, Emscripten or AddressSanitizer)"
#endif

void seqlab::test::start_counting_allocations() {
  allocations.store(0);
  counting.store(true);
}

long seqlab::test::stop_counting_allocations() {
  counting.store(false);
  return allocations.load();
}
