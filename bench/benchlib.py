"""Process accounting and formatting shared by the benchmark helpers (bench/*_helper.py)."""

import os


def read_stat(pid):
    """(ppid, own ticks, reaped children's ticks, command line) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode(errors="replace")
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return None
    rest = raw[raw.rindex(")") + 2:].split()
    # fields after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17) ... starttime(22)
    ppid = int(rest[1])
    own = int(rest[11]) + int(rest[12])
    kids = int(rest[13]) + int(rest[14])
    start = int(rest[19])
    if not cmd:
        cmd = "[" + raw[raw.index("(") + 1:raw.rindex(")")] + "]"
    return ppid, own, kids, start, cmd


def short(cmd):
    words = cmd.split()
    if not words:
        return cmd
    first = os.path.basename(words[0])
    if first in ("bash", "sh", "python3", "python") and len(words) > 1:
        return first + " " + " ".join(words[1:3])
    return " ".join([first] + words[1:3])[:80]


def fmt_int(x):
    return f"{int(round(x)):,}"
