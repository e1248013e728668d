#include "engine/train/data_iterator.h"

#include "engine/core/error.h"

namespace seqlab::train {

const std::vector<std::pair<std::string, IteratorKind>>& iterator_kind_names() {
  static const std::vector<std::pair<std::string, IteratorKind>> names = {{"random", IteratorKind::Random},
                                                                          {"sequential", IteratorKind::Sequential}};
  return names;
}

IteratorKind parse_iterator_kind(const std::string& name) {
  for (const auto& [n, kind] : iterator_kind_names())
    if (n == name) return kind;
  throw Error("iterator must be one of random|sequential, got '" + name + "'");
}

const char* iterator_kind_name(IteratorKind kind) {
  for (const auto& [n, k] : iterator_kind_names())
    if (k == kind) return n.c_str();
  return "sequential";
}

DataIterator::DataIterator(std::vector<std::int32_t> ids, int batch, int steps, IteratorKind kind, int sample_length)
    : ids_(std::move(ids)), batch_(batch), steps_(steps), kind_(kind), sample_length_(sample_length) {
  // Only what the arithmetic below needs; the options' ranges are the train table's.
  if (batch < 1) throw Error("batch size must be at least 1, got " + std::to_string(batch));
  if (steps < 1) throw Error("steps (T) must be at least 1, got " + std::to_string(steps));
  if (sample_length_ > 0) {
    if (steps != sample_length_ - 1 || kind != IteratorKind::Random)
      throw Error("a corpus of samples of " + std::to_string(sample_length_) + " tokens is served by the random "
                  "iterator with steps " + std::to_string(sample_length_ - 1) + ", got " + iterator_kind_name(kind) +
                  " with " + std::to_string(steps));
    if (ids_.size() < static_cast<std::size_t>(batch) * sample_length_)
      throw Error("the training part has " + std::to_string(ids_.size() / sample_length_) + " samples; batch " +
                  std::to_string(batch) + " needs at least " + std::to_string(batch));
    starts_.reserve(subsequences(0));
    return;
  }
  // The worst offset is T - 1; one target past the last input is needed: B*T + T tokens always suffice.
  const std::size_t need = static_cast<std::size_t>(batch) * steps + steps;
  if (ids_.size() < need)
    throw Error("the training text has " + std::to_string(ids_.size()) + " tokens; batch " +
                std::to_string(batch) + " x steps " + std::to_string(steps) + " needs at least " +
                std::to_string(need) + " (a smaller batch or steps, or a longer text)");
  // Offset 0 gives the most subsequences: reserving them here keeps every next() free of heap allocation.
  if (kind_ == IteratorKind::Random) starts_.reserve((ids_.size() - 1) / steps_);
}

std::size_t DataIterator::subsequences(std::size_t offset) const {
  return sample_length_ > 0 ? ids_.size() / sample_length_ : (ids_.size() - offset - 1) / steps_;
}

std::size_t DataIterator::max_batches_per_epoch() const {
  if (kind_ == IteratorKind::Random) return subsequences(0) / batch_;
  return (ids_.size() - 1) / batch_ / steps_;
}

void DataIterator::start_epoch(Rng& rng) {
  // Samples start at their first token: no offset is drawn.
  offset_ = sample_length_ > 0 ? 0 : static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(steps_)));
  if (kind_ == IteratorKind::Random) {
    const std::size_t count = subsequences(offset_);
    starts_.resize(count);
    for (std::size_t i = 0; i < count; ++i) starts_[i] = offset_ + i * stride();
    rng.shuffle(starts_.begin(), starts_.end());
  }
  lay_out_epoch();
  position_ = 0;
  ++epochs_started_;
}

void DataIterator::lay_out_epoch() {
  const std::size_t usable = ids_.size() - offset_ - 1;  // tokens that have a next token
  if (kind_ == IteratorKind::Random) {
    batches_in_epoch_ = starts_.size() / batch_;
  } else {
    stream_length_ = usable / batch_;
    batches_in_epoch_ = stream_length_ / steps_;
  }
}

