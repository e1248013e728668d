#include <doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/io/safetensors.h"
#include "engine/nn/model.h"

using namespace seqlab;

namespace {
nn::Model<float> model_of(nn::CellType cell, int embedding = 0) {
  nn::ModelOptions c;
  c.cell = cell;
  c.vocab = 6;
  c.hidden = 3;
  c.layers = 2;
  c.embedding = embedding;
  c.gru_variant = nn::GruVariant::ResetAfter;
  c.seed = 1;
  return nn::Model<float>(c);
}
std::vector<float> buffer(const nn::Model<float>& m) {
  return std::vector<float>(m.parameters(), m.parameters() + m.parameter_count());
}
const io::ExportTensor& find(const std::vector<io::ExportTensor>& ts, const std::string& name) {
  for (const auto& t : ts)
    if (t.name == name) return t;
  throw Error("no tensor " + name);
}
}  // namespace

TEST_CASE("safetensors: GRU gates go to PyTorch's r, z, n order with z negated and b_hh in the n part") {
  auto m = model_of(nn::CellType::Gru);
  const auto ts = io::pytorch_tensors(m.config(), buffer(m));
  const int H = 3, V = 6;
  const auto& w_ih = find(ts, "rnn.weight_ih_l0");
  CHECK(w_ih.shape == std::vector<int>{3 * H, V});  // one-hot input
  const float* W_xz = m.parameter("l0.W_xz");
  const float* W_xr = m.parameter("l0.W_xr");
  const float* W_xh = m.parameter("l0.W_xh");
  for (int i = 0; i < H * V; ++i) {
    CHECK(w_ih.data[i] == W_xr[i]);
    CHECK(w_ih.data[H * V + i] == -W_xz[i]);
    CHECK(w_ih.data[2 * H * V + i] == W_xh[i]);
  }
  const auto& b_hh = find(ts, "rnn.bias_hh_l1");
  const auto& b_ih = find(ts, "rnn.bias_ih_l1");
  const float* b_z = m.parameter("l1.b_z");
  const float* bhh = m.parameter("l1.b_hh");
  for (int i = 0; i < H; ++i) {
    CHECK(b_hh.data[i] == 0.0f);
    CHECK(b_hh.data[H + i] == 0.0f);
    CHECK(b_hh.data[2 * H + i] == bhh[i]);
    CHECK(b_ih.data[H + i] == -b_z[i]);
  }
  CHECK(find(ts, "rnn.weight_ih_l1").shape == std::vector<int>{3 * H, H});
  CHECK(find(ts, "fc.weight").shape == std::vector<int>{V, H});
  CHECK(find(ts, "fc.bias").data[2] == m.parameter("b_q")[2]);
}

TEST_CASE("safetensors: LSTM gates go to PyTorch's i, f, g, o order; embedding.weight with an embedding") {
  auto m = model_of(nn::CellType::Lstm, 4);
  const auto ts = io::pytorch_tensors(m.config(), buffer(m));
  const int H = 3;
  const auto& w_hh = find(ts, "rnn.weight_hh_l0");
  const float* W_ho = m.parameter("l0.W_ho");
  const float* W_hc = m.parameter("l0.W_hc");
  for (int i = 0; i < H * H; ++i) {
    CHECK(w_hh.data[2 * H * H + i] == W_hc[i]);  // g
    CHECK(w_hh.data[3 * H * H + i] == W_ho[i]);  // o
  }
  CHECK(find(ts, "embedding.weight").shape == std::vector<int>{6, 4});
  CHECK(find(ts, "rnn.weight_ih_l0").shape == std::vector<int>{4 * H, 4});
}

TEST_CASE("safetensors: the file is an 8-byte length, a JSON header and the raw data at its offsets") {
  auto m = model_of(nn::CellType::Rnn);
  const auto ts = io::pytorch_tensors(m.config(), buffer(m));
  Json meta = Json::object();
  meta.set("format", "pt");
  const std::string bytes = io::write_safetensors(ts, meta);
  std::uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  CHECK(n % 8 == 0);
  const Json header = Json::parse(bytes.substr(8, n));
  CHECK(header.at("__metadata__").at("format").as_string() == "pt");
  std::size_t total = 0;
  for (const auto& t : ts) {
    const Json& e = header.at(t.name);
    CHECK(e.at("dtype").as_string() == "F32");
    const auto begin = static_cast<std::size_t>(e.at("data_offsets").as_array()[0].as_number());
    const auto end = static_cast<std::size_t>(e.at("data_offsets").as_array()[1].as_number());
    CHECK(end - begin == 4 * t.data.size());
    float first = 0;
    std::memcpy(&first, bytes.data() + 8 + n + begin, 4);
    CHECK(first == t.data[0]);
    total += end - begin;
  }
  CHECK(bytes.size() == 8 + n + total);
}

TEST_CASE("safetensors: the notes' GRU and the identity RNN are written without bias_hh (torch.nn has no such cell)") {
  nn::ModelOptions c;
  c.cell = nn::CellType::Gru;
  c.vocab = 5;
  c.hidden = 2;
  c.gru_variant = nn::GruVariant::Notes;
  auto names = [](const std::vector<io::ExportTensor>& tensors) {
    std::string out;
    for (const auto& t : tensors) out += t.name + " ";
    return out;
  };
  nn::Model<float> m(c);
  CHECK(names(io::pytorch_tensors(c, buffer(m))) == "rnn.weight_ih_l0 rnn.weight_hh_l0 rnn.bias_ih_l0 fc.weight fc.bias ");
  c.cell = nn::CellType::Rnn;
  c.activation = nn::Activation::Identity;
  nn::Model<float> r(c);
  CHECK(names(io::pytorch_tensors(c, buffer(r))) == "rnn.weight_ih_l0 rnn.weight_hh_l0 rnn.bias_ih_l0 fc.weight fc.bias ");
}
