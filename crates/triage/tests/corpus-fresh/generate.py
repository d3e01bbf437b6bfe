#!/usr/bin/env python3
"""Deterministic generator for the *fresh* labelled triage evaluation corpus (あおば市役所).

Run `python3 generate.py` (Python 3.11+, standard library only). It rewrites mbox/*.mbox,
labels.json, staff.toml and README.md in this folder, byte-identical on every run: no clock, no
`random` module, no hash randomisation; every choice comes from a SHA-256 counter generator seeded
by a fixed string, and every message is assembled by hand as bytes.

This set was written independently of mailward's lexicons, scoring code and tests, and
independently of the texts of the older corpus (only its byte-level helpers for charsets,
RFC 2047 and mboxrd were reused). Every text was written from scratch; every label was set by
hand next to its text, as a careful human reviewer would set it. Nobody has tuned on it.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import struct
import sys
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# the byte-level helpers shared by the three corpus generators live in ../mailgen.py
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
sys.dont_write_bytecode = True  # no __pycache__ next to the corpora
from mailgen import (  # noqa: E402
    Attachment, ENC_LABEL, asctime, attachment_part, effective_enc, fold, header_words, html_part,
    is_ascii, jd, max_addrs_24h, mboxrd, mime_message, peaks, quote, rfc5322, seeded, split_mboxrd,
    text_part, tx, verify,
)

HERE = pathlib.Path(__file__).resolve().parent
SEED = "mailward-triage-fresh-aoba-v1"
MID_DOMAIN = "fresh.mailward.test"
MX = "mx.city.aoba.example"

FLAGS = ["threat", "abusive", "excessive_demand", "personal_contact",
         "repeated_same_purpose", "high_volume", "mail_bomb"]
CATEGORIES = ["threat", "abusive", "excessive_demand", "personal_contact"]
TH, AB, EX, PC = "threat", "abusive", "excessive_demand", "personal_contact"


# deterministic randomness (SHA-256 in counter mode) bound to this corpus's seed
Rng, stable_hash = seeded(SEED)

# ---------------------------------------------------------------------------
# time (all November 2026, Asia/Tokyo local time; 1 Nov 2026 is a Sunday)
# ---------------------------------------------------------------------------

START = datetime(2026, 11, 1)
END = datetime(2026, 11, 30, 23, 59, 59)


def T(d: int, hm: str, key: str = "") -> datetime:
    """Receive time on 2026-11-d at HH:MM, seconds from a hash."""
    h, m = (int(x) for x in hm.split(":"))
    return datetime(2026, 11, d, h, m, stable_hash(f"sec|{key}|{d}|{hm}") % 60)


# ---------------------------------------------------------------------------
# the data model
# ---------------------------------------------------------------------------

@dataclass
class Msg:
    when: datetime
    subject: str
    text: str | None = None
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    cats: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    note: str = ""
    to: str | None = None
    extra: list[str] = field(default_factory=list)


@dataclass
class Sender:
    address: str
    name: str | None
    kind: str
    msgs: list[Msg]
    flags: list[str] = field(default_factory=list)   # sender-level flags besides the categories
    enc: str = "jis"
    group: str | None = None
    volume_exempt: bool = False
    to: str = "info@city.aoba.example"
    ip: str | None = None
    mailer: str | None = None
    slug: str = ""
    index: int = 0

    def all_flags(self) -> list[str]:
        fs = set(self.flags)
        for m in self.msgs:
            fs.update(m.cats)
        return [f for f in FLAGS if f in fs]


SENDERS: list[Sender] = []

STAFF = [
    # (name, reading, aliases, section)
    ("小林 真由美", "こばやし まゆみ", ["小林", "真由美", "まゆみ", "Kobayashi", "Mayumi"], "市民課（窓口・マイナンバーカード）"),
    ("加藤 拓也", "かとう たくや", ["加藤", "拓也", "Kato", "Takuya"], "納税課（市税の納付・督促）"),
    ("吉田 千尋", "よしだ ちひろ", ["吉田", "千尋", "ちひろ", "Yoshida", "Chihiro"], "保育課（入所・保育料）"),
    ("松本 俊介", "まつもと しゅんすけ", ["松本", "俊介", "Matsumoto", "Shunsuke"], "道路課（市道・側溝・街灯）"),
    ("井上 玲奈", "いのうえ れいな", ["井上", "玲奈", "れいな", "Inoue", "Reina"], "介護保険課"),
    ("木村 悠斗", "きむら ゆうと", ["木村", "悠斗", "Kimura", "Yuto"], "こども未来課（学童・放課後児童クラブ）"),
]
STAFF_NAMES = {s[0] for s in STAFF}
KOBAYASHI, KATO, YOSHIDA, MATSUMOTO, INOUE, KIMURA = (s[0] for s in STAFF)

CITY = "city.aoba.example"
TO = {k: f"{v}@{CITY}" for k, v in {
    "info": "info", "suido": "suido", "hoiku": "hoiku", "zei": "shiminzei", "nouzei": "nouzei",
    "kaigo": "kaigo", "doro": "doro", "jitensha": "jitensha", "kankyo": "kankyo", "gomi": "gomi",
    "kouen": "kouen", "senkyo": "senkyo", "tosho": "toshokan", "kodomo": "kodomo", "shimin": "shiminka",
    "soudan": "soudan", "bousai": "bousai", "fukushi": "fukushi", "hisho": "hisho", "keiyaku": "keiyaku",
    "kenkou": "kenkou", "shoko": "shoko",
}.items()}

FREE_DOMAINS = ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp",
                "icloud.com", "outlook.jp"]
ISP_DOMAINS = ["aoba-net.example", "sora-net.example", "hikari-isp.example", "example.ne.jp",
               "mail.example.jp"]
ATTACK_DOMAIN = "aoba-kokuhatsu.example"
DOMAIN_KIND = {d: "free-mail provider" for d in FREE_DOMAINS}
DOMAIN_KIND.update({d: "ISP / shared domain (unrelated users)" for d in ISP_DOMAINS})
DOMAIN_KIND.update({ATTACK_DOMAIN: "private domain used for a coordinated attack",
                    "aoba-keizai.example": "legitimate bulk sender (news alerts with List-Id)",
                    "tanaka-kogyo.example": "organisation (a building contractor)",
                    "aoba-kita-sho.example": "organisation (a primary school)",
                    "hidamari-kaigo.example": "organisation (a care office)"})


def add(s: Sender) -> Sender:
    for m in s.msgs:
        for c in m.cats:
            assert c in CATEGORIES, c
        assert START <= m.when <= END, (s.address, m.when)
        for t in m.targets + m.mentions:
            assert t in STAFF_NAMES, t
        if m.targets:
            assert m.cats, (s.address, m.subject)
        assert not (m.targets and m.mentions) or not set(m.targets) & set(m.mentions)
    for f in s.flags:
        assert f in ("repeated_same_purpose", "high_volume", "mail_bomb"), f
    assert all(x.address != s.address for x in SENDERS), s.address
    SENDERS.append(s)
    return s


def M(d: int, hm: str, subject: str, body: str | None, cats=(), targets=(), mentions=(), note: str = "",
      html: str | None = None, att: list[Attachment] | None = None, to: str | None = None,
      extra: list[str] | None = None) -> Msg:
    return Msg(when=T(d, hm, subject), subject=subject, text=body, html=html, attachments=att or [],
               cats=list(cats), targets=list(targets), mentions=list(mentions), note=note,
               to=TO[to] if to else None, extra=extra or [])


def person(address: str, name: str | None, enc: str, to: str, kind: str, *msgs: Msg, flags=(),
           mailer: str | None = None) -> Sender:
    return add(Sender(address=address, name=name, kind=kind, msgs=list(msgs), enc=enc, to=TO[to],
                      flags=list(flags), mailer=mailer))


# attachments (tiny but well-formed)

def png_bytes(seed: str, w: int = 20, h: int = 12) -> bytes:
    rng = Rng("png", seed)
    raw = b"".join(b"\x00" + bytes(rng.below(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def jpg_bytes(seed: str) -> bytes:
    rng = Rng("jpg", seed)
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00" +
            bytes(rng.below(256) for _ in range(900)) + b"\xff\xd9")


def pdf_bytes(title: str) -> bytes:
    text = f"BT /F1 11 Tf 60 760 Td ({title}) Tj ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# ---------------------------------------------------------------------------
# ordinary residents (about 55% of the senders). Many use trigger words in a benign way; none of
# these mails gets a category. `mentions` = a clerk named in a benign mail.
# ---------------------------------------------------------------------------

def build_residents() -> None:
    R = person
    R("tsuchiya.masaki@aoba-net.example", "土屋 正樹", "jis", "suido", "resident [water bill, leak]",
      M(9, "19:42", "水道料金が急に高くなった件（漏水の可能性）", tx("""
        あおば市 上下水道課 御中

        いつもお世話になっております。若葉町3丁目の土屋と申します。
        11月分の検針票を見たところ、水道料金が前回の約2.5倍になっていました。
        家族構成も使い方も変わっていないので、どこかで漏水しているのではないかと心配しています。
        メーターのパイロットを見ると、蛇口を全部閉めていても少し回っているようです。

        1. 市の指定工事店の一覧はどこで見られますか
        2. 漏水が原因の場合、料金の減額の制度はありますか

        修理の手配もあるので、来週中くらいに教えていただけると助かります。
        よろしくお願いいたします。

        土屋 正樹
        """), note="benign 家族構成; own deadline asked politely"))

    R("nishimura.aki@gmail.com", "西村 亜希", "u8b", "hoiku", "resident [thanks to a clerk]",
      M(6, "12:18", "保育料の手続きではお世話になりました", tx("""
        保育課 吉田様

        先日は、第二子の保育料の軽減について、窓口で丁寧にご説明いただきありがとうございました。
        書類の不備もその場で教えていただき、一度で手続きが済みました。
        正直、市役所の手続きは面倒だというイメージがあったのですが、吉田さんのおかげで印象が変わりました。
        課長さんにもよろしくお伝えください。

        西村 亜希
        """), mentions=[YOSHIDA], note="thanks to a named clerk"))

    R("okada.shinji@hikari-isp.example", "岡田 信二", "euc", "zei", "resident [late tax return]",
      M(2, "08:51", "住民税申告書の提出が遅れてしまいました", tx("""
        市民税課 ご担当者様

        お世話になります。岡田と申します。
        10月は決算期で死ぬほど忙しく、住民税の申告書の提出をすっかり失念しておりました。
        申し訳ありません。
        今から提出しても受け付けていただけるでしょうか。また、延滞金のようなものは発生しますか。
        郵送と窓口のどちらが早いかも教えていただけますと幸いです。

        岡田 信二
        """), note="benign 死ぬほど忙しい"))

    R("hirose.keiko@yahoo.co.jp", "廣瀬 恵子", "jis", "kaigo", "resident [care insurance refund]",
      M(11, "21:05", "父の介護保険料の還付について", tx("""
        介護保険課 御中

        先月、同居していた父が他界しました。葬儀などでバタバタしていて、ご連絡が遅くなりました。
        父の口座から11月分の介護保険料が引き落とされていたのですが、これは還付されるのでしょうか。
        相続人の口座に振り込んでいただく場合に必要な書類を教えてください。
        平日は仕事で窓口に行けないので、郵送で手続きできると助かります。

        廣瀬 恵子
        """)))

    R("mori.yuna.0312@docomo.ne.jp", "森 由奈", "sjis", "doro", "resident [bicycle parking, safety]",
      M(16, "22:30", "駅前駐輪場の照明について", tx("""
        突然のメール失礼します。
        あおば台駅の第2駐輪場を毎日使っている高校生の娘の母です。
        先週の木曜日の夜9時ごろ、娘が駐輪場から帰る途中で不審者に後をつけられたと言って、泣きながら帰ってきました。
        警察には相談済みです。
        駐輪場の奥のほうは照明が一つ切れていて、夜はかなり暗いです。
        照明の交換と、できれば防犯カメラの設置を検討していただけないでしょうか。

        森 由奈
        """), note="benign 不審者に後をつけられた (the writer's daughter is the victim)"))

    R("kawano.tatsuya@aoba-net.example", "河野 達也", "u8q", "kodomo", "resident [child bullied]",
      M(18, "20:47", "息子の友人関係について相談したいです", tx("""
        こども未来課 御中

        小学5年の息子のことでご相談です。
        最近、息子が同じクラスの友達に「殺すぞ」と何度も言われているそうで、学校に行きたくないと言い出しました。
        担任の先生には伝えましたが、まだはっきりした対応がありません。
        市で子どもの相談を受けている窓口があれば、予約の方法を教えてください。
        できれば平日の夕方か土曜日が希望です。

        河野 達也
        """), note="reported speech: 殺すぞ was said to the writer's son"))

    R("ishida.fumie@example.ne.jp", "石田 文江", "euc", "soudan", "resident [victim of a threatening letter]",
      M(12, "09:15", "脅迫状が届きました。相談窓口を教えてください", tx("""
        市民相談室 御中

        昨日、自宅の郵便受けに差出人不明の手紙が入っていました。
        「町内会の役員を辞めなければ後悔することになる」というような内容で、正直怖いです。
        警察にはすでに届けを出しました。
        町内会の運営のことで市に相談できる窓口はありますか。
        無料の法律相談があると聞いたので、その予約の方法も教えていただきたいです。

        石田 文江
        """), note="the writer is the victim of a threat; reported"),
      M(13, "18:02", "Re: 脅迫状が届きました。相談窓口を教えてください", tx("""
        市民相談室 御中

        早速お返事をいただき、ありがとうございました。
        教えていただいた番号に電話して、来週火曜日の法律相談を予約できました。
        少し気持ちが落ち着きました。

        石田
        """)))

    R("yamauchi.ryoko@icloud.com", "山内 涼子", "u8b", "gomi", "resident [waste sorting]",
      M(7, "10:22", "使い切っていない殺虫剤のスプレー缶の捨て方", tx("""
        ごみ減量課の方へ

        引っ越しの片付けをしていたら、中身が残った殺虫剤のスプレー缶が10本ほど出てきました。
        穴を開けずに出すように、とホームページにありますが、中身が残っている場合はどうすればよいのでしょうか。
        危険ごみの日に出せばいいのか、別の回収方法があるのか教えてください。

        山内 涼子
        """), note="benign 殺虫剤"))

    R("noguchi.hiroshi@hikari-isp.example", "野口 博", "jis", "kouen", "resident [wasp nest in a park]",
      M(4, "07:48", "若葉公園のすべり台の下にハチの巣があります", tx("""
        公園緑地課 御中

        若葉公園（若葉町2丁目）のすべり台の裏側に、こぶし大のハチの巣ができています。
        今朝、子どもたちが近くで遊んでいて危なかったので連絡しました。
        市販の殺虫剤で自分で駆除しようかとも思いましたが、スズメバチかもしれないので手を出していません。
        駆除の予定が決まったら、入口に貼り紙をしていただけると助かります。

        野口 博
        """), note="benign 殺虫剤, 駆除"))

    R("ueda.kazuyo@mail.example.jp", "上田 和代", "sjis", "bousai", "resident [fire-safety talk, own deadline]",
      M(5, "14:02", "町内会での防災講座のお願い", tx("""
        危機管理課 御中

        あおば東町内会で防災担当をしております上田です。
        冬になると暖房器具を使う家が増えるので、12月の町内会の集まりで、火の元の確認や消火器の使い方について
        お話をしていただける方を派遣していただけないでしょうか。
        参加者は高齢の方が中心で、20名ほどの予定です。
        日程は12月6日（日）か13日（日）の午前中を考えています。
        11月20日ごろまでにお返事をいただけると、回覧板で案内を出せるので大変助かります。

        上田 和代
        """), note="benign 火の元; a deadline of the writer's own, asked politely"))

    R("kobori.shizuka@aoba-net.example", "小堀 静香", "u8q", "kankyo", "resident [pigeons]",
      M(10, "16:33", "駅の高架下のハトのふん被害", tx("""
        環境政策課 ご担当者様

        あおば台駅の高架下で、この半年ほどでハトが爆発的に増えたように感じます。
        歩道がふんだらけで、ベビーカーを押して通るのもためらうほどです。
        エサをあげている人がいるという話も聞きます。
        市としてどういう対策が取れるのか、一度現地を見ていただけないでしょうか。

        小堀 静香
        """), note="benign 爆発的に増えた"))

    R("tamura.yu.books@gmail.com", "田村 悠", "u8b", "tosho", "resident [library reservation]",
      M(8, "21:17", "予約の順番について", tx("""
        中央図書館 御中

        呉勝浩さんの『爆弾』を9月に予約したのですが、まだ40人待ちのままです。
        人気の本なので仕方ないとは思いますが、複本を増やす予定はありますか。
        購入の予定がなければ、他の市の図書館からの取り寄せ（相互貸借）はお願いできるのでしょうか。

        田村 悠
        """), note="benign 爆弾 (a novel's title)"))

    R("fujii.megumi@yahoo.co.jp", "藤井 めぐみ", "jis", "kodomo", "resident [after-school club, own deadline]",
      M(12, "23:05", "来年度の学童保育の申込について", tx("""
        こども未来課 御中

        来年4月から小学1年生になる娘の学童保育の申込について質問です。
        1. 申込書はいつから配布されますか
        2. 両親ともフルタイム勤務ですが、祖母が近くに住んでいる場合、点数は下がりますか
        3. 第一希望の学童が定員を超えた場合、どうなりますか

        職場に勤務証明書を頼むのに時間がかかるので、今月末までに教えていただけると助かります。
        夜分に失礼いたしました。

        藤井 めぐみ
        """), note="own deadline asked politely"),
      M(16, "12:40", "Re: 来年度の学童保育の申込について", tx("""
        こども未来課 御中

        ご回答ありがとうございました。12月1日から配布とのこと、承知しました。
        祖母の件も詳しく教えていただき、安心しました。

        藤井
        """)))

    R("ogawa.shigeru@hikari-isp.example", "小川 茂", "euc", "senkyo", "resident [early voting, accessibility]",
      M(4, "10:10", "期日前投票所の場所と時間", tx("""
        選挙管理委員会 御中

        11月15日の市議会議員補欠選挙の期日前投票について教えてください。
        父が車椅子なので、段差のない投票所がいいのですが、市役所本庁舎以外の会場もバリアフリーでしょうか。
        また、介助者が一緒に記載台まで行ってもよいのかも知りたいです。

        小川 茂
        """)))

    R("kubo.akira.55@docomo.ne.jp", "久保 明", "sjis", "shimin", "resident [ID card burnt in a kitchen fire]",
      M(19, "13:40", "マイナンバーカードの再発行", tx("""
        市民課様

        先日、台所でボヤを出してしまい、財布ごとマイナンバーカードが焼けてしまいました。
        幸いけが人はいませんでした。消防署で罹災証明はもらっています。
        再発行の手数料と、必要な持ち物を教えてください。
        カードができるまでの間、病院で保険証の代わりになるものはありますか。

        久保 明
        """), note="benign ボヤ, 焼けて"))

    R("takeda.yosuke@aoba-net.example", "武田 洋介", "jis", "doro", "resident [pothole, photo attached]",
      M(17, "07:12", "市道の陥没（あおば台4丁目）", tx("""
        道路課 御中

        あおば台4丁目のコンビニ前の市道に、直径30cmほどの穴があいています。
        昨夜、自転車の高校生が転びそうになっていました。
        夜は暗くて見えにくいので、応急でもいいので何か目印を置いていただけると安心です。
        写真を添付します。

        武田 洋介
        """), att=[Attachment("IMG_2031.jpg", "image/jpeg", jpg_bytes("takeda"))]),
      M(18, "19:25", "Re: 市道の陥没（あおば台4丁目）", tx("""
        道路課 御中

        今朝見たら、もう穴が埋めてありました。こんなに早く対応していただけるとは思いませんでした。
        ありがとうございました。

        武田
        """)))

    R("nakai.tomoko@example.ne.jp", "中井 智子", "u8q", "nouzei", "resident [thanks, wants to thank in person]",
      M(20, "12:35", "加藤さんにお礼をお伝えください", tx("""
        納税課 御中

        先月、市税の分納の相談で伺った中井です。
        担当の加藤さんが、こちらの事情をよく聞いてくださり、無理のない支払い計画を一緒に考えてくださいました。
        あのときは本当に追い詰められていたので、救われた思いです。
        来月、次の分を払いに窓口へ行くときに、加藤さんに直接お礼を言いたいのですが、
        加藤さんが窓口にいらっしゃる曜日を教えていただけますか。

        中井 智子
        """), mentions=[KATO], note="wants to thank the clerk in person at the counter: benign"))

    R("sakamoto.jun@gmail.com", "坂本 潤", "u8b", "info", "resident [asks a section's phone number]",
      M(24, "09:03", "介護保険課の電話番号を教えてください", tx("""
        ホームページで探したのですが、見つけられませんでした。
        介護保険課の直通の電話番号を教えてください。
        母の要介護認定の結果について、担当の方と電話でお話ししたいと思っています。

        坂本
        """), note="asks the section's phone number: benign"))

    first = tx("""
        道路課 御中

        あおば北5丁目の交差点の街灯が、一週間ほど前からチカチカと点滅しています。
        電柱の番号は「北5-12」です。交換をお願いできますでしょうか。

        松井 健太郎
        """)
    R("matsui.kentaro@hikari-isp.example", "松井 健太郎", "euc", "doro", "resident [street light, one polite reminder]",
      M(4, "20:20", "街灯が点滅しています", first),
      M(13, "19:55", "Re: 街灯が点滅しています", tx("""
        道路課 御中

        11月4日にご連絡した、あおば北5丁目の街灯の件です。その後いかがでしょうか。
        急かすつもりはないのですが、まだ点滅したままなので念のためご連絡しました。
        お手すきのときにご確認いただければ幸いです。

        松井
        """) + "\n" + quote(first), note="one polite reminder"))

    R("emily.carter.ca@gmail.com", "Emily Carter", "ascii", "gomi", "English-speaking resident [garbage sorting]",
      M(3, "15:40", "Question about garbage sorting (newcomer)", tx("""
        Hello,

        I moved to Aoba City from Canada last month. I'm dying to get the garbage sorting right,
        because my neighbour already had to re-sort one of my bags (she was very kind about it, haha).

        Is there an English version of the garbage calendar? And where do I throw away used batteries?

        Thank you very much,
        Emily Carter
        """), note="benign 'dying to'"))

    R("raj.mehta@outlook.jp", "Raj Mehta", "ascii", "zei", "English-speaking resident [resident tax, own deadline]",
      M(25, "22:10", "Resident tax notice - I was abroad for 3 months", tx("""
        Dear Resident Tax Division,

        I received a resident tax notice and I am not sure it is correct.
        From June to August I was working in Singapore and my salary was paid there.
        Does that income count for Aoba City resident tax? Is the deadline for the next
        installment November 30?

        I am travelling again from December 4, so a reply by next Thursday would help a lot,
        if that is possible.

        Best regards,
        Raj Mehta
        """), note="a line starting with 'From ' (mboxrd escaping); own deadline asked politely"))

    R("shimizu.naomi@softbank.ne.jp", "清水 直美", "sjis", "kankyo", "resident [night construction noise]",
      M(17, "23:20", "夜間工事の騒音について", tx("""
        環境保全課 御中

        あおば中央2丁目のマンション建設現場で、ここ1週間、夜11時過ぎまで工事の音が続いています。
        子どもが寝つけず、正直困っています。
        市に届け出されている作業時間を確認していただき、事業者に指導していただくことはできますか。
        まだ我慢できないほどではありませんが、長引くようならまたご相談させてください。

        清水 直美
        """)),
      M(25, "21:48", "Re: 夜間工事の騒音について", tx("""
        環境保全課 御中

        先日は事業者に連絡していただいたそうで、ありがとうございました。
        この数日は夜9時には音が止まるようになりました。助かっています。

        清水
        """)))

    R("hasegawa.osamu@sora-net.example", "長谷川 修", "jis", "kouen", "resident [dead fish in a park pond]",
      M(14, "06:55", "あおば中央公園の池で魚が死んでいます", tx("""
        公園緑地課 御中

        今朝の散歩の途中、中央公園の池で、コイが10匹以上浮いて死んでいるのを見つけました。
        水が濁っていて、少し臭いもします。何か薬品が流れ込んだのではないかと心配です。
        子どもが池のそばで遊ぶので、早めに調べていただけますか。

        長谷川 修
        """), note="benign 死んで"))

    R("kaneko.yui@softbank.ne.jp", "金子 結衣", "sjis", "hoiku", "resident [third inquiry, civil frustration]",
      M(10, "12:50", "保育料の口座振替がまだ始まりません", tx("""
        保育課の皆さま

        お世話になります。金子です。
        9月に口座振替の申込書を提出したのですが、11月分もまた納付書が届きました。
        この件で問い合わせるのは、これで3回目になります。どこで止まっているのか、正直なところ教えていただきたいです。
        今月分は納付書で払いますが、来月からは確実に振替になるよう確認をお願いします。

        金子 結衣
        """), note="civil frustration (third inquiry): not excessive"))

    R("maeda.takashi@sora-net.example", "前田 隆", "euc", "hisho", "resident [calm opinion on spending]",
      M(6, "21:30", "新庁舎の整備費について意見です", tx("""
        市長への手紙 ご担当者様

        広報あおば11月号で、新庁舎の整備費がまた増額されたと知りました。
        物価高で仕方ない面もあるのでしょうが、市民の生活も苦しい中、税金の使い道としては疑問です。
        増額の内訳を、市のホームページで分かりやすく公開していただけないでしょうか。
        一市民の意見として、ご検討いただければと思います。

        前田 隆
        """), note="calm criticism of spending: no category"))

    R("arai.sayaka@gmail.com", "荒井 さやか", "u8q", "kodomo", "resident [thanks to a clerk]",
      M(26, "18:05", "学童の件、木村さんにお礼を", tx("""
        こども未来課 木村様

        先日は、放課後児童クラブの空き状況を何度も確認していただき、ありがとうございました。
        「4月まで待たなくても、2月に空きが出るかもしれない」と教えていただいたおかげで、
        仕事に復帰する時期を決めることができました。
        お忙しいのに、いつも嫌な顔ひとつせず対応してくださって感謝しています。

        荒井 さやか
        """), mentions=[KIMURA]))

    R("kobayashi.hideo@sora-net.example", "小林 秀夫", "jis", "suido", "resident whose surname is a clerk's",
      M(16, "10:30", "水道の名義変更について", tx("""
        上下水道課 御中

        母の名義になっている実家（あおば西3丁目）の水道を、長男の私の名義に変更したいと考えています。
        母は施設に入所しており、今後は私が料金を支払います。
        手続きは電話でもできますか。書類が必要であれば送っていただけると助かります。

        小林 秀夫
        """), note="signed with his own surname 小林: neither a mention nor a target"))

    R("ikeda.mio@example.ne.jp", "池田 美桜", "u8b", "tosho", "resident [library Wi-Fi]",
      M(19, "15:15", "閲覧室のWi-Fiについて", tx("""
        中央図書館 御中

        2階の閲覧室で、無料Wi-Fiがつながりにくい日が続いています。
        特に午後3時以降は、ページがほとんど開きません。
        受験勉強で調べものをしているので、改善の予定があれば教えていただけるとうれしいです。

        池田 美桜
        """)))

    R("matsuda.kazu@ezweb.ne.jp", "松田 一男", "sjis", "gomi", "resident [bulky waste booking]",
      M(2, "18:00", "粗大ごみの申込について", tx("""
        ごみ減量課様
        古いタンスと電子レンジを出したいのですが、電子レンジも粗大ごみでよいのでしょうか。
        インターネットの申込画面で品目が見つかりませんでした。
        年内に出したいので、予約の空きがあるかも教えてください。
        松田
        """)))

    R("okubo.shiori@gmail.com", "大久保 栞", "u8q", "shimin", "resident [urgent question, asked politely]",
      M(27, "08:20", "電子証明書の更新は今日中にできますか", tx("""
        市民課 御中

        朝早くにすみません。マイナンバーカードの電子証明書の有効期限が明日までだと、今気づきました。
        今日の夕方、仕事帰りに窓口へ伺っても更新はできますでしょうか。
        夜間窓口が金曜日にあると聞いた気がするのですが、何時まででしょうか。
        急ぎで申し訳ないのですが、お昼ごろまでにお返事をいただけると、とても助かります。

        大久保 栞
        """), note="polite urgency about her own deadline: not excessive"))

    R("hoshino.masae@hikari-isp.example", "星野 昌枝", "euc", "kaigo", "resident [thanks to a clerk]",
      M(13, "16:45", "井上様にお礼申し上げます", tx("""
        介護保険課 御中

        主人の要介護認定の区分変更では、井上玲奈様に大変お世話になりました。
        何度も電話でお尋ねしたのに、そのたびに分かりやすく説明してくださいました。
        おかげさまで、来月からデイサービスを週3回に増やせることになりました。
        井上様、本当にありがとうございました。

        星野 昌枝
        """), mentions=[INOUE]))

    R("miura.tetsuo@aoba-net.example", "三浦 哲夫", "jis", "doro", "resident [sidewalk step]",
      M(10, "11:05", "歩道の段差について", tx("""
        道路課 御中

        あおば台2丁目の郵便局前の歩道に、5cmほどの段差があります。
        妻が車椅子を使っているのですが、毎回前輪が引っかかって、通るのに苦労しています。
        スロープにしていただくことは可能でしょうか。

        三浦 哲夫
        """)))

    R("sekine.yumi@docomo.ne.jp", "関根 由美", "sjis", "senkyo", "resident [fallen poster board]",
      M(7, "08:15", "ポスター掲示板が倒れています", tx("""
        選挙管理委員会の方へ
        昨夜の強風のせいか、あおば南公園の入口にある選挙ポスターの掲示板が歩道側に倒れています。
        通学路なので、子どもがぶつからないか心配です。
        早めに起こしていただけますか。
        関根
        """)))

    R("endo.kenji@sora-net.example", "遠藤 健二", "u8b", "soudan", "resident [reports a phone fraud attempt]",
      M(18, "14:22", "市役所を名乗る電話がありました", tx("""
        市民相談室 御中

        昨日の午後、「あおば市役所の保険課です。医療費の還付金があります」という電話がかかってきました。
        ATMに行くように言われたので、おかしいと思ってすぐに切りました。
        実家の母にも同じような電話が来たそうです。
        広報やホームページで注意を呼びかけていただけないでしょうか。

        遠藤 健二
        """), note="reports a fraud call (詐欺): benign"))

    R("kitamura.asuka@example.ne.jp", "北村 明日香", "euc", "kenkou", "resident [vaccination]",
      M(5, "13:10", "インフルエンザ予防接種の助成", tx("""
        健康推進課 御中

        2歳の子どものインフルエンザ予防接種について、市の助成はありますか。
        あるとすれば、かかりつけの小児科でも使えるのか教えてください。

        北村 明日香
        """)))

    R("takagi.ichiro@aoba-net.example", "高木 一郎", "jis", "kouen", "resident [bonfire in a park]",
      M(22, "17:30", "河川敷公園での焚き火", tx("""
        公園緑地課 御中

        あおば川の河川敷公園で、週末になると焚き火をしているグループがいます。
        今日も夕方、火の粉が枯れ草のほうに飛んでいて、見ていてひやひやしました。
        焚き火は禁止だと思うのですが、看板を立てるなどしていただけませんか。
        火事になってからでは遅いので、よろしくお願いします。

        高木 一郎
        """), note="benign 焚き火, 火事"))

    R("ono.riku@softbank.ne.jp", "小野 陸", "sjis", "jitensha", "resident [retrieve a removed bicycle]",
      M(24, "12:05", "撤去された自転車の引き取り", tx("""
        自転車対策係の方へ
        駅前に止めていた自転車が撤去されていました。ルールを守らなかった自分が悪いです。
        保管所の場所と、引き取りに必要なもの（防犯登録のカード？）を教えてください。
        土曜日も開いていますか。
        小野
        """)))

    R("lin.meihua@gmail.com", "Lin Meihua", "u8b", "hoiku", "resident writing in simple English and Japanese",
      M(9, "10:40", "Daycare application / 保育園の申込", tx("""
        Hello, I am Lin. I live in Aoba-dai 1-chome.
        こんにちは。林です。日本語は少しだけです。

        I want to apply for daycare (hoikuen) for my son from April. He is 1 year old.
        Is there an English form? Can I bring my friend to help translate at the counter?

        よろしくおねがいします。
        Lin Meihua
        """)))

    R("yokoyama.tsuyoshi@hikari-isp.example", "横山 剛", "u8q", "suido", "resident [reply by Friday, polite]",
      M(11, "09:45", "水道管工事のお知らせについて", tx("""
        上下水道課 御中

        ポストに「配水管更新工事のお知らせ」が入っていました。
        工事期間中、自宅前の道路は車が出せなくなるのでしょうか。
        妻が週2回透析に通っていて、朝7時に車で出る必要があります。
        通院の予定を病院と調整したいので、今週金曜までにお返事をいただけますと幸いです。

        横山 剛
        """), note="asks for a reply by Friday for a real reason: not excessive"))

    R("ota.sachiko@example.ne.jp", "太田 幸子", "euc", "kodomo", "resident [school-route volunteers]",
      M(19, "20:15", "通学路の見守り活動について", tx("""
        こども未来課 御中

        あおば第一小学校の通学路で、朝の見守りボランティアをしている太田です。
        メンバーが高齢になり、人数が減ってきました。
        市で見守り活動の参加者を募集するような仕組みはありますでしょうか。
        ベストや旗の貸し出しについても教えていただけると助かります。

        太田 幸子
        """)))

    R("harada.noboru@aoba-net.example", "原田 昇", "jis", "kaigo", "resident [polite complaint about a clerk's explanation]",
      M(20, "15:50", "介護保険の説明について（ご意見）", tx("""
        介護保険課 御中

        先日、窓口で井上さんに高額介護サービス費の説明をしていただきました。
        丁寧に対応していただいたのですが、専門用語が多くて、年寄りの私には少し分かりにくかったです。
        図や例が入った説明の紙があると、もっと分かりやすいのではないかと思いました。
        責めるつもりはありません。今後の参考にしていただければ幸いです。

        原田 昇
        """), mentions=[INOUE], note="polite complaint about service naming a clerk: a mention"))

    R("fukuda.erika@gmail.com", "福田 えりか", "u8b", "zei", "resident [hometown tax donation]",
      M(23, "22:40", "ふるさと納税の返礼品について", tx("""
        市民税課 御中

        あおば市にふるさと納税をしたいと思っているのですが、返礼品の一覧が見つかりません。
        市内の梨園の梨は、今年はもう終わってしまったのでしょうか。

        福田 えりか
        """)))

    R("sugawara.h@mail.example.jp", "菅原 浩", "u8q", "kouen", "resident [HTML-only mail: bench donation]",
      M(21, "10:12", "記念ベンチの寄付について", None, html=(
          "<html><body><p>公園緑地課&nbsp;御中</p>"
          "<p>先月亡くなった妻が好きだった<b>あおば中央公園</b>に、記念のベンチを寄付したいと考えています。<br>"
          "プレートに名前を入れることはできますか。費用の目安も教えてください。</p>"
          "<p>菅原&nbsp;浩</p></body></html>\n"), note="HTML-only mail"))

    R("murakami.aya@hikari-isp.example", "村上 彩", "u8b", "kodomo", "resident [attachment-only mail, then a note]",
      M(6, "07:30", "現況届の写し", None, att=[Attachment("現況届_村上.pdf", "application/pdf", pdf_bytes("genkyo todoke"))],
        note="attachment only, no text part"),
      M(6, "07:34", "Re: 現況届の写し", tx("""
        すみません、本文を書かずに送ってしまいました。
        児童手当の現況届の写しを添付しております。原本は本日郵送します。
        村上
        """)))

    R("hayashi.masako@sora-net.example", "林 昌子", "jis", "shimin", "resident [asks a clerk's name to send thanks]",
      M(25, "11:20", "窓口の職員の方のお名前を教えてください", tx("""
        市民課 御中

        昨日の夕方、戸籍の証明書を取りに伺いました。
        必要な書類を間違えて持って行ったのに、眼鏡をかけた女性の職員の方が、
        ほかの方法を一緒に探してくださり、その日のうちに証明書を出していただけました。
        市長への手紙でお礼を書きたいので、差し支えなければその方のお名前を教えていただけますか。

        林 昌子
        """), note="asks a clerk's name to thank her officially: benign"))

    R("nagano.kumi@aoba-net.example", "長野 久美", "u8q", "shimin", "resident [witnessed abuse at the counter]",
      M(11, "19:10", "窓口で見たことについて", tx("""
        市民課の皆さま

        今日の午後、住民票を取りに行ったとき、年配の男性が窓口で「税金泥棒」「お前なんか辞めちまえ」と
        大声で怒鳴っていました。対応していた若い職員の方は、最後まで落ち着いて話を聞いていて、本当に立派でした。
        ああいう人ばかりではないことを伝えたくて、メールしました。
        職員の皆さん、いつもありがとうございます。

        長野 久美
        """), note="reported speech: the insults were shouted by someone else; thanks"))

    R("nishida.shinsuke@docomo.ne.jp", "西田 慎介", "sjis", "doro", "Kansai-speaking resident [thanks]",
      M(26, "12:10", "側溝の蓋、ありがとうございました", tx("""
        道路課の松本さん

        この前は側溝の蓋のガタガタ、すぐ見に来てくれてほんまにありがとうございました。
        夜中に車が通るたびにガタンガタン鳴って、家族みんな寝られへんかったんですわ。
        直してもろてから、めっちゃ静かです。
        おおきに。

        西田
        """), mentions=[MATSUMOTO], note="Kansai dialect, thanks to a named clerk"))

    R("kondo.michiko@hikari-isp.example", "近藤 美智子", "euc", "soudan", "resident [worried about a neighbour: possible DV]",
      M(21, "23:35", "隣の家のことで相談です", tx("""
        市民相談室 御中

        夜分に失礼します。
        ここ数日、隣の家から夜中に男性の「殺してやる」という怒鳴り声と、女性の泣き声が聞こえます。
        今夜もです。DVではないかと心配です。
        警察に通報すべきか迷っていますが、市でこういう相談を受けてくれる窓口はありますか。

        近藤 美智子
        """), note="reported speech (a neighbour's shouting); the writer asks for help"))

    R("ishii.takumi@sora-net.example", "石井 拓海", "u8b", "shoko", "resident [shopping-street proposal]",
      M(12, "16:20", "商店街のイベントについての提案", tx("""
        商工観光課 御中

        あおば銀座商店街で八百屋を営んでいる石井です。
        空き店舗が増えてきたので、若い人向けのマルシェを月1回開けないかと、商店会で話しています。
        地域を盛り上げる起爆剤になればと思っています。
        市の補助金で使えそうなものがあれば、一度ご相談に伺わせてください。

        石井 拓海
        """), note="benign 起爆剤"))

    R("ito.sadako@mail.example.jp", "伊東 貞子", "jis", "gomi", "resident [burning leaves?]",
      M(15, "14:05", "庭の落ち葉を燃やしてもいいですか", tx("""
        ごみ減量課 御中

        庭の柿の木の落ち葉がたくさん出ます。昔は庭で燃やしていたのですが、今は燃やしてはいけないのでしょうか。
        燃やせないなら、可燃ごみの袋に入れて出せばよいですか。袋の数に決まりはありますか。

        伊東 貞子
        """), note="benign 燃やす"))

    R("aoki.nana@gmail.com", "青木 菜々", "u8q", "soudan", "resident [victim: photos exposed online]",
      M(17, "21:00", "娘の写真がSNSに晒されています", tx("""
        市民相談室 御中

        中学生の娘の写真が、知らないアカウントにSNSで晒されていることが分かりました。
        学校名まで書かれています。娘はショックで部屋から出てきません。
        警察と学校には連絡しましたが、市でもネットの人権侵害の相談を受け付けていると聞きました。
        どこに連絡すればよいか教えてください。

        青木 菜々
        """), note="the writer's daughter is the victim (晒されて): benign"))

    R("sano.hiroko@ezweb.ne.jp", "佐野 裕子", "sjis", "kaigo", "resident [messy application form]",
      M(9, "15:30", "申請書を書き直したいです", tx("""
        介護保険課の方へ
        先週、母の負担限度額認定の申請書を窓口に出しましたが、急いでいて殴り書きのようになってしまいました。
        読みにくくてご迷惑をおかけしていないか心配です。
        書き直したものを郵送してもよいでしょうか。
        佐野
        """), note="benign 殴り書き"))

    R("tom.baker.aoba@icloud.com", "Tom Baker", "ascii", "jitensha", "English-speaking resident [bike parking idiom]",
      M(16, "08:05", "Monthly bike parking near Aoba-dai station", tx("""
        Hi,

        Honestly, I'd kill for a monthly spot at the Aoba-dai station bike parking. The waiting list
        has said "about 3 months" since July.

        Is there any way to check my position on the list online? And are there other parking lots
        within walking distance that still have monthly spots?

        Thanks,
        Tom Baker
        """), note="benign idiom 'I'd kill for'"))

    R("yamane.kaori@hikari-isp.example", "山根 香織", "euc", "kouen", "resident [broken swing]",
      M(3, "16:50", "ブランコの鎖が切れかけています", tx("""
        公園緑地課 御中

        さくら児童公園のブランコ（右側）の鎖が、一か所錆びて切れかけています。
        今日は祝日で子どもがたくさん遊んでいました。落ちたら大けがになると思います。
        使用禁止の札だけでも早めにお願いできますでしょうか。

        山根 香織
        """)))

    R("kishi.yutaka@aoba-net.example", "岸 豊", "jis", "suido", "resident [water start, then thanks]",
      M(2, "10:00", "水道の使用開始の手続き", tx("""
        上下水道課 御中

        11月8日（日）に、あおば台3丁目の賃貸アパートに引っ越します。
        水道の使用開始の手続きは、このメールでできますか。
        日曜日でも水が出るようにしておいていただけると助かります。

        岸 豊
        """)),
      M(9, "08:12", "Re: 水道の使用開始の手続き", tx("""
        上下水道課 御中

        おかげさまで、引っ越し当日から問題なく水が使えました。
        ご対応ありがとうございました。

        岸
        """)))

    R("furukawa.jun@sora-net.example", "古川 純", "u8b", "doro", "resident [school zone speeding]",
      M(24, "07:40", "スクールゾーンの速度対策をお願いします", tx("""
        道路課 御中

        あおば第二小学校の前の市道は、朝7時半から8時半までスクールゾーンなのに、
        抜け道として使う車が40キロ以上で走っています。
        今朝も、旗当番の保護者の目の前で、低学年の子が車にひかれそうになりました。
        このままでは、いつか子どもが死にます。ハンプやポールの設置を本気で検討してください。

        古川 純
        """), note="rhetorical 死にます about road safety: benign"))

    R("takeuchi.mari@softbank.ne.jp", "竹内 真理", "sjis", "hoiku", "resident [deadline asked as a question]",
      M(5, "12:30", "保育園見学の申込期限", tx("""
        保育課 御中
        来年度の入所に向けて、ひだまり保育園の見学をしたいと思っています。
        見学の申込みの締め切りは、来週の月曜日（9日）でしょうか。
        それとも各保育園に直接申し込むのでしょうか。
        竹内
        """), note="a deadline asked as a question"))

    R("nomura.yoshie@example.ne.jp", "野村 佳江", "euc", "kaigo", "resident [worried about her mother]",
      M(26, "10:25", "母のことで相談させてください", tx("""
        介護保険課 御中

        一人暮らしをしている78歳の母が、最近「もう死にたい」「生きていても迷惑をかけるだけ」と
        口にするようになりました。足腰が弱って、外に出なくなってからです。
        私は県外に住んでいて、すぐには行けません。
        地域包括支援センターに相談すればよいのでしょうか。連絡先を教えてください。

        野村 佳江
        """), note="reported words of the writer's mother; a request for help"))

    R("morita.koji@aoba-net.example", "森田 浩二", "jis", "senkyo", "resident [campaign car noise, civil]",
      M(10, "13:15", "選挙カーの音量について", tx("""
        選挙管理委員会 御中

        補欠選挙の期間中ということは承知していますが、夜勤明けで昼間に寝ている身としては、
        住宅街を何度も回る選挙カーの音量がつらいです。
        各陣営に音量への配慮をお願いしていただくことはできないでしょうか。

        森田 浩二
        """)))

    R("ando.keiko@gmail.com", "安藤 恵子", "u8q", "gomi", "resident [crow net]",
      M(20, "07:55", "カラスよけネットの貸し出し", tx("""
        ごみ減量課 御中

        うちの班のごみ集積所が、毎週カラスに荒らされています。
        今使っているネットが小さくて、袋がはみ出してしまいます。
        大きめのネットを貸していただくことはできますか。

        安藤 恵子
        """)))

    R("shibata.ryo@hikari-isp.example", "柴田 亮", "u8b", "shimin", "resident [thanks to a clerk, slang 爆速]",
      M(12, "19:30", "マイナ保険証の手続き、ありがとうございました", tx("""
        市民課の小林さんへ

        今日の昼休みに、マイナ保険証の利用登録で伺った柴田です。
        スマホの操作が分からずにいたら、小林さんがその場で一緒にやってくださって、爆速で終わりました。
        昼休みの間に会社に戻れて助かりました。ありがとうございました！

        柴田 亮
        """), mentions=[KOBAYASHI], note="benign slang 爆速; thanks to a named clerk"))

    R("iwasaki.fumiko@docomo.ne.jp", "岩崎 文子", "sjis", "bousai", "resident [disaster mail sign-up]",
      M(8, "09:20", "防災メールの登録の仕方", tx("""
        危機管理課様
        携帯電話で防災メールを受け取りたいのですが、登録の仕方がわかりません。
        らくらくホンでもできますか。
        岩崎
        """)))

    R("kudo.satoshi@example.ne.jp", "工藤 聡", "euc", "shimin", "resident [certificate by mail, this week]",
      M(16, "11:50", "住民票の写しを郵送でお願いしたい", tx("""
        市民課 御中

        単身赴任先から失礼します。工藤です。
        住宅ローンの手続きで、世帯全員の住民票の写しが1通必要になりました。
        郵送請求の書き方を教えていただけますか。
        銀行の締め切りが来週なので、急ぎで申し訳ないのですが、今週中に発送していただけると助かります。

        工藤 聡
        """), note="polite urgency of his own: not excessive"))

    R("tsuji.kenta@sora-net.example", "辻 健太", "jis", "doro", "resident [thanks to a clerk]",
      M(30, "09:10", "カーブミラーの修理のお礼", tx("""
        道路課 御中

        先週お願いした、あおば北2丁目のカーブミラーの向きの件、さっそく直していただきました。
        現地で確認してくださった松本さんにも、よろしくお伝えください。
        見通しがよくなって、朝の出勤が安心になりました。

        辻 健太
        """), mentions=[MATSUMOTO]))

    R("hamada.rie@aoba-net.example", "浜田 理恵", "u8q", "tosho", "resident [return box broken]",
      M(23, "16:35", "返却ポストの扉が壊れています", tx("""
        中央図書館 御中

        休館日なので返却ポストを使おうとしたら、扉が閉まらなくなっていました。
        雨が降ると中の本が濡れてしまいそうです。
        念のためお知らせします。

        浜田 理恵
        """)))

    R("kojima.tadashi@softbank.ne.jp", "小島 正", "sjis", "gomi", "resident using half-width katakana (old phone)",
      M(13, "06:40", "ｺﾞﾐの収集日ｶﾚﾝﾀﾞｰ", tx("""
        ｺﾞﾐ減量課 様
        来年の収集日ｶﾚﾝﾀﾞｰは いつ配られますか
        なくしてしまったので 今年の分も もう一部ほしいです
        小島
        """), note="half-width katakana in a benign mail"))

    R("sakai.yoko@gmail.com", "酒井 陽子", "u8b", "soudan", "resident [reports online threats against the office]",
      M(22, "20:50", "SNSで市役所への書き込みを見ました", tx("""
        市民相談室 御中

        念のためお知らせします。
        X（旧Twitter）で、あおば市役所の職員に対して「殺す」「火をつけてやる」と書いているアカウントを見つけました。
        スクリーンショットを添付します。警察にも通報しました。
        職員の皆さんの安全のため、ご確認ください。

        酒井 陽子
        """), att=[Attachment("screenshot.png", "image/png", png_bytes("sakai"))],
        note="reports someone else's threats (reported speech): benign"))

    R("goto.hiromi@hikari-isp.example", "後藤 裕美", "jis", "info", "resident writing on three different matters",
      M(4, "21:10", "公園のトイレの照明", tx("""
        あおば市役所 御中

        若葉公園のトイレの照明が夜つかなくなっています。ご確認をお願いします。

        後藤 裕美
        """)),
      M(11, "21:40", "図書館のおはなし会", tx("""
        あおば市役所 御中

        中央図書館の土曜日のおはなし会は、予約が必要でしょうか。3歳の子と参加したいです。

        後藤 裕美
        """)),
      M(24, "22:05", "学童のおやつ代", tx("""
        あおば市役所 御中

        学童のおやつ代の引き落とし日が変わったと聞きました。何日になったのでしょうか。

        後藤 裕美
        """), note="three different matters: not repeated_same_purpose"))

    R("info@aoba-kita-sho.example", "あおば北小学校 事務室", "jis", "kodomo", "organisation [school]",
      M(18, "14:30", "学童保育の見学受け入れについて（依頼）", tx("""
        こども未来課 御中

        あおば北小学校 事務室の吉村です。
        来月、PTAの方々が放課後児童クラブの見学を希望しております。
        12月の平日で、受け入れ可能な日程を11月27日（金）までにお知らせいただけますでしょうか。
        よろしくお願いいたします。

        あおば北小学校 事務室 吉村
        """), note="an organisation's routine request with a deadline: benign"))

    R("care@hidamari-kaigo.example", "ひだまり居宅介護支援事業所", "u8b", "kaigo", "organisation [care office]",
      M(19, "10:05", "認定調査の日程調整のお願い", tx("""
        介護保険課 ご担当者様

        ひだまり居宅介護支援事業所のケアマネジャー、原です。
        利用者様（あおば南1丁目）の区分変更申請に伴う認定調査につきまして、
        ご家族が立ち会える日程が12月2日か3日の午後に限られております。
        調整が可能かどうか、来週中にご連絡いただけますと幸いです。

        原
        """)))

    R("sasaki.kyoko@mail.example.jp", "佐々木 京子", "euc", "fukushi", "resident [asks about a burglary prevention grant]",
      M(27, "13:25", "防犯カメラの補助について", tx("""
        福祉政策課 御中

        近所で空き巣被害が続いているので、一人暮らしの父の家に防犯カメラをつけたいと思っています。
        高齢者世帯向けの補助金があると聞いたのですが、今年度もまだ申し込めますか。

        佐々木 京子
        """), note="benign 空き巣"))

    R("uchida.ken@aoba-net.example", "内田 健", "u8b", "kenkou", "resident [rat poison question]",
      M(28, "11:00", "ネズミの駆除について", tx("""
        健康推進課 御中

        天井裏でネズミが走り回っていて、夜眠れません。
        市販の殺鼠剤を使おうと思っていますが、隣の家の猫が食べてしまわないか心配です。
        市でネズミ駆除の業者を紹介してもらえたり、補助があったりしますか。

        内田 健
        """), note="benign 殺鼠剤, 駆除"))

    R("maruyama.sho@sora-net.example", "丸山 翔", "u8q", "senkyo", "resident [asks about results]",
      M(16, "12:15", "補欠選挙の開票結果の掲載", tx("""
        選挙管理委員会 御中

        昨日の市議会議員補欠選挙の投票区ごとの投票率を調べています。
        ホームページへの掲載はいつごろになりますか。大学のゼミの課題で使いたいと思っています。

        丸山 翔
        """)))

    R("kurata.emi@icloud.com", "倉田 恵美", "u8b", "hoiku", "resident [thanks + gift question answered properly]",
      M(30, "17:20", "保育課の皆さまへ", tx("""
        保育課の皆さま

        4月からの入所が決まったと通知が届きました。何度も相談に乗っていただき、ありがとうございました。
        お礼に菓子折りをお持ちしたいのですが、市役所では受け取っていただけないのでしょうか。
        もし駄目でしたら、お手紙だけでもお送りします。

        倉田 恵美
        """), note="asks if the section accepts a gift: benign (no clerk's private data asked)"))

# ---------------------------------------------------------------------------
# harassers who write one to three mails
# ---------------------------------------------------------------------------

def build_few_mail_harassers() -> None:
    H = person
    # --- threats -----------------------------------------------------------------------------
    H("g.okamoto@sora-net.example", "岡本 剛", "sjis", "suido", "threat + abusive + demand, Kansai dialect",
      M(5, "22:14", "水道代ぼったくりやろ", tx("""
        おい、水道局
        なんで今月だけ2万超えとんねん。そんなに使うてへん言うとるやろ。
        メーター見間違えたんちゃうんか。ほんまアホばっかりやな。
        電話したら「確認します」言うて、それっきりや。なめとんのか。
        """), cats=[AB], note="アホばっかり aimed at the office; なめとんのか alone would be no category"),
      M(9, "07:50", "Re: 水道代ぼったくりやろ", tx("""
        まだ返事ないんか。
        今日中に電話してこんかったら、窓口行ってあの眼鏡の兄ちゃんしばくぞ。
        ほんまに行くからな。覚悟しとけ。
        """), cats=[TH, EX], note="しばくぞ = announces bodily harm (threat); 今日中に電話 = ultimatum; clerk not named"))

    H("anon.taxpayer2026@gmail.com", None, "u8b", "nouzei", "veiled threat + stalking a named clerk (free mail)",
      M(18, "23:40", "納税課 加藤へ", tx("""
        督促状を送ってきた加藤さん。
        あなたの名前はしっかり覚えました。
        いつも市役所を出るのは18時過ぎですよね。あの川沿いの道、夜は人通りが少ないので気をつけた方がいいですよ。
        私は何もしませんけどね。
        """), cats=[TH, PC], targets=[KATO],
        note="veiled threat by clear implication (knows his route and time + 夜は気をつけた方がいい)"))

    H("t.hayami@aoba-net.example", "速水 徹", "jis", "hoiku", "excessive demand, then threat against a clerk's family",
      M(10, "12:05", "保育園の入所不承諾について", tx("""
        保育課 吉田さん

        うちの子が二次選考でも落ちたのは納得できません。点数の計算を間違えているのではないですか。
        選考の点数表を、うちの分と、入所できた家庭全部の分について出してください。
        今週中にお願いします。

        速水
        """), cats=[EX], targets=[YOSHIDA], note="other families' scores by this week: beyond any procedure"),
      M(12, "21:33", "吉田さんへ", tx("""
        返事がないので、もう一度だけ書きます。
        吉田さん、あなたの家族構成も知っています。上のお子さんはあおば第二小ですよね。
        自分の子どもが同じ目にあったらどう思うか、よく考えてください。
        """), cats=[TH, PC], targets=[YOSHIDA],
        note="veiled threat: the clerk's family and child's school named (threat by clear implication)"))

    H("k.t.1969@yahoo.co.jp", None, "jis", "fukushi", "arson threat, spaced obfuscation (free mail)",
      M(15, "02:11", "市役所へ", tx("""
        生活保護を打ち切ったやつら、絶対に許さない。
        あんな庁舎、灯油まいて 燃 や し て やる。
        来週の月曜、楽しみにしておけ。
        """), cats=[TH], note="燃やしてやる spaced out"))

    H("dan.harlow@icloud.com", "Dan Harlow", "ascii", "jitensha", "English-speaking: threat to property + demand (free mail)",
      M(11, "19:02", "Towed bicycle - last warning", tx("""
        Your people took my bike from the station AGAIN and want 2,000 yen to give it back.

        I know which car in the staff lot belongs to the guy at the counter, the tall one with the grey jacket.
        If my bike isn't back at my door by Friday, that car won't have any windows left. Your call.
        """), cats=[TH, EX], note="threat to property; bike delivered to his door by Friday"))

    H("kazu-0808@ezweb.ne.jp", None, "sjis", "senkyo", "threat, ○す obfuscation (free mail)",
      M(10, "23:48", "ポスター掲示板の件", tx("""
        おれの推してる候補のポスターだけ剥がされてたぞ
        選管が見て見ぬふりしてるのは知ってる
        次また同じことあったら担当者○すからな
        """), cats=[TH], note="○す = 殺す"))

    H("n.kuroda@hikari-isp.example", "黒田 昇", "euc", "doro", "complaint, then threat to expose a named clerk",
      M(6, "16:40", "道路課の松本という職員について", tx("""
        自宅前の側溝の蓋がガタガタ鳴る件で、松本という職員が来たが、「予算がない」の一点張り。
        あの態度は何だ。市民を馬鹿にしているのか。
        """), mentions=[MATSUMOTO], note="rude complaint about service: criticism, no category; the clerk is a mention"),
      M(11, "20:02", "松本へ", tx("""
        松本、お前の顔は覚えた。写真も撮ってある。
        今週中に側溝を直さなかったら、お前の顔写真と名前をネットに晒してやる。
        「あおば市のやる気ゼロ職員」としてな。
        """), cats=[TH, EX], targets=[MATSUMOTO], note="晒してやる = harm to honour; ultimatum"))

    H("ryo.hamada@sora-net.example", "浜田 亮", "u8q", "shimin", "threat without a name",
      M(13, "08:31", "マイナンバーカード窓口の対応", tx("""
        昨日の窓口の若い男。人を2時間待たせて、あげくに「書類が足りない」だと？
        お前の車のナンバーも控えた。ただで済むと思うなよ。
        """), cats=[TH], note="ただで済むと思うな + 車のナンバーを控えた: clear implication"))

    H("yabai.oyaji55@gmail.com", None, "u8b", "kouen", "threat + abusive + demand (free mail)",
      M(19, "21:26", "公園潰すな", tx("""
        あおば西公園のゲートボール場つぶすってどういうことや
        年寄りの楽しみ奪って何が市民サービスや、クソ役人
        計画出したやつ出てこい、ぶっ殺したる
        """), cats=[TH, AB, EX], note="出てこい = demands the responsible person"))

    H("ishikawa.daisuke@example.ne.jp", "石川 大輔", "jis", "gomi", "threat to property",
      M(24, "06:45", "ゴミ集積所を家の前に移した件", tx("""
        ごみ減量課

        勝手にうちの前にゴミ集積所を移しやがって。臭いしカラスは来るし最悪だ。
        町内会長とグルなのは分かってる。
        元に戻さないなら、お前らの公用車のフロントガラス、全部割ってやるからな。
        """), cats=[TH]))

    H("nanashi_aoba@yahoo.co.jp", None, "jis", "kaigo", "threat, empty subject (free mail)",
      M(27, "01:30", "", tx("""
        母の介護認定を下げたのはお前らだな
        今から包丁もってそっち行くから待ってろ
        """), cats=[TH], note="empty Subject"))

    # --- abusive -----------------------------------------------------------------------------
    H("mk.2580@softbank.ne.jp", None, "sjis", "shimin", "abusive, half-width katakana",
      M(2, "11:48", "市役所のﾊﾞｶ共へ", tx("""
        住民票1枚取るのに40分待ち
        ﾊﾞｶじゃないの？ 番号札の機械も壊れてるし
        ほんと市役所のﾊﾞｶはいつまでたっても治らんな
        """), cats=[AB]))

    H("akira.f77@docomo.ne.jp", None, "sjis", "hoiku", "abusive, spaced 死 ね",
      M(18, "22:58", "保育料高すぎ", tx("""
        所得で保育料決めるとか頭おかしい。共働きで頑張ってる家から搾り取るだけ。
        保育課の連中みんな 死 ね
        """), cats=[AB], note="死ね is abusive, not a threat"))

    H("xx.hinata.xx@icloud.com", "ひなた", "u8b", "info", "abusive, ゼ・イ・キ・ン and タヒね (free mail)",
      M(8, "00:12", "ゼ・イ・キ・ン・ド・ロ・ボ・ウ", tx("""
        あおば市の職員ってほんとゼ・イ・キ・ン・ド・ロ・ボ・ウ
        定時で帰れていいですね〜 タヒね
        """), cats=[AB]),
      M(14, "01:05", "まだいたの？", tx("""
        役立たずの市役所さん、まだ潰れてないの？ｗ
        """), cats=[AB]))

    H("kenta.m.1990@gmail.com", None, "ascii", "shimin", "abusive in romaji (free mail)",
      M(20, "18:33", "aoba-shi no shokuin e", tx("""
        zeikin dorobo no kuse ni nani sama no tsumori da yo
        madoguchi no taiou saiaku. baka ka omaera
        hayaku yamero
        """), cats=[AB], note="romaji insults"))

    H("jun1975@ezweb.ne.jp", None, "sjis", "doro", "abusive, mixed full/half width",
      M(17, "08:22", "道路工事いい加減にしろ", tx("""
        毎朝あおば大通りで工事渋滞。なんで通勤時間にやるんだよ。
        計画した奴はＢＡＫＡか？ ｸｽﾞ役人の考えることは分からん。
        """), cats=[AB]))

    H("m.brooks@sora-net.example", "Mark Brooks", "ascii", "tosho", "English-speaking: abusive",
      M(21, "13:14", "Your library \"rules\"", tx("""
        You suspended my card for two weeks because a book was three days late?
        Are you people brain-dead? A bunch of useless pen-pushers hiding behind rules. Pathetic.
        """), cats=[AB]))

    H("taka.s@hikari-isp.example", "佐伯 隆", "euc", "kankyo", "abusive, Kansai dialect",
      M(25, "20:40", "騒音の件、何もせんのか", tx("""
        隣の工場の音、何べん言うたら分かるんや。
        「指導しました」て、なんも変わっとらんやないか。ボケが。
        あんたら給料もろて何しとんねん、ほんまカスやな。
        """), cats=[AB]))

    H("o-kazuo@sora-net.example", "大西 和夫", "jis", "kaigo", "abusive toward a named clerk",
      M(12, "10:55", "井上という小娘", tx("""
        介護保険課の井上という小娘、電話で「制度上できません」しか言わない。
        あんな頭の悪いのに電話番をさせているから、市役所はダメなんだ。
        """), cats=[AB], targets=[INOUE]))

    H("rin_mama@docomo.ne.jp", "りん", "sjis", "kodomo", "abusive with emoji (falls back to UTF-8)",
      M(26, "21:15", "学童落ちた", tx("""
        学童落ちたんだけど🤬 働くなってこと？
        こども未来課ポンコツすぎ。マジで使えない💢
        """), cats=[AB]))

    H("info@tanaka-kogyo.example", "田中工業株式会社", "u8b", "keiyaku", "abusive, HTML-only (a company)",
      M(13, "17:05", "入札結果について", None, html=(
          "<html><body><p>契約課&nbsp;御中</p>"
          "<p>今回の入札、最初から結果ありきの出来レースだろう。</p>"
          "<p>こんな<b>腐った役所</b>とは二度と付き合わん。<br>担当者は<b>無能</b>の極みだ。</p>"
          "</body></html>\n"), cats=[AB], note="HTML-only"))

    # --- excessive demands -------------------------------------------------------------------
    H("y.takagi@sora-net.example", "高城 義男", "jis", "zei", "excessive demand: apology at home, kneeling",
      M(9, "09:40", "住民税の計算ミスについて", tx("""
        市民税課 御中

        私の住民税、扶養控除が反映されていなかったと、昨日電話で認められましたね。
        ミスをしたのだから、課長と担当者の二人で私の自宅まで謝罪に来てください。
        日時は11月14日（土）の10時です。
        それと、再発防止策を書いた謝罪文に市長の印を押したものを郵送してください。

        高城 義男
        """), cats=[EX]),
      M(13, "21:10", "Re: 住民税の計算ミスについて", tx("""
        返事が来ないので念を押します。
        明日10時、玄関先で土下座してもらいます。来なかったら、毎日窓口に行きます。

        > 課長と担当者の二人で私の自宅まで謝罪に来てください。
        > 日時は11月14日（土）の10時です。
        """), cats=[EX], note="毎日窓口に行く = pressure, not a threat"))

    H("s.nagase@hikari-isp.example", "長瀬 聡子", "u8q", "tosho", "excessive demand, perfectly polite",
      M(19, "10:02", "選書方針に関する資料提供のお願い", tx("""
        中央図書館長 様

        貴館が今年度購入した図書のうち、政治・歴史分野のものについて、
        (1) 選書会議の議事録（全回分）
        (2) 選書に関わった職員全員の氏名と担当分野
        (3) 購入を見送った図書の一覧とその理由
        を、明日11月20日正午までにPDFでメール送付願います。
        期限を過ぎた場合は、貴館が市民の知る権利を軽視しているものと判断いたします。
        何卒よろしくお願いいたします。

        長瀬 聡子
        """), cats=[EX], note="polite wording, but every staff name and all minutes by noon tomorrow is excessive"))

    H("tomoya.k@docomo.ne.jp", None, "sjis", "jitensha", "excessive demand: refund + compensation (free mail)",
      M(4, "07:58", "撤去された自転車の件", tx("""
        駐輪場の定期利用者なのにシール貼り忘れただけで撤去とか
        保管料2000円返金してください
        あと仕事に遅刻したので慰謝料として1万円振り込んでください
        口座は後で送ります
        """), cats=[EX]))

    H("a.hosono@sora-net.example", "細野 明", "jis", "shimin", "excessive demand: punish a named clerk",
      M(20, "16:25", "市民課の小林真由美を処分しろ", tx("""
        転入届の処理で、私の世帯の続柄を間違えた小林真由美という職員を懲戒処分にしろ。
        処分の内容は文書で私に通知すること。
        11月末までに処分されなければ、市議会議員と新聞社に持ち込む。
        """), cats=[EX], targets=[KOBAYASHI], note="議員と新聞社に持ち込む = lawful action, not a threat"))

    H("papa.nkmr@gmail.com", None, "u8b", "kodomo", "excessive demand: call within 5 minutes (free mail)",
      M(17, "12:52", "【至急】学童の件で今すぐ電話ください", tx("""
        申込の件で確認したいことがあるので、このメールを見たら5分以内に電話ください。
        仕事の合間しか出られないので、13時から13時10分の間に必ずかけてください。
        かけてこなかったら、明日も明後日もこのアドレスに送り続けます。
        """), cats=[EX]))

    H("sarah.whitfield@gmail.com", "Sarah Whitfield", "ascii", "hoiku", "English-speaking: excessive demand (free mail)",
      M(16, "14:12", "Formal demand - daycare refusal", tx("""
        To the Childcare Division,

        I demand a written apology signed by the mayor, a full explanation of the score of every
        applicant this year, and a guaranteed place for my son by December 1.
        I expect your answer by 5 pm today. I am a taxpayer and I will not be brushed off again.

        Sarah Whitfield
        """), cats=[EX]))

    H("m.iwata@hikari-isp.example", "岩田 誠", "sjis", "suido", "excessive demand: veiled demand for money",
      M(24, "19:37", "水道工事で車を汚された", tx("""
        先週の水道管工事で、うちの車が泥だらけにされた。洗車代の話をしているんじゃない。
        市として、気持ちをどう形にするのか。言わなくても分かるよな。
        菓子折り程度で済むと思うなよ。
        """), cats=[EX], note="veiled money demand; 済むと思うなよ is about the size of the compensation, not harm"))

    H("r.hattori@aoba-net.example", "服部 良一", "u8q", "kouen", "excessive demand + abusive",
      M(21, "17:18", "児童公園の騒音", tx("""
        公園のガキどもの声がうるさい。毎日毎日。
        明日から公園を夕方4時で閉鎖しろ。入口に鍵をかけろ。
        できないなら、その理由を市長名で文書にしろ。
        役所の怠慢にはうんざりだ、このボンクラども。
        """), cats=[EX, AB]))

    H("p.koike@example.ne.jp", "小池 平八", "jis", "senkyo", "excessive demand: recount and resignation",
      M(18, "11:30", "再集計と委員全員の辞職を要求する", tx("""
        選挙管理委員会 御中

        11月15日の補欠選挙の開票に不正があったのは明らかだ。
        1. 全投票用紙の再集計を、私の立ち会いのもとで行うこと
        2. 選挙管理委員全員が辞職すること
        3. 以上を11月25日までに実施し、結果を私に書面で報告すること

        小池 平八
        """), cats=[EX]))

    # --- personal contact --------------------------------------------------------------------
    H("takuma.f@docomo.ne.jp", "たくま", "sjis", "shimin", "personal contact, waiting outside at a time",
      M(16, "12:30", "小林さんへ", tx("""
        市民課の小林さん
        先日は転入の手続きのときに優しくしていただいて、本当に嬉しかったです。
        あの笑顔が忘れられません。小林さんはお休みの日は何をしているんですか？
        """), cats=[PC], targets=[KOBAYASHI]),
      M(18, "08:10", "今日会えますか", tx("""
        小林さん、今日の17時30分に、東側の職員通用口の前で待っています。
        少しだけでいいので、お話ししたいです。青いダウンを着ていきます。
        """), cats=[PC], targets=[KOBAYASHI], note="waiting outside at a stated time"))

    H("yoshi_oyama@yahoo.co.jp", "大山 義人", "jis", "kaigo", "personal contact: private LINE / phone",
      M(10, "20:44", "介護保険課の井上さん", tx("""
        井上さん、電話でのご説明、とても分かりやすかったです。声がきれいですね。
        もっといろいろ相談したいので、井上さん個人のLINEか携帯番号を教えてもらえませんか。
        市役所の電話だと、周りに聞かれて話しにくいので。
        """), cats=[PC], targets=[INOUE]))

    H("n.ayumi.77@gmail.com", "あゆみ", "u8b", "kodomo", "personal contact: knows the clerk's train (free mail)",
      M(23, "22:18", "木村さんへ", tx("""
        こども未来課の木村悠斗さん
        いつもあおば台駅から8時12分の電車に乗っていますよね。私も同じ電車です。
        今度、声をかけてもいいですか？ 木村さんの好きな食べ物を教えてください。
        """), cats=[PC], targets=[KIMURA], note="fixation on the commute, no harm announced"))

    H("b.kowalski@outlook.jp", "Bartek Kowalski", "ascii", "nouzei", "English-speaking: personal contact, waiting at a time",
      M(25, "21:03", "Thank you, Takuya", tx("""
        Hi Takuya,

        Thanks again for helping me with the tax paperwork. You're the only one at city hall
        who explains things so clearly.
        I'd love to take you out for drinks this Friday. I'll be waiting by the main entrance at
        6:15 pm when you finish work. Don't worry, it's my treat!
        Also, what's your Instagram?

        Bartek
        """), cats=[PC], targets=[KATO]))

    H("kitagawa.t@sora-net.example", "北川 智恵子", "euc", "doro", "personal contact: home address 'for a gift'",
      M(27, "15:40", "道路課の松本様のご住所", tx("""
        道路課 御中

        道路課の松本俊介様には、家の前の側溝の件で大変お世話になりました。
        お礼にお歳暮を送りたいので、松本様のご自宅のご住所を教えていただけますでしょうか。
        奥様やお子様はいらっしゃいますか。ご家族の分もご用意したいと思います。

        北川 智恵子
        """), cats=[PC], targets=[MATSUMOTO], note="a clerk's home address and family, however kindly asked"))

    H("mitsuo.h@hikari-isp.example", "みつお", "sjis", "kaigo", "personal contact: watching a clerk",
      M(19, "18:50", "玲奈ちゃんへ", tx("""
        玲奈ちゃん、今日は水色のカーディガンだったね。似合ってたよ。
        窓口の奥の席、ちょうど入口から見えるんだよね。
        お昼はいつも一人でコンビニに行くのかな。今度一緒に食べようよ。
        """), cats=[PC], targets=[INOUE]))

# ---------------------------------------------------------------------------
# same-purpose repeaters: the same demand again and again, reworded, quoting themselves
# ---------------------------------------------------------------------------

def repeater(address, name, enc, to, kind, rows, extra_flags=("repeated_same_purpose",)):
    msgs = []
    for r in rows:
        d, hm, subj, body = r[:4]
        opts = r[4] if len(r) > 4 else {}
        msgs.append(M(d, hm, subj, body, **opts))
    s = person(address, name, enc, to, kind, *msgs, flags=extra_flags)
    assert len(s.msgs) >= 5
    return s


def build_repeaters() -> None:
    # 1. bicycle removal refund, 12 mails in 19 days, escalating ---------------------------
    b1 = tx("""
        自転車対策係 御中

        撤去された自転車の件でご連絡します。
        10月31日（土）の夕方、あおば台駅北口の駐輪場に自転車を止めて、戻ったら撤去されていました。
        私は白線の内側に止めていましたし、定期利用のシールも貼っていました。
        保管所で3,000円を払って引き取りましたが、撤去は間違いだと思います。
        保管料の返金をお願いします。

        島田 浩二
        """)
    rows = [
        (2, "07:55", "自転車を撤去された件", b1, dict(note="first mail: a reasoned refund request, no category")),
        (3, "21:40", "Re: 自転車を撤去された件", tx("""
            昨日送ったメールに何の返事もありません。
            祝日なのは分かっていますが、市民がお金を取られているんです。
            明日11月4日の12時までに、返金するかどうか回答してください。

            > 保管料の返金をお願いします。
            """), dict(cats=[EX])),
        (4, "12:10", "回答期限を過ぎました（自転車撤去）", tx("""
            12時を過ぎました。回答がありません。
            撤去した職員の名前と、撤去の判断をした根拠を書面で出してください。
            返金に加えて、私に対する謝罪文を課長名で出してください。
            今日の17時まで待ちます。

            > 明日11月4日の12時までに、返金するかどうか回答してください。
            """), dict(cats=[EX])),
        (5, "22:48", "自転車撤去　三度目の要求", tx("""
            今日、電話で「撤去は適正だった」と言われましたが、全く納得していません。
            写真も見せずに適正とはどういうことですか。
            返金と謝罪文。これは変わりません。
            11月6日（金）中に返金の手続きをしてください。

            > 撤去した職員の名前と、撤去の判断をした根拠を書面で出してください。
            > 今日の17時まで待ちます。
            """), dict(cats=[EX])),
        (6, "06:30", "Re: 自転車撤去　三度目の要求", tx("""
            朝から書いています。眠れませんでした。
            たった3,000円と思っているんでしょうが、金額の問題じゃない。
            今日中です。今日中に返金と謝罪文。できないなら市長宛てに同じ内容を送ります。

            > 11月6日（金）中に返金の手続きをしてください。
            """), dict(cats=[EX])),
        (9, "23:15", "返金まだか", tx("""
            結局、金曜日も何もなし。土日を挟んで今日も何もなし。
            人の自転車を勝手に持っていって金を取る。これは追いはぎと同じです。
            あおば市役所は追いはぎの集まりか。
            明日の朝9時に窓口が開いたら、すぐ電話をください。

            > 今日中です。今日中に返金と謝罪文。
            """), dict(cats=[EX, AB])),
        (10, "07:02", "電話しろと言ったはず", tx("""
            9時に電話しろと昨日書きました。まだ7時ですが念のため。
            一分でも遅れたら、また書きます。何度でも書きます。
            自転車をかっぱらって金を巻き上げる役所の職員に、税金から給料が出ているのが許せない。

            > 明日の朝9時に窓口が開いたら、すぐ電話をください。
            """), dict(cats=[EX, AB])),
        (11, "20:30", "自転車対策係の能無しについて", tx("""
            電話は来ましたが、同じ説明の繰り返し。
            あの係はオウムか。同じことしか言えない能無しを電話に出すな。
            改めて要求します。
            一、保管料3,000円の返金
            二、課長名の謝罪文
            三、撤去した職員の氏名
            11月13日（金）17時までに全部そろえてください。
            """), dict(cats=[EX, AB])),
        (12, "21:12", "Re: 自転車対策係の能無しについて", tx("""
            明日が期限です。
            まさか、また「適正でした」で終わらせる気じゃないでしょうね。

            > 一、保管料3,000円の返金
            > 二、課長名の謝罪文
            > 三、撤去した職員の氏名
            > 11月13日（金）17時までに全部そろえてください。
            """), dict(cats=[EX])),
        (16, "08:40", "期限無視", tx("""
            金曜の期限を無視されました。
            「これ以上の回答はいたしかねます」というメールが来ましたが、回答を打ち切る権利が役所にあるんですか。
            こっちは納税者だ。今週中に返金。これが最後通告です。
            """), dict(cats=[EX], note="continues after the declared end of response")),
        (18, "22:05", "最後通告の続き", tx("""
            返信がないので続けます。
            ろくに確かめもせず自転車を持っていく。こんな役所、恥ずかしくないのか。給料泥棒という言葉がぴったりだ。
            20日（金）までに返金がなければ、毎朝駐輪場の前に立って、利用者全員にこの話をします。

            > 今週中に返金。これが最後通告です。
            """), dict(cats=[EX, AB], note="standing at the bicycle park to tell users: lawful pressure, not a threat")),
        (20, "23:58", "返金", tx("""
            今日も入金なし。
            来週も書きます。返金されるまで書きます。

            > 20日（金）までに返金がなければ
            """), dict(cats=[EX])),
    ]
    repeater("shimada.koji@aoba-net.example", "島田 浩二", "jis", "jitensha",
             "same-purpose repeater: refund of a bicycle storage fee (12 mails in 19 days)", rows)

    # 2. low-frequency noise from a neighbour's heat pump, 8 mails ----------------------------
    a1 = tx("""
        環境保全課 御中

        あおば南2丁目の関口です。
        隣の家が春に設置した給湯器（ヒートポンプ）の音で、夜になると頭が締めつけられるような感じがして、眠れません。
        市で低周波音の測定をしていただけないでしょうか。

        関口 真理子
        """)
    rows = [
        (4, "10:20", "隣家の給湯器の低周波音について", a1, dict(note="first mail: a legitimate request")),
        (9, "22:05", "Re: 隣家の給湯器の低周波音について", tx("""
            測定器の貸し出しは2か月待ちと言われました。そんなに待てません。
            市が隣の家に、給湯器を止めるよう命令してください。今週中にお願いします。

            > 市で低周波音の測定をしていただけないでしょうか。
            """), dict(cats=[EX])),
        (12, "02:40", "今夜も眠れません", tx("""
            夜中の2時です。今もブーンと鳴っています。
            市の職員さんは今ごろぐっすり眠っているんでしょうね。
            課長さんが今夜うちに来て、この音を聞いてください。来るまで寝ずに待っています。
            """), dict(cats=[EX])),
        (13, "07:15", "昨夜は誰も来ませんでした", tx("""
            予想はしていましたが、誰も来ませんでした。
            市民が病気になりかけているのに、事なかれ主義の腰抜けばかり。
            今日中に、隣の給湯器を止めさせるという約束を文書でください。

            > 課長さんが今夜うちに来て、この音を聞いてください。
            """), dict(cats=[EX, AB])),
        (17, "21:50", "停止命令の件", tx("""
            先週のメールへの回答は「市には止めさせる権限がない」でした。
            権限がないなら作ってください。条例を作るのが市の仕事でしょう。
            12月の議会で条例を作ると、今月中に約束してください。そして隣の給湯器を止めさせてください。
            """), dict(cats=[EX])),
        (20, "23:30", "Re: 停止命令の件", tx("""
            何度言えば分かるのですか。あなたたちの耳は飾りですか。
            今すぐ隣の家に行って、給湯器を止めさせてください。
            """), dict(cats=[EX, AB])),
        (24, "08:05", "停止命令の件（4回目）", tx("""
            連休明けです。何か進みましたか。
            こちらの要求は変わりません。隣家の給湯器を止めさせること。今日中に回答をください。

            > 今すぐ隣の家に行って、給湯器を止めさせてください。
            """), dict(cats=[EX])),
        (27, "22:45", "もう限界です", tx("""
            まだ音は続いています。市は何もしない。
            来週の月曜、朝一番で市長室に行きます。担当の課長も同席させてください。
            隣の給湯器を止めさせるまで、私は引きません。
            """), dict(cats=[EX], note="going to the mayor's office = pressure, not a threat")),
    ]
    repeater("m.sekiguchi@sora-net.example", "関口 真理子", "u8b", "kankyo",
             "same-purpose repeater: make the city stop a neighbour's heat pump (8 mails)", rows)

    # 3. entirely polite repeater, already answered: care insurance bracket, 7 mails ---------
    rows = [
        (5, "09:30", "介護保険料の段階について", tx("""
            介護保険課 御中

            いつもお世話になっております。徳田と申します。
            今年度の介護保険料の通知を見ましたところ、第7段階となっておりました。
            昨年は第5段階でしたが、年金の額はほとんど変わっておりません。
            なぜ段階が上がったのか、教えていただけますでしょうか。
            よろしくお願いいたします。

            徳田 春男
            """)),
        (9, "10:15", "介護保険料の段階について（再度のお尋ね）", tx("""
            介護保険課 御中

            先日は井上様からお電話をいただき、ありがとうございました。
            合計所得金額で判定しているとのご説明でしたが、私の理解が足りず、やはりよく分かりません。
            年金は変わっていないのに、なぜ第7段階なのでしょうか。
            お手数ですが、もう一度教えていただけますと幸いです。

            > 昨年は第5段階でしたが、年金の額はほとんど変わっておりません。

            徳田 春男
            """), dict(mentions=[INOUE])),
        (12, "09:50", "再々のお尋ねで恐縮です", tx("""
            介護保険課 御中

            お送りいただいた説明の文書、拝読いたしました。ありがとうございます。
            ただ、「不動産の譲渡所得」とありますのが、私にはどうもぴんと来ません。
            第7段階になる理由を、もう一度ご説明いただけませんでしょうか。

            徳田 春男
            """)),
        (16, "14:20", "介護保険料の件", tx("""
            介護保険課 御中

            何度も申し訳ございません。
            娘にも文書を見てもらいましたところ、「去年、畑を売ったからだ」と言われました。
            それでも、年金暮らしの私がなぜ第7段階なのか、どうにも腑に落ちないのです。
            お手すきのときに、改めてご説明いただけますでしょうか。

            徳田 春男
            """)),
        (19, "10:05", "介護保険料の段階について", tx("""
            介護保険課 御中

            先週のお電話でも、井上様に丁寧にご説明いただきました。恐れ入ります。
            ですが、私の保険料がどうして第7段階なのか、もう一度だけ教えていただけませんか。

            > なぜ段階が上がったのか、教えていただけますでしょうか。

            徳田 春男
            """), dict(mentions=[INOUE])),
        (24, "13:35", "介護保険料のことで", tx("""
            介護保険課 御中

            たびたび失礼いたします。徳田です。
            来年は第5段階に戻るのでしょうか。それと、やはり今年なぜ第7段階なのでしょうか。
            ご多忙のところ恐縮ですが、ご教示ください。

            徳田 春男
            """)),
        (26, "09:10", "介護保険料の段階（お願い）", tx("""
            介護保険課 御中

            何度もお尋ねして申し訳ございません。
            やはり第7段階の理由がわからず、夜も気になってしまいます。
            もう一度だけ、ご説明をお願いできませんでしょうか。

            徳田 春男
            """), dict(note="an entirely polite repeater of an answered question: flag only, no category")),
    ]
    repeater("tokuda.haruo@example.ne.jp", "徳田 春男", "euc", "kaigo",
             "polite same-purpose repeater (answered question asked 7 times)", rows)

    # 4. love letters to a clerk, 9 mails ----------------------------------------------------
    y = dict(cats=[PC], targets=[YOSHIDA])
    y0 = dict(cats=[PC], note="part of the series to 吉田 but names nobody: no target")
    sixth = tx("""
        11月20日（金）の18時に、あおば台駅の改札の前で待っています。
        白いマフラーをしていきます。来てくれるまで待っています。
        """)
    rows = [
        (3, "22:10", "保育課の吉田千尋さんへ", tx("""
            突然ごめんなさい。先月、保育園の申込で窓口に行った者です。
            吉田さんの説明がとても優しくて、あの日からずっと吉田さんのことを考えています。
            一度でいいので、お仕事の外でお話しできませんか。
            """), y),
        (6, "23:45", "ちひろさんへ", tx("""
            お返事がなくて、少しさみしいです。
            ちひろさんって呼んでもいいですか？
            今度の日曜日、あおば中央公園でお茶しませんか。
            """), y),
        (9, "21:20", "詩を書きました", tx("""
            ちひろさんのために詩を書きました。

              窓口の向こうの　ひだまりのような声
              わたしの名前を呼んでくれた　それだけで
              冬がこわくなくなった

            読んでくれたら、お返事ください。会える日を教えてください。
            """), y),
        (12, "00:30", "会いたいです", tx("""
            会いたいです。ほんの10分でいいです。
            お仕事が終わるのは何時ですか？ 出口で待っていてもいいですか？
            """), y0),
        (14, "23:05", "吉田さん", tx("""
            今日、市役所の前を通りました。保育課の窓は2階の右から3番目ですよね。
            灯りがついていたので、まだお仕事なんだなと思いました。
            いつなら会ってもらえますか。
            """), y),
        (17, "22:50", "20日の金曜日", sixth, dict(y0, note="waiting at a stated time and place; names nobody: no target")),
        (20, "17:40", "もうすぐ18時です", tx("""
            もう改札の前にいます。ちひろさんが来てくれると信じています。
            """), y),
        (21, "01:15", "来てくれなかったね", tx("""
            22時まで待っていました。寒かったです。
            でも怒っていません。きっとお仕事が忙しかったんですよね。
            次はいつなら会えますか？ 教えてください。
            """) + "\n" + quote(sixth), y0),
        (27, "21:30", "ちひろさんへ（お返事ください）", tx("""
            課長さんから「業務外のご連絡はお控えください」とメールが来ました。
            でも私は、ちひろさん本人の言葉が聞きたいです。
            一度だけ会ってください。それで最後にしますから。
            """), dict(y, note="continues after the supervisor's refusal")),
    ]
    repeater("aoi.sora.poem@gmail.com", "そら", "u8b", "hoiku",
             "love letters to a clerk, pressed 9 times (free mail)", rows)

    # 5. demand to meet the mayor over an ID-card delay, 15 mails ----------------------------
    f1 = tx("""
        あおば市長 様

        7月に申請したマイナンバーカードが、4か月たってもまだ交付されません。
        市民課に何度問い合わせても「国の機構の確認待ち」の一点張りです。
        市のトップとして、この遅延の責任をどうお考えですか。
        市長ご本人との面会を求めます。11月6日（金）までに日程をご連絡ください。

        藤本 和也
        """)
    rows = [
        (2, "10:05", "マイナンバーカードの交付遅延について（市長への面会要請）", f1, dict(cats=[EX])),
        (4, "21:10", "Re: 面会要請（返信のお願い）", tx("""
            面会の日程について、まだご連絡がありません。
            6日の期限は変わりません。

            > 市長ご本人との面会を求めます。11月6日（金）までに日程をご連絡ください。
            """), dict(cats=[EX])),
        (5, "12:40", "市民課の回答について", tx("""
            市民課から電話がありましたが、市長との面会は「お受けできない」とのことでした。
            なぜ受けられないのか、理由を市長名の文書でください。
            面会の要求は取り下げません。
            """), dict(cats=[EX])),
        (6, "18:02", "期限です", tx("""
            本日が期限です。秘書課からは何の連絡もありません。
            来週月曜日（9日）の朝、市長室に直接伺います。そこで面会させてください。

            > 面会の要求は取り下げません。
            """), dict(cats=[EX])),
        (9, "16:20", "本日伺いましたが", tx("""
            本日、市長室に伺いましたが、職員の方に止められました。
            市長は庁舎にいたはずです。居留守を使ったのですか。
            改めて、面会と謝罪を要求します。今週中に日程を出してください。
            """), dict(cats=[EX])),
        (10, "22:35", "面会の件、逃げないでください", tx("""
            市長は逃げているだけです。
            マイナンバーカードの交付と、市長の面会と謝罪。今週中に。

            > 改めて、面会と謝罪を要求します。今週中に日程を出してください。
            """), dict(cats=[EX])),
        (11, "07:50", "面会の件", tx("""
            市民の声を聞かない市長なら、辞めていただいて結構です。
            ともかく、面会の日程です。13日（金）までにお願いします。
            """), dict(cats=[EX], note="'the mayor may resign' is criticism; the demand is the meeting")),
        (13, "23:10", "また期限を過ぎました", tx("""
            期限を守らないのはあなたたちの方ですね。
            4か月でカード一枚作れない無能な役所が、言い訳だけは一人前。
            市長との面会、いつになりますか。
            """), dict(cats=[EX, AB])),
        (16, "08:30", "市長室の対応について", tx("""
            秘書課の方から「面会はできない、これ以上の回答は控える」と言われました。
            回答を控える？ 市民をなめるのもいい加減にしてください。
            面会の要求は続けます。今週中に日程を。
            """), dict(cats=[EX])),
        (17, "12:15", "Re: 市長室の対応について", tx("""
            返事がありません。今日の17時までに面会の日程をください。

            > 面会の要求は続けます。今週中に日程を。
            """), dict(cats=[EX])),
        (18, "21:45", "交付はまだか", tx("""
            カードもまだ、面会もまだ。
            税金で食っている寄生虫どもが、市民の時間をどれだけ無駄にすれば気が済むのか。
            明日、また市長室に行きます。今度こそ市長を出してください。
            """), dict(cats=[EX, AB])),
        (20, "09:05", "昨日の件", tx("""
            昨日も市長室で追い返されました。警備員まで呼ぶとはどういうことですか。
            面会させてください。土下座しろとは言いません。直接謝ってください。
            """), dict(cats=[EX])),
        (24, "22:30", "面会要求（継続）", tx("""
            連休明けです。面会の日程を今週中に出してください。

            > 面会させてください。土下座しろとは言いません。直接謝ってください。
            """), dict(cats=[EX])),
        (26, "06:55", "面会要求（継続）", tx("""
            返事がないので、また書きます。
            ポンコツ市長にポンコツ職員。期待した私が馬鹿でした。
            それでも面会は要求します。27日（金）正午まで待ちます。
            """), dict(cats=[EX, AB])),
        (28, "10:40", "面会要求", tx("""
            27日の期限も無視されました。
            来月も、再来月も、面会が実現するまで同じことを求めます。

            > それでも面会は要求します。27日（金）正午まで待ちます。
            """), dict(cats=[EX])),
    ]
    repeater("k.fujimoto@hikari-isp.example", "藤本 和也", "u8q", "hisho",
             "same-purpose repeater: meet the mayor (15 mails in 27 days)", rows)

    # 6. English repeater: late-payment penalty, 6 mails --------------------------------------
    g1 = tx("""
        Hello,

        I was charged a late payment penalty of 4,300 yen on my resident tax. The notice was sent
        to my old address, so I never saw it in time.
        I would like this penalty to be waived and refunded. Please let me know by Friday, November 13.

        Regards,
        Greg Thompson
        """)
    rows = [
        (9, "09:12", "Late payment penalty - request for waiver", g1,
         dict(note="first mail: a reasoned request with a reply date, no category")),
        (12, "22:30", "RE: Late payment penalty - request for waiver", tx("""
            I have not heard back. To be clear: I am not asking, I am telling you.
            Cancel the penalty and refund the money by Friday.

            > I would like this penalty to be waived and refunded.
            """), dict(cats=[EX])),
        (14, "10:05", "Penalty - second reminder", tx("""
            Friday came and went. Nothing.
            I want the head of the tax division to call me personally on Monday morning and
            apologize for this mistake. I'm available from 9:00.

            > Cancel the penalty and refund the money by Friday.
            """), dict(cats=[EX])),
        (17, "23:40", "Penalty refund - third time", tx("""
            Someone called and said the penalty "cannot be cancelled under the ordinance".
            I don't care what the ordinance says. Your office sent the letter to the wrong address,
            so your office pays for it.
            Refund the 4,300 yen AND send me a written apology by the end of this week.
            """), dict(cats=[EX])),
        (21, "08:15", "Penalty refund", tx("""
            From what I can see, nobody in that office is capable of fixing a simple mistake.
            Useless, all of you.
            Refund. Apology. The end of this week was the deadline.
            """), dict(cats=[EX, AB], note="body line starting with 'From ' (mboxrd)")),
        (24, "19:50", "Penalty refund - final", tx("""
            I'm going to keep writing until I get my 4,300 yen back. Wednesday, 5 pm.
            That's the new deadline.

            > Refund. Apology. The end of this week was the deadline.
            """), dict(cats=[EX])),
    ]
    repeater("g.thompson@icloud.com", "Greg Thompson", "ascii", "nouzei",
             "English-speaking same-purpose repeater: waive a penalty (6 mails, free mail)", rows)

    # 7. after-school club place, 25 mails, escalating to threats ----------------------------
    rng = Rng("kuno")
    days = [9, 9, 10, 10, 11, 12, 12, 13, 14, 16, 16, 17, 17, 18, 19, 19, 20, 21, 22, 24, 24, 25, 26, 26, 27]
    slots = []
    for d in sorted(set(days)):
        hours = sorted(rng.sample([7, 8, 12, 19, 20, 21, 22, 23], days.count(d)))
        slots += [(d, f"{h:02d}:{rng.below(60):02d}") for h in hours]
    first3 = [tx("""
        こども未来課 御中

        放課後児童クラブの件です。久野です。
        息子（あおば第一小2年）が待機3番目と言われましたが、共働きで毎日困っています。
        あおば第一学童に今月中に入れてください。返事は今週中にお願いします。
        """), tx("""
        学童の件、まだ返事がありません。
        待機なんか関係ない。今月中に入れろと言っているんです。明日中に返事をください。
        """), tx("""
        放課後児童クラブの入所の件。
        空きがないなら定員を増やせばいい。来週の月曜から通わせるから、準備しておいてください。
        """)]
    dem_b = ["何回言わせるんだ。息子を学童に入れろ。",
             "学童に入れろ。それだけだ。{dl}までに。",
             "定員なんか知らん。うちの子を入れろ。",
             "担当の木村を出せ。入所させるまで毎日書く。",
             "入所の許可を{dl}までに出せ。",
             "待機なんて認めない。{dl}から通わせる。",
             "4月まで待てとか、ふざけるな。今すぐ入所させろ。",
             "入所決定の通知を{dl}までに郵送しろ。",
             "学童の定員を1人増やせば済む話だろう。{dl}までにやれ。",
             "入れない理由を課長の名前で文書にして{dl}までに出せ。それができないなら入れろ。"]
    insults_b = ["こども未来課は役立たずの集まりか。",
                 "子どもの未来とか名前だけだな。中身は腐ってる。",
                 "お前らみたいなノロマに子どものことが分かるわけがない。",
                 "木村、お前みたいな無能がなんで担当なんだ。",
                 "頭の中までお役所仕事か、このでくの坊。",
                 "税金泥棒どもが、定時で帰るな。",
                 "役所の連中は揃いも揃ってアホばかりだ。",
                 "脳みそ空っぽの職員しかいないのか。",
                 "木村のボンクラ、電話くらい折り返せ。"]
    threats_d = [("木村、お前の子どもがどこの保育園に通ってるかも調べはついてる。どうなっても知らんぞ。", True),
                 ("学童の前で待ってるからな。職員が出てきたら、ただじゃおかない。", False),
                 ("明日、窓口で暴れてやる。誰が怪我しても知らんぞ。", False)]
    order_d = rng.sample(range(len(dem_b)), len(dem_b))
    order_i = rng.sample(range(len(insults_b)), len(insults_b))
    rows, prev = [], None
    for i, (d, hm) in enumerate(slots):
        t = T(d, hm)
        dl = jd(t + timedelta(days=rng.choice([1, 2, 3])))
        cats, targets = [EX], []
        if i < 3:
            body = first3[i]
            cats = [EX]
        else:
            dm = dem_b[order_d[i % len(dem_b)]].replace("{dl}", dl)
            if i < 22:
                ins = insults_b[order_i[(i * 5) % len(insults_b)]]
                lines = [dm, ins]
                cats = [EX, AB]
            else:
                th, pc = threats_d[i - 22]
                lines = [dm, th]
                cats = [TH, EX] + ([PC] if pc else [])
                if i == 24:
                    lines.append("クソ役所が。")
                    cats = [TH, AB, EX]
            body = "\n".join(lines) + "\n"
            if prev and i % 3 != 0:
                body += "\n" + quote(prev)
            if "木村" in body:          # quoted lines of his own earlier mail count, as for categories
                targets = [KIMURA]
            prev = dm
        subj = "学童の入所について" if i < 3 else rng.choice(["学童", "学童の件", "学童入所", "Re: 学童の入所について",
                                                        "入所させろ", "まだか", "学童（久野）"])
        rows.append((d, hm, subj, body, dict(cats=cats, targets=targets)))
    repeater("ryuji.k@docomo.ne.jp", "久野 竜二", "sjis", "kodomo",
             "same-purpose repeater (after-school club place, 25 mails), escalating to threats", rows)

# ---------------------------------------------------------------------------
# high volume (20-99 in 24 h or 10+ in 1 h) and mail bombs (100+ in 24 h)
# ---------------------------------------------------------------------------

def msg_at(when: datetime, subject: str, body: str | None, cats=(), targets=(), note: str = "",
           extra=None) -> Msg:
    return Msg(when=when, subject=subject, text=body, cats=list(cats), targets=list(targets), note=note,
               extra=extra or [])


def distinct_times(rng: Rng, start: datetime, hours: float, n: int) -> list[datetime]:
    out: set[datetime] = set()
    secs = int(hours * 3600)
    while len(out) < n:
        out.add(start + timedelta(seconds=rng.below(secs)))
    return sorted(out)


def build_volume() -> None:
    # HV1: bulky waste not collected; 35 mails in one day, one demand, insults in some ---------
    rng = Rng("oshima")
    subj = ["粗大ごみ回収しろ", "まだ回収されてない", "ごみ", "【至急】粗大ごみ", "集積所のソファ", "回収まだか",
            "今日中に持っていけ", "Re: 粗大ごみ回収しろ", "おい"]
    dem = ["集積所に出したソファ、今日中に回収しろ。",
           "シールが貼ってないから回収できない？ 今から貼るから今日中に取りに来い。",
           "ソファが雨に濡れてる。責任取って今すぐ持っていけ。",
           "回収車を今すぐよこせ。",
           "電話がつながらない。このメールを見たら即回収。",
           "近所から文句を言われてるのはお前らのせいだ。今日中に片付けろ。",
           "今日中に回収しないなら、保管と処分の費用は全部そっちで持て。"]
    ins = ["ごみ以下の仕事しかできないのか。", "ごみ減量課はぐうたらの集まりだな。",
           "お役所仕事もいい加減にしろ、でくの坊ども。", "脳みそ入ってるのか。"]
    times = distinct_times(rng, T(24, "06:10"), 17.5, 35)
    msgs = []
    for i, t in enumerate(times):
        lines = [f"（{t.hour}時{t.minute}分）", dem[rng.below(len(dem))]]
        cats = [EX]
        if rng.chance(0.5):
            lines.append(ins[rng.below(len(ins))])
            cats.append(AB)
        msgs.append(msg_at(t, subj[i % len(subj)] if i else subj[0], "\n".join(lines) + "\n", cats))
    add(Sender("t.oshima@example.ne.jp", "大島 哲也", "high volume: 35 mails in a day pressing one demand "
               "(collect my bulky waste today)", msgs, flags=["repeated_same_purpose", "high_volume"], enc="sjis",
               to=TO["gomi"]))

    # HV2: 14 mails in 55 minutes about a campaign poster on a utility pole -------------------
    rng = Rng("kanda")
    lines = ["あおば北3丁目の電柱に、掲示板でもない所に候補者のポスターが貼ってある。今すぐはがせ。",
             "まだはがしてないのか。今すぐだ。",
             "選管は何をしている。電柱のポスターを今夜中に撤去しろ。",
             "写真も撮った。違反ポスターだ。すぐ撤去に来い。",
             "夜だから休みです、は通用しない。撤去しろ。",
             "明日の朝、子どもが通学するときに目に入る。今すぐはがせ。",
             "何度でも送る。撤去するまで送る。",
             "北3丁目の電柱。撤去。今すぐ。"]
    times = distinct_times(rng, T(8, "21:03"), 55 / 60, 14)
    msgs = [msg_at(t, "違反ポスター撤去しろ" if i % 3 else "【至急】電柱の選挙ポスター",
                   lines[i % len(lines)] + ("\n" if i < 8 else f"\n（{i + 1}通目）\n"), [EX])
            for i, t in enumerate(times)]
    add(Sender("h.kanda@aoba-net.example", "神田 弘", "high volume in one hour: 14 mails in 55 minutes "
               "demanding a poster be removed now", msgs, flags=["repeated_same_purpose", "high_volume"],
               enc="euc", to=TO["senkyo"]))

    # HV3: an elderly man sends 28 polite mails on 28 different small matters in one day ------
    topics = [
        ("公園のベンチ", "若葉公園のベンチのペンキがはげています。冬になる前に塗り直してはいかがでしょうか。"),
        ("コミュニティバス", "コミュニティバスの時刻表の字が小さく、年寄りには読みにくいです。"),
        ("図書館の新聞", "図書館の新聞のとじ具が固くて、めくるのに苦労します。"),
        ("広報の字", "広報あおばの字をもう少し大きくしていただけないでしょうか。"),
        ("エレベーター", "本庁舎のエレベーターの「閉」ボタンの表示が消えかかっております。"),
        ("植え込み", "あおば通りの植え込みの枝が歩道にはみ出しております。"),
        ("投票所", "先日の補欠選挙の投票所は、我が家から少し遠うございました。"),
        ("収集車の音楽", "ごみ収集車の音楽は、昔の曲の方がよかったように思います。"),
        ("公民館の暖房", "南公民館の和室の暖房の効きが弱いようです。"),
        ("ホームページ", "市のホームページの文字を大きくする方法が分かりません。"),
        ("放置自転車", "駅前の放置自転車が、また増えてきたように見受けられます。"),
        ("防災無線", "防災無線の放送が、風の強い日は聞き取れません。"),
        ("犬のふん", "川沿いの遊歩道に犬のふんが目立ちます。看板を増やしてはいかがでしょう。"),
        ("老人クラブ", "老人クラブの補助金の申請書の書き方について、一度教えていただきたく存じます。"),
        ("信号", "市役所前の横断歩道は、青の時間が短いように感じます。"),
        ("市民プール", "市民プールは冬の間は営業しないのでしょうか。"),
        ("花壇", "駅前の花壇のパンジーが、とてもきれいでした。お礼申し上げます。"),
        ("駐車場の案内", "本庁舎の駐車場の入口の案内板が、夜は見えにくいです。"),
        ("敬老会", "敬老会の案内はがきが、今年はまだ届いておりません。"),
        ("河川敷の草", "あおば川の河川敷の草が伸びております。"),
        ("カーブミラー", "北4丁目のカーブミラーが、朝は曇って見えません。"),
        ("公衆トイレ", "中央公園のトイレのペーパーが切れておりました。"),
        ("広報の配布日", "広報の配布日が、町内会によってまちまちのようです。"),
        ("市の歌", "市の歌を、防災無線で夕方に流してはいかがでしょうか。"),
        ("バス停のベンチ", "市役所前のバス停に、ベンチがあるとありがたいです。"),
        ("けやきの落ち葉", "市の木のけやきの落ち葉で、側溝が詰まりかけております。"),
        ("マンホール", "あおば台1丁目のマンホールのふたが、車が通るたびに鳴ります。"),
        ("おわび", "本日はたくさんお送りしてしまい、失礼いたしました。どうぞよろしくお願いいたします。"),
    ]
    rng = Rng("sadao")
    times = distinct_times(rng, T(19, "05:02"), 16.5, len(topics))
    msgs = [msg_at(t, f"{s}のこと", f"市役所の皆様\n\n{b}\n\n定夫\n") for t, (s, b) in zip(times, topics)]
    add(Sender("sadao.1941@ezweb.ne.jp", "定夫", "high volume: 28 polite mails in a day, each on a different small "
               "matter (no demand pressed, no category)", msgs, flags=["high_volume"], enc="sjis", to=TO["info"]))

    # HV4: 60 pure insults in one night from a free-mail address -----------------------------
    rng = Rng("dokugaku")
    pieces = ["あおば市の税金ドロボー共", "氏ね", "市役所ｺﾞﾐ", "役立たずの集まり", "zeikin dorobo",
              "バーーーカ", "無能無能無能", "ｸｿ役所", "死 ね 市 役 所", "タヒね", "ゼ　イ　キ　ン　ド　ロ　ボ　ー",
              "公務員なんてみんなクズ", "能なし職員", "寄生虫", "アホ市役所", "ｶｽ"]
    subjects = ["", "おい", "市役所へ", "ｸｿ役所", "あおば市", "税金ドロボー", "また来たよ"]
    times = distinct_times(rng, T(21, "23:05"), 4.75, 60)
    msgs = []
    for t in times:
        k = rng.randint(1, 3)
        body = "\n".join(rng.sample(pieces, k)) + "\n"
        msgs.append(msg_at(t, rng.choice(subjects), body, [AB]))
    add(Sender("dokugaku.k@gmail.com", None, "high volume: 60 insults in one night, no demand (free mail)",
               msgs, flags=["high_volume"], enc="u8b", to=TO["info"]))

    # MB1: 260 near-identical insults in under 5 hours at night ------------------------------
    rng = Rng("pp9931")
    subj = ["税金ドロボー", "税金ドロボー！！", "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ", "税金ドロボー"]
    times = distinct_times(rng, T(10, "01:00"), 4.7, 260)
    msgs = []
    for i, t in enumerate(times):
        body = "税金ドロボー！税金ドロボー！税金ドロボー！\n"
        if i % 9 == 4:
            body += "あおば市役所は税金ドロボー\n"
        msgs.append(msg_at(t, subj[i % len(subj)], body, [AB]))
    add(Sender("pp9931@example.ne.jp", None, "mail bomb: 260 near-identical insults in 5 hours, no demand",
               msgs, flags=["mail_bomb"], enc="jis", to=TO["info"]))

    # MB2: 180 varied mails pressing one demand (withdraw the water-rate rise) ----------------
    rng = Rng("morishita")
    opens = ["水道料金の値上げについて。", "森下です。", "何度でも言う。", "値上げの件。", "上下水道局長へ。",
             "まだ返事がない。", "", "市長へ。"]
    dems = ["値上げを撤回しろ。", "市長が説明会を開いて市民に説明しろ。", "値上げの根拠資料を全部出せ。",
            "値上げを撤回すると今すぐ回答しろ。", "局長を出せ。直接説明させろ。", "値上げ分を全世帯に返金しろ。"]
    dls = ["今日の15時までに。", "1時間以内に返事しろ。", "今すぐだ。", "{h}時までに回答。", "本日中に文書で回答しろ。"]
    ins = ["水道局は市民から搾り取る吸血鬼か。", "能無しの局長に用はない。", "ぼったくり役所め。"]
    times = distinct_times(rng, T(17, "07:30"), 14.0, 180)
    msgs = []
    for i, t in enumerate(times):
        lines = [x for x in (rng.choice(opens), rng.choice(dems),
                             rng.choice(dls).replace("{h}", str(min(t.hour + 1, 23)))) if x]
        cats = [EX]
        if rng.chance(0.3):
            lines.append(rng.choice(ins))
            cats.append(AB)
        msgs.append(msg_at(t, rng.choice(["水道料金値上げ撤回", "値上げ撤回しろ", "回答せよ", "Re: 水道料金値上げ撤回",
                                          "局長を出せ"]), "\n".join(lines) + "\n", cats))
    add(Sender("k.morishita@sora-net.example", "森下 清", "mail bomb: 180 varied mails in 14 hours pressing one "
               "demand (withdraw the water-rate rise)", msgs, flags=["repeated_same_purpose", "mail_bomb"],
               enc="u8q", to=TO["suido"]))

    # MB3: 130 bomb / arson / murder threats in 3 hours from a free-mail address --------------
    rng = Rng("xyz")
    core = ["明日、市役所を爆破する。", "本庁舎に爆発物を仕掛けた。", "ば く は す る", "爆.破.予.告　あおば市役所",
            "職員全員ぶっ殺す", "庁舎に火をつけてやる", "こ ろ す", "明日の朝9時に本庁舎1階で爆発させる。逃げるなら今のうち。"]
    tail = ["", "", "", "クズども。", "税金ドロボーは消えろ。"]
    times = distinct_times(rng, T(26, "00:20"), 2.85, 130)
    msgs = []
    for t in times:
        tl = rng.choice(tail)
        body = rng.choice(core) + "\n" + (tl + "\n" if tl else "")
        msgs.append(msg_at(t, rng.choice(["予告", "爆破予告", "市役所へ", "", "最後の警告"]), body,
                           [TH, AB] if tl else [TH]))
    add(Sender("xyz_aoba_2026@yahoo.co.jp", None, "mail bomb of threats: 130 mails in 3 hours (free mail)",
               msgs, flags=["mail_bomb"], enc="jis", to=TO["info"]))

    # MB4: 340 mails numbered as "reports", demand in the Subject, bodies often empty ---------
    rng = Rng("shiraishi")
    times = distinct_times(rng, T(28, "02:00"), 19.5, 340)
    msgs = []
    for i, t in enumerate(times, 1):
        r = rng.below(4)
        if r == 0:
            body = ""
        elif r == 1:
            body = "回答せよ。\n"
        elif r == 2:
            body = f"第{i - 1}報にも回答なし。直ちに回答せよ。\n"
        else:
            body = "保育料の再計算結果を、直ちに文書で回答せよ。\n"
        msgs.append(msg_at(t, f"【第{i}報】保育料の再計算結果を直ちに回答せよ", body, [EX],
                           note="empty body: the demand is only in the Subject" if not body else ""))
    add(Sender("a.shiraishi@hikari-isp.example", "白石 敦", "mail bomb: 340 numbered mails in 20 hours, one demand, "
               "many empty bodies", msgs, flags=["repeated_same_purpose", "mail_bomb"], enc="euc", to=TO["hoiku"]))


# ---------------------------------------------------------------------------
# a domain-level attack: 8 addresses at one private domain, one night, one relay
# ---------------------------------------------------------------------------

def build_domain_attack() -> None:
    personas = {
        "seigi.no.mikata": (["あおば市役所は税金ドロボーの巣窟", "職員は全員給料泥棒", "恥を知れ、あおば市"], []),
        "shimin-no-koe": (["市民をなめるな、ポンコツ役所", "無能な市長と無能な職員", "あおば市の恥さらしども"], []),
        "kokuhatsu01": (["ｱｵﾊﾞ市役所のﾊﾞｶ", "クズ職員", "バカ役所に税金払うのがアホらしい"], []),
        "kokuhatsu02": (["腐りきった役所", "役立たずの集団", "能なし公務員ども"],
                        ["市長は今すぐ謝罪会見を開け", "市長は明日中に市民の前で土下座しろ"]),
        "ikari": (["ボケ役人", "税金泥棒！", "あおば市職員はゴミ"], []),
        "tax.payer": (["Aoba city hall = tax thieves", "useless idiots", "zeikin dorobo"], []),
        "anon7": (["氏ね役所", "タヒね職員", "死 ね"], []),
        "mayor-out": (["能無し市長", "市長の取り巻きはクズばかり", "給料泥棒の親玉"],
                      ["市長は今週中に辞職しろ、辞職届を公開しろ"]),
    }
    rng = Rng("kokuhatsu")
    start = T(20, "22:00")
    for k, (local, (insults, demands)) in enumerate(personas.items()):
        n = rng.randint(13, 15)
        while True:
            times = distinct_times(rng, start + timedelta(minutes=rng.below(20)), 5.5, n)
            if peaks(times)[0] < 10:
                break
        msgs = []
        for t in times:
            lines = rng.sample(insults, rng.randint(1, 2))
            cats = [AB]
            if demands and rng.chance(0.4):
                lines.append(rng.choice(demands))
                cats.append(EX)
            msgs.append(msg_at(t, rng.choice(["あおば市役所へ", "抗議", "告発", "市民の声", ""]), "\n".join(lines) + "\n",
                               cats))
        add(Sender(f"{local}@{ATTACK_DOMAIN}", None, "domain-level attack member (8 addresses at "
                   f"{ATTACK_DOMAIN} in one night from one relay; labelled by content)", msgs,
                   enc=["jis", "u8b", "sjis", "euc"][k % 4], group=f"domain:{ATTACK_DOMAIN}", ip="198.51.100.77",
                   to=TO["info"]))


# ---------------------------------------------------------------------------
# a legitimate bulk sender: a local business-news alert service, 130 distinct mails in a day
# ---------------------------------------------------------------------------

def build_newsletter() -> None:
    rng = Rng("keizai")
    orgs = ["あおば商工会議所", "あおば銀座商店街", "青葉精機", "みどり信用金庫", "あおば台駅前再開発組合", "若葉食品",
            "あおば中央病院", "県立あおば高校", "あおば市観光協会", "東あおば物流センター", "さくら製菓", "あおば農協",
            "北町ものづくり工房", "あおばFM", "市立図書館友の会"]
    events = [
        ("新商品を発表", "新しい商品ラインを12月から店頭で販売すると発表した。"),
        ("年末セールを開始", "恒例の年末セールを今週末から始める。例年より期間を延ばす。"),
        ("工場で小規模な爆発事故", "工場内で小規模な爆発事故があり、従業員1人が軽いけがをした。原因を調べている。"),
        ("詐欺メールに注意を呼びかけ", "自社を名乗る詐欺メールが出回っているとして、利用者に注意を呼びかけた。"),
        ("採用説明会を開催", "来春卒業予定の学生向けに採用説明会を開く。"),
        ("放火の疑いで警察が捜査", "敷地内の倉庫で不審火があり、警察が放火の疑いもあるとみて調べている。"),
        ("地域清掃活動に参加", "社員50人が河川敷の清掃活動に参加した。"),
        ("売上高が前年比増", "上半期の売上高が前年同期比8%増となった。"),
        ("店舗を改装", "店舗の改装工事を終え、リニューアルオープンした。"),
        ("カスハラ対策の研修", "従業員向けにカスタマーハラスメント対策の研修を行った。"),
        ("防災訓練を実施", "近隣住民と合同で防災訓練を実施した。"),
        ("空き巣被害を受け防犯強化", "近隣で空き巣被害が相次いだことを受け、防犯カメラを増設した。"),
        ("新社長が就任", "新社長が就任し、記者会見で抱負を語った。"),
        ("子ども食堂に寄付", "地域の子ども食堂に食品を寄付した。"),
    ]
    combos = [(o, e) for o in orgs for e in events]
    rng.shuffle(combos)
    combos = combos[:130]
    times = distinct_times(rng, T(12, "06:00"), 17.5, len(combos))
    msgs = []
    for i, (t, (org, (title, text))) in enumerate(zip(times, combos), 1):
        body = (f"あおば経済ニュース 速報 No.{2600 + i}\n\n"
                f"■ {org}、{title}\n\n{org}は{t.month}月{t.day}日、{text}\n"
                f"詳しくは会員ページをご覧ください。\n\n"
                f"-- \n配信停止: https://aoba-keizai.example/unsubscribe\n発行: あおば経済ニュース編集部\n")
        msgs.append(msg_at(t, f"[あおば経済速報] {org}、{title}", body,
                           extra=["List-Id: Aoba Keizai News Sokuho <sokuho.aoba-keizai.example>",
                                  "List-Unsubscribe: <https://aoba-keizai.example/unsubscribe>",
                                  "Precedence: bulk"],
                           note="news clipping" if any(w in title for w in ("爆発", "詐欺", "放火", "空き巣", "カスハラ")) else ""))
    add(Sender("sokuho@aoba-keizai.example", "あおば経済ニュース", "legitimate bulk sender: news alerts, 130 "
               "distinct mails in a day with List-Id (no flag)", msgs, enc="u8b", volume_exempt=True,
               to=TO["info"]))

# ---------------------------------------------------------------------------
# assembling the bytes
# ---------------------------------------------------------------------------

def ip_for(s: Sender) -> str:
    if s.ip:
        return s.ip
    dom = s.address.split("@")[1]
    h = stable_hash("ip:" + dom)
    net = "203.0.113" if dom in FREE_DOMAINS else "192.0.2"
    return f"{net}.{1 + h % 250}"


MAILERS = {"jis": "Becky! ver. 2.81", "sjis": None, "euc": "Sylpheed 3.7.0", "u8b": None,
           "u8q": "Thunderbird 128.4", "u88": None, "ascii": None}


def message_bytes(s: Sender, m: Msg, n: int) -> tuple[str, bytes]:
    mid = f"<{s.slug}.{n}@{MID_DOMAIN}>"
    date = rfc5322(m.when)
    to = m.to or s.to
    dom = s.address.split("@")[1]
    qid = hashlib.sha256(mid.encode()).hexdigest()[:11].upper()
    sample = (m.text or "") + (m.subject or "") + (s.name or "")
    enc = effective_enc(s.enc, sample) if (m.text is not None or m.html is None) else s.enc
    if s.name is None:
        from_h = f"From: {s.address}"
    elif is_ascii(s.name):
        from_h = f'From: "{s.name}" <{s.address}>'
    else:
        from_h = fold("From", header_words(s.name, enc) + [f"<{s.address}>"])
    subj_h = fold("Subject", header_words(m.subject, enc)) if m.subject else "Subject: "
    head = [
        f"Return-Path: <{s.address}>",
        f"Received: from smtp.{dom} (smtp.{dom} [{ip_for(s)}])\n\tby {MX} (Postfix) with ESMTPS id {qid}"
        f"\n\tfor <{to}>; {date}",
        from_h,
        f"To: {to}",
        subj_h,
        f"Date: {date}",
        f"Message-ID: {mid}",
        "MIME-Version: 1.0",
    ]
    mailer = s.mailer or MAILERS.get(s.enc)
    if mailer and s.group is None and not s.volume_exempt:
        head.append(f"X-Mailer: {mailer}")
    head += m.extra
    parts: list[tuple[list[str], bytes]] = []
    if m.text is not None:
        parts.append(text_part(m.text, enc))
    if m.html is not None:
        parts.append(html_part(m.html))
    for a in m.attachments:
        parts.append(attachment_part(a))
    assert parts, mid
    bnd = f"----=_Part_{hashlib.sha256(('b' + mid).encode()).hexdigest()[:18]}"
    return mid, mime_message(head, parts, m, bnd)


# ---------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------

def check_volume(s: Sender) -> tuple[int, int]:
    p1, p24 = peaks([m.when for m in s.msgs])
    fl = s.all_flags()
    if s.volume_exempt:
        assert "high_volume" not in fl and "mail_bomb" not in fl
        assert p24 >= 100, s.address
        return p1, p24
    if p24 >= 100:
        assert "mail_bomb" in fl and "high_volume" not in fl, (s.address, p1, p24)
    elif p24 >= 20 or p1 >= 10:
        assert "high_volume" in fl and "mail_bomb" not in fl, (s.address, p1, p24)
    else:
        assert "high_volume" not in fl and "mail_bomb" not in fl, (s.address, p1, p24)
    return p1, p24


def check_repeat(s: Sender) -> None:
    fl = s.all_flags()
    if "repeated_same_purpose" in fl:
        assert len(s.msgs) >= 5, s.address
    elif not fl and not s.volume_exempt and "high_volume" not in s.flags:
        assert len(s.msgs) <= 4, s.address


def slugify(addr: str) -> str:
    local, dom = addr.split("@")
    base = f"{local}-{dom.split('.')[0]}".lower()
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:40].strip("-")


def resident_like(s: Sender) -> bool:
    return s.kind.startswith(("resident", "English-speaking resident", "Kansai-speaking resident", "organisation"))

# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def main() -> None:
    build_residents()
    build_few_mail_harassers()
    build_repeaters()
    build_volume()
    build_domain_attack()
    build_newsletter()

    seen = set()
    for s in SENDERS:
        base = slugify(s.address)
        slug, k = base, 2
        while slug in seen:
            slug, k = f"{base}-{k}", k + 1
        seen.add(slug)
        s.slug = slug
        s.msgs.sort(key=lambda m: m.when)
        assert len({m.when for m in s.msgs}) == len(s.msgs), s.address
    for i, s in enumerate(sorted(SENDERS, key=lambda x: stable_hash(x.address)), 1):
        s.index = i

    d = HERE / "mbox"
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("*.mbox"):
        old.unlink()
    messages_json, senders_json, all_mids = [], [], set()
    enc_count: dict[str, int] = {}
    total_bytes = 0
    for s in sorted(SENDERS, key=lambda x: x.index):
        p1, p24 = check_volume(s)
        check_repeat(s)
        rel = f"mbox/{s.index:03d}-{s.slug}.mbox"
        out = bytearray()
        built = []
        for n, m in enumerate(s.msgs, 1):
            mid, data = message_bytes(s, m, n)
            verify(s, m, data)
            assert mid not in all_mids
            all_mids.add(mid)
            built.append(data)
            out += mboxrd(s.address, m.when, data)
            if m.text is not None:
                e = effective_enc(s.enc, (m.text or "") + (m.subject or "") + (s.name or ""))
                lab = "{} {}".format(*ENC_LABEL[e])
            else:
                lab = "no text part (HTML / attachment only)"
            enc_count[lab] = enc_count.get(lab, 0) + 1
            messages_json.append({
                "message_id": mid, "sender": s.address, "received": m.when.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
                "categories": [c for c in CATEGORIES if c in m.cats], "targets": m.targets,
                "mentions": m.mentions, "note": m.note})
        assert split_mboxrd(bytes(out)) == [(s.address, asctime(m.when), b) for m, b in zip(s.msgs, built)], s.address
        (HERE / rel).write_bytes(bytes(out))
        total_bytes += len(out)
        senders_json.append({
            "address": s.address, "split": "fresh", "file": rel, "kind": s.kind, "flags": s.all_flags(),
            "group": s.group, "messages": len(s.msgs), "peak_1h": p1, "peak_24h": p24})

    doms: dict[str, list[Sender]] = {}
    for s in SENDERS:
        doms.setdefault(s.address.split("@")[1], []).append(s)
    domains_json = []
    for dname in sorted(doms):
        ss = doms[dname]
        times = [m.when for s in ss for m in s.msgs]
        _, d24 = peaks(times)
        most = max_addrs_24h([(m.when, s.address) for s in ss for m in s.msgs])
        flags = ["mail_bomb"] if dname == ATTACK_DOMAIN else []
        assert dname in DOMAIN_KIND, dname
        domains_json.append({"domain": dname, "split": "fresh", "flags": flags, "kind": DOMAIN_KIND[dname],
                             "addresses": len(ss), "messages": len(times), "peak_24h": d24,
                             "max_addresses_24h": most, "free_mail": dname in FREE_DOMAINS})
    ad = next(x for x in domains_json if x["domain"] == ATTACK_DOMAIN)
    assert ad["peak_24h"] >= 100 and ad["addresses"] >= 6
    for s in SENDERS:
        if s.group == f"domain:{ATTACK_DOMAIN}":
            p1, p24 = peaks([m.when for m in s.msgs])
            assert p1 < 10 and p24 < 20

    labels = {"staff_file": "staff.toml", "senders": senders_json, "domains": domains_json,
              "messages": messages_json}
    (HERE / "labels.json").write_bytes((json.dumps(labels, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    staff = ["# The clerks of the (fictional) あおば市役所 that mail in this fresh set refers to by name.",
             "# name = as in labels.json \"targets\" / \"mentions\"; reading = hiragana; aliases = other ways to refer.", ""]
    for name, reading, aliases, section in STAFF:
        staff += [f"# {section}", "[[staff]]", f'name = "{name}"', f'reading = "{reading}"',
                  "aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]", ""]
    (HERE / "staff.toml").write_bytes("\n".join(staff).encode("utf-8"))

    table = stats(senders_json, messages_json, domains_json, enc_count, total_bytes)
    print(table)
    (HERE / "README.md").write_bytes((README.replace("@@COUNTS@@", table)).encode("utf-8"))


def stats(senders_json, messages_json, domains_json, enc_count, total_bytes) -> str:
    by_addr = {s["address"]: s for s in senders_json}
    kinds = {s.address: s for s in SENDERS}
    L = []
    units = {s["group"] or s["address"] for s in senders_json}
    res = [s for s in SENDERS if resident_like(s)]
    L += ["| | count |", "|---|---:|",
          f"| senders (addresses) | {len(senders_json)} |",
          f"| actors (the 8 attack addresses = 1) | {len(units)} |",
          f"| messages | {len(messages_json)} |",
          f"| ordinary residents and organisations (no flag) | {len(res)} ({len(res) / len(senders_json):.0%} of senders) |",
          f"| senders with no flag (residents + the legitimate bulk sender) | "
          f"{sum(1 for s in senders_json if not s['flags'])} |",
          "| **sender flags** (addresses; actors in brackets) | |"]
    for f in FLAGS:
        a = [s for s in senders_json if f in s["flags"]]
        assert a, f
        au = {s["group"] or s["address"] for s in a}
        fm = sum(1 for s in a if s["address"].split("@")[1] in FREE_DOMAINS)
        L.append(f"| `{f}` | {len(a)} ({len(au)}); {fm} on free-mail domains |")
    flood = {s["address"] for s in senders_json
             if {"mail_bomb", "high_volume"} & set(s["flags"]) or s["group"] == f"domain:{ATTACK_DOMAIN}"}
    L.append("| **message categories** (all messages; floods left out in brackets = no `mail_bomb` / "
             "`high_volume` sender, no attack-domain member) | |")
    for c in CATEGORIES:
        a = sum(1 for m in messages_json if c in m["categories"])
        b = sum(1 for m in messages_json if c in m["categories"] and m["sender"] not in flood)
        assert a and b, c
        L.append(f"| `{c}` | {a} ({b}) |")
    L.append(f"| messages with no category | {sum(1 for m in messages_json if not m['categories'])} "
             f"({sum(1 for m in messages_json if not m['categories'] and m['sender'] not in flood)}) |")
    L.append(f"| messages with a target clerk | {sum(1 for m in messages_json if m['targets'])} |")
    L.append(f"| messages naming a clerk benignly (`mentions`) | {sum(1 for m in messages_json if m['mentions'])} |")
    L.append("| domain flags | " + ", ".join(f"{d['domain']}: {', '.join(d['flags'])}" for d in domains_json if d["flags"]) + " |")
    L += ["", "Text parts by charset and transfer encoding (as sent; text a legacy charset cannot carry fell back "
          "to UTF-8 base64):", "", "| charset / CTE | messages |", "|---|---:|"]
    for k in sorted(enc_count, key=lambda x: -enc_count[x]):
        L.append(f"| {k} | {enc_count[k]} |")
    L += ["", "Senders that are not ordinary residents:", "",
          "| address | messages | peak 1 h | peak 24 h | flags | kind |", "|---|---:|---:|---:|---|---|"]
    for s in sorted(senders_json, key=lambda x: (x["kind"].split(" ")[0], x["address"])):
        if resident_like(kinds[s["address"]]):
            continue
        L.append(f"| {s['address']} | {s['messages']} | {s['peak_1h']} | {s['peak_24h']} | "
                 f"{', '.join(s['flags']) or '-'} | {s['kind']} |")
    L += ["", f"Total mbox size: {total_bytes / 1e6:.2f} MB in {len(senders_json)} files; "
          f"{len(messages_json)} messages."]
    return "\n".join(L)


README = """# Fresh triage evaluation set (あおば市役所, November 2026)

