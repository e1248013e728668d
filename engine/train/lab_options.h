#pragma once
// The option groups of the Gradients lab's calls and of its models (seqlab.schema(): probe, lossAndGradients,
// linearRnn, gateActivations, labModel, labTrain). Each is a table like the others (engine/core/options.h): the truncation
// keys are the train group's entries, the lab's models take the model and train entries with the lab's
// defaults, so no range is written twice and the page reads the lab's values from the schema.
#include <cstdint>

#include "engine/core/options.h"
#include "engine/nn/config.h"
#include "engine/nn/model.h"
#include "engine/train/train_options.h"
#include "engine/train/trainer.h"

namespace seqlab::train {

// Model::loss_and_gradients on one minibatch: truncation, tau, pi (the train group's keys), seed (the
// generator random truncation draws from), lossSteps, pathSplit.
struct LossAndGradientsOptions {
  nn::Truncation truncation;
  std::uint64_t seed = 0;
  nn::LossOptions loss;
};

// The linear RNN of the notes (Session::linear_rnn): an untrained one-layer RNN with phi = identity, W_hh
// scaled to spectral radius rho. hidden, batch and steps default to the lab's (labModel, labTrain).
struct LinearRnnOptions {
  double rho = 1;  // required: the point of the call
  int hidden = 0, batch = 0, steps = 0;
  std::uint64_t seed = 0;
};

// Session::gate_activations: the gates over one sequence of at most maxTokens tokens.
struct GateActivationsOptions {
  int max_tokens = 40;
};

// lossSteps {all, last} and pathSplit over nn::LossOptions (probe and lossAndGradients lift them).
const OptionTable<nn::LossOptions>& loss_options();
const OptionTable<ProbeOptions>& probe_options();
const OptionTable<LossAndGradientsOptions>& loss_and_gradients_options();
const OptionTable<LinearRnnOptions>& linear_rnn_options();  // .defaults holds the lab's sizes
const OptionTable<GateActivationsOptions>& gate_activations_options();
// The lab's models (hidden, layers, embedding) and their training (batch, steps, iterator, optimizer, lr,
// clip, seed): the model and train entries with the lab's defaults in .defaults.
const OptionTable<nn::ModelOptions>& lab_model_options();
const OptionTable<TrainOptions>& lab_train_options();

}  // namespace seqlab::train
