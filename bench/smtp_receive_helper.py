#!/usr/bin/env python3
"""Helper for bench/smtp-receive (called by it, not meant to be run by hand).

  greeting PORT SECS                  wait (at most SECS) for a 220 greeting on 127.0.0.1:PORT
  procs OUT                           snapshot of every process's CPU ticks (for `others`)
  others BEFORE AFTER PID...          CPU seconds of the processes that are neither the benchmark
                                      nor a server under test (PIDs and their descendants) between
                                      two snapshots: prints TOTAL and the top three
  quiet SECS MAXPCT PID...            wait (at most SECS) for one second in which other processes
                                      use less than MAXPCT % of a core; prints what they used
  server-cpu PID                      CPU ticks so far of PID (own and reaped children) and of its
                                      live descendants
  server-rss PID                      peak RSS (VmHWM, kB) of PID; if it has live descendants
                                      (Postfix), the sum of their and its PSS at this moment
  report RUNS_TSV                     the Markdown tables (runs, medians, ratios)

Only the standard library is used.
"""

import json
import os
import socket
import statistics
import sys
import time

from benchlib import fmt_int, read_stat, short


def cmd_greeting(port, secs):
    deadline = time.time() + float(secs)
    last = "no attempt"
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", int(port)), timeout=2) as s:
                line = s.recv(200)
                if line.startswith(b"220"):
                    s.sendall(b"QUIT\r\n")
                    return
                last = repr(line)
        except OSError as e:
            last = str(e)
        time.sleep(0.1)
    sys.exit(f"no SMTP greeting on 127.0.0.1:{port} within {secs}s ({last})")


def uptime_ticks():
    with open("/proc/uptime") as f:
        return int(float(f.read().split()[0]) * os.sysconf("SC_CLK_TCK"))


def snapshot():
    """Every process's stat by pid, and under "_t" the time of the snapshot (ticks since boot)."""
    procs = {"_t": uptime_ticks()}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = read_stat(int(name))
            if s:
                procs[name] = s
    return procs


def descendants(procs, roots):
    kids = {}
    for pid, s in procs.items():
        if pid == "_t":
            continue
        kids.setdefault(str(s[0]), []).append(pid)
    seen, todo = set(), [str(r) for r in roots]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        todo.extend(kids.get(p, []))
    return seen


def others(before, after, roots):
    """Per command: CPU ticks of processes outside `roots` and their descendants."""
    mine = descendants(after, roots) | descendants(before, roots) | {"_t"}
    per = {}
    for pid, s in after.items():
        if pid in mine:
            continue
        b = before.get(pid)
        if b and b[3] == s[3]:
            d = (s[1] - b[1]) + (s[2] - b[2])
        elif s[3] >= before["_t"] - 1:
            d = s[1] + s[2]  # started during the step
        else:
            continue  # missed by the first snapshot (it raced with /proc): unknown, not counted
        per[short(s[4])] = per.get(short(s[4]), 0) + d
    # A process that ended during the step moved its whole life's CPU into its parent's
    # children time; what it used before the step is not the step's.
    for pid, b in before.items():
        if pid == "_t":
            continue
        a = after.get(pid)
        if pid in mine or (a and a[3] == b[3]):
            continue
        parent = after.get(str(b[0]))
        if parent and str(b[0]) not in mine:
            name = short(parent[4])
            per[name] = per.get(name, 0) - (b[1] + b[2])
    return {k: max(v, 0) for k, v in per.items()}


def cmd_procs(out):
    with open(out, "w") as f:
        json.dump(snapshot(), f)


def cmd_others(before_file, after_file, *roots):
    hz = os.sysconf("SC_CLK_TCK")
    with open(before_file) as f:
        before = json.load(f)
    with open(after_file) as f:
        after = json.load(f)
    per = others(before, after, roots)
    total = sum(per.values()) / hz
    top = sorted(per.items(), key=lambda kv: -kv[1])[:3]
    tops = "; ".join(f"{name} {ticks / hz:.1f}s" for name, ticks in top if ticks / hz >= 0.1)
    print(f"{total:.2f}\t{tops or '-'}")


def cmd_quiet(secs, maxpct, *roots):
    hz = os.sysconf("SC_CLK_TCK")
    deadline = time.time() + float(secs)
    while True:
        a = snapshot()
        time.sleep(1)
        b = snapshot()
        per = others(a, b, roots)
        pct = 100 * sum(per.values()) / hz
        top = sorted(per.items(), key=lambda kv: -kv[1])[:2]
        if pct < float(maxpct) or time.time() >= deadline:
            print(f"{pct:.0f}\t" + "; ".join(f"{n} {100 * t / hz:.0f}%" for n, t in top if t))
            return


def cmd_server_cpu(pid):
    procs = snapshot()
    ticks = 0
    for p in descendants(procs, [pid]) - {"_t"}:
        s = procs.get(p)
        if s:
            ticks += s[1] + (s[2] if p == str(pid) else 0)
    print(ticks)


