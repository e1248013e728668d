#include "wasm/facade/training_run.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "wasm/facade/json_text.h"

namespace seqlab::facade {

namespace {

// The first words of the corpus (at character level its first characters up to a word's end, about 15):
// a prefix that fits the text, whatever it is. Empty on a task.
std::string default_prefix(const Corpus& corpus) {
  if (corpus.is_task()) return "";
  const std::vector<std::int32_t> ids = corpus.ids();
  const bool words = corpus.options().at("level").as_string() == "word";
  const std::size_t take = std::min<std::size_t>(ids.size(), words ? 2 : 16);
  std::string text = corpus.decode(std::vector<std::int32_t>(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(take)));
  if (!words && take == 16) {
    const std::size_t space = text.find_last_of(' ');
    if (space != std::string::npos && space > 0) text.resize(space);
  }
  return text;
}

double number_or_nan(const Json& j) { return j.is_number() ? j.as_number() : NAN; }

}  // namespace

TrainingRun::TrainingRun(const Corpus& corpus, Trainer& trainer, const std::string& run_json)
    : corpus_(corpus), trainer_(trainer), last_ppl_(NAN), best_ppl_(INFINITY), val_ppl_(NAN) {
  const Json given = parse_options_text(run_json, "run");
  options_ = read_options(train::run_options(), given, train::RunOptions());
  // An empty prefix given on purpose predicts nothing; one not given is the text's first words.
  has_prefix_ = given.is_object() && given.has("prefix");
  prefix_ = has_prefix_ ? options_.prefix : default_prefix(corpus);
  first_epoch_ = trainer.engine().epochs_completed() + 1;
  last_epoch_ = first_epoch_ - 1 + options_.epochs;
  done_ = first_epoch_ - 1;
  validates_ = trainer.token_counts().at("valTokens").as_number() > 1;
  // Where a resumed run stood: its curve holds a run point per epoch and a validation point after it.
  for (const auto& point : trainer.curve().as_array()) {
    if (point.has("perplexity") && point.at("perplexity").is_number()) {
      last_ppl_ = point.at("perplexity").as_number();
      best_ppl_ = std::min(best_ppl_, last_ppl_);
    }
    if (point.has("valPerplexity") && point.at("valPerplexity").is_number())
      val_ppl_ = point.at("valPerplexity").as_number();
  }
  start_ = last_validation_ = std::chrono::steady_clock::now();
}

Json TrainingRun::set_options(const std::string& run_json) {
  const Json given = parse_options_text(run_json, "run");
  options_ = read_options(train::run_options(), given, options_);
  if (given.is_object() && given.has("prefix")) {
    has_prefix_ = true;
    prefix_ = options_.prefix;
  }
  last_epoch_ = first_epoch_ - 1 + options_.epochs;
  return options();
}

Json TrainingRun::options() const { return write_options(train::run_options(), options_); }

bool TrainingRun::finished() const { return at_last_epoch() || diverged() || target_reached_; }

void TrainingRun::take(const Json& r) {
  // The epoch this report trained in: the one it closed, or the one it stopped inside.
  const auto completed = static_cast<std::int64_t>(r.at("epochsCompleted").as_number());
  const std::int64_t epoch = r.at("epochEnd").as_bool() ? completed : completed + 1;
  last_ppl_ = number_or_nan(r.at("perplexity"));
  if (r.at("diverged").as_bool())
    diverged_ = r.at("message");
  else if (r.at("steps").as_number() > 0 && !std::isfinite(last_ppl_))
    // The names of the options, not of the CLI's flags: the page shows this message too.
    diverged_ = Json("training diverged in epoch " + std::to_string(epoch) +
                     ": the training perplexity overflowed (the mean loss is " +
                     (r.at("loss").is_number() ? Json(r.at("loss")).dump() : std::string("not finite")) +
                     "); lower the learning rate (train option lr) or clip the gradient (train option clip)");
  last_tps_ = r.at("tokensPerS").as_number();
  if (std::isfinite(last_ppl_)) best_ppl_ = std::min(best_ppl_, last_ppl_);
  ++steps_taken_;
}

bool TrainingRun::validation_due(bool epoch_end, std::int64_t epoch) const {
  if (!validates_) return false;
  if (options_.eval_by == train::EvalBy::Epoch)
    return options_.eval_every > 0 &&
           ((epoch_end && (epoch % options_.eval_every == 0 || epoch == last_epoch_)) || diverged());
  // A validation is a forward pass over the whole validation part: at most every second, and at most ~20%
  // of the time (the interval is at least 5x its cost).
  if (steps_taken_ <= 1 || diverged()) return false;
  const auto due = last_validation_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                          std::chrono::duration<double>(std::max(1.0, 5 * validation_seconds_)));
  return std::chrono::steady_clock::now() >= due || (options_.epochs > 0 && at_last_epoch());
}

Json TrainingRun::validate() {
  const auto start = std::chrono::steady_clock::now();
  Json evaluation = trainer_.evaluate();
  last_validation_ = std::chrono::steady_clock::now();
  validation_seconds_ = std::chrono::duration<double>(last_validation_ - start).count();
  val_ppl_ = number_or_nan(evaluation.at("perplexity"));
  if (corpus_.is_task() && evaluation.at("answerAccuracy").is_number() &&
      evaluation.at("answerAccuracy").as_number() >= options_.target_accuracy)
    target_reached_ = true;
  return evaluation;
}

