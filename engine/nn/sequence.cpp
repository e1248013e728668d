#include "engine/nn/sequence.h"

#include <algorithm>
#include <string>

#include "engine/nn/cell_common.h"
#include "engine/nn/projection.h"

namespace seqlab::nn {

namespace {
// Rows [r0, r0 + n) of a (rows, cols) buffer as a view.
template <class S>
MatMap<S> block(Buffer<S>& v, Eigen::Index r0, Eigen::Index n, Eigen::Index cols) {
  return view(v.data() + r0 * cols, n, cols);
}
template <class S>
ConstMatMap<S> cblock(const Buffer<S>& v, Eigen::Index r0, Eigen::Index n, Eigen::Index cols) {
  return cview(v.data() + r0 * cols, n, cols);
}
}  // namespace

template <class S>
Workspace<S>::Workspace(const ModelOptions& c, const ParameterLayout& layout, int B_, int T_) : B(B_), T(T_) {
  const std::size_t N = static_cast<std::size_t>(B) * T, H = c.hidden, GH = H * c.gate_count(), V = c.vocab;
  tokens.resize(N);
  targets.resize(N);
  xi.resize(T);
  if (c.embedding > 0) {
    emb.resize(N * c.embedding);
    demb.resize(N * c.embedding);
  } else {
    W_xT.resize(V * GH);
    dW_xT.resize(V * GH);
  }
  logits.resize(N * V);
  for (auto* v : {&dh, &dh_prev}) v->resize(B * H);
  layers.resize(c.layers);
  for (int l = 0; l < c.layers; ++l) {
    auto& L = layers[l];
    L.xp.resize(N * GH);
    L.hs.resize((N + B) * H);
    L.dA.resize(N * GH);
    L.dH.resize(N * H);
    L.cell = make_cell<S>(c, layout.layers[l], B, T);
  }
}

template <class S>
std::uint64_t Workspace<S>::allocated_bytes() const {
  std::uint64_t scalars = xi.size() + W_xT.size() + dW_xT.size() + emb.size() + demb.size() + logits.size() +
                          dh.size() + dh_prev.size();
  for (const auto& L : layers) scalars += L.xp.size() + L.hs.size() + L.dA.size() + L.dH.size() + L.cell->allocated_scalars();
  return scalars * sizeof(S) + (tokens.size() + targets.size()) * sizeof(std::int32_t);
}

std::uint64_t workspace_bytes(const ModelOptions& c, int B, int T, std::size_t scalar_bytes) {
  const std::uint64_t b = static_cast<std::uint64_t>(B), t = static_cast<std::uint64_t>(T), n = b * t,
                      h = static_cast<std::uint64_t>(c.hidden), gh = h * static_cast<std::uint64_t>(c.gate_count()),
                      v = static_cast<std::uint64_t>(c.vocab), e = static_cast<std::uint64_t>(c.embedding);
  std::uint64_t scalars = t + (c.embedding > 0 ? 2 * n * e : 2 * v * gh) + n * v + 2 * b * h;
  const std::uint64_t per_layer = 2 * n * gh + (n + b) * h + n * h + cell_cache_scalars(c, B, T);
  scalars += per_layer * static_cast<std::uint64_t>(c.layers);
  return scalars * scalar_bytes + 2 * n * sizeof(std::int32_t);
}

std::uint64_t workspace_largest_block(const ModelOptions& c, int B, int T, std::size_t scalar_bytes) {
  const std::uint64_t b = static_cast<std::uint64_t>(B), n = b * static_cast<std::uint64_t>(T),
                      h = static_cast<std::uint64_t>(c.hidden), gh = h * static_cast<std::uint64_t>(c.gate_count()),
                      v = static_cast<std::uint64_t>(c.vocab), e = static_cast<std::uint64_t>(c.embedding);
  const std::uint64_t scalars = std::max({n * v, n * gh, (n + b) * h, c.embedding > 0 ? n * e : v * gh});
  return std::max<std::uint64_t>(scalars * scalar_bytes, n * sizeof(std::int32_t));
}

template <class S>
void load_tokens(Workspace<S>& ws, const std::int32_t* inputs, const std::int32_t* targets) {
  for (int b = 0; b < ws.B; ++b)
    for (int t = 0; t < ws.T; ++t) {
      ws.tokens[t * ws.B + b] = inputs[b * ws.T + t];
      if (targets) ws.targets[t * ws.B + b] = targets[b * ws.T + t];
    }
}

template <class S>
void set_truncation(Workspace<S>& ws, const Truncation& tr, Rng& rng) {
  ws.xi[0] = S(0);  // the state entering the minibatch is detached (docs/math.md §5)
  for (int t = 1; t < ws.T; ++t) {
    if (tr.kind == Truncation::Kind::Full) ws.xi[t] = S(1);
    else if (tr.kind == Truncation::Kind::Fixed) ws.xi[t] = (t % tr.tau == 0) ? S(0) : S(1);
    else ws.xi[t] = rng.uniform() < tr.pi ? static_cast<S>(1.0 / tr.pi) : S(0);
  }
}

template <class S>
void sequence_forward(const ModelOptions& c, const ParameterLayout& layout, const S* params, const State<S>& state,
                      Workspace<S>& ws) {
  const Eigen::Index B = ws.B, T = ws.T, N = B * T, H = c.hidden, GH = H * c.gate_count(), V = c.vocab;
  for (int l = 0; l < c.layers; ++l) {
    const LayerLayout& P = layout.layers[l];
    LayerWork<S>& L = ws.layers[l];
    const Eigen::Index I = P.input;
    const auto W_x = cview(params + P.W_x, GH, I);
    auto xp = view(L.xp.data(), N, GH);
    // The input projection of all T steps at once.
    if (l == 0 && c.embedding == 0) {
      onehot_forward<S>(W_x, params + P.b, ws.tokens.data(), view(ws.W_xT.data(), V, GH), xp);
    } else if (l == 0) {
      embedding_forward<S>(cview(params + layout.E, V, I), ws.tokens.data(), view(ws.emb.data(), N, I));
      linear_forward<S>(cview(ws.emb.data(), N, I), W_x, params + P.b, xp, ws.gemm);
    } else {
      linear_forward<S>(cblock(ws.layers[l - 1].hs, B, N, H), W_x, params + P.b, xp, ws.gemm);
    }
    Cell<S>& cell = *L.cell;
    cell.bind(params);
    block(L.hs, 0, B, H) = state.h[l];
    cell.set_state(state, l);
    for (Eigen::Index t = 0; t < T; ++t)
      cell.forward_step(t, cblock(L.xp, t * B, B, GH), cblock(L.hs, t * B, B, H), block(L.hs, (t + 1) * B, B, H),
                        ws.gemm);
  }
  // The output layer over all N rows at once.
  linear_forward<S>(cblock(ws.layers.back().hs, B, N, H), cview(params + layout.W_hq, V, H), params + layout.b_q,
                    view(ws.logits.data(), N, V), ws.gemm);
}

template <class S>
void sequence_backward(const ModelOptions& c, const ParameterLayout& layout, const S* params, S* grads,
                       Workspace<S>& ws, Diagnostics* diagnostics, bool path_split) {
  const Eigen::Index B = ws.B, T = ws.T, N = B * T, H = c.hidden, GH = H * c.gate_count(), V = c.vocab;
  linear_backward<S>(cview(ws.logits.data(), N, V), cblock(ws.layers.back().hs, B, N, H),
                     cview(params + layout.W_hq, V, H), view(grads + layout.W_hq, V, H), grads + layout.b_q,
                     ws.layers.back().dH.data(), ws.gemm);
  std::size_t terms = 0;
  if (diagnostics) {
    diagnostics->hidden_grad_norms.resize(c.layers);
    for (auto& v : diagnostics->hidden_grad_norms) v.resize(T);
    if (path_split) {
      diagnostics->path_terms = ws.layers[0].cell->path_terms();
      terms = diagnostics->path_terms.size();
    } else {
      diagnostics->path_terms.clear();
    }
    diagnostics->path_norms.resize(terms ? c.layers : 0);
    for (auto& layer : diagnostics->path_norms) {
      layer.resize(T);
      for (auto& step : layer) step.resize(terms);
    }
  }

  for (int l = c.layers - 1; l >= 0; --l) {
    const LayerLayout& P = layout.layers[l];
    LayerWork<S>& L = ws.layers[l];
    Cell<S>& cell = *L.cell;
    const Eigen::Index I = P.input;
    auto dh = view(ws.dh.data(), B, H), dh_prev = view(ws.dh_prev.data(), B, H);
    cell.bind(params);
    cell.begin_backward();
    dh = cblock(L.dH, (T - 1) * B, B, H);  // nothing comes back from beyond the last step
    for (Eigen::Index t = T - 1; t >= 0; --t) {
      if (diagnostics) diagnostics->hidden_grad_norms[l][t] = mean_row_norm<S>(as_const(dh));
      const auto h_prev = cblock(L.hs, t * B, B, H);
      cell.backward_step(t, as_const(dh), h_prev, cblock(L.hs, (t + 1) * B, B, H), block(L.dA, t * B, B, GH),
                         dh_prev, ws.xi[t], ws.gemm);
      if (terms)
        cell.path_norms(t, as_const(dh), h_prev, as_const(dh_prev), diagnostics->path_norms[l][t].data(), ws.gemm);
      // The next (earlier) step's dh: its own loss gradient plus what flows back through h_prev, in one pass.
      if (t > 0) dh = cblock(L.dH, (t - 1) * B, B, H) + ws.xi[t] * as_const(dh_prev);
    }
    // Weight gradients: one product over all N rows each.
    const auto dA = cview(L.dA.data(), N, GH);
    cell.weight_gradients(dA, cblock(L.hs, 0, N, H), grads, ws.gemm);
    const auto dW_x = view(grads + P.W_x, GH, I);
    if (l == 0 && c.embedding == 0) {
      onehot_backward<S>(dA, ws.tokens.data(), view(ws.dW_xT.data(), V, GH), dW_x, grads + P.b);
    } else if (l == 0) {
      linear_backward<S>(dA, cview(ws.emb.data(), N, I), cview(params + P.W_x, GH, I), dW_x, grads + P.b,
                         ws.demb.data(), ws.gemm);
      embedding_backward<S>(cview(ws.demb.data(), N, I), ws.tokens.data(), view(grads + layout.E, V, I));
    } else {
      linear_backward<S>(dA, cblock(ws.layers[l - 1].hs, B, N, H), cview(params + P.W_x, GH, I), dW_x, grads + P.b,
                         ws.layers[l - 1].dH.data(), ws.gemm);
    }
  }
}

template <class S>
void final_state(const ModelOptions& c, const Workspace<S>& ws, State<S>& state) {
  const Eigen::Index B = ws.B, T = ws.T, H = c.hidden;
  for (int l = 0; l < c.layers; ++l) {
    state.h[l] = cblock(ws.layers[l].hs, T * B, B, H);
    ws.layers[l].cell->get_state(state, l);
  }
}

template <class S>
void gate_means(const Workspace<S>& ws, Diagnostics& d) {
  const auto& names = ws.layers[0].cell->gate_names();
  const std::size_t count = names.size(), layers = ws.layers.size();
  d.gate_means.resize(count * layers);
  for (std::size_t l = 0; l < layers; ++l)
    for (std::size_t g = 0; g < count; ++g) {
      auto& entry = d.gate_means[l * count + g];
      // Short names stay in std::string's small buffer: no heap allocation after the first call.
      entry.first = "l" + std::to_string(l) + "." + names[g];
      const auto gates = ws.layers[l].cell->gate(static_cast<int>(g));
      entry.second = static_cast<double>(gates.sum()) / static_cast<double>(gates.size());
    }
}

#define SEQLAB_INSTANTIATE(S)                                                                                    \
  template struct Workspace<S>;                                                                                 \
  template void load_tokens<S>(Workspace<S>&, const std::int32_t*, const std::int32_t*);                        \
  template void set_truncation<S>(Workspace<S>&, const Truncation&, Rng&);                                      \
  template void sequence_forward<S>(const ModelOptions&, const ParameterLayout&, const S*, const State<S>&,      \
                                    Workspace<S>&);                                                             \
  template void sequence_backward<S>(const ModelOptions&, const ParameterLayout&, const S*, S*, Workspace<S>&,   \
                                     Diagnostics*, bool);                                                       \
  template void final_state<S>(const ModelOptions&, const Workspace<S>&, State<S>&);                              \
  template void gate_means<S>(const Workspace<S>&, Diagnostics&);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
