// `seqlab train FILE` (or --train FILE): train an RNN/GRU/LSTM language model on a text through one
// facade::Session: the corpus, the trainer and its run, which holds the rules of epochs, validation,
// stopping and the summary (facade::TrainingRun, wasm/facade/training_run.h), the same the page's worker
// advances in slices. Prints one JSON line per epoch ({"epoch",
// "train_ppl", "val_ppl", "tokens_per_s", "grad_norm", "clip_fraction", "steps" and "call_tokens" of the
// epoch, "run_steps" and "run_tokens" since the run's start, "tokens": the old name of run_tokens}) and a
// final JSON line ({"final": true, ...} with the prediction after --prefix, by default the text's first
// words); --save writes a checkpoint.
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
#include "cli/command.h"
#include "engine/core/error.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

// The one trainer of the command's session.
const char* const kTrainer = "train";

int run_train(const Args& args) {
  args.no_positionals();
  facade::Session session;
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
    session.resume_on_text(kTrainer, read_text(args.file()), std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    if (!args.group("train").as_object().empty()) session.set_train_options(kTrainer, args.group("train").dump());
  } else if (is_task) {
    if (args.has("train") || args.has("maxTokens") || !args.group("corpus").as_object().empty())
      throw Error("train --task: the task is the corpus; leave out FILE (--train), --max-tokens and the corpus "
                  "options");
    session.load_task(args.group("task").dump());
    session.create_trainer(kTrainer, args.group("model").dump(), args.group("train").dump());
  } else {
    session.load_corpus(read_text(args.file()), args.group("corpus").dump(),
                        static_cast<std::uint64_t>(args.options("run").at("maxTokens").as_number()));
    session.create_trainer(kTrainer, args.group("model").dump(), args.group("train").dump());
  }
  // The given keys only: the run tells a prefix given (even empty) from the default one.
  session.begin_run(kTrainer, args.group("run").dump());
  while (!session.run_finished(kTrainer)) print_json(session.run_epoch(kTrainer), false);
  Json summary = session.run_summary(kTrainer);
  for (const auto& text : summary.at("warnings").as_array()) warn(text.as_string());
  if (!summary.at("prefixUnknownTokens").is_null()) warn_unknown("--prefix", summary.at("prefixUnknownTokens"));
  Json final_line = summary.at("line");
  if (args.has("save")) {
    const std::vector<std::uint8_t> bytes = session.save(kTrainer);
    write_file(args.require("save"), std::string(bytes.begin(), bytes.end()));
    final_line.set("saved", args.require("save")).set("bytes", static_cast<unsigned long long>(bytes.size()));
  }
  print_json(final_line);
  return final_line.has("diverged") ? kExitDiverged : 0;
}

}  // namespace

// The model's vocab is the corpus's and its seed the train options' seed: neither is a flag.
SEQLAB_REGISTER_COMMAND(
    "train", "train an RNN/GRU/LSTM language model (one JSON line per epoch, then a final line)", "FILE | --task NAME",
    {{"corpus", {}}, {"task", {"seed"}}, {"model", {"vocab", "seed"}}, {"train", {}}, {"run", {}}},
    {file_option("train", "the text to train on (the same as FILE; required unless --task)"),
     file_option("save", "write a checkpoint to this file"),
     file_option("resume", "continue the run saved in this checkpoint for --epochs more epochs (on the same text)")},
    run_train, "train");

}  // namespace seqlab::cli
