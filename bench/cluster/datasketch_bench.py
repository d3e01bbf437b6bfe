#!/usr/bin/env python3
"""datasketch side of bench/cluster: MinHashLSH used the ordinary way on the flood.

  datasketch_bench.py FLOOD.jsonl PAIRS.jsonl FOUND.tsv [--limit N] [--threshold T] [--permutations P]

Reads the first N texts, normalises each (unicodedata NFKC, then lower case), takes character
3-grams (the whole text if shorter; nothing if empty), builds one MinHash per text
(MinHash.generator, the documented bulk path, update_batch under it), inserts every text into a
MinHashLSH, then queries each one. A labelled pair counts as found when one of its mails is in the
other's query result; found pairs go to FOUND.tsv. Prints one JSON object with counts and times.
The pairs are only looked up in the query results (a set per mail), which costs nothing next to the
queries themselves.
"""

import argparse
import json
import time
import unicodedata

import datasketch
from datasketch import MinHash, MinHashLSH

SHINGLE = 3


def shingles(text):
    t = unicodedata.normalize("NFKC", text).lower()
    if len(t) < SHINGLE:
        return [t.encode("utf-8")] if t else []
    return [t[i:i + SHINGLE].encode("utf-8") for i in range(len(t) - SHINGLE + 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("flood")
    ap.add_argument("pairs")
    ap.add_argument("found")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--permutations", type=int, default=128)
    args = ap.parse_args()

    t0 = time.perf_counter()
    ids, texts = [], []
    with open(args.flood, encoding="utf-8") as f:
        for line in f:
            if args.limit is not None and len(ids) >= args.limit:
                break
            d = json.loads(line)
            ids.append(d["id"])
            texts.append(d["text"])
    t1 = time.perf_counter()
    minhashes = list(MinHash.generator((shingles(t) for t in texts), num_perm=args.permutations))
    t2 = time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.permutations)
    for i, m in zip(ids, minhashes):
        lsh.insert(i, m)
    t3 = time.perf_counter()

    # Labelled pairs within the mails read, by each of their mails.
    present = set(ids)
    partners = {}
    for line in open(args.pairs, encoding="utf-8"):
        p = json.loads(line)
        if p["a"] in present and p["b"] in present:
            partners.setdefault(p["a"], []).append(p["b"])
            partners.setdefault(p["b"], []).append(p["a"])
    found = set()
    candidates = 0
    t4 = time.perf_counter()
    for i, m in zip(ids, minhashes):
        result = lsh.query(m)
        candidates += len(result)
        want = partners.get(i)
        if want:
            result = set(result)
            for j in want:
                if j in result:
                    found.add((min(i, j), max(i, j)))
    t5 = time.perf_counter()
    with open(args.found, "w", encoding="utf-8") as f:
        for a, b in sorted(found):
            f.write(f"{a}\t{b}\n")
    n = len(ids)
    total = time.perf_counter() - t0
    print(json.dumps({
        "mails": n, "datasketch": datasketch.__version__, "threshold": args.threshold,
        "permutations": args.permutations, "bands": lsh.b, "rows": lsh.r,
        "seconds": total, "mails_per_s": n / total,
        "mean_candidates_per_query": candidates / max(n, 1),
        "seconds_by_step": {"read": t1 - t0, "minhash": t2 - t1, "insert": t3 - t2, "query": t5 - t4},
    }))


if __name__ == "__main__":
    main()
