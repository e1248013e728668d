#include "engine/io/safetensors.h"

#include <cstdint>
#include <cstring>

#include "engine/core/error.h"
#include "engine/nn/cell_traits.h"
#include "engine/nn/parameters.h"

namespace seqlab::io {

namespace {

// Copies `rows` rows of width `cols` starting at row `from` of the row-major block at `src`, optionally
// negated, to the end of `out`.
void append_rows(std::vector<float>& out, const float* src, int from, int rows, int cols, bool negate) {
  const float* begin = src + static_cast<std::size_t>(from) * cols;
  for (std::size_t i = 0; i < static_cast<std::size_t>(rows) * cols; ++i) out.push_back(negate ? -begin[i] : begin[i]);
}

}  // namespace

std::vector<ExportTensor> pytorch_tensors(const nn::ModelOptions& config, const std::vector<float>& parameters) {
  config.validate();
  // No torch.nn module computes these two: their files carry no bias_hh (see safetensors.h).
  const bool has_torch_module =
      !(config.cell == nn::CellType::Gru && config.gru_variant == nn::GruVariant::Notes) &&
      !(config.cell == nn::CellType::Rnn && config.activation == nn::Activation::Identity);
  const nn::ParameterLayout layout = nn::make_parameter_layout(config);
  if (parameters.size() != layout.total)
    throw Error("export: the model has " + std::to_string(layout.total) + " parameters, got " +
                std::to_string(parameters.size()));
  const float* p = parameters.data();
  const int H = config.hidden, V = config.vocab, G = config.gate_count();

  const std::vector<nn::TorchBlock>& order = nn::cell_traits(config.cell).torch_order;

  std::vector<ExportTensor> out;
  if (config.embedding > 0) {
    ExportTensor e{"embedding.weight", {V, config.embedding}, {}};
    append_rows(e.data, p + layout.E, 0, V, config.embedding, false);
    out.push_back(std::move(e));
  }
  for (int l = 0; l < config.layers; ++l) {
    const nn::LayerLayout& ll = layout.layers[l];
    const int I = ll.input;
    const std::string k = std::to_string(l);
    ExportTensor w_ih{"rnn.weight_ih_l" + k, {G * H, I}, {}}, w_hh{"rnn.weight_hh_l" + k, {G * H, H}, {}};
    ExportTensor b_ih{"rnn.bias_ih_l" + k, {G * H}, {}}, b_hh{"rnn.bias_hh_l" + k, {G * H}, {}};
    for (const nn::TorchBlock& g : order) {
      append_rows(w_ih.data, p + ll.W_x, g.ours * H, H, I, g.negate);
      append_rows(w_hh.data, p + ll.W_h, g.ours * H, H, H, g.negate);
      append_rows(b_ih.data, p + ll.b, g.ours * H, H, 1, g.negate);
    }
    b_hh.data.assign(static_cast<std::size_t>(G) * H, 0.0f);
    if (config.cell == nn::CellType::Gru && has_torch_module)  // reset_after: b_hh sits in the n part
      std::memcpy(b_hh.data.data() + 2 * H, p + ll.b_hh, sizeof(float) * H);
    out.push_back(std::move(w_ih));
    out.push_back(std::move(w_hh));
    out.push_back(std::move(b_ih));
    if (has_torch_module) out.push_back(std::move(b_hh));
  }
  ExportTensor fc_w{"fc.weight", {V, H}, {}}, fc_b{"fc.bias", {V}, {}};
  append_rows(fc_w.data, p + layout.W_hq, 0, V, H, false);
  append_rows(fc_b.data, p + layout.b_q, 0, V, 1, false);
  out.push_back(std::move(fc_w));
  out.push_back(std::move(fc_b));
  return out;
}

std::string write_safetensors(const std::vector<ExportTensor>& tensors, const Json& metadata) {
  Json header = Json::object();
  if (!metadata.is_null()) {
    for (const auto& [key, value] : metadata.as_object())
      if (!value.is_string()) throw Error("safetensors: metadata value of '" + key + "' must be a string");
    header.set("__metadata__", metadata);
  }
  std::uint64_t offset = 0;
  for (const auto& t : tensors) {
    std::size_t count = 1;
    Json shape = Json::array();
    for (int d : t.shape) {
      shape.push(d);
      count *= static_cast<std::size_t>(d);
    }
    if (count != t.data.size()) throw Error("safetensors: tensor '" + t.name + "' has the wrong element count");
    Json offsets = Json::array();
    offsets.push(static_cast<unsigned long long>(offset));
    offset += 4 * count;
    offsets.push(static_cast<unsigned long long>(offset));
    Json entry = Json::object();
    entry.set("dtype", "F32").set("shape", std::move(shape)).set("data_offsets", std::move(offsets));
    header.set(t.name, std::move(entry));
  }
  std::string text = header.dump();
  while (text.size() % 8 != 0) text.push_back(' ');  // keeps the data 8-byte aligned
  std::string out;
  const std::uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
  out += text;
  out.reserve(out.size() + offset);
  for (const auto& t : tensors)
    for (float x : t.data) {
      std::uint32_t bits;
      std::memcpy(&bits, &x, 4);
      for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((bits >> (8 * k)) & 0xFF));
    }
  return out;
}

}  // namespace seqlab::io