IteratorState DataIterator::state() const {
  IteratorState s;
  s.epochs_started = epochs_started_;
  s.offset = offset_;
  s.position = position_;
  for (std::size_t start : starts_) s.order.push_back(static_cast<std::uint32_t>((start - offset_) / stride()));
  return s;
}

// Called on an iterator just built (Trainer's resume constructor): a refusal leaves it half restored, and
// the trainer that was being built is discarded with it.
void DataIterator::set_state(const IteratorState& s) {
  const std::string who = "iterator state: ";
  if (s.epochs_started == 0) {
    if (s.offset != 0 || s.position != 0 || !s.order.empty())
      throw Error(who + "before the first epoch, offset, position and order must be 0 and empty");
    *this = DataIterator(std::move(ids_), batch_, steps_, kind_, sample_length_);
    return;
  }
  const std::size_t max_offset = sample_length_ > 0 ? 0 : static_cast<std::size_t>(steps_ - 1);
  if (s.offset > max_offset)
    throw Error(who + "offset must be in [0, " + std::to_string(max_offset) + "] (" +
                (sample_length_ > 0 ? "samples start at 0" : "below num_steps") + "), got " + std::to_string(s.offset));
  std::vector<std::size_t> starts;
  if (kind_ == IteratorKind::Random) {
    const std::size_t subsequences = this->subsequences(s.offset);
    if (s.order.size() != subsequences)
      throw Error(who + "order must list the epoch's " + std::to_string(subsequences) + " subsequences, got " +
                  std::to_string(s.order.size()));
    std::vector<bool> seen(subsequences, false);
    for (std::uint32_t i : s.order) {
      if (i >= subsequences || seen[i])
        throw Error(who + "order is not a permutation of [0, " + std::to_string(subsequences) + ") (entry " +
                    std::to_string(i) + ")");
      seen[i] = true;
      starts.push_back(s.offset + static_cast<std::size_t>(i) * stride());
    }
  } else if (!s.order.empty()) {
    throw Error(who + "the sequential iterator keeps no order, got " + std::to_string(s.order.size()) + " entries");
  }
  offset_ = s.offset;
  starts_ = std::move(starts);
  lay_out_epoch();
  if (s.position > batches_in_epoch_)
    throw Error(who + "position must be in [0, " + std::to_string(batches_in_epoch_) +
                "] (the epoch's minibatches), got " + std::to_string(s.position));
  position_ = s.position;
  epochs_started_ = s.epochs_started;
}

std::size_t DataIterator::start_of(std::size_t position, std::size_t b) const {
  const std::size_t B = batch_, T = steps_;
  return kind_ == IteratorKind::Random ? starts_[position * B + b] : offset_ + b * stream_length_ + position * T;
}

std::vector<std::size_t> DataIterator::last_starts() const {
  std::vector<std::size_t> starts;
  if (epochs_started_ == 0 || position_ == 0) return starts;
  for (int b = 0; b < batch_; ++b) starts.push_back(start_of(position_ - 1, static_cast<std::size_t>(b)));
  return starts;
}

void DataIterator::next(Rng& rng, Minibatch& out) {
  const bool new_epoch = epochs_started_ == 0 || position_ >= batches_in_epoch_;
  if (new_epoch) start_epoch(rng);
  const std::size_t B = batch_, T = steps_;
  out.inputs.resize(B * T);
  out.targets.resize(B * T);
  out.first_of_epoch = new_epoch;
  for (std::size_t b = 0; b < B; ++b) {
    const std::size_t start = start_of(position_, b);
    for (std::size_t t = 0; t < T; ++t) {
      out.inputs[b * T + t] = ids_[start + t];
      out.targets[b * T + t] = ids_[start + t + 1];
    }
  }
  ++position_;
}

}  // namespace seqlab::train
