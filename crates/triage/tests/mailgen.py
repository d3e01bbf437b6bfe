"""Byte-level helpers shared by the triage corpus generators.

Used by corpus/generate.py, corpus-fresh/generate.py and corpus-fresh2/generate.py
(Python 3.11+, standard library only). Everything here is deterministic: no clock,
no `random` module, no hash randomisation. Only helpers that behave identically in
every generator live here; whatever differs between the corpora (texts, labels,
the data model, message assembly, time windows, attachment payloads) stays in each
generator. A change here changes the bytes of all three corpora: rerun every
generator and compare the sha256 of the output trees before committing.
"""

from __future__ import annotations

import base64
import email
import email.header
import email.policy
import hashlib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

# ---------------------------------------------------------------------------
# deterministic pseudo-random numbers (SHA-256 in counter mode)
# ---------------------------------------------------------------------------


class Rng:
    """Small, version-independent PRNG: SHA-256(SEED | parts | counter).

    Exists because `random` may change between Python versions and the corpora must
    stay byte-identical. Do not use this class directly: `seeded` binds SEED.
    """

    SEED: str

    def __init__(self, *seed: object):
        self.key = (self.SEED + "|" + "|".join(str(s) for s in seed)).encode("utf-8")
        self.n = 0
        self.buf = b""

    def _bytes(self, k: int) -> bytes:
        """The next k bytes of the SHA-256 counter stream."""
        while len(self.buf) < k:
            self.buf += hashlib.sha256(self.key + self.n.to_bytes(8, "big")).digest()
            self.n += 1
        out, self.buf = self.buf[:k], self.buf[k:]
        return out

    def below(self, n: int) -> int:
        """Uniform integer in [0, n) by rejection."""
        assert n > 0
        bits = max(1, (n - 1).bit_length())
        nbytes = (bits + 7) // 8
        while True:
            v = int.from_bytes(self._bytes(nbytes), "big") & ((1 << bits) - 1)
            if v < n:
                return v

    def randint(self, a: int, b: int) -> int:
        """Uniform integer in [a, b], like random.randint."""
        return a + self.below(b - a + 1)

    def random(self) -> float:
        """Uniform float in [0, 1) from 56 bits."""
        return int.from_bytes(self._bytes(7), "big") / float(1 << 56)

    def chance(self, p: float) -> bool:
        """True with probability p."""
        return self.random() < p

    def choice(self, seq):
        """One element of seq, uniformly."""
        return seq[self.below(len(seq))]

    def shuffle(self, seq: list) -> list:
        """Fisher-Yates shuffle in place; returns seq for chaining."""
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]
        return seq

    def sample(self, seq, k: int) -> list:
        """k distinct elements of seq in random order."""
        return self.shuffle(list(seq))[:k]


def seeded(seed: str) -> tuple[type[Rng], Callable[[str], int]]:
    """The Rng class and the stable_hash function of one corpus, bound to its seed string.

    Each generator has its own SEED; binding it once here keeps every call site
    (`Rng("part", key)`, `stable_hash(text)`) as it was when the helpers were local.
    """

    class SeededRng(Rng):
        SEED = seed

    SeededRng.__name__ = SeededRng.__qualname__ = "Rng"

    def stable_hash(s: str) -> int:
        """A 64-bit number from SHA-256(SEED # s): a per-string choice that does not depend on call order."""
        return int.from_bytes(hashlib.sha256((seed + "#" + s).encode("utf-8")).digest()[:8], "big")

    return SeededRng, stable_hash


# ---------------------------------------------------------------------------
# charsets (checked round trips; characters that legacy decoders map
# differently - WAVE DASH vs FULLWIDTH TILDE and friends - force UTF-8)
# ---------------------------------------------------------------------------

DIVERGENT = set("〜～−－‖∥¢£¬—―￠￡￢\\¥")


def legacy_bytes(s: str, label: str) -> bytes | None:
    """s in a Japanese legacy charset, or None where that charset cannot carry it exactly.

    Exists so that a mail is only written in ISO-2022-JP / Shift_JIS / EUC-JP when every
    decoder gives the same text back; otherwise the caller falls back to UTF-8.
    """
    if any(ch in DIVERGENT for ch in s):
        return None
    codec = {"ISO-2022-JP": "iso2022_jp", "Shift_JIS": "cp932", "EUC-JP": "euc_jp"}[label]
    try:
        b = s.encode(codec)
    except UnicodeEncodeError:
        return None
    if b.decode(codec) != s:
        return None
    if label == "Shift_JIS":
        # must also be plain Shift_JIS-compatible (no NEC/IBM extension rows)
        try:
            if s.encode("shift_jis") != b:
                return None
        except UnicodeEncodeError:
            return None
    return b


