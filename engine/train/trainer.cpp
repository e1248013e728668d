#include "engine/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/core/split.h"
#include "engine/train/validation_batch.h"

namespace seqlab::train {

namespace {

std::vector<std::int32_t> slice(const std::vector<std::int32_t>& ids, std::size_t from, std::size_t to) {
  return std::vector<std::int32_t>(ids.begin() + from, ids.begin() + to);
}

nn::ModelOptions seeded(nn::ModelOptions config, std::uint64_t seed) {
  config.seed = seed;
  return config;
}

void check_ids(const std::vector<std::int32_t>& ids, int vocab) {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] < 0 || ids[i] >= vocab)
      throw Error("token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                  " is outside the model's vocabulary [0, " + std::to_string(vocab) + ")");
}

// What model.zero_state(B) returns, written over a state of that shape.
void zero_in_place(nn::State<float>& state) {
  for (auto& h : state.h) h.setZero();
  for (auto& c : state.c) c.setZero();
}

}  // namespace

// ---- report -------------------------------------------------------------------------------------------
Json TrainReport::to_json() const {
  Json j = Json::object();
  j.set("steps", steps).set("callTokens", static_cast<double>(call_tokens))
      .set("runSteps", static_cast<double>(total_steps)).set("runTokens", static_cast<double>(tokens))
      .set("tokens", static_cast<double>(tokens)).set("totalSteps", static_cast<double>(total_steps))
      .set("epoch", epoch).set("epochsCompleted", epochs_completed).set("epochEnd", epoch_end)
      .set("loss", loss).set("perplexity", perplexity).set("gradNorm", grad_norm)
      .set("gradNormMean", grad_norm_mean).set("clipFraction", clip_fraction).set("seconds", seconds)
      .set("tokensPerS", tokens_per_s).set("diverged", diverged);
  if (diverged) j.set("message", message);
  return j;
}

// ---- trainer ------------------------------------------------------------------------------------------
Trainer::Trainer(const nn::ModelOptions& model, const TrainOptions& options, const std::vector<std::int32_t>& ids)
    : Trainer(nn::Model<float>(seeded(model, options.seed)), options, ids) {
  // Every draw from one generator: the weights first, then the iterator and truncation as training goes.
  model_.initialize(rng_);
  last_finite_.assign(model_.parameters(), model_.parameters() + model_.parameter_count());
}

Trainer::Trainer(nn::Model<float> model, const TrainOptions& options, const std::vector<std::int32_t>& ids)
    : options_((options.validate(), options)),
      rng_(options.seed),
      model_(std::move(model)),
      optimizer_(options.optimizer, model_.parameter_count()),
      iterator_(slice(ids, 0, split_tokens(ids.size(), options.val_fraction).train_end), options.batch,
                options.steps, options.iterator, options.samples.length),
      validation_(slice(ids, split_tokens(ids.size(), options.val_fraction).train_end, ids.size())) {
  check_ids(ids, model_.config().vocab);
  last_finite_.assign(model_.parameters(), model_.parameters() + model_.parameter_count());
}

