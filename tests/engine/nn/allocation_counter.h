#pragma once
// Counts the heap allocations made between start and stop, at the level of malloc: operator new, Eigen's
// aligned_malloc (every workspace and GEMM packing buffer) and plain malloc/calloc/realloc/memalign all go
// there. How it sees them depends on the platform (allocation_counter.cpp): a malloc hook of
// AddressSanitizer in sanitizer builds, a replacement of malloc that forwards to glibc's own allocator
// natively, and a replacement that forwards to Emscripten's dlmalloc in WebAssembly.
//
//   start_counting_allocations();
//   model.loss_and_gradients(...);
//   const long n = stop_counting_allocations();   // allocations made in between
namespace seqlab::test {

void start_counting_allocations();
long stop_counting_allocations();
// Which mechanism counts on this build ("AddressSanitizer malloc hook", ...), for the tests' INFO.
const char* allocation_counter_method();

}  // namespace seqlab::test
