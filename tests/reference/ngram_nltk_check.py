#!/usr/bin/python3
"""The n-gram perplexities of `seqlab ngram` against NLTK's nltk.lm (Debian's python3-nltk) on The Time Machine.

The setup: the text preprocessed as D2L does (every run of non-letters one space, lower case), characters or
words, the first 90% of the tokens train, the first 3,000 tokens of the rest are scored (chars; words: the first
3,000 words of the rest). Both sides get the same token sequences: Python writes the two parts to files and runs
`seqlab ngram --train TRAIN --eval EVAL` (JSON out), and the script checks that seqlab's vocabulary size, training
token count and scored positions agree with the ones here.

Apples to apples with nltk.lm:
  - no sentence padding: nltk.lm's usual pipeline (padded_everygram_pipeline) splits into sentences and pads each
    with <s> ... </s>; seqlab scores one long sequence. Here NLTK is fitted on ONE "sentence", the whole training
    sequence, as its every k-gram (nltk.util.everygrams, k = 1..5, no padding), so NgramCounter's counts[h] is the
    distribution of the ids after h over the training windows: the context count c(h) of seqlab (an h ending the
    text has no follower);
  - the vocabulary: nltk.lm.Vocabulary(train, unk_cutoff=1) is the training types plus <UNK>, as seqlab's
    vocabulary of the --train text (min-freq 0) with its <unk>; a scored token unseen in training is <UNK>/<unk>
    on both sides;
  - the scored positions: nltk's perplexity(ngrams(eval, n)) scores every position with n-1 preceding eval tokens,
    as seqlab does, and is 2^(mean -log2 P); seqlab's is exp(mean -ln P).
Compared, n = 1..5, chars and words (all words; and words seen once in training as <unk>), to 1e-9 relative:
Laplace, Lidstone (gamma 0.5 = add-k 0.5), WittenBellInterpolated, MLE (where finite: otherwise both must be
infinite, seqlab printing null) and KneserNeyInterpolated (discounts 0.75, seqlab's default, and 0.1, nltk's
default, each given explicitly).

Kneser-Ney: nltk.lm's KneserNeyInterpolated departs from the formula in three places, so seqlab is compared with
the formula computed here from scratch (engine/ngram/smoothing.h, with Counters), and NLTK with the formula
position by position wherever NLTK follows it:
  1. a lower-order context g that occurs in training but never with a left neighbour (only at the start of the
     text) has N1+(·g·) = 0: nltk divides by it (ZeroDivisionError, nltk#2332); the formula backs off to Pc(w|g');
  2. the lower-order interpolation weight: nltk uses d N1+(g·) / N1+(·g·), counting the followers w of g by raw
     counts; the continuation distribution's own weight is d L(g) / N1+(·g·), L(g) = the w with N1+(·g w) > 0.
     The two differ when g w occurs only at the very start of the text; then nltk's distribution does not sum
     to 1 (the continuation-count defect of nltk#2659);
  3. an order-1 model: nltk scores the unigram by continuation counts (they are there because the counter holds
     higher orders; with order-1 counts only it divides by zero); an order-1 model has no lower order, so its one
     level uses raw counts, c(w) / N, which is what seqlab does.
The script finds the positions where 1 or 2 applies and says how many; nltk's KN is slow (it scans every context
of the next order for each continuation count), so it is compared on the first KN_POSITIONS positions of each
run; seqlab against the formula on all of them.

Modified Kneser-Ney (Chen & Goodman 1998, interpolated as KenLM estimates it): nltk.lm has none, so seqlab's
perplexity is compared, n = 1..5 and every run, to 1e-9 relative, with the formula computed here from Counters:
three discounts per level from the count-of-counts n1..n4 of that level's counts (raw on top, continuation counts
N1+(·x) below; KenLM's fallback 0.5, 1, 1.5 where a count-of-counts is 0 or a discount not above 0), the backoff
mass D1 N1(h·) + D2 N2(h·) + D3+ N3+(h·), and the uniform 1/V at the bottom.

Sentence padding (--pad-lines): each line of the text is a sentence, padded as KenLM does, ONE <s> as context
and ONE </s> to predict (nltk's pad_both_ends pads n-1 of each; seqlab does not, so that every order scores the
same events: each word and each </s>). The text split into lines, each line preprocessed as above, lines without
a word left out; the first 90% of the lines train, the next lines up to 3,000 words are scored. NLTK is set up with
the same padding, in its own pipeline pieces:
  - the counts: nltk.lm's NgramCounter over the everygrams (k = 1..5) of each padded training sentence
    ['<s>', w1, .., wm, '</s>'] separately (no n-gram spans two sentences), less the unigram ('<s>',): <s> is a
    context, never predicted, so it is not an event of the unigram distribution (its N leaves it out);
  - the scored events: for each word and each </s> of a padded eval sentence, the context is what precedes it in
    its sentence, at most n-1 tokens (w1 after ('<s>',) alone); nltk's perplexity() takes these tuples of varying
    length as they are and reads each with counts of its own length, as seqlab reads a short context;
  - the vocabulary: the training words (and <s>, </s>) with <UNK>, as seqlab's with <unk>, <s> and </s>. Its size
    for Lidstone/Laplace is one less than nltk's len(vocab): seqlab spreads add-k over the ids that can be
    predicted, which <s> is not (so each distribution sums to 1 over them); nltk's convention counts <s> as a
    word that add-k gives mass to. The check gives nltk's Lidstone a vocabulary whose len() leaves <s> out (the
    one override; everything else is nltk's arithmetic).
Compared, n = 1..5, words (all words; words seen once as <unk>), to 1e-9 relative: Laplace, Lidstone 0.5,
WittenBellInterpolated, MLE (where finite; else both infinite). Kneser-Ney (d = 0.75) and modified Kneser-Ney
padded are compared with their formulas computed here from Counters of the padded sentences, with KenLM's rule
for the n-grams that start with <s>: nothing can precede them, so where the lower orders read continuation counts
N1+(·x) they keep their raw count c(x) (PaddedKneserNeyFormula).

Usage: /usr/bin/python3 tests/reference/ngram_nltk_check.py [path/to/seqlab]  (default build/native/seqlab or
$SEQLAB_BIN). Exit code 0 = every comparison agrees, 1 = a mismatch.
"""
import collections
import json
import math
import os
import re
import subprocess
import sys
import tempfile

