#!/usr/bin/env python3
"""Helper for bench/imap-sync (called by it, not meant to be run by hand).

  prime PORT USER PASSWORD            SELECT INBOX once (Dovecot moves new/ to cur/ and builds its
                                      index, as on a mailbox in use); prints MESSAGES=N
  fetch PORT USER PASSWORD OUTDIR     the "plain fetch": LOGIN, EXAMINE INBOX (read-only),
                                      UID SEARCH ALL, UID FETCH in chunks of 100
                                      (UID INTERNALDATE BODY.PEEK[]), each mail written to
                                      OUTDIR/<uid>.eml with its INTERNALDATE as mtime; prints JSON
  procs OUT                           snapshot of every process's CPU ticks (for `others`)
  others BEFORE AFTER ROOTPID DCDIR   CPU seconds of the processes that are neither this benchmark
                                      (ROOTPID and its descendants) nor the Dovecot in DCDIR
                                      between two snapshots: prints TOTAL and the top three
  wait-imap DCDIR                     wait (at most 2 s) for the instance's imap session to end
  dovecot-cpu MASTERPID DCDIR         CPU ticks of the Dovecot instance so far (master with its
                                      reaped children, plus its live processes)
  report RUNS_TSV                     the Markdown tables (runs, medians, ratios)

Only the standard library is used.
"""

import imaplib
import json
import os
import re
import statistics
import sys
import time

from benchlib import fmt_int, read_stat, short

CHUNK = 100


# --------------------------------------------------------------------------- IMAP peers

def cmd_prime(port, user, password):
    m = imaplib.IMAP4("127.0.0.1", int(port), timeout=120)
    m.login(user, password)
    typ, data = m.select("INBOX")
    if typ != "OK":
        sys.exit(f"SELECT INBOX: {data}")
    typ, data = m.uid("SEARCH", None, "ALL")
    n = len(data[0].split()) if data and data[0] else 0
    m.logout()
    print(f"MESSAGES={n}")


UID_RE = re.compile(rb"UID (\d+)")


def cmd_fetch(port, user, password, outdir):
    os.makedirs(outdir, exist_ok=True)
    t0 = time.monotonic()
    m = imaplib.IMAP4("127.0.0.1", int(port), timeout=120)
    m.login(user, password)
    typ, data = m.select("INBOX", readonly=True)  # EXAMINE
    if typ != "OK":
        sys.exit(f"EXAMINE INBOX: {data}")
    typ, data = m.uid("SEARCH", None, "ALL")
    if typ != "OK":
        sys.exit(f"UID SEARCH ALL: {data}")
    uids = data[0].split() if data and data[0] else []
    fetched = 0
    total = 0
    for i in range(0, len(uids), CHUNK):
        chunk = b",".join(uids[i:i + CHUNK]).decode()
        typ, data = m.uid("FETCH", chunk, "(UID INTERNALDATE BODY.PEEK[])")
        if typ != "OK":
            sys.exit(f"UID FETCH {chunk}: {data}")
        for item in data:
            if not isinstance(item, tuple):
                continue
            head, body = item
            mu = UID_RE.search(head)
            if not mu:
                continue
            uid = mu.group(1).decode()
            path = os.path.join(outdir, uid + ".eml")
            with open(path, "wb") as f:
                f.write(body)
            when = imaplib.Internaldate2tuple(head)
            if when is not None:
                t = time.mktime(when)
                os.utime(path, (t, t))
            fetched += 1
            total += len(body)
    m.logout()
    print(json.dumps({"searched": len(uids), "fetched": fetched, "bytes": total,
                      "seconds_inside": round(time.monotonic() - t0, 3)}))


# --------------------------------------------------------------------------- CPU accounting

def snapshot():
    procs = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = read_stat(int(name))
            if s:
                procs[name] = s
    return procs


def cmd_procs(out):
    with open(out, "w") as f:
        json.dump(snapshot(), f)


def descendants(procs, root):
    kids = {}
    for pid, s in procs.items():
        kids.setdefault(str(s[0]), []).append(pid)
    seen, todo = set(), [str(root)]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        todo.extend(kids.get(p, []))
    return seen


