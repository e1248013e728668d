#pragma once
// The non-recurrent layers around the cells, as forward/backward pairs over all N rows at once:
//   one-hot input   xp = onehot(x) W_x^T + b, i.e. row x of W_x^T + b: a gather, never a dense product
//   embedding       e  = row x of E
//   linear          y  = X W^T + b: the output layer (o = h W_hq^T + b_q) and the input projection of an
//                   embedded layer 0 or of a layer above 0 (xp = x W_x^T + b)
// Backward functions ADD into the weight gradients (the runner zeroes them once per call).
// Legend: N rows (T*B), V vocabulary, I input size, K output size (G*H for an input projection, V for the
//         output layer), E embedding.
#include <cstdint>

#include "engine/nn/matmul.h"

namespace seqlab::nn {

template <class S>
void onehot_forward(ConstMatMap<S> W_x,             // (K, V)
                    const S* b,                     // (K)
                    const std::int32_t* tokens,     // (N)
                    MatMap<S> W_xT,                 // (V, K) scratch: W_x^T + b
                    MatMap<S> xp);                  // (N, K) out

template <class S>
void onehot_backward(ConstMatMap<S> dA,             // (N, K)
                     const std::int32_t* tokens,    // (N)
                     MatMap<S> dW_xT,               // (V, K) scratch
                     MatMap<S> dW_x,                // (K, V) +=
                     S* db);                        // (K) +=

template <class S>
void embedding_forward(ConstMatMap<S> E,            // (V, E)
                       const std::int32_t* tokens,  // (N)
                       MatMap<S> emb);              // (N, E) out

template <class S>
void embedding_backward(ConstMatMap<S> demb,        // (N, E)
                        const std::int32_t* tokens, // (N)
                        MatMap<S> dE);              // (V, E) +=

template <class S>
void linear_forward(ConstMatMap<S> X,               // (N, I)
                    ConstMatMap<S> W,               // (K, I)
                    const S* b,                     // (K)
                    MatMap<S> Y,                    // (N, K) out
                    GemmScratch<S>& scratch);

// dX (N, I) is overwritten by dY W unless it is null (layer 0 has no input gradient to pass on).
template <class S>
void linear_backward(ConstMatMap<S> dY,             // (N, K)
                     ConstMatMap<S> X,              // (N, I)
                     ConstMatMap<S> W,              // (K, I)
                     MatMap<S> dW,                  // (K, I) +=
                     S* db,                         // (K) +=
                     S* dX,                         // (N, I) out, or null
                     GemmScratch<S>& scratch);

}  // namespace seqlab::nn