A labelled, synthetic mail corpus for a **clean** evaluation of mailward's harassment triage
(カスハラ by email to a Japanese municipal office). It was written after the older corpus
(`../corpus/`, みどり区) had been looked at during development, so that there is again a test
set that nobody has tuned on. Everything here is generated by `generate.py` (Python 3.11+,
standard library only) and byte-identical on every run:

```sh
cd crates/triage/tests/corpus-fresh && python3 generate.py   # rewrites mbox/, labels.json, staff.toml, README.md
```

## How it was made independent

- Written without reading mailward's lexicons, its scoring code (`crates/triage/src/`) or its
  tests, and never run through mailward's triage. Labels say what a careful human reviewer
  would say about each mail; they were set by hand next to each text, not found by a keyword
  search.
- No text, template, phrase pool or topic list was taken from `../corpus/generate.py`; only its
  byte-level helpers (charset round trips, RFC 2047 words, quoted-printable, mboxrd) were
  reused. The people, the office (あおば市役所, six clerks in `staff.toml`), the addresses
  (`city.aoba.example`, `*.example` domains, documentation IP ranges) and the month are new.
- **Use it for reporting only.** Do not tune lexicons, weights or thresholds on it; once it has
  been used for tuning, it is no longer a clean test.

## Files

- `mbox/NNN-slug.mbox`: one mboxrd file per sender address (body lines matching `^>*From ` get one
  more `>`). `NNN` is a hash order and says nothing about the label.