def cmd_server_rss(pid):
    """One process: its peak RSS (VmHWM). Several (Postfix): the sum of their PSS now, since
    summing RSS would count the shared pages of 20-odd smtpd processes 20-odd times."""
    procs = snapshot()
    pids = descendants(procs, [pid]) - {"_t"}
    kb = 0
    for p in pids:
        field, path = ("VmHWM:", "status") if len(pids) == 1 else ("Pss:", "smaps_rollup")
        try:
            with open(f"/proc/{p}/{path}") as f:
                for line in f:
                    if line.startswith(field):
                        kb += int(line.split()[1])
        except OSError:
            pass
    print(kb)


# --------------------------------------------------------------------------- report

def cmd_report(runs_tsv):
    rows = []
    with open(runs_tsv) as f:
        for line in f:
            rows.append(dict(kv.split("=", 1) for kv in line.rstrip("\n").split("\t") if "=" in kv))
    senders = []
    for r in rows:
        if r["sender"] not in senders:
            senders.append(r["sender"])
    for snd in senders:
        rs = [r for r in rows if r["sender"] == snd]
        has_lat = any(r.get("p99_ms", "-") != "-" for r in rs)
        print(f"Sender: {snd}")
        print()
        print("| peer | round | mails | seconds | mails/s | server CPU s | server CPU % | peak RSS MiB ¹ | sender CPU s |"
              + (" p50 ms | p99 ms | p99.9 ms | max ms |" if has_lat else "") + " others' CPU s |")
        print("|---|--:|--:|--:|--:|--:|--:|--:|--:|" + ("--:|--:|--:|--:|" if has_lat else "") + "--:|")
        for r in rs:
            secs = float(r["wall_s"])
            mails = int(r["mails"])
            lat = (f" {r['p50_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']} |" if has_lat else "")
            print(f"| {r['peer']} | {r['round']} | {fmt_int(mails)} | {secs:.2f} | {fmt_int(mails / secs)} | "
                  f"{float(r['server_cpu_s']):.2f} | {100 * float(r['server_cpu_s']) / secs:.0f}% | "
                  f"{int(r['server_rss_kb']) / 1024:.1f} | {float(r['sender_cpu_s']):.2f} |{lat} "
                  f"{float(r['others_cpu_s']):.2f} |")
        print()
        peers = []
        for r in rs:
            if r["peer"] not in peers:
                peers.append(r["peer"])
        med = {}
        for p in peers:
            pr = [r for r in rs if r["peer"] == p]
            med[p] = {
                "n": len(pr),
                "secs": statistics.median(float(r["wall_s"]) for r in pr),
                "rate": statistics.median(int(r["mails"]) / float(r["wall_s"]) for r in pr),
                "cpu": statistics.median(float(r["server_cpu_s"]) for r in pr),
                "rss": statistics.median(int(r["server_rss_kb"]) / 1024 for r in pr),
                "p99": statistics.median(float(r["p99_ms"]) for r in pr) if has_lat else None,
                "p50": statistics.median(float(r["p50_ms"]) for r in pr) if has_lat else None,
                "version": pr[0]["version"],
            }
        print("| peer | version | rounds | median s | median mails/s | median server CPU s | median peak RSS MiB ¹ |"
              + (" median p50 ms | median p99 ms |" if has_lat else "") + " mails/s vs Postfix |")
        print("|---|---|--:|--:|--:|--:|--:|" + ("--:|--:|" if has_lat else "") + "--:|")
        pf = med.get("postfix")
        for p in peers:
            m = med[p]
            ratio = f"{m['rate'] / pf['rate']:.2f}x" if pf else "-"
            lat = f" {m['p50']:.2f} | {m['p99']:.2f} |" if has_lat else ""
            print(f"| {p} | {m['version']} | {m['n']} | {m['secs']:.2f} | {fmt_int(m['rate'])} | {m['cpu']:.2f} | "
                  f"{m['rss']:.1f} |{lat} {ratio} |")
        if pf and "mailward" in med:
            per_round = []
            for rnd in sorted({r["round"] for r in rs}, key=int):
                a = [r for r in rs if r["round"] == rnd and r["peer"] == "mailward"]
                b = [r for r in rs if r["round"] == rnd and r["peer"] == "postfix"]
                if a and b:
                    per_round.append(float(b[0]["wall_s"]) / float(a[0]["wall_s"]))
            print()
            print(f"mailward mails/s / Postfix mails/s: {med['mailward']['rate'] / pf['rate']:.2f}x (medians); "
                  f"per round: {', '.join(f'{x:.2f}x' for x in per_round)}")
        print()
        print("¹ mailward: peak RSS of the process (VmHWM); Postfix: PSS summed over its processes at the end of the step.")
        print()


def main(argv):
    cmd, args = argv[0], argv[1:]
    fn = {
        "greeting": cmd_greeting,
        "procs": cmd_procs,
        "others": cmd_others,
        "quiet": cmd_quiet,
        "server-cpu": cmd_server_cpu,
        "server-rss": cmd_server_rss,
        "report": cmd_report,
    }.get(cmd)
    if fn is None:
        sys.exit(f"unknown subcommand {cmd}")
    fn(*args)


if __name__ == "__main__":
    main(sys.argv[1:])
