#!/usr/bin/env python3
"""Deterministic generator for the Japanese mail decoding corpus.

Run `python3 generate.py` (Python 3.11+, standard library only). It rewrites
every NAME.eml / NAME.expected.json in this folder, byte-identical on every
run: all dates, Message-IDs and MIME boundaries are fixed literals and the
messages are assembled by hand as bytes (the `email` package is not used to
generate anything, so nothing random or time-dependent can leak in).

Expected values are the Python `str` objects that were encoded, i.e. what a
correct decoder must give back - never what some library happens to decode.
See README.md for the field list and the charset conventions.
"""

from __future__ import annotations

import base64
import json
import pathlib
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
ESC = b"\x1b"
MAX_FILE = 8 * 1024

# ---------------------------------------------------------------------------
# charset encoders (every one checks that decoding gives the exact str back)
# ---------------------------------------------------------------------------


def sjis_pair_to_jis(lead: int, trail: int) -> tuple[int, int]:
    """Shift_JIS double byte -> JIS row/cell bytes (0x21..0x7E each)."""
    if lead >= 0xE0:
        lead -= 0x40
    row = (lead - 0x81) * 2 + 0x21
    if trail >= 0x9F:
        row += 1
        cell = trail - 0x9F + 0x21
    else:
        cell = trail - 0x40 + 0x21 - (1 if trail >= 0x80 else 0)
    return row, cell


def jis_pair_to_sjis(row: int, cell: int) -> tuple[int, int]:
    if row % 2:
        trail = cell + 0x1F + (1 if cell >= 0x60 else 0)
    else:
        trail = cell + 0x7E
    lead = (row - 0x21) // 2 + 0x81
    if lead >= 0xA0:
        lead += 0x40
    return lead, trail


def enc_cp932(s: str) -> bytes:
    b = s.encode("cp932")
    assert b.decode("cp932") == s, f"cp932 does not round-trip: {s!r}"
    return b


def enc_sjis_strict(s: str) -> bytes:
    """Plain JIS X 0208 Shift_JIS: identical bytes under 'shift_jis' and 'cp932'."""
    b = s.encode("shift_jis")
    assert b.decode("shift_jis") == s and b.decode("cp932") == s, s
    return b


def enc_cp50220(s: str) -> bytes:
    """CP50220-compatible ISO-2022-JP (what Outlook / ISO-2022-JP-MS emit).

    Python has no cp50220/cp50221 codec, so: encode with Python 'cp932', then
    turn every double-byte Shift_JIS code into its JIS row/cell under
    ESC $ B. NEC row 13 (①, ㈱ ...) lands in row 13 and the NEC-selected IBM
    extensions (0xED/0xEE lead: 髙, 﨑 ...) in rows 89-92, exactly as
    Microsoft's CP50220/CP50221 encoders do. Half-width kana, user-defined
    area (0xF0-0xF9) and IBM extensions (0xFA-0xFC) are refused.
    """
    raw = enc_cp932(s)
    out = bytearray()
    jis = False
    i = 0
    while i < len(raw):
        c = raw[i]
        if c < 0x80:
            if jis:
                out += ESC + b"(B"
                jis = False
            out.append(c)
            i += 1
            continue
        assert 0x81 <= c <= 0x9F or 0xE0 <= c <= 0xEF, f"unsupported cp932 lead {c:#x} in {s!r}"
        row, cell = sjis_pair_to_jis(c, raw[i + 1])
        assert 0x21 <= row <= 0x7E and 0x21 <= cell <= 0x7E
        if not jis:
            out += ESC + b"$B"
            jis = True
        out += bytes((row, cell))
        i += 2
    if jis:
        out += ESC + b"(B"
    b = bytes(out)
    assert dec_cp50221(b) == s
    return b


def dec_cp50221(b: bytes) -> str:
    """Self-check decoder: ESC $ B pairs -> Shift_JIS -> Python 'cp932'."""
    sj = bytearray()
    jis = False
    i = 0
    while i < len(b):
        if b[i] == 0x1B:
            seq = b[i : i + 3]
            jis = seq in (ESC + b"$B", ESC + b"$@")
            assert seq in (ESC + b"$B", ESC + b"$@", ESC + b"(B", ESC + b"(J")
            i += 3
        elif jis:
            sj += bytes(jis_pair_to_sjis(b[i], b[i + 1]))
            i += 2
        else:
            sj.append(b[i])
            i += 1
    return bytes(sj).decode("cp932")


# Windows' own cp932 encoder writes these two as IBM extension codes
# (0xFA-0xFC lead), where Python's 'cp932' picks the NEC-selected copies.
IBM_EXT = {"髙": b"\xfb\xfc", "﨑": b"\xfa\xb1"}


def enc_cp932_ibm(s: str) -> bytes:
    b = b"".join(IBM_EXT.get(ch) or ch.encode("cp932") for ch in s)
    assert b.decode("cp932") == s
    return b


def enc_iso2022jp(s: str) -> bytes:
    b = s.encode("iso2022_jp")
    assert b.decode("iso2022_jp") == s
    return b


def enc_eucjp(s: str) -> bytes:
    b = s.encode("euc_jp")
    assert b.decode("euc_jp") == s
    return b


def enc_utf8(s: str) -> bytes:
    return s.encode("utf-8")


# How the bytes for each charset label are produced (quoted in the notes).
CODEC = {
    "ISO-2022-JP": enc_iso2022jp,
    "iso-2022-jp": enc_iso2022jp,
    "ISO-2022-JP-MS": enc_cp50220,
    "cp932": enc_cp932,
    "x-sjis": enc_cp932,
    "windows-31j": enc_cp932,
    "Shift_JIS": enc_cp932,
    "Shift_JIS+IBM": enc_cp932_ibm,
    "EUC-JP": enc_eucjp,
    "UTF-8": enc_utf8,
}

# ---------------------------------------------------------------------------
# RFC 2047 / 2231 helpers
# ---------------------------------------------------------------------------


