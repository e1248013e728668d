#!/usr/bin/python3
"""Writes the PyTorch reference fixtures of the recurrent models (tests/data/reference/*.json).

Run once with Debian's python3-torch:  /usr/bin/python3 tests/reference/make_fixtures.py
The fixtures are committed; tests/engine/nn/reference_test.cpp and tests/js/model.test.mjs compare the engine
with them. Each holds, in seqlab's parameter names and layout (engine/nn/parameters.h): the config, the weights,
inputs and targets (B, T) row-major, h0 (and c0) per layer (B, H), the mean loss, every gradient and the final
states. torch computes in float64, so the fixture is exact to double precision.

PyTorch -> seqlab:
  nn.RNN:  weight_ih = W_xh, weight_hh = W_hh, bias_ih = b_h, bias_hh = 0 (seqlab has one bias).
  nn.GRU:  gates r|z|n; torch's z is seqlab's 1 - z, so weight_ih = [W_xr; -W_xz; W_xh],
           weight_hh = [W_hr; -W_hz; W_hh], bias_ih = [b_r; -b_z; b_h], bias_hh = [0; 0; b_hh] (reset_after).
  nn.LSTM: gates i|f|g|o, seqlab i|f|o|c: weight_ih = [W_xi; W_xf; W_xc; W_xo], bias_ih = [b_i; b_f; b_c; b_o].
  The notes' GRU (reset before the recurrent product) has no torch module: a few lines of autograd below.
"""
import json
import os

import torch

torch.manual_seed(0)
DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference")
V, H, E, B, T = 6, 4, 3, 2, 5


def gates_of(cell):
    return {"rnn": ["h"], "gru": ["z", "r", "h"], "lstm": ["i", "f", "o", "c"]}[cell]


def our_names(cfg):
    names = []
    for l in range(cfg["layers"]):
        I = (cfg["embedding"] or V) if l == 0 else H
        g = gates_of(cfg["cell"])
        names += [(f"l{l}.W_x{x}", (H, I)) for x in g]
        names += [(f"l{l}.W_h{x}", (H, H)) for x in g]
        names += [(f"l{l}.b_{x}", (H,)) for x in g]
        if cfg["cell"] == "gru" and cfg["gruVariant"] == "reset_after":
            names.append((f"l{l}.b_hh", (H,)))
    names += [("W_hq", (V, H)), ("b_q", (V,))]
    if cfg["embedding"]:
        names.append(("E", (V, cfg["embedding"])))
    return names


def make_params(cfg):
    return {n: (torch.rand(shape, dtype=DT) - 0.5).requires_grad_() for n, shape in our_names(cfg)}


def torch_weights(cfg, p, l):
    """The (weight_ih, weight_hh, bias_ih, bias_hh) of layer l of the torch module, from seqlab's tensors."""
    q = lambda x: p[f"l{l}.{x}"]
    zero = torch.zeros(H, dtype=DT)
    if cfg["cell"] == "rnn":
        return q("W_xh"), q("W_hh"), q("b_h"), zero
    if cfg["cell"] == "gru":
        return (torch.cat([q("W_xr"), -q("W_xz"), q("W_xh")]), torch.cat([q("W_hr"), -q("W_hz"), q("W_hh")]),
                torch.cat([q("b_r"), -q("b_z"), q("b_h")]), torch.cat([zero, zero, q("b_hh")]))
    return (torch.cat([q("W_xi"), q("W_xf"), q("W_xc"), q("W_xo")]),
            torch.cat([q("W_hi"), q("W_hf"), q("W_hc"), q("W_ho")]),
            torch.cat([q("b_i"), q("b_f"), q("b_c"), q("b_o")]), torch.zeros(4 * H, dtype=DT))


def run_module(cfg, p, x, h0, c0):
    """torch.nn.RNN / GRU / LSTM with its parameters set from seqlab's tensors. The module's parameters are
    leaves, so the gradient reaches seqlab's tensors by backpropagating through the mapping: the forward is
    torch's own module, the chain rule of the (linear) mapping is autograd's."""
    L = cfg["layers"]
    I0 = cfg["embedding"] or V
    if cfg["cell"] == "rnn":
        mod = torch.nn.RNN(I0, H, num_layers=L, nonlinearity=cfg["activation"], batch_first=True)
    elif cfg["cell"] == "gru":
        mod = torch.nn.GRU(I0, H, num_layers=L, batch_first=True)
    else:
        mod = torch.nn.LSTM(I0, H, num_layers=L, batch_first=True)
    mod = mod.double()
    mapped = []
    for l in range(L):
        ws = torch_weights(cfg, p, l)
        for attr, w in zip(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], ws):
            with torch.no_grad():
                getattr(mod, f"{attr}_l{l}").copy_(w)
            if w.requires_grad:  # the zero biases stand for no parameter
                mapped.append((getattr(mod, f"{attr}_l{l}"), w))
    if cfg["cell"] == "lstm":
        out, (hT, cT) = mod(x, (h0, c0))
    else:
        out, hT = mod(x, h0)
        cT = None
    return out, hT, cT, mapped


