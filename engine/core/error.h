#pragma once
// Every error the engine reports about user input is a seqlab::Error whose message names the bad value
// and the allowed range. No error codes, no asserts on input.
#include <stdexcept>
#include <string>

namespace seqlab {
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};
}  // namespace seqlab
