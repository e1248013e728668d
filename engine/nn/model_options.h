#pragma once
// The "model" option group: what a recurrent model is (nn::ModelOptions, engine/nn/config.h): every range and
// choice list of a model, written once.
#include "engine/core/options.h"
#include "engine/nn/config.h"

namespace seqlab::nn {

// Keys: cell, vocab, hidden, layers, embedding, activation, gruVariant, init, gateBias, seed.
const OptionTable<ModelOptions>& model_options();

}  // namespace seqlab::nn
