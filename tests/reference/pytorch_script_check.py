#!/usr/bin/python3
"""Export to PyTorch, end to end: a tiny model trained by the native CLI, exported with
`seqlab export --out M.safetensors --pytorch-script M.py`, and the generated script run with Debian's
python3-torch. For every cell kind (RNN tanh/relu/identity, the notes' GRU, the reset-after GRU, LSTM; with
one-hot and embedding input, one and two layers):
  - `M.py loss TEXT` equals `seqlab eval --text TEXT` to 1e-5 (absolute, on a loss near 2): the same
    tokens, read as one stream from the zero state, through torch.nn (or the script's own module for the two
    cells torch.nn lacks) in float32;
  - the script's train mode, with batch 1, steps 1 (offset 0: one stream from the zero state, the state
    carried) and a learning rate of 1e-30 (updates that round away), reports as its epoch's loss the loss
    `seqlab eval` gives on the same text, to 1e-5, and its loss mode reads the weights it wrote back to that
    loss; trained for 2 epochs at the model's own learning rate, its second epoch's loss is below its first;
    its generate mode continues a prefix.
The text scored is a part of the book the models were not trained on. The script names the Python it needs,
and run by a Python that cannot import torch (this one with -S: no site-packages) it exits 1 with a message
that says so and names that Python, not a traceback.

Usage: /usr/bin/python3 tests/reference/pytorch_script_check.py [path/to/seqlab]   (default
build/native/seqlab, or $SEQLAB_BIN). Exit code 0 = all agree, 1 = a mismatch or a mode failed, 77 = torch
is not installed (skip).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

try:
    import torch  # noqa: F401  (the generated scripts import it; this only checks that they can)
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEQLAB_BIN", os.path.join(ROOT, "build/native/seqlab"))
BOOK = os.path.join(ROOT, "web/assets/timemachine.txt")
TOLERANCE = 1e-5  # absolute, on the mean loss (nats) of ~600 predictions, float32 on both sides

MODELS = [
    ("rnn-tanh", ["--cell", "rnn", "--hidden", "24"]),
    ("rnn-relu-2layers", ["--cell", "rnn", "--hidden", "16", "--layers", "2", "--activation", "relu"]),
    ("rnn-identity", ["--cell", "rnn", "--hidden", "12", "--activation", "identity", "--lr", "0.002"]),
    ("gru-notes", ["--cell", "gru", "--hidden", "20"]),
    ("gru-notes-embedding-2layers", ["--cell", "gru", "--hidden", "12", "--layers", "2", "--embedding", "8"]),
    ("gru-reset_after", ["--cell", "gru", "--hidden", "20", "--gru-variant", "reset_after"]),
    ("lstm", ["--cell", "lstm", "--hidden", "20"]),
    ("lstm-embedding-2layers", ["--cell", "lstm", "--hidden", "16", "--embedding", "6", "--layers", "2"]),
]


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def json_lines(text):
    return [json.loads(line) for line in text.strip().splitlines()]


def check(name, args, workdir, scored_text):
    ckpt = os.path.join(workdir, name + ".ckpt")
    weights, script = os.path.join(workdir, name + ".safetensors"), os.path.join(workdir, name + ".py")
    run(BIN, "train", "--train", BOOK, "--max-tokens", "4000", "--val-fraction", "0", "--batch", "8", "--steps", "20",
        "--optimizer", "adam", "--lr", "0.01", "--epochs", "2", "--seed", "1", "--predict", "0", "--save", ckpt, *args)
    run(BIN, "export", "--model", ckpt, "--out", weights, "--pytorch-script", script)
    ours = json_lines(run(BIN, "eval", "--model", ckpt, "--text", scored_text))[0]
    theirs = json_lines(run(sys.executable, script, "loss", scored_text))[0]
    difference = abs(theirs["loss"] - ours["loss"])
    ok = theirs["tokens"] == ours["tokens"] and difference <= TOLERANCE
    print(f"{'ok  ' if ok else 'FAIL'} {name:28s} seqlab {ours['loss']:.8f}  torch {theirs['loss']:.8f}  "
          f"|difference| {difference:.1e}  ({ours['tokens']} predictions)")
    return ok, ours


def check_modes(name, workdir, train_text, scored_text, ours):
    """The script's train mode computes seqlab's loss and lowers it, what it writes its loss mode reads again,
    and generate continues a prefix. `ours`: seqlab eval's line on scored_text for this model."""
    script = os.path.join(workdir, name + ".py")
    # The training loss on a batch the engine scores too: batch 1 x steps 1 from offset 0 (randint(1)) is the
    # whole text as one stream, the state carried (the iterator is the model's: sequential), so the epoch's
    # mean loss is seqlab eval's; at lr 1e-30 the updates round away in float32.
    still = os.path.join(workdir, name + "-still.safetensors")
    lines = json_lines(run(sys.executable, script, "train", scored_text, "--epochs", "1", "--batch", "1", "--steps", "1",
                           "--lr", "1e-30", "--out", still))
    step_loss = [line for line in lines if "epoch" in line][0]["loss"]
    reloaded_still = json_lines(run(sys.executable, script, "--weights", still, "loss", scored_text))[0]["loss"]
    same_loss = abs(step_loss - ours["loss"]) <= TOLERANCE and abs(reloaded_still - ours["loss"]) <= TOLERANCE

    out = os.path.join(workdir, name + "-continued.safetensors")
    lines = json_lines(run(sys.executable, script, "train", train_text, "--epochs", "2", "--batch", "4", "--steps", "10",
                           "--out", out))
    epochs = [line for line in lines if "epoch" in line]
    trained = (len(epochs) == 2 and all(math.isfinite(e["loss"]) for e in epochs) and epochs[1]["loss"] < epochs[0]["loss"]
               and lines[-1]["out"] == out and os.path.exists(out))
    again = json_lines(run(sys.executable, script, "--weights", out, "loss", train_text))[0]
    # The weights written are the trained ones: on the text they trained on, below the first epoch's mean.
    trained = trained and math.isfinite(again["loss"]) and again["loss"] < epochs[0]["loss"]
    text = run(sys.executable, script, "generate", "--prefix", "the time machine", "--length", "30", "--seed", "2").rstrip("\n")
    greedy = run(sys.executable, script, "generate", "--prefix", "the time", "--length", "10", "--temperature", "0").rstrip("\n")
    generated = text.startswith("the time machine") and len(text) == len("the time machine") + 30 and \
        len(greedy) == len("the time") + 10
    ok = same_loss and trained and generated
    print(f"{'ok  ' if ok else 'FAIL'} {name:28s} train at lr 1e-30: {step_loss:.8f}, reloaded {reloaded_still:.8f}, "
          f"seqlab {ours['loss']:.8f}; train: {[round(e['loss'], 4) for e in epochs]}, reloaded loss "
          f"{again['loss']:.4f}; generate: {text!r}")
    return ok


