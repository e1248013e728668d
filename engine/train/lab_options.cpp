#include "engine/train/lab_options.h"

#include <string>
#include <vector>

namespace seqlab::train {

namespace {

OptionTable<nn::LossOptions> make_loss_options() {
  using O = nn::LossOptions;
  OptionTable<O> t;
  t.group = "loss";
  t.options = {
      choice_option<O>("lossSteps", SEQLAB_FIELD(loss_steps),
                       std::vector<std::pair<std::string, nn::LossSteps>>{{"all", nn::LossSteps::All},
                                                                          {"last", nn::LossSteps::Last}},
                       "the loss differentiated: the mean over all steps, or the last step's only"),
      bool_option<O>("pathSplit", SEQLAB_FIELD(path_split),
                     "also split ||dl/dh_t|| into the paths through each gate (GRU, LSTM)"),
  };
  return t;
}

// Lifts every entry of `inner` into S's table through `ref` (the field of S that holds an Inner).
template <class S, class Inner, class Ref>
void lift(OptionTable<S>& t, const OptionTable<Inner>& inner, Ref ref) {
  for (const auto& o : inner.options) t.options.push_back(nested_option<S>(o, ref));
}

OptionTable<ProbeOptions> make_probe_options() {
  using O = ProbeOptions;
  OptionTable<O> t;
  t.group = "probe";
  lift(t, loss_options(), SEQLAB_FIELD(loss));
  lift(t, truncation_options(), SEQLAB_FIELD(truncation));
  t.options.push_back(int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                                    "seed of random truncation's draw (the lab shows the spread over seeds)"));
  t.options.push_back(int_option<O>("draws", SEQLAB_FIELD(draws), 1, 1000,
                                    "draws with seeds seed, seed + 1, ...: their mean, with the min and max per step"));
  t.options.push_back(int_option<O>("batch", SEQLAB_FIELD(batch), 0, 4096,
                                    "rows B of the validation minibatch; 0 = the trainer's batch"));
  t.options.push_back(int_option<O>("steps", SEQLAB_FIELD(steps), 0, 4096, "steps T; 0 = the trainer's steps"));
  return t;
}

OptionTable<LossAndGradientsOptions> make_loss_and_gradients_options() {
  using O = LossAndGradientsOptions;
  OptionTable<O> t;
  t.group = "lossAndGradients";
  lift(t, truncation_options(), SEQLAB_FIELD(truncation));
  t.options.push_back(int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                                    "seed of random truncation's draw"));
  lift(t, loss_options(), SEQLAB_FIELD(loss));
  return t;
}

OptionTable<nn::ModelConfig> make_lab_model_options() {
  OptionTable<nn::ModelConfig> t;
  t.group = "labModel";
  for (const char* key : {"hidden", "layers", "embedding"}) t.options.push_back(option_of(nn::model_options(), key));
  // One minute of training at these sizes reproduces the notes' numbers (web/js/lab/README.md).
  t.defaults.hidden = 128;
  t.defaults.layers = 1;
  t.defaults.embedding = 0;
  return t;
}

OptionTable<TrainOptions> make_lab_train_options() {
  OptionTable<TrainOptions> t;
  t.group = "labTrain";
  for (const char* key : {"batch", "steps", "iterator", "optimizer", "lr", "clip", "seed"})
    t.options.push_back(option_of(train_options(), key));
  t.defaults.batch = 32;
  t.defaults.steps = 35;
  t.defaults.iterator = IteratorKind::Sequential;
  t.defaults.optimizer.kind = OptimizerKind::Adam;
  t.defaults.optimizer.lr = 0.005;
  t.defaults.clip = 1;
  t.defaults.seed = 42;
  return t;
}

OptionTable<LinearRnnOptions> make_linear_rnn_options() {
  using O = LinearRnnOptions;
  OptionTable<O> t;
  t.group = "linearRnn";
  Option<O> rho = number_option<O>("rho", SEQLAB_FIELD(rho), 0, 10, "spectral radius of W_hh");
  rho.spec.required = true;
  // At most 1024 units, rows and steps: the call runs at once on the page's worker, untrained.
  t.options = {rho,
               int_option<O>("hidden", SEQLAB_FIELD(hidden), 1, 1024, "hidden units H"),
               int_option<O>("batch", SEQLAB_FIELD(batch), 1, 1024, "rows B of the validation minibatch"),
               int_option<O>("steps", SEQLAB_FIELD(steps), 1, 1024, "steps T"),
               int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger, "seed of the weights")};
  t.defaults.hidden = lab_model_options().defaults.hidden;
  t.defaults.batch = lab_train_options().defaults.batch;
  t.defaults.steps = lab_train_options().defaults.steps;
  return t;
}

OptionTable<GateActivationsOptions> make_gate_activations_options() {
  using O = GateActivationsOptions;
  OptionTable<O> t;
  t.group = "gateActivations";
  // Every activation crosses to JavaScript as a number of a JSON array: the lab shows a snippet, not a book.
  t.options = {int_option<O>("maxTokens", SEQLAB_FIELD(max_tokens), 1, 4096,
                             "at most this many tokens: the text's first, or the validation part's first")};
  return t;
}

}  // namespace

const OptionTable<GateActivationsOptions>& gate_activations_options() {
  static const OptionTable<GateActivationsOptions> table = make_gate_activations_options();
  return table;
}

const OptionTable<nn::LossOptions>& loss_options() {
  static const OptionTable<nn::LossOptions> table = make_loss_options();
  return table;
}

const OptionTable<ProbeOptions>& probe_options() {
  static const OptionTable<ProbeOptions> table = make_probe_options();
  return table;
}

const OptionTable<LossAndGradientsOptions>& loss_and_gradients_options() {
  static const OptionTable<LossAndGradientsOptions> table = make_loss_and_gradients_options();
  return table;
}

const OptionTable<LinearRnnOptions>& linear_rnn_options() {
  static const OptionTable<LinearRnnOptions> table = make_linear_rnn_options();
  return table;
}

const OptionTable<nn::ModelConfig>& lab_model_options() {
  static const OptionTable<nn::ModelConfig> table = make_lab_model_options();
  return table;
}

const OptionTable<TrainOptions>& lab_train_options() {
  static const OptionTable<TrainOptions> table = make_lab_train_options();
  return table;
}

}  // namespace seqlab::train