def b_word_bytes(raw: bytes, label: str) -> str:
    return f"=?{label}?B?{base64.b64encode(raw).decode('ascii')}?="


def b_word(s: str, label: str, codec: str | None = None) -> str:
    w = b_word_bytes(CODEC[codec or label](s), label)
    assert len(w) <= 75, w
    return w


def ew(s: str, label: str, codec: str | None = None) -> list[str]:
    """Greedy: as many whole characters per self-contained encoded word as fit in 75."""
    words, start = [], 0
    while start < len(s):
        end = start + 1
        while end < len(s) and len(b_word_bytes(CODEC[codec or label](s[start : end + 1]), label)) <= 75:
            end += 1
        words.append(b_word(s[start:end], label, codec))
        start = end
    return words


def b_words(s: str, label: str, chunk: int, codec: str | None = None) -> list[str]:
    """Self-contained encoded words, split on character boundaries."""
    return [b_word(s[i : i + chunk], label, codec) for i in range(0, len(s), chunk)]


Q_SAFE = set(range(0x21, 0x7F)) - {ord("="), ord("?"), ord("_")}


def q_words(s: str, label: str, literal_ascii: bool) -> list[str]:
    """Q-encode s (charset from CODEC[label]) into words of <= 75 chars,
    splitting only between characters.

    literal_ascii=False: only [A-Za-z0-9] stay literal (what most mailers do).
    literal_ascii=True: every printable byte except = ? _ stays literal, so
    Shift_JIS trail bytes such as '@' (0x40) and '\\' (0x5C) appear as-is.
    """
    def q(raw: bytes) -> str:
        out = ""
        for c in raw:
            if c == 0x20:
                out += "_"
            elif (literal_ascii and c in Q_SAFE) or (c < 0x80 and chr(c).isalnum()):
                out += chr(c)
            else:
                out += f"={c:02X}"
        return out

    head, tail = f"=?{label}?Q?", "?="
    words, cur = [], ""
    for ch in s:
        t = q(CODEC[label](ch))
        if len(head) + len(cur) + len(t) + len(tail) > 75:
            words.append(head + cur + tail)
            cur = ""
        cur += t
    words.append(head + cur + tail)
    assert b"".join(CODEC[label](ch) for ch in s) == CODEC[label](s)
    return words


def header(name: str, tokens: list[str]) -> str:
    """Join tokens with single spaces, folding (LF + space) before 78 cols."""
    lines = [f"{name}:"]
    for t in tokens:
        if len(lines[-1]) + 1 + len(t) > 78 and lines[-1] != f"{name}:":
            lines.append(" " + t)
        else:
            lines[-1] += " " + t
    return "\n".join(lines)


def qp_body(raw: bytes) -> str:
    """Quoted-printable with soft breaks wherever a line would pass 76 cols
    (so they fall in the middle of multi-byte characters)."""
    out = []
    for line in raw.split(b"\n"):
        cur = ""
        for c in line:
            t = chr(c) if (0x21 <= c <= 0x7E and c != 0x3D) else f"={c:02X}"
            if len(cur) + len(t) > 75:
                out.append(cur + "=")
                cur = ""
            cur += t
        out.append(cur)
    return "\n".join(out)


def b64_body(raw: bytes) -> str:
    return base64.encodebytes(raw).decode("ascii")


def rfc2231_pct(raw: bytes) -> str:
    return urllib.parse.quote(raw, safe="")


# ---------------------------------------------------------------------------
# message assembly
# ---------------------------------------------------------------------------

SAMPLES: list[tuple[str, bytes, dict]] = []


def common(idx: int, frm: str | bytes, to: str, subject: str | bytes, mid_domain: str) -> list:
    return [
        frm if isinstance(frm, bytes) else frm,
        f"To: {to}",
        subject,
        f"Date: Tue, 14 Jan 2025 {9 + idx // 6:02d}:{(idx * 7) % 60:02d}:00 +0900",
        f"Message-ID: <jp-corpus-{idx:02d}.20250114@{mid_domain}>",
    ]


def assemble(head: list, body: bytes) -> bytes:
    parts = []
    for h in head:
        parts.append(h if isinstance(h, bytes) else h.encode("ascii"))
    return b"\n".join(parts) + b"\n\n" + body


def add(
    name: str,
    head: list,
    body: bytes,
    *,
    crlf: bool,
    subject: str,
    from_name: str | None,
    from_address: str,
    text: str,
    text_contains: list[str],
    attachments: list[dict] | None = None,
    note: str,
):
    data = assemble(head, body)
    assert b"\r" not in data
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    assert len(data) < MAX_FILE, (name, len(data))
    assert 1 <= len(text_contains) <= 3
    for t in text_contains:
        assert t in text and "\n" not in t, (name, t)
    ending = "CRLF line endings" if crlf else "bare LF line endings"
    exp = {
        "subject": subject,
        "from_name": from_name,
        "from_address": from_address,
        "text_contains": text_contains,
        "attachments": attachments or [],
        "note": f"{note} File uses {ending}.",
    }
    SAMPLES.append((name, data, exp))


# ---------------------------------------------------------------------------
# the samples
# ---------------------------------------------------------------------------


