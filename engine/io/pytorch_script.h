#pragma once
// The Python script that goes with a PyTorch export (safetensors.h): the way out for a user who outgrows
// the tab. Beside its .safetensors file it
//   loss TEXT      scores a text read as one stream from the zero state (the number `seqlab eval` prints),
//   generate       continues a prefix (greedy, temperature, top-k),
//   train TEXT     continues training with a fresh torch.optim optimizer and writes the weights back.
// It needs PyTorch only: the safetensors format is read and written by the script itself. Everything it
// needs to know about the model (sizes, vocabulary, corpus and training options) it reads from the file's
// metadata; what is generated is the module: torch.nn.RNN/GRU/LSTM, or, for the two cells torch.nn lacks
// (the notes' GRU that resets before the recurrent product, the identity-activation RNN), a small module
// of its own written into the script. This file is the one place the script is written (CLI and JS call it).
#include <string>

#include "engine/nn/config.h"

namespace seqlab::io {

// The script's text for a model of `config` whose weights file is `weights_file` (a file name, looked up
// in the script's folder; any characters, written as a Python string literal).
std::string pytorch_script(const nn::ModelOptions& config, const std::string& weights_file);

// A Python string literal ('...') holding `text` exactly (UTF-8 passes through; quotes, backslashes and
// control characters are escaped).
std::string python_string_literal(const std::string& text);

}  // namespace seqlab::io
