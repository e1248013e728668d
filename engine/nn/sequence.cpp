#include "engine/nn/sequence.h"

#include <cmath>
#include <string>

#include "engine/nn/cell_common.h"
#include "engine/nn/gru_cell.h"
#include "engine/nn/lstm_cell.h"
#include "engine/nn/rnn_cell.h"

namespace seqlab::nn {

namespace {
bool reset_after(const ModelConfig& c) { return c.cell == CellType::Gru && c.gru_variant == GruVariant::ResetAfter; }

// Rows [r0, r0 + n) of a (rows, cols) buffer as a view.
template <class S>
MatMap<S> block(Buffer<S>& v, Eigen::Index r0, Eigen::Index n, Eigen::Index cols) {
  return view(v.data() + r0 * cols, n, cols);
}
template <class S>
ConstMatMap<S> cblock(const Buffer<S>& v, Eigen::Index r0, Eigen::Index n, Eigen::Index cols) {
  return cview(v.data() + r0 * cols, n, cols);
}
// out (1, K) += column sums of m (N, K)
template <class S>
void add_column_sums(S* out, ConstMatMap<S> m) {
  Eigen::Map<Eigen::Matrix<S, 1, Eigen::Dynamic>> o(out, m.cols());
  for (Eigen::Index n = 0; n < m.rows(); ++n) o += m.row(n);
}
}  // namespace

template <class S>
Workspace<S>::Workspace(const ModelConfig& c, int B_, int T_) : B(B_), T(T_) {
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
  for (auto* v : {&dh, &carry_h, &carry_c, &dh_prev, &dc_prev, &scratch}) v->resize(B * H);
  layers.resize(c.layers);
  for (auto& L : layers) {
    L.xp.resize(N * GH);
    L.hs.resize((N + B) * H);
    L.gates.resize(N * GH);
    L.dA.resize(N * GH);
    L.dH.resize(N * H);
    if (c.cell == CellType::Lstm) {
      L.cs.resize((N + B) * H);
      L.tcs.resize(N * H);
    }
    if (c.cell == CellType::Gru) L.aux.resize(N * H);
    if (reset_after(c)) L.dA_h.resize(N * GH);
  }
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
  ws.xi[0] = S(0);  // the state entering the minibatch is detached (MATH §5)
  for (int t = 1; t < ws.T; ++t) {
    if (tr.kind == Truncation::Kind::Full) ws.xi[t] = S(1);
    else if (tr.kind == Truncation::Kind::Fixed) ws.xi[t] = (t % tr.tau == 0) ? S(0) : S(1);
    else ws.xi[t] = rng.uniform() < tr.pi ? static_cast<S>(1.0 / tr.pi) : S(0);
  }
}

template <class S>
void sequence_forward(const ModelConfig& c, const ParameterLayout& layout, const S* params, const State<S>& state,
                      Workspace<S>& ws) {
  const Eigen::Index B = ws.B, T = ws.T, N = B * T, H = c.hidden, GH = H * c.gate_count(), V = c.vocab;
  for (int l = 0; l < c.layers; ++l) {
    const LayerLayout& P = layout.layers[l];
    LayerWork<S>& L = ws.layers[l];
    const Eigen::Index I = P.input;
    const auto W_x = cview(params + P.W_x, GH, I);
    const auto W_h = cview(params + P.W_h, GH, H);
    const Eigen::Map<const Eigen::Matrix<S, 1, Eigen::Dynamic>> b(params + P.b, GH);
    auto xp = view(L.xp.data(), N, GH);
    // The input projection of all T steps at once.
    if (l == 0 && c.embedding == 0) {
      // One-hot x selects a column of W_x, i.e. a row of W_x^T: a gather, never a dense product. The bias is
      // added to the V rows once, so the gather over N rows is a plain copy.
      auto W_xT = view(ws.W_xT.data(), V, GH);
      W_xT.noalias() = W_x.transpose();
      W_xT.rowwise() += b;
      for (Eigen::Index n = 0; n < N; ++n) xp.row(n) = W_xT.row(ws.tokens[n]);
    } else {
      const S* X = nullptr;  // (N, I): the embedded tokens or the outputs of the layer below
      if (l == 0) {
        const auto E = cview(params + layout.E, V, I);
        auto emb = view(ws.emb.data(), N, I);
        for (Eigen::Index n = 0; n < N; ++n) emb.row(n) = E.row(ws.tokens[n]);
        X = ws.emb.data();
      } else {
        X = ws.layers[l - 1].hs.data() + B * H;
      }
      matmul<S>(xp, cview(X, N, I), false, W_x, true, ws.gemm);
      xp.rowwise() += b;
    }
    block(L.hs, 0, B, H) = state.h[l];
    if (c.cell == CellType::Lstm) block(L.cs, 0, B, H) = state.c[l];
    for (Eigen::Index t = 0; t < T; ++t) {
      const auto xp_t = cblock(L.xp, t * B, B, GH);
      const auto h_prev = cblock(L.hs, t * B, B, H);
      auto h = block(L.hs, (t + 1) * B, B, H);
      auto gates = block(L.gates, t * B, B, GH);
      if (c.cell == CellType::Rnn) {
        rnn_step_forward<S>(c.activation, xp_t, h_prev, W_h, h, ws.gemm);
      } else if (c.cell == CellType::Lstm) {
        lstm_step_forward<S>(xp_t, h_prev, cblock(L.cs, t * B, B, H), W_h, gates, block(L.cs, (t + 1) * B, B, H),
                             block(L.tcs, t * B, B, H), h, ws.gemm);
      } else if (reset_after(c)) {
        gru_ra_step_forward<S>(xp_t, h_prev, W_h, cview(params + P.b_hh, 1, H), gates, block(L.aux, t * B, B, H), h,
                               ws.gemm);
      } else {
        gru_step_forward<S>(xp_t, h_prev, W_h, gates, block(L.aux, t * B, B, H), h, ws.gemm);
      }
    }
  }
  // The output layer over all N rows at once.
  auto logits = view(ws.logits.data(), N, V);
  matmul<S>(logits, cblock(ws.layers.back().hs, B, N, H), false, cview(params + layout.W_hq, V, H), true, ws.gemm);
  logits.rowwise() += Eigen::Map<const Eigen::Matrix<S, 1, Eigen::Dynamic>>(params + layout.b_q, V);
}

template <class S>
void sequence_backward(const ModelConfig& c, const ParameterLayout& layout, const S* params, S* grads,
                       Workspace<S>& ws, Diagnostics* diagnostics) {
  const Eigen::Index B = ws.B, T = ws.T, N = B * T, H = c.hidden, GH = H * c.gate_count(), V = c.vocab;
  const auto dlogits = cview(ws.logits.data(), N, V);
  const auto H_top = cblock(ws.layers.back().hs, B, N, H);
  matmul_add<S>(view(grads + layout.W_hq, V, H), dlogits, true, H_top, false, ws.gemm);
  add_column_sums(grads + layout.b_q, dlogits);
  matmul<S>(view(ws.layers.back().dH.data(), N, H), dlogits, false, cview(params + layout.W_hq, V, H), false,
            ws.gemm);
  if (diagnostics) {
    diagnostics->hidden_grad_norms.resize(c.layers);
    for (auto& v : diagnostics->hidden_grad_norms) v.resize(T);
  }

  for (int l = c.layers - 1; l >= 0; --l) {
    const LayerLayout& P = layout.layers[l];
    LayerWork<S>& L = ws.layers[l];
    const Eigen::Index I = P.input;
    const auto W_x = cview(params + P.W_x, GH, I);
    const auto W_h = cview(params + P.W_h, GH, H);
    auto dh = view(ws.dh.data(), B, H), carry_h = view(ws.carry_h.data(), B, H), carry_c = view(ws.carry_c.data(), B, H);
    auto dh_prev = view(ws.dh_prev.data(), B, H), dc_prev = view(ws.dc_prev.data(), B, H);
    carry_h.setZero();
    carry_c.setZero();
    for (Eigen::Index t = T - 1; t >= 0; --t) {
      dh = cblock(L.dH, t * B, B, H) + carry_h;
      if (diagnostics) diagnostics->hidden_grad_norms[l][t] = static_cast<double>(dh.rowwise().norm().sum()) / B;
      const auto h_prev = cblock(L.hs, t * B, B, H);
      const auto gates = cblock(L.gates, t * B, B, GH);
      auto dA = block(L.dA, t * B, B, GH);
      if (c.cell == CellType::Rnn) {
        rnn_step_backward<S>(c.activation, as_const(dh), cblock(L.hs, (t + 1) * B, B, H), W_h, dA, dh_prev, ws.gemm);
      } else if (c.cell == CellType::Lstm) {
        lstm_step_backward<S>(as_const(dh), as_const(carry_c), gates, cblock(L.cs, t * B, B, H),
                              cblock(L.tcs, t * B, B, H), W_h, dA, dh_prev, dc_prev, ws.gemm);
      } else if (reset_after(c)) {
        gru_ra_step_backward<S>(as_const(dh), gates, cblock(L.aux, t * B, B, H), h_prev, W_h, dA,
                                block(L.dA_h, t * B, B, GH), dh_prev, ws.gemm);
      } else {
        gru_step_backward<S>(as_const(dh), gates, h_prev, W_h, dA, view(ws.scratch.data(), B, H), dh_prev, ws.gemm);
      }
      if (t > 0) {
        carry_h = ws.xi[t] * dh_prev;
        if (c.cell == CellType::Lstm) carry_c = ws.xi[t] * dc_prev;
      }
    }
    // Weight gradients: one product over all N rows each.
    const auto dA = cview(L.dA.data(), N, GH);
    const auto H_prev = cblock(L.hs, 0, N, H);
    auto dW_h = view(grads + P.W_h, GH, H);
    if (c.cell == CellType::Gru && !reset_after(c)) {
      matmul_add<S>(view(dW_h.data(), 2 * H, H), cols(dA, 0, 2 * H), true, H_prev, false, ws.gemm);
      matmul_add<S>(view(dW_h.data() + 2 * H * H, H, H), cols(dA, 2 * H, H), true, cview(L.aux.data(), N, H), false,
                    ws.gemm);
    } else if (reset_after(c)) {
      const auto dA_h = cview(L.dA_h.data(), N, GH);
      matmul_add<S>(dW_h, dA_h, true, H_prev, false, ws.gemm);
      add_column_sums(grads + P.b_hh, cols(dA_h, 2 * H, H));
    } else {
      matmul_add<S>(dW_h, dA, true, H_prev, false, ws.gemm);
    }
    if (l == 0 && c.embedding == 0) {
      auto dW_xT = view(ws.dW_xT.data(), V, GH);
      dW_xT.setZero();
      for (Eigen::Index n = 0; n < N; ++n) dW_xT.row(ws.tokens[n]) += dA.row(n);
      view(grads + P.W_x, GH, I) += dW_xT.transpose();
      // Every row of dA went into one row of dW_xT: the bias gradient is the sum of its V rows, not of N.
      add_column_sums(grads + P.b, as_const(dW_xT));
    } else if (l == 0) {
      add_column_sums(grads + P.b, dA);
      matmul_add<S>(view(grads + P.W_x, GH, I), dA, true, cview(ws.emb.data(), N, I), false, ws.gemm);
      auto demb = view(ws.demb.data(), N, I);
      matmul<S>(demb, dA, false, W_x, false, ws.gemm);
      auto dE = view(grads + layout.E, V, I);
      for (Eigen::Index n = 0; n < N; ++n) dE.row(ws.tokens[n]) += demb.row(n);
    } else {
      add_column_sums(grads + P.b, dA);
      matmul_add<S>(view(grads + P.W_x, GH, I), dA, true, cblock(ws.layers[l - 1].hs, B, N, H), false, ws.gemm);
      matmul<S>(view(ws.layers[l - 1].dH.data(), N, H), dA, false, W_x, false, ws.gemm);
    }
  }
}

template <class S>
void final_state(const ModelConfig& c, const Workspace<S>& ws, State<S>& state) {
  const Eigen::Index B = ws.B, T = ws.T, H = c.hidden;
  for (int l = 0; l < c.layers; ++l) {
    state.h[l] = cblock(ws.layers[l].hs, T * B, B, H);
    if (c.cell == CellType::Lstm) state.c[l] = cblock(ws.layers[l].cs, T * B, B, H);
  }
}

template <class S>
void gate_means(const ModelConfig& c, const Workspace<S>& ws, Diagnostics& d) {
  const Eigen::Index N = static_cast<Eigen::Index>(ws.B) * ws.T, H = c.hidden, GH = H * c.gate_count();
  static const char* const gru[] = {"z", "r"};
  static const char* const lstm[] = {"i", "f", "o"};
  const int count = c.cell == CellType::Rnn ? 0 : c.cell == CellType::Gru ? 2 : 3;
  d.gate_means.resize(static_cast<std::size_t>(count) * c.layers);
  for (int l = 0; l < c.layers; ++l)
    for (int g = 0; g < count; ++g) {
      auto& entry = d.gate_means[static_cast<std::size_t>(l) * count + g];
      // Short names stay in std::string's small buffer: no heap allocation after the first call.
      entry.first = "l" + std::to_string(l) + "." + (c.cell == CellType::Gru ? gru[g] : lstm[g]);
      const auto gates = cols(cview(ws.layers[l].gates.data(), N, GH), g * H, H);
      entry.second = static_cast<double>(gates.sum()) / static_cast<double>(N * H);
    }
}

#define SEQLAB_INSTANTIATE(S)                                                                                    \
  template struct Workspace<S>;                                                                                 \
  template void load_tokens<S>(Workspace<S>&, const std::int32_t*, const std::int32_t*);                        \
  template void set_truncation<S>(Workspace<S>&, const Truncation&, Rng&);                                      \
  template void sequence_forward<S>(const ModelConfig&, const ParameterLayout&, const S*, const State<S>&,      \
                                    Workspace<S>&);                                                             \
  template void sequence_backward<S>(const ModelConfig&, const ParameterLayout&, const S*, S*, Workspace<S>&,   \
                                     Diagnostics*);                                                             \
  template void final_state<S>(const ModelConfig&, const Workspace<S>&, State<S>&);                              \
  template void gate_means<S>(const ModelConfig&, const Workspace<S>&, Diagnostics&);
SEQLAB_INSTANTIATE(float)
SEQLAB_INSTANTIATE(double)
#undef SEQLAB_INSTANTIATE

}  // namespace seqlab::nn
