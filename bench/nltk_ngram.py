#!/usr/bin/python3
"""NLTK 3.8's nltk.lm models timed on The Time Machine split of bench/ngram_bench.cpp and the tests:
raw bytes [0, 120000) train, the rest scored, both letters_only; char level n = 1..5, word level n = 1..3.
Models: Laplace, WittenBellInterpolated, KneserNeyInterpolated (discount 0.75) and StupidBackoff (alpha 0.4),
named by seqlab's smoothing names. Fit = building the everygrams of orders 1..n + lm.fit; score =
lm.perplexity over the n-grams of the evaluation text (one scored token each), StupidBackoff's lm.score per
n-gram (it has no perplexity). Witten-Bell, Kneser-Ney and stupid backoff score every n-gram by walking the
counts in Python, so they are timed on the first SCORE_LIMIT n-grams only (the rate is per token all the
same). KneserNeyInterpolated divides by zero after a context unseen in training (nltk#2332): its
perplexity is then null with the error. Prints JSON lines like ngram_bench; a JSON note if NLTK is missing.
usage: /usr/bin/python3 bench/nltk_ngram.py [DATA_FILE]
"""
import json
import math
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'web', 'assets', 'timemachine.txt')

try:
    import nltk
    from nltk.lm import KneserNeyInterpolated, Laplace, StupidBackoff, WittenBellInterpolated
    from nltk.util import everygrams, ngrams
except ImportError as error:
    print(json.dumps({'bench': 'nltk_ngram', 'skipped': True,
                      'note': f'nltk not installed ({error}); apt-get install python3-nltk'}))
    sys.exit(0)


def letters_only(text):
    return re.sub('[^A-Za-z]+', ' ', text).lower()


SCORE_LIMIT = 3000
MODELS = (
    ('laplace', lambda n: Laplace(n), None),
    ('witten-bell', lambda n: WittenBellInterpolated(n), SCORE_LIMIT),
    ('kneser-ney:0.75', lambda n: KneserNeyInterpolated(n, discount=0.75), SCORE_LIMIT),
    ('stupid-backoff', lambda n: StupidBackoff(alpha=0.4, order=n), SCORE_LIMIT),
)


def main():
    raw = open(DATA, 'rb').read()
    train_text = letters_only(raw[:120000].decode('utf-8'))
    eval_text = letters_only(raw[120000:].decode('utf-8'))
    for level, max_n in (('char', 5), ('word', 3)):
        train = list(train_text) if level == 'char' else train_text.split()
        held = list(eval_text) if level == 'char' else eval_text.split()
        for smoothing, make, limit in MODELS:
            for n in range(1, max_n + 1):
                start = time.perf_counter()
                lm = make(n)
                lm.fit([everygrams(train, max_len=n)], vocabulary_text=train)
                fit_seconds = time.perf_counter() - start
                test = list(ngrams(held, n))[:limit]
                perplexity, error = None, None
                start = time.perf_counter()
                try:
                    if smoothing == 'stupid-backoff':
                        for gram in test:
                            lm.score(gram[-1], gram[:-1])
                    else:
                        perplexity = lm.perplexity(test)
                except ZeroDivisionError as failure:
                    error = f'ZeroDivisionError: {failure}'
                score_seconds = time.perf_counter() - start
                line = {
                    'bench': 'nltk_ngram', 'nltk': nltk.__version__, 'corpus': 'timemachine_split', 'level': level,
                    'n': n, 'smoothing': smoothing, 'train_tokens': len(train), 'eval_tokens': len(held),
                    'scored_tokens': len(test), 'fit_tokens_per_s': len(train) / fit_seconds,
                    'score_tokens_per_s': len(test) / score_seconds if error is None else None,
                    'perplexity': perplexity if perplexity is not None and math.isfinite(perplexity) else None}
                if error:
                    line['error'] = error
                print(json.dumps(line), flush=True)


if __name__ == '__main__':
    main()
