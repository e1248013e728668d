#!/usr/bin/python3
"""NLTK 3.8 nltk.lm.Laplace timed on The Time Machine split of bench/ngram_bench.cpp and the tests:
raw bytes [0, 120000) train, the rest scored, both letters_only; char level n = 1..5, word level n = 1..3.
Fit = building the everygrams of orders 1..n + lm.fit; score = lm.perplexity over every n-gram of the
evaluation text (one scored token each). Prints JSON lines like ngram_bench; a JSON note if NLTK is missing.
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
    from nltk.lm import Laplace
    from nltk.util import everygrams, ngrams
except ImportError as error:
    print(json.dumps({'bench': 'nltk_ngram', 'skipped': True,
                      'note': f'nltk not installed ({error}); apt-get install python3-nltk'}))
    sys.exit(0)


def letters_only(text):
    return re.sub('[^A-Za-z]+', ' ', text).lower()


def main():
    raw = open(DATA, 'rb').read()
    train_text = letters_only(raw[:120000].decode('utf-8'))
    eval_text = letters_only(raw[120000:].decode('utf-8'))
    for level, max_n in (('char', 5), ('word', 3)):
        train = list(train_text) if level == 'char' else train_text.split()
        held = list(eval_text) if level == 'char' else eval_text.split()
        for n in range(1, max_n + 1):
            start = time.perf_counter()
            lm = Laplace(n)
            lm.fit([everygrams(train, max_len=n)], vocabulary_text=train)
            fit_seconds = time.perf_counter() - start
            test = list(ngrams(held, n))
            start = time.perf_counter()
            perplexity = lm.perplexity(test)
            score_seconds = time.perf_counter() - start
            print(json.dumps({
                'bench': 'nltk_ngram', 'nltk': nltk.__version__, 'corpus': 'timemachine_split', 'level': level,
                'n': n, 'train_tokens': len(train), 'eval_tokens': len(held),
                'fit_tokens_per_s': len(train) / fit_seconds, 'score_tokens_per_s': len(test) / score_seconds,
                'perplexity': perplexity if math.isfinite(perplexity) else None}), flush=True)


if __name__ == '__main__':
    main()