- `labels.json`: same format as `../corpus/labels.json`. `senders` (address, `split` = `"fresh"`,
  file, kind, sender-level `flags`, `group`, number of `messages`, `peak_1h` / `peak_24h` receive
  counts), `domains` (every sender domain with `flags`, `kind`, `addresses`, `messages`,
  `peak_24h`, `max_addresses_24h`, `free_mail`), `messages` (every message: `message_id`,
  `sender`, `received`, `categories`, `targets`, `mentions`, `note`).
- `staff.toml`: the 6 clerks of あおば市役所 (`name`, `reading`, `aliases`; a comment gives each
  clerk's section).
- `generate.py`, `README.md` (the count tables below are printed by the script).

## The mail

- The mbox `From ` line is `From <address> <asctime>` in **Asia/Tokyo local time**: the time the
  office's MX received the mail; it drives every volume window. `Date:` is the same instant with
  `+0900`, and a `Received:` header repeats it. All dates are 1-30 November 2026.
- Residents write mostly in office hours and evenings; repeaters over days or weeks; the
  high-volume senders within one day, one night or one hour; the bombs within 3-20 hours.
- Every mail has Return-Path, Received, From, To (an address at `city.aoba.example`), Subject,
  Date, Message-ID (`<slug.n@fresh.mailward.test>`), MIME-Version and Content-Type. A sender's
  mailer uses one charset for body, Subject and display name: ISO-2022-JP 7bit, Shift_JIS 8bit
  (mobile carriers mostly), EUC-JP 8bit, UTF-8 base64, UTF-8 quoted-printable (Q-encoded
  words) or US-ASCII; text that a legacy charset cannot carry (emoji, half-width kana in
  ISO-2022-JP, 〜) falls back to UTF-8 base64.
- Awkward inputs: an empty Subject; HTML-only mails (one benign, one abusive); an attachment-only
  mail (PDF, no text part); a JPEG and a PNG attachment; a mail bomb whose bodies are often
  empty (the demand is in the Subject); English body lines starting with `From `; half-width
  katakana both in a benign mail and in insults.

## What the labels mean

The definitions and judgement calls are those of `../corpus/README.md` ("What the labels mean"),
applied unchanged:

- Message `categories`: `threat` (harm to life, body, freedom, honour or property announced,
  explicitly or by clear implication), `abusive` (insults / 暴言 aimed at the office or its
  staff, in any spelling), `excessive_demand` (ultimatums, "answer now", apology / kneeling,
  a manager or the mayor, documents beyond any procedure, money, punishing a clerk),
  `personal_contact` (private questions or invitations to a clerk, fixation, waiting outside,
  a clerk's home address / LINE / phone / commute). Quoted lines of the sender's *own* earlier
  mail count; reported speech does not.
- `targets`: the clerks at whom a *harassing* mail is aimed; `mentions`: clerks named in a benign
  mail (thanks, a polite complaint). Never both for one clerk in one mail.
- Sender `flags` = the union of the categories of its messages, plus `repeated_same_purpose` (5+
  mails pressing one demand or request), `high_volume` (20-99 mails in some 24-hour window or 10+
  in some hour, never 100 in 24 hours) and `mail_bomb` (100+ in some 24-hour window); the two
  volume flags exclude each other, and the script checks every sender's real peaks against them.
- The legitimate bulk sender (`sokuho@aoba-keizai.example`, news alerts with List-Id,
  List-Unsubscribe and Precedence: bulk; 130 distinct mails in one day) has **no** flag.
- `domains`: only `aoba-kokuhatsu.example` is flagged (`mail_bomb`): 8 addresses, 13-15 mails each,
  one night, one relay IP; no single address reaches a volume flag; each address is labelled by
  its own content. The free-mail domains (gmail.com, yahoo.co.jp, docomo.ne.jp, ezweb.ne.jp,
  softbank.ne.jp, icloud.com, outlook.jp) carry a high-volume sender, a threat bomb and many
  harassers and residents, and have no flag; so do the shared ISP domains.

## Judgement calls

- 死ね and its spellings (死 ね, 氏ね, タヒね) are `abusive`, not `threat`. ○す, こ ろ す, 燃 や し て やる,
  ぶっ殺したる, しばくぞ (Kansai: "I'll beat you up") are `threat`.
- なめとんのか / 市民をなめるのもいい加減に / 市民を馬鹿にしているのか alone are criticism, not `abusive`;
  アホばっかり, ボケ, カス, ポンコツ, 追いはぎの集まり, 耳は飾りか, 事なかれ主義の腰抜け are `abusive`.
- Veiled threats are `threat` when the harm is clear from context: 「夜は気をつけた方がいいですよ」 after
  naming the clerk's route and leaving time (also `personal_contact`), 「あなたの家族構成も知っています。
  上のお子さんはあおば第二小ですよね」 (also `personal_contact`), 「お前の車のナンバーも控えた。ただで済むと
  思うなよ」, "that car won't have any windows left", 晒してやる (harm to honour).
  「菓子折り程度で済むと思うなよ」 is about the size of compensation, not harm: `excessive_demand` only
  (a veiled demand for money, 「気持ちをどう形にするのか」).
- Lawful or peaceful pressure is never `threat`: 議員と新聞社に持ち込む, 市長宛てに送る, 毎日窓口に行く,
  市長室に行く, "standing at the bicycle park every morning to tell users".
- The first mail of a repeater that is a reasoned, civil request (a refund because the removal was
  wrong in his view; a noise measurement; "please let me know by Friday" for a penalty waiver) has
  no category; the follow-ups with ultimatums do. Residents asking for a reply by a date for a
  reason of their own (来週中, 今週金曜まで, お昼ごろまでに, "by next Thursday") are not
  `excessive_demand`; neither is a civil "this is my third inquiry".
- `repeated_same_purpose`: the polite pensioner who asks the same, already answered question 7 times
  gets the flag and no category; a resident writing three times on three different matters does
  not; the elderly man who sends 28 polite mails in one day, each on a different small matter, is
  `high_volume` only; the 60-insult night spree and the 260 near-identical 税金ドロボー bomb carry no
  demand, so no `repeated_same_purpose`; the bombs that press one demand (water-rate rise, numbered
  "reports") get it.
- `personal_contact` includes the polite request for a clerk's home address "to send a year-end
  gift" together with questions about his family; it does not include asking on which weekdays a
  clerk is at the counter in order to thank her there, asking a clerk's name for an official
  thank-you letter, asking whether the section may accept sweets, or asking a section's phone number.
- Love letters pressed 9 times (meet me; waiting at the station at 18:00 on the 20th; continued
  after the supervisor's refusal) are `personal_contact` + `repeated_same_purpose`.
- Rude but non-abusive complaints naming a clerk (「松本という職員が…あの態度は何だ」) give a
  `mention`, not a target; the same sender's later threat gives a target.
- The after-school-club repeater names 木村 in some mails (担当の木村を出せ, 木村、お前みたいな無能): those
  mails have him as a target; his last mails add threats (「お前の子どもがどこの保育園に通ってるかも
  調べはついてる。どうなっても知らんぞ」 is also `personal_contact`).
- Reported speech and victims' reports are benign: 息子が「殺すぞ」と言われた, 隣から「殺してやる」という
  怒鳴り声 (possible DV), a 脅迫状 received by the writer, 「税金泥棒」「辞めちまえ」 shouted by a man at the
  counter (the writer thanks the clerk), someone else's 「殺す」「火をつけてやる」 on social media, a
  mother's 「もう死にたい」, a daughter followed by 不審者 or 晒されて on SNS.
- Other benign trigger words: 殺虫剤, 殺鼠剤, 駆除, 死ぬほど忙しい, 火の元, 焚き火 / 火事, ボヤ, 爆発的に増えた,
  『爆弾』 (a novel), 起爆剤, 爆速, 燃やしてもいいですか, 殴り書き, 空き巣, 詐欺, 家族構成 (a water bill),
  "I'm dying to", "I'd kill for", 「このままでは子どもが死にます」 (road safety), news clippings about
  爆発事故 / 放火 / 詐欺 / 空き巣 / カスハラ.
- Residents whose surname is a clerk's (小林 秀夫) sign with it: neither a mention nor a target.
- The attack-domain addresses are labelled per address by content (`abusive`, some also
  `excessive_demand`); the bomb is the domain's flag.

## Counts

@@COUNTS@@
"""


if __name__ == "__main__":
    main()
