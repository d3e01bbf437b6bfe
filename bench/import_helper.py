#!/usr/bin/env python3
"""Helper for bench/import: builds the benchmark Maildir and renders the results.

Subcommands (called by bench/import, not meant to be run by hand):

  build SRC_DATA_DIR MAILDIR N   build a Maildir of N mails from the SpamAssassin corpus
  fingerprint MAILDIR            print a digest of the Maildir's names, sizes and mtimes
  count-json FILE                print the mail count that a `--json` report claims, if any
  report RUNS_TSV OUT_JSON       print the Markdown table and write the JSON results

Only the standard library is used so that the benchmark needs nothing beyond python3.
"""

import calendar
import glob
import hashlib
import json
import os
import random
import re
import sys
import time

# --------------------------------------------------------------------------- build

# Every copy of a corpus mail gets a new Message-ID and Date, so that all N files differ in
# their bytes (no tool can deduplicate them) and no two share a Message-ID (notmuch would
# otherwise fold such copies into one message with several files, doing less work than mu).
# The rest of each mail is kept byte for byte: header order, folding, line endings, the
# mbox "From " envelope line that ~90% of the SpamAssassin files start with, MIME bodies.

# Fixed start of the 30-day window the Dates spread over; fixed seed: the Maildir is the
# same, byte for byte, on every machine and every rebuild.
EPOCH_START = calendar.timegm((2024, 3, 1, 0, 0, 0))
SPAN_SECONDS = 30 * 86400
SEED = 20240301
# Share of mails (the newest ones, as a mail client would leave them) delivered to new/.
NEW_SHARE = 0.03
HOSTNAME = "bench"

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# A header field line plus its folded continuation lines (lines starting with space/tab).
FIELD_RE = {
    name: re.compile(rb"^" + name + rb"[ \t]*:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.IGNORECASE | re.MULTILINE)
    for name in (rb"message-id", rb"date")
}
HEADER_END_RE = re.compile(rb"\r?\n\r?\n")


def rfc5322_date(t, tz_minutes):
    """The Date value for unix time t shown in a zone tz_minutes east of UTC."""
    local = t + tz_minutes * 60
    tm = time.gmtime(local)
    sign = "+" if tz_minutes >= 0 else "-"
    off = abs(tz_minutes)
    return "%s, %02d %s %04d %02d:%02d:%02d %s%02d%02d" % (
        DAYS[tm.tm_wday], tm.tm_mday, MONTHS[tm.tm_mon - 1], tm.tm_year,
        tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off // 60, off % 60,
    )


def rewrite(raw, message_id, date):
    """raw with its Message-ID and Date fields replaced (or added), all else unchanged."""
    m = HEADER_END_RE.search(raw)
    head_end = m.start() if m else len(raw)
    head, rest = raw[:head_end], raw[head_end:]
    # Keep the mail's own line ending for the lines we write.
    eol = b"\r\n" if b"\r\n" in head else b"\n"
    for name, value in ((b"Message-ID", message_id), (b"Date", date)):
        line = name + b": " + value
        # Replace every occurrence (a handful of spams repeat fields), so that whichever
        # one a tool reads, it sees the unique value.
        head, n = FIELD_RE[name.lower()].subn(lambda _m, line=line: line, head)
        if n == 0:
            # Missing: append as the last header field, before the blank line.
            head = head + eol + line if head else line
    return head + rest


def cmd_build(src, maildir, n):
    n = int(n)
    files = sorted(glob.glob(os.path.join(src, "*", "*.txt")))
    if not files:
        sys.exit("import_helper: no corpus mails (*/*.txt) under %s" % src)
    corpus = []
    for f in files:
        with open(f, "rb") as fh:
            corpus.append(fh.read())

    rng = random.Random(SEED)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    # Times rise evenly over the window with a little jitter, so the files sort by time
    # like a real delivery history; the newest NEW_SHARE of them go to new/.
    step = SPAN_SECONDS / n
    first_new = int(n * (1 - NEW_SHARE))
    zones = [0, 60, 120, -240, -300, -420, 330, 540]  # a few realistic UTC offsets
    total = 0
    fake_pid = 2000 + rng.randrange(30000)
    for i in range(n):
        src_index = i % len(corpus)
        t = EPOCH_START + int(i * step)
        usec = rng.randrange(1_000_000)
        if i % 97 == 0:  # a delivery agent's pid changes from time to time
            fake_pid = 2000 + rng.randrange(30000)
        # Unique per copy: the copy number, and which corpus mail it came from.
        message_id = ("<mwbench.%d.%d.%06d@%s.example>" % (i, src_index, usec, HOSTNAME)).encode()
        date = rfc5322_date(t, rng.choice(zones)).encode()
        data = rewrite(corpus[src_index], message_id, date)

        base = "%d.M%dP%dQ%d.%s" % (t, usec, fake_pid, i, HOSTNAME)
        if i >= first_new:
            path = os.path.join(maildir, "new", base)
        else:
            path = os.path.join(maildir, "cur", base + ":2,S")
        with open(path, "wb") as fh:
            fh.write(data)
        # A delivered file's mtime is its delivery time; some tools look at it.
        os.utime(path, (t, t))
        total += len(data)

    print(json.dumps({
        "mails": n, "bytes": total, "avg_bytes": round(total / n, 1),
        "corpus_files": len(corpus), "new": n - first_new, "cur": first_new,
    }))


# --------------------------------------------------------------------------- fingerprint

def cmd_fingerprint(maildir):
    """Digest of every file's relative path, size and mtime: tells whether a tool renamed,
    added, removed or rewrote anything in the shared Maildir."""
    h = hashlib.sha256()
    entries = []
    for sub in ("cur", "new", "tmp"):
        with os.scandir(os.path.join(maildir, sub)) as it:
            for e in it:
                st = e.stat(follow_symlinks=False)
                entries.append("%s/%s\t%d\t%d" % (sub, e.name, st.st_size, st.st_mtime_ns))
    for line in sorted(entries):
        h.update(line.encode("utf-8", "surrogateescape") + b"\n")
    top = sorted(os.listdir(maildir))
    h.update(("top:" + ",".join(top)).encode("utf-8", "surrogateescape"))
    print("%s %d" % (h.hexdigest(), len(entries)))


# --------------------------------------------------------------------------- count-json

COUNT_KEYS = ("imported", "mails", "messages", "message_count", "mail_count", "count", "added", "new", "total")


def find_count(obj):
    """The first integer under a key that plausibly counts mails, searching breadth-first."""
    queue = [obj]
    while queue:
        o = queue.pop(0)
        if isinstance(o, dict):
            for k in COUNT_KEYS:
                v = o.get(k)
                if isinstance(v, int) and not isinstance(v, bool):
                    return k, v
            queue.extend(o.values())
        elif isinstance(o, list):
            queue.extend(o)
    return None


def cmd_count_json(path):
    # mailward's `--json` report format is not fixed yet: read the last JSON document in the
    # file (a final summary line after progress lines is the usual shape) and look for a count.
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return
    docs = []
    try:
        docs.append(json.loads(text))
    except ValueError:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    docs.append(json.loads(line))
                except ValueError:
                    pass
    for doc in reversed(docs):
        found = find_count(doc)
        if found:
            print("%d %s" % (found[1], found[0]))
            return


# --------------------------------------------------------------------------- report

def fmt(v, spec):
    return "–" if v is None else format(v, spec)


def cmd_report(runs_tsv, out_json):
    """runs_tsv: a 'key=value' header block, then one line per step with tab-separated
    key=value pairs written by bench/import. Prints Markdown, writes JSON."""
    meta, steps = {}, []
    with open(runs_tsv, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("meta\t"):
                k, _, v = line[5:].partition("=")
                meta[k] = v
            else:
                steps.append(dict(kv.split("=", 1) for kv in line.split("\t")))

    n_bytes = int(meta["maildir_bytes"])
    results = []
    by_tool = {}
    for s in steps:
        if s["step"] == "verify":
            continue
        r = {"tool": s["tool"], "version": s.get("version", ""), "status": s["status"]}
        if s["status"] in ("ok", "failed") and s.get("wall_s"):
            wall = float(s["wall_s"])
            mails = int(s["mails"]) if s.get("mails", "").isdigit() else None
            r.update({
                "mails": mails,
                "mails_source": s.get("mails_source"),
                "wall_s": wall,
                # Rate over what the tool reports it indexed; if it cannot tell, over the
                # mails it was given.
                "mails_per_s": round((mails if mails is not None else int(meta["mails"])) / wall, 1)
                if (wall > 0 and s["status"] == "ok") else None,
                "peak_rss_mib": round(int(s["maxrss_kb"]) / 1024, 1),
                "cpu_percent": int(s["cpu_percent"]) if s.get("cpu_percent", "").isdigit() else None,
                "others_cpu_percent": int(s["others_cpu_percent"]) if s.get("others_cpu_percent", "").isdigit() else None,
                "exit_code": int(s["exit"]),
                "maildir_unchanged": s.get("maildir_unchanged") == "yes",
            })
        else:
            r["reason"] = s.get("reason", "")
        results.append(r)
        by_tool[s["tool"]] = r
    for s in steps:
        if s["step"] == "verify" and s["tool"] in by_tool:
            v = {"status": s["status"]}
            if s.get("wall_s"):
                wall = float(s["wall_s"])
                v.update({
                    "wall_s": wall,
                    "mb_per_s": round(n_bytes / 1e6 / wall, 1) if wall > 0 else None,
                    "peak_rss_mib": round(int(s["maxrss_kb"]) / 1024, 1),
                    "cpu_percent": int(s["cpu_percent"]) if s.get("cpu_percent", "").isdigit() else None,
                    "others_cpu_percent": int(s["others_cpu_percent"]) if s.get("others_cpu_percent", "").isdigit() else None,
                    "exit_code": int(s["exit"]),
                })
            else:
                v["reason"] = s.get("reason", "")
            by_tool[s["tool"]]["verify"] = v

    mu_rate = by_tool.get("mu", {}).get("mails_per_s") if by_tool.get("mu", {}).get("status") == "ok" else None
    for r in results:
        rate = r.get("mails_per_s")
        r["ratio_vs_mu"] = round(rate / mu_rate, 2) if (rate and mu_rate) else None

    doc = {
        "benchmark": "import",
        "date_utc": meta.get("date_utc"),
        "host": {"cpus": int(meta.get("cpus", 0)), "mem_mib": int(meta.get("mem_mib", 0)), "kernel": meta.get("kernel")},
        "cache": meta.get("cache"),
        "others_cpu_percent_before_run": int(meta.get("idle_others", 0)),
        "maildir": {
            "path": meta.get("maildir"),
            "mails": int(meta["mails"]),
            "bytes": n_bytes,
            "avg_bytes": round(n_bytes / int(meta["mails"]), 1),
            "corpus": meta.get("corpus"),
        },
        "results": results,
    }
    with open(out_json, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")

    print("Import of %d mails (%.1f MB, avg %.0f bytes/mail), %s cache, %s CPUs, %s" % (
        doc["maildir"]["mails"], n_bytes / 1e6, doc["maildir"]["avg_bytes"], doc["cache"],
        meta.get("cpus"), meta.get("date_utc")))
    print()
    print("| tool | version | mails | wall s | mails/s | peak RSS MiB | ratio vs mu | verify s | verify MB/s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        if r["status"] == "skipped":
            print("| %s | – | skipped: %s | | | | | | |" % (r["tool"], r.get("reason", "")))
            continue
        v = r.get("verify") or {}
        mails = fmt(r.get("mails"), ",")
        if r["status"] != "ok":
            mails += " (FAILED, exit %s)" % r.get("exit_code")
        elif r.get("mails") is not None and r["mails"] != doc["maildir"]["mails"]:
            mails += " (of %d)" % doc["maildir"]["mails"]
        vs = fmt(v.get("wall_s"), ".2f") if v.get("status") == "ok" else (v.get("status", "–") if v else "–")
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["tool"], r["version"], mails, fmt(r.get("wall_s"), ".2f"),
            fmt(r.get("mails_per_s"), ",.0f"), fmt(r.get("peak_rss_mib"), ".1f"),
            fmt(r.get("ratio_vs_mu"), ".2f"), vs,
            fmt(v.get("mb_per_s"), ".1f") if v.get("status") == "ok" else "–"))
    busy = [r["tool"] for r in results if (r.get("others_cpu_percent") or 0) >= 10
            or ((r.get("verify") or {}).get("others_cpu_percent") or 0) >= 10]
    if busy:
        print()
        print("WARNING: other processes used >= 10%% of a core while %s ran (others_cpu_percent in"
              " the JSON): those figures are disturbed; rerun on an idle machine." % ", ".join(busy))
    print()
    print("mails/s counts the mails each tool reports it indexed; ratio vs mu = tool's mails/s / mu's;"
          " verify MB/s = Maildir bytes / verify seconds. JSON: %s" % out_json)


def main():
    cmds = {"build": cmd_build, "fingerprint": cmd_fingerprint, "count-json": cmd_count_json, "report": cmd_report}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])


if __name__ == "__main__":
    main()