def check_without_torch(name, workdir, scored_text):
    """The script says which Python it needs, and refuses clearly where torch is missing."""
    script = os.path.join(workdir, name + ".py")
    with open(script, encoding="utf-8") as f:
        head = f.read(2000)
    names_python = "Needs Python 3.8\nor later with PyTorch" in head and "/usr/bin/python3" in head
    # -S leaves out site-packages (and with them Debian's dist-packages, where python3-torch lives).
    done = subprocess.run([sys.executable, "-S", script, "loss", scored_text], capture_output=True, text=True)
    clear = (done.returncode == 1 and "needs PyTorch" in done.stderr and sys.executable in done.stderr
             and "Traceback" not in done.stderr and done.stdout == "")
    ok = names_python and clear
    print(f"{'ok  ' if ok else 'FAIL'} {name:28s} names its Python: {names_python}; without torch: exit "
          f"{done.returncode}, {done.stderr.strip()!r}")
    return ok


def main():
    torch.set_num_threads(1)
    with open(BOOK, encoding="utf-8") as f:
        book = f.read()
    with tempfile.TemporaryDirectory() as workdir:
        scored_text = os.path.join(workdir, "scored.txt")
        with open(scored_text, "w", encoding="utf-8") as f:
            f.write(book[60000:60600])  # ~600 characters the models never saw (they read the first 4000 tokens)
        train_text = os.path.join(workdir, "train.txt")
        with open(train_text, "w", encoding="utf-8") as f:
            f.write(book[:3000])
        checked = {name: check(name, args, workdir, scored_text) for name, args in MODELS}
        results = [ok for ok, _ in checked.values()]
        # The modes, with a torch.nn module and with a module of the script's own.
        results += [check_modes(name, workdir, train_text, scored_text, checked[name][1]) for name in ("lstm", "gru-notes")]
        results.append(check_without_torch("lstm", workdir, scored_text))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
