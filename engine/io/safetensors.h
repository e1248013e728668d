#pragma once
// Export of a model's weights for PyTorch in the safetensors layout:
//   8 bytes   header length N, uint64 little-endian
//   N bytes   JSON header {"__metadata__": {...}, "<name>": {"dtype": "F32", "shape": [...],
//             "data_offsets": [begin, end]}, ...} padded with spaces to a multiple of 8
//   then      the tensors' raw little-endian float32 data, in header order
//
// Names and shapes are those of a module with `self.embedding = nn.Embedding(V, E)` (only with an
// embedding), `self.rnn = nn.RNN/GRU/LSTM(I, H, num_layers=L, batch_first=True)` and `self.fc = nn.Linear(H, V)`:
//   embedding.weight (V, E); rnn.weight_ih_l{k} (G*H, I); rnn.weight_hh_l{k} (G*H, H);
//   rnn.bias_ih_l{k} (G*H); rnn.bias_hh_l{k} (G*H); fc.weight (V, H); fc.bias (V).
// Without an embedding, weight_ih_l0 is (G*H, V) and the input is one-hot vectors.
// The gates are reordered to PyTorch's: GRU r, z, n with z negated (PyTorch's z is our 1 - z, docs/math.md §3: the
// update rows and bias change sign), our b_h in bias_ih's n part and b_hh in bias_hh's n part, zeros for
// bias_hh's r and z parts; LSTM i, f, g, o (our c gate is PyTorch's g); our single biases go to bias_ih
// with zeros in bias_hh.
// Two cells have no torch.nn module: the notes' GRU form (reset before the recurrent product) and the
// identity-activation RNN (nn.RNN offers tanh/relu). They are written with the same names, shapes and gate
// order but WITHOUT rnn.bias_hh_l{k} (neither has a recurrent bias), so that loading them into nn.GRU/nn.RNN
// fails on a missing key instead of computing another function; the generated script (pytorch_script.h)
// defines the module they load into.
// Legend: V vocabulary, E embedding, H hidden, I input size of a layer, G gate blocks, L layers.
#include <string>
#include <vector>

#include "engine/core/json.h"
#include "engine/nn/config.h"

namespace seqlab::io {

struct ExportTensor {
  std::string name;
  std::vector<int> shape;
  std::vector<float> data;
};

// The PyTorch tensors of a model given its flat parameter buffer (make_parameter_layout(config).total values).
std::vector<ExportTensor> pytorch_tensors(const nn::ModelOptions& config, const std::vector<float>& parameters);

// The safetensors file bytes. `metadata` is an object of string values (safetensors allows only strings).
std::string write_safetensors(const std::vector<ExportTensor>& tensors, const Json& metadata);

}  // namespace seqlab::io
