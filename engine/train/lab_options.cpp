#include "engine/train/lab_options.h"

#include <string>
#include <vector>

#include "engine/nn/model_options.h"

namespace seqlab::train {

namespace {

// Lifts every entry of `inner` into S's table through `ref` (the field of S that holds an Inner).
template <class S, class Inner, class Ref>
void lift(OptionTable<S>& t, const OptionTable<Inner>& inner, Ref ref) {
  for (const auto& o : inner.options) t.options.push_back(nested_option<S>(o, ref));
}

}  // namespace

SEQLAB_OPTION_TABLE(nn::LossOptions, loss_options, "loss") {
  using O = nn::LossOptions;
  t.options = {
      choice_option<O>("lossSteps", SEQLAB_FIELD(loss_steps),
                       std::vector<std::pair<std::string, nn::LossSteps>>{{"all", nn::LossSteps::All},
                                                                          {"last", nn::LossSteps::Last}},
                       "the loss differentiated: the mean over all steps, or the last step's only"),
      bool_option<O>("pathSplit", SEQLAB_FIELD(path_split),
                     "also split ||dl/dh_t|| into the paths through each gate (GRU, LSTM)"),
  };
}


SEQLAB_OPTION_TABLE(ProbeOptions, probe_options, "probe") {
  using O = ProbeOptions;
  lift(t, loss_options(), SEQLAB_FIELD(loss));
  lift(t, truncation_options(), SEQLAB_FIELD(truncation));
  t.options.push_back(int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                                    "seed of random truncation's draw (the lab shows the spread over seeds)"));
  t.options.push_back(int_option<O>("draws", SEQLAB_FIELD(draws), 1, 1000,
                                    "draws with seeds seed, seed + 1, ...: their mean, with the min and max per step"));
  t.options.push_back(int_option<O>("batch", SEQLAB_FIELD(batch), 0, 4096,
                                    "rows B of the validation minibatch; 0 = the trainer's batch"));
  t.options.push_back(int_option<O>("steps", SEQLAB_FIELD(steps), 0, 4096, "steps T; 0 = the trainer's steps"));
}

SEQLAB_OPTION_TABLE(LossAndGradientsOptions, loss_and_gradients_options, "lossAndGradients") {
  using O = LossAndGradientsOptions;
  lift(t, truncation_options(), SEQLAB_FIELD(truncation));
  t.options.push_back(int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                                    "seed of random truncation's draw"));
  lift(t, loss_options(), SEQLAB_FIELD(loss));
}

SEQLAB_OPTION_TABLE(nn::ModelOptions, lab_model_options, "labModel") {
  for (const char* key : {"hidden", "layers", "embedding"}) t.options.push_back(option_of(nn::model_options(), key));
  // One minute of training at these sizes reproduces the notes' numbers (web/js/lab/README.md).
  t.defaults.hidden = 128;
  t.defaults.layers = 1;
  t.defaults.embedding = 0;
}

SEQLAB_OPTION_TABLE(TrainOptions, lab_train_options, "labTrain") {
  for (const char* key : {"batch", "steps", "iterator", "optimizer", "lr", "clip", "seed"})
    t.options.push_back(option_of(train_options(), key));
  t.defaults.batch = 32;
  t.defaults.steps = 35;
  t.defaults.iterator = IteratorKind::Sequential;
  t.defaults.optimizer.kind = OptimizerKind::Adam;
  t.defaults.optimizer.lr = 0.005;
  t.defaults.clip = 1;
  t.defaults.seed = 42;
}

SEQLAB_OPTION_TABLE(LinearRnnOptions, linear_rnn_options, "linearRnn") {
  using O = LinearRnnOptions;
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
}

SEQLAB_OPTION_TABLE(GateActivationsOptions, gate_activations_options, "gateActivations") {
  using O = GateActivationsOptions;
  // Every activation crosses to JavaScript as a number of a JSON array: the lab shows a snippet, not a book.
  t.options = {int_option<O>("maxTokens", SEQLAB_FIELD(max_tokens), 1, 4096,
                             "at most this many tokens: the text's first, or the validation part's first")};
}

}  // namespace seqlab::train
