#include "engine/text/memory_task.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace seqlab::text {

namespace {

constexpr int kRandomFillers = 8;        // first-symbol with random filler: a..h
constexpr int kDistractors = 4;          // temporal-order: a..d

std::string letter(char first, int i) { return std::string(1, static_cast<char>(first + i)); }


// The positions of temporal-order's two markers: [0.1 L, 0.2 L] and [0.5 L, 0.6 L], rounded, inside
// (0, L) and in order.
std::pair<int, int> first_marker_range(int L) {
  const int lo = std::max(1, static_cast<int>(std::lround(0.1 * L)));
  return {lo, std::max(lo, std::min(L - 2, static_cast<int>(std::lround(0.2 * L))))};
}
std::pair<int, int> second_marker_range(int L) {
  const int hi = std::min(L - 1, std::max(2, static_cast<int>(std::lround(0.6 * L))));
  return {std::min(hi, std::max(first_marker_range(L).second + 1, static_cast<int>(std::lround(0.5 * L)))), hi};
}

int draw_in(Rng& rng, std::pair<int, int> range) {
  return range.first + static_cast<int>(rng.below(static_cast<std::uint64_t>(range.second - range.first + 1)));
}

// One sample's tokens.
std::vector<std::string> sample(const TaskOptions& o, Rng& rng) {
  const int L = o.lag;
  std::vector<std::string> tokens;
  tokens.reserve(static_cast<std::size_t>(o.sample_length()));
  switch (o.task) {
    case TaskKind::FirstSymbol: {
      const std::string key = letter('A', static_cast<int>(rng.below(o.keys)));
      tokens.push_back(key);
      for (int i = 1; i < L; ++i)
        tokens.push_back(o.filler == Filler::Fixed ? "f" + std::to_string(i)
                                                   : letter('a', static_cast<int>(rng.below(kRandomFillers))));
      tokens.push_back("?");
      tokens.push_back(key);
      break;
    }
    case TaskKind::TemporalOrder: {
      const int first = draw_in(rng, first_marker_range(L));
      const int second = draw_in(rng, second_marker_range(L));
      const std::string a = rng.below(2) ? "Y" : "X", b = rng.below(2) ? "Y" : "X";
      tokens.push_back("B");
      for (int i = 1; i < L; ++i)
        tokens.push_back(i == first ? a : i == second ? b : letter('a', static_cast<int>(rng.below(kDistractors))));
      tokens.push_back("E");
      tokens.push_back(a + b);
      break;
    }
    case TaskKind::Copy: {
      const int C = o.copy_length;
      for (int i = 0; i < C; ++i) tokens.push_back(letter('A', static_cast<int>(rng.below(o.keys))));
      for (int i = C; i < L; ++i) tokens.push_back("_");
      tokens.push_back(":");
      for (int i = 0; i < C; ++i) tokens.push_back(tokens[static_cast<std::size_t>(i)]);
      break;
    }
  }
  return tokens;
}

}  // namespace

double MemoryTask::chance_loss() const { return std::log(static_cast<double>(answer_choices)); }

double MemoryTask::val_fraction() const {
  return static_cast<double>(options.val_samples) / (static_cast<double>(options.samples) + options.val_samples);
}

MemoryTask make_memory_task(const TaskOptions& options) {
  validate_options(task_options(), options);
  MemoryTask task;
  task.options = options;
  task.sample_length = options.sample_length();
  const int L = options.lag;
  switch (options.task) {
    case TaskKind::FirstSymbol:
      task.answer_steps = {L};
      task.evidence_first = task.evidence_last = 0;
      task.answer_choices = options.keys;
      break;
    case TaskKind::TemporalOrder:
      task.answer_steps = {L};
      task.evidence_first = first_marker_range(L).first;
      task.evidence_last = first_marker_range(L).second;
      task.answer_choices = 4;
      break;
    case TaskKind::Copy:
      for (int j = 0; j < options.copy_length; ++j) task.answer_steps.push_back(L + j);
      task.evidence_first = 0;
      task.evidence_last = options.copy_length - 1;
      task.answer_choices = options.keys;
      break;
  }
  Rng rng(options.seed);
  const int total = options.samples + options.val_samples;
  for (int s = 0; s < total; ++s) {
    const std::vector<std::string> tokens = sample(options, rng);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      task.text += tokens[i];
      task.text += i + 1 < tokens.size() ? ' ' : '\n';
    }
  }
  return task;
}

}  // namespace seqlab::text