Json TrainingRun::next_epoch() {
  if (finished()) throw Error("the training run is finished: no epoch left to train");
  const std::int64_t epoch = done_ + 1;
  const Json r = trainer_.run_epoch();
  done_ = epoch;
  take(r);
  const bool evaluate = validation_due(/*epoch_end=*/true, epoch);
  Json evaluation;
  if (evaluate) evaluation = validate();
  Json line = Json::object();
  line.set("epoch", static_cast<double>(epoch)).set("trainPpl", last_ppl_).set("valPpl", evaluate ? Json(val_ppl_) : Json())
      .set("tokensPerS", r.at("tokensPerS")).set("gradNorm", r.at("gradNormMean"))
      .set("clipFraction", r.at("clipFraction")).set("steps", r.at("steps")).set("callTokens", r.at("callTokens"))
      .set("runSteps", r.at("runSteps")).set("runTokens", r.at("runTokens")).set("tokens", r.at("runTokens"));
  if (corpus_.is_task() && evaluate)
    line.set("answerAccuracy", evaluation.at("answerAccuracy")).set("answerLoss", evaluation.at("answerLoss"))
        .set("chanceLoss", corpus_.task_report().at("chanceLoss"));
  if (diverged()) line.set("diverged", true).set("message", diverged_);
  return line;
}

Json TrainingRun::advance(int minibatches) {
  if (minibatches < 0) throw Error("run: minibatches must be >= 0, got " + std::to_string(minibatches));
  diverged_ = Json();  // a stopped run goes on when advanced again
  target_reached_ = false;
  const bool limited = options_.epochs > 0;
  // A slice ends where an epoch does, so that it never trains past the run's last epoch and an epoch's
  // validation falls at its end (the next slice goes on from there).
  Json report = trainer_.run(limited && at_last_epoch() ? 0 : minibatches, /*stop_at_epoch_end=*/true);
  take(report);
  done_ = trainer_.engine().epochs_completed();
  const bool epoch_end = report.at("epochEnd").as_bool();
  const bool validated = report.at("steps").as_number() > 0 && validation_due(epoch_end, done_);
  Json out = Json::object();
  if (validated) out.set("evaluation", validate());
  if (diverged() && !report.at("diverged").as_bool()) report.set("diverged", true).set("message", diverged_);
  const char* reason = diverged() ? "diverged" : target_reached_ ? "target" : limited && at_last_epoch() ? "epochs" : nullptr;
  out.set("report", std::move(report)).set("validated", validated).set("valPerplexity", val_ppl_)
      .set("finished", reason != nullptr);
  if (reason) out.set("reason", reason);
  if (diverged()) out.set("message", diverged_);
  return out;
}

TrainingRun::Summary TrainingRun::summary() {
  Json final_evaluation;
  if (validates_ && (options_.epochs == 0 || options_.eval_every == 0 || corpus_.is_task())) {
    final_evaluation = trainer_.evaluate();
    val_ppl_ = number_or_nan(final_evaluation.at("perplexity"));
  }
  const Json counts = trainer_.token_counts(), options = trainer_.options();
  Summary out;
  Json& line = out.line = Json::object();
  line.set("final", true).set("epochs", static_cast<double>(done_)).set("trainPpl", last_ppl_)
      .set("bestTrainPpl", best_ppl_).set("valPpl", val_ppl_).set("tokensPerS", last_tps_)
      .set("seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count())
      .set("trainTokens", counts.at("trainTokens")).set("valTokens", counts.at("valTokens"))
      .set("vocabSize", corpus_.vocab_size()).set("parameters", trainer_.parameter_count())
      .set("model", options.at("model")).set("train", options.at("train"));
  if (corpus_.is_task()) {
    line.set("task", corpus_.task_report());
    if (final_evaluation.is_object())
      line.set("answerAccuracy", final_evaluation.at("answerAccuracy"))
          .set("answerLoss", final_evaluation.at("answerLoss"));
  }
  const Json progress = trainer_.progress();  // the run's counts since its start (across resumes)
  line.set("runSteps", progress.at("totalSteps")).set("runTokens", progress.at("tokensSeen"));
  if (diverged()) {
    line.set("diverged", true).set("message", diverged_);
    out.warnings.push_back(diverged_.as_string());
  }
  for (const auto& text : options.at("warnings").as_array()) out.warnings.push_back(text.as_string());
  if (has_prefix_) out.prefix_unknown_tokens = corpus_.unknown_tokens(prefix_);
  if (options_.predict > 0 && !prefix_.empty() && !corpus_.encode(prefix_).empty()) {
    Json g = Json::object();
    g.set("prefix", prefix_).set("length", options_.predict).set("seed", options.at("train").at("seed"));
    line.set("prefix", prefix_).set("prediction", trainer_.generate(g.dump()).at("text"));
  }
  return out;
}

}  // namespace seqlab::facade
