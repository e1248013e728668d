#include "engine/core/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/core/error.h"
#include "engine/core/number_format.h"

namespace seqlab {

namespace {

template <class T>
std::int32_t argmax(const T* scores, int V) {
  return static_cast<std::int32_t>(std::max_element(scores, scores + V) - scores);  // first maximum
}

void check_sampling(int V, double temperature, int top_k) {
  if (V < 1) throw Error("sampling needs a vocabulary of at least 1 token, got " + std::to_string(V));
  if (!std::isfinite(temperature) || temperature < 0.0)
    throw Error("temperature must be a finite number >= 0 (0 = greedy), got " + shortest_round_trip(temperature));
  if (top_k < 0 || top_k > V)
    throw Error("top_k must be in [0, " + std::to_string(V) + "] (0 = every token), got " + std::to_string(top_k));
}

}  // namespace

template <class T>
std::vector<std::int32_t> top_k_ids(const T* scores, int V, int k) {
  std::vector<std::int32_t> ids(static_cast<std::size_t>(std::max(V, 0)));
  std::iota(ids.begin(), ids.end(), 0);
  const auto keep = static_cast<std::ptrdiff_t>(std::clamp(k, 0, std::max(V, 0)));
  std::partial_sort(ids.begin(), ids.begin() + keep, ids.end(), [&](std::int32_t a, std::int32_t b) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  });
  ids.resize(static_cast<std::size_t>(keep));
  return ids;
}

template <class T>
void softmax(const T* scores, int V, double temperature, std::vector<double>& p) {
  check_sampling(V, temperature, 0);
  if (temperature == 0.0) throw Error("softmax needs a temperature > 0, got 0");
  const double max = static_cast<double>(scores[argmax(scores, V)]);
  p.resize(static_cast<std::size_t>(V));
  double total = 0;
  for (int i = 0; i < V; ++i)
    total += p[static_cast<std::size_t>(i)] = std::exp((static_cast<double>(scores[i]) - max) / temperature);
  for (double& x : p) x /= total;
}

template <class T>
std::int32_t sample_softmax(const T* scores, int V, double temperature, int top_k, Rng& rng) {
  check_sampling(V, temperature, top_k);
  const std::int32_t best = argmax(scores, V);
  if (temperature == 0.0) return best;
  // The candidates in ascending id order: every id, or the top-k set sorted back by id.
  std::vector<std::int32_t> candidates;
  if (top_k > 0 && top_k < V) {
    candidates = top_k_ids(scores, V, top_k);
    std::sort(candidates.begin(), candidates.end());
  }
  const bool all = candidates.empty();
  const std::size_t n = all ? static_cast<std::size_t>(V) : candidates.size();
  const auto id_at = [&](std::size_t i) { return all ? static_cast<std::int32_t>(i) : candidates[i]; };
  // Weights relative to the largest score, so that a small temperature cannot underflow every weight.
  const double max = static_cast<double>(scores[best]);
  std::vector<double> weights(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i)
    total += weights[i] = std::exp((static_cast<double>(scores[id_at(i)]) - max) / temperature);
  const double u = rng.uniform() * total;
  double running = 0;
  for (std::size_t i = 0; i < n; ++i) {
    running += weights[i];
    if (u < running) return id_at(i);
  }
  // u within rounding of the total: the last candidate with weight.
  for (std::size_t i = n; i-- > 0;)
    if (weights[i] > 0) return id_at(i);
  return best;
}

template std::vector<std::int32_t> top_k_ids<float>(const float*, int, int);
template std::vector<std::int32_t> top_k_ids<double>(const double*, int, int);
template void softmax<float>(const float*, int, double, std::vector<double>&);
template void softmax<double>(const double*, int, double, std::vector<double>&);
template std::int32_t sample_softmax<float>(const float*, int, double, int, Rng&);
template std::int32_t sample_softmax<double>(const double*, int, double, int, Rng&);

}  // namespace seqlab
