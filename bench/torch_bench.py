"""PyTorch (CPU, one thread) training the benchmark's standard model: one-hot input of V, nn.RNN (tanh) /
nn.GRU / nn.LSTM with H units, a Linear(H, V) on every step, cross-entropy over all B*T positions, plain SGD,
float32. PyTorch's GRU is the reset_after form (the cuDNN one); the FLOP count is the same.
Usage: python3 bench/torch_bench.py [--reps 5] [--warmup 2] [--batches 4] [--B 32] [--T 35] [--H 256]
       [--V 28] [--cells rnn,gru,lstm]        prints one JSON object."""
import argparse
import json
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    for name, default in [("reps", 5), ("warmup", 2), ("batches", 4), ("B", 32), ("T", 35), ("H", 256), ("V", 28)]:
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--cells", default="rnn,gru,lstm")
    a = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    result = {"library": f"torch {torch.__version__}", "threads": torch.get_num_threads(), "B": a.B, "T": a.T,
              "H": a.H, "V": a.V, "reps": a.reps, "batches_per_rep": a.batches, "cells": {}}
    kinds = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}
    for cell in a.cells.split(","):
        rnn = kinds[cell](a.V, a.H, batch_first=True)
        head = torch.nn.Linear(a.H, a.V)
        params = list(rnn.parameters()) + list(head.parameters())
        opt = torch.optim.SGD(params, lr=0.5)
        loss_fn = torch.nn.CrossEntropyLoss()
        g = torch.Generator().manual_seed(1234)
        batches = []
        for _ in range(4):
            ids = torch.randint(0, a.V, (a.B, a.T + 1), generator=g)
            batches.append((torch.nn.functional.one_hot(ids[:, :-1], a.V).float(), ids[:, 1:].reshape(-1)))
        last = float("nan")

        def step(i):
            nonlocal last
            x, y = batches[i % len(batches)]
            opt.zero_grad(set_to_none=True)
            out, _ = rnn(x)                                 # (B, T, H)
            loss = loss_fn(head(out).reshape(-1, a.V), y)  # mean over B*T
            loss.backward()
            opt.step()
            last = loss.item()

        for i in range(a.warmup):
            step(i)
        samples = []
        for _ in range(a.reps):
            t0 = time.perf_counter()
            for i in range(a.batches):
                step(i)
            samples.append(a.B * a.T * a.batches / (time.perf_counter() - t0))
        s = sorted(samples)
        result["cells"][cell] = {"tokens_per_s": s[len(s) // 2], "min": s[0], "max": s[-1], "samples": samples,
                                 "loss": last}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
