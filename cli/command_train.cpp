// `seqlab train FILE` (or --train FILE): train an RNN/GRU/LSTM language model on a text (facade::Corpus +
// facade::Trainer). Prints one JSON line per epoch ({"epoch", "train_ppl", "val_ppl", "tokens_per_s",
// "grad_norm", "clip_fraction", "steps" and "call_tokens" of the epoch, "run_steps" and "run_tokens" since the
// run's start, "tokens": the old name of run_tokens}) and a final JSON line ({"final": true, ...} with the
// prediction after --prefix, by default the text's first words); --save writes a checkpoint.
//
// Divergence (a loss or gradient that is not finite, or a perplexity that overflows) stops training: the
// line says "diverged": true and why, stderr says it too, and the exit code is 3 (kExitDiverged).
//
// --task NAME (and the task group's flags, --lag, --keys, ...; the samples' seed is 0) trains on a memory
// task instead of --train FILE: an epoch is a pass over the training samples, and the lines where validation
// runs also carry answer_accuracy, answer_loss and chance_loss; --target-accuracy A stops after the first
// validation whose answer accuracy reaches A.
//
// --resume FILE continues a saved run for --epochs more epochs: the corpus options, the model and the
// token count come from the checkpoint (giving them is an error), the text must be the one trained on (its
// hash is checked), train flags change the options as setTrainOptions does. The epoch lines and the final
// line are those of the run that was never interrupted, but for the wall-clock fields (tokensPerS, seconds).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/corpus.h"
#include "wasm/facade/resumed_run.h"
#include "wasm/facade/trainer.h"