Trainer::Trainer(nn::Model<float> model, const TrainOptions& options, const std::vector<std::int32_t>& ids,
                 const ResumeState& state)
    : Trainer(std::move(model), options, ids) {
  if (!Rng::valid_state(state.generator))
    throw Error("resume state: the generator state is all zero or its spare normal is not finite");
  optimizer_.set_state(state.optimizer);
  iterator_.set_state(state.iterator);
  if (state.tokens_seen < 0 || state.total_steps < 0)
    throw Error("resume state: tokensSeen and totalSteps must be at least 0, got " +
                std::to_string(state.tokens_seen) + " and " + std::to_string(state.total_steps));
  if (state.optimizer.step > state.total_steps)
    throw Error("resume state: the optimizer's step " + std::to_string(state.optimizer.step) +
                " exceeds the minibatches trained, " + std::to_string(state.total_steps));
  // Not tied to the iterator's epochs started: changing batch, steps or the iterator restarts its count.
  if (state.epochs_completed < 0)
    throw Error("resume state: epochsCompleted must be at least 0, got " + std::to_string(state.epochs_completed));
  if (!state.carried.empty()) {
    nn::State<float> carried = model_.zero_state(options_.batch);
    std::size_t need = 0;
    for (const auto& m : carried.h) need += static_cast<std::size_t>(m.size());
    for (const auto& m : carried.c) need += static_cast<std::size_t>(m.size());
    if (state.carried.size() != need)
      throw Error("resume state: the carried state must hold 0 or " + std::to_string(need) +
                  " values (layers x batch x hidden" + std::string(carried.c.empty() ? "" : ", h and c") +
                  "), got " + std::to_string(state.carried.size()));
    std::size_t at = 0;
    for (auto* part : {&carried.h, &carried.c})
      for (auto& m : *part)
        for (Eigen::Index i = 0; i < m.size(); ++i) {
          const float x = state.carried[at++];
          if (!std::isfinite(x)) throw Error("resume state: carried state value " + std::to_string(at - 1) + " is not finite");
          m.data()[i] = x;
        }
    state_ = std::move(carried);
  }
  rng_.set_state(state.generator);
  tokens_ = state.tokens_seen;
  total_steps_ = state.total_steps;
  epochs_completed_ = state.epochs_completed;
}

ResumeState Trainer::resume_state() const {
  ResumeState s;
  s.generator = rng_.state();
  s.optimizer = optimizer_.state();
  s.iterator = iterator_.state();
  for (const auto* part : {&state_.h, &state_.c})
    for (const auto& m : *part) s.carried.insert(s.carried.end(), m.data(), m.data() + m.size());
  s.tokens_seen = tokens_;
  s.total_steps = total_steps_;
  s.epochs_completed = epochs_completed_;
  return s;
}

double Trainer::epoch() const {
  return epochs_completed_ + (iterator_.epochs_started() > static_cast<std::size_t>(epochs_completed_)
                                  ? static_cast<double>(iterator_.position()) / iterator_.batches_in_epoch()
                                  : 0.0);
}

std::size_t Trainer::batches_per_epoch() const {
  return iterator_.epochs_started() == 0 ? iterator_.max_batches_per_epoch() : iterator_.batches_in_epoch();
}

void Trainer::reset_after_divergence() {
  std::copy(last_finite_.begin(), last_finite_.end(), model_.parameters());
  optimizer_.reset();
  state_ = model_.zero_state(options_.batch);
}

