#pragma once
// Memory tasks as corpora: synthetic sequences whose answer depends on a symbol far back, generated from a
// seed, for the memory lab (a plain RNN cannot carry the answer across a long lag; a gated cell can).
// A task is a text of word tokens, one sample per line, every sample S tokens long; the trainer reads it
// as a corpus whose minibatch rows are whole samples from a zero state (train::SampleLayout), so every
// answer's evidence is inside its BPTT window.
//
// Positions are 0-based token indices in a sample; "step t" is the network's step that reads token t and
// predicts token t + 1. The answer steps are the steps whose target needs memory; `lag` L is the distance
// in steps from reading the evidence to predicting the answer.
//
//   first-symbol   (Hochreiter & Schmidhuber 1997, experiment 2a, "noise-free long lag"), S = L + 2:
//                  key K_i (one of `keys` symbols A, B, ...), L - 1 fillers, the marker '?', the key again.
//                  Fillers 'random' (the default): drawn from a..h; 'fixed': f1 f2 ... f(L-1), the same in
//                  every sample (the paper's form), so every token but the key and the answer is predictable
//                  from the one before. Fixed fillers are much harder to learn with gradient descent: every
//                  filler symbol has its own input weights, and each must learn on its own to keep the key
//                  (measured: at lag 10, neither seqlab nor PyTorch 1.13 leaves chance in 1,000 steps).
//                  Answer step L (reads '?', predicts the key read at step 0). Chance loss ln(keys).
//   temporal-order (the same paper, experiment 6a), S = L + 2: 'B', random distractors from a..d, two
//                  markers X or Y, the first at a position in [0.1 L, 0.2 L], the second in [0.5 L, 0.6 L]
//                  (rounded, at least 1 and inside the sample), 'E' at position L, then the class XX, XY,
//                  YX or YY. Answer step L; the first marker is read up to 0.9 L steps before it. Chance
//                  loss ln 4.
//   copy           (Arjovsky, Shah & Bengio 2016), S = L + C + 1 with C = copyLength <= L: C symbols drawn
//                  from `keys` symbols, L - C blanks '_', the delimiter ':' at position L, then the C symbols
//                  again. Answer steps L .. L + C - 1 (step L + j predicts symbol j, read at step j: lag L).
//                  Chance loss ln(keys) per answer.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/text/task_options.h"

namespace seqlab::text {

struct MemoryTask {
  TaskOptions options;
  std::string text;               // samples, S space-separated tokens per line; training samples first
  int sample_length = 0;          // S
  std::vector<int> answer_steps;  // ascending, in [0, S - 1)
  int evidence_first = 0;         // the earliest step that reads what an answer needs (the key, the first
  int evidence_last = 0;          // marker, the first copied symbol), over every sample: [first, last]
  int answer_choices = 0;         // the possible answers at an answer step
  double chance_loss() const;     // ln(answer_choices): the loss of guessing uniformly among them
  // The share of the tokens held out: val_samples / (samples + val_samples), so that the split falls on a
  // sample boundary (engine/core/split.h rounds it to whole tokens).
  double val_fraction() const;
};

// Throws seqlab::Error (through the table's check) on options out of range.
MemoryTask make_memory_task(const TaskOptions& options);

}  // namespace seqlab::text