namespace seqlab::cli {
namespace {

// The first words of the corpus (at character level its first characters up to a word's end, about 15):
// a prefix that fits the text, whatever it is. Empty on a task.
std::string default_prefix(const facade::Corpus& corpus) {
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

int run_train(const Args& args) {
  args.no_positionals();
  const Json& own = args.own();
  const auto integer = [&own](const char* key) { return static_cast<long long>(own.at(key).as_number()); };
  std::unique_ptr<facade::Corpus> corpus_holder;
  std::unique_ptr<facade::Trainer> trainer_holder;
  double last_ppl = NAN, best_ppl = INFINITY, val_ppl = NAN, last_tps = 0;
  long long first_epoch = 1;
  const bool is_task = !args.group("task").as_object().empty();
  if (args.has("resume") && is_task)
    throw Error("train --resume: resuming a run on a task is done from JavaScript (Session.loadTask, loadTrainer)");
  if (args.has("resume")) {
    std::string given;  // the flags a resume takes from the checkpoint
    for (const char* group : {"corpus", "model"}) {
      const Json options = args.group(group);
      for (const auto& [key, value] : options.as_object()) given += " --" + camel_to_kebab(key);
    }
    if (args.has("maxTokens")) given += " --max-tokens";
    if (!given.empty())
      throw Error("train --resume: the corpus options, the model options and --max-tokens come from the "
                  "checkpoint; leave out" + given + " (train options may be given)");
    if (!args.has("save"))
      warn("--resume without --save: the continued run is trained and then thrown away; give --save FILE to "
           "keep it");
    const std::string bytes = read_file(args.require("resume"));
    facade::ResumedRun resumed =
        facade::resume_run(read_text(args.file()), std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    corpus_holder = std::move(resumed.corpus);
    trainer_holder = std::move(resumed.trainer);
    if (!args.group("train").as_object().empty()) trainer_holder->set_options(args.group("train").dump());
    first_epoch = trainer_holder->engine().epochs_completed() + 1;
    // What the uninterrupted run's final line would say about the epochs before: from the curve (one run
    // point per epoch and a validation point after it, when the run was the CLI's).
    for (const auto& point : trainer_holder->curve().as_array()) {
      if (point.has("perplexity") && point.at("perplexity").is_number()) {
        last_ppl = point.at("perplexity").as_number();
        best_ppl = std::min(best_ppl, last_ppl);
      }
      if (point.has("valPerplexity") && point.at("valPerplexity").is_number())
        val_ppl = point.at("valPerplexity").as_number();
    }
  } else if (is_task) {
    if (args.has("train") || args.has("maxTokens") || !args.group("corpus").as_object().empty())
      throw Error("train --task: the task is the corpus; leave out FILE (--train), --max-tokens and the corpus "
                  "options");
    corpus_holder = std::make_unique<facade::Corpus>(facade::Corpus::from_task(args.group("task").dump()));
    trainer_holder = std::make_unique<facade::Trainer>(*corpus_holder, args.group("model").dump(),
                                                       args.group("train").dump());
  } else {
    corpus_holder = std::make_unique<facade::Corpus>(read_text(args.file()), args.group("corpus").dump());
    corpus_holder->keep_first(static_cast<std::size_t>(integer("maxTokens")));
    trainer_holder = std::make_unique<facade::Trainer>(*corpus_holder, args.group("model").dump(),
                                                       args.group("train").dump());
  }
  facade::Corpus& corpus = *corpus_holder;
  facade::Trainer& trainer = *trainer_holder;
  const long long epochs = integer("epochs"), eval_every = integer("evalEvery");
  const long long last_epoch = first_epoch - 1 + epochs;
  const bool validates = trainer.token_counts().at("valTokens").as_number() > 1;

  const auto start = std::chrono::steady_clock::now();
  Json diverged;  // the message of a diverged epoch
  long long done = first_epoch - 1;
  for (long long epoch = first_epoch; epoch <= last_epoch && diverged.is_null(); ++epoch) {
    const Json r = trainer.run_epoch();
    done = epoch;
    last_ppl = r.at("perplexity").is_number() ? r.at("perplexity").as_number() : NAN;
    // The engine stops at a loss or gradient that is not finite; a finite loss whose exp overflows (the
    // perplexity is null) has diverged as well.
    if (r.at("diverged").as_bool())
      diverged = r.at("message");
    else if (r.at("steps").as_number() > 0 && !std::isfinite(last_ppl))
      diverged = Json("training diverged in epoch " + std::to_string(epoch) +
                          ": the training perplexity overflowed (the mean loss is " +
                          (r.at("loss").is_number() ? Json(r.at("loss")).dump() : std::string("not finite")) +
                          "); lower --lr or clip the gradient (--clip)");
    last_tps = r.at("tokensPerS").as_number();
    if (std::isfinite(last_ppl)) best_ppl = std::min(best_ppl, last_ppl);
    const bool evaluate =
        validates && eval_every > 0 && (epoch % eval_every == 0 || epoch == last_epoch || !diverged.is_null());
    Json evaluation;
    if (evaluate) {
      evaluation = trainer.evaluate();
      const Json& e = evaluation.at("perplexity");
      val_ppl = e.is_number() ? e.as_number() : NAN;
    }
    Json line = Json::object();
    line.set("epoch", static_cast<double>(epoch)).set("trainPpl", last_ppl).set("valPpl", evaluate ? Json(val_ppl) : Json())
        .set("tokensPerS", r.at("tokensPerS")).set("gradNorm", r.at("gradNormMean"))
        .set("clipFraction", r.at("clipFraction")).set("steps", r.at("steps")).set("callTokens", r.at("callTokens"))
        .set("runSteps", r.at("runSteps")).set("runTokens", r.at("runTokens")).set("tokens", r.at("runTokens"));
    if (corpus.is_task() && evaluate)
      line.set("answerAccuracy", evaluation.at("answerAccuracy")).set("answerLoss", evaluation.at("answerLoss"))
          .set("chanceLoss", corpus.task_report().at("chanceLoss"));
    if (!diverged.is_null()) line.set("diverged", true).set("message", diverged);
    print_json(line, false);
    if (corpus.is_task() && evaluate && evaluation.at("answerAccuracy").is_number() &&
        evaluation.at("answerAccuracy").as_number() >= own.at("targetAccuracy").as_number())
      break;
  }
  Json final_evaluation;
  if (validates && (epochs == 0 || eval_every == 0 || corpus.is_task())) {
    final_evaluation = trainer.evaluate();
    const Json& e = final_evaluation.at("perplexity");
    val_ppl = e.is_number() ? e.as_number() : NAN;
  }

  const Json counts = trainer.token_counts(), options = trainer.options();
  Json final_line = Json::object();
  final_line.set("final", true).set("epochs", static_cast<double>(done)).set("trainPpl", last_ppl)
      .set("bestTrainPpl", best_ppl).set("valPpl", val_ppl).set("tokensPerS", last_tps)
      .set("seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
      .set("trainTokens", counts.at("trainTokens")).set("valTokens", counts.at("valTokens"))
      .set("vocabSize", corpus.vocab_size()).set("parameters", trainer.parameter_count())
      .set("model", options.at("model")).set("train", options.at("train"));
  if (corpus.is_task()) {
    final_line.set("task", corpus.task_report());
    if (final_evaluation.is_object())
      final_line.set("answerAccuracy", final_evaluation.at("answerAccuracy"))
          .set("answerLoss", final_evaluation.at("answerLoss"));
  }
  const Json progress = trainer.progress();  // the run's counts since its start (across resumes)
  final_line.set("runSteps", progress.at("totalSteps")).set("runTokens", progress.at("tokensSeen"));
  if (!diverged.is_null()) {
    final_line.set("diverged", true).set("message", diverged);
    warn(diverged.as_string());
  }
  for (const auto& text : options.at("warnings").as_array()) warn(text.as_string());
  // The default prefix is the corpus's own first words (on a task: none, predict only after a given one).
  const std::string prefix = args.has("prefix") ? args.require("prefix") : default_prefix(corpus);
  if (args.has("prefix")) warn_unknown("--prefix", corpus.unknown_tokens(prefix));
  if (integer("predict") > 0 && !prefix.empty() && !corpus.encode(prefix).empty()) {
    Json g = Json::object();
    g.set("prefix", prefix).set("length", own.at("predict")).set("seed", options.at("train").at("seed"));
    final_line.set("prefix", prefix).set("prediction", trainer.generate(g.dump()).at("text"));
  }
  if (args.has("save")) {
    const std::vector<std::uint8_t> bytes = trainer.save();
    write_file(args.require("save"), std::string(bytes.begin(), bytes.end()));
    final_line.set("saved", args.require("save")).set("bytes", static_cast<unsigned long long>(bytes.size()));
  }
  print_json(final_line);
  return diverged.is_null() ? 0 : kExitDiverged;
}

}  // namespace

// The model's vocab is the corpus's and its seed the train options' seed: neither is a flag.
SEQLAB_REGISTER_COMMAND(
    "train", "train an RNN/GRU/LSTM language model (one JSON line per epoch, then a final line)", "FILE | --task NAME",
    {{"corpus", {}}, {"task", {"seed"}}, {"model", {"vocab", "seed"}}, {"train", {}}},
    {own_string("train", "the text to train on (the same as FILE; required unless --task)"),
     own_int("maxTokens", 0, 1099511627776.0, 0, "train on the first N tokens only (D2L's corpus[:N]); 0 = all"),
     own_int("epochs", 0, 1000000, 10, "whole passes over the training part"),
     own_int("evalEvery", 0, 1000000, 1, "validation perplexity every N epochs (and after the last); 0 = at the end"),
     own_string("prefix", "the text whose continuation the final line predicts (default: the text's first words)"),
     own_int("predict", 0, 100000, 50, "tokens predicted (greedy) after --prefix in the final line; 0 = none"),
     own_number("targetAccuracy", 0, 1.01, 1.01,
                "on a task: stop after the first validation whose answer accuracy reaches this (default: never)"),
     own_string("save", "write a checkpoint to this file"),
     own_string("resume", "continue the run saved in this checkpoint for --epochs more epochs (on the same text)")},
    run_train, "train");

}  // namespace seqlab::cli
