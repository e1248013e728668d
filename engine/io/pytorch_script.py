# The template of the script that goes with a PyTorch export (engine/io/pytorch_script.cpp fills it in; the
# build embeds this file into the engine). What comes before the "head" marker (this note) is left out.
# Sections start at "# seqlab-template: NAME" lines: head, net and modes are in every script, notes_gru and
# linear_rnn only in the scripts of those cells. Filled in: @DESCRIPTION@, @VERSION@ and @NET_DOC@ (inside
# strings), __WEIGHTS__, __RNN__ and __INPUT__ (names, so that this file compiles as it is:
# python3 -m py_compile); a line marked "embedding only" stays only in the script of a model with an
# embedding.
# seqlab-template: head
#!/usr/bin/env python3
"""A seqlab model in PyTorch: @DESCRIPTION@.

Written by seqlab @VERSION@ beside its weights file, which holds the weights under torch.nn's names and, as
metadata, the model's options, its vocabulary, the corpus options and the training options. Needs Python 3.8
or later with PyTorch and nothing else (tested with Debian bookworm's /usr/bin/python3 and python3-torch,
PyTorch 1.13): run it with the Python that has torch, `/usr/bin/python3 SCRIPT ...` on Debian, since
`python3` on the PATH may be another one. The safetensors format is read and written here (an 8-byte
little-endian header length, a JSON header, the raw little-endian float32 data).

  python3 SCRIPT loss TEXT_FILE [--max-tokens N]
      the mean cross-entropy of the text read as ONE stream from the zero state: what `seqlab eval` prints
  python3 SCRIPT generate [--prefix TEXT] [--length 100] [--temperature 1] [--top-k 0] [--seed 0]
  python3 SCRIPT train TEXT_FILE [--epochs 1] [--lr LR] [--out FILE.safetensors]
      continues training with a fresh optimizer (seqlab's optimizer state is not in the weights file) and
      writes the weights back in the same format; --weights FILE reads them again
  --weights FILE (before the mode) reads another weights file (default: the one beside this script)
"""
import argparse
import array
import json
import math
import os
import re
import struct
import sys

if sys.version_info < (3, 8):
    sys.exit(f"{os.path.basename(__file__)} needs Python 3.8 or later; {sys.executable} is "
             f"{sys.version.split()[0]}")
try:
    import torch
except ImportError as error:
    sys.exit(f"{os.path.basename(__file__)} needs PyTorch, which {sys.executable} (Python "
             f"{sys.version.split()[0]}) cannot import ({error}). Run it with a Python that has torch "
             "(Debian: apt-get install python3-torch, then /usr/bin/python3 SCRIPT ...; elsewhere: "
             "python3 -m pip install torch).")
from torch import nn
from torch.nn import functional as F

WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), __WEIGHTS__)


def read_safetensors(path):
    """{name: float32 tensor} and the metadata {key: string} of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {entry['dtype']}; this script reads F32 only")
        begin, end = entry["data_offsets"]
        values = array.array("f")
        values.frombytes(data[8 + n + begin:8 + n + end])
        if sys.byteorder == "big":
            values.byteswap()
        tensors[name] = torch.frombuffer(values, dtype=torch.float32).clone().reshape(entry["shape"])
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        values = array.array("f", tensor.detach().float().reshape(-1).tolist())
        if sys.byteorder == "big":
            values.byteswap()
        raw = values.tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)  # keeps the data 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


class Text:
    """A text as seqlab reads it with the model's corpus options: preprocessing, tokens, vocabulary ids."""

    def __init__(self, corpus, vocabulary):
        self.letters_only = corpus["preprocess"] == "letters_only"
        self.words = corpus["level"] == "word"
        self.vocabulary = vocabulary
        self.index = {token: i for i, token in enumerate(vocabulary)}
        # Ids: 0 <unk>, then the reserved tokens, then by descending count.
        self.most_frequent = min(1 + len(corpus.get("reserved", [])), len(vocabulary) - 1)

    def encode(self, text):
        if self.letters_only:  # every run of non-letters becomes one space, then lower case
            text = re.sub("[^A-Za-z]+", " ", text).lower()
        tokens = text.split() if self.words else list(text)  # words: str.split(); chars: code points
        return [self.index.get(token, 0) for token in tokens]  # id 0 is <unk>

    def decode(self, ids):
        return (" " if self.words else "").join(self.vocabulary[i] for i in ids)


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:  # newline="": line ends stay as written
        return f.read()
