"""PyTorch (CPU, one thread) training the benchmark's standard model: one-hot input of V, nn.RNN (tanh) /
nn.GRU / nn.LSTM with H units, a Linear(H, V) on every step, cross-entropy over all B*T positions, plain SGD,
float32. PyTorch's GRU is the reset_after form (the cuDNN one); the FLOP count is the same.

Besides tokens/s it records what the number rests on, so that a reader (and scripts/bench.mjs, which refuses
a ratio built on an implausible number) can judge it:
- torch's version, its intra-op and inter-op thread counts, its parallel back end and build configuration
  (torch.__config__), and the BLAS library the process really loaded (from /proc/self/maps): Debian's
  python3-torch calls whatever libblas.so.3 the system provides, and the reference BLAS is ~20x slower than
  an optimised one, which changes the result by that factor;
- the process's CPU time next to the wall time of every repetition (CPU/wall near 1: one thread that ran;
  well below 1: it waited for the CPU; above 1: more than one thread worked);
- torch.mm's own rate at the products a GRU step runs, measured in the same process.

Usage: python3 bench/torch_bench.py [--reps 5] [--warmup 2] [--batches 4] [--B 32] [--T 35] [--H 256]
       [--V 28] [--cells rnn,gru,lstm] [--mm-reps 5]        prints one JSON object."""
import argparse
import json
import os
import re
import time

import torch


def loaded_blas():
    """The shared libraries of this process that provide BLAS (real paths), after a product has run."""
    found = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if re.search(r"blas|mkl|blis|atlas", os.path.basename(path), re.I):
                    found.add(os.path.realpath(path))
    except OSError:
        return ["unknown (no /proc/self/maps)"]
    return sorted(found)


def blas_kind(paths):
    joined = " ".join(paths).lower()
    if "openblas" in joined:
        return "OpenBLAS"
    if "mkl" in joined:
        return "MKL"
    if "blis" in joined:
        return "BLIS"
    if "atlas" in joined:
        return "ATLAS"
    if re.search(r"/blas/libblas\.so", joined):
        return "reference BLAS (netlib, unoptimised)"
    return "unknown"


def build_setting(name):
    match = re.search(rf"{name}=([^,\s]+)", torch.__config__.show())
    return match.group(1) if match else None


def mm_rate(B, H, reps):
    """GFLOP/s of torch.mm at a GRU step's products (B, H) x (H, 3H), (B, 3H) x (3H, H) and the weight
    gradient (3H, B) x (B, H), summed by FLOP: the matrix products the training loop is made of."""
    g = torch.Generator().manual_seed(7)
    shapes = [(B, H, 3 * H), (B, 3 * H, H), (3 * H, B, H)]
    mats = [(torch.rand(m, k, generator=g) - 0.5, torch.rand(k, n, generator=g) - 0.5) for m, k, n in shapes]
    flop = sum(2.0 * m * k * n for m, k, n in shapes)
    for a, b in mats:  # warm-up
        torch.mm(a, b)
    rates, cpu_rates = [], []
    for _ in range(reps):
        calls = 0
        c0, t0 = time.process_time(), time.perf_counter()
        while True:
            for a, b in mats:
                torch.mm(a, b)
            calls += 1
            elapsed = time.perf_counter() - t0
            if elapsed > 0.1:
                break
        cpu = time.process_time() - c0
        rates.append(flop * calls / elapsed / 1e9)
        if cpu > 0:
            cpu_rates.append(flop * calls / cpu / 1e9)
    rates.sort()
    cpu_rates.sort()
    return {"gflops": rates[len(rates) // 2], "gflops_best": rates[-1], "gflops_min": rates[0],
            "cpu_gflops": cpu_rates[len(cpu_rates) // 2] if cpu_rates else None,
            "shapes": ["(%d,%d)x(%d,%d)" % (m, k, k, n) for m, k, n in shapes]}


def main():
    parser = argparse.ArgumentParser()
    for name, default in [("reps", 5), ("warmup", 2), ("batches", 4), ("B", 32), ("T", 35), ("H", 256), ("V", 28),
                          ("mm-reps", 5)]:
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--cells", default="rnn,gru,lstm")
    a = parser.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    matmul = mm_rate(a.B, a.H, a.mm_reps)
    blas = loaded_blas()
    result = {
        "library": f"torch {torch.__version__}", "version": torch.__version__,
        "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
        "parallel_backend": next((line.split(":", 1)[1].strip() for line in torch.__config__.parallel_info().splitlines()
                                  if line.startswith("ATen parallel backend")), None),
        "blas_info": build_setting("BLAS_INFO"), "blas_loaded": blas, "blas": blas_kind(blas),
        "cpu_capability": next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                                if "CPU capability usage" in line), None),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                            "LD_LIBRARY_PATH") if k in os.environ},
        "mm": matmul,
        "B": a.B, "T": a.T, "H": a.H, "V": a.V, "reps": a.reps, "batches_per_rep": a.batches, "cells": {},
    }
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
        samples, cpu_samples, cpu_over_wall = [], [], []
        for _ in range(a.reps):
            c0, t0 = time.process_time(), time.perf_counter()
            for i in range(a.batches):
                step(i)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            samples.append(a.B * a.T * a.batches / wall)
            cpu_samples.append(a.B * a.T * a.batches / cpu if cpu > 0 else None)
            cpu_over_wall.append(cpu / wall)
        s = sorted(samples)
        c = sorted(x for x in cpu_samples if x)
        result["cells"][cell] = {"tokens_per_s": s[len(s) // 2], "min": s[0], "max": s[-1], "samples": samples,
                                 "cpu_tokens_per_s": c[len(c) // 2] if c else None, "cpu_samples": cpu_samples,
                                 "cpu_over_wall": cpu_over_wall, "loss": last}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
