#pragma once
// The interface between the sequence runner (sequence.h) and a recurrent cell: one object per layer and
// (B, T) shape that knows one step forward and one step backward, and OWNS the per-step caches its
// backward step reads (what it stores for step t lives in rows t*B .. t*B + B of its (N, .) buffers). The
// runner owns what every cell shares: the input projection xp, the outputs h of every step, the input-side
// pre-activation gradients dA, the truncation and the carry of dL/dh. One virtual call per step and layer;
// the element loops stay inside the cells' step functions (rnn_cell.h, gru_cell.h, lstm_cell.h), whose
// headers hold the equations.
// Legend: B batch, T steps, N = T*B rows, H hidden, G gate blocks (RNN 1, GRU 3, LSTM 4).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/nn/config.h"
#include "engine/nn/matmul.h"
#include "engine/nn/model.h"
#include "engine/nn/parameters.h"

namespace seqlab::nn {

// Workspace buffers are aligned to Eigen's maximum alignment so that the split of a vectorised reduction
// (softmax sums, norms) never depends on where malloc put a buffer: two runs are bit-identical.
template <class S>
using Buffer = std::vector<S, Eigen::aligned_allocator<S>>;

template <class S>
class Cell {
 public:
  virtual ~Cell() = default;

  // Points the cell at its layer's recurrent weights in `params` (the buffer may move between calls).
  virtual void bind(const S* params) = 0;
  // The state beyond h entering step 0 / leaving step T-1 (the LSTM's c); nothing for the other cells.
  virtual void set_state(const State<S>&, int /*layer*/) {}
  virtual void get_state(State<S>&, int /*layer*/) const {}

  // Step t: h (B, H) from xp_t (B, GH) and h_prev (B, H); caches what backward_step(t) needs.
  virtual void forward_step(Eigen::Index t, ConstMatMap<S> xp_t, ConstMatMap<S> h_prev, MatMap<S> h,
                            GemmScratch<S>&) = 0;

  // Before the backward loop of a sequence: zeroes what the cell carries backward itself (the LSTM's dL/dc).
  virtual void begin_backward() {}
  // Step t backward. dh (B, H): the total dL/dh_t; h_prev, h (B, H): the step's input and output state.
  // Writes dA_t (B, GH), the pre-activation gradients on the input side (for dW_x, b and the layer's input),
  // and dh_prev (B, H), the part of dL/dh_prev that arrives through this step (unscaled; the runner scales
  // it by xi). What the cell carries itself to step t-1 it scales by xi (t > 0 only).
  virtual void backward_step(Eigen::Index t, ConstMatMap<S> dh, ConstMatMap<S> h_prev, ConstMatMap<S> h,
                             MatMap<S> dA_t, MatMap<S> dh_prev, S xi, GemmScratch<S>&) = 0;
  // After the backward loop: ADDS dW_h (and the GRU reset_after b_hh) over all N rows into `grads`, from
  // dA (N, GH), H_prev (N, H) (row t*B + b: the state entering step t) and the cell's caches.
  virtual void weight_gradients(ConstMatMap<S> dA, ConstMatMap<S> H_prev, S* grads, GemmScratch<S>&) = 0;

  // Diagnostics. The gates worth showing ({"z", "r"}, {"i", "f", "o"}, none for the RNN) and their
  // activations over all N rows as (N, H) views.
  virtual const std::vector<std::string>& gate_names() const;
  virtual ConstMatMap<S> gate(int /*index*/) const;
  // The terms into which the part of dL/dh_prev arriving through step t splits ({"direct", "update",
  // "candidate", "reset"} for the GRU, {"cell", "rest"} for the LSTM, none for the RNN), and, called right
  // after backward_step(t) with its dh, h_prev and dh_prev, the mean over B of each term's norm into out[k].
  virtual const std::vector<std::string>& path_terms() const;
  virtual void path_norms(Eigen::Index /*t*/, ConstMatMap<S> /*dh*/, ConstMatMap<S> /*h_prev*/,
                          ConstMatMap<S> /*dh_prev*/, double* /*out*/, GemmScratch<S>&) {}

  // Scalars held in the cell's own buffers: what cell_cache_scalars below must predict (a test compares).
  virtual std::size_t allocated_scalars() const { return 0; }
};

// The cell of layer `layer` of `config`, its caches sized for B sequences of T steps.
template <class S>
std::unique_ptr<Cell<S>> make_cell(const ModelOptions& config, const LayerLayout& layer, int B, int T);

// The scalars make_cell's cell of one layer will allocate for B sequences of T steps, computed without
// allocating (the memory plan, engine/core/memory_budget.h): RNN 0; GRU 3NH + NH (gates, aux) + 5BH (paths)
// + 3NH (reset_after's dA_h) or BH (notes' drh); LSTM 4NH + (N+B)H + NH (gates, c, tanh c) + 2BH.
std::uint64_t cell_cache_scalars(const ModelOptions& config, int B, int T);

// Mean over the rows of the row norms of m (B, H), in double: the "mean over the batch of ||.||" of the
// diagnostics.
template <class S>
double mean_row_norm(ConstMatMap<S> m);

}  // namespace seqlab::nn