def encode_text(s: str, label: str) -> bytes:
    """s in the charset named by a MIME label; asserts that a legacy charset can carry it."""
    if label == "UTF-8":
        return s.encode("utf-8")
    if label == "US-ASCII":
        return s.encode("ascii")
    b = legacy_bytes(s, label)
    assert b is not None, (label, s)
    return b


def is_ascii(s: str) -> bool:
    """True where a header value or file name can be written as is, without RFC 2047/2231."""
    return all(ord(c) < 0x80 for c in s)


# ---------------------------------------------------------------------------
# RFC 2047 encoded words and header folding
# ---------------------------------------------------------------------------


def b_word(raw: bytes, label: str) -> str:
    """One RFC 2047 B encoded word around bytes already in charset `label`."""
    return f"=?{label}?B?{base64.b64encode(raw).decode('ascii')}?="


def ew_b(s: str, label: str) -> list[str]:
    """Greedy RFC 2047 B words of at most 75 chars, split between characters."""
    words, start = [], 0
    while start < len(s):
        end = start + 1
        while end < len(s) and len(b_word(encode_text(s[start:end + 1], label), label)) <= 75:
            end += 1
        w = b_word(encode_text(s[start:end], label), label)
        assert len(w) <= 75, w
        words.append(w)
        start = end
    return words


def ew_q(s: str, label: str) -> list[str]:
    """RFC 2047 Q words (only [A-Za-z0-9] literal), at most 75 chars each, split between characters.

    Refuses ISO-2022-JP: per-character Q words of a stateful charset would each carry
    their own escape sequences (the generators only ever ask for UTF-8 here).
    """
    head, tail = f"=?{label}?Q?", "?="
    words, cur = [], ""
    for ch in s:
        raw = encode_text(ch, label) if label != "ISO-2022-JP" else None
        if raw is None:
            raise ValueError("Q words are only written for UTF-8 / Shift_JIS / EUC-JP")
        t = "".join("_" if c == 0x20 else (chr(c) if c < 0x80 and chr(c).isalnum() else f"={c:02X}")
                    for c in raw)
        if len(head) + len(cur) + len(t) + len(tail) > 75:
            words.append(head + cur + tail)
            cur = ""
        cur += t
    words.append(head + cur + tail)
    return words


def fold(name: str, tokens: list[str]) -> str:
    """A header line `name: tok tok ...`, folded (LF + space) before 78 columns."""
    lines = [f"{name}:"]
    for t in tokens:
        if len(lines[-1]) + 1 + len(t) > 78 and lines[-1] != f"{name}:":
            lines.append(" " + t)
        else:
            lines[-1] += " " + t
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# transfer encodings and MIME parts
# ---------------------------------------------------------------------------


def qp_encode(raw: bytes) -> str:
    """Quoted-printable by hand (soft breaks before 76 columns), so no library version changes the bytes."""
    out = []
    for line in raw.split(b"\n"):
        cur = ""
        for i, c in enumerate(line):
            last = i == len(line) - 1
            if (0x21 <= c <= 0x7E and c != 0x3D) or (c == 0x20 and not last):
                t = chr(c)
            else:
                t = f"={c:02X}"
            if len(cur) + len(t) > 75:
                out.append(cur + "=")
                cur = ""
            cur += t
        out.append(cur)
    return "\n".join(out)


def b64_encode(raw: bytes) -> str:
    """Base64 body text in 76-column lines, as mailers write it."""
    return base64.encodebytes(raw).decode("ascii")


# a sender's mailer setting -> (charset label, Content-Transfer-Encoding)
ENC_LABEL = {"jis": ("ISO-2022-JP", "7bit"), "sjis": ("Shift_JIS", "8bit"), "euc": ("EUC-JP", "8bit"),
             "u8b": ("UTF-8", "base64"), "u8q": ("UTF-8", "quoted-printable"), "u88": ("UTF-8", "8bit"),
             "ascii": ("US-ASCII", "7bit")}


def effective_enc(enc: str, text: str) -> str:
    """Text a legacy charset cannot carry falls back to UTF-8 base64, as real mailers do."""
    label, _ = ENC_LABEL[enc]
    if enc == "ascii":
        return "ascii" if is_ascii(text) else "u8q"
    if label in ("ISO-2022-JP", "Shift_JIS", "EUC-JP") and legacy_bytes(text, label) is None:
        return "u8b"
    return enc


def header_words(s: str, enc: str) -> list[str]:
    """Encoded words for a header value in the charset the mailer used for the body."""
    if is_ascii(s):
        return s.split(" ") if s else [""]
    label, _ = ENC_LABEL[enc]
    if label in ("ISO-2022-JP", "Shift_JIS", "EUC-JP") and legacy_bytes(s, label) is not None:
        return ew_b(s, label)
    if enc == "u8q":
        return ew_q(s, "UTF-8")
    return ew_b(s, "UTF-8")


