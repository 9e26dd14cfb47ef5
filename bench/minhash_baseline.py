"""datasketch-style MinHash + MinHashLSH indexing-speed baseline.

datasketch cannot be installed here (no PyPI access), so this is a faithful
re-implementation of its algorithm using python3 + numpy only:

* MinHash(num_perm=128, seed=1): permutations (a, b) drawn from
  np.random.RandomState(1) exactly as datasketch's _init_permutations does,
  shingles hashed with datasketch's sha1_hash32, and update_batch's single
  vectorised uint64 numpy op per document (including its uint64 wrap-around
  in a * hv, which datasketch also has).
* MinHashLSH(threshold=0.5, num_perm=128): (b, r) from datasketch's
  _optimal_param with weights (0.5, 0.5); its scipy.integrate.quad is replaced
  by a midpoint rule. Per-band dict tables keyed like datasketch's _H
  (bytes(hs.byteswap().data)), values lists of ids, plus the `keys` table
  datasketch keeps (id -> band keys) and its duplicate-key check.

Shingling (a choice; datasketch itself hashes whatever you give it): tokens are
text.lower().split(), shingles are word 5-grams joined by single spaces; a
document with fewer than 5 words becomes one shingle of all its words.

Timing: the file is read and JSON-parsed before the clock starts (the Node
baseline also takes already-parsed texts). Timed: shingling, hashing, MinHash,
LSH insertion. The permutations are generated once and shared by all
documents (datasketch's `permutations=` argument); constructing a fresh
MinHash(num_perm=128) per document would re-draw them each time and be slower.

Usage: python3 bench/minhash_baseline.py CORPUS.jsonl   -> one JSON line.
"""
import hashlib
import json
import struct
import sys
import time

import numpy as np

_mersenne_prime = np.uint64((1 << 61) - 1)
_max_hash = np.uint64((1 << 32) - 1)
NUM_PERM, THRESHOLD, NGRAM = 128, 0.5, 5


def sha1_hash32(data: bytes) -> int:
    return struct.unpack('<I', hashlib.sha1(data).digest()[:4])[0]


def init_permutations(num_perm: int, seed: int = 1) -> np.ndarray:
    gen = np.random.RandomState(seed)
    return np.array(
        [(gen.randint(1, _mersenne_prime, dtype=np.uint64),
          gen.randint(0, _mersenne_prime, dtype=np.uint64)) for _ in range(num_perm)],
        dtype=np.uint64).T


def _integrate(f, lo: float, hi: float, n: int = 1000) -> float:
    # Midpoint rule; integrands are smooth polynomials on [0, 1], so this
    # matches quad closely enough to pick the same (b, r).
    h = (hi - lo) / n
    return h * sum(f(lo + (i + 0.5) * h) for i in range(n))


def optimal_param(threshold: float, num_perm: int, fp_w: float = 0.5, fn_w: float = 0.5):
    best, opt = float('inf'), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _integrate(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)
            fn = _integrate(lambda s: 1 - (1 - (1 - s ** r) ** b), threshold, 1.0)
            err = fp * fp_w + fn * fn_w
            if err < best:
                best, opt = err, (b, r)
    return opt


def minhash(text: str, perms: np.ndarray) -> np.ndarray:
    toks = text.lower().split()
    shingles = [' '.join(toks[i:i + NGRAM]) for i in range(max(1, len(toks) - NGRAM + 1))]
    hashvalues = np.ones(perms.shape[1], dtype=np.uint64) * _max_hash
    # datasketch MinHash.update_batch, verbatim in effect.
    hv = np.array([sha1_hash32(s.encode('utf8')) for s in shingles], dtype=np.uint64, ndmin=2).T
    a, b = perms
    phv = np.bitwise_and((hv * a + b) % _mersenne_prime, _max_hash)
    return np.vstack([phv, hashvalues]).min(axis=0)


class MinHashLSH:
    def __init__(self, threshold: float, num_perm: int):
        self.b, self.r = optimal_param(threshold, num_perm)
        self.hashranges = [(i * self.r, (i + 1) * self.r) for i in range(self.b)]
        self.hashtables: list[dict[bytes, list[str]]] = [{} for _ in range(self.b)]
        self.keys: dict[str, list[bytes]] = {}

    def insert(self, key: str, hashvalues: np.ndarray) -> None:
        if key in self.keys:
            raise ValueError('The given key already exists')
        hs = [bytes(hashvalues[s:e].byteswap().data) for s, e in self.hashranges]
        self.keys[key] = hs
        for h, table in zip(hs, self.hashtables):
            table.setdefault(h, []).append(key)


def main(path: str) -> None:
    with open(path, encoding='utf8') as f:
        docs = [json.loads(line) for line in f if line.strip()]
    nbytes = sum(len(d['text'].encode('utf8')) for d in docs)
    perms = init_permutations(NUM_PERM)
    lsh = MinHashLSH(THRESHOLD, NUM_PERM)  # (b, r) search is setup, not indexing

    t0 = time.perf_counter()
    for d in docs:
        lsh.insert(d['id'], minhash(d['text'], perms))
    secs = time.perf_counter() - t0

    print(json.dumps({'docs': len(docs), 'bytes': nbytes, 'seconds': round(secs, 4),
                      'docsPerSecond': round(len(docs) / secs, 1), 'bands': lsh.b, 'rows': lsh.r}))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: python3 bench/minhash_baseline.py CORPUS.jsonl')
    main(sys.argv[1])
