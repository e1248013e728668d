#!/usr/bin/python3
"""The n-gram perplexities of `seqlab ngram` against counts and probabilities done here from scratch.

Independent of the engine: the text is preprocessed and tokenized with Python's own re and str.split(), the
vocabulary is a set, the n-grams are tuples counted by collections.Counter, and a context count c(h) is counted
directly as "windows of length n whose first n - 1 tokens are h" (the engine derives it from the (n-1)-gram
count and the training tail). The formulas are those of docs/math.md §2 as written in engine/ngram/smoothing.h:
  add-k   P(w | h) = (c(h,w) + k) / (c(h) + k V),  P(w) = (c(w) + k) / (N + k V)
  D2L     P1(x) = (c(x) + e1/m) / (N + e1);  Pn(x_n | h) = (c(h, x_n) + e_n P1(x_n)) / (c(h) + e_n)
checked for Laplace (k = 1), k != 1 and D2L epsilons that differ from 1; add-k and Laplace for n = 1..6 (where
most contexts of the validation text were never seen in training, so the k V term carries the probability),
D2L for n = 1..3, its limit (n = 4 is refused with a message naming n); char and word level (word level with
minFreq 2, so that rare words are <unk> in training and validation alike).

Usage: /usr/bin/python3 tests/reference/ngram_check.py [path/to/seqlab]  (default build/native/seqlab or
$SEQLAB_BIN). Exit code 0 = every perplexity agrees to 1e-9 relative (both sides in double; only the order of
the sums differs), 1 = a mismatch.
"""
import collections
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEQLAB_BIN", os.path.join(ROOT, "build/native/seqlab"))
TEXT = os.path.join(ROOT, "web/assets/timemachine.txt")
TOLERANCE = 1e-9
VAL_FRACTION = 0.1


def tokens_of(text, level, min_freq):
    """The token strings of the text, rare ones (count < min_freq over the whole text) as None (<unk>)."""
    text = re.sub("[^A-Za-z]+", " ", text).lower()
    tokens = text.split() if level == "word" else list(text)
    counts = collections.Counter(tokens)
    return [t if counts[t] >= min_freq else None for t in tokens], len({t for t in tokens if counts[t] >= min_freq}) + 1


def perplexity(train, val, vocab_size, n, probability):
    """exp of the mean -log P over validation positions n-1.. (each with its n-1 preceding validation tokens)."""
    counts = collections.Counter(tuple(train[i:i + n]) for i in range(len(train) - n + 1))
    contexts = collections.Counter(tuple(train[i:i + n - 1]) for i in range(len(train) - n + 1))
    unigrams = collections.Counter(train)
    log_sum = 0.0
    for i in range(n - 1, len(val)):
        window = tuple(val[i - n + 1:i + 1])
        log_sum += math.log(probability(window, counts, contexts, unigrams, len(train), vocab_size))
    return math.exp(-log_sum / (len(val) - n + 1))


def add_k(k):
    def p(window, counts, contexts, unigrams, N, V):
        if len(window) == 1:
            return (unigrams[window[0]] + k) / (N + k * V)
        return (counts[window] + k) / (contexts[window[:-1]] + k * V)
    return p


def d2l(eps):
    def p(window, counts, contexts, unigrams, N, V):
        m = len(unigrams)  # distinct tokens seen in training
        p1 = (unigrams[window[-1]] + eps[0] / m) / (N + eps[0])
        if len(window) == 1:
            return p1
        e = eps[len(window) - 1]
        return (counts[window] + e * p1) / (contexts[window[:-1]] + e)
    return p


def seqlab(*args):
    out = subprocess.run([BIN, "ngram", "--train", TEXT, "--val-fraction", str(VAL_FRACTION), *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def d2l_order_limit_holds():
    """D2L's smoothing has three epsilons: n = 3 is accepted, n = 4 refused (exit 2) with a message naming n."""
    base = [BIN, "ngram", "--train", TEXT, "--smoothing", "d2l"]
    three = subprocess.run([*base, "--n", "3"], capture_output=True, text=True)
    four = subprocess.run([*base, "--n", "4"], capture_output=True, text=True)
    good = three.returncode == 0 and four.returncode == 2 and re.search(r"\bn\b", four.stderr) is not None
    print(f"{'ok  ' if good else 'FAIL'} d2l order limit: n=3 exit {three.returncode}, n=4 exit {four.returncode} "
          f"{four.stderr.strip()[:120]}")
    return good


def main():
    with open(TEXT, encoding="utf-8") as f:
        raw = f.read()
    ok = True
    for level, min_freq in (("char", 0), ("word", 2)):
        tokens, vocab_size = tokens_of(raw, level, min_freq)
        n_val = math.floor(len(tokens) * VAL_FRACTION + 0.5)  # round half away from zero, as llround
        train, val = tokens[:len(tokens) - n_val], tokens[len(tokens) - n_val:]
        for n in range(1, 7):
            for name, flags, probability in (
                    ("laplace", ["--smoothing", "laplace"], add_k(1.0)),
                    ("add-k 0.5", ["--smoothing", "add-k", "--k", "0.5"], add_k(0.5)),
                    ("add-k 2.5", ["--smoothing", "add-k", "--k", "2.5"], add_k(2.5)),
                    ("d2l 0.5,2,3", ["--smoothing", "d2l", "--eps", "0.5,2,3"], d2l([0.5, 2.0, 3.0])),
                    ("d2l 1,1,1", ["--smoothing", "d2l", "--eps", "1,1,1"], d2l([1.0, 1.0, 1.0]))):
                if name.startswith("d2l") and n > 3:
                    continue
                ours = seqlab("--level", level, "--min-freq", str(min_freq), "--n", str(n), *flags)
                expected = perplexity(train, val, vocab_size, n, probability)
                good = (ours["vocab_size"] == vocab_size and ours["scored"] == len(val) - n + 1 and
                        abs(ours["perplexity"] - expected) <= TOLERANCE * expected)
                ok &= good
                print(f"{'ok  ' if good else 'FAIL'} {level} n={n} {name:12s} seqlab {ours['perplexity']:.12g}  "
                      f"here {expected:.12g}  (V {ours['vocab_size']}/{vocab_size}, scored {ours['scored']})")
    ok &= d2l_order_limit_holds()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