def s01():
    subj = "【至急】回答期限は本日15時とします"
    name, addr = "山田 太郎", "t.yamada@example.ne.jp"
    text = (
        "中央区役所 区民課 御中\n\n"
        "先日お送りしたメールへの回答がまだありません。\n"
        "住民票の写しの交付が遅れた件について、説明を求めます。\n\n"
        "回答期限は本日15時とします。\n"
        "期限までに回答がない場合は、区長室に直接電話します。\n\n"
        "山田 太郎\n"
    )
    head = common(1, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "kuminka@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP")), "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=ISO-2022-JP",
             "Content-Transfer-Encoding: 7bit"]
    add("01_iso2022jp_classic", head, enc_iso2022jp(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["回答期限は本日15時とします。", "住民票の写しの交付が遅れた件について、説明を求めます。"],
        note="Classic Japanese mailer form: Subject and From display name as RFC 2047 B encoded words "
             "labelled ISO-2022-JP, body text/plain; charset=ISO-2022-JP, 7bit, raw ESC $ B / ESC ( B "
             "sequences with ASCII digits switching back and forth. Bytes from Python codec 'iso2022_jp'.")


def s02():
    subj = "粗大ごみの収集日についての問い合わせ"
    name, addr = "鈴木 花子", "hanako.suzuki@example.co.jp"
    text = (
        "港北区役所 資源循環課 ご担当者様\n\n"
        "いつもお世話になっております。\n"
        "粗大ごみの収集について教えていただきたく、ご連絡いたしました。\n"
        "タンスとベッドを出したいのですが、申し込みはインターネットからでも可能でしょうか。\n\n"
        "お忙しいところ恐れ入りますが、よろしくお願いいたします。\n"
        "鈴木 花子\n"
    )
    head = common(2, header("From", ew(name, "iso-2022-jp") + [f"<{addr}>"]),
                  "shigen@city.example.lg.jp",
                  header("Subject", ew(subj, "iso-2022-jp")), "example.co.jp")
    head += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="iso-2022-jp"',
             "Content-Transfer-Encoding: 7bit"]
    add("02_iso2022jp_lowercase_label", head, enc_iso2022jp(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["申し込みはインターネットからでも可能でしょうか。", "粗大ごみの収集について教えていただきたく"],
        note="Polite inquiry. Same as the classic form but the charset is written in lowercase: "
             "encoded words =?iso-2022-jp?B?...?= and Content-Type charset=\"iso-2022-jp\" (quoted). "
             "Bytes from Python codec 'iso2022_jp'.")


def s03():
    subj = "㈱髙﨑建設の件①　再度の苦情"
    name, addr = "髙﨑 一郎", "takasaki@example.jp"
    text = (
        "税務課 ご担当者様\n\n"
        "㈱髙﨑建設の髙﨑です。\n"
        "以下の２点について、再度申し入れます。\n\n"
        "①固定資産税の通知書の宛名が「高崎」になっている件\n"
        "②窓口で２時間～３時間待たされた件\n\n"
        "宛名の「髙」と「﨑」は正しい字で書いてください。\n"
        "これで３回目の連絡です。\n"
    )
    head = common(3, header("From", ew(name, "ISO-2022-JP-MS") + [f"<{addr}>"]),
                  "zeimu@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP-MS")), "example.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=ISO-2022-JP-MS",
             "Content-Transfer-Encoding: 7bit"]
    add("03_iso2022jp_ms_label", head, enc_cp50220(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["①固定資産税の通知書の宛名が「高崎」になっている件", "②窓口で２時間～３時間待たされた件",
                       "宛名の「髙」と「﨑」は正しい字で書いてください。"],
        note="Label ISO-2022-JP-MS in encoded words and body. Bytes are CP50220-compatible: the str was "
             "encoded with Python 'cp932' and every double-byte Shift_JIS code converted to JIS row/cell "
             "under ESC $ B (Python has no cp50220 codec; 'iso2022_jp_ext' cannot encode any of these and "
             "'iso2022_jp_3' would use ESC $ ( O, which is not what Microsoft mailers send). "
             "①② ㈱ are NEC row 13; 髙 (U+9AD9) and 﨑 (U+FA11) are NEC-selected IBM extensions in rows "
             "89-92; ～ is U+FF5E FULLWIDTH TILDE (JIS 0x2141, decoded the Microsoft way).")


def s04():
    subj = "【再送】納付書の誤記について②"
    name, addr = "髙橋 誠", "m.takahashi@example.co.jp"
    text = (
        "市民税課の田中さんへ\n\n"
        "㈱髙橋商事の髙橋です。\n"
        "先日お電話した件、以下の通り再送します。\n\n"
        "① 納付書の会社名が「(株)高橋商事」となっていた\n"
        "② 訂正を依頼したのに、同じ納付書がまた届いた\n\n"
        "至急、正しい納付書を再発行してください。\n"
    )
    head = common(4, header("From", ew(name, "ISO-2022-JP", "ISO-2022-JP-MS") + [f"<{addr}>"]),
                  "shiminzei@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP", "ISO-2022-JP-MS")), "example.co.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=ISO-2022-JP",
             "Content-Transfer-Encoding: 7bit", "X-Mailer: Microsoft Outlook 16.0"]
    add("04_iso2022jp_label_cp50221_bytes", head, enc_cp50220(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["㈱髙橋商事の髙橋です。", "① 納付書の会社名が「(株)高橋商事」となっていた",
                       "② 訂正を依頼したのに、同じ納付書がまた届いた"],
        note="What Outlook really sends: labelled plain ISO-2022-JP (encoded words and body) but the "
             "bytes are CP50220 (Python 'cp932' -> JIS row/cell under ESC $ B), so ①② ㈱ sit in NEC row 13 "
             "and 髙 (U+9AD9) in row 92 - outside JIS X 0208. A strict ISO-2022-JP decoder loses them; a "
             "correct one treats the ISO-2022-JP label as CP50221. Request addressed to a named clerk.")


def s05():
    subj = "夜間工事の騒音～まだ改善されていません"
    name, addr = "﨑山 進", "sakiyama@example.ne.jp"
    text = (
        "環境保全課 ご担当者様\n\n"
        "区道の夜間工事の騒音について、３度目の連絡です。\n"
        "毎晩22時～翌2時まで重機の音がして眠れません。\n\n"
        "① 工事の期間\n"
        "② 夜間に行う理由\n"
        "③ 苦情窓口の担当者名\n\n"
        "以上３点を文書で回答してください。\n"
        "﨑山\n"
    )
    head = common(5, header("From", ew(name, "cp932") + [f"<{addr}>"]),
                  "kankyo@city.example.lg.jp",
                  header("Subject", ew(subj, "cp932")), "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=cp932",
             "Content-Transfer-Encoding: 8bit"]
    add("05_cp932_8bit", head, enc_cp932(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["毎晩22時～翌2時まで重機の音がして眠れません。", "③ 苦情窓口の担当者名"],
        note="Label cp932 in encoded words and body, 8bit body. Bytes from Python codec 'cp932': "
             "～ U+FF5E -> 0x8160, ①②③ -> 0x8740.., 﨑 U+FA11 -> 0xED95 (NEC-selected IBM extension).")


def s06():
    subj = "税金泥棒と言われても仕方ないのでは"
    name, addr = "匿名希望", "tokumei2025@example.jp"
    text = (
        "区役所の皆さんへ\n\n"
        "先週、区民センターの改修工事を見に行きました。\n"
        "三か月も工事が止まっているのに、誰も説明に来ない。\n"
        "これでは税金泥棒と言われても仕方ないと思います。\n\n"
        "工事が止まっている理由を、区のホームページで公開してください。\n"
    )
    head = common(6, header("From", ew(name, "x-sjis") + [f"<{addr}>"]),
                  "kocho@city.example.lg.jp",
                  header("Subject", ew(subj, "x-sjis")), "example.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=x-sjis",
             "Content-Transfer-Encoding: base64"]
    add("06_x_sjis_base64", head, b64_body(enc_cp932(text)).encode(), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["これでは税金泥棒と言われても仕方ないと思います。", "三か月も工事が止まっているのに、誰も説明に来ない。"],
        note="Label x-sjis (old Netscape/Mac alias) in encoded words and body; body base64 (76-col lines, "
             "so line breaks fall inside characters). Bytes from Python codec 'cp932' (text is plain "
             "JIS X 0208, identical in shift_jis).")


def s07():
    subj = "保育園の入園選考結果①について説明を求めます"
    name, addr = "森 直美", "naomi.mori@example.ne.jp"
    text = (
        "こども家庭課 ご担当者様\n\n"
        "保育園の入園選考結果について、納得できないので説明を求めます。\n"
        "当家は指数２０点で、①希望の園にも②希望の園にも入れませんでした。\n"
        "同じ指数で入園できた家庭があると聞いています。\n"
        "平日９時～１７時は仕事で電話に出られません。\n\n"
        "選考の基準と順位を、来週月曜日までに開示してください。\n"
    )
    head = common(7, header("From", ew(name, "windows-31j") + [f"<{addr}>"]),
                  "kodomo@city.example.lg.jp",
                  header("Subject", q_words(subj, "windows-31j", literal_ascii=True)),
                  "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=windows-31j",
             "Content-Transfer-Encoding: quoted-printable"]
    add("07_windows31j_qp", head, qp_body(enc_cp932(text)).encode(), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["①希望の園にも②希望の園にも入れませんでした。", "平日９時～１７時は仕事で電話に出られません。",
                       "選考の基準と順位を、来週月曜日までに開示してください。"],
        note="Label windows-31j. Subject is RFC 2047 Q encoding of cp932 bytes over several encoded words "
             "(split between characters), "
             "with printable trail bytes left literal (① = 0x87 0x40 appears as '=87@'); body "
             "quoted-printable whose soft line breaks split characters. Bytes from Python codec 'cp932'; "
             "～ is U+FF5E.")


def s08():
    subj = "電子申請ソフトの表示不能について"
    name, addr = "十河 浩二", "sogo.koji@example.or.jp"
    text = (
        "情報政策課 ご担当者様\n\n"
        "区の電子申請ソフトで、申請ボタンが表示されません。\n"
        "「表示不能」というエラーが出て、十回以上試しても同じです。\n"
        "エラーコードはE‐1024です。\n"
        "予約の締め切りは明日なので、至急対応をお願いします。\n\n"
        "十河\n"
    )
    head = common(8, header("From", ew(name, "Shift_JIS", "x-sjis") + [f"<{addr}>"]),
                  "johoseisaku@city.example.lg.jp",
                  header("Subject", ew(subj, "Shift_JIS")), "example.or.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS",
             "Content-Transfer-Encoding: 8bit"]
    enc_sjis_strict(text)
    add("08_shift_jis_8bit_5c_trail", head, enc_cp932(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["「表示不能」というエラーが出て、十回以上試しても同じです。", "エラーコードはE‐1024です。",
                       "区の電子申請ソフトで、申請ボタンが表示されません。"],
        note="Label Shift_JIS, 8bit body full of 'dame-moji' whose trail byte is 0x5C '\\' "
             "(申 0x905C, ソ 0x835C, 表 0x955C, 能 0x945C, 十 0x8F5C, 予 0x975C) - nothing may treat "
             "them as backslashes. ‐ is U+2010 HYPHEN (0x815D). Plain JIS X 0208 text: bytes identical "
             "under Python 'shift_jis' and 'cp932'.")


def s09():
    subj = "ﾏﾝｼｮﾝ建設の説明会について"
    name, addr = "渡辺 健", "ken-watanabe@example.ac.jp"
    text = (
        "都市計画課 御中\n\n"
        "近隣のﾏﾝｼｮﾝ建設について、説明会の開催を求めます。\n"
        "日照と電波障害の問題があるのに、住民への説明が一度もありません。\n"
        "回答は書面でお願いします。\n"
    )
    head = common(9, header("From", ew(name, "EUC-JP") + [f"<{addr}>"]),
                  "toshikeikaku@city.example.lg.jp",
                  header("Subject", ew(subj, "EUC-JP")), "example.ac.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=EUC-JP",
             "Content-Transfer-Encoding: 8bit"]
    add("09_euc_jp_8bit", head, enc_eucjp(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["近隣のﾏﾝｼｮﾝ建設について、説明会の開催を求めます。", "日照と電波障害の問題があるのに"],
        note="Label EUC-JP (Unix mailers), 8bit body and B-encoded Subject/From. Half-width katakana "
             "ﾏﾝｼｮﾝ are two-byte SS2 (0x8E xx) sequences; expected keeps them half-width. "
             "Bytes from Python codec 'euc_jp'.")


def s10():
    subj = "窓口の受付時間（8:30〜17:15）について"
    name, addr = "中村 美咲", "misaki.n@example.com"
    text = (
        "区民課 ご担当者様\n\n"
        "ホームページには受付時間が8:30〜17:15と書いてありますが、\n"
        "16時50分に窓口へ行ったところ、本日の受付は終了したと言われました。\n"
        "案内と実際の対応が違うのはおかしいと思います。\n\n"
        "職員の方の説明も不親切でした。改善をお願いします。\n"
    )
    head = common(10, header("From", ew(name, "UTF-8") + [f"<{addr}>"]),
                  "kuminka@city.example.lg.jp",
                  header("Subject", ew(subj, "UTF-8")), "example.com")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: 8bit"]
    add("10_utf8_8bit", head, enc_utf8(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["ホームページには受付時間が8:30〜17:15と書いてありますが、", "案内と実際の対応が違うのはおかしいと思います。"],
        note="UTF-8, 8bit body, B-encoded UTF-8 Subject/From. 〜 here is U+301C WAVE DASH (Mac/iPhone "
             "input), which only UTF-8 can carry unambiguously; （） are fullwidth U+FF08/U+FF09.")


def s11():
    subj = "三回目の問い合わせです。回答期限は本日15時とします"
    name, addr = "木村", "kimura.h@example.net"
    text = (
        "道路課 ご担当者様\n\n"
        "歩道の段差の件、三回目の問い合わせです。\n"
        "一回目は1月6日、二回目は1月10日にメールしました。\n"
        "いずれも「確認します」という返事だけで、その後の連絡がありません。\n\n"
        "回答期限は本日15時とします。\n"
        "15時を過ぎた場合は、議員に相談します。\n"
    )
    head = common(11, header("From", ew(name, "UTF-8") + [f"<{addr}>"]),
                  "doro@city.example.lg.jp",
                  header("Subject", ew(subj, "UTF-8")), "example.net")
    head += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"',
             "Content-Transfer-Encoding: base64"]
    add("11_utf8_base64", head, b64_body(enc_utf8(text)).encode(), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["回答期限は本日15時とします。", "いずれも「確認します」という返事だけで、その後の連絡がありません。"],
        note="Repeated demand. UTF-8 (label written \"utf-8\", quoted) with base64 body (76-col lines cut through "
             "characters); Subject is three self-contained UTF-8 B encoded words on folded lines.")


def s12():
    subj = "公園の遊具 撤去について"
    name, addr = "松本 恵", "megumi.matsumoto@example.jp"
    text = (
        "公園緑地課 ご担当者様\n\n"
        "近所の児童公園で、ブランコとすべり台が撤去されていました。\n"
        "子どもたちが楽しみにしていたので、とても残念です。\n"
        "撤去の理由と、新しい遊具を設置する予定があるか教えてください。\n"
    )
    head = common(12, header("From", q_words(name, "UTF-8", False) + [f"<{addr}>"]),
                  "koen@city.example.lg.jp",
                  header("Subject", q_words(subj, "UTF-8", False)), "example.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: quoted-printable"]
    add("12_utf8_qp_q_subject", head, qp_body(enc_utf8(text)).encode(), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["近所の児童公園で、ブランコとすべり台が撤去されていました。",
                       "撤去の理由と、新しい遊具を設置する予定があるか教えてください。"],
        note="Q-encoded UTF-8 Subject and From display name (space written as '_', words split at "
             "character boundaries); quoted-printable UTF-8 body whose soft line breaks ('=' at line "
             "end) fall in the middle of 3-byte characters.")


def s13():
    subj = "税金泥棒の職員を処分してください"
    name, addr = "怒れる区民", "ikareru.kumin@example.ne.jp"
    text = (
        "人事課 御中\n\n"
        "昨日、区役所の窓口で職員が私語をしながら対応していました。\n"
        "こんな職員に給料を払うのは税金泥棒です。\n"
        "職員の氏名と処分の内容を公表してください。\n"
    )
    raw = enc_iso2022jp(subj)
    cut = 3 + 2 * 5 + 1  # ESC $ B, five whole characters, then first byte of the sixth
    w1, w2 = b_word_bytes(raw[:cut], "ISO-2022-JP"), b_word_bytes(raw[cut:], "ISO-2022-JP")
    head = common(13, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "jinji@city.example.lg.jp",
                  f"Subject: {w1}\n {w2}", "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=ISO-2022-JP",
             "Content-Transfer-Encoding: 7bit"]
    add("13_split_ew_iso2022jp", head, enc_iso2022jp(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["こんな職員に給料を払うのは税金泥棒です。", "職員の氏名と処分の内容を公表してください。"],
        note="Subject is one ISO-2022-JP byte string (Python 'iso2022_jp') cut after the first byte of "
             f"the 6th character ({subj[5]}) and put in two B encoded words on two folded lines: the first "
             "word has ESC $ B but no closing ESC ( B, the second starts with the orphan trail byte and "
             "carries no ESC at all. Decoders must concatenate the bytes of adjacent same-charset "
             "encoded words before charset decoding (not RFC 2047-conformant, but mailers do it).")


def s14():
    subj = "生活保護の窓口で受けた対応について"
    name, addr = "高田 由美子", "yumiko.takada@example.com"
    text = (
        "生活福祉課 ご担当者様\n\n"
        "先月、生活保護の相談に伺った際の対応について申し上げます。\n"
        "窓口の方に「若いのだから働けるでしょう」と言われ、申請書を渡してもらえませんでした。\n"
        "申請する権利があるはずです。説明をお願いします。\n"
    )
    sraw, nraw = enc_utf8(subj), enc_utf8(name)
    scut = 3 * 7 + 2  # inside the 8th character (で): 2 of its 3 bytes in the first word
    ncut = 3 * 3 + 1 + 1  # 高田 + space + 由, then 1 byte of 美
    head = common(14, header("From", [b_word_bytes(nraw[:ncut], "UTF-8"), b_word_bytes(nraw[ncut:], "UTF-8"),
                                      f"<{addr}>"]),
                  "fukushi@city.example.lg.jp",
                  header("Subject", [b_word_bytes(sraw[:scut], "UTF-8"), b_word_bytes(sraw[scut:], "UTF-8")]),
                  "example.com")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: 8bit"]
    add("14_split_ew_utf8", head, enc_utf8(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["申請する権利があるはずです。説明をお願いします。", "先月、生活保護の相談に伺った際の対応について申し上げます。"],
        note="UTF-8 B encoded words split inside a character: Subject cut after 2 of the 3 bytes of "
             f"{sraw[:scut + 1].decode('utf-8', 'ignore')[-1]}, From display name cut after the first byte of "
             f"{nraw[:ncut + 2].decode('utf-8', 'ignore')[-1]}. Correct output joins the bytes of "
             "adjacent encoded words, then decodes UTF-8 (no U+FFFD).")


def s15():
    subj = ("【重要・至急】令和６年度分の住民税の特別徴収税額決定通知書の記載誤りおよび再発行の手続きと、"
            "担当部署の対応の遅れに関する苦情と説明の要求について")
    name, addr = "青葉サービス 総務部 小川", "ogawa@aoba-service.example.co.jp"
    text = (
        "税務課 特別徴収担当 御中\n\n"
        "弊社従業員３名分の特別徴収税額決定通知書に記載誤りがありました。\n"
        "１２月に電話でお伝えしましたが、再発行の連絡がまだありません。\n"
        "給与計算の締めが迫っておりますので、至急ご対応ください。\n"
    )
    head = common(15, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "zeimu@city.example.lg.jp",
                  header("Subject", b_words(subj, "ISO-2022-JP", 14)), "aoba-service.example.co.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=ISO-2022-JP",
             "Content-Transfer-Encoding: 7bit"]
    add("15_long_subject_folded", head, enc_iso2022jp(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["弊社従業員３名分の特別徴収税額決定通知書に記載誤りがありました。", "給与計算の締めが迫っておりますので、至急ご対応ください。"],
        note="Very long Subject (72 characters) as several self-contained ISO-2022-JP B encoded words "
             "(14 characters each, each ending ESC ( B) on folded continuation lines; the fold "
             "whitespace between encoded words must vanish. Bytes from Python codec 'iso2022_jp'.")


def s16():
    subj = "国民健康保険証が届きません"
    name, addr = "斎藤 明", "akira.saito@example.ne.jp"
    text = (
        "保険年金課 ご担当者様\n\n"
        "引っ越してから一か月たちますが、国民健康保険証がまだ届きません。\n"
        "来週病院に行く予定があるので、困っています。\n"
        "いつ届くのか教えてください。\n"
    )
    head = common(16, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "hoken@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP")), "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain", "Content-Transfer-Encoding: 7bit"]
    add("16_unlabelled_iso2022jp_body", head, enc_iso2022jp(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["国民健康保険証がまだ届きません。", "来週病院に行く予定があるので、困っています。"],
        note="Body is ISO-2022-JP (Python 'iso2022_jp', raw ESC $ B sequences) but Content-Type is "
             "bare text/plain with no charset parameter (formally us-ascii). A correct decoder "
             "recognises the ISO-2022-JP escapes instead of showing them. Headers are normal "
             "ISO-2022-JP encoded words.")


def s17():
    subj = "区民プールの監視員の態度について"
    name, addr = "岡田 進", "s-okada@example.or.jp"
    text = (
        "スポーツ振興課 御中\n\n"
        "区民プールの監視員に、大声で怒鳴られました。\n"
        "子どもの前で恥ずかしい思いをしました。\n"
        "指導の方法を見直してください。\n"
    )
    frm = b"From: " + enc_iso2022jp(name) + f" <{addr}>".encode()
    head = common(17, frm, "sports@city.example.lg.jp",
                  b"Subject: " + enc_iso2022jp(subj), "example.or.jp")
    add("17_raw_iso2022jp_headers_no_mime", head, enc_iso2022jp(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["区民プールの監視員に、大声で怒鳴られました。", "指導の方法を見直してください。"],
        note="Pre-MIME mail: no MIME-Version, no Content-Type at all. Subject and the From display name "
             "are raw ISO-2022-JP bytes (ESC $ B ... ESC ( B) straight in the header, no encoded word; "
             "body is raw ISO-2022-JP too. All bytes are 7-bit (Python 'iso2022_jp').")


def s18():
    subj = "申請書の表記について"
    name, addr = "佐藤 花子", "hanako.sato@example.ne.jp"
    text = (
        "戸籍住民課 ご担当者様\n\n"
        "転入届の申請書で、私の名前の表記が間違っていました。\n"
        "窓口で指摘したのに、そのまま受理されています。\n"
        "住民票の記載を確認して、訂正してください。\n"
    )
    frm = b"From: " + enc_sjis_strict(name) + f" <{addr}>".encode()
    head = common(18, frm, "koseki@city.example.lg.jp",
                  b"Subject: " + enc_sjis_strict(subj), "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS",
             "Content-Transfer-Encoding: 8bit"]
    add("18_raw_sjis_headers", head, enc_sjis_strict(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["転入届の申請書で、私の名前の表記が間違っていました。", "住民票の記載を確認して、訂正してください。"],
        note="Raw 8-bit Shift_JIS bytes straight in Subject and in the (unquoted) From display name - "
             "no encoded words. The Subject contains 申 (0x90 0x5C) and 表 (0x95 0x5C). Body labelled "
             "Shift_JIS, 8bit. Header charset must be inferred (body label or detection). "
             "Bytes from Python 'shift_jis' (identical in cp932).")


def s19():
    subj = "戸籍課の田中さんへ 先日のお礼と追加の質問"
    name, addr = "西村 陽子", "yoko.nishimura@example.jp"
    plain = (
        "戸籍課の田中さんへ\n\n"
        "先日は戸籍謄本の取得で大変お世話になりました。\n"
        "丁寧に説明していただき、ありがとうございました。\n\n"
        "追加で一点だけ質問させてください。\n"
        "郵送で請求する場合、手数料は定額小為替で支払えばよいでしょうか。\n"
    )
    html = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head>\n"
        "<body>\n<p>戸籍課の田中さんへ</p>\n"
        "<p>先日は戸籍謄本の取得で大変お世話になりました。<br>\n"
        "丁寧に説明していただき、ありがとうございました。</p>\n"
        "<p>追加で一点だけ質問させてください。<br>\n"
        "郵送で請求する場合、手数料は定額小為替で支払えばよいでしょうか。</p>\n"
        "</body></html>\n"
    )
    bnd = "----=_Part_0019_20250114.alternative"
    body = (
        f"This is a multi-part message in MIME format.\n\n--{bnd}\n"
        "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
    ).encode() + enc_iso2022jp(plain) + (
        f"\n--{bnd}\n"
        "Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
    ).encode() + enc_utf8(html) + f"\n--{bnd}--\n".encode()
    head = common(19, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "koseki@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP")), "example.jp")
    head += ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{bnd}"']
    add("19_multipart_alternative", head, body, crlf=False, subject=subj,
        from_name=name, from_address=addr, text=plain,
        text_contains=["戸籍課の田中さんへ", "郵送で請求する場合、手数料は定額小為替で支払えばよいでしょうか。"],
        note="Polite note to a named clerk. multipart/alternative: text/plain; charset=ISO-2022-JP (7bit) "
             "+ text/html; charset=UTF-8 (8bit) with the same words. Plain text is the expected body; "
             "the Subject's ASCII space sits inside the single encoded word.")


def s20():
    subj = "ゴミ集積所のカラス被害"
    name, addr = "長谷川 剛", "hasegawa.t@example.ne.jp"
    html = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
        "<title>苦情</title></head>\n<body>\n"
        "<p>清掃事務所 ご担当者様</p>\n"
        "<p>ゴミ集積所のカラス被害について、何度もお願いしています。</p>\n"
        "<p><b>ネットが足りません。</b>至急、追加のネットを配布してください。</p>\n"
        "<p>回答期限は<font color=\"red\">今週金曜日</font>とします。</p>\n"
        "</body></html>\n"
    )
    visible = ("清掃事務所 ご担当者様\nゴミ集積所のカラス被害について、何度もお願いしています。\n"
               "ネットが足りません。至急、追加のネットを配布してください。\n回答期限は今週金曜日とします。\n")
    head = common(20, header("From", ew(name, "Shift_JIS") + [f"<{addr}>"]),
                  "seiso@city.example.lg.jp",
                  header("Subject", ew(subj, "Shift_JIS")), "example.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/html; charset=Shift_JIS",
             "Content-Transfer-Encoding: 8bit"]
    add("20_html_only_sjis", head, enc_sjis_strict(html), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=visible,
        text_contains=["ゴミ集積所のカラス被害について、何度もお願いしています。",
                       "至急、追加のネットを配布してください。", "今週金曜日"],
        note="HTML-only mail (text/html; charset=Shift_JIS, 8bit, no text/plain part). text_contains "
             "are visible words (each inside one text node - none crosses a tag); the <title> is not "
             "expected in the text. Bytes from Python 'shift_jis' (identical in cp932).")


def s21():
    subj = "苦情一覧と証拠写真を送ります"
    name, addr = "石井 隆", "t-ishii@example.com"
    text = (
        "建築指導課 ご担当者様\n\n"
        "隣地の違法建築について、これまでの苦情の一覧と証拠写真を添付します。\n"
        "対応履歴も表にまとめました。\n"
        "必ず目を通して、今月中に現地調査をしてください。\n"
    )
    pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
           + bytes((i * 37 + 11) % 256 for i in range(360)) + b"\n%%EOF\n")
    jpg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes((i * 91 + 5) % 256 for i in range(280)) + b"\xff\xd9"
    csv_text = ("日付,内容,対応\n2024/10/01,電話で苦情,担当者不在\n2024/11/15,窓口で苦情,確認しますとの回答\n"
                "2024/12/20,メールで苦情,回答なし\n")
    csv = enc_sjis_strict(csv_text)
    pdf_name, jpg_name, csv_name = "苦情一覧.pdf", "証拠写真.jpg", "対応履歴（令和６年度）.csv"
    pdf_ew = b_word(pdf_name, "ISO-2022-JP")
    jpg_2231 = "UTF-8''" + rfc2231_pct(enc_utf8(jpg_name))
    craw = enc_utf8(csv_name)
    ccut = 3 * 4 + 1  # inside （ : continuation split mid-character (legal in RFC 2231)
    c0, c1 = "UTF-8''" + rfc2231_pct(craw[:ccut]), rfc2231_pct(craw[ccut:])
    bnd = "----=_Part_0021_20250114.mixed"

    def part(hdrs: str, payload: bytes) -> bytes:
        return f"--{bnd}\n{hdrs}\n\n".encode() + payload

    body = b"This is a multi-part message in MIME format.\n\n"
    body += part("Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit",
                 enc_iso2022jp(text)) + b"\n"
    body += part(f'Content-Type: application/pdf;\n name="{pdf_ew}"\nContent-Transfer-Encoding: base64\n'
                 f'Content-Disposition: attachment;\n filename="{pdf_ew}"', b64_body(pdf).encode())
    body += part("Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n"
                 f"Content-Disposition: attachment;\n filename*={jpg_2231}", b64_body(jpg).encode())
    body += part("Content-Type: text/csv; charset=Shift_JIS\nContent-Transfer-Encoding: base64\n"
                 f"Content-Disposition: attachment;\n filename*0*={c0};\n filename*1*={c1}",
                 b64_body(csv).encode())
    body += f"--{bnd}--\n".encode()
    head = common(21, header("From", ew(name, "ISO-2022-JP") + [f"<{addr}>"]),
                  "kenchiku@city.example.lg.jp",
                  header("Subject", ew(subj, "ISO-2022-JP")), "example.com")
    head += ["MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{bnd}"']
    add("21_multipart_mixed_attachments", head, body, crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["隣地の違法建築について、これまでの苦情の一覧と証拠写真を添付します。", "対応履歴も表にまとめました。"],
        attachments=[
            {"name": pdf_name, "content_type": "application/pdf", "size": len(pdf)},
            {"name": jpg_name, "content_type": "image/jpeg", "size": len(jpg)},
            {"name": csv_name, "content_type": "text/csv", "size": len(csv)},
        ],
        note="multipart/mixed: ISO-2022-JP text/plain + three base64 attachments. 苦情一覧.pdf is named "
             "the non-standard Outlook/Thunderbird way, an RFC 2047 ISO-2022-JP encoded word inside the "
             "quoted name= and filename= parameters; 証拠写真.jpg uses RFC 2231 filename*=UTF-8''%..; "
             "the CSV name uses RFC 2231 continuations filename*0*/filename*1* split inside the "
             "3-byte （ (pieces must be joined before UTF-8 decoding). Attachment bytes are fixed "
             "synthetic data (the CSV is Shift_JIS text); sizes are decoded byte counts.")


def s22():
    subj = "ゴミ出しルール"
    addr = "kuyakusho..ikari.@docomo.ne.jp"
    text = (
        "すみません\n"
        "近所のゴミ出しルールが\n"
        "守られていません\n"
        "何回言っても改善しない\n"
        "区で注意してください\n"
    )
    head = common(22, f"From: {addr}", "seiso@city.example.lg.jp",
                  header("Subject", ew(subj, "Shift_JIS")), "docomo.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS",
             "Content-Transfer-Encoding: base64"]
    add("22_docomo_sjis", head, b64_body(enc_sjis_strict(text)).encode(), crlf=True, subject=subj,
        from_name=None, from_address=addr, text=text,
        text_contains=["近所のゴミ出しルールが", "何回言っても改善しない"],
        note="Mobile mail from docomo.ne.jp in docomo's form (Shift_JIS, base64 body, B-encoded "
             "Shift_JIS Subject, short lines). From is a bare address with no display name "
             "(from_name null) and an RFC 5322-invalid local part of the kind docomo used to allow "
             "(consecutive dots and a dot right before @); the address must survive unchanged.")


def s23():
    subj = "ｽｸｰﾙｿﾞｰﾝの件"
    name, addr = "桑原 葵", "aoi-kuwahara.1985@ezweb.ne.jp"
    text = (
        "お世話になります\n"
        "通学路のｽｸｰﾙｿﾞｰﾝなのに\n"
        "朝の時間に車がたくさん通ります\n"
        "危ないので見回りをお願いします\n"
        "桑原\n"
    )
    head = common(23, header("From", ew(name, "Shift_JIS") + [f"<{addr}>"]),
                  "doro@city.example.lg.jp",
                  header("Subject", ew(subj, "Shift_JIS")), "ezweb.ne.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS",
             "Content-Transfer-Encoding: 8bit"]
    add("23_ezweb_sjis_halfwidth", head, enc_sjis_strict(text), crlf=False, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["通学路のｽｸｰﾙｿﾞｰﾝなのに", "危ないので見回りをお願いします"],
        note="Mobile mail from ezweb.ne.jp (au): Shift_JIS 8bit body and B-encoded Shift_JIS "
             "Subject/From with feature-phone half-width katakana (single bytes 0xA1-0xDF, ｿ = 0xBF); "
             "expected keeps them half-width (no NFKC). No emoji.")


def s24():
    subj = "【㈱髙﨑工務店】請求書①～③の件"
    name, addr = "髙﨑 美穂", "miho@takasaki-koumuten.example.co.jp"
    text = (
        "会計管理課 ご担当者様\n\n"
        "㈱髙﨑工務店の髙﨑です。\n"
        "区から届いた請求書①～③の金額が、見積書と合っていません。\n"
        "特に②は、消費税が二重に計算されているようです。\n"
        "お手数ですが、今週中にご確認ください。\n"
    )
    head = common(24, header("From", ew(name, "Shift_JIS", "Shift_JIS+IBM") + [f"<{addr}>"]),
                  "kaikei@city.example.lg.jp",
                  header("Subject", ew(subj, "Shift_JIS", "Shift_JIS+IBM")), "takasaki-koumuten.example.co.jp")
    head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS",
             "Content-Transfer-Encoding: 8bit", "X-Mailer: Microsoft Outlook 16.0"]
    add("24_shift_jis_label_cp932_chars", head, enc_cp932_ibm(text), crlf=True, subject=subj,
        from_name=name, from_address=addr, text=text,
        text_contains=["㈱髙﨑工務店の髙﨑です。", "区から届いた請求書①～③の金額が、見積書と合っていません。",
                       "特に②は、消費税が二重に計算されているようです。"],
        note="The common Windows case: labelled Shift_JIS (encoded words and 8bit body) but the bytes are "
             "cp932. Produced with Python 'cp932' except 髙 and 﨑, which are written as the IBM "
             "extension codes 0xFBFC and 0xFAB1 (what Windows itself emits; Python's cp932 encoder "
             "would pick the NEC-selected 0xEEE0/0xED95, both decode the same). ①②③ ㈱ are NEC row 13, "
             "～ is U+FF5E (0x8160). A strict JIS X 0208 Shift_JIS decoder loses all of these.")


def main() -> None:
    for fn in (s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12,
               s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24):
        fn()
    names = {n for n, _, _ in SAMPLES}
    assert len(names) == len(SAMPLES)
    for old in list(HERE.glob("*.eml")) + list(HERE.glob("*.expected.json")):
        if old.name.split(".")[0] not in names:
            old.unlink()
    for name, data, exp in SAMPLES:
        (HERE / f"{name}.eml").write_bytes(data)
        (HERE / f"{name}.expected.json").write_bytes(
            (json.dumps(exp, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    print(f"wrote {len(SAMPLES)} samples to {HERE}")


if __name__ == "__main__":
    main()
