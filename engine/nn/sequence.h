#pragma once
// The sequence runner: ONE time loop for every cell (cell.h). It owns what all cells share: the input
// projection (one-hot gather, embedding or the layer below; projection.h), the outputs h of every step, the
// state carry, the truncation of the recurrent gradient (docs/math.md §5), the output layer; each cell owns its
// per-step caches and the equations of one step.
//
// Layout of every per-step buffer: time-major rows, row t*B + b is sequence b at step t, so a step is a
// contiguous (B, .) block and "all steps" is one (T*B, .) matrix: the input projection before the loop,
// the output layer and softmax after it and every weight gradient are single products over T*B rows.
// Truncation: step t (0-based) receives the recurrent gradient of step t+1 scaled by xi[t+1];
//   full xi = 1; fixed:tau xi[t] = 0 where t % tau == 0 (the state entering steps tau, 2tau, ... is cut,
//   chunks of exactly tau steps, so tau >= T is full); random:pi xi[t] = 1/pi with probability pi, else 0.
// Legend: B batch, T steps, N = T*B rows, V vocabulary, H hidden, E embedding, I layer input size,
//         G gate blocks (RNN 1, GRU 3, LSTM 4).
#include <cstdint>
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "engine/core/rng.h"
#include "engine/nn/cell.h"
#include "engine/nn/matmul.h"
#include "engine/nn/model.h"

namespace seqlab::nn {

template <class S>
struct LayerWork {
  Buffer<S> xp;  // (N, GH) input projection + biases
  Buffer<S> hs;  // ((T+1)*B, H): rows 0..B the state in, rows (t+1)*B.. the output of step t
  Buffer<S> dA;  // (N, GH) pre-activation gradients (input side)
  Buffer<S> dH;  // (N, H) dL/dh arriving from the output layer or the layer above
  std::unique_ptr<Cell<S>> cell;  // the step functions and their per-step caches
};

template <class S>
struct Workspace {
  Workspace(const ModelOptions&, const ParameterLayout&, int B, int T);
  int B, T;
  std::vector<std::int32_t> tokens, targets;  // (N) time-major
  Buffer<S> xi;                          // (T) recurrent-gradient scale entering each step
  Buffer<S> W_xT, dW_xT;                 // (V, GH) one-hot input: transposed layer-0 W_x (a gather)
  Buffer<S> emb, demb;                   // (N, E) embedded inputs and their gradient
  Buffer<S> logits;                      // (N, V) logits, then dL/dlogits
  Buffer<S> dh, dh_prev;                 // (B, H)
  std::vector<LayerWork<S>> layers;
  GemmScratch<S> gemm;

  // Bytes held by the buffers above and the cells' caches (not the GEMM packing buffers, which are bounded
  // by the cache-blocking sizes and allocated on first use): what workspace_bytes must predict.
  std::uint64_t allocated_bytes() const;
};

// The bytes a Workspace<S> of (B, T) allocates, computed without allocating (the memory plan,
// engine/core/memory_budget.h): tokens, targets 2N ids; xi T; one-hot W_xT, dW_xT 2VGH or embedded emb, demb
// 2NE; logits NV; dh, dh_prev 2BH; per layer xp, dA 2NGH, hs (N+B)H, dH NH, and the cell's caches
// (cell_cache_scalars).
std::uint64_t workspace_bytes(const ModelOptions&, int B, int T, std::size_t scalar_bytes);

// The largest single buffer of that Workspace, in bytes (the memory plan holds each block to
// kLargestBlockBytes): the largest of logits NV, xp and dA NGH, hs (N+B)H, W_xT VGH or emb NE, and the
// tokens N ids. The cells' caches are no larger: their gates are (N, GH) and the LSTM's c is (N+B, H).
std::uint64_t workspace_largest_block(const ModelOptions&, int B, int T, std::size_t scalar_bytes);

// Reads tokens (B, T) row-major into ws.tokens (time-major); same for targets when not null.
template <class S>
void load_tokens(Workspace<S>& ws, const std::int32_t* inputs, const std::int32_t* targets);

// The truncation factors xi (draws T-1 uniforms from rng for Kind::Random, nothing otherwise).
template <class S>
void set_truncation(Workspace<S>& ws, const Truncation&, Rng& rng);

// Forward over all layers and steps from `state` (per layer (B, H)), then the logits (N, V).
template <class S>
void sequence_forward(const ModelOptions&, const ParameterLayout&, const S* params, const State<S>& state,
                      Workspace<S>& ws);

// Backward through time from dL/dlogits in ws.logits; ADDS into grads (zero them first). With diagnostics:
// hidden_grad_norms, and with path_split the cell's path terms too.
template <class S>
void sequence_backward(const ModelOptions&, const ParameterLayout&, const S* params, S* grads, Workspace<S>& ws,
                       Diagnostics* diagnostics, bool path_split = false);

// Copies the final state (step T) of every layer into `state` (already shaped (B, H)).
template <class S>
void final_state(const ModelOptions&, const Workspace<S>& ws, State<S>& state);

// Mean gate activations over B, T and H ("l0.z", "l0.r"; "l0.i", "l0.f", "l0.o"; none for the RNN).
template <class S>
void gate_means(const Workspace<S>& ws, Diagnostics& diagnostics);

}  // namespace seqlab::nn
