#!/usr/bin/python3
"""The PyTorch way out: a model trained by the native CLI, exported with `seqlab export`, loaded into
torch.nn.RNN/GRU/LSTM + nn.Linear (+ nn.Embedding), gives the same loss on a text as `seqlab eval`.

Usage: /usr/bin/python3 tests/reference/export_check.py [path/to/seqlab]   (default build/native/seqlab,
or $SEQLAB_BIN). Exit code 0 = every model agrees, 1 = a mismatch, 77 = torch is not installed (skip).
The safetensors file is read with numpy alone (8-byte length, JSON header, raw little-endian data) so that
the check needs no package beyond Debian's python3-torch and python3-numpy.
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import torch
except ImportError as e:  # the harness runs this only where torch exists
    print(f"skipped: {e}")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEQLAB_BIN", os.path.join(ROOT, "build/native/seqlab"))
TEXT = os.path.join(ROOT, "web/assets/timemachine.txt")
EVAL_TOKENS = 700
TOLERANCE = 1e-4  # relative, float32 on both sides over a 700-step sequence

MODELS = [
    ("rnn", ["--cell", "rnn", "--hidden", "24"]),
    ("rnn-relu-2layers", ["--cell", "rnn", "--hidden", "16", "--layers", "2", "--activation", "relu"]),
    ("gru-reset_after", ["--cell", "gru", "--hidden", "20", "--gru-variant", "reset_after"]),
    ("gru-embedding-2layers", ["--cell", "gru", "--hidden", "12", "--gru-variant", "reset_after",
                               "--layers", "2", "--embedding", "8"]),
    ("lstm", ["--cell", "lstm", "--hidden", "20"]),
    ("lstm-embedding", ["--cell", "lstm", "--hidden", "16", "--embedding", "6"]),
]


def seqlab(*args):
    out = subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.strip().splitlines()]


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__")
    tensors = {}
    for name, entry in header.items():
        assert entry["dtype"] == "F32", entry
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[8 + n + begin:8 + n + end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors, meta


class Net(torch.nn.Module):
    def __init__(self, config):
        super().__init__()
        V, H, L, E = config["vocab"], config["hidden"], config["layers"], config["embedding"]
        self.one_hot = E == 0
        if E:
            self.embedding = torch.nn.Embedding(V, E)
        cell = config["cell"]
        size = E or V
        if cell == "rnn":
            self.rnn = torch.nn.RNN(size, H, num_layers=L, nonlinearity=config["activation"], batch_first=True)
        elif cell == "gru":
            self.rnn = torch.nn.GRU(size, H, num_layers=L, batch_first=True)
        else:
            self.rnn = torch.nn.LSTM(size, H, num_layers=L, batch_first=True)
        self.fc = torch.nn.Linear(H, V)
        self.V = V

    def forward(self, ids):  # ids (1, T)
        x = torch.nn.functional.one_hot(ids, self.V).float() if self.one_hot else self.embedding(ids)
        h, _ = self.rnn(x)
        return self.fc(h)


def check(name, args, workdir):
    ckpt, st = os.path.join(workdir, name + ".ckpt"), os.path.join(workdir, name + ".safetensors")
    seqlab("train", "--train", TEXT, "--max-tokens", "4000", "--val-fraction", "0", "--batch", "8", "--steps", "20",
           "--optimizer", "adam", "--lr", "0.01", "--epochs", "3", "--seed", "1", "--predict", "0", "--save", ckpt, *args)
    seqlab("export", "--model", ckpt, "--out", st)
    ours = seqlab("eval", "--model", ckpt, "--text", TEXT, "--max-tokens", str(EVAL_TOKENS))[0]

    tensors, meta = read_safetensors(st)
    config = json.loads(meta["seqlab_model"])
    vocab = json.loads(meta["seqlab_vocabulary"])
    corpus = json.loads(meta["seqlab_corpus"])
    # The corpus options as the schema writes them (every key of the corpus group), as given on the command line.
    assert corpus == {"level": "char", "preprocess": "letters_only", "minFreq": 0, "valFraction": 0,
                      "reserved": []}, corpus
    net = Net(config)
    net.load_state_dict(tensors, strict=True)  # every name and shape must match torch.nn's
    with open(TEXT, encoding="utf-8") as f:
        text = re.sub("[^A-Za-z]+", " ", f.read()).lower()  # D2L's preprocessing (docs/math.md §1)
    index = {t: i for i, t in enumerate(vocab)}
    ids = torch.tensor([[index.get(c, 0) for c in text[:EVAL_TOKENS]]])
    with torch.no_grad():
        logits = net(ids[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, config["vocab"]), ids[0, 1:]).item()
    ok = abs(loss - ours["loss"]) <= TOLERANCE * abs(ours["loss"])
    print(f"{'ok  ' if ok else 'FAIL'} {name:24s} seqlab {ours['loss']:.7f}  torch {loss:.7f}  "
          f"({len(tensors)} tensors)")
    return ok


def main():
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as workdir:
        results = [check(name, args, workdir) for name, args in MODELS]
        # The notes' GRU has no torch.nn cell: its file has torch.nn.GRU's names without bias_hh, so that
        # torch.nn.GRU refuses it (a missing key) instead of computing another function. (The generated script
        # has a module for it: tests/reference/pytorch_script_check.py.)
        ckpt, st = os.path.join(workdir, "notes.ckpt"), os.path.join(workdir, "notes.safetensors")
        seqlab("train", "--train", TEXT, "--max-tokens", "2000", "--val-fraction", "0", "--batch", "4", "--steps", "10",
               "--epochs", "1", "--predict", "0", "--cell", "gru", "--hidden", "8", "--save", ckpt)
        seqlab("export", "--model", ckpt, "--out", st)
        tensors, meta = read_safetensors(st)
        config = json.loads(meta["seqlab_model"])
        try:
            Net(config).load_state_dict(tensors, strict=True)
            notes_ok, message = False, "torch.nn.GRU loaded it"
        except RuntimeError as e:
            notes_ok = "bias_hh_l0" in str(e)
            message = " ".join(line.strip() for line in str(e).splitlines() if "Missing" in line)
        notes_ok = notes_ok and config["gruVariant"] == "notes"
        print(f"{'ok  ' if notes_ok else 'FAIL'} notes' GRU not loadable into torch.nn.GRU: {message}")
    sys.exit(0 if all(results) and notes_ok else 1)


if __name__ == "__main__":
    main()
