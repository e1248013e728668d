#pragma once
// Minibatches of B subsequences of T (num_steps) tokens over a token id stream, targets shifted by one
// (docs/math.md §6, D2L's seq_data_iter_random / seq_data_iter_sequential).
//
//   random:     each epoch draws an offset in [0, T), cuts ids[offset..] into subsequences of T tokens,
//               shuffles them and serves B per minibatch; the hidden state is fresh for every minibatch.
//   sequential: each epoch draws an offset in [0, T), splits ids[offset..] into B parallel streams of equal
//               length; minibatch k holds the k-th window of T tokens of every stream, so row b of
//               minibatch k+1 continues row b of minibatch k and the state is carried (detached).
//
// Legend: B batch size, T steps per subsequence. Inputs and targets are row-major (B, T).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/rng.h"

namespace seqlab::train {

enum class IteratorKind { Random, Sequential };

// The names, once: "random", "sequential".
const std::vector<std::pair<std::string, IteratorKind>>& iterator_kind_names();
// One of the names above; throws seqlab::Error listing the allowed values.
IteratorKind parse_iterator_kind(const std::string& name);
const char* iterator_kind_name(IteratorKind kind);

// A corpus of samples: every sample is `length` tokens (S), laid end to end from id 0; `answer_steps` are
// the steps t (reading token t of a sample, predicting token t + 1) whose target needs memory, where the
// answer metrics are measured (engine/text/memory_task.h). length 0: a text, no samples.
struct SampleLayout {
  int length = 0;
  std::vector<int> answer_steps;
  bool empty() const { return length == 0; }
};

struct Minibatch {
  std::vector<std::int32_t> inputs;   // (B, T)
  std::vector<std::int32_t> targets;  // (B, T): targets[b][t] is the token after inputs[b][t]
  bool first_of_epoch = false;        // a new epoch began with this minibatch (sequential: reset the state)
};

// Where an iterator is, for checkpoints that resume: the epochs started, the current epoch's offset and
// minibatches served, and (random) its order: the shuffled subsequence indices, subsequence i starting at
// offset + i*T. The counts that follow from the offset (minibatches per epoch, stream length) are not stored.
struct IteratorState {
  std::size_t epochs_started = 0, offset = 0, position = 0;
  std::vector<std::uint32_t> order;
};

class DataIterator {
 public:
  // Throws seqlab::Error when B or T is not positive or when the ids are too few for one minibatch
  // whatever the offset (at least B*T + T tokens). The options' upper limits are the train table's
  // (train_options.cpp), checked before an iterator is built. sample_length S > 0: the ids are samples of
  // S tokens, served whole (random kind only, T = S - 1, at least B samples).
  DataIterator(std::vector<std::int32_t> ids, int batch, int steps, IteratorKind kind, int sample_length = 0);

  IteratorKind kind() const { return kind_; }
  int sample_length() const { return sample_length_; }
  int batch() const { return batch_; }
  int steps() const { return steps_; }
  std::size_t token_count() const { return ids_.size(); }
  const std::vector<std::int32_t>& ids() const { return ids_; }
  // Minibatches in the current epoch (it depends on the epoch's offset), and how many were served.
  std::size_t batches_in_epoch() const { return batches_in_epoch_; }
  std::size_t position() const { return position_; }
  // Minibatches per epoch for offset 0 (the largest possible count), known before the first epoch.
  std::size_t max_batches_per_epoch() const;
  std::size_t epochs_started() const { return epochs_started_; }

  // Fills `out` with the next minibatch, starting a new epoch (drawing a new offset and, for random, a new
  // order from `rng`) when the current one is exhausted or none has started.
  void next(Rng& rng, Minibatch& out);
  // The start offsets in ids() of the B rows of the minibatch next() served last (row b holds
  // ids[start, start + T)); empty before the first. The BPTT lab draws them on a strip of the corpus.
  std::vector<std::size_t> last_starts() const;

  IteratorState state() const;
  // Restores a saved state on the same ids, B, T and kind; throws seqlab::Error naming the field when it
  // cannot be this iterator's (an offset >= T, a position past the epoch, an order that is not a
  // permutation of the epoch's subsequences, an order given to the sequential iterator).
  void set_state(const IteratorState& state);

 private:
  void start_epoch(Rng& rng);
  void lay_out_epoch();  // batches_in_epoch_ and stream_length_ from offset_ (and starts_' size)
  std::size_t start_of(std::size_t position, std::size_t b) const;  // row b of minibatch `position`
  std::size_t subsequences(std::size_t offset) const;  // random: the epoch's subsequences for an offset
  std::size_t stride() const { return sample_length_ > 0 ? sample_length_ : steps_; }

  std::vector<std::int32_t> ids_;
  int batch_, steps_;
  IteratorKind kind_;
  int sample_length_;                           // S, or 0 for a text
  std::size_t offset_ = 0;
  std::size_t batches_in_epoch_ = 0, position_ = 0, epochs_started_ = 0;
  std::size_t stream_length_ = 0;               // sequential: tokens per stream
  std::vector<std::size_t> starts_;             // random: shuffled subsequence starts
};

}  // namespace seqlab::train