TrainReport Trainer::run(int minibatches, bool stop_at_epoch_end) {
  if (minibatches < 0 || minibatches > 1000000)
    throw Error("run: minibatches must be in [0, 1000000], got " + std::to_string(minibatches));
  const auto start = std::chrono::steady_clock::now();
  const int B = options_.batch, T = options_.steps;
  const std::size_t P = model_.parameter_count();
  TrainReport report;
  const std::int64_t tokens_before = tokens_;
  double loss_sum = 0, norm_sum = 0;
  int clipped = 0;
  for (int i = 0; i < minibatches; ++i) {
    iterator_.next(rng_, batch_);
    // random: a fresh state for every minibatch; sequential: fresh at each epoch, then carried (detached).
    if (state_.h.empty() || state_.h[0].rows() != B)
      state_ = model_.zero_state(B);
    else if (options_.iterator == IteratorKind::Random || batch_.first_of_epoch)
      zero_in_place(state_);  // the same zeros without allocating (tests/engine/nn/allocation_test.cpp)
    const bool last = i + 1 == minibatches;
    const double loss = model_.loss_and_gradients(batch_.inputs.data(), batch_.targets.data(), B, T,
                                                  options_.truncation, rng_, state_,
                                                  last ? &diagnostics_ : nullptr);
    const double norm = nn::clip_gradients(model_.gradients(), P, options_.clip);
    if (!std::isfinite(loss) || !std::isfinite(norm)) {
      reset_after_divergence();
      report.diverged = true;
      report.message = std::string("training diverged at minibatch ") + std::to_string(total_steps_ + 1) + ": " +
                       (!std::isfinite(loss) ? "the loss" : "the gradient norm") +
                       " is not finite; the last finite weights were restored (lower the learning rate or "
                       "clip the gradient)";
      report.grad_norm = norm;
      break;
    }
    // These weights gave a finite loss and gradient: they are what a later divergence falls back to.
    std::copy(model_.parameters(), model_.parameters() + P, last_finite_.begin());
    optimizer_.step(model_.parameters(), model_.gradients(), P);
    loss_sum += loss;
    norm_sum += norm;
    if (options_.clip > 0 && norm > options_.clip) ++clipped;
    report.grad_norm = norm;
    ++report.steps;
    ++total_steps_;
    tokens_ += static_cast<std::int64_t>(B) * T;
    report.epoch_end = iterator_.position() == iterator_.batches_in_epoch();
    if (report.epoch_end) ++epochs_completed_;
    if (report.epoch_end && stop_at_epoch_end) break;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.call_tokens = tokens_ - tokens_before;
  report.tokens = tokens_;
  report.total_steps = total_steps_;
  report.epochs_completed = epochs_completed_;
  report.epoch = epoch();
  if (report.steps > 0) {
    report.loss = loss_sum / report.steps;
    report.perplexity = std::exp(report.loss);
    report.grad_norm_mean = norm_sum / report.steps;
    report.clip_fraction = static_cast<double>(clipped) / report.steps;
  } else {
    report.loss = report.perplexity = std::numeric_limits<double>::quiet_NaN();
  }
  report.seconds = seconds;
  report.tokens_per_s = seconds > 0 ? static_cast<double>(report.steps) * B * T / seconds : 0.0;
  return report;
}

double Trainer::perplexity_of(const std::vector<std::int32_t>& ids) {
  if (ids.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  check_ids(ids, model_.config().vocab);
  const std::size_t T = static_cast<std::size_t>(options_.steps);
  // Parallel streams make evaluation matrix-matrix work; each keeps at least T tokens.
  const std::size_t streams = std::max<std::size_t>(1, std::min<std::size_t>(options_.batch, (ids.size() - 1) / T));
  const std::size_t length = (ids.size() - 1) / streams;  // inputs per stream
  nn::State<float> state = model_.zero_state(static_cast<int>(streams));
  std::vector<std::int32_t> inputs, targets;
  double sum = 0;
  for (std::size_t at = 0; at < length; at += T) {
    const std::size_t t_len = std::min(T, length - at);
    inputs.resize(streams * t_len);
    targets.resize(streams * t_len);
    for (std::size_t b = 0; b < streams; ++b)
      for (std::size_t t = 0; t < t_len; ++t) {
        const std::size_t k = b * length + at + t;
        inputs[b * t_len + t] = ids[k];
        targets[b * t_len + t] = ids[k + 1];
      }
    sum += model_.loss_sum(inputs.data(), targets.data(), static_cast<int>(streams), static_cast<int>(t_len), state);
  }
  return std::exp(sum / static_cast<double>(streams * length));
}

double Trainer::evaluate() {
  return options_.samples.empty() ? perplexity_of(validation_) : evaluate_samples().perplexity;
}

SampleEvaluation Trainer::evaluate_samples() {
  const SampleLayout& layout = options_.samples;
  if (layout.empty()) throw Error("evaluate_samples: the corpus is a text, not a task of samples");
  const std::size_t S = static_cast<std::size_t>(layout.length), T = S - 1;
  const std::size_t count = validation_.size() / S, V = static_cast<std::size_t>(model_.config().vocab);
  SampleEvaluation result;
  result.samples = count;
  if (count == 0) {
    result.perplexity = result.answer_accuracy = result.answer_loss = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  std::vector<char> is_answer(T, 0);
  for (int t : layout.answer_steps) is_answer[static_cast<std::size_t>(t)] = 1;
  std::vector<std::int32_t> inputs;
  std::vector<float> logits;
  double loss_sum = 0, answer_loss_sum = 0;
  std::size_t answers = 0, correct = 0;
  // The training batch's rows at a time, fewer when their logits would pass 4 Mi floats (16 MB: a long lag
  // with a large vocabulary), so that evaluating never needs much more memory than training planned.
  const std::size_t rows = std::max<std::size_t>(1, std::min<std::size_t>(options_.batch, (std::size_t{1} << 22) / (T * V)));
  for (std::size_t first = 0; first < count; first += rows) {
    const std::size_t B = std::min<std::size_t>(rows, count - first);
    inputs.resize(B * T);
    logits.resize(B * T * V);
    for (std::size_t b = 0; b < B; ++b)
      std::copy_n(validation_.begin() + static_cast<std::ptrdiff_t>((first + b) * S), T, inputs.begin() + b * T);
    nn::State<float> state = model_.zero_state(static_cast<int>(B));
    model_.logits(inputs.data(), static_cast<int>(B), static_cast<int>(T), state, logits.data());
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t t = 0; t < T; ++t) {
        const float* row = logits.data() + (b * T + t) * V;
        const std::size_t target = static_cast<std::size_t>(validation_[(first + b) * S + t + 1]);
        // -log softmax(row)[target], in double, shifted by the row's maximum.
        const std::size_t best = static_cast<std::size_t>(std::max_element(row, row + V) - row);
        double sum = 0;
        for (std::size_t v = 0; v < V; ++v) sum += std::exp(static_cast<double>(row[v]) - row[best]);
        const double loss = std::log(sum) - (static_cast<double>(row[target]) - row[best]);
        loss_sum += loss;
        if (is_answer[t]) {
          answer_loss_sum += loss;
          ++answers;
          if (best == target) ++correct;
        }
      }
  }
  result.perplexity = std::exp(loss_sum / static_cast<double>(count * T));
  result.answer_loss = answers ? answer_loss_sum / static_cast<double>(answers) : std::numeric_limits<double>::quiet_NaN();
  result.answer_accuracy = answers ? static_cast<double>(correct) / static_cast<double>(answers)
                                   : std::numeric_limits<double>::quiet_NaN();
  return result;
}

void Trainer::set_options(const TrainOptions& options) {
  options.validate();
  if (options.seed != options_.seed) throw Error("set_options: the seed is fixed when the trainer is created");
  if (options.val_fraction != options_.val_fraction)
    throw Error("set_options: valFraction is fixed when the trainer is created");
  if (options.samples.length != options_.samples.length || options.samples.answer_steps != options_.samples.answer_steps)
    throw Error("set_options: the sample layout is the corpus's, fixed when the trainer is created");
  optimizer_.set_options(options.optimizer);
  const bool reshape = options.batch != options_.batch || options.steps != options_.steps ||
                       options.iterator != options_.iterator;
  if (reshape) {
    // Rebuilding the iterator restarts the epoch; the weights and the generator go on.
    iterator_ = DataIterator(iterator_.ids(), options.batch, options.steps, options.iterator, options.samples.length);
    state_ = nn::State<float>();
  }
  options_ = options;
}

nn::Diagnostics Trainer::probe(const ProbeOptions& options) {
  const int T = options.steps > 0 ? options.steps : options_.steps;
  // Rows are consecutive windows of T tokens, or on a corpus of samples whole samples (stride S = T + 1).
  const std::size_t stride = options_.samples.empty() ? static_cast<std::size_t>(T) : options_.samples.length;
  if (!options_.samples.empty() && static_cast<std::size_t>(T) + 1 != stride)
    throw Error("probe: on a corpus of samples of " + std::to_string(stride) + " tokens, steps must be " +
                std::to_string(stride - 1) + " (or 0), got " + std::to_string(T));
  const ValidationBatch v = validation_batch(validation_.data(), validation_.size(),
                                             options.batch > 0 ? options.batch : options_.batch, T, stride, "probe");
  const int B = v.B;
  // The gradient buffer is the model's, not the probe's: keep what the last training step left there.
  const std::vector<float> saved(model_.gradients(), model_.gradients() + model_.parameter_count());
  nn::State<float> state = model_.zero_state(B);
  Rng rng(options.seed);
  nn::Diagnostics d;
  model_.loss_and_gradients(v.inputs.data(), v.targets.data(), B, T, options.truncation, rng, state, &d, options.loss);
  std::copy(saved.begin(), saved.end(), model_.gradients());
  return d;
}

}  // namespace seqlab::train
