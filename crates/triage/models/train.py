#!/usr/bin/env python3
"""Trains the threat model of crates/triage/src/model.rs and writes models/threat.tsv.

Run from the repository root, with scikit-learn in a virtual environment:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn==1.9.1
    /tmp/venv/bin/python crates/triage/models/train.py

Training data: the labelled tuning texts of crates/triage/tests/tuning/ (threat and both are
positives; every other label, the demand and abuse files and the ordinary mail are negatives).
The check set (tests/check/) is never trained on; this script reports the model on it. Texts are
folded by mailward itself (examples/fold_jsonl.rs), so the model is trained on what it will read.
The fit is deterministic (lbfgs, no random state involved): the same data give the same file.
"""
import json
import math
import os
import subprocess
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests")
THRESHOLD = 0.8  # model::THRESHOLD
THREAT_FILES = ["threats.jsonl", "threats2.jsonl", "threats4b.jsonl"]
NEGATIVE_FILES = ["demands.jsonl", "demands2.jsonl", "benign.jsonl"]
CHECK_FILES = ["threats3.jsonl", "threats4a.jsonl", "demands3.jsonl", "benign3.jsonl"]


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def named(text):
    # The tuning texts write a clerk's name as 〇〇 (tests/tuning.rs reads them the same way).
    for h in ["さん", "くん", "ちゃん", "様", "って", "の"]:
        text = text.replace("〇〇" + h, "佐藤" + h)
    return text


def fold(texts):
    payload = "".join(json.dumps({"text": named(t)}, ensure_ascii=False) + "\n" for t in texts)
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "mailward-triage", "--example", "fold_jsonl"],
        input=payload.encode("utf-8"), stdout=subprocess.PIPE, check=True,
    ).stdout.decode("utf-8")
    return [json.loads(line)["folded"] for line in out.splitlines()]


def is_threat(row, threat_file):
    return threat_file and row.get("label") in ("threat", "both")


def main():
    texts, labels = [], []
    for name in THREAT_FILES + NEGATIVE_FILES:
        for r in rows(os.path.join(TESTS, "tuning", name)):
            texts.append(r["text"])
            labels.append(1 if is_threat(r, name in THREAT_FILES) else 0)
    folded = fold(texts)
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                          lowercase=False)
    x = vec.fit_transform(folded)
    clf = LogisticRegression(C=4.0, max_iter=5000, class_weight="balanced")
    clf.fit(x, labels)
    out_path = os.path.join(HERE, "threat.tsv")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(f"bias\t{clf.intercept_[0]:.6f}\n")
        coef = clf.coef_[0]
        for term, i in sorted(vec.vocabulary_.items()):
            if "\t" in term or "\n" in term:
                continue
            out.write(f"{term}\t{vec.idf_[i]:.6f}\t{coef[i]:.6f}\n")
    print(f"{len(texts)} texts, {sum(labels)} threats, {len(vec.vocabulary_)} n-grams -> {out_path}")
    for name in CHECK_FILES:
        rs = rows(os.path.join(TESTS, "check", name))
        p = clf.predict_proba(vec.transform(fold([r["text"] for r in rs])))[:, 1]
        y = [1 if is_threat(r, name.startswith("threats")) else 0 for r in rs]
        tp = sum(1 for a, b in zip(p, y) if a >= THRESHOLD and b)
        fp = sum(1 for a, b in zip(p, y) if a >= THRESHOLD and not b)
        fn = sum(1 for a, b in zip(p, y) if a < THRESHOLD and b)
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        print(f"check {name}: P {prec:.3f} R {rec:.3f} (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    sys.exit(main())
