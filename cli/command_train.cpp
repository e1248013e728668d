// `seqlab train`: train an RNN/GRU/LSTM language model on a text. Prints one JSON line per epoch
// ({"epoch", "train_ppl", "val_ppl", "tokens_per_s", "grad_norm", ...}) and a final JSON line
// ({"final": true, ...} with the prediction after --prefix); --save writes a checkpoint.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/io/checkpoint.h"
#include "engine/io/json.h"
#include "engine/nn/config.h"
#include "engine/text/corpus.h"
#include "engine/train/generate.h"
#include "engine/train/trainer.h"

namespace seqlab::cli {
namespace {

io::Json finite_or_null(double x) { return std::isfinite(x) ? io::Json(x) : io::Json(); }

nn::ModelConfig parse_model(const Args& args, int vocab) {
  nn::ModelConfig c;
  const std::string cell = args.get_choice("cell", "gru", {"rnn", "gru", "lstm"});
  c.cell = cell == "rnn" ? nn::CellType::Rnn : cell == "gru" ? nn::CellType::Gru : nn::CellType::Lstm;
  c.vocab = vocab;
  c.hidden = static_cast<int>(args.get_int("hidden", 256, 1, 4096));
  c.layers = static_cast<int>(args.get_int("layers", 1, 1, 16));
  c.embedding = static_cast<int>(args.get_int("embedding", 0, 0, 4096));
  const std::string act = args.get_choice("activation", "tanh", {"tanh", "relu", "identity"});
  c.activation = act == "tanh" ? nn::Activation::Tanh : act == "relu" ? nn::Activation::Relu : nn::Activation::Identity;
  c.gru_variant = args.get_choice("gru-variant", "notes", {"notes", "seed", "reset_after"}) == "reset_after"
                      ? nn::GruVariant::ResetAfter
                      : nn::GruVariant::Notes;  // seed: the old name of notes
  c.init = args.get_choice("init", "uniform", {"uniform", "normal"}) == "uniform" ? nn::Init::Uniform : nn::Init::Normal;
  c.validate();
  return c;
}

train::TrainOptions parse_train(const Args& args) {
  train::TrainOptions o;
  o.batch = static_cast<int>(args.get_int("batch", 32, 1, 4096));
  o.steps = static_cast<int>(args.get_int("steps", 35, 1, 4096));
  o.iterator = train::parse_iterator_kind(args.get_choice("iterator", "sequential", {"random", "sequential"}));
  o.optimizer.kind = train::parse_optimizer_kind(args.get_choice("optimizer", "sgd", {"sgd", "momentum", "adam"}));
  o.optimizer.lr = args.get_double("lr", 1.0, 1e-12, 1e4);
  o.optimizer.momentum = args.get_double("momentum", 0.9, 0.0, 0.999999);
  o.clip = args.get_double("clip", 1.0, 0.0, 1e6);
  o.truncation = nn::Truncation::parse(args.get("truncation", "full"));
  o.seed = static_cast<std::uint64_t>(args.get_int("seed", 0, 0, 9007199254740991LL));
  o.val_fraction = args.get_double("val-fraction", 0.1, 0.0, 0.5);
  o.validate();
  return o;
}

int run_train(const Args& args) {
  if (!args.positionals().empty()) throw Error("unexpected argument '" + args.positionals()[0] + "'");
  text::CorpusOptions corpus_options;
  corpus_options.level = text::parse_level(args.get("level", "char"));
  corpus_options.preprocess = text::parse_preprocess(args.get("preprocess", "letters_only"));
  corpus_options.min_freq = static_cast<int>(args.get_int("min-freq", 0, 0, 1000000000));
  text::Corpus corpus = text::build_corpus(read_file(args.require("train")), corpus_options);
  const long long max_tokens = args.get_int("max-tokens", 0, 0, 1LL << 40);
  if (max_tokens > 0 && static_cast<std::size_t>(max_tokens) < corpus.ids.size())
    corpus.ids.resize(static_cast<std::size_t>(max_tokens));  // D2L's corpus[:max_tokens]

  const nn::ModelConfig model = parse_model(args, corpus.vocab_size());
  const train::TrainOptions options = parse_train(args);
  const int epochs = static_cast<int>(args.get_int("epochs", 10, 0, 1000000));
  const int eval_every = static_cast<int>(args.get_int("eval-every", 1, 0, 1000000));
  const std::string prefix = args.get("prefix", "time traveller");
  const int predict = static_cast<int>(args.get_int("predict", 50, 0, 100000));

  train::Trainer trainer(model, options, corpus.ids);
  const auto start = std::chrono::steady_clock::now();
  double last_ppl = NAN, best_ppl = INFINITY, val_ppl = NAN, last_tps = 0;
  bool diverged = false;
  std::string message;
  int done = 0;
  for (int epoch = 1; epoch <= epochs && !diverged; ++epoch) {
    // One run() per epoch: its mean loss is the epoch's loss as D2L reports it (equal tokens per minibatch).
    const train::TrainReport r = trainer.run(1000000, /*stop_at_epoch_end=*/true);
    if (r.diverged) {
      diverged = true;
      message = r.message;
    }
    done = epoch;
    last_ppl = r.perplexity;
    last_tps = r.tokens_per_s;
    if (std::isfinite(r.perplexity)) best_ppl = std::min(best_ppl, r.perplexity);
    const bool evaluate = trainer.validation_token_count() > 1 && eval_every > 0 &&
                          (epoch % eval_every == 0 || epoch == epochs || diverged);
    if (evaluate) val_ppl = trainer.evaluate();
    io::Json line = io::Json::object();
    line.set("epoch", epoch).set("train_ppl", finite_or_null(r.perplexity))
        .set("val_ppl", evaluate ? finite_or_null(val_ppl) : io::Json())
        .set("tokens_per_s", r.tokens_per_s).set("grad_norm", finite_or_null(r.grad_norm_mean))
        .set("clip_fraction", r.clip_fraction).set("tokens", static_cast<double>(r.tokens));
    if (r.diverged) line.set("diverged", true).set("message", r.message);
    std::cout << line.dump() << std::endl;
  }
  if (trainer.validation_token_count() > 1 && (epochs == 0 || eval_every == 0)) val_ppl = trainer.evaluate();

  io::Json final_line = io::Json::object();
  final_line.set("final", true).set("epochs", done).set("train_ppl", finite_or_null(last_ppl))
      .set("best_train_ppl", finite_or_null(best_ppl)).set("val_ppl", finite_or_null(val_ppl))
      .set("tokens_per_s", last_tps)
      .set("seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
      .set("train_tokens", static_cast<unsigned long long>(trainer.train_token_count()))
      .set("val_tokens", static_cast<unsigned long long>(trainer.validation_token_count()))
      .set("vocab_size", corpus.vocab_size())
      .set("parameters", static_cast<unsigned long long>(trainer.model().parameter_count()))
      .set("model", trainer.model().config().to_json()).set("train", options.to_json());
  if (diverged) final_line.set("diverged", true).set("message", message);
  if (predict > 0 && !prefix.empty()) {
    const std::vector<std::int32_t> prefix_ids = corpus.encode(prefix);
    if (!prefix_ids.empty()) {
      train::GenerateOptions g;
      g.length = predict;
      g.top_n = 0;
      Rng rng(options.seed);
      std::vector<std::int32_t> all = prefix_ids;
      for (const auto& step : train::generate(trainer.model(), prefix_ids, g, rng)) all.push_back(step.token);
      final_line.set("prefix", prefix).set("prediction", corpus.decode(all.data(), all.size()));
    }
  }
  if (args.has("save")) {
    io::Json train = io::Json::object();
    train.set("options", options.to_json()).set("tokensSeen", static_cast<double>(trainer.tokens_seen()));
    const std::string bytes =
        io::write_checkpoint(io::make_checkpoint(trainer.model(), corpus.vocab, corpus.options, std::move(train), options.val_fraction));
    write_file(args.require("save"), bytes);
    final_line.set("saved", args.require("save")).set("bytes", static_cast<unsigned long long>(bytes.size()));
  }
  std::cout << final_line.dump() << std::endl;
  return diverged ? 1 : 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND(
    "train", "train an RNN/GRU/LSTM language model (one JSON line per epoch, then a final line)",
    "--train FILE [--level char|word --preprocess letters_only|none --min-freq N --val-fraction F(0.1) "
    "--max-tokens N] --cell rnn|gru|lstm --hidden H [--layers L --embedding E --activation tanh|relu|identity "
    "--gru-variant notes|reset_after --init uniform|normal --batch B(32) --steps T(35) "
    "--iterator random|sequential --optimizer sgd|momentum|adam --lr LR(1) --momentum M --clip THETA(1, 0 = off) "
    "--truncation full|fixed:TAU|random:PI --epochs N(10) --eval-every N(1) --seed S --prefix TEXT "
    "--predict N(50) --save FILE]",
    {"train", "level", "preprocess", "min-freq", "val-fraction", "max-tokens", "cell", "hidden", "layers",
     "embedding", "activation", "gru-variant", "init", "batch", "steps", "iterator", "optimizer", "lr",
     "momentum", "clip", "truncation", "epochs", "eval-every", "seed", "prefix", "predict", "save"},
    {}, run_train);

}  // namespace seqlab::cli
