#!/usr/bin/env python3
"""Markdown table and results.json for bench/cluster/run.

  report.py RUNS.jsonl SEEDS.jsonl META_JSON RESULTS.json
"""

import json
import sys

LABELS = {
    "mailward": "mailward (own_words + for_similarity)",
    "mailward-defaults": "mailward at the application's defaults (join 0.15, merge 0.6)",
    "mailward-nfkc": "mailward, NFKC + lower (datasketch's text)",
    "datasketch": "datasketch MinHashLSH",
}


def main():
    runs_path, seeds_path, meta, out = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
    every = [json.loads(line) for line in open(runs_path, encoding="utf-8")]
    seeds = [json.loads(line) for line in open(seeds_path, encoding="utf-8")]
    for r in every:
        r["mails_per_s"] = r["size"] / r["wall_s"] if r["wall_s"] else 0.0
    # Repeated runs: the one with the median wall time stands for them, with their range.
    groups = {}
    for r in every:
        groups.setdefault((r["run"], r["size"]), []).append(r)
    runs = []
    for group in groups.values():
        group.sort(key=lambda r: r["wall_s"])
        median = dict(group[len(group) // 2])
        median["repeats"] = len(group)
        median["mails_per_s_range"] = [group[-1]["mails_per_s"], group[0]["mails_per_s"]]
        median["others_cpu_percent"] = max(r["others_cpu_percent"] for r in group)
        runs.append(median)
    base = {r["size"]: r for r in runs if r["run"] == "datasketch"}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "runs": runs, "every_run": every, "other_seeds": seeds}, f, ensure_ascii=False,
                  indent=1)

    print(f"bench/cluster, {meta['date_utc']}: {meta['cpus']} CPUs ({meta['cpu']}), {meta['mem_mib']} MiB, "
          f"kernel {meta['kernel']}; {meta['python_side'] or 'datasketch not run'}; "
          f"others' CPU before the run {meta['idle_others_percent']}% of a core")
    print()
    print("Median of the repeated runs (mails/s range in brackets); others' CPU is the most seen during them.")
    print()
    print("| mails | run | mails/s | wall s | CPU s | peak RSS MiB | vs datasketch, wall | vs datasketch, CPU "
          "| pair recall | precision | recall, pairs J>=0.7 | recall, all seeds | mails in another demand's topic "
          "| topics | others' CPU % |")
    print("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in sorted(runs, key=lambda r: (r["size"], list(LABELS).index(r["run"]))):
        e, s = r["eval"], r["summary"]
        b = base.get(r["size"])
        ratio = f"{r['mails_per_s'] / b['mails_per_s']:.1f}x" if b else "–"
        cpu_ratio = f"{b['cpu_s'] / r['cpu_s']:.1f}x" if b and r["cpu_s"] else "–"
        recalls = [e["recall"]] + [x["eval"]["recall"] for x in seeds if x["run"] == r["run"] and x["size"] == r["size"]]
        spread = f"{min(recalls):.3f}–{max(recalls):.3f} ({len(recalls)})" if len(recalls) > 1 else "–"
        purity = e.get("purity")
        misplaced = "–"
        if purity:
            others = [x["eval"]["purity"]["mails_outside_their_topics_demand"]
                      for x in seeds if x["run"] == r["run"] and x["size"] == r["size"]]
            worst = max([purity["mails_outside_their_topics_demand"]] + others)
            misplaced = f"{purity['mails_outside_their_topics_demand']}" + (f" (≤ {worst})" if others else "")
        lo, hi = r["mails_per_s_range"]
        rate = f"{r['mails_per_s']:,.0f}" + (f" ({lo:,.0f}–{hi:,.0f})" if r["repeats"] > 1 else "")
        print(f"| {r['size']:,} | {LABELS[r['run']]} | {rate} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} "
              f"| {r['maxrss_kb'] / 1024:.1f} | {ratio} | {cpu_ratio} | {e['recall']:.3f} | {e['precision']:.4f} "
              f"| {e['recall_by_jaccard']['0.7-1.0'][0]:.3f} | {spread} | {misplaced} | {s.get('topics', '–')} "
              f"| {r['others_cpu_percent']} |")


if __name__ == "__main__":
    main()
