// The doctest runner: the same test sources run natively (CTest) and as WebAssembly in Node.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest.h>