def text_part(text: str, enc: str) -> tuple[list[str], bytes]:
    """Headers and body of a text/plain part in the sender's charset and transfer encoding."""
    e = effective_enc(enc, text)
    label, cte = ENC_LABEL[e]
    raw = encode_text(text, label)
    if cte == "base64":
        body = b64_encode(raw).encode("ascii")
    elif cte == "quoted-printable":
        body = qp_encode(raw).encode("ascii")
    else:
        body = raw
    return [f"Content-Type: text/plain; charset={label}", f"Content-Transfer-Encoding: {cte}"], body


def html_part(html: str) -> tuple[list[str], bytes]:
    """Headers and body of a text/html part: always UTF-8 quoted-printable."""
    return (["Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
            qp_encode(html.encode("utf-8")).encode("ascii"))


@dataclass
class Attachment:
    """One attached file of a message (the same shape in every corpus)."""
    filename: str
    ctype: str
    data: bytes


def attachment_part(a: Attachment) -> tuple[list[str], bytes]:
    """Headers and base64 body of an attachment; a non-ASCII name gets RFC 2231 + an RFC 2047 `name`.

    corpus-fresh2 keeps its own, stricter copy (it refuses non-ASCII file names).
    """
    if is_ascii(a.filename):
        disp = f'Content-Disposition: attachment; filename="{a.filename}"'
        ct = f'Content-Type: {a.ctype}; name="{a.filename}"'
    else:
        pct = "".join(chr(c) if (chr(c).isalnum() and c < 0x80) or chr(c) in "._-" else f"%{c:02X}"
                      for c in a.filename.encode("utf-8"))
        disp = f"Content-Disposition: attachment;\n filename*=UTF-8''{pct}"
        ct = f'Content-Type: {a.ctype};\n name="{ew_b(a.filename, "UTF-8")[0]}"'
    return [ct, "Content-Transfer-Encoding: base64", disp], b64_encode(a.data).encode("ascii")


def mime_message(head: list[str], parts: list[tuple[list[str], bytes]], m, boundary: str) -> bytes:
    """Header lines + MIME parts -> the message bytes (LF line ends, no CR anywhere).

    A single part without attachments goes inline into the header; text + HTML becomes
    multipart/alternative, anything with attachments multipart/mixed. The boundary comes from
    the caller: each corpus imitates other mailers. `m` needs .text, .html and .attachments.
    """
    if len(parts) == 1 and not m.attachments:
        head = head + parts[0][0]
        body = parts[0][1]
    else:
        subtype = "alternative" if (m.text is not None and m.html is not None and not m.attachments) else "mixed"
        head = head + [f'Content-Type: multipart/{subtype};\n boundary="{boundary}"']
        body = b"This is a multi-part message in MIME format.\n"
        for hdrs, payload in parts:
            body += f"\n--{boundary}\n".encode() + "\n".join(hdrs).encode() + b"\n\n" + payload
            if not body.endswith(b"\n"):
                body += b"\n"
        body += f"\n--{boundary}--\n".encode()
    data = "\n".join(head).encode("ascii") + b"\n\n" + body
    if not data.endswith(b"\n"):
        data += b"\n"
    assert b"\r" not in data
    return data


def verify(s, m, data: bytes) -> None:
    """Independent check with the standard `email` parser: what a decoder must give back.

    Exists so that the hand-assembled bytes are proven to decode to the texts and labels
    written in the generator. `s` needs .address and .name; `m` .subject, .text, .html
    and .attachments (Attachment objects).
    """
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert str(msg["Subject"] or "") == m.subject, (s.address, str(msg["Subject"]), m.subject)
    fa = msg["From"].addresses[0]
    assert fa.addr_spec == s.address, (fa.addr_spec, s.address)
    # display names: decode_header joins adjacent encoded words as RFC 2047 says (the address
    # parser of policy.default keeps the folding space between them)
    raw_from = email.message_from_bytes(data)["From"]
    decoded = str(email.header.make_header(email.header.decode_header(raw_from)))
    want = s.address if s.name is None else (f'"{s.name}" <{s.address}>' if is_ascii(s.name)
                                              else f"{s.name} <{s.address}>")
    assert decoded.replace("\n", "") == want, (decoded, want)
    texts, htmls, atts = [], [], []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            atts.append((part.get_filename(), part.get_content_type(), part.get_payload(decode=True)))
        elif part.get_content_type() == "text/plain":
            texts.append(part.get_content())
        elif part.get_content_type() == "text/html":
            htmls.append(part.get_content())
    assert texts == ([m.text] if m.text is not None else []), (s.address, texts[:1], (m.text or "")[:80])
    assert htmls == ([m.html] if m.html is not None else []), s.address
    assert atts == [(a.filename, a.ctype, a.data) for a in m.attachments], s.address


# ---------------------------------------------------------------------------
# time (all times are Asia/Tokyo local time, written as +0900)
# ---------------------------------------------------------------------------

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
JWD = "月火水木金土日"


def asctime(t: datetime) -> str:
    """The asctime date of an mbox `From ` separator line (English names, independent of the locale)."""
    return f"{DAYS[t.weekday()]} {MONTHS[t.month - 1]} {t.day:2d} {t:%H:%M:%S} {t.year}"


def rfc5322(t: datetime) -> str:
    """An RFC 5322 Date header value in JST (English names, independent of the locale)."""
    return f"{DAYS[t.weekday()]}, {t.day} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} +0900"


def jd(t: datetime) -> str:
    """A Japanese date as written in mail texts: 11月3日（火）."""
    return f"{t.month}月{t.day}日（{JWD[t.weekday()]}）"


def spread(rng: Rng, start: datetime, hours: float, n: int) -> list[datetime]:
    """n sorted receive times uniformly inside [start, start+hours)."""
    secs = int(hours * 3600)
    return sorted(start + timedelta(seconds=rng.below(secs)) for _ in range(n))


# ---------------------------------------------------------------------------
# volume checks (labels are checked against the real receive times)
# ---------------------------------------------------------------------------


def peaks(times: list[datetime]) -> tuple[int, int]:
    """(largest count in any 1-hour window, largest count in any 24-hour window)."""
    ts = sorted(times)

    def peak(width: timedelta) -> int:
        best, j = 0, 0
        for i in range(len(ts)):
            while ts[i] - ts[j] >= width:
                j += 1
            best = max(best, i - j + 1)
        return best

    return peak(timedelta(hours=1)), peak(timedelta(hours=24))


def max_addrs_24h(events: list[tuple[datetime, str]]) -> int:
    """The most distinct addresses seen in any 24-hour window of (time, address) events.

    The domain-level check of labels.json ("max_addresses_24h") for a mail bomb spread over many
    addresses. A sliding window that counts how often each address is inside it.
    """
    tagged = sorted(events)
    live: dict[str, int] = {}
    most, j = 0, 0
    for i in range(len(tagged)):
        live[tagged[i][1]] = live.get(tagged[i][1], 0) + 1
        while tagged[i][0] - tagged[j][0] >= timedelta(hours=24):
            live[tagged[j][1]] -= 1
            if not live[tagged[j][1]]:
                del live[tagged[j][1]]
            j += 1
        most = max(most, len(live))
    return most


# ---------------------------------------------------------------------------
# mail texts
# ---------------------------------------------------------------------------


def tx(s: str) -> str:
    """A mail body written indented in a generator: dedent, one trailing newline."""
    return textwrap.dedent(s).strip("\n") + "\n"


def quote(text: str, mark: str = "> ") -> str:
    """Quote lines of an earlier mail the way mailers do (an empty line gets the bare mark)."""
    return "".join(f"{mark}{ln}\n" if ln else mark.rstrip() + "\n" for ln in text.rstrip("\n").split("\n"))


# ---------------------------------------------------------------------------
# mboxrd
# ---------------------------------------------------------------------------

FROM_LINE = re.compile(rb"^>*From ")


def mboxrd(envelope: str, when: datetime, data: bytes) -> bytes:
    """One message as an mboxrd entry: separator line, `>`-quoted `From ` lines, blank line after."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines = lines[:-1]
    out = [f"From {envelope} {asctime(when)}".encode("ascii")]
    for ln in lines:
        out.append(b">" + ln if FROM_LINE.match(ln) else ln)
    return b"\n".join(out) + b"\n\n"


def split_mboxrd(blob: bytes) -> list[tuple[str, str, bytes]]:
    """Reader for the self-check: separator = `From ` line at the start or after an empty line."""
    out, cur, prev_blank = [], None, True
    for ln in blob.split(b"\n")[:-1]:
        if prev_blank and ln.startswith(b"From "):
            if cur:
                out.append(cur)
            env, _, date = ln[5:].decode().partition(" ")
            cur = [env, date, []]
        else:
            cur[2].append(ln[1:] if FROM_LINE.match(ln) and ln.startswith(b">") else ln)
        prev_blank = ln == b""
    out.append(cur)
    res = []
    for env, date, lines in out:
        assert lines[-1] == b""
        res.append((env, date, b"\n".join(lines[:-1]) + b"\n"))
    return res
