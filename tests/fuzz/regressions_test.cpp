// Replays every fuzz target's seed corpus and kept regressions (inputs that once crashed or broke a
// property, tests/fuzz/regressions/<target>/) through the same entry points as libFuzzer, natively and in
// WebAssembly. A replay that throws anything, or trips a sanitizer in the sanitize build, fails here.
#include <doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_targets.h"

namespace {
namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void replay(const seqlab::fuzz::FuzzTarget& target, const fs::path& file) {
  INFO(target.name << ": " << file.string());
  const std::string bytes = read_bytes(file);
  CHECK_NOTHROW(target.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}
}  // namespace

TEST_CASE("fuzz: every target's seed corpus replays without a finding") {
  for (const auto& target : seqlab::fuzz::fuzz_targets()) {
    const auto seeds = files_in(fs::path(SEQLAB_FUZZ_DIR) / "corpus" / target.name);
    INFO(target.name);
    CHECK(seeds.size() >= 3);
    for (const auto& file : seeds) replay(target, file);
  }
}

TEST_CASE("fuzz: the kept regressions replay without a finding") {
  // Every file under regressions/ is replayed: each folder is a target's (a misspelt folder would be skipped
  // silently), and the files replayed are all the files there, counted apart, at least the 2 kept today.
  const fs::path root = fs::path(SEQLAB_FUZZ_DIR) / "regressions";
  REQUIRE(fs::is_directory(root));
  std::size_t on_disk = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    ++on_disk;
    const std::string folder = entry.path().parent_path().filename().string();
    INFO(entry.path().string());
    CHECK(entry.path().parent_path().parent_path() == root);
    const auto& targets = seqlab::fuzz::fuzz_targets();
    CHECK(std::any_of(targets.begin(), targets.end(), [&](const auto& t) { return t.name == folder; }));
  }
  std::size_t replayed = 0;
  for (const auto& target : seqlab::fuzz::fuzz_targets())
    for (const auto& file : files_in(root / target.name)) {
      replay(target, file);
      ++replayed;
    }
  CHECK(replayed == on_disk);
  CHECK(replayed >= 2u);
}
