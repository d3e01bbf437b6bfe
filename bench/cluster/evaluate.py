#!/usr/bin/env python3
"""Pair recall and precision of a clustering or of LSH query results, on a labelled pair sample.

  evaluate.py topics PAIRS.jsonl ASSIGNMENTS.tsv [FLOOD.jsonl]  # mailward: found = both in one topic
  evaluate.py found  PAIRS.jsonl FOUND.tsv                       # datasketch: found = listed (a<TAB>b)

Prints one JSON object: recall, precision, F1 over the pairs, and recall split by the pair's
exact Jaccard (how far a method gets beyond plain near-duplicates). With FLOOD.jsonl (topics
mode), also the purity of the whole clustering, beyond the pair sample: how many mails sit in a
topic whose majority is another demand.
"""

import json
import sys

BANDS = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 1.01)]


def main():
    mode, pairs_path, result_path = sys.argv[1:4]
    flood_path = sys.argv[4] if len(sys.argv) > 4 else None
    purity = None
    pairs = [json.loads(line) for line in open(pairs_path, encoding="utf-8")]
    if mode == "topics":
        topic = {}
        for line in open(result_path, encoding="utf-8"):
            i, t = line.split("\t")
            topic[int(i)] = int(t)

        def found(p):
            return p["a"] in topic and topic[p["a"]] == topic.get(p["b"])

        if flood_path:
            members = {}
            for line in open(flood_path, encoding="utf-8"):
                d = json.loads(line)
                if d["id"] in topic:
                    members.setdefault(topic[d["id"]], {}).setdefault(d["topic"], 0)
                    members[topic[d["id"]]][d["topic"]] += 1
            mixed = [m for m in members.values() if len(m) > 1]
            purity = {"topics": len(members), "topics_mixing_demands": len(mixed),
                      "mails_outside_their_topics_demand": sum(sum(m.values()) - max(m.values()) for m in mixed)}
    elif mode == "found":
        hits = set()
        for line in open(result_path, encoding="utf-8"):
            a, b = line.split("\t")
            hits.add((int(a), int(b)))

        def found(p):
            return (p["a"], p["b"]) in hits
    else:
        sys.exit("mode must be topics or found")

    tp = fp = fn = tn = 0
    by_band = {f"{lo:.1f}-{min(hi, 1.0):.1f}": [0, 0] for lo, hi in BANDS}
    for p in pairs:
        f = found(p)
        if p["same"]:
            tp += f
            fn += not f
            for lo, hi in BANDS:
                if lo <= p["jaccard"] < hi:
                    band = by_band[f"{lo:.1f}-{min(hi, 1.0):.1f}"]
                    band[0] += f
                    band[1] += 1
        else:
            fp += f
            tn += not f
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    print(json.dumps({
        "pairs": len(pairs), "same": tp + fn, "different": fp + tn,
        "true_pos": tp, "false_pos": fp, "recall": round(recall, 4), "precision": round(precision, 4),
        "f1": round(f1, 4),
        "recall_by_jaccard": {k: (round(v[0] / v[1], 4) if v[1] else None, v[1]) for k, v in by_band.items()},
        "purity": purity,
    }))


if __name__ == "__main__":
    main()