# seqlab-template: notes_gru


class NotesGRU(nn.Module):
    """The GRU of the course notes, which resets BEFORE the recurrent product (torch.nn.GRU resets after it:
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), another function):
        r = sigmoid(W_ir x + b_ir + W_hr h)       z = sigmoid(W_iz x + b_iz + W_hz h)
        n = tanh(W_in x + b_in + W_hn (r * h))    h' = (1 - z) * n + z * h
    torch.nn.GRU's parameter names, shapes and gate order (r, z, n), without bias_hh: these weights do not
    load into torch.nn.GRU (a missing key) rather than silently computing the other function."""

    def __init__(self, input_size, hidden_size, num_layers):
        super().__init__()
        self.hidden_size, self.num_layers = hidden_size, num_layers
        bound = 1 / math.sqrt(hidden_size)  # torch.nn.GRU's initialisation
        for k in range(num_layers):
            size = input_size if k == 0 else hidden_size
            for name, shape in (("weight_ih", (3 * hidden_size, size)), ("weight_hh", (3 * hidden_size, hidden_size)),
                                ("bias_ih", (3 * hidden_size,))):
                self.register_parameter(f"{name}_l{k}", nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def forward(self, x, h0=None):
        """x (B, T, I), h0 (L, B, H) or None (zeros) -> outputs (B, T, H), last state (L, B, H)."""
        H, last = self.hidden_size, []
        for k in range(self.num_layers):
            w_ih, w_hh, b_ih = (getattr(self, f"{name}_l{k}") for name in ("weight_ih", "weight_hh", "bias_ih"))
            h = x.new_zeros(x.shape[0], H) if h0 is None else h0[k]
            xs = x @ w_ih.T + b_ih  # (B, T, 3H): the input side of every step at once
            outputs = []
            for t in range(x.shape[1]):
                a_r, a_z, a_n = xs[:, t].split(H, dim=1)
                r = torch.sigmoid(a_r + h @ w_hh[:H].T)
                z = torch.sigmoid(a_z + h @ w_hh[H:2 * H].T)
                n = torch.tanh(a_n + (r * h) @ w_hh[2 * H:].T)
                h = (1 - z) * n + z * h
                outputs.append(h)
            x = torch.stack(outputs, dim=1)
            last.append(h)
        return x, torch.stack(last)
# seqlab-template: linear_rnn


class LinearRNN(nn.Module):
    """The RNN without an activation, h' = W_ih x + b_ih + W_hh h, which torch.nn.RNN (tanh or relu) lacks.
    torch.nn.RNN's parameter names and shapes, without bias_hh: these weights do not load into torch.nn.RNN
    (a missing key) rather than silently computing it with a nonlinearity."""

    def __init__(self, input_size, hidden_size, num_layers):
        super().__init__()
        self.hidden_size, self.num_layers = hidden_size, num_layers
        bound = 1 / math.sqrt(hidden_size)  # torch.nn.RNN's initialisation
        for k in range(num_layers):
            size = input_size if k == 0 else hidden_size
            for name, shape in (("weight_ih", (hidden_size, size)), ("weight_hh", (hidden_size, hidden_size)),
                                ("bias_ih", (hidden_size,))):
                self.register_parameter(f"{name}_l{k}", nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def forward(self, x, h0=None):
        """x (B, T, I), h0 (L, B, H) or None (zeros) -> outputs (B, T, H), last state (L, B, H)."""
        last = []
        for k in range(self.num_layers):
            w_ih, w_hh, b_ih = (getattr(self, f"{name}_l{k}") for name in ("weight_ih", "weight_hh", "bias_ih"))
            h = x.new_zeros(x.shape[0], self.hidden_size) if h0 is None else h0[k]
            xs = x @ w_ih.T + b_ih
            outputs = []
            for t in range(x.shape[1]):
                h = xs[:, t] + h @ w_hh.T
                outputs.append(h)
            x = torch.stack(outputs, dim=1)
            last.append(h)
        return x, torch.stack(last)
# seqlab-template: net


class Net(nn.Module):
    """@NET_DOC@"""

    def __init__(self, config):
        super().__init__()
        V, H, L, E = config["vocab"], config["hidden"], config["layers"], config["embedding"]
        self.vocab = V
        self.embedding = nn.Embedding(V, E)  # seqlab-template: embedding only
        self.rnn = __RNN__
        self.fc = nn.Linear(H, V)

    def forward(self, ids, state=None):
        """ids (B, T) -> logits (B, T, V) and the state after the last step (None: the zero state)."""
        x = __INPUT__
        h, state = self.rnn(x, state)
        return self.fc(h), state
# seqlab-template: modes


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def load(path):
    tensors, metadata = read_safetensors(path)
    config = json.loads(metadata["seqlab_model"])
    net = Net(config)
    net.load_state_dict(tensors, strict=True)  # every name and shape must match
    text = Text(json.loads(metadata["seqlab_corpus"]), json.loads(metadata["seqlab_vocabulary"]))
    return net, text, metadata


def stream_loss(net, ids, chunk=1000):
    """Mean cross-entropy of predicting ids[1:] from ids[:-1], one stream from the zero state (in chunks of
    `chunk` steps with the state carried, which is the same stream)."""
    total, state = 0.0, None
    with torch.no_grad():
        for at in range(0, len(ids) - 1, chunk):
            x = torch.tensor([ids[at:at + chunk]])
            y = torch.tensor(ids[at + 1:at + chunk + 1])
            logits, state = net(x[:, :len(y)], state)
            total += F.cross_entropy(logits[0], y, reduction="sum").item()
    return total / (len(ids) - 1)


def minibatches(ids, batch, steps, sequential, generator):
    """D2L's iterators from a random offset: sequential partitioning (row i of minibatch k + 1 continues row i
    of minibatch k, so the state is carried) or random sampling (independent windows, the state restarts)."""
    offset = int(torch.randint(steps, (1,), generator=generator))
    if sequential:
        n = (len(ids) - offset - 1) // batch * batch
        xs = torch.tensor(ids[offset:offset + n]).reshape(batch, -1)
        ys = torch.tensor(ids[offset + 1:offset + 1 + n]).reshape(batch, -1)
        for at in range(0, xs.shape[1] // steps * steps, steps):
            yield xs[:, at:at + steps], ys[:, at:at + steps]
    else:
        starts = torch.arange(offset, len(ids) - steps, steps)
        starts = starts[torch.randperm(len(starts), generator=generator)]
        for at in range(0, len(starts) // batch * batch, batch):
            rows = [ids[s:s + steps + 1] for s in starts[at:at + batch].tolist()]
            window = torch.tensor(rows)
            yield window[:, :-1], window[:, 1:]


def train(net, text, metadata, args):
    options = json.loads(metadata.get("seqlab_train", "{}"))
    corpus = json.loads(metadata["seqlab_corpus"])
    batch, steps = args.batch or options.get("batch", 32), args.steps or options.get("steps", 35)
    lr, clip = args.lr or options.get("lr", 1.0), options.get("clip", 1.0)
    sequential = options.get("iterator", "sequential") == "sequential"
    if options.get("optimizer", "sgd") == "adam":
        optimizer = torch.optim.Adam(net.parameters(), lr=lr, betas=(options.get("beta1", 0.9), options.get("beta2", 0.999)),
                                     eps=options.get("eps", 1e-8))
    else:
        optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=options.get("momentum", 0.0))
    ids = text.encode(read_text(args.text))
    held_out = round(len(ids) * corpus.get("valFraction", 0.0))  # the LAST share validates, as in seqlab
    train_ids, val_ids = ids[:len(ids) - held_out], ids[len(ids) - held_out:]
    if len(train_ids) < batch * steps + 1:
        sys.exit(f"train: {len(train_ids)} training tokens are too few for batch {batch} x steps {steps}")
    generator = torch.Generator().manual_seed(args.seed)
    # Backpropagation runs through each window of `steps` tokens (seqlab's truncation options are not applied).
    for epoch in range(1, args.epochs + 1):
        net.train()
        state, total, count = None, 0.0, 0
        for x, y in minibatches(train_ids, batch, steps, sequential, generator):
            state = detach(state) if sequential and state is not None else None
            logits, state = net(x, state)
            loss = F.cross_entropy(logits.reshape(-1, net.vocab), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            if clip > 0:
                nn.utils.clip_grad_norm_(net.parameters(), clip)
            optimizer.step()
            total, count = total + loss.item(), count + 1
        report = {"epoch": epoch, "loss": total / count, "perplexity": math.exp(total / count)}
        if len(val_ids) > 1:
            net.eval()
            report["valPerplexity"] = math.exp(stream_loss(net, val_ids))
        print(json.dumps(report), flush=True)
    out = args.out or re.sub(r"(\.safetensors)?$", "-torch.safetensors", args.weights, count=1)
    write_safetensors(out, net.state_dict(), metadata)
    print(json.dumps({"out": out}))


def generate(net, text, args):
    prefix = text.encode(args.prefix) if args.prefix else [text.most_frequent]
    if not prefix:
        sys.exit("generate: the prefix has no token after preprocessing")
    generator = torch.Generator().manual_seed(args.seed)
    ids = list(prefix)
    net.eval()
    with torch.no_grad():
        logits, state = net(torch.tensor([prefix]))
        for _ in range(args.length):
            scores = logits[0, -1].double()
            if args.temperature == 0:
                token = int(scores.argmax())
            else:
                scores = scores / args.temperature
                if 0 < args.top_k < len(scores):  # keep the k most probable tokens
                    kept = scores.topk(args.top_k)
                    scores = torch.full_like(scores, -math.inf).scatter(0, kept.indices, kept.values)
                token = int(torch.multinomial(F.softmax(scores, dim=0), 1, generator=generator))
            ids.append(token)
            logits, state = net(torch.tensor([[token]]), state)
    print(text.decode(ids))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default=WEIGHTS, help="the .safetensors file (default: %(default)s)")
    modes = parser.add_subparsers(dest="mode", required=True)
    loss = modes.add_parser("loss", help="the mean loss of a text read as one stream (as `seqlab eval`)")
    loss.add_argument("text")
    loss.add_argument("--max-tokens", type=int, default=0, help="read only the first N tokens (0: all)")
    gen = modes.add_parser("generate", help="continue a prefix")
    gen.add_argument("--prefix", default="", help="text to continue (default: the most frequent token)")
    gen.add_argument("--length", type=int, default=100)
    gen.add_argument("--temperature", type=float, default=1.0, help="0: greedy")
    gen.add_argument("--top-k", type=int, default=0, help="sample among the k most probable tokens (0: all)")
    gen.add_argument("--seed", type=int, default=0)
    fit = modes.add_parser("train", help="continue training on a text, then write the weights")
    fit.add_argument("text")
    fit.add_argument("--epochs", type=int, default=1)
    fit.add_argument("--lr", type=float, default=0, help="default: the model's training options")
    fit.add_argument("--batch", type=int, default=0, help="default: the model's training options")
    fit.add_argument("--steps", type=int, default=0, help="default: the model's training options")
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--out", default="", help="default: the weights file's name + -torch.safetensors")
    args = parser.parse_args()

    net, text, metadata = load(args.weights)
    if args.mode == "loss":
        ids = text.encode(read_text(args.text))
        ids = ids[:args.max_tokens] if args.max_tokens > 0 else ids
        if len(ids) < 2:
            sys.exit(f"loss: the text needs at least 2 tokens, got {len(ids)}")
        net.eval()
        value = stream_loss(net, ids)
        print(json.dumps({"tokens": len(ids) - 1, "loss": value, "perplexity": math.exp(value)}))
    elif args.mode == "generate":
        generate(net, text, args)
    else:
        train(net, text, metadata, args)


if __name__ == "__main__":
    main()
