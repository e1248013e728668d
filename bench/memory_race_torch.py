#!/usr/bin/python3
"""The memory race in PyTorch: the independent check of what `npm run race` (scripts/race.mjs) finds.

The same task as seqlab's first-symbol with random filler (engine/text/memory_task.h): a key out of 4, L - 1
fillers drawn from 8 symbols, a marker, the key again; one-hot input; torch.nn.RNN/GRU/LSTM with H 64, a
linear output, the cross-entropy of every step (the mean over B and T), Adam 0.005, global-norm clipping 1,
B 32, PyTorch's default initialisation. gateBias is added to the keep gate's bias the way seqlab's export
writes it: rows [H, 2H) of bias_ih_l0 are the forget gate of nn.LSTM (gates i|f|g|o) and the update gate of
nn.GRU (gates r|z|n; h = (1 - z) n + z h_prev, so a larger bias keeps more). Validation: 256 samples drawn
once, checked every 128 minibatches; the samples differ from seqlab's (another generator), the statistics of
the task do not.

Usage: /usr/bin/python3 bench/memory_race_torch.py [--lags 50] [--seeds 1,2] [--steps 3072]
"""
import argparse
import time

import torch

KEYS, FILLERS, HIDDEN, BATCH, CHECK_EVERY, TARGET = 4, 8, 64, 32, 128, 0.95
CONTESTANTS = [("RNN", "rnn", 0.0), ("GRU", "gru", 0.0), ("LSTM", "lstm", 0.0),
               ("GRU, keep bias 2", "gru", 2.0), ("LSTM, keep bias 2", "lstm", 2.0)]


def samples(count, lag, generator):
    vocab_marker = KEYS + FILLERS
    key = torch.randint(0, KEYS, (count,), generator=generator)
    seq = torch.randint(KEYS, KEYS + FILLERS, (count, lag + 2), generator=generator)
    seq[:, 0] = key
    seq[:, lag] = vocab_marker
    seq[:, lag + 1] = key
    return seq


def race(cell, gate_bias, lag, seed, steps):
    """Minibatches to TARGET answer accuracy (None when not reached) and the last accuracy."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    vocab = KEYS + FILLERS + 1
    rnn = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[cell](vocab, HIDDEN, batch_first=True)
    if cell != "rnn":
        with torch.no_grad():
            rnn.bias_ih_l0[HIDDEN:2 * HIDDEN] += gate_bias
    out = torch.nn.Linear(HIDDEN, vocab)
    params = list(rnn.parameters()) + list(out.parameters())
    optimizer = torch.optim.Adam(params, lr=0.005)
    one_hot = lambda x: torch.nn.functional.one_hot(x, vocab).float()
    validation = samples(256, lag, generator)
    accuracy = 0.0
    for step in range(1, steps + 1):
        x = samples(BATCH, lag, generator)
        y, _ = rnn(one_hot(x[:, :-1]))
        loss = torch.nn.functional.cross_entropy(out(y).reshape(-1, vocab), x[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if step % CHECK_EVERY == 0:
            with torch.no_grad():
                y, _ = rnn(one_hot(validation[:, :-1]))
                answer = out(y)[:, lag]
                accuracy = (answer.argmax(-1) == validation[:, lag + 1]).float().mean().item()
            if accuracy >= TARGET:
                return step, accuracy
    return None, accuracy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lags", default="50")
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--steps", type=int, default=3072)
    args = parser.parse_args()
    torch.set_num_threads(1)
    started = time.time()
    print(f"# PyTorch {torch.__version__}, one thread: first-symbol, random filler, minibatches to "
          f"{TARGET:.0%} answer accuracy (checked every {CHECK_EVERY}), budget {args.steps}")
    for lag in map(int, args.lags.split(",")):
        print(f"lag {lag}:")
        for label, cell, bias in CONTESTANTS:
            results = [race(cell, bias, lag, seed, args.steps) for seed in map(int, args.seeds.split(","))]
            text = "  ".join(str(s) if s is not None else f"- ({a:.2f})" for s, a in results)
            print(f"  {label:<18} {text}", flush=True)
    print(f"({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
