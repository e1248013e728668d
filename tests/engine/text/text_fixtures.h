#pragma once
// The Time Machine (web/assets/timemachine.txt), read once per test binary.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace seqlab::test {

inline const std::string& time_machine() {
  static const std::string text = [] {
    std::ifstream in(SEQLAB_DATA_DIR "/timemachine.txt", std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " SEQLAB_DATA_DIR "/timemachine.txt");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }();
  return text;
}

}  // namespace seqlab::test
