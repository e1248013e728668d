#include "engine/nn/parameters.h"

#include "engine/nn/cell_traits.h"

namespace seqlab::nn {

std::vector<std::string> gate_names(const ModelOptions& c) {
  const auto& gates = cell_traits(c.cell).gates;
  return {gates.begin(), gates.end()};
}

ParameterLayout make_parameter_layout(const ModelOptions& c) {
  c.validate();
  ParameterLayout layout;
  const int H = c.hidden;
  const auto gates = gate_names(c);
  std::size_t offset = 0;
  auto add = [&](const std::string& name, std::vector<int> shape) {
    std::size_t size = 1;
    for (int d : shape) size *= static_cast<std::size_t>(d);
    layout.infos.push_back(ParameterInfo{name, std::move(shape), offset, size});
    offset += size;
    return layout.infos.back().offset;
  };
  for (int l = 0; l < c.layers; ++l) {
    const std::string p = "l" + std::to_string(l) + ".";
    LayerLayout L;
    L.input = c.input_size(l);
    L.W_x = offset;
    for (const auto& g : gates) add(p + "W_x" + g, {H, L.input});
    L.W_h = offset;
    for (const auto& g : gates) add(p + "W_h" + g, {H, H});
    L.b = offset;
    for (const auto& g : gates) add(p + "b_" + g, {H});
    if (c.cell == CellType::Gru && c.gru_variant == GruVariant::ResetAfter) L.b_hh = add(p + "b_hh", {H});
    layout.layers.push_back(L);
  }
  layout.W_hq = add("W_hq", {c.vocab, H});
  layout.b_q = add("b_q", {c.vocab});
  if (c.embedding > 0) layout.E = add("E", {c.vocab, c.embedding});
  layout.total = offset;
  return layout;
}

}  // namespace seqlab::nn
