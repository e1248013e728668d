#pragma once
// The one random generator of the engine: xoshiro256** seeded through SplitMix64.
// Every function that makes a random choice takes an Rng& argument; there is no global generator.
// The draws are defined bit for bit here (no std:: distributions, whose output differs between standard
// libraries), so a seed gives the same numbers natively, in Node and in the browser.
#include <array>
#include <cmath>
#include <cstdint>

namespace seqlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : state_) word = splitmix64(x);
    has_spare_normal_ = false;
  }

  // Everything the next draws depend on: the four words and Box-Muller's spare normal. A checkpoint that
  // resumes stores it, so the resumed run draws exactly what the uninterrupted run would have drawn.
  struct State {
    std::array<std::uint64_t, 4> words{};
    double spare_normal = 0.0;
    bool has_spare_normal = false;
  };
  State state() const {
    State s;
    for (int i = 0; i < 4; ++i) s.words[i] = state_[i];
    s.spare_normal = spare_normal_;
    s.has_spare_normal = has_spare_normal_;
    return s;
  }
  // The caller validates: xoshiro's all-zero state is a fixed point (it would draw zeros for ever), so
  // valid_state() refuses it.
  void set_state(const State& s) {
    for (int i = 0; i < 4; ++i) state_[i] = s.words[i];
    spare_normal_ = s.has_spare_normal ? s.spare_normal : 0.0;
    has_spare_normal_ = s.has_spare_normal;
  }
  static bool valid_state(const State& s) {
    return (s.words[0] | s.words[1] | s.words[2] | s.words[3]) != 0 &&
           (!s.has_spare_normal || std::isfinite(s.spare_normal));
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), unbiased (Lemire's rejection on the 64-bit product is overkill here;
  // plain rejection of the short tail keeps it portable and exact).
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next_u64(); while (x >= limit);
    return x % n;
  }

  // Standard normal by the Box-Muller transform (deterministic, uses std::log/sqrt/cos/sin only).
  double normal() {
    if (has_spare_normal_) {
      has_spare_normal_ = false;
      return spare_normal_;
    }
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 6.283185307179586476925 * u2;
    spare_normal_ = radius * std::sin(angle);
    has_spare_normal_ = true;
    return radius * std::cos(angle);
  }

  // Fisher-Yates shuffle of any random-access range.
  template <class It>
  void shuffle(It first, It last) {
    const auto n = last - first;
    for (auto i = n - 1; i > 0; --i) {
      const auto j = static_cast<decltype(i)>(below(static_cast<std::uint64_t>(i) + 1));
      auto tmp = first[i];
      first[i] = first[j];
      first[j] = tmp;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

}  // namespace seqlab
