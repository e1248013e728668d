#include "engine/text/task_options.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.h"

namespace seqlab::text {

namespace {
constexpr double kMaxTaskTokens = 10e6;  // samples x S: at most about 30 MB of text and 40 MB of ids
}  // namespace

SEQLAB_OPTION_TABLE(TaskOptions, task_options, "task") {
  using O = TaskOptions;
  t.options = {
      choice_option<O>("task", SEQLAB_FIELD(task),
                       std::vector<std::pair<std::string, TaskKind>>{{"first-symbol", TaskKind::FirstSymbol},
                                                                     {"temporal-order", TaskKind::TemporalOrder},
                                                                     {"copy", TaskKind::Copy}},
                       "first-symbol: a key, L - 1 fillers, '?', the key again; temporal-order: the order of two "
                       "markers X/Y among distractors; copy: C symbols, blanks, ':', the C symbols again"),
      int_option<O>("lag", SEQLAB_FIELD(lag), 1, 2000, "L: steps from reading the evidence to predicting the answer"),
      int_option<O>("keys", SEQLAB_FIELD(keys), 2, 26,
                    "first-symbol: the number of keys; copy: the alphabet of the copied symbols"),
      int_option<O>("copyLength", SEQLAB_FIELD(copy_length), 1, 100, "copy: the symbols to copy (at most lag)"),
      choice_option<O>("filler", SEQLAB_FIELD(filler),
                       std::vector<std::pair<std::string, Filler>>{{"random", Filler::Random}, {"fixed", Filler::Fixed}},
                       "first-symbol: random = drawn from a..h; fixed = f1 .. f(L-1) in every sample (the paper's "
                       "form: each filler's weights must learn to keep the key on their own, much harder)"),
      int_option<O>("samples", SEQLAB_FIELD(samples), 1, 1000000, "training samples"),
      int_option<O>("valSamples", SEQLAB_FIELD(val_samples), 1, 100000, "validation samples"),
      int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger, "seed of the samples"),
  };
  t.check = [](const O& o) {
    if (o.task == TaskKind::Copy && o.copy_length > o.lag)
      throw Error("task options: copyLength = " + std::to_string(o.copy_length) + " must be at most lag = " +
                  std::to_string(o.lag) + " (the copied symbols come before the delimiter at position lag)");
    if (o.task == TaskKind::TemporalOrder && o.lag < 3)
      throw Error("task options: temporal-order needs lag >= 3 (two markers between 'B' and 'E'), got " +
                  std::to_string(o.lag));
    if (o.val_samples > o.samples)
      throw Error("task options: valSamples = " + std::to_string(o.val_samples) + " must be at most samples = " +
                  std::to_string(o.samples) + " (at most half of the corpus validates)");
    const double tokens = (static_cast<double>(o.samples) + o.val_samples) * o.sample_length();
    if (tokens > kMaxTaskTokens)
      throw Error("task options: (samples + valSamples) x sample length = " + std::to_string(std::llround(tokens)) +
                  " tokens is more than 10,000,000; use fewer samples or a shorter lag");
  };
}

int TaskOptions::sample_length() const { return task == TaskKind::Copy ? lag + copy_length + 1 : lag + 2; }

const char* task_name(TaskKind kind) {
  return kind == TaskKind::FirstSymbol ? "first-symbol" : kind == TaskKind::TemporalOrder ? "temporal-order" : "copy";
}

}  // namespace seqlab::text