def run_notes_gru(cfg, p, x, h0):
    """The notes' GRU: reset applied before the recurrent product (docs/math.md §3), by hand."""
    hs = []
    layer_in = x
    for l in range(cfg["layers"]):
        q = lambda n: p[f"l{l}.{n}"]
        h = h0[l]
        outs = []
        for t in range(T):
            xt = layer_in[:, t]
            z = torch.sigmoid(xt @ q("W_xz").T + h @ q("W_hz").T + q("b_z"))
            r = torch.sigmoid(xt @ q("W_xr").T + h @ q("W_hr").T + q("b_r"))
            ht = torch.tanh(xt @ q("W_xh").T + (r * h) @ q("W_hh").T + q("b_h"))
            h = (1 - z) * h + z * ht
            outs.append(h)
        layer_in = torch.stack(outs, dim=1)
        hs.append(h)
    return layer_in, torch.stack(hs), None


def case(name, cell, layers=1, embedding=0, activation="tanh", variant="reset_after"):
    cfg = {"cell": cell, "vocab": V, "hidden": H, "layers": layers, "embedding": embedding,
           "activation": activation, "gruVariant": variant}
    p = make_params(cfg)
    inputs = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    h0 = torch.rand(layers, B, H, dtype=DT) - 0.5
    c0 = torch.rand(layers, B, H, dtype=DT) - 0.5 if cell == "lstm" else None
    x = p["E"][inputs] if embedding else torch.nn.functional.one_hot(inputs, V).to(DT)
    if cell == "gru" and variant == "seed":
        out, hT, cT = run_notes_gru(cfg, p, x, h0)
        mapped = []
    else:
        out, hT, cT, mapped = run_module(cfg, p, x, h0, c0)
    logits = out @ p["W_hq"].T + p["b_q"]
    loss = torch.nn.functional.cross_entropy(logits.reshape(B * T, V), targets.reshape(B * T))
    module_params = [m for m, _ in mapped]
    grads = torch.autograd.grad(loss, list(p.values()) + module_params, allow_unused=True)
    ours = dict(zip(p.keys(), grads[:len(p)]))
    # Gradients through the module's own parameters, carried back through the mapping by autograd.
    if mapped:
        extra = torch.autograd.grad([w for _, w in mapped], list(p.values()), grad_outputs=list(grads[len(p):]),
                                    allow_unused=True)
        for k, g in zip(p.keys(), extra):
            if g is not None:
                ours[k] = g if ours[k] is None else ours[k] + g
    flat = lambda t: [float(v) for v in t.detach().reshape(-1)]
    fixture = {
        "magic": "seqlab-ref", "version": 1, "name": name,
        "source": "torch " + torch.__version__ + (" manual autograd (notes GRU)" if not mapped else
                                                  f" torch.nn.{ {'rnn': 'RNN', 'gru': 'GRU', 'lstm': 'LSTM'}[cell] }"),
        "config": cfg, "B": B, "T": T,
        "inputs": [int(v) for v in inputs.reshape(-1)], "targets": [int(v) for v in targets.reshape(-1)],
        "h0": [flat(h0[l]) for l in range(layers)],
        "loss": float(loss),
        "parameters": {k: flat(v) for k, v in p.items()},
        "gradients": {k: flat(ours[k]) for k in p.keys()},
        "hT": [flat(hT[l]) for l in range(layers)],
    }
    if cell == "lstm":
        fixture["c0"] = [flat(c0[l]) for l in range(layers)]
        fixture["cT"] = [flat(cT[l]) for l in range(layers)]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(name, "loss", float(loss))


case("rnn_tanh", "rnn", activation="tanh")
case("rnn_relu", "rnn", activation="relu")
case("rnn_relu_2layer", "rnn", layers=2, activation="relu")
case("rnn_tanh_2layer_embedding", "rnn", layers=2, embedding=E, activation="tanh")
case("gru_reset_after", "gru")
case("gru_reset_after_2layer_embedding", "gru", layers=2, embedding=E)
case("gru_notes", "gru", variant="seed")
case("gru_notes_2layer_embedding", "gru", layers=2, embedding=E, variant="seed")
case("lstm", "lstm")
case("lstm_2layer", "lstm", layers=2)
case("lstm_2layer_embedding", "lstm", layers=2, embedding=E)