from nltk.lm import MLE, KneserNeyInterpolated, Laplace, Lidstone, Vocabulary, WittenBellInterpolated
from nltk.lm.counter import NgramCounter
from nltk.util import everygrams, ngrams

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SEQLAB_BIN", os.path.join(ROOT, "build/native/seqlab"))
TEXT = os.path.join(ROOT, "web/assets/timemachine.txt")
TOLERANCE = 1e-9
MAX_N = 5
EVAL_TOKENS = 3000
KN_POSITIONS = 150
DISCOUNTS = (0.75, 0.1)  # seqlab's default and nltk's
# (level, min-freq): words once with every training word in the vocabulary (a scored word unseen in training
# has probability 0 under MLE, Witten-Bell and Kneser-Ney: infinite on both sides) and once with words seen
# once in training as <unk>/<UNK> (nltk: unk_cutoff=2), which every model then has counts of: finite.
RUNS = (("char", 0), ("word", 0), ("word", 2))


def seqlab(train_file, eval_file, level, min_freq, n, flags):
    out = subprocess.run([BIN, "ngram", "--train", train_file, "--eval", eval_file, "--level", level, "--min-freq",
                          str(min_freq), "--n", str(n), *flags], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class KneserNeyFormula:
    """Interpolated Kneser-Ney as engine/ngram/smoothing.h writes it, from Counters of the training windows."""

    def __init__(self, train, max_n, d):
        self.d = d
        self.N = len(train)
        self.grams = {k: collections.Counter(tuple(train[i:i + k]) for i in range(len(train) - k + 1))
                      for k in range(1, max_n + 1)}
        self.context, self.follow = collections.Counter(), collections.Counter()
        self.precede, self.middle = collections.Counter(), collections.Counter()
        for k in range(2, max_n + 1):
            for g, c in self.grams[k].items():
                self.context[g[:-1]] += c    # c(h): windows starting with h
                self.follow[g[:-1]] += 1     # N1+(h·)
                self.precede[g[1:]] += 1     # N1+(·g)
                self.middle[g[1:-1]] += 1    # N1+(·h·); () gets the distinct bigrams
        self.left = collections.Counter(g[:-1] for g in self.precede)  # L(h): w with N1+(·h w) > 0

    def p(self, window, top=True):
        k, d = len(window), self.d
        if k == 1:
            return self.grams[1][window] / self.N if top else self.precede[window] / self.middle[()]
        h, lower = window[:-1], self.p(window[1:], top=False)
        if top:
            if self.context[h] == 0:
                return lower
            return (max(self.grams[k][window] - d, 0) + d * self.follow[h] * lower) / self.context[h]
        if self.middle[h] == 0:
            return lower
        return (max(self.precede[window] - d, 0) + d * self.left[h] * lower) / self.middle[h]

    def nltk_departs(self, window):
        """Why nltk's score of this window departs from the formula (None when it follows it)."""
        for j in range(1, len(window) - 1):  # the lower-order contexts window[j:-1]
            g = window[j:-1]
            if self.grams[len(g)][g] and self.context[g] and self.middle[g] == 0:
                return "division by zero"
            if self.middle[g] and self.left[g] != self.follow[g]:
                return "lower-order weight"
        return None


class ModifiedKneserNeyFormula:
    """Interpolated modified Kneser-Ney of order n over a vocabulary of V ids, from Counters of the training
    windows: P_k(w | h) = (a(h w) - D_k(a(h w))) / S(h) + B(h) / S(h) * P_k-1(w | h'), P_k = P_k-1 when S(h) = 0,
    P_0 = 1 / V; a = raw counts at the top level k = n, continuation counts below."""
    FALLBACK = (0.5, 1.0, 1.5)

    def __init__(self, train, n, V):
        self.n, self.V = n, V
        grams = {k: collections.Counter(tuple(train[i:i + k]) for i in range(len(train) - k + 1))
                 for k in range(1, n + 1)}
        precede = collections.Counter()
        for k in range(2, n + 1):
            for g in grams[k]:
                precede[g[1:]] += 1
        # a(x) per level; a k-gram without a left neighbour (only at the text's start) has a = 0 below the top.
        self.a = {k: grams[k] if k == n else collections.Counter({x: precede[x] for x in grams[k] if precede[x]})
                  for k in range(1, n + 1)}
        self.discounts = {}
        for k in range(1, n + 1):
            coc = collections.Counter(self.a[k].values())
            n1, n2, n3, n4 = (coc[j] for j in (1, 2, 3, 4))
            if min(n1, n2, n3, n4) > 0:
                y = n1 / (n1 + 2 * n2)
                d = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
            else:
                d = self.FALLBACK
            self.discounts[k] = d if min(d) > 0 else self.FALLBACK
        self.total, self.mass = collections.Counter(), collections.Counter()
        for k in range(1, n + 1):
            for x, a in self.a[k].items():
                self.total[x[:-1]] += a
                self.mass[x[:-1]] += self.discount(k, a)

    def discount(self, k, a):
        return 0.0 if a == 0 else self.discounts[k][min(a, 3) - 1]

    def p(self, window):
        k = len(window)
        lower = 1 / self.V if k == 1 else self.p(window[1:])
        h = window[:-1]
        if self.total[h] == 0:
            return lower
        a = self.a[k][window]
        return (a - self.discount(k, a) + self.mass[h] * lower) / self.total[h]


def perplexity_of(probabilities):
    if any(p == 0 for p in probabilities):
        return math.inf
    return math.exp(-sum(math.log(p) for p in probabilities) / len(probabilities))


def agree(ours, expected):
    if ours is None:
        return math.isinf(expected)
    return abs(ours - expected) <= TOLERANCE * expected


def nltk_defects(tmp):
    """Defects 1 and 2 on tiny texts, word level, n = 3, d = 0.5: seqlab must give the formula's number, and nltk
    must show the defect (so that the reasons above stay true of the installed nltk)."""
    ok = True
    for train, scored, expected, defect in (
            # 1: 'q' occurs only first, so N1+(·q·) = 0. P(a | c q): c(c q) = 0 -> Pc(a | q) -> (backs off)
            #    Pc(a) = N1+(·a) / N1+(··) = |{q, b}| / |{qa, ab, ba, ac}| = 2/4.
            ("q a b a c", "c q a", 0.5, "division by zero"),
            # 2: 'a b' occurs only first, so L(a) = |{c}| = 1 while N1+(a·) = |{b, c}| = 2; N1+(·a·) = 1 (b a c).
            #    P(c | c a) = Pc(c | a) = (max(1 - .5, 0) + .5 · 1 · Pc(c)) / 1, Pc(c) = |{a}| / |{ab, ba, ac}| = 1/3
            #    -> 2/3; nltk weighs Pc(c) by .5 · 2 and gets 5/6 (its Pc(· | a) sums to 1.5).
            ("a b a c", "c a c", 2 / 3, "lower-order weight")):
        tokens, window = train.split(), tuple(scored.split())
        formula = KneserNeyFormula(tokens, 3, 0.5)
        train_file, eval_file = os.path.join(tmp, "tiny_train.txt"), os.path.join(tmp, "tiny_eval.txt")
        with open(train_file, "w", encoding="utf-8") as f:
            f.write(train)
        with open(eval_file, "w", encoding="utf-8") as f:
            f.write(scored)
        ours = seqlab(train_file, eval_file, "word", 0, 3, ["--smoothing", "kneser-ney", "--discount", "0.5"])
        kn = KneserNeyInterpolated(3, discount=0.5, vocabulary=Vocabulary(tokens, unk_cutoff=1),
                                   counter=NgramCounter([everygrams(tokens, min_len=1, max_len=3)]))
        try:
            theirs = kn.score(window[-1], window[:-1])
            total = sum(kn.score(w, window[:-1]) for w in set(tokens))
            shown = f"nltk {theirs:.6g}, its distribution sums to {total:.6g}"
            nltk_shows = abs(theirs - expected) > 1e-6 and abs(total - 1) > 1e-6
        except ZeroDivisionError:
            shown, nltk_shows = "nltk: ZeroDivisionError", defect == "division by zero"
        good = (formula.p(window) == expected or abs(formula.p(window) - expected) <= 1e-15) and \
            formula.nltk_departs(window) == defect and agree(ours["perplexity"], 1 / expected) and nltk_shows
        ok &= good
        print(f"  {'ok  ' if good else 'FAIL'} kneser-ney defect '{defect}': train '{train}', P({window[-1]} | "
              f"{' '.join(window[:-1])}) = {expected:.6g} by hand, seqlab {1 / ours['perplexity']:.6g}; {shown}")
    return ok


class VocabularyLessStart(Vocabulary):
    """nltk's Vocabulary, with len() leaving out <s> (add-k's V: the ids that can be predicted)."""

    def __len__(self):
        return super().__len__() - 1


class PaddedKneserNeyFormula:
    """Kneser-Ney (one discount d) and modified Kneser-Ney of order n on padded sentences, from Counters.
    a(x) at a lower level: N1+(·x), or c(x) when x (two ids or more) starts with <s>; a(<s>) = 0."""

    def __init__(self, sentences, n, V):
        self.n, self.V = n, V
        self.c = collections.Counter(tuple(s[i:i + k]) for s in sentences for k in range(1, n + 1)
                                     for i in range(len(s) - k + 1))
        precede = collections.Counter(x[1:] for x in self.c if len(x) >= 2)
        self.lower = {x: (c if len(x) >= 2 and x[0] == "<s>" else precede[x]) for x, c in self.c.items()}
        self.lower[("<s>",)] = 0
        self.N = sum(c for x, c in self.c.items() if len(x) == 1 and x != ("<s>",))
        self.sums = {}  # (use raw counts, h) -> (sum of a(h w), distinct w with a(h w) > 0)
        for raw in (True, False):
            for x in self.c:
                a = self.a(x, raw)
                if a > 0:
                    total, types = self.sums.get((raw, x[:-1]), (0, 0))
                    self.sums[(raw, x[:-1])] = (total + a, types + 1)
        self.discounts = {}
        for k in range(1, n + 1):
            coc = collections.Counter(self.a(x, k == n) for x in self.c if len(x) == k)
            n1, n2, n3, n4 = (coc[j] for j in (1, 2, 3, 4))
            d = ModifiedKneserNeyFormula.FALLBACK
            if min(n1, n2, n3, n4) > 0:
                y = n1 / (n1 + 2 * n2)
                d = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
            self.discounts[k] = d if min(d) > 0 else ModifiedKneserNeyFormula.FALLBACK
        self.mass = collections.Counter()
        for x in self.c:
            self.mass[(len(x) == n, x[:-1])] += self.discount(len(x), self.a(x, len(x) == n))

    def a(self, x, raw):
        if len(x) == 1 and x == ("<s>",):
            return 0
        return self.c[x] if raw else self.lower.get(x, 0)

    def discount(self, k, a):
        return 0.0 if a == 0 else self.discounts[k][min(a, 3) - 1]

    def kneser_ney(self, window, d, raw=True):
        if len(window) == 1:
            if raw:  # an order-1 model
                return self.c[window] / self.N
            total = self.sums.get((False, ()), (0, 0))[0]
            return self.a(window, False) / total
        h, lower = window[:-1], self.kneser_ney(window[1:], d, raw=False)
        total, types = self.sums.get((raw, h), (0, 0))
        if total == 0:
            return lower
        return (max(self.a(window, raw) - d, 0) + d * types * lower) / total

    def modified(self, window):
        k = len(window)
        raw = k == self.n
        lower = 1 / (self.V - 1) if k == 1 else self.modified(window[1:])  # V less <s>, never predicted
        total = self.sums.get((raw, window[:-1]), (0, 0))[0]
        if total == 0:
            return lower
        a = self.a(window, raw)
        return (a - self.discount(k, a) + self.mass[(raw, window[:-1])] * lower) / total


def padded_runs(tmp, raw):
    """Sentence padding: seqlab --pad-lines against nltk.lm on the same padded sentences (see the docstring)."""
    ok = True
    sentences = [line.split() for line in (re.sub("[^A-Za-z]+", " ", x).lower() for x in raw.split("\n"))]
    sentences = [s for s in sentences if s]
    cut = int(len(sentences) * 0.9)
    train, val = sentences[:cut], []
    for s in sentences[cut:]:
        if sum(len(v) for v in val) + len(s) > EVAL_TOKENS:
            break
        val.append(s)
    train_file, eval_file = os.path.join(tmp, "lines_train.txt"), os.path.join(tmp, "lines_eval.txt")
    for path, part in ((train_file, train), (eval_file, val)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(" ".join(s) for s in part) + "\n")
    for min_freq in (0, 2):
        cutoff = max(min_freq, 1)
        words = [w for s in train for w in s]
        vocab = Vocabulary(words + ["<s>", "</s>"] * cutoff, unk_cutoff=cutoff)
        add_k_vocab = VocabularyLessStart(words + ["<s>", "</s>"] * cutoff, unk_cutoff=cutoff)
        padded_train = [["<s>"] + list(vocab.lookup(s)) + ["</s>"] for s in train]
        counter = NgramCounter([[g for g in everygrams(p, min_len=1, max_len=MAX_N) if g != ("<s>",)]
                                for p in padded_train])
        padded_val = [["<s>"] + list(s) + ["</s>"] for s in val]
        train_tokens = sum(len(p) for p in padded_train)
        name = "words, lines padded" + (f", min-freq {min_freq}" if min_freq > 1 else "")
        print(f"{name}: {len(train)} training sentences ({train_tokens} tokens with <s> and </s>), "
              f"{len(val)} scored ({sum(len(p) - 1 for p in padded_val)} events), vocabulary {len(vocab)}")
        for n in range(1, MAX_N + 1):
            events = [tuple(p[max(0, i - (n - 1)):i + 1]) for p in padded_val for i in range(1, len(p))]
            models = (
                ("laplace", ["--smoothing", "laplace"], Laplace(n, vocabulary=add_k_vocab, counter=counter)),
                ("add-k 0.5", ["--smoothing", "add-k", "--k", "0.5"],
                 Lidstone(0.5, n, vocabulary=add_k_vocab, counter=counter)),
                ("witten-bell", ["--smoothing", "witten-bell"],
                 WittenBellInterpolated(n, vocabulary=vocab, counter=counter)),
                ("mle", ["--smoothing", "mle"], MLE(n, vocabulary=vocab, counter=counter)))
            for label, flags, model in models:
                ours = seqlab(train_file, eval_file, "word", min_freq, n, ["--pad-lines", *flags])
                theirs = model.perplexity(events)
                shape = (ours["vocab_size"] == len(vocab) and ours["train_tokens"] == train_tokens and
                         ours["scored"] == len(events))
                good = shape and agree(ours["perplexity"], theirs)
                ok &= good
                print(f"  {'ok  ' if good else 'FAIL'} padded n={n} {label:11s} seqlab {ours['perplexity']!s:>20}  "
                      f"nltk {theirs:.15g}  (unseen {ours['unseen']}, V {ours['vocab_size']}/{len(vocab)}, "
                      f"train {ours['train_tokens']}/{train_tokens}, scored {ours['scored']}/{len(events)})")
            formula = PaddedKneserNeyFormula(padded_train, n, len(vocab))
            mapped = [tuple(vocab.lookup(e)) for e in events]
            for label, flags, p in (
                    ("kneser-ney", ["--smoothing", "kneser-ney", "--discount", "0.75"],
                     lambda e: formula.kneser_ney(e, 0.75, raw=True)),
                    ("modified-kn", ["--smoothing", "modified-kneser-ney"], formula.modified)):
                ours = seqlab(train_file, eval_file, "word", min_freq, n, ["--pad-lines", *flags])
                expected = perplexity_of([p(e) for e in mapped])
                good = ours["scored"] == len(events) and agree(ours["perplexity"], expected)
                ok &= good
                print(f"  {'ok  ' if good else 'FAIL'} padded n={n} {label:11s} seqlab {ours['perplexity']!s:>20}  "
                      f"formula {expected:.15g}  (unseen {ours['unseen']})")
    return ok


def main():
    with open(TEXT, encoding="utf-8") as f:
        text = re.sub("[^A-Za-z]+", " ", f.read()).lower()
    ok = True
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        ok &= nltk_defects(tmp)
        with open(TEXT, encoding="utf-8") as f:
            ok &= padded_runs(tmp, f.read())
        if os.environ.get("SEQLAB_NLTK_PADDED_ONLY"):
            sys.exit(0 if ok else 1)
        for level, min_freq in RUNS:
            tokens = list(text) if level == "char" else text.split()
            cut = int(len(tokens) * 0.9)
            train, val = tokens[:cut], tokens[cut:cut + EVAL_TOKENS]
            joiner = "" if level == "char" else " "
            train_file, eval_file = os.path.join(tmp, level + "_train.txt"), os.path.join(tmp, level + "_eval.txt")
            with open(train_file, "w", encoding="utf-8") as f:
                f.write(joiner.join(train))
            with open(eval_file, "w", encoding="utf-8") as f:
                f.write(joiner.join(val))
            vocab = Vocabulary(train, unk_cutoff=max(min_freq, 1))
            train_mapped, val_mapped = list(vocab.lookup(train)), list(vocab.lookup(val))  # rare/unseen: <UNK>
            counter = NgramCounter([everygrams(train_mapped, min_len=1, max_len=MAX_N)])  # one unpadded sequence
            formulas = {d: KneserNeyFormula(train_mapped, MAX_N, d) for d in DISCOUNTS}
            print(f"{level} (min-freq {min_freq}): {len(train)} training tokens, {len(val)} scored, "
                  f"vocabulary {len(vocab)}")
            level_name = level if min_freq <= 1 else f"{level}>={min_freq}"
            for n in range(1, MAX_N + 1):
                grams = list(ngrams(val, n))
                models = (
                    ("laplace", ["--smoothing", "laplace"], Laplace(n, vocabulary=vocab, counter=counter)),
                    ("add-k 0.5", ["--smoothing", "add-k", "--k", "0.5"],
                     Lidstone(0.5, n, vocabulary=vocab, counter=counter)),
                    ("witten-bell", ["--smoothing", "witten-bell"],
                     WittenBellInterpolated(n, vocabulary=vocab, counter=counter)),
                    ("mle", ["--smoothing", "mle"], MLE(n, vocabulary=vocab, counter=counter)))
                row = {"level": level_name, "n": n}
                for name, flags, model in models:
                    ours = seqlab(train_file, eval_file, level, min_freq, n, flags)
                    theirs = model.perplexity(grams)
                    shape = (ours["vocab_size"] == len(vocab) and ours["train_tokens"] == len(train) and
                             ours["scored"] == len(grams))
                    good = shape and agree(ours["perplexity"], theirs)
                    ok &= good
                    row[name] = (ours["perplexity"], theirs)
                    print(f"  {'ok  ' if good else 'FAIL'} {level_name} n={n} {name:11s} seqlab {ours['perplexity']!s:>20}  "
                          f"nltk {theirs:.15g}  (unseen {ours['unseen']}, V {ours['vocab_size']}/{len(vocab)}, "
                          f"train {ours['train_tokens']}/{len(train)}, scored {ours['scored']}/{len(grams)})")

                # Kneser-Ney: seqlab against the formula on every position; nltk against the formula where it
                # follows it, on the first KN_POSITIONS positions; and seqlab against nltk on those.
                mapped = list(ngrams(val_mapped, n))
                for d in DISCOUNTS:
                    formula = formulas[d]
                    kn_flags = ["--smoothing", "kneser-ney", "--discount", str(d)]
                    ours = seqlab(train_file, eval_file, level, min_freq, n, kn_flags)
                    expected = perplexity_of([formula.p(g) for g in mapped])
                    good = ours["scored"] == len(grams) and agree(ours["perplexity"], expected)
                    ok &= good
                    print(f"  {'ok  ' if good else 'FAIL'} {level_name} n={n} kn d={d:<5} seqlab "
                          f"{ours['perplexity']!s:>20}  formula {expected:.15g}  (unseen {ours['unseen']})")
                    kn = KneserNeyInterpolated(n, discount=d, vocabulary=vocab, counter=counter)
                    departs = collections.Counter()
                    followed, worst = [], 0.0
                    for g in mapped[:KN_POSITIONS]:
                        why = "order 1: continuation counts" if n == 1 else formula.nltk_departs(g)
                        if why:
                            departs[why] += 1
                            continue
                        theirs_p, here_p = kn.score(g[-1], g[:-1]), formula.p(g)
                        followed.append(here_p)
                        if here_p > 0:
                            worst = max(worst, abs(theirs_p - here_p) / here_p)
                        elif theirs_p != 0:
                            worst = math.inf
                    good = worst <= TOLERANCE
                    ok &= good
                    sub = None
                    if followed and not departs:
                        # seqlab on the same first positions, through an eval file of just those tokens.
                        part_file = os.path.join(tmp, f"{level}_part.txt")
                        with open(part_file, "w", encoding="utf-8") as f:
                            f.write(joiner.join(val[:KN_POSITIONS + n - 1]))
                        sub_ours = seqlab(train_file, part_file, level, min_freq, n, kn_flags)["perplexity"]
                        sub_nltk = kn.perplexity(list(ngrams(val[:KN_POSITIONS + n - 1], n)))
                        sub = (sub_ours, sub_nltk)
                        good = agree(sub_ours, sub_nltk)
                        ok &= good
                    print(f"  {'ok  ' if good else 'FAIL'} {level_name} n={n} kn d={d:<5} nltk = formula on "
                          f"{len(followed)}/{min(KN_POSITIONS, len(mapped))} positions (max rel. diff {worst:.2g})"
                          + (f"; nltk departs at {dict(departs)}" if departs else "")
                          + (f"; first {KN_POSITIONS}: seqlab {sub[0]} nltk {sub[1]:.15g}" if sub else ""))
                    row[f"kneser-ney {d}"] = (ours["perplexity"], expected)
                mkn = ModifiedKneserNeyFormula(train_mapped, n, len(vocab))
                ours = seqlab(train_file, eval_file, level, min_freq, n, ["--smoothing", "modified-kneser-ney"])
                expected = perplexity_of([mkn.p(g) for g in mapped])
                good = ours["scored"] == len(grams) and ours["unseen"] == 0 and agree(ours["perplexity"], expected)
                ok &= good
                print(f"  {'ok  ' if good else 'FAIL'} {level_name} n={n} modified-kn seqlab {ours['perplexity']!s:>20}  "
                      f"formula {expected:.15g}  (discounts by level {[tuple(round(x, 4) for x in mkn.discounts[k]) for k in range(1, n + 1)]})")
                row["modified-kneser-ney"] = (ours["perplexity"], expected)
                table.append(row)
    print("\nperplexity, seqlab/reference (nltk; kneser-ney: the formula), the first 3,000 tokens after the 90% split:")
    for row in table:
        cells = "  ".join(f"{k} {v[0] if v[0] is None else round(v[0], 4)}/{round(v[1], 4)}"
                          for k, v in row.items() if k not in ("level", "n"))
        print(f"  {row['level']} n={row['n']}: {cells}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