def cmd_others(before_file, after_file, root, dcdir):
    hz = os.sysconf("SC_CLK_TCK")
    with open(before_file) as f:
        before = json.load(f)
    with open(after_file) as f:
        after = json.load(f)
    mine = descendants(after, root) | descendants(before, root)

    def ours(s):
        return f"dovecot-{dcdir}/" in s[4] or dcdir + "/dovecot.conf" in s[4]

    per = {}
    for pid, s in after.items():
        if pid in mine or ours(s):
            continue
        b = before.get(pid)
        if b and b[3] == s[3]:
            d = (s[1] - b[1]) + (s[2] - b[2])
        else:
            d = s[1] + s[2]  # started during the step
        per[short(s[4])] = per.get(short(s[4]), 0) + d
    # A process that ended during the step moved its whole life's CPU into its parent's
    # children time; what it used before the step is not the step's.
    for pid, b in before.items():
        a = after.get(pid)
        if pid in mine or ours(b) or (a and a[3] == b[3]):
            continue
        parent = after.get(str(b[0]))
        if parent and str(b[0]) not in mine and not ours(parent):
            name = short(parent[4])
            per[name] = per.get(name, 0) - (b[1] + b[2])
    per = {k: max(v, 0) for k, v in per.items()}
    total = sum(per.values()) / hz
    top = sorted(per.items(), key=lambda kv: -kv[1])[:3]
    tops = "; ".join(f"{name} {ticks / hz:.1f}s" for name, ticks in top if ticks / hz >= 0.1)
    print(f"{total:.2f}\t{tops or '-'}")


def cmd_wait_imap(dcdir):
    """Waits (at most 2 s) until no imap session process of the instance is left."""
    title = f"dovecot-{dcdir}/imap"
    for _ in range(40):
        if not any(s[4].split(" ")[0] == title for s in snapshot().values()):
            return
        time.sleep(0.05)


def cmd_dovecot_cpu(master, dcdir):
    ticks = 0
    s = read_stat(int(master))
    if s:
        ticks += s[1] + s[2]
    for pid, s in snapshot().items():
        if f"dovecot-{dcdir}/" in s[4] and pid != str(master):
            ticks += s[1]
    print(ticks)


# --------------------------------------------------------------------------- report

def cmd_report(runs_tsv):
    rows = []
    with open(runs_tsv) as f:
        for line in f:
            fields = dict(kv.split("=", 1) for kv in line.rstrip("\n").split("\t") if "=" in kv)
            rows.append(fields)
    tools = []
    for r in rows:
        if r["tool"] not in tools:
            tools.append(r["tool"])
    print("| tool | round | mails | seconds | mails/s | peak RSS MiB | client CPU s | Dovecot CPU s | others' CPU s |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in rows:
        secs = float(r["wall_s"])
        mails = int(r["mails"] or 0)
        print(f"| {r['tool']} | {r['round']} | {fmt_int(mails)} | {secs:.2f} | "
              f"{fmt_int(mails / secs) if secs else '-'} | {int(r['maxrss_kb']) / 1024:.1f} | "
              f"{float(r['cpu_s']):.2f} | {float(r['dovecot_cpu_s']):.2f} | {float(r['others_cpu_s']):.2f} |")
    med = {}
    for t in tools:
        rs = [r for r in rows if r["tool"] == t]
        med[t] = {
            "secs": statistics.median(float(r["wall_s"]) for r in rs),
            "rate": statistics.median(int(r["mails"] or 0) / float(r["wall_s"]) for r in rs),
            "rss": statistics.median(int(r["maxrss_kb"]) / 1024 for r in rs),
            "cpu": statistics.median(float(r["cpu_s"]) for r in rs),
            "dc": statistics.median(float(r["dovecot_cpu_s"]) for r in rs),
            "version": rs[0].get("version", ""),
            "n": len(rs),
        }
    print()
    mw = med.get("mailward")
    print("| tool | version | runs | median s | median mails/s | median peak RSS MiB | median client CPU s | median Dovecot CPU s | mailward time / this |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    for t in tools:
        m = med[t]
        ratio = f"{mw['secs'] / m['secs']:.2f}x" if mw and m["secs"] else "-"
        print(f"| {t} | {m['version']} | {m['n']} | {m['secs']:.2f} | {fmt_int(m['rate'])} | {m['rss']:.1f} | "
              f"{m['cpu']:.2f} | {m['dc']:.2f} | {ratio} |")
    if mw:
        print()
        for t in tools:
            if t == "mailward":
                continue
            r = mw["secs"] / med[t]["secs"]
            verdict = "met" if r <= 1.5 else "NOT met"
            print(f"mailward / {t}: {r:.2f}x (median wall time; target <= 1.5x: {verdict})")


def main(argv):
    cmd, args = argv[0], argv[1:]
    if cmd == "prime":
        cmd_prime(*args)
    elif cmd == "fetch":
        cmd_fetch(*args)
    elif cmd == "procs":
        cmd_procs(*args)
    elif cmd == "others":
        cmd_others(*args)
    elif cmd == "wait-imap":
        cmd_wait_imap(*args)
    elif cmd == "dovecot-cpu":
        cmd_dovecot_cpu(*args)
    elif cmd == "report":
        cmd_report(*args)
    else:
        sys.exit(f"unknown subcommand {cmd}")


if __name__ == "__main__":
    main(sys.argv[1:])
