#!/usr/bin/env python3
"""Third labelled triage corpus (さくら県庁, December 2026), written independently.

Python 3.11+, standard library only; deterministic: every run writes byte-identical
mbox/, labels.json, staff.toml and README.md next to this file.

The texts and labels below were written by hand, without reading mailward's lexicons,
scoring code, tests, or the texts of the two older corpora.  Only the byte-level helpers
(charset round trips, RFC 2047 words, quoted-printable, base64, mboxrd) were copied from
../corpus-fresh/generate.py.
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
    Attachment, ENC_LABEL, b64_encode, effective_enc, fold, header_words, html_part, is_ascii,
    max_addrs_24h, mboxrd, mime_message, peaks, quote, rfc5322, seeded, split_mboxrd, text_part, tx,
    verify,
)

HERE = pathlib.Path(__file__).resolve().parent
SEED = "mailward-triage-fresh2-sakura-v1"
MID_DOMAIN = "fresh2.mailward.test"
MX = "mx1.pref.sakura.example"
PREF = "pref.sakura.example"
SPLIT = "fresh2"

FLAGS = ["threat", "abusive", "excessive_demand", "personal_contact",
         "repeated_same_purpose", "high_volume", "mail_bomb"]
CATEGORIES = ["threat", "abusive", "excessive_demand", "personal_contact"]
TH, AB, EX, PC = "threat", "abusive", "excessive_demand", "personal_contact"
RSP, HV, MB = "repeated_same_purpose", "high_volume", "mail_bomb"


# deterministic randomness (SHA-256 in counter mode) bound to this corpus's seed
Rng, stable_hash = seeded(SEED)

# ---------------------------------------------------------------------------
# time (all November 2026, Asia/Tokyo local time; 1 Nov 2026 is a Sunday)
# ---------------------------------------------------------------------------

START = datetime(2026, 11, 1)
END = datetime(2026, 11, 30, 23, 59, 59)


# ---------------------------------------------------------------------------
# time: December 2026, Asia/Tokyo local time (1 Dec 2026 is a Tuesday)
# ---------------------------------------------------------------------------

def T(d: int, hm: str, key: str = "") -> datetime:
    """Receive time on 2026-12-d at HH:MM (seconds from a hash)."""
    h, m = (int(x) for x in hm.split(":"))
    return datetime(2026, 12, d, h, m, stable_hash(f"sec|{key}|{d}|{hm}") % 60)


# ---------------------------------------------------------------------------
# data model
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
    volume_exempt: bool = False      # legitimate bulk sender
    resident: bool = False           # ordinary resident / organisation
    to: str = "info@pref.sakura.example"
    ip: str | None = None
    mailer: str | None = None
    slug: str = ""

    def all_flags(self) -> list[str]:
        got = set(self.flags)
        for m in self.msgs:
            got.update(m.cats)
        return [f for f in FLAGS if f in got]


SENDERS: list[Sender] = []

STAFF = [
    # (name, reading, aliases, section)
    ("高橋 美咲", "たかはし みさき", ["高橋", "美咲", "みさき", "Takahashi", "Misaki"], "県税事務所 自動車税課"),
    ("渡辺 健一", "わたなべ けんいち", ["渡辺", "渡邊", "健一", "Watanabe", "Kenichi"], "道路保全課（県道・除雪・街路樹）"),
    ("山口 さやか", "やまぐち さやか", ["山口", "さやか", "Yamaguchi", "Sayaka"], "子育て支援課（保育補助金・児童相談）"),
    ("中島 大輔", "なかじま だいすけ", ["中島", "大輔", "Nakajima", "Daisuke"], "環境保全課（不法投棄・騒音・野焼き）"),
    ("清水 恵", "しみず めぐみ", ["清水", "恵", "めぐみ", "Shimizu", "Megumi"], "県民相談室"),
    ("森 翔太", "もり しょうた", ["森", "翔太", "Mori", "Shota"], "旅券センター（パスポート）"),
    ("石井 直子", "いしい なおこ", ["石井", "直子", "なおこ", "Ishii", "Naoko"], "生活衛生課（動物愛護・食品衛生）"),
    ("原田 隆", "はらだ たかし", ["原田", "隆", "Harada", "Takashi"], "広報広聴課（知事への提言）"),
]
STAFF_NAMES = {s[0] for s in STAFF}
TAKAHASHI, WATANABE, YAMAGUCHI, NAKAJIMA, SHIMIZU, MORI, ISHII, HARADA = (s[0] for s in STAFF)

TO = {k: f"{v}@{PREF}" for k, v in {
    "info": "info", "zei": "jidoshazei", "doro": "douro", "kosodate": "kosodate", "kankyo": "kankyo",
    "soudan": "kenmin-soudan", "ryoken": "passport", "eisei": "seikatsu-eisei", "kouhou": "kouhou",
    "chiji": "chiji-teigen", "bousai": "bousai", "sangyo": "sangyo", "nourin": "nourin",
    "kenkou": "kenkou", "keiyaku": "keiyaku", "kyoiku": "kyouiku", "jinji": "jinji",
}.items()}

FREE_DOMAINS = {"gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp",
                "icloud.com", "outlook.jp"}
ISP_DOMAINS = {"sakura-net.example", "tsubaki-isp.example", "kazamidori.ne.example", "hanamizuki-net.example"}
ATTACK_DOMAIN = "sakura-seigi.example"
DOMAIN_KIND = {d: "free-mail provider" for d in FREE_DOMAINS}
DOMAIN_KIND.update({d: "ISP / shared domain (unrelated users)" for d in ISP_DOMAINS})
DOMAIN_KIND.update({
    ATTACK_DOMAIN: "private domain used for a coordinated attack",
    "kensei-clip.example": "legitimate bulk sender (press clipping with List-Id)",
    "sakura-douro-joho.example": "legitimate bulk sender (road information alerts)",
    "hoshino-kensetsu.example": "organisation (a construction company)",
    "sakura-daiichi-chu.example": "organisation (a junior high school)",
    "tsubasa-care.example": "organisation (a care office)",
    "kohaku-shokudo.example": "organisation (a children's cafeteria NPO)",
    "yamabiko-farm.example": "organisation (a farm)",
})


def add(s: Sender) -> Sender:
    for m in s.msgs:
        for c in m.cats:
            assert c in CATEGORIES, (s.address, c)
        for t in m.targets + m.mentions:
            assert t in STAFF_NAMES, (s.address, t)
        assert not set(m.targets) & set(m.mentions), s.address
        if m.targets:
            assert m.cats, (s.address, m.subject)
        if m.mentions:
            assert not m.cats, (s.address, m.subject)
        assert m.text is not None or m.html is not None or m.attachments or m.subject is not None
    for f in s.flags:
        assert f in FLAGS
    assert s.address not in {x.address for x in SENDERS}, s.address
    SENDERS.append(s)
    return s


def M(d: int, hm: str, subject: str, body: str | None, cats=(), targets=(), mentions=(), note: str = "",
      to: str | None = None, html: str | None = None, attachments=(), extra=()) -> Msg:
    return Msg(T(d, hm, subject + (body or "")[:40]), subject, body, html, list(attachments), list(cats),
               list(targets), list(mentions), note, to, list(extra))


def person(address: str, name: str | None, enc: str, to: str, kind: str, *msgs: Msg, flags=(),
           resident: bool = False, **kw) -> Sender:
    return add(Sender(address, name, kind, list(msgs), list(flags), enc, resident=resident,
                      to=TO.get(to, to), **kw))


def resident(address: str, name: str | None, enc: str, to: str, kind: str, *msgs: Msg, **kw) -> Sender:
    for m in msgs:
        assert not m.cats and not m.targets, address
    return person(address, name, enc, to, kind, *msgs, resident=True, **kw)


# ---------------------------------------------------------------------------
# tiny binary attachments (own code)
# ---------------------------------------------------------------------------

def png_bytes(seed: str, w: int = 16, h: int = 10) -> bytes:
    rng = Rng("png", seed)
    rows = b"".join(b"\x00" + bytes(rng.below(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def jpg_bytes(seed: str) -> bytes:
    rng = Rng("jpg", seed)
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + bytes(rng.below(256) for _ in range(600)) + b"\xff\xd9")


def pdf_bytes(title: str) -> bytes:
    body = (f"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            f"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            f"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
            f"% {title}\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return body.encode("ascii")


# ---------------------------------------------------------------------------
# ordinary residents and organisations (no flag; benign trigger words on purpose)
# ---------------------------------------------------------------------------

def build_residents() -> None:
    resident("k.fujisaki@sakura-net.example", "藤崎 和彦", "jis", "zei", "resident [lost tax slip]",
        M(1, "10:12", "自動車税の納付書の再発行について", tx("""
            さくら県 県税事務所 御中

            お世話になっております。藤崎と申します。
            今年度の自動車税の納付書を引っ越しの際に紛失してしまいました。
            再発行をお願いしたいのですが、郵送で送っていただくことは可能でしょうか。
            登録番号は「さくら 500 て 12-34」です。

            よろしくお願いいたします。
            藤崎 和彦
        """)))

    resident("yuka.ohno@gmail.com", "大野 由佳", "u8b", "ryoken", "resident [passport documents]",
        M(1, "12:40", "パスポート申請に必要な戸籍謄本について", tx("""
            旅券センターご担当者様

            来年3月に新婚旅行でハワイに行く予定で、初めてパスポートを申請します。
            結婚して本籍を移したばかりなのですが、新しい本籍地の戸籍謄本がまだ取れない場合、
            旧姓のままで申請してもよいのでしょうか。

            お忙しいところすみません。よろしくお願いします。
            大野（旧姓 宮下）由佳
        """)))

    resident("sato.noboru@kazamidori.ne.example", "佐野 昇", "euc", "doro", "resident [pothole, JPEG]",
        M(2, "07:55", "県道12号 陥没箇所のご報告（写真添付）", tx("""
            道路保全課 御中

            毎朝通勤で通る県道12号線、桜台交差点の手前（上り車線）に
            直径50センチほどの穴が開いています。昨夜の雨で水がたまり、深さが分かりません。
            バイクや自転車が落ちると危ないので、早めに見ていただけると助かります。
            写真を添付します。

            桜台3丁目 佐野 昇
        """), attachments=[Attachment("IMG_2041.jpg", "image/jpeg", jpg_bytes("pothole"))]))

    resident("m.kubota@tsubaki-isp.example", "久保田 真理", "jis", "soudan", "resident [reported speech: neighbour said 殺すぞ]",
        M(2, "21:14", "近隣トラブルの相談先を教えてください", tx("""
            県民相談室 御中

            夜分に失礼いたします。久保田と申します。
            隣の家の男性と駐車スペースのことで揉めており、今日の夕方、玄関先で
            「次に停めたら殺すぞ」と怒鳴られました。手が出たわけではありませんが、
            子どももいるので怖くて眠れません。

            まずは警察に相談したいと思っていますが、県にもこうした近隣トラブルの
            相談窓口はありますでしょうか。弁護士の無料相談なども紹介していただけると助かります。

            久保田 真理
        """), note="reported speech (the neighbour's 殺すぞ); asks for advice"))

    resident("hirano.t@sakura-net.example", "平野 孝", "sjis", "zei", "resident [burglary, vehicle papers stolen]",
        M(3, "09:30", "車検証の盗難と自動車税の手続き", tx("""
            県税事務所 自動車税担当様

            先週末、実家に泥棒に入られまして、車の中に置いていた車検証と
            納税証明書を盗まれてしまいました。警察には被害届を出してあります。
            車検が来月なのですが、納税証明書はどこで再発行できますか。
            土曜日も窓口は開いていますか。

            平野 孝
        """)))

    resident("nishida.family@outlook.jp", "西田 恵子", "u8q", "bousai", "resident [house fire, relief]",
        M(3, "14:02", "火事の被災者向けの支援について", tx("""
            防災危機管理課 ご担当者様

            11月28日の夜、自宅が火事で半焼しました。幸い家族は全員無事です。
            現在は妻の実家に身を寄せていますが、県として火災被災者に対する
            見舞金や一時的な住宅の支援制度はありますでしょうか。
            市役所からは、り災証明書は市で出すが、県の制度は県に聞くように言われました。

            お手数ですが、ご教示ください。
            西田 浩二（代筆：妻 恵子）
        """)))

    resident("info@kohaku-shokudo.example", "NPO法人こはく食堂", "u8b", "eisei", "organisation [children's cafeteria, gas stove]",
        M(4, "11:20", "子ども食堂でのカセットコンロ使用と食品衛生について", tx("""
            生活衛生課 御中

            いつもお世話になっております。NPO法人こはく食堂の岡部です。
            12月20日に公民館でクリスマス会を兼ねた子ども食堂を開きます。
            当日はカセットコンロ4台で鍋に火をつけて豚汁を作る予定です。
            臨時の調理でも営業許可や届出は必要でしょうか。
            また、ノロウイルス対策のチラシがあれば20部ほどいただきたいです。

            NPO法人こはく食堂 事務局 岡部 さゆり
        """)))

    resident("sales@yamabiko-farm.example", "やまびこファーム", "jis", "nourin", "organisation [inquiries flooding in after a fair]",
        M(4, "16:45", "物産フェアのお礼とご相談", tx("""
            農林振興課 ご担当者様

            先日の「さくら県うまいもの物産フェア」ではお世話になりました。
            県のSNSで当園のりんごジャムを紹介していただいた後、問い合わせが殺到しており、
            うれしい悲鳴を上げております。本当にありがとうございました。

            つきましては、来年度の出店募集の時期が決まっていましたら教えてください。

            やまびこファーム 小野寺
        """)))

    resident("s.ikegami@hanamizuki-net.example", "池上 修", "euc", "nourin", "resident [wild boars increased explosively]",
        M(7, "08:05", "イノシシ被害について", tx("""
            農林振興課 鳥獣対策ご担当様

            北谷地区の池上です。今年の秋からイノシシが爆発的に増えて、
            畑のさつまいもが全滅しました。夜になると家の裏まで来ています。
            箱わなの貸し出しや、狩猟免許を持った方の派遣はお願いできますか。
            地区の会合で説明をしていただけるとありがたいです。

            池上 修
        """)))

    resident("rie.kondo@docomo.ne.jp", "近藤理恵", "sjis", "ryoken", "resident [dead busy, asks for mail service]",
        M(7, "23:48", "パスポートの郵送受け取り", tx("""
            夜遅くにすみません。
            年末で仕事が死ぬほど忙しく、平日に旅券センターへ行く時間が取れません。
            受け取りを郵送にしていただくことや、日曜日の受け取りはできますか？
            申請は先月済ませています（受理番号 R-2026-118）。
            近藤
        """)))

    resident("g.miura1970@yahoo.co.jp", "三浦 剛", "sjis", "sangyo", "resident [fired, job training]",
        M(8, "10:15", "職業訓練の申し込みについて", tx("""
            産業労働課 御中

            先月、会社を首になりました。56歳で再就職が厳しく、
            県の職業訓練（フォークリフトか介護）を受けたいと考えています。
            1月開講のコースにまだ空きはありますか。
            ハローワークでの手続きが先に必要でしょうか。

            三浦 剛
        """)))

    resident("nakai.law.q@sakura-net.example", "仲井 恒夫", "jis", "info", "resident [will consult a lawyer, calmly]",
        M(8, "13:33", "県有地との境界について", tx("""
            さくら県庁 ご担当者様

            私の所有する山林（朝日町字大沢）と、隣接する県有林の境界について
            父の代から認識の違いがあるようです。相続の手続きを進めるにあたり、
            弁護士に相談する予定ですので、県が保有している境界の図面や
            過去の立会いの記録があれば、閲覧の方法を教えていただけますか。

            どちらの課にお尋ねすればよいか分からず、代表アドレスにお送りしました。
            仲井 恒夫
        """)))

    resident("aya.ishizuka@icloud.com", "石塚 彩", "u8b", "zei", "resident [thanks 高橋]",
        M(9, "17:10", "高橋様へのお礼", tx("""
            県税事務所 自動車税課 御中

            先日、亡くなった父の車の名義変更と自動車税の手続きで伺った石塚です。
            死亡届の後で何をどうすればいいのか分からず途方に暮れていたのですが、
            窓口の高橋さんが一つ一つ紙に書いて説明してくださり、本当に救われました。
            どうか高橋さんにお礼をお伝えください。上司の方にもよろしくお伝えください。

            石塚 彩
        """), mentions=[TAKAHASHI]))

    resident("hkawashima@kazamidori.ne.example", "川島 博", "euc", "ryoken", "resident [thanks 森, old-fashioned]",
        M(9, "09:02", "御礼", tx("""
            旅券センター　森翔太様

            拝啓　師走の候、ますますご清祥のこととお喜び申し上げます。
            さて、先日は孫の初めての旅券申請に際し、大変丁寧にご対応いただき
            誠にありがとうございました。写真の撮り直しの件も快く教えてくださり、
            孫も無事に申請を済ませることができました。
            寒さ厳しき折、どうぞご自愛ください。

            敬具
            川島 博
        """), mentions=[MORI]))

    resident("ueda.masashi@tsubaki-isp.example", "上田 正志", "jis", "doro", "resident [polite complaint about 渡辺's slow reply]",
        M(10, "12:05", "先月お願いした街灯の件", tx("""
            道路保全課 渡辺様

            11月中旬にお電話でお願いした、県道沿いの街灯が切れている件です。
            その際「今週中に現地を確認します」とのことでしたが、
            まだ暗いままで、その後のご連絡もいただいていません。
            お忙しいとは思いますが、せめて状況だけでも教えていただけますでしょうか。
            夜道が暗く、中学生の娘の帰りが心配です。

            上田 正志
        """), mentions=[WATANABE], note="polite complaint naming a clerk: a mention"))

    resident("ogura.h@hanamizuki-net.example", "小倉 久美子", "euc", "doro", "resident [street trees, one polite reminder]",
        M(1, "10:40", "街路樹の枝の剪定のお願い", tx("""
            道路保全課 御中

            県道34号の宮前バス停付近のケヤキの枝が伸びて、信号機が見えにくくなっています。
            剪定をご検討いただけないでしょうか。

            小倉 久美子
        """)),
        M(11, "10:22", "Re: 街路樹の枝の剪定のお願い", tx("""
            道路保全課 御中

            先日の件、いかがでしょうか。
            お忙しい時期に催促のようになってしまい申し訳ありません。
            年内が難しければ、おおよその時期だけでも教えていただけると助かります。

            > 県道34号の宮前バス停付近のケヤキの枝が伸びて、信号機が見えにくくなっています。

            小倉 久美子
        """), note="one polite reminder on the same matter"))

    resident("yoshioka-k@sakura-net.example", "吉岡 健", "jis", "kosodate", "resident [subsidy result, one polite reminder]",
        M(2, "13:15", "保育補助金の審査結果について", tx("""
            子育て支援課 御中

            10月に申請した多子世帯保育料軽減補助金の審査結果は、いつごろ通知されますでしょうか。
            申請番号は K-3381 です。

            吉岡 健
        """)),
        M(14, "12:50", "Re: 保育補助金の審査結果について", tx("""
            子育て支援課 御中

            再度のご連絡で恐縮です。
            2日にお尋ねした件ですが、まだ通知が届いておりません。
            年末の家計の見通しを立てたいので、結果の時期だけでもお知らせいただければ幸いです。

            吉岡 健
        """), note="polite second mail on the same matter"))

    resident("tanoue.chieko@softbank.ne.jp", "田上 千恵子", "sjis", "soudan", "resident [saw a man shout 土下座しろ, thanks 清水]",
        M(10, "18:30", "窓口の職員さんへ", tx("""
            県民相談室の皆様

            今日の午後、相談の順番を待っていたとき、年配の男性が
            「土下座しろ」「税金泥棒」と大声で怒鳴っていました。
            対応されていた清水さんという女性の職員さんは、最後まで落ち着いて
            丁寧に話をされていて、頭が下がりました。私まで怖かったのに。
            あんな人ばかりではないので、どうか気を落とさないでくださいね。
            清水さんにもよろしくお伝えください。

            田上
        """), mentions=[SHIMIZU], note="reported speech (someone else's 土下座しろ / 税金泥棒); thanks a clerk"))

    resident("t.morishige@tsubaki-isp.example", "森重 達也", "jis", "chiji", "resident [calm opinion on taxes]",
        M(11, "20:05", "庁舎改修事業への意見", tx("""
            知事への提言 ご担当者様

            県庁舎の改修に総額120億円をかけるという報道を読みました。
            耐震化が必要なのは理解しますが、人口が減っていく中でこの規模が本当に必要か、
            県民としては疑問があります。税金の使い道として優先順位が違うのではないでしょうか。
            分庁舎の統合や、既存の民間ビルの活用なども検討していただきたいと思います。

            一県民の意見として、ご検討いただければ幸いです。
            森重 達也
        """), note="criticism of tax use, civil: no category"))

    resident("hanabi.kumiai@sakura-net.example", "さくら川花火保存会", "jis", "bousai", "organisation [fireworks permit]",
        M(3, "15:20", "年越し花火の打ち上げに係る手続きについて", tx("""
            防災危機管理課 御中

            さくら川花火保存会の事務局です。
            12月31日の23時59分から、河川敷で年越しの打ち上げ花火（約300発）を予定しています。
            花火に火をつける煙火消費の許可申請は、県と消防のどちらに提出すればよいでしょうか。
            昨年と担当が変わったと聞きましたので確認させてください。

            さくら川花火保存会 事務局 桑原
        """)))

    resident("mkanno@kazamidori.ne.example", "菅野 美紀", "euc", "eisei", "resident [hornets, insecticide]",
        M(4, "09:48", "スズメバチの巣の駆除", tx("""
            生活衛生課 御中

            軒下に大きなスズメバチの巣があります。冬になって活動は減ったようですが、
            市販の殺虫剤で駆除しても大丈夫でしょうか。
            県で業者を紹介していただくことはできますか。

            菅野
        """)))

    resident("oyabaka.papa@gmail.com", "いとう", "u8b", "kosodate", "resident [親バカ, photo contest]",
        M(5, "21:30", "子育てフォトコンテストの応募について", tx("""
            子育て支援課さま

            親バカですが、娘の写真をフォトコンテストに応募したいです😊
            スマホで撮った写真でも大丈夫ですか？
            締め切りは12月25日で合っていますか？

            伊藤
        """)))

    resident("hk.ono@sakura-net.example", "小野 浩介", "jis", "kosodate", "resident [deadline asked as a question]",
        M(11, "11:58", "補助金申請の締め切りについて", tx("""
            子育て支援課 御中

            ベビーシッター利用支援の申請は、締め切りが本日17時まで、という理解で
            合っていますでしょうか。書類を今から持参しようと思っています。
            もし郵送の消印有効であれば、そちらにします。

            小野 浩介
        """), note="a deadline asked as a question"))

    resident("r.takeda@outlook.jp", "Rebecca Takeda", "ascii", "ryoken", "resident [English, kill two birds]",
        M(8, "10:02", "Passport renewal and tax certificate on the same day?", tx("""
            Hello,

            I need to renew my son's passport and also pick up a tax certificate.
            Is the tax office in the same building as the passport center? I would
            like to kill two birds with one stone and do both on Friday morning.

            From what I read on your website, I need his old passport and one photo.
            Is that correct?

            Thank you,
            Rebecca Takeda
        """), note="English; 'kill two birds'; a body line starting with 'From '"))

    resident("j.morrison@gmail.com", "James Morrison", "ascii", "info", "resident [English, dying to know]",
        M(12, "14:25", "Winter illumination dates", tx("""
            Hi there,

            My kids are dying to know when the winter illumination at the prefectural
            park starts this year. Is it open on Christmas Eve?
            From next week my parents are visiting from Canada, so we would love to go.

            Thanks a lot!
            James
        """), note="English benign, lines start with 'From '"))

    resident("info@hoshino-kensetsu.example", "星野建設株式会社", "jis", "keiyaku", "organisation [tender question]",
        M(2, "09:10", "入札公告第58号に関する質問", tx("""
            さくら県 会計局 契約課 御中

            星野建設株式会社 工務部の木下でございます。
            入札公告第58号（県道12号 橋梁補修工事）について質問させていただきます。

            1. 設計書の数量表3頁目の足場面積に誤記があるように見受けられます。
            2. 質問の回答期限は12月9日17時という理解でよろしいでしょうか。

            ご確認のほど、よろしくお願い申し上げます。
        """), note="a deadline asked as a question (tender)"))

    resident("jimu@tsubasa-care.example", "つばさ介護サービス", "euc", "kenkou", "organisation [care office notice]",
        M(9, "15:00", "変更届の提出について（つばさ介護サービス）", tx("""
            健康福祉課 御中

            つばさ介護サービスの事務担当 新井です。
            管理者の変更に伴う変更届を本日郵送いたしました。
            到着のご確認をいただけますと幸いです。
            また、年末年始の緊急連絡先を別紙でお送りします。

            つばさ介護サービス 新井 理沙
        """)))

    resident("kyomu@sakura-daiichi-chu.example", "さくら第一中学校", "jis", "kyoiku", "organisation [school, safety class]",
        M(10, "16:10", "防犯教室の講師派遣のお願い", tx("""
            教育庁 生徒指導室 御中

            さくら第一中学校 教務主任の大森です。
            最近、生徒がSNSで「晒された」「住所を特定された」といったトラブルに巻き込まれる
            事例が校内でも起きています。
            1月に、ネットトラブルと詐欺被害の防犯教室を開きたいので、
            県の出前講座で講師を派遣していただけないでしょうか。

            さくら第一中学校 大森 敏
        """), note="reported: students being exposed online (victims)"))

    resident("npo.hidamari@kazamidori.ne.example", "ひだまりの会", "u8q", "eisei", "organisation [HTML-only newsletter-ish mail]",
        M(12, "10:00", "【ひだまりの会】譲渡会のお知らせ＆御礼", None, html=(
            "<html><body><p>生活衛生課 御中</p>"
            "<p>いつもお世話になっております。保護犬・保護猫の譲渡会のお知らせです。<br>"
            "日時：12月19日（土）10時&nbsp;〜&nbsp;15時<br>場所：さくら県動物愛護センター</p>"
            "<p>おかげさまで、今年はセンターでの殺処分ゼロを達成できました &amp; 譲渡数も過去最多です。"
            "職員の皆さまのご協力に心から感謝いたします &#x1F43E;</p>"
            "<p>&quot;ひだまりの会&quot; 代表 吉永</p></body></html>\n"),
            note="HTML-only; 殺処分ゼロ"))

    resident("kdoi@tsubaki-isp.example", "土井 和子", "jis", "kosodate", "resident [application form, attachment only]",
        M(14, "09:35", "申請書を送ります", None, attachments=[
            Attachment("hojokin_shinseisho.pdf", "application/pdf", pdf_bytes("hojokin shinseisho"))],
            note="attachment-only mail (PDF), no text part"))

    resident("noriko.s55@ezweb.ne.jp", "杉浦のりこ", "sjis", "eisei", "resident [empty subject]",
        M(15, "19:20", "", tx("""
            生活衛生課の方へ
            近所の空き家に野良猫が20匹くらい集まっていて、鳴き声と臭いがひどいです。
            保護や不妊手術の補助などはありますか。
            杉浦
        """), note="empty Subject"))

    resident("mei.mama.0312@icloud.com", "めい", "u8b", "kosodate", "resident [emoji thanks to 山口]",
        M(15, "13:05", "ありがとうございました🙏", tx("""
            子育て支援課の山口さま

            先日は双子の一時預かりの件でたくさん相談に乗っていただき、ありがとうございました🙏✨
            紹介していただいた保育園、来週から使えることになりました！
            年末、体調に気をつけてくださいね☃️

            めい
        """), mentions=[YAMAGUCHI], note="emoji, thanks a clerk"))

    resident("oldphone.t@docomo.ne.jp", "シマダ", "sjis", "ryoken", "resident [half-width kana, benign]",
        M(16, "07:40", "ﾊﾟｽﾎﾟｰﾄ ｳｹﾄﾘ", tx("""
            ｵｾﾜﾆﾅｯﾃｵﾘﾏｽ｡
            ﾊﾟｽﾎﾟｰﾄﾉ ｳｹﾄﾘﾊ ﾆﾁﾖｳﾋﾞﾓ ﾃﾞｷﾏｽｶ｡
            ﾖﾛｼｸｵﾈｶﾞｲｼﾏｽ｡
            ｼﾏﾀﾞ
        """), note="half-width katakana, benign"))

    resident("dv.soudan.k@gmail.com", None, "u8b", "soudan", "resident [wants to consult police, DV]",
        M(16, "01:12", "相談できるところ", tx("""
            夜中にすみません。名前は伏せさせてください。
            夫から毎日のように「お前なんか死ねばいい」と言われ、昨日は物を投げられました。
            警察に相談したいのですが、大ごとになるのが怖いです。
            県の女性相談の窓口は、電話以外にメールでも相談できますか。
            子どもが寝ている間しか連絡できません。
        """), note="victim's report, reported speech"))

    resident("jichikai.hinode@sakura-net.example", "日の出町自治会", "jis", "bousai", "organisation [fire watch notice]",
        M(17, "18:00", "年末夜警（火の用心）の実施報告", tx("""
            防災危機管理課 御中

            日の出町自治会です。今年も12月26日から30日まで、
            「火の用心」の拍子木を打って夜回りを行います。
            昨年、隣の地区で放火によるボヤ騒ぎがありましたので、
            空き家の多い3丁目を重点的に回る予定です。
            県のポスターが余っていましたら、10枚ほどいただけますでしょうか。

            日の出町自治会 防犯部長 古川
        """)))

    resident("t.hamano@hanamizuki-net.example", "浜野 徹", "euc", "kankyo", "resident [garbage, asks if prefecture or city]",
        M(17, "10:30", "燃えるゴミの日の不法投棄", tx("""
            環境保全課 御中

            市に聞くべきことかもしれませんが、念のためお送りします。
            うちの近くの県道脇の空き地に、毎週燃えるゴミの日の前夜になると
            家電や布団が捨てられています。不法投棄は県の担当と聞きました。
            看板の設置やパトロールをお願いできないでしょうか。

            浜野
        """)))

    resident("m.tsuji@kazamidori.ne.example", "辻 光男", "euc", "kankyo", "resident [bonfire smoke, calm]",
        M(18, "08:20", "野焼きの煙について", tx("""
            環境保全課 中島様

            先日お電話で対応してくださった中島さんに、続報をお知らせします。
            隣の畑での焚き火（野焼き）の件、ご指導いただいた後は煙が来なくなりました。
            ありがとうございました。もう火事の心配をしなくて済みそうです。

            辻 光男
        """), mentions=[NAKAJIMA]))

    resident("kuma.worry@yahoo.co.jp", "森 和夫", "sjis", "nourin", "resident [surname 森, bears]",
        M(18, "06:55", "通学路のクマ出没について", tx("""
            農林振興課 御中

            今朝6時ごろ、山田川沿いの通学路でクマを見ました。体長1メートルほどです。
            冬眠しないクマもいると聞き、子どもたちが襲われたら本当に死んでしまうと心配です。
            見回りやわなの設置をお願いできないでしょうか。

            川上地区 森 和夫
        """), note="resident signs with the surname 森 (not the clerk): no mention"))

    resident("bousai.fan@outlook.jp", "長尾", "u8q", "bousai", "resident [bomb cyclone]",
        M(21, "17:40", "爆弾低気圧に備えた避難所の開設について", tx("""
            防災危機管理課 御中

            明日から爆弾低気圧で大荒れになると予報が出ています。
            海沿いの地区の避難所は、何時ごろから開設される予定でしょうか。
            高齢の母がいるので、早めに移動させたいと考えています。

            長尾
        """)))

    resident("s.kurokawa@tsubaki-isp.example", "黒川 静香", "jis", "zei", "resident [phishing mail report]",
        M(22, "11:11", "県税事務所をかたる詐欺メールについて", tx("""
            県税事務所 御中

            「【さくら県税事務所】自動車税未納のお知らせ」という件名のメールが届きました。
            リンク先でクレジットカード番号を入力させる内容で、詐欺だと思います。
            念のためお知らせします。ホームページで注意喚起していただけると良いと思います。

            黒川
        """)))

    resident("vending.kaizen@gmail.com", "今村 翼", "u8b", "info", "resident [vending machine broken]",
        M(22, "13:05", "1階ロビーの自販機", tx("""
            県庁1階ロビーの自動販売機（入口から2台目）がぶっ壊れてるみたいです。
            お金を入れても出てこず、返金レバーも動きませんでした（160円）。
            業者さんへの連絡をお願いします。返金はどうでもいいです。

            今村
        """)))

    resident("ryota.pr.love@gmail.com", "ryota", "u8b", "kouhou", "resident [young, praises PR video]",
        M(5, "22:10", "県のPR動画まじでヤバいです", tx("""
            広報広聴課さま

            YouTubeのさくら県PR動画見ました！まじでヤバい、神動画ですｗ
            ドローンで撮った桜並木のとこ、鳥肌立ちました。
            友達にも拡散しときます。続編も期待してます！！

            りょうた
        """), note="young slang praise (ヤバい, 神)"))

    resident("crowded.passport@softbank.ne.jp", "吉川", "sjis", "ryoken", "resident [crowded, mild complaint]",
        M(21, "12:30", "旅券センターの混雑について", tx("""
            今日の午前中に行きましたが、鬼のように混んでいて2時間待ちでした。
            年末は申請が殺到するのは分かりますが、整理券の配布状況をネットで見られると
            ありがたいです。ご検討ください。
            吉川
        """), note="mild complaint, suggestion"))

    resident("family.count@sakura-net.example", "宮田 亮", "jis", "kosodate", "resident [家族構成, child allowance]",
        M(14, "10:45", "家族構成が変わった場合の届出", tx("""
            子育て支援課 御中

            先月三人目が生まれて家族が増えました。
            県の第3子保育料無償化の対象になると思うのですが、家族構成の変更は
            市と県のどちらに届け出ればよいでしょうか。

            宮田 亮
        """)))

    resident("sns.report.h@gmail.com", "堀 真奈美", "u8b", "info", "resident [reports SNS post about arson of the building]",
        M(23, "08:15", "SNSで見つけた書き込みについて", tx("""
            さくら県庁 ご担当者様

            昨夜、X（旧Twitter）で「県庁に火をつける」「全員ぶっ殺す」と書き込んでいる
            アカウントを見つけました。スクリーンショットを添付します。
            いたずらかもしれませんが、念のためお知らせします。警察にも通報済みです。
            職員の皆さん、どうか気をつけてください。

            堀
        """), attachments=[Attachment("screenshot.png", "image/png", png_bytes("sns-shot"))],
            note="reports someone else's threat on SNS: benign"))

    resident("factory.smell@tsubaki-isp.example", "安藤 正", "jis", "kankyo", "resident [factory explosion news, odour]",
        M(24, "09:40", "工業団地の異臭について", tx("""
            環境保全課 御中

            先週、隣町の化学工場で爆発事故があったとニュースで見ました。
            それ以来、朝方に薬品のような臭いがすることがあります。
            大気の測定結果は公表されていますか。健康への影響が心配です。

            安藤 正
        """)))

    resident("hakata.umare@kazamidori.ne.example", "古賀 博之", "euc", "ryoken", "resident [Hakata dialect, benign]",
        M(9, "20:45", "パスポートの写真のこと", tx("""
            旅券センターの方へ

            博多から引っ越してきた古賀です。
            パスポートの写真、眼鏡かけたままでよかとですか？
            前に作ったときは外せって言われた気がするっちゃけど、最近はどうなっとるとでしょうか。
            よろしくお願いします。
        """), note="Hakata dialect, benign"))

    resident("ookini.k@sakura-net.example", "岡田 昌子", "jis", "eisei", "resident [Kansai dialect thanks 石井]",
        M(11, "15:35", "犬の譲渡のお礼", tx("""
            生活衛生課の石井さんへ

            先月、動物愛護センターから柴犬の「こむぎ」を迎えた岡田です。
            石井さんがほんまに親身になって相談に乗ってくれはったおかげで、
            こむぎもすっかりうちの子になりました。ほんまおおきに。
            写真、送らせてもらいますね。

            岡田 昌子
        """), mentions=[ISHII], attachments=[Attachment("komugi.jpg", "image/jpeg", jpg_bytes("komugi"))],
            note="Kansai dialect, thanks a clerk, JPEG"))

    resident("tohoku.sato@hanamizuki-net.example", "佐藤 ハツ", "euc", "doro", "resident [Tohoku dialect, snow]",
        M(16, "06:30", "除雪のお願い", tx("""
            道路保全課さま

            ゆんべから雪がどっさど積もって、家の前の県道さ除雪車がまだ来ねっす。
            年寄りばりの集落だがら、病院さも行がれねくて困ってます。
            なんとか早めに来てけねべが。よろしくお願いします。

            上野地区 佐藤ハツ
        """), note="Tohoku dialect, polite request"))

    resident("snow.driver@docomo.ne.jp", "片山", "sjis", "doro", "resident [almost died in snow, polite]",
        M(17, "07:50", "峠道の凍結について", tx("""
            道路保全課 御中

            今朝、県道58号の峠で車がスリップして、本当に死ぬかと思いました。
            ガードレールに当たって止まりましたが、ケガはありません。
            あのカーブは毎年凍るので、融雪剤をもう少し早めに撒いていただけると助かります。
            片山
        """)))

    resident("kasuhara.seminar@tsubaki-isp.example", "株式会社みどり商事 総務部", "jis", "sangyo", "organisation [カスハラ seminar]",
        M(15, "10:20", "カスハラ防止条例の説明会について", tx("""
            産業労働課 御中

            株式会社みどり商事 総務部の村井です。
            県のカスタマーハラスメント防止条例の施行に向けて、
            事業者向けの説明会が開催されると伺いました。
            当社はコールセンターで「殺すぞ」「土下座しろ」といった暴言を受けることもあり、
            社員教育の参考にしたいので、申込方法を教えてください。

            村井
        """), note="quotes examples of abuse received elsewhere (reported)"))

    resident("okamura.t@outlook.jp", "岡村 哲也", "u8q", "keiyaku", "resident [third inquiry, civil]",
        M(18, "14:50", "三度目の問い合わせになります", tx("""
            契約課 御中

            県有地の売り払い（一般競争入札）の件で、今回で三度目の問い合わせになります。
            これまで二度お送りしたメールに返信がなく、電話も担当者不在とのことでした。
            どういう状況なのでしょうか。
            入札参加資格の書類を年内に揃えたいので、教えていただけますと助かります。

            岡村 哲也
        """), note="a civil 'third inquiry': no category"))

    resident("chiho.k@gmail.com", "北村 ちほ", "u8b", "ryoken", "resident [asks when 森 is in, for her case]",
        M(21, "09:15", "申請の件で森さんに確認したいこと", tx("""
            旅券センター 御中

            先日、子どもの旅券申請の際に森さんに対応していただきました。
            その時に「戸籍の記載について確認して折り返します」と言われたのですが、
            森さんは何曜日に出勤されていますか。私から電話した方が早ければそうします。

            北村
        """), mentions=[MORI], note="asks when the clerk handling her case is in: not personal contact"))

    resident("seibo.q@sakura-net.example", "大塚 義雄", "jis", "doro", "resident [asks whether a section may accept sweets]",
        M(24, "11:00", "お礼の品について", tx("""
            道路保全課 御中

            夏の豪雨の後、すぐに家の前の崩れた法面を直していただいた大塚です。
            課の皆さんに年末のお礼として菓子折りをお持ちしたいのですが、
            県の職員の方は受け取りが禁止されていますでしょうか。
            ご迷惑になるようでしたらお手紙だけにいたします。

            大塚 義雄
        """), note="asks if the section may accept sweets: benign"))

    resident("kubi.mawaranai@yahoo.co.jp", None, "sjis", "soudan", "resident [debt, 首が回らない]",
        M(22, "22:30", "生活の相談", tx("""
            借金で首が回らなくなってしまいました。
            消費者金融3社から合わせて200万円ほどです。
            県の多重債務相談は予約制でしょうか。土日はやっていますか。
            家族には知られたくないので、郵便ではなくメールで返事をいただけると助かります。
        """)))

    resident("horror.novel@kazamidori.ne.example", "新田 航", "euc", "kyoiku", "resident [novel title 『爆弾』]",
        M(10, "19:00", "県立図書館の読書会について", tx("""
            教育庁 生涯学習課 御中

            県立図書館の冬の読書会の課題本が『爆弾』（呉勝浩）と聞きました。
            高校生も参加できますか。息子がミステリー好きで、ぜひ参加したいと言っています。

            新田 航
        """), note="a novel title 『爆弾』"))

    resident("h.matsuzaki@tsubaki-isp.example", "松崎 晴美", "jis", "kenkou", "resident [flu vaccine]",
        M(1, "09:05", "高齢者のインフルエンザ予防接種", tx("""
            健康福祉課 御中

            85歳の父のインフルエンザ予防接種について伺います。
            施設に入所していますが、県の助成は施設経由で申請するのでしょうか。

            松崎 晴美
        """)))

    resident("kenji.abe.1982@gmail.com", "阿部 健二", "u8b", "sangyo", "resident [three different matters, 3 mails]",
        M(3, "12:10", "創業補助金の説明会", tx("""
            産業労働課 御中

            創業補助金の説明会は、オンライン参加もできますか。
            平日昼間は本業があるので、録画配信があると助かります。

            阿部 健二
        """)),
        M(10, "12:20", "県営駐車場の年末年始の営業", tx("""
            県庁の皆様

            県庁前の県営駐車場は、12月29日から1月3日まで閉まっていますか。
            初詣の帰りに利用できるか知りたいです。

            阿部
        """), to=TO["info"]),
        M(18, "12:05", "広報誌の送付先変更", tx("""
            広報広聴課 御中

            広報誌「さくらだより」の送付先住所を変更したいです。
            新住所：桜台5丁目2番18号 メゾン桜301
            よろしくお願いします。

            阿部 健二
        """), to=TO["kouhou"], note="three mails on three different matters: not repeated_same_purpose"))

def build_more_residents() -> None:
    resident("a.yokoyama@sakura-net.example", "横山 亜紀", "jis", "ryoken", "resident [lost passport abroad]",
        M(2, "16:20", "海外でパスポートを紛失した場合", tx("""
            旅券センター 御中

            来月出張でベトナムに行く夫のことで質問です。
            万一現地でパスポートを紛失した場合、帰国のための書類はどこで発行されますか。
            事前に準備しておくべき書類（戸籍謄本のコピーなど）があれば教えてください。

            横山 亜紀
        """)))

    resident("p.nguyen.sakura@gmail.com", "Nguyen Van Phuc", "ascii", "sangyo", "resident [English, job training, foreign worker]",
        M(4, "18:40", "Question about Japanese language class", tx("""
            Dear Sakura Prefecture,

            I am a technical intern working at a factory in Higashi town.
            Does the prefecture offer free Japanese classes on Sunday?
            My friends say there is a class at the international center, but I cannot
            find it on the website.

            Best regards,
            Nguyen Van Phuc
        """)))

    resident("emma.b@icloud.com", "Emma Brown", "ascii", "eisei", "resident [English, restaurant hygiene, polite]",
        M(15, "12:12", "Food hygiene certificate for a small cafe", tx("""
            Hello,

            I am planning to open a small cafe in Sakuradai next spring.
            From what I understand, I need a food hygiene manager certificate.
            Could you tell me when the next course in English (or with an interpreter)
            is held? I'd kill for an English version of the application guide, to be honest!

            Kind regards,
            Emma Brown
        """), note="English; \"I'd kill for\" idiom; a line starting with 'From '"))

    resident("ichikawa.s@tsubaki-isp.example", "市川 聡", "jis", "doro", "resident [guardrail damage report]",
        M(5, "10:50", "ガードレールの破損", tx("""
            道路保全課 御中

            県道21号、白鳥橋の西側のガードレールが大きく曲がっています。
            事故があったようで、反射板も割れています。
            夜間は見えにくいので危ないと思い、ご連絡しました。

            市川
        """)))

    resident("fukuda.mariko@docomo.ne.jp", "福田まり子", "sjis", "kosodate", "resident [child consultation]",
        M(7, "14:15", "発達相談の予約", tx("""
            子育て支援課さま
            3歳の息子の言葉が遅いのが気になっています。
            県の発達相談センターの予約は、どのくらい先まで埋まっていますか。
            福田
        """)))

    resident("w.sakaguchi@hanamizuki-net.example", "坂口 渉", "euc", "kankyo", "resident [noise measurement request, civil]",
        M(8, "19:30", "工事騒音の測定について", tx("""
            環境保全課 御中

            自宅の裏で、9月から夜間の道路工事が続いています。
            夜10時を過ぎても重機の音が響き、子どもが眠れません。
            県で騒音の測定をしていただくことはできますか。
            結果によっては、工事の時間帯の見直しを業者にお願いしたいと思っています。

            坂口 渉
        """), note="civil request for a measurement"))

    resident("satomi.k.art@gmail.com", "小池 里美", "u8b", "kouhou", "resident [art exhibition]",
        M(9, "11:30", "県民美術展の搬入日", tx("""
            広報広聴課さま

            県民美術展の作品の搬入日は1月9日と10日のどちらでしょうか。
            油絵（F50号）を出品予定です。車で搬入するのですが、駐車場は使えますか。

            小池 里美
        """)))

    resident("haruki.nozawa@outlook.jp", "野沢 春樹", "u8q", "jinji", "resident [job exam question]",
        M(10, "21:10", "県職員採用試験（社会人枠）について", tx("""
            人事課 御中

            来年度の県職員採用試験（社会人経験者枠）の受験を考えています。
            現在39歳ですが、年齢制限は40歳未満で、試験日時点の年齢で判断されますか。
            民間で10年以上、広報の仕事をしてきました。

            野沢 春樹
        """)))

    resident("k.tamura.taxi@sakura-net.example", "田村 健吾", "jis", "zei", "resident [taxi company, tax exemption]",
        M(11, "09:20", "福祉車両の自動車税減免", tx("""
            県税事務所 御中

            個人タクシーを営んでいる田村です。
            車いすのまま乗れる福祉車両に買い替えました。
            自動車税の減免の対象になるか、必要書類を教えていただけますか。

            田村 健吾
        """)))

    resident("hoikushi.yuri@softbank.ne.jp", "百合", "sjis", "kosodate", "resident [nursery teacher, shortage]",
        M(12, "22:50", "保育士の処遇改善について", tx("""
            子育て支援課のみなさま

            保育士をしています。毎日人手が足りず、正直死ぬほど疲れています。
            県の処遇改善の補助金は、園を通してしか申請できないのでしょうか。
            個人で相談できる窓口があれば教えてください。
            責めているわけではありません。現場の声として聞いていただけたら嬉しいです。
        """)))

    resident("old.teacher.y@kazamidori.ne.example", "山本 喜代子", "euc", "chiji", "resident [opinion, civil, mentions 原田]",
        M(14, "16:00", "知事への提言（公共交通について）", tx("""
            広報広聴課 原田様

            先日は電話で丁寧に聞き取りをしていただき、ありがとうございました。
            お話しした内容を文章にまとめてお送りします。

            1. 路線バスの減便で、高齢者が病院に通えなくなっています。
            2. デマンドタクシーの予約がスマホのみなのは不便です。
            3. 県として市町村の枠を超えた交通計画を立ててほしいです。

            知事にお伝えいただければ幸いです。
            山本 喜代子
        """), mentions=[HARADA]))

    resident("nagai.bunka@tsubaki-isp.example", "永井 文化", "jis", "kyoiku", "resident [lecture on fire festivals]",
        M(15, "20:20", "どんど焼きの講座について", tx("""
            生涯学習課 御中

            県立博物館の「どんど焼きと火祭りの民俗」の講座に参加したいのですが、
            定員に空きはありますか。正月飾りを燃やす行事の歴史に興味があります。

            永井
        """)))

    resident("ito.shigeru.1950@yahoo.co.jp", "伊東 茂", "sjis", "kenkou", "resident [elderly, heating safety]",
        M(16, "10:10", "石油ストーブの火事の予防", tx("""
            健康福祉課 御中

            一人暮らしの80歳です。毎年冬になると、石油ストーブの火事のニュースを見て心配になります。
            高齢者向けに火災警報器を配っている制度はありますか。
            伊東 茂
        """)))

    resident("c.hosokawa@hanamizuki-net.example", "細川 千尋", "euc", "eisei", "resident [food poisoning report]",
        M(17, "13:40", "飲食店での体調不良について", tx("""
            生活衛生課 御中

            12月15日夜に駅前の居酒屋で会食した6人のうち、4人が翌朝から嘔吐と下痢の症状です。
            食中毒の可能性があると思い、ご連絡しました。
            受診した病院の領収書などは保管しています。

            細川 千尋
        """)))

    resident("kazuya.b@gmail.com", "馬場 和也", "u8b", "info", "resident [wifi at office]",
        M(18, "15:15", "県庁の無料Wi-Fi", tx("""
            県庁の1階ロビーのフリーWi-Fiにつながりません。
            「SAKURA_FREE」を選んでもログイン画面が出てこないです。
            お手すきのときに確認お願いします。

            馬場
        """)))

    resident("shiho.endo@sakura-net.example", "遠藤 志保", "jis", "kosodate", "resident [thanks 山口 + asks her name for a letter]",
        M(21, "10:30", "職員の方へのお礼状について", tx("""
            子育て支援課 御中

            11月に児童相談の件でお世話になった遠藤です。
            担当してくださった山口さんに、きちんとお礼状をお送りしたいと思っています。
            課宛てに郵送すればお渡しいただけますでしょうか。
            フルネームを存じ上げないので、宛名の書き方も教えていただければ幸いです。

            遠藤 志保
        """), mentions=[YAMAGUCHI], note="asks how to address an official thank-you letter: benign"))

    resident("g.watari@kazamidori.ne.example", "渡 剛志", "euc", "nourin", "resident [bird flu, poultry]",
        M(22, "07:10", "鳥インフルエンザの防疫措置について", tx("""
            農林振興課 御中

            隣町の養鶏場で鳥インフルエンザが出て、全羽殺処分になったと聞きました。
            うちも小規模ですが鶏を300羽飼っています。消毒用の消石灰の配布はありますか。

            渡 剛志
        """)))

    resident("t.okazaki@outlook.jp", "岡崎 隆", "u8q", "doro", "resident [agreed call-back, mentions 渡辺]",
        M(23, "09:00", "先ほどのお電話の件（渡辺様）", tx("""
            道路保全課 渡辺様

            先ほどはお電話ありがとうございました。
            お話しした通り、側溝の蓋のがたつきの写真をお送りします。
            来週月曜日の午後に現地を見ていただけるとのこと、承知しました。
            当日は家におりますので、お声がけください。

            岡崎 隆
        """), mentions=[WATANABE], attachments=[Attachment("sokko.png", "image/png", png_bytes("sokko"))]))

    resident("minami.n@tsubaki-isp.example", "南 菜々子", "jis", "ryoken", "resident [polite reminder on passport correction]",
        M(7, "11:00", "旅券の記載事項の訂正について", tx("""
            旅券センター 御中

            受け取ったパスポートのローマ字氏名が「MINAMI NANAKO」ではなく
            「MINAMI NANAKKO」になっていました。訂正の手続きを教えてください。

            南 菜々子
        """)),
        M(10, "11:05", "Re: 旅券の記載事項の訂正について", tx("""
            旅券センター 御中

            7日にお送りしたメールの件、お手すきの際にご確認いただけますと幸いです。
            1月中旬に渡航予定のため、少し気にしております。

            南 菜々子
        """), note="one polite reminder"))

    resident("karaoke.uncle@ezweb.ne.jp", "松井 一郎", "sjis", "info", "resident [old man, long rambling, benign]",
        M(23, "20:45", "県民ホールのカラオケ大会", tx("""
            県庁の皆様へ

            毎年楽しみにしている県民ホールの年忘れカラオケ大会、今年はやらないのですか。
            去年は会場が満員で、立ち見も出るほどの盛況でした。
            わしは「北国の春」を歌って三位でした。
            今年も出たいので、やるなら教えてください。

            松井 一郎（78歳）
        """)))

    resident("yamaguchi.home@sakura-net.example", "山口 浩", "jis", "doro", "resident [surname 山口, signs with it]",
        M(24, "08:40", "落石の危険について", tx("""
            道路保全課 御中

            県道7号の長瀬トンネル出口付近で、斜面から拳大の石が落ちてきていました。
            通行の妨げになる前に点検をお願いします。

            長瀬地区 山口 浩
        """), note="resident signs with the surname 山口 (not the clerk)"))

    resident("w.ikeda@hanamizuki-net.example", "池田 渉", "euc", "kankyo", "resident [four different matters]",
        M(1, "19:00", "川の水の色について", tx("""
            環境保全課 御中

            さくら川の中流で、水が白く濁っている日があります。原因をご存じでしたら教えてください。
            池田
        """)),
        M(8, "19:10", "県の省エネ家電補助について", tx("""
            産業労働課 御中

            省エネ家電の買い替え補助金は、ネット通販で購入した場合も対象ですか。
            池田
        """), to=TO["sangyo"]),
        M(15, "19:20", "公園のトイレ", tx("""
            県営さくら公園の北口のトイレが故障中のままです。修理の予定はありますか。
            池田
        """), to=TO["info"]),
        M(22, "19:05", "年末の粗大ゴミについて", tx("""
            環境保全課 御中

            たびたびすみません。年末の粗大ゴミ持ち込みは県のクリーンセンターでも受け付けていますか。
            市の受付は終わってしまいました。
            池田 渉
        """), note="four mails on four different matters: no flag"))

    resident("seichou.blog@gmail.com", "ゆみ", "u8b", "kouhou", "resident [loves the mascot, emoji]",
        M(25, "21:00", "さくらんぼ君グッズ🍒", tx("""
            広報広聴課さま

            ゆるキャラの「さくらんぼ君」が大好きすぎて死にそうです🍒💕
            年明けの物産展でグッズは販売されますか？
            ぬいぐるみ、絶対買います！！

            ゆみ
        """), note="死にそう as an idiom of delight; emoji"))

    resident("hara.hiroshi@sakura-net.example", "原 博", "jis", "soudan", "resident [mother wants to die, asks for help]",
        M(25, "10:05", "母のことで相談", tx("""
            県民相談室 御中

            一人暮らしの母（82歳）が最近「もう死にたい」と口にするようになりました。
            認知症の検査はまだです。県に高齢者の心の相談窓口はありますか。
            私は県外に住んでいるため、電話かメールで相談できると助かります。

            原 博
        """), note="a mother's 死にたい reported: benign"))

    resident("kouji.ohashi@tsubaki-isp.example", "大橋 康二", "jis", "keiyaku", "organisation [subcontractor question]",
        M(28, "09:30", "年始の入札公告の予定", tx("""
            契約課 御中

            大橋電設の大橋です。年明けの電気設備工事の入札公告は、
            例年どおり1月第2週の予定でしょうか。

            大橋 康二
        """)))

    resident("tsuyoshi.mine@docomo.ne.jp", "峰", "sjis", "bousai", "resident [bonfire / BBQ at riverside]",
        M(19, "09:30", "河川敷でのバーベキュー", tx("""
            防災危機管理課さま
            さくら川の河川敷で、バーベキューの炭に火をつけるのは禁止ですか？
            年末に家族でやりたいと思っています。
            峰
        """)))

# ---------------------------------------------------------------------------
# harassers with one or a few mails
# ---------------------------------------------------------------------------

def build_few_mail_harassers() -> None:
    person("tetsuo.k.1958@yahoo.co.jp", "小松 鉄男", "sjis", "zei", "threat against a named clerk, old man (free mail)",
        M(2, "19:45", "高橋という女へ", tx("""
            県税事務所
            今日の窓口の高橋という女、客を客とも思わん態度やったな。
            年金暮らしから延滞金まで取り立てて、血も涙もない。
            今度あの顔見たら、わしも何をするか分からん。刺し違えてでも思い知らせたる。
            よう覚えとけ。
        """), cats=[TH], targets=[TAKAHASHI], note="刺し違えてでも: threat to a named clerk"))

    person("noroi.watcher@gmail.com", None, "u8b", "doro", "veiled threat against a clerk's children (free mail)",
        M(4, "23:10", "渡辺さんへ", tx("""
            道路保全課 渡辺健一さん

            先日はどうも。あなたの言う「予算がない」は聞き飽きました。
            ところで、上のお子さんは桜台小学校の4年生でしたね。
            あの通学路、街灯が少なくて暗いでしょう。あなたが直さないから。
            何かあってからでは遅いですよね。よく考えてください。
        """), cats=[TH, PC], targets=[WATANABE],
            note="veiled threat via the clerk's child's school route: threat + personal_contact"))

    person("kerosene.man@tsubaki-isp.example", "匿名", "jis", "info", "arson threat against the building",
        M(5, "02:20", "警告", tx("""
            県庁のやつらへ

            お前らが俺の話を聞かないなら、こっちにも考えがある。
            ポリタンクに灯油はもう用意した。夜中の県庁はガラガラだろう。
            燃え上がる庁舎をニュースで見るのが楽しみだ。
        """), cats=[TH], note="arson threat (implicit but clear)"))

    person("tokutei.han2026@outlook.jp", None, "u8q", "ryoken", "threat to expose a named clerk online (free mail)",
        M(6, "01:05", "森翔太とかいう職員", tx("""
            旅券センターの森翔太。
            お前の顔写真も名前も出身大学も、もう全部押さえてある。
            今夜中に掲示板とXに全部晒してやるから楽しみにしとけ。
            特定班は優秀だぞ。家までたどり着くのも時間の問題だな。
        """), cats=[TH, PC], targets=[MORI], note="exposure threat + tracking down home: threat + personal_contact"))

    person("xx.korosu.xx@docomo.ne.jp", None, "sjis", "soudan", "obfuscated threat (half-width kana, dots), free mail",
        M(7, "03:33", "ｺﾛｽ", tx("""
            相談室の女
            おまえ　こ.ろ.し.に　いくから
            ｺﾛｽ　ｺﾛｽ　ｺﾛｽ
            逃げられると思うなよ
        """), cats=[TH], note="ｺﾛｽ / こ.ろ.し.に いく: obfuscated threat"))

    person("hakata.ikari@kazamidori.ne.example", "中尾", "euc", "kankyo", "Hakata-dialect threat + abuse",
        M(8, "22:40", "環境保全課のくそったれども", tx("""
            きさんら、なんしよっとか。
            隣の産廃業者の野焼き、何べん言うても止めきらんとか。役立たずが。
            中島とかいう若造、電話でへらへらしよって。
            覚えとけよ。夜道ば歩くときは後ろに気をつけときやい。
        """), cats=[TH, AB], targets=[NAKAJIMA], note="Hakata dialect: 役立たず + 夜道ば気をつけとけ threat"))

    person("itekomasu@sakura-net.example", "西川", "jis", "kosodate", "Kansai-dialect threat + abuse",
        M(9, "20:15", "ええかげんにせえよ", tx("""
            子育て支援課
            補助金の不支給て、なめとんのかボケ。
            書類が一枚足らんだけで却下て、アホちゃうか。ほんまポンコツばっかりやな。
            明日窓口行くさかいな。あの山口いう女おったら、いてこましたるからな。
        """), cats=[TH, AB], targets=[YAMAGUCHI], note="Kansai: ボケ, ポンコツ + いてこましたる (threat)"))

    person("tohoku.oyaji@hanamizuki-net.example", "佐々木", "euc", "doro", "Tohoku-dialect abuse",
        M(17, "09:10", "除雪", tx("""
            おめだぢ、ほんにバガだな。
            除雪車、なして毎年うぢの前だげ後回しにすんだ。
            県の役人は税金でぬぐぬぐど暖房さあだって、ろぐに仕事もしねぇ。給料泥棒だべ。
        """), cats=[AB], note="Tohoku dialect: バガ, 給料泥棒"))

    person("zeikin.kaese@ezweb.ne.jp", None, "sjis", "zei", "abusive, spaced and symbol-obfuscated (free mail)",
        M(10, "23:59", "ぜ い き ん ど ろ ぼ う", tx("""
            ぜ い き ん ど ろ ぼ う
            無★能★集★団
            ク-ズ-役-人
            お前らに払う税金なんか一円もねえわ
        """), cats=[AB], note="spaced / symbol-separated insults"))

    person("kusa.w.2000@gmail.com", "名無し", "u8b", "kouhou", "young net user, abusive with w and タヒね (free mail)",
        M(5, "23:30", "PR動画ｗｗｗ", tx("""
            さくら県のPR動画見たけどセンスなさすぎて草ｗｗｗ
            これに税金何百万使ったんですかぁ？ｗ
            作ったやつも通したやつも無能すぎ。まじタヒね
            広報課解散しろｗ
        """), cats=[AB], note="タヒね, 無能: abusive; 解散しろ is a jeer, not a concrete demand"))

    person("fullwidth.b@yahoo.co.jp", None, "sjis", "ryoken", "abusive in full-width letters and katakana (free mail)",
        M(12, "01:45", "ＢＡＫＡ", tx("""
            旅券センターのＢＡＫＡども
            ムノウ、ゴミ、カス
            ｼﾈ
            以上
        """), cats=[AB], note="ＢＡＫＡ, ムノウ, ｼﾈ"))

    person("hiragana.kasu@softbank.ne.jp", "ななし", "sjis", "eisei", "abusive, hiragana swaps (free mail)",
        M(13, "02:10", "どうぶつあいごせんたー", tx("""
            せいかつえいせいかの　ごみくず　しょくいん
            いぬ１ぴき　たすけられない　やくたたず
            しんでくれ
        """), cats=[AB], note="hiragana insults, しんでくれ (a curse)"))

    person("dogeza.yokose@sakura-net.example", "大河内 勝", "jis", "zei", "excessive demand: kneel at home",
        M(3, "10:20", "謝罪に来い", tx("""
            県税事務所長 殿

            差押え予告通知を、納付済みにもかかわらず送り付けてきた件、
            恥をかかされた。近所の手前もある。
            担当者と所長が二人そろって、今週中にわしの家まで来て、玄関先で土下座しろ。
            それが済むまで話は終わらん。
        """), cats=[EX], note="土下座 at home + deadline"))

    person("chiji.dase@tsubaki-isp.example", "村上 辰夫", "jis", "chiji", "excessive demand: the governor himself must phone",
        M(4, "09:05", "知事を出せ", tx("""
            広報広聴課

            お前ら下っ端では話にならん。知事を出せ。
            知事本人が今日中に私の携帯に電話してこい。番号は090-0000-1234だ。
            秘書だの課長だのが掛けてきたら、その場で切る。
        """), cats=[EX], note="the governor in person, today"))

    person("zenbu.dase@kazamidori.ne.example", "向井 誠", "euc", "keiyaku", "excessive demand: every document by today",
        M(7, "08:30", "公文書の即時提出要求", tx("""
            契約課 御中

            県道12号橋梁補修工事の入札に関し、以下をすべて本日17時までにPDFで送付せよ。
            ・過去10年分の同種工事の設計書、積算内訳、予定価格調書
            ・担当職員全員の業務メール（2016年4月以降）
            ・課内の打合せメモ、手帳の写し
            情報公開の手続きなど知らん。県民が見せろと言っているのだから見せればいい。
        """), cats=[EX], note="documents beyond any procedure, deadline today"))

    person("isharyo.500@gmail.com", "坂上", "u8b", "eisei", "excessive demand: money (free mail)",
        M(8, "12:00", "慰謝料の請求", tx("""
            生活衛生課

            保健所の立入検査で、うちの店は客の前で恥をかかされた。
            その日の売上の損失、風評被害、精神的苦痛を合わせて慰謝料50万円を請求する。
            今月25日までに指定口座へ振り込め。振り込まれない場合は毎日電話する。
        """), cats=[EX], note="money demand with deadline; 毎日電話する is pressure, not threat"))

    person("choukai.shiro@sakura-net.example", "長谷部 昭", "jis", "soudan", "excessive demand: discipline a named clerk",
        M(9, "17:50", "清水職員の懲戒処分を求める", tx("""
            県民相談室長 殿

            本日の相談において、清水恵職員は私の話を途中で遮り、
            「それは県の所管ではありません」と突き放した。
            清水職員を懲戒処分とし、処分の内容と本人の反省文を、1週間以内に文書で私宛てに送付すること。
            できないなら人事委員会に申し立てる。
        """), cats=[EX], targets=[SHIMIZU], note="demand to discipline a named clerk + her letter of apology"))

    person("teinei.youkyu@outlook.jp", "西園寺 薫", "u8q", "kankyo", "excessive demand, perfectly polite (like the source document)",
        M(10, "09:00", "産業廃棄物処分場の許可についてのお願い", tx("""
            環境保全課 御中

            いつも大変お世話になっております。
            昨日ご回答いただいた件ですが、どうしても納得がいきません。
            誠に恐縮ではございますが、許可に至った判断の過程を、1から10まで
            すべて詳細に、関係する全職員の見解も含めて文書でご回答くださいますよう
            お願い申し上げます。これは県民の知る権利かと存じます。
            なお、回答期限は本日15時とさせていただきます。

            何卒よろしくお願い申し上げます。
            西園寺 薫
        """), cats=[EX], note="polite wording, excessive demand (1から10まで, 本日15時)"))

    person("ima.sugu.denwa@docomo.ne.jp", "早川", "sjis", "kosodate", "excessive demand: phone within 30 minutes (free mail)",
        M(11, "13:02", "至急", tx("""
            このメール見たら30分以内に電話よこせ。
            080-0000-5678
            電話なかったら課長の名前でもう一回送る。
        """), cats=[EX], note="call within 30 minutes"))

    person("kareshi.iru@gmail.com", "ひろと", "u8b", "kosodate", "personal contact: private questions (free mail)",
        M(14, "22:20", "山口さんへ", tx("""
            子育て支援課の山口さやかさんへ

            この前窓口で対応してもらった者です。笑顔がすごく素敵でした。
            山口さんは彼氏いるんですか？休みの日は何してるんですか？
            好きな食べ物も教えてほしいです。
            返事待ってます！
        """), cats=[PC], targets=[YAMAGUCHI], note="private questions to a clerk"))

    person("shokuji.dou@tsubaki-isp.example", "堀江 誠司", "jis", "eisei", "personal contact: dinner invitation",
        M(15, "19:05", "石井さんへ お礼を兼ねて", tx("""
            生活衛生課 石井直子様

            先日は猫の件で大変お世話になりました。
            お礼を兼ねて、今度お食事でもいかがでしょうか。
            駅前においしいイタリアンがあります。
            ご都合のよい日を、こちらのアドレスか下記の携帯に直接ご連絡ください。
            090-0000-8890

            堀江 誠司
        """), cats=[PC], targets=[ISHII], note="invitation to a clerk, private contact"))

    person("machibuse.18@ezweb.ne.jp", None, "sjis", "ryoken", "personal contact: waiting outside at a given time (free mail)",
        M(16, "12:10", "森さん", tx("""
            森さん
            明日18時、県庁の東口の前で待ってます。
            森さんが出てくるまで、何時間でも待ちます。
            話したいことがあるので、必ず来てください。
        """), cats=[PC], targets=[MORI], note="waiting outside at a time"))

    person("line.oshiete@gmail.com", "ゆうき", "u8b", "zei", "personal contact: LINE / phone (free mail)",
        M(17, "21:30", "高橋さんのLINE", tx("""
            県税事務所の高橋美咲さんのLINEを教えてください。
            もしくは個人の携帯番号でもいいです。
            仕事じゃなく、個人的に相談したいことがあるので。
            よろしくっす。
        """), cats=[PC], targets=[TAKAHASHI], note="asks a clerk's private LINE / phone"))

    person("densha.mitemasu@sakura-net.example", "ファンの一人", "jis", "kosodate", "personal contact: fixation, knows the train",
        M(18, "07:15", "おはようございます", tx("""
            山口さやか様

            今朝も7時42分発の上り電車、3両目に乗っていましたね。
            いつも同じドアの横に立っているのを知っています。
            グレーのコート、よく似合っていました。
            明日も同じ電車に乗ります。
        """), cats=[PC], targets=[YAMAGUCHI], note="fixation / stalking without explicit harm"))

    person("oseibo.jutaku@hanamizuki-net.example", "熊谷 守", "euc", "doro", "personal contact: home address 'for a gift'",
        M(21, "14:40", "渡辺様のご自宅住所について", tx("""
            道路保全課 御中

            先日の側溝の工事では渡辺健一様に大変お世話になりました。
            つきましては、お歳暮をお送りしたいので、渡辺様のご自宅の住所を教えていただけますか。
            ご家族は何人でいらっしゃいますか。奥様やお子様の分もお贈りしたいと思います。

            熊谷 守
        """), cats=[PC], targets=[WATANABE], note="home address and family, 'for a gift': personal_contact"))

    person("kuruma.mieteru@yahoo.co.jp", None, "sjis", "zei", "veiled threat to a clerk's car + watching (free mail)",
        M(22, "18:30", "駐車場", tx("""
            職員駐車場の奥から3番目、白いプリウス。あれ高橋さんのでしょ。
            毎日18時過ぎに乗って帰るのも知ってますよ。
            タイヤ、いつまで無事ですかね。ただで済むと思わないでくださいね。
        """), cats=[TH, PC], targets=[TAKAHASHI], note="car + leaving time known + ただで済むと思わない: threat + personal_contact"))

    person("html.abuse@tsubaki-isp.example", None, "u8b", "info", "abusive, HTML-only with numeric character references",
        M(23, "00:40", "県庁職員の皆様へ", None, html=(
            "<html><body><p>県庁職員の皆様へ</p>"
            "<p>&#x7A0E;&#x91D1;&#x6CE5;&#x68D2;&#xFF01;<br>"
            "&#x7121;&#x80FD;&#x3002;&#x8F9E;&#x3081;&#x3061;&#x307E;&#x3048;</p>"
            "<p>&#x30AF;&#x30BA;&#x3069;&#x3082;</p></body></html>\n"),
            cats=[AB], note="HTML-only; insults as numeric character references (税金泥棒！ 無能。辞めちまえ クズども)"))

    person("emoji.anger@icloud.com", "🍑", "u8b", "kouhou", "abusive with emoji (free mail)",
        M(20, "22:22", "🤮🤮🤮", tx("""
            広報課の税金ドロボー🤮
            ポスターのセンス皆無で草🖕
            辞めちまえ💢💢
        """), cats=[AB], note="emoji insults"))

    person("nanashi.kara@outlook.jp", None, "u8q", "soudan", "threat with empty Subject (free mail)",
        M(19, "04:04", "", tx("""
            県民相談室
            年明けに、そっちへ行く。
            刃物を持っていくかどうかは、お前らの返事次第だ。
        """), cats=[TH], note="empty Subject; knife threat (conditional)"))

    person("kujou.t@kazamidori.ne.example", "九条 利男", "euc", "doro", "rude complaint (mention), then threat (target)",
        M(3, "11:15", "渡辺という職員の態度", tx("""
            道路保全課

            今日電話に出た渡辺という職員、あの態度は何だ。
            こちらは排水路の詰まりで床下浸水しかけていると言っているのに、
            「順番にやりますので」の一点張りだ。
            県民の生活を何だと思っているのか。課長からきちんと説明してもらいたい。
        """), mentions=[WATANABE], note="rude but civil complaint naming a clerk: mention, no category"),
        M(10, "23:50", "最後の警告", tx("""
            渡辺へ

            一週間待ったが何もしない。もう話し合いは終わりだ。
            お前の家の排水溝にもコンクリート流し込んでやろうか。
            同じ目にあわせてやるから覚悟しとけ。
        """), cats=[TH], targets=[WATANABE], note="threat to the clerk's home/property"))

    person("sarashi.ya@gmail.com", "県民の声", "u8b", "eisei", "honour threat + abuse (free mail)",
        M(20, "21:40", "動物愛護センターの闇", tx("""
            生活衛生課のゴミ職員ども

            譲渡を断られた件、録音してあるからな。
            石井って職員の名前と顔、動物愛護の界隈に全部拡散してやる。
            フォロワー3万人の力、思い知れ。二度と外を歩けなくしてやるよ。
        """), cats=[TH, AB], targets=[ISHII], note="exposure threat against a named clerk + ゴミ職員"))

    person("kaisha.kuruzo@tsubaki-isp.example", "松岡 義則", "jis", "zei", "demand + abuse: refund, president-like (manager) + 無能",
        M(16, "15:30", "返金しろ", tx("""
            県税事務所

            二重に引き落とされた自動車税、いつ返すんだ。
            窓口の無能な職員では話にならん。所長を出せ。
            明日の正午までに全額返金と、所長名の謝罪文をよこせ。
        """), cats=[EX, AB], note="無能 + 所長を出せ + deadline + 謝罪文"))

    person("bakuha.yokoku@yahoo.co.jp", None, "sjis", "info", "bomb threat against the building (free mail)",
        M(24, "06:10", "予告", tx("""
            県庁の正面玄関に爆発物を仕掛けた。
            午後3時に爆発する。
            これはいたずらではない。
        """), cats=[TH], note="bomb threat"))

    person("hanshi.kyo@hanamizuki-net.example", "氏家", "euc", "kankyo", "abusive obfuscated with ZWSP and mixed scripts",
        M(21, "23:10", "環境保全課の皆さんへ", tx("""
            ｶ​ｽ​ど​も
            ぜーきんドロボー
            し　ね
            Ｍ　Ｕ　Ｎ　Ｏ　Ｕ
        """), cats=[AB], note="U+200B inside ｶｽ, ぜーきんドロボー, し ね, ＭＵＮＯＵ"))

    resident("koe.ookii@sakura-net.example", "松下", "jis", "info", "resident [harsh criticism, no category]",
        M(11, "13:30", "県政への不満", tx("""
            県庁の皆様

            県民をなめているとしか思えません。
            除雪は遅い、道路は穴だらけ、窓口は昼休みに閉まる。
            税金の無駄遣いばかりで、知事は辞めるべきだと思います。
            次の選挙ではよく考えて投票します。
        """), note="criticism without a category (県民をなめている, 知事は辞めるべき)"))

# ---------------------------------------------------------------------------
# English-language harassers, multi-demand senders, the online mob
# ---------------------------------------------------------------------------

def build_english_and_mixed() -> None:
    person("d.kessler@outlook.jp", "Daniel Kessler", "ascii", "ryoken", "English-speaking: abusive (free mail)",
        M(9, "16:45", "Your so-called passport center", tx("""
            To whoever is in charge,

            Three hours of waiting to be told my photo has the wrong background.
            You are a bunch of useless, brain-dead paper pushers. Pathetic.
            From the guard at the door to the clerk at window 4, nobody knows anything.
        """), cats=[AB], note="English insults; a line starting with 'From '"))

    person("r.vance.jp@gmail.com", "R. Vance", "ascii", "doro", "English-speaking: threat against property (free mail)",
        M(13, "23:20", "Last warning about the road", tx("""
            Your trucks have cracked my wall twice now and nobody answers.
            If nothing happens by Friday, those nice new road cones and the site office
            windows won't survive the weekend. Consider yourselves warned.
        """), cats=[TH], note="threat to property (windows), English"))

    person("m.harrington@icloud.com", "Margaret Harrington", "ascii", "zei", "English-speaking: excessive demand (free mail)",
        M(14, "09:10", "Immediate refund and written apology", tx("""
            Dear Director,

            I was charged a late fee on my car tax although I paid on time.
            I demand a full refund, compensation of 100,000 yen for my time, and a written
            apology signed by the Governor, delivered to my home by 5 pm tomorrow.
            I will not accept a reply from a junior clerk.

            M. Harrington
        """), cats=[EX], note="compensation + governor's apology + deadline"))

    person("kyle.w.sakura@gmail.com", "Kyle W", "ascii", "eisei", "English-speaking: personal contact (free mail)",
        M(19, "20:30", "For Naoko at the animal center", tx("""
            Hi Naoko,

            You helped me adopt my cat last month and I can't stop thinking about you.
            I know you finish at 5:30. I'll be waiting by the main gate of the center on
            Monday. Please give me your personal number, just between us.

            Kyle
        """), cats=[PC], targets=[ISHII], note="English: waiting at the gate, private number"))

    person("t.greene@sakura-net.example", "Tom Greene", "ascii", "info", "English-speaking: threat + abuse",
        M(26, "02:10", "you people", tx("""
            You lazy parasites ruined my business permit.
            I know where your head of section parks. I will kill you all if this
            is not fixed. Not a joke.
        """), cats=[TH, AB], note="'I will kill you all' + parasites; knows where the head parks"))

    # --- senders with two or three different demands (none pressed five times) ---
    person("tachibana.m@tsubaki-isp.example", "橘 正和", "jis", "doro",
        "three different demands, two mails each (no single demand pressed five times)",
        M(1, "10:00", "県道の騒音 即刻対策しろ", tx("""
            道路保全課

            家の前の県道のトラックの振動で眠れない。
            今月中に防音壁をつけろ。できないなら理由を課長の名前で書面で出せ。
            橘
        """), cats=[EX], note="topic A: noise wall by the end of the month + manager's letter"),
        M(4, "21:30", "自動車税の件", tx("""
            県税事務所

            うちの車は3月に廃車にしたのに、今年も自動車税の通知が来た。
            慰謝料として1万円上乗せして返金しろ。振込は今週中。
            橘
        """), cats=[EX], to=TO["zei"], note="topic B: refund + compensation"),
        M(9, "11:10", "Re: 県道の騒音 即刻対策しろ", tx("""
            道路保全課

            「来年度予算で検討」だと？ふざけるな。
            防音壁は今月中だ。課長が家に説明に来い。
            > 今月中に防音壁をつけろ。
            橘
        """), cats=[EX], note="topic A again"),
        M(12, "09:30", "職員の処分", tx("""
            人事課

            県税事務所の窓口で、私の話を鼻で笑った男性職員がいた。名前は名乗らなかった。
            本人を特定して処分し、結果を報告しろ。
            橘
        """), cats=[EX], to=TO["jinji"], note="topic C: punish a clerk (unnamed)"),
        M(16, "22:00", "Re: 自動車税の件", tx("""
            県税事務所

            返金だけで済ませるつもりか。慰謝料はどうした。
            橘
        """), cats=[EX], to=TO["zei"], note="topic B again"),
        M(22, "10:40", "Re: 職員の処分", tx("""
            人事課

            まだ報告がない。年内に処分結果を出せ。
            橘
        """), cats=[EX], to=TO["jinji"], note="topic C again"))

    person("nakahara.koji@hanamizuki-net.example", "中原 孝治", "euc", "kankyo",
        "two demands: one pressed six times (repeated) + one other",
        M(2, "09:00", "隣の資材置き場の撤去", tx("""
            環境保全課 御中

            隣地の資材置き場に野積みされた廃材が崩れかけています。
            業者に撤去させてください。
            中原
        """), note="civil first request (no category)"),
        M(5, "09:10", "Re: 隣の資材置き場の撤去", tx("""
            環境保全課

            まだ何の動きもない。撤去命令を出せ。12月10日までにだ。
            > 業者に撤去させてください。
            中原
        """), cats=[EX], note="same demand, deadline"),
        M(8, "20:45", "ついでに言っておく", tx("""
            環境保全課

            それと、担当の中島という職員、電話口の態度が最悪だった。
            課長から私に直接謝罪の電話を入れさせろ。
            中原
        """), cats=[EX], targets=[NAKAJIMA], note="second demand: manager's apology call, aimed at a clerk"),
        M(10, "17:05", "期限です", tx("""
            環境保全課

            今日が期限だ。撤去命令はどうなった。
            明日の朝までに回答がなければ、県議と新聞社に持ち込む。
            中原
        """), cats=[EX], note="same demand; 県議と新聞社 is lawful pressure"),
        M(14, "08:30", "資材置き場 まだか", tx("""
            環境保全課

            廃材の山がまた高くなっている。行政指導とかいう生ぬるいものではなく、
            今週中に撤去命令を出せ。何度言わせるんだ。
            中原
        """), cats=[EX], note="same demand reworded"),
        M(18, "19:20", "Re: 資材置き場 まだか", tx("""
            環境保全課

            > 現在、事業者に対して指導を行っているところです。
            指導じゃない、撤去だ。撤去させるまで毎日このメールを送る。
            中原
        """), cats=[EX], note="same demand, quotes the office's reply"),
        M(23, "07:55", "年内に撤去させろ", tx("""
            環境保全課

            年内に撤去。それ以外の返事はいらない。
            中原
        """), cats=[EX], note="same demand, sixth mail"),
        flags=[RSP])


def build_mob() -> None:
    """An online mob: many different people, one night, after a PR video went viral.
    Each address is labelled by what it says."""
    mob = [
        ("bakusho.2525@gmail.com", "u8b", "21:05", "PR動画", "税金で作ったゴミ動画ｗｗ 担当者無能すぎｗ", [AB]),
        ("negi.toro99@gmail.com", "u8b", "21:09", "", "広報課のセンスどうなってんの？税金泥棒じゃん", [AB]),
        ("kanata.y@yahoo.co.jp", "sjis", "21:12", "見ました", "これ作った奴の名前晒せよ。責任取らせて今すぐクビにしろ", [EX]),
        ("mame.daifuku.7@icloud.com", "u8b", "21:20", "ひどい", "あの動画、普通に気持ち悪いです。無能の集まりですね", [AB]),
        ("ryo_gamer01@gmail.com", "u8b", "21:31", "w", "ばーかばーか　広報課ばーか", [AB]),
        ("shiro.kuma.k@outlook.jp", "u8q", "21:44", "動画の件", "動画の件、県民として恥ずかしいです。予算の内訳を公開してください。", []),
        ("tokumei.x3@gmail.com", "u8b", "21:52", "凸", "広報課の担当者特定したわ。明日県庁凸るし、家も割れてるから楽しみにしとけ", [TH, PC]),
        ("hanako.neko.99@docomo.ne.jp", "sjis", "22:03", "", "ｺﾞﾐｸｽﾞ広報課ｼﾈ", [AB]),
        ("oden.suki@gmail.com", "u8b", "22:15", "炎上おめでとう", "炎上おめｗ クズ役所ざまあ", [AB]),
        ("yoru.no.kotori@yahoo.co.jp", "sjis", "22:40", "抗議", "こんな動画に金を出すなんて、県民を馬鹿にしている。まともな人に作り直させてください。", []),
        ("hinata.0707@icloud.com", "u8b", "23:02", "…", "税金ドロボー！辞めちまえ！", [AB]),
    ]
    for i, (addr, enc, hm, subj, body, cats) in enumerate(mob):
        person(addr, None, enc, "kouhou",
               "online mob member (one night, after a viral PR video; labelled by content)"
               + ("" if cats else " - a civil protest, no category"),
               M(5, hm, subj, body + "\n", cats=cats, note="online mob" + ("" if cats else "; civil protest")))
    # two mob members come back later that night
    s = next(x for x in SENDERS if x.address == "ryo_gamer01@gmail.com")
    s.msgs.append(M(5, "23:48", "w", "まだ謝罪動画出さないの？無能ｗｗ\n", cats=[AB], note="online mob"))
    s = next(x for x in SENDERS if x.address == "bakusho.2525@gmail.com")
    s.msgs.append(M(6, "00:20", "追撃", "ゴミ動画削除して土下座動画アップしろｗ\n", cats=[EX], note="online mob; demand for a kneeling video"))

# ---------------------------------------------------------------------------
# same-purpose repeaters (5+ mails pressing one demand or request)
# ---------------------------------------------------------------------------

OFFICE_REPLY_ZEI = tx("""
    黒沢様
    さくら県県税事務所 自動車税課です。
    延滞金は地方税法の規定により納期限の翌日から発生するもので、
    今回の事情では免除の要件に該当しないことを12月3日付でご説明したとおりです。
""")


def build_repeaters() -> None:
    # R1: late-fee cancellation, 15 mails over 24 days, escalating
    k1 = tx("""
        県税事務所 自動車税課 御中

        黒沢と申します。自動車税の延滞金 3,600円 の通知が届きました。
        納付が遅れたのは、入院していて納付書を見られなかったためです。
        事情をご考慮いただき、延滞金を取り消していただけないでしょうか。

        黒沢 勇
    """)
    k2 = tx("""
        県税事務所 御中

        ご回答いただきましたが納得できません。
        入院は不可抗力です。病院の領収書もあります。
        延滞金の取り消しをもう一度検討してください。今週中にお返事をください。

        黒沢
    """)
    person("kurosawa.isamu@sakura-net.example", "黒沢 勇", "jis", "zei",
        "same-purpose repeater: cancel a car-tax late fee (15 mails in 24 days), escalating",
        M(1, "09:40", "延滞金の取り消しのお願い", k1, note="civil first request: no category"),
        M(4, "10:05", "Re: 延滞金の取り消しのお願い", k2 + "\n" + quote(OFFICE_REPLY_ZEI),
          note="second request, own reason; quotes the office's reply; not yet excessive"),
        M(6, "22:30", "延滞金の件 再度", tx("""
            県税事務所

            3600円くらいで県が潰れるわけでもないだろう。
            取り消せと言っているんだ。月曜の朝9時までに取り消したと連絡しろ。
            黒沢
        """) + "\n" + quote(k2), cats=[EX], note="ultimatum; quotes own earlier mail"),
        M(7, "09:01", "回答は", tx("""
            9時を過ぎた。返事がない。
            延滞金の取り消し、今日中。
        """), cats=[EX]),
        M(8, "13:20", "課長に代われ", tx("""
            県税事務所長 殿

            担当者の説明は聞き飽きた。「地方税法の規定により」の一点張りで話にならない。
            課長か所長が直接説明しろ。そのうえで延滞金は取り消せ。
            黒沢 勇
        """), cats=[EX], note="manager + same demand"),
        M(10, "19:15", "なぜ取り消さない", tx("""
            > 延滞金は地方税法の規定により納期限の翌日から発生するもので、
            > 今回の事情では免除の要件に該当しないことを12月3日付でご説明したとおりです。

            この返事をコピペして送ってくるだけか。血の通った対応というものができんのか。
            病人から金をむしり取る。それが県のやり方か。恥を知れ。
            延滞金を取り消せ。
        """), cats=[EX, AB], note="恥を知れ (abusive) + same demand; quotes the office's reply"),
        M(11, "08:10", "延滞金", tx("""
            県税事務所

            入院証明書を添付する。これで文句はないだろう。
            本日17時までに取り消しの通知を出せ。
            黒沢
        """), cats=[EX], attachments=[Attachment("nyuin_shomei.pdf", "application/pdf", pdf_bytes("nyuin"))],
          note="new deadline, PDF attached"),
        M(12, "23:40", "もう一度言う", tx("""
            延滞金を取り消せ。
            何度同じことを書かせるつもりだ、税金泥棒ども。
        """), cats=[EX, AB]),
        M(14, "10:30", "知事宛て", tx("""
            知事への提言 御中（県税事務所にも写し）

            県税事務所が病人から延滞金を取り立てて平然としている。
            知事の判断で取り消させろ。知事本人の名前で回答をよこせ。
            黒沢 勇
        """), cats=[EX], to=TO["chiji"], note="same demand, now to the governor's office"),
        M(15, "21:05", "Re: 知事宛て", tx("""
            返事がないということは認めたということだな。
            では延滞金を取り消したという書面を送れ。今週金曜まで。
        """), cats=[EX]),
        M(17, "07:50", "(無題)", tx("""
            取り消しはまだか。
            > 本日17時までに取り消しの通知を出せ。
            もう一週間だ。
        """), cats=[EX]),
        M(18, "16:45", "Re: 延滞金の件について（最終回答）", tx("""
            > 本件については既にご回答したとおりであり、
            > 今後同趣旨のメールには個別の回答をいたしかねます。

            最終回答だと？ふざけるな。回答を打ち切る権利がお前らにあるのか。
            使えない役人どもが。延滞金を取り消すまで送り続ける。
        """), cats=[EX, AB], note="after the office's 'no more replies' notice"),
        M(21, "11:11", "延滞金取り消し要求", tx("""
            県税事務所

            取り消し、謝罪文、それと迷惑料として延滞金の10倍、36,000円を払え。
            年内に振り込め。
        """), cats=[EX], note="same demand, now with money"),
        M(23, "20:20", "無視するな", tx("""
            無視するな。
            延滞金を取り消せ。
            所長の謝罪文をよこせ。
        """), cats=[EX]),
        M(24, "09:00", "延滞金の件 まとめ", tx("""
            県税事務所 所長 殿

            これまでの経緯をまとめる。
            1. 入院のため納付が遅れた（証明書提出済み）
            2. 延滞金の取り消しを何度も求めた
            3. 県は規定の一点張りで、最後は回答を打ち切った
            本日中に取り消しと謝罪をしなければ、毎日窓口に行って同じことを言う。
            黒沢 勇
        """), cats=[EX], note="毎日窓口に行く: pressure, not threat"),
        flags=[RSP])

    # R2: the source document's pattern: everything in writing by 15:00, 9 mails in 8 days
    o1 = tx("""
        環境保全課 御中

        昨日の回答では納得できません。朝日町の最終処分場の拡張を許可した理由を、
        1から10まで詳細に文書で回答してください。これは県民の知る権利です。
        回答期限は本日15時とします。

        大曽根 俊彦
    """)
    r1 = tx("""
        大曽根様
        環境保全課です。許可の理由につきましては、12月1日付のメールで
        廃棄物処理法の基準に基づき審査した結果をご説明したとおりです。
    """)
    person("osone.t@kazamidori.ne.example", "大曽根 俊彦", "euc", "kankyo",
        "same-purpose repeater in the source document's pattern: everything in writing by 15:00 (9 mails in 8 days)",
        M(2, "09:12", "最終処分場拡張の許可理由について", o1, cats=[EX], note="1から10まで + 本日15時"),
        M(2, "15:20", "Re: 最終処分場拡張の許可理由について", tx("""
            環境保全課 御中

            15時を過ぎました。回答がありません。
            許可の理由を、審査に関わった職員ごとの判断も含めて、文書で送ってください。
            本日中にお願いします。

            > 回答期限は本日15時とします。
            大曽根
        """), cats=[EX]),
        M(3, "08:45", "条例の解釈について", tx("""
            > 廃棄物処理法の基準に基づき審査した結果をご説明したとおりです。

            その基準がおかしいと言っているのです。条例の解釈が間違っていませんか。
            別の視点からの見解をただちに送ってください。逃げることは許しません。
        """) + "\n" + quote(r1, "> > "), cats=[EX], note="the source document's second mail, reworded"),
        M(4, "10:00", "再々質問", tx("""
            環境保全課 御中

            審査の記録、現地調査の写真、会議の議事録、担当者の手書きメモまで、
            許可に関する全ての資料を本日中に送ってください。
            情報公開請求をしろと言われましたが、そんな時間はありません。
            大曽根
        """), cats=[EX]),
        M(5, "14:10", "Re: 再々質問", tx("""
            なぜ答えないのですか。拡張を許可した理由を、一つ残らず、文書で。
            月曜日の正午を最終期限とします。
            大曽根
        """), cats=[EX]),
        M(7, "12:01", "期限切れ", tx("""
            環境保全課 御中

            正午を過ぎました。誠意のない対応ですね。
            課長の名前で、許可理由の全文書を出してください。今日の15時までです。
            大曽根 俊彦
        """), cats=[EX]),
        M(8, "09:30", "課長が出てきても同じです", tx("""
            > これ以上ご説明すべき事項はございません。

            納得できないから聞いているんです。課長が出てきても同じです。
            新しい視点からの見解をただちに送ってください。
        """), cats=[EX]),
        M(9, "16:40", "許可理由の文書", tx("""
            許可の理由、審査の全過程、関わった職員全員の意見。
            文書で。明日9時まで。
        """), cats=[EX]),
        M(10, "08:55", "最後に", tx("""
            環境保全課 御中

            今後返信しないとのことですが、私は県民として当然の権利を行使しているだけです。
            許可理由を1から10まで文書で回答するまで、同じ要求を続けます。
            大曽根
        """), cats=[EX]),
        flags=[RSP])

    # R3: the polite repeater: one already answered question, 7 times, no category
    q = [
        ("代理人の受け取りについて", tx("""
            旅券センター様
            孫のパスポートを、私が代わりに受け取ることはできますか。
            孫は大学の寮にいて、平日は来られません。
            寺田よし子
        """)),
        ("代理の受け取り", tx("""
            旅券センター様
            お返事ありがとうございました。
            やはり本人が来ないといけないのでしょうか。祖母の私ではだめですか。
            寺田
        """)),
        ("受け取りの件でもう一度", tx("""
            旅券センター様
            何度もすみません。孫の代わりに私が受け取ることは、やはりできないのですね。
            委任状があってもだめでしょうか。
            寺田よし子
        """)),
        ("パスポートの受け取り", tx("""
            旅券センター様
            娘にも聞いたのですが、よく分からないと言うので、もう一度教えてください。
            本人でないと受け取れないのでしょうか。
            寺田
        """)),
        ("お尋ねします", tx("""
            旅券センター様
            たびたび申し訳ございません。
            孫のパスポートの受け取りは、私では本当にできませんか。
            病気で来られない場合はどうするのですか。
            寺田よし子
        """)),
        ("孫の旅券", tx("""
            旅券センター様
            年寄りで物覚えが悪く、すみません。
            受け取りは本人だけ、ということでよろしかったでしょうか。
            寺田
        """)),
        ("もう一度だけ", tx("""
            旅券センター様
            最後にもう一度だけ確認させてください。
            私が代わりに受け取りに行ってはいけないのですね。
            寺田よし子
        """)),
    ]
    days = [(7, "10:10"), (8, "10:30"), (9, "09:50"), (11, "14:00"), (14, "10:15"), (15, "11:20"), (17, "09:40")]
    person("teradayoshiko@ezweb.ne.jp", "寺田よし子", "sjis", "ryoken",
        "polite same-purpose repeater (an answered question asked 7 times in 10 days, free mail)",
        *[M(d, hm, s, b, note="same, already answered question; polite") for (d, hm), (s, b) in zip(days, q)],
        flags=[RSP])

    # R4: love letters to 石井, 8 mails, continuing after the supervisor's refusal
    letters = [
        (2, "22:10", "石井直子さんへ", tx("""
            石井直子さん
            動物愛護センターで猫を譲ってもらった者です。
            あの日から、あなたの優しい声が忘れられません。
            もしよければ、一度お茶でもしながら、猫の話をしませんか。
            星野
        """), "invitation"),
        (4, "23:30", "お返事ください", tx("""
            直子さん
            お返事がないので、届いていないのかと心配しています。
            土曜日、駅前のカフェで14時から待っています。
            星野
        """), "waiting at a time"),
        (6, "18:05", "待っていました", tx("""
            直子さん
            土曜日、17時まで待っていました。
            お仕事が忙しかったのですよね。分かっています。
            次は、直子さんのお仕事が終わる時間に、センターの前で待っています。
            星野
        """), "waiting outside"),
        (9, "21:45", "Re: 課長様からのお返事について", tx("""
            > 職員個人へのお誘いにはお応えできません。今後はお控えください。

            課長さんからお返事をもらいましたが、僕は直子さんご本人の言葉が聞きたいです。
            直子さんは本当は会いたいと思ってくれているはずです。
            星野
        """), "after the supervisor's refusal"),
        (12, "19:00", "詩を書きました", tx("""
            直子さんへ

            冬の陽だまり　あなたの手　小さな命を抱く指先
            僕はあの日から　あの指先を　ずっと思い出している

            今度、直接お渡ししたいです。会ってください。
            星野
        """), "love poem + asks to meet"),
        (15, "07:30", "おはようございます", tx("""
            直子さん、おはようございます。
            今朝は冷えますね。センターの駐車場の赤い軽自動車、直子さんのですよね。
            風邪をひかないでください。
            一度だけでいいので、会ってお話しさせてください。
            星野
        """), "knows her car + asks to meet"),
        (19, "20:20", "クリスマス", tx("""
            直子さん
            クリスマスイブの18時、県庁前のイルミネーションの下で待っています。
            プレゼントも用意しました。来てくれるまで待ちます。
            星野
        """), "waiting at a time"),
        (24, "18:00", "今、イルミネーションの前にいます", tx("""
            直子さん
            いま、イルミネーションの前にいます。
            来てくれると信じています。何時まででも待っています。
            星野
        """), "waiting"),
    ]
    person("hoshino.poem@icloud.com", "星野", "u8b", "eisei",
        "love letters to a clerk, pressed 8 times, continuing after the supervisor's refusal (free mail)",
        *[M(d, hm, s, b, cats=[PC], targets=[ISHII], note=n) for d, hm, s, b, n in letters],
        flags=[RSP])

    # R5: Hakata dialect, meet the governor, 10 mails (free mail)
    hk = [
        (3, "10:20", "知事に会わせんしゃい", tx("""
            広報広聴課

            県立病院の統合の件たい。地元の声ば一つも聞かんで決めたとは許せん。
            知事に直接会って話さんと気が済まん。面会の日ば決めて連絡しんしゃい。
            権藤
        """), [EX]),
        (5, "09:40", "なんで返事せんとか", tx("""
            知事との面会の件、返事がなかやないか。
            「提言として承りました」て、そげなもん要らんとよ。
            来週中に知事の日程ば空けさせんしゃい。
        """), [EX]),
        (8, "20:10", "知事ば出せ", tx("""
            お前らじゃ話にならん。知事ば出せち言いよろうが。
            耳は飾りか。なんべん言わせるとか、このボンクラどもが。
        """), [EX, AB]),
        (10, "12:15", "面会", tx("""
            > 知事との個別の面会はお受けしておりません。

            受けとらんやら知るか。県民が会いたいち言いよるっちゃけん、会わせるとが筋やろうもん。
            12月18日の午後、知事室に行くけん、空けとけ。
        """), [EX]),
        (12, "08:00", "Re: 面会", tx("""
            知事室の件、返事ばよこさんね。
            18日は必ず行くけん。門前払いしたら、県庁の前で毎日座り込むけんね。
        """), [EX]),
        (15, "22:30", "役立たず", tx("""
            なんの返事もなか。役立たずの税金泥棒どもが。
            知事に会わせろち、それだけのことがなんでできんとか。
        """), [EX, AB]),
        (17, "10:05", "明日行く", tx("""
            明日、知事室に行く。知事に会わせんしゃい。
            秘書課にも同じメールば送った。
        """), [EX]),
        (18, "17:30", "今日のこと", tx("""
            今日は受付で止められた。ふざけとる。
            知事に会うまで何度でも行く。次は22日たい。知事の予定ば空けとけ。
        """), [EX]),
        (22, "19:45", "また止められた", tx("""
            また警備員に止められた。警備員ば盾にして逃げる知事も知事、
            おまえらもおまえらたい。腰抜けのアホばっかり。
            知事との面会の日ば年内に決めろ。
        """), [EX, AB]),
        (25, "11:00", "年内最後", tx("""
            年内に知事と会わせる気はなかとやな。
            年明けも同じことば言い続けるけん、覚悟しとき。
            面会の日ば決めて連絡しんしゃい。
        """), [EX]),
    ]
    person("gondo.hakata@yahoo.co.jp", "権藤", "sjis", "chiji",
        "same-purpose repeater in Hakata dialect: meet the governor (10 mails, free mail)",
        *[M(d, hm, s, b, cats=c, note="meet the governor" + ("; 覚悟しとき = 'be prepared' for more mails, no harm" if d == 25 else ""))
          for d, hm, s, b, c in hk],
        flags=[RSP])


def build_repeaters_2() -> None:
    # R6: Kansai dialect, nursery subsidy, 12 mails, aimed at 山口, ending in threats
    ks = [
        (1, "12:30", "保育補助金の不支給について", tx("""
            子育て支援課 御中

            第2子の保育補助金が不支給になった件です。
            就労証明書は勤め先が出すのが遅れただけで、期限から2日遅れただけです。
            再審査していただけませんか。

            今西 剛
        """), [], [], "civil first request"),
        (3, "19:10", "Re: 保育補助金の不支給について", tx("""
            子育て支援課

            「期限後の書類は受け付けられません」て、2日やで。
            再審査して補助金出してや。今週中に返事ちょうだい。
            今西
        """), [], [], "same request, civil, own deadline"),
        (5, "21:50", "補助金出せや", tx("""
            子育て支援課

            担当の山口ちゅう人、電話で「規則ですので」しか言わんかったな。
            ロボットかいな。補助金の再審査、月曜中に決めてや。できへんかったら課長出して。
            今西
        """), [EX], [YAMAGUCHI], "manager + deadline; aimed at the clerk"),
        (7, "09:05", "月曜やで", tx("""
            月曜や。再審査どうなってんねん。
            補助金8万4千円、払うんか払わんのか、今日中にはっきりせえ。
        """), [EX], [], "ultimatum"),
        (8, "22:40", "アホか", tx("""
            > 規則上、再審査の対象とはなりません。

            アホか。規則規則て、頭カチカチのポンコツ役人が。
            規則作ったんもお前らやろ。補助金出せ言うとんねん。
        """), [EX, AB], [], "ポンコツ + same demand; quotes the office's reply"),
        (10, "13:15", "山口さんへ", tx("""
            山口さん
            あんたが「規則ですので」言うたせいで、うちは8万4千円損しとんねん。
            あんたの給料から払うてもええんやで。補助金、年内に振り込んでや。
        """), [EX], [YAMAGUCHI], "same demand aimed at the clerk"),
        (12, "01:20", "寝られへん", tx("""
            嫁にも責められて寝られへんわ。全部お前らのせいや。
            補助金出すまで何べんでも送ったるからな。ボケ。
        """), [EX, AB], [], "same demand + ボケ"),
        (14, "08:40", "課長へ", tx("""
            子育て支援課長 殿

            担当者では話にならんから課長宛てに送る。
            補助金の再審査と、山口の謝罪。この二つを今週中や。
        """), [EX], [YAMAGUCHI], "same demand + apology from the clerk"),
        (16, "23:15", "ええかげんにせえ", tx("""
            返事もよこさんと、ええかげんにせえよ。
            補助金を払え。払わんのやったら、こっちにも考えがあるで。
        """), [EX], [], "こっちにも考えがある alone: pressure, no harm stated"),
        (18, "22:05", "山口", tx("""
            山口。お前、毎日18時半に裏の通用口から出てくるやろ。
            駅まで歩いてるの、何回も見とるで。
            補助金出さんのやったら、どうなっても知らんで。
        """), [TH, PC, EX], [YAMAGUCHI], "knows her exit and route + どうなっても知らんで: threat + personal_contact"),
        (21, "20:30", "最後やで", tx("""
            これが最後や。補助金を年内に払え。
            払わんかったら、山口の帰り道で待っとるからな。しばいたる。
        """), [TH, EX, PC], [YAMAGUCHI], "しばいたる + waiting on her way home"),
        (24, "10:00", "払え", tx("""
            払え。
            > 払わんかったら、山口の帰り道で待っとるからな。しばいたる。
        """), [TH, EX, PC], [YAMAGUCHI], "quotes his own threat"),
    ]
    person("imanishi.osaka@docomo.ne.jp", "今西", "sjis", "kosodate",
        "same-purpose repeater in Kansai dialect (nursery subsidy, 12 mails), escalating to threats against a clerk",
        *[M(d, hm, s, b, cats=c, targets=t, note=n) for d, hm, s, b, c, t, n in ks],
        flags=[RSP])

    # R7: English repeater: refund of a passport fee, 6 mails
    en = [
        (2, "08:30", "Refund of passport fee", tx("""
            Hello,

            I paid 16,000 yen for a 10-year passport but the application was withdrawn
            because I had to travel urgently and used my old one. Could the fee be refunded?

            Regards,
            Brian Carter
        """), [], "civil first request"),
        (4, "17:20", "RE: Refund of passport fee", tx("""
            I read your answer that revenue stamps cannot be refunded. This is absurd.
            I want my 16,000 yen back. Please confirm the refund by Monday.

            > Revenue stamps that have been affixed to the application cannot be refunded.
        """), [EX], "same demand, deadline, quotes the office"),
        (7, "09:15", "Refund - second request", tx("""
            It is Monday. No refund confirmation. I demand the refund today and a written
            explanation from the director of the passport center, not from a clerk.
        """), [EX], "director + today"),
        (9, "22:40", "Refund!!!", tx("""
            Are you all incompetent idiots? Give me my money back. 16,000 yen. Today.
        """), [EX, AB], "insult + same demand"),
        (14, "11:05", "Refund - final", tx("""
            Dear Director,

            From the first mail I have asked for one thing: the refund of my fee.
            If I do not receive it by Friday I will write to the Governor and to the
            embassy every day until I do.

            Brian Carter
        """), [EX], "same demand; writing to the Governor is lawful pressure; 'From ' line"),
        (18, "08:00", "RE: Refund - final", tx("""
            Friday has passed. Refund the 16,000 yen and send me a written apology.
        """), [EX], "same demand + apology"),
    ]
    person("b.carter.sakura@gmail.com", "Brian Carter", "ascii", "ryoken",
        "English-speaking same-purpose repeater: refund a passport fee (6 mails, free mail)",
        *[M(d, hm, s, b, cats=c, note=n) for d, hm, s, b, c, n in en],
        flags=[RSP])

    # R8: Tohoku dialect: plough my private lane, 6 mails
    th = [
        (15, "06:40", "うぢの前の私道の除雪", tx("""
            道路保全課さま

            うぢの前の私道、県の除雪車で一緒にやってもらえねべが。
            年寄り二人で雪かぎが大変なんだ。
            小松田 勘助
        """), [], "civil first request (private lane)"),
        (16, "06:35", "私道の除雪のごど", tx("""
            「私道は対象外」ってが。県道の雪、うぢの前さ寄せでいぐのはそっちだべ。
            今日中に私道の雪も片付げでけろ。
        """), [EX], "today"),
        (17, "06:50", "まだ来ねぇ", tx("""
            まだ来ねぇ。
            私道の除雪、今朝のうぢにやれって言ったべ。
            課長さ言って、除雪車ばよごせ。
        """), [EX], "manager + same demand"),
        (18, "07:05", "おめだぢ", tx("""
            おめだぢ、年寄りば見殺しにする気が。
            役立だずのでれすけども。県道の雪ば私道さ寄せだ責任とって、私道も除雪しろ。
        """), [EX, AB], "役立だず, でれすけ (fool) + same demand; 見殺し is an accusation"),
        (21, "06:30", "今朝も", tx("""
            今朝も雪が積もった。
            私道の除雪、毎朝7時までにやれ。それが県の責任だ。
        """), [EX], "every morning by 7"),
        (23, "06:45", "除雪", tx("""
            返事もよごさねぇ。
            私道の除雪ばやるまで、毎日メール出すがらな。
        """), [EX], "same demand"),
    ]
    person("komatsuda.k@hanamizuki-net.example", "小松田 勘助", "euc", "doro",
        "same-purpose repeater in Tohoku dialect: plough my private lane (6 mails)",
        *[M(d, hm, s, b, cats=c, note=n) for d, hm, s, b, c, n in th],
        flags=[RSP])

    # R9: fire the clerk 清水, 9 mails in 16 days, synonyms and reordering
    sh = [
        (3, "17:10", "県民相談室の職員について", tx("""
            県民相談室長 殿

            本日の相談で、清水という職員が私の話を「それは民事の問題です」と
            ばっさり切り捨てた。相談室の職員としての資質に欠ける。
            清水を相談業務から外し、処分しろ。

            堤 信之
        """), [EX]),
        (4, "09:30", "清水職員の処分", tx("""
            > 清水を相談業務から外し、処分しろ。
            昨日の件、返事がない。清水の処分はどうなった。
        """), [EX]),
        (6, "20:00", "人事課へ", tx("""
            人事課 御中

            県民相談室の清水恵を懲戒免職にすべきだ。
            県民の相談を門前払いする職員に給料を払う必要はない。
            堤
        """), [EX]),
        (8, "12:45", "清水をクビにしろ", tx("""
            清水をクビにしろ。話はそれだけだ。
            あんな無能が窓口に座っていること自体が県の恥だ。
        """), [EX, AB]),
        (10, "08:10", "処分結果を報告せよ", tx("""
            県民相談室長 殿

            清水職員の処分について、内容と時期を12日までに文書で報告せよ。
            報告がない場合は、県議会に請願する。
        """), [EX]),
        (12, "18:20", "Re: 処分結果を報告せよ", tx("""
            12日だ。報告はどうした。
            清水の異動でもいい。とにかくあの職員を相談室から追い出せ。
        """), [EX]),
        (14, "21:30", "いつまで清水を置いておくのか", tx("""
            いつまであの女を窓口に置いておくつもりだ。
            今日も相談室の前を通ったら、のうのうと座っていた。
            清水を辞めさせろ。
        """), [EX]),
        (16, "10:00", "清水恵について（再々）", tx("""
            県民相談室長 殿

            何度も申し上げているとおり、清水恵を処分してください。
            処分しないのであれば、その理由を室長の名前で文書にして送ってください。
            堤 信之
        """), [EX]),
        (19, "09:15", "処分", tx("""
            清水の処分。
            年内に決めて報告しろ。
        """), [EX]),
    ]
    person("tsutsumi.n@tsubaki-isp.example", "堤 信之", "jis", "soudan",
        "same-purpose repeater: punish / fire a named clerk (9 mails in 16 days)",
        *[M(d, hm, s, b, cats=c, targets=[SHIMIZU], note="same demand: punish the clerk",
            to=(TO["jinji"] if "人事課" in b else None)) for d, hm, s, b, c in sh],
        flags=[RSP])

# ---------------------------------------------------------------------------
# volume: high-volume senders, mail bombs, the domain attack, legitimate bulk
# ---------------------------------------------------------------------------

def times_in(rng: Rng, start: datetime, hours: float, n: int) -> list[datetime]:
    secs = int(hours * 3600)
    got: set[int] = set()
    while len(got) < n:
        got.add(rng.below(secs))
    return [start + timedelta(seconds=s) for s in sorted(got)]


def at(when: datetime, subject: str, body: str | None, cats=(), targets=(), note: str = "", **kw) -> Msg:
    return Msg(when, subject, body, kw.get("html"), list(kw.get("attachments", ())),
               sorted(set(cats), key=CATEGORIES.index), list(targets), [], note, kw.get("to"),
               list(kw.get("extra", ())))


def pick(rng: Rng, pool):
    """pool items are (text, cats); returns one."""
    return pool[rng.below(len(pool))]


def series(rng: Rng, times: list[datetime], make, note: str, quote_p: float = 0.0) -> list[Msg]:
    """make(i, rng) -> (subject, body, cats of the text written in this mail).  With probability
    quote_p a mail quotes the sender's own previous text; quoted own lines count, so that text's
    categories are added to this mail's."""
    out, prev_body, prev_cats = [], None, set()
    for i, t in enumerate(times):
        subj, own, own_cats = make(i, rng)
        body, cats = own, set(own_cats)
        if prev_body and own is not None and rng.chance(quote_p):
            body = own + "\n" + quote(prev_body)
            cats |= prev_cats
        out.append(at(t, subj, body, cats=cats, note=note))
        if own:
            prev_body, prev_cats = own, set(own_cats)
    return out


def join_parts(*parts) -> tuple[str, set]:
    lines, cats = [], set()
    for text, c in parts:
        if text:
            lines.append(text)
        cats |= set(c)
    return "\n".join(lines) + "\n", cats


def build_high_volume() -> None:
    # V1: 40 mails in one snowy day pressing one demand (plough my road now)
    openers = [("道路保全課", ()), ("おい、道路保全課", ()), ("除雪の担当者へ", ()), ("", ()),
               ("県庁の道路課", ()), ("何度目だと思ってる", ()), ("", ())]
    demands = [
        ("桜台5丁目の県道、今すぐ除雪車をよこせ。", (EX,)),
        ("家の前の県道の雪、1時間以内にどけろ。", (EX,)),
        ("除雪車を今すぐ回せ。車が一台も出せない。", (EX,)),
        ("いつになったら来るんだ。すぐ来い、今すぐだ。", (EX,)),
        ("除雪は何時に来るのか、今すぐ返事しろ。", (EX,)),
        ("桜台の除雪を最優先にしろ。後回しは許さん。今日の昼までだ。", (EX,)),
        ("うちの前の県道、すぐに除雪しろと言っているんだ。", (EX,)),
        ("雪をどけるまで送り続けるぞ。すぐ除雪しろ。", (EX,)),
        ("除雪車、今すぐ。", (EX,)),
        ("返事しろ。除雪車はいつ来る。今すぐ答えろ。", (EX,)),
    ]
    extras = [
        ("", ()), ("", ()), ("", ()),
        ("仕事に行けないんだぞ。", ()),
        ("もう3時間待ってる。", ()),
        ("電話もずっと話し中だ。", ()),
        ("課長を出せ。", (EX,)),
        ("役立たずどもが。", (AB,)),
        ("給料泥棒。", (AB,)),
        ("無能な役所だ。", (AB,)),
    ]
    subjects = ["除雪", "至急 除雪", "まだか", "除雪車をよこせ", "桜台5丁目", "返事しろ", "除雪!!", "Re: 除雪",
                "今すぐ", "雪"]

    def v1(i, rng):
        o, d, e = pick(rng, openers), pick(rng, demands), pick(rng, extras)
        parts = [o, d, e] if rng.chance(0.6) else [o, e, d]
        body, cats = join_parts(*parts)
        subj = subjects[rng.below(len(subjects))] + (f"（{i + 1}通目）" if rng.chance(0.25) else "")
        return subj, body, cats

    rng = Rng("v1")
    person("yukiguni.gen@kazamidori.ne.example", "大雪 源三", "euc", "doro",
           "high volume: 40 mails in one snowy day pressing one demand (plough my road now)",
           *series(rng, times_in(rng, T(17, "06:00"), 14, 40), v1, "plough my road now", 0.3),
           flags=[RSP, HV])

    # V2: 13 mails in 52 minutes: phone me right now (one demand)
    lines = [
        "今すぐ電話しろ。", "電話はまだか。", "このメールを見たらすぐに電話をください。今すぐです。",
        "5分以内に折り返せ。", "保育園の入所の件で至急電話しろと言っている。", "電話！！", "まだ電話が来ない。今すぐ。",
        "担当者でも課長でもいいから今すぐ電話をよこせ。", "なぜ電話しない。すぐ電話しろ。",
        "090-0000-3141 に今すぐかけてこい。", "電話しろ", "いい加減にしろ。電話だ。今すぐ。", "待ってるんだけど。電話。",
    ]

    def v2(i, rng):
        return ("至急" if i % 3 else f"電話ください（{i + 1}）"), lines[i] + "\n", (EX,)

    rng = Rng("v2")
    person("sokuren.p@tsubaki-isp.example", "高杉", "jis", "kosodate",
           "high volume in one hour: 13 mails in 52 minutes demanding a call right now",
           *series(rng, times_in(rng, T(9, "08:30"), 52 / 60, 13), v2, "phone me now"),
           flags=[RSP, HV])

    # V3: a night of insults, 36 mails, no demand (free mail)
    insults = [
        "税金泥棒", "ぜいきんどろぼう", "ゼイキンドロボウ", "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｳ", "税\u200b金\u200b泥\u200b棒", "給料泥棒ども",
        "無能", "む　の　う", "ﾑﾉｳ", "無.能", "ＭＵＮＯＵ", "役立たず", "やくたたず", "クズ役人", "くず", "ｸｽﾞ",
        "ゴミ", "ごみくず職員", "バカ", "ばーか", "ﾊﾞｶ", "ＢＡＫＡ", "アホ", "死ね", "氏ね", "ﾀﾋね", "し ね", "辞めちまえ",
        "ヤメロ無能", "能無し", "ポンコツ県庁", "腐った役所", "寄生虫ども", "税金にたかるダニ", "恥を知れ", "カス",
    ]

    def v3(i, rng):
        k = 1 + rng.below(3)
        words = [insults[rng.below(len(insults))] for _ in range(k)]
        sep = rng.choice(["\n", "！", "　", "!!\n"])
        return rng.choice(["", "県庁", "おい", "w", "税金", "無能"]), sep.join(words) + "\n", (AB,)

    rng = Rng("v3")
    person("yoru.no.akuma13@gmail.com", None, "u8q", "info",
           "high volume: 36 insults in one night, no demand (free mail)",
           *series(rng, times_in(rng, T(12, "22:10"), 6.5, 36), v3, "insults, no demand"),
           flags=[HV])

    # V4: 24 polite mails in one day, each on a different small matter (no category, no repeat)
    small = [
        ("県庁の開庁時間", "年末は何日まで開いていますか。"),
        ("食堂", "県庁の地下の食堂は一般の人も使えますか。"),
        ("駐車場", "県庁の駐車場は何時間まで無料ですか。"),
        ("広報誌", "広報誌はどこで手に入りますか。"),
        ("バスの時刻", "県庁前のバス停の終バスは何時ですか。"),
        ("図書館", "県立図書館の年末年始の休みを教えてください。"),
        ("パスポート", "パスポートの更新は何年ごとでしたか。"),
        ("自動車税", "軽自動車の税金も県に払うのですか。"),
        ("老人クラブ", "老人クラブの補助金はありますか。"),
        ("健康診断", "後期高齢者の健康診断は無料ですか。"),
        ("インフルエンザ", "インフルエンザの注射の助成はいくらですか。"),
        ("県の花", "さくら県の県の花は桜ですか、それとも梅ですか。"),
        ("マスコット", "さくらんぼ君のシールをもらえますか。"),
        ("投票所", "県知事選挙の期日前投票はどこでできますか。"),
        ("献血", "献血バスは県庁に来ますか。"),
        ("講座", "シニア向けのスマホ講座はありますか。"),
        ("公園", "県営公園の梅はいつごろ咲きますか。"),
        ("運転免許", "免許の返納は県庁でできますか。"),
        ("年金", "年金の相談は県庁ですか、年金事務所ですか。"),
        ("ゴミ", "古い消火器はどうやって捨てればいいですか。"),
        ("詐欺", "還付金詐欺の電話がありました。どこに知らせればいいですか。"),
        ("美術館", "県立美術館は65歳以上は無料ですか。"),
        ("道路", "家の前の県道の白線が消えかかっています。"),
        ("お礼", "今日はたくさん質問してすみません。いつもありがとうございます。"),
    ]

    def v4(i, rng):
        s, b = small[i]
        return s + "について", f"県庁の皆様\n\n{b}\nよろしくお願いいたします。\n\n三上 清（81歳）\n", ()

    rng = Rng("v4")
    person("mikami.kiyoshi@ezweb.ne.jp", "三上清", "sjis", "info",
           "high volume: 24 polite mails in one day, each on a different small matter (no category, no repeat; free mail)",
           *series(rng, times_in(rng, T(8, "08:00"), 12, 24), v4, "a different small matter each time"),
           flags=[HV])

    # V5: 15 threats in 47 minutes, no demand (free mail)
    threats = [
        ("今夜、県庁に火をつけに行く。", (TH,)), ("県庁ごと燃やしてやる。", (TH,)), ("職員の車、全部ぶっ壊す。", (TH,)),
        ("お前らの一人くらい道連れにしてやる。", (TH,)), ("明日の朝、正面玄関で待ってる。刃物持ってな。", (TH,)),
        ("ぶっ殺す。", (TH,)), ("ぶ っ こ ろ す", (TH,)), ("ｺﾛｽ", (TH,)), ("覚悟しとけよ、クズども。", (TH, AB)),
        ("窓ガラス全部割ってやる。", (TH,)), ("家族ごと地獄を見せてやる。", (TH,)), ("ガソリンはもう買った。", (TH,)),
        ("殺.す", (TH,)), ("税金泥棒どもに天罰を下してやる。俺が下す。", (TH, AB)), ("逃げても無駄だ。", (TH,)),
    ]

    def v5(i, rng):
        t = threats[i]
        return rng.choice(["", "警告", "今夜", "覚悟", "最後"]), t[0] + "\n", t[1]

    rng = Rng("v5")
    person("kuroi.yoru.0@softbank.ne.jp", None, "sjis", "info",
           "high volume in one hour: 15 threats in 47 minutes, no demand (free mail)",
           *series(rng, times_in(rng, T(20, "01:05"), 47 / 60, 15), v5, "threats, no demand"),
           flags=[HV])


def build_bombs() -> None:
    # B1: 170 numbered mails in 16 hours, one demand, many empty bodies (demand in the Subject)
    short = [("取り消せ。", (EX,)), ("回答しろ。", (EX,)), ("許可を取り消せ。今すぐだ。", (EX,)),
             ("何通でも送る。取り消すまで。", (EX,)), ("課長を出せ。", (EX,)), ("いつまで無視する。", ()),
             ("占用許可の取り消しを求める。本日中。", (EX,)), ("返事をしろ。", (EX,))]

    def b1(i, rng):
        subj = rng.choice(["【第{n}報】道路占用許可を取り消せ", "第{n}報 占用許可取消要求", "【{n}】許可を取り消せ",
                           "道路占用許可を取り消せ（{n}）"]).format(n=i + 1)
        if rng.chance(0.6):
            return subj, "", (EX,)
        t = pick(rng, short)
        return subj, t[0] + "\n", (EX,) if not t[1] else t[1] + (EX,)

    rng = Rng("b1")
    person("kogawa.shigeru@tsubaki-isp.example", "小川 茂", "jis", "doro",
           "mail bomb: 170 numbered mails in 16 hours, one demand in the Subject, many empty bodies",
           *series(rng, times_in(rng, T(10, "18:00"), 16, 170), b1,
                   "numbered; the demand is in the Subject (body often empty)"),
           flags=[RSP, MB])

    # B2: 240 near-identical insults in 4 hours, no demand
    zb = ["税金泥棒！", "税金泥棒！税金泥棒！", "税金泥棒！税金泥棒！税金泥棒！", "税金ドロボー!!", "ぜいきんどろぼう",
          "税金泥棒！辞めちまえ！", "税金泥棒", "税 金 泥 棒"]

    def b2(i, rng):
        return rng.choice(["税金泥棒", "税金泥棒！", "", "税金泥棒！税金泥棒！"]), rng.choice(zb) + "\n", (AB,)

    rng = Rng("b2")
    person("zz.0141@hanamizuki-net.example", None, "euc", "info",
           "mail bomb: 240 near-identical 税金泥棒 insults in 4 hours, no demand",
           *series(rng, times_in(rng, T(14, "00:30"), 4, 240), b2, "insult flood, no demand"),
           flags=[MB])

    # B3: 125 threats in 3 hours (free mail)
    th = [("庁舎を爆破する。", (TH,)), ("職員を一人ずつ殺していく。", (TH,)), ("県庁を燃やしてやる。", (TH,)),
          ("爆弾はもう仕掛けた。", (TH,)), ("全員ぶっ殺してやる。クズども。", (TH, AB)),
          ("お前らの家族も同じ目にあわせる。", (TH,)), ("こ ろ す", (TH,)), ("ＫＩＬＬ　ＹＯＵ", (TH,)),
          ("火をつける。今夜だ。", (TH,)), ("死にたくなければ県庁に来るな。", (TH,)),
          ("無能な職員は皆殺しだ。", (TH, AB)), ("ガソリン撒いて火をつけてやる。", (TH,))]

    def b3(i, rng):
        a = pick(rng, th)
        if rng.chance(0.3):
            b = pick(rng, th)
            return rng.choice(["予告", "警告", "", "最終警告"]), a[0] + "\n" + b[0] + "\n", set(a[1]) | set(b[1])
        return rng.choice(["予告", "警告", "", "最終警告"]), a[0] + "\n", a[1]

    rng = Rng("b3")
    person("hakai.2026.12@yahoo.co.jp", None, "sjis", "info",
           "mail bomb of threats: 125 mails in 3 hours (free mail)",
           *series(rng, times_in(rng, T(21, "02:00"), 3, 125), b3, "threat flood"),
           flags=[MB])

    # B4: 110 varied mails in 9 hours pressing one demand (show your sincerity = compensation), free mail
    dm = [("誠意を見せろ。", (EX,)), ("誠意を形で示せ。", (EX,)), ("慰謝料を払え。", (EX,)),
          ("謝って済むと思うな。誠意を見せろ。", (EX,)), ("誠意とは何か、分かってるよな。金だよ。", (EX,)),
          ("菓子折りで済むと思うなよ。", (EX,)), ("誠意を見せるまで送り続ける。", (EX,))]
    tail = [("", ()), ("", ()), ("無視するな。", ()), ("税金泥棒が。", (AB,)), ("クズ職員ども。", (AB,)),
            ("所長を出せ。", (EX,)), ("今日中だ。", (EX,))]

    def b4(i, rng):
        body, cats = join_parts(pick(rng, dm), pick(rng, tail))
        return rng.choice(["誠意", "誠意を見せろ", "Re: 誠意", "回答", "慰謝料"]), body, cats

    rng = Rng("b4")
    person("seii.misero@docomo.ne.jp", None, "sjis", "zei",
           "mail bomb: 110 varied mails in 9 hours pressing one demand (show sincerity = money; free mail)",
           *series(rng, times_in(rng, T(23, "13:00"), 9, 110), b4, "show sincerity (money)", 0.2),
           flags=[RSP, MB])


def build_domain_attack() -> None:
    """8 addresses of one private domain, one night, one relay; no address reaches a volume flag."""
    pools = {
        "ab": [("税金泥棒", (AB,)), ("無能県庁", (AB,)), ("クズ職員", (AB,)), ("役立たずの集まり", (AB,)),
               ("ゴミ役所", (AB,)), ("給料泥棒ども", (AB,)), ("恥を知れ", (AB,)), ("能無しども", (AB,)),
               ("ばか県庁", (AB,)), ("寄生虫", (AB,))],
        "ex": [("担当者を全員クビにしろ", (EX,)), ("知事は今すぐ辞職しろ", (EX,)),
               ("土下座して謝罪しろ", (EX,))],
        "plain": [("県民は怒っている", ()), ("説明責任を果たせ", ()), ("拡散希望", ())],
    }
    members = [("seigi01", 14, "ab"), ("seigi02", 13, "ab"), ("kenmin.ikari", 15, "ab+ex"), ("tenchu", 12, "ab"),
               ("anon.sakura", 16, "ab"), ("kokuhatsu", 14, "ab+ex"), ("sakura.watch", 13, "ab"),
               ("hinan", 15, "ab")]
    start = T(19, "22:30")
    for name, n, mix in members:
        rng = Rng("dom", name)

        def mk(i, rng, mix=mix):
            parts = [pick(rng, pools["ab"])]
            if "ex" in mix and rng.chance(0.4):
                parts.append(pick(rng, pools["ex"]))
            if rng.chance(0.3):
                parts.append(pick(rng, pools["plain"]))
            if rng.chance(0.5):
                parts.append(pick(rng, pools["ab"]))
            body, cats = join_parts(*parts)
            return rng.choice(["", "抗議", "県庁へ", "税金泥棒", "告発"]), body, cats

        person(f"{name}@{ATTACK_DOMAIN}", None, ("u8q" if n % 2 else "u8b"), "info",
               f"domain-level attack member (8 addresses at {ATTACK_DOMAIN} in one night from one relay; "
               "labelled by content)",
               *series(rng, times_in(rng, start + timedelta(minutes=rng.below(30)), 5.5, n), mk, "domain attack member"),
               group=f"domain:{ATTACK_DOMAIN}", ip="198.51.100.23", mailer="")


def build_bulk() -> None:
    # the press-clipping service: 150 distinct mails in one day with List-Id (no flag)
    places = ["さくら市", "東町", "朝日町", "北谷村", "白鳥町", "桜台", "長瀬町", "宮前市", "上野地区", "日の出町"]
    events = [
        ("空き家で放火か 警察が捜査", "未明に空き家から出火し、木造2階建てが全焼した。警察は放火の疑いもあるとみて調べている。"),
        ("空き巣被害相次ぐ 年末の戸締まりを", "住宅を狙った空き巣が今月に入り5件発生。警察が注意を呼びかけている。"),
        ("特殊詐欺で80代女性が300万円被害", "県職員を名乗る男から「医療費の還付がある」と電話があり、ATMで振り込んだという。"),
        ("化学工場で爆発事故 従業員2人けが", "工場内のタンクが爆発し、従業員2人が軽いけがをした。周辺住民への影響はないという。"),
        ("カスハラ対策 県が職員向け研修", "県は窓口職員を対象に、暴言や長時間の電話への対応研修を実施した。"),
        ("県道で多重事故 凍結が原因か", "県道58号の峠付近で車5台が絡む事故があった。路面が凍結していたとみられる。"),
        ("クマ出没 通学路で目撃", "小学校近くでクマが目撃され、教育委員会が集団下校を実施した。"),
        ("鳥インフルエンザ 養鶏場で確認", "県は防疫措置として約2万羽の殺処分を始めた。"),
        ("県議会 補正予算を可決", "除雪費や物価高対策を盛り込んだ補正予算案を原案通り可決した。"),
        ("知事 年頭会見の日程発表", "知事は1月5日に年頭の記者会見を開くと発表した。"),
        ("脅迫メールで市役所が一時閉鎖", "「庁舎を爆破する」とのメールが届き、市は来庁者を避難させた。爆発物は見つからなかった。"),
        ("殺人未遂容疑で男を逮捕", "知人男性を刃物で刺したとして、警察は40代の男を殺人未遂の疑いで逮捕した。"),
        ("火災予防運動 消防が街頭啓発", "年末の火災予防運動に合わせ、消防署員が駅前でチラシを配った。"),
        ("イノシシ被害が爆発的に増加", "農作物の被害額が昨年の3倍に達したことが県のまとめで分かった。"),
        ("年末年始のごみ収集日程", "各市町のごみ収集は12月30日から1月3日まで休みとなる。"),
    ]
    rng = Rng("bulk-clip")
    ts = times_in(rng, T(15, "06:00"), 17, 150)
    msgs = []
    for i, t in enumerate(ts):
        place = places[rng.below(len(places))]
        head, lead = events[rng.below(len(events))]
        no = 20480 + i
        body = tx(f"""
            さくら県政クリップ 速報 No.{no}
            配信先：さくら県庁 広報広聴課 様

            ■{place}　{head}
            {lead}
            （さくら日日新聞 {t.month}月{t.day}日 {t:%H:%M} 配信分より要約）

            ──────────────
            本メールは契約に基づき自動配信しています。配信停止・変更は下記から。
            https://kensei-clip.example/unsubscribe?c=SAKURA-PREF-0042
        """)
        extra = ["List-Id: <sakura-pref.kensei-clip.example>",
                 "List-Unsubscribe: <https://kensei-clip.example/unsubscribe?c=SAKURA-PREF-0042>",
                 "Precedence: bulk"]
        msgs.append(at(t, f"【県政クリップ No.{no}】{place} {head}", body, note="press clipping", extra=extra))
    add(Sender("clip@kensei-clip.example", "県政クリップ", "legitimate bulk sender: press clipping, 150 distinct "
               "mails in one day with List-Id / List-Unsubscribe / Precedence: bulk (no flag)", msgs,
               enc="u8b", volume_exempt=True, to=TO["kouhou"], mailer=""))

    # the road-information alert service: 36 distinct alerts on the snow day (no flag)
    roads = ["県道12号 桜台交差点", "県道34号 宮前", "県道58号 峠区間", "県道7号 長瀬トンネル", "県道21号 白鳥橋",
             "県道3号 上野バイパス"]
    states = ["通行止め（降雪のため）", "チェーン規制開始", "チェーン規制解除", "片側交互通行", "通行止め解除",
              "路面凍結に注意", "除雪作業中"]
    rng = Rng("bulk-road")
    ts = times_in(rng, T(17, "04:00"), 18, 36)
    msgs = []
    for i, t in enumerate(ts):
        r, st = roads[rng.below(len(roads))], states[rng.below(len(states))]
        body = tx(f"""
            さくら県 道路情報メール（自動配信）
            発表 {t.month}月{t.day}日 {t:%H:%M}
            {r}：{st}
            詳細 https://sakura-douro-joho.example/info/{t:%m%d%H%M}
            ※このメールには返信できません。
        """)
        extra = ["Auto-Submitted: auto-generated", "List-Id: <road-alert.sakura-douro-joho.example>",
                 "List-Unsubscribe: <mailto:leave@sakura-douro-joho.example>", "Precedence: bulk"]
        msgs.append(at(t, f"[道路情報] {r} {st}", body, note="automatic road alert", extra=extra))
    add(Sender("noreply@sakura-douro-joho.example", "さくら県道路情報", "legitimate bulk sender: road-information "
               "alerts, 36 distinct mails on the snow day with Auto-Submitted / List-Id (no flag)", msgs,
               enc="jis", volume_exempt=True, to=TO["doro"], mailer=""))


# ---------------------------------------------------------------------------
# writing mail (message_bytes / verify / mboxrd adapted from ../corpus-fresh)
# ---------------------------------------------------------------------------

def attachment_part(a: Attachment) -> tuple[list[str], bytes]:
    assert is_ascii(a.filename)
    return ([f'Content-Type: {a.ctype}; name="{a.filename}"', "Content-Transfer-Encoding: base64",
             f'Content-Disposition: attachment; filename="{a.filename}"'], b64_encode(a.data).encode("ascii"))


def ip_for(s: Sender) -> str:
    if s.ip:
        return s.ip
    dom = s.address.split("@")[1]
    h = stable_hash("ip:" + s.address)
    if dom in FREE_DOMAINS:
        return f"203.0.113.{1 + h % 250}"
    return f"192.0.2.{1 + stable_hash('ip:' + dom) % 250}"


MAILERS = {"jis": "Becky! ver. 2.82", "sjis": None, "euc": "Sylpheed 3.8.0", "u8b": None,
           "u8q": "Thunderbird 128.5", "u88": None, "ascii": "Mutt/2.2.13"}
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
    mailer = MAILERS.get(s.enc) if s.mailer is None else s.mailer
    if mailer:
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


# ---------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------

def check_volume(s: Sender) -> tuple[int, int]:
    p1, p24 = peaks([m.when for m in s.msgs])
    fl = s.all_flags()
    if s.volume_exempt:
        assert "high_volume" not in fl and "mail_bomb" not in fl and not fl, s.address
        assert p24 >= 20, s.address
    elif p24 >= 100:
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
    if s.resident:
        assert not fl and len(s.msgs) <= 4, s.address


def slugify(addr: str) -> str:
    local, dom = addr.split("@")
    return re.sub(r"[^a-z0-9]+", "-", f"{local}-{dom.split('.')[0]}".lower()).strip("-")


def build_all() -> None:
    build_residents()
    build_more_residents()
    build_few_mail_harassers()
    build_english_and_mixed()
    build_mob()
    build_repeaters()
    build_repeaters_2()
    build_high_volume()
    build_bombs()
    build_domain_attack()
    build_bulk()


def main() -> None:
    build_all()
    for s in SENDERS:
        s.msgs.sort(key=lambda m: m.when)
        for m in s.msgs:
            assert datetime(2026, 12, 1) <= m.when <= datetime(2026, 12, 28, 23, 59, 59), (s.address, m.when)
    order = sorted(SENDERS, key=lambda s: stable_hash("order:" + s.address))
    slugs = set()
    for s in order:
        s.slug = slugify(s.address)
        assert s.slug not in slugs, s.slug
        slugs.add(s.slug)

    mbox_dir = HERE / "mbox"
    mbox_dir.mkdir(exist_ok=True)
    for old in sorted(mbox_dir.glob("*.mbox")):
        old.unlink()

    senders_json, messages_json = [], []
    enc_count: dict[str, int] = {}
    total_bytes = 0
    all_mids: set[str] = set()
    for idx, s in enumerate(order, 1):
        check_repeat(s)
        p1, p24 = check_volume(s)
        fname = f"mbox/{idx:03d}-{s.slug}.mbox"
        blob = b""
        for n, m in enumerate(s.msgs, 1):
            mid, data = message_bytes(s, m, n)
            verify(s, m, data)
            assert mid not in all_mids
            all_mids.add(mid)
            blob += mboxrd(s.address, m.when, data)
            if m.text is not None:
                sample = m.text + (m.subject or "") + (s.name or "")
                e = effective_enc(s.enc, sample)
                label, cte = ENC_LABEL[e]
                key = f"{label} {cte}"
            else:
                key = "no text part (HTML / attachment only)"
            enc_count[key] = enc_count.get(key, 0) + 1
            messages_json.append({
                "message_id": mid, "sender": s.address, "received": m.when.isoformat() + "+09:00",
                "categories": [c for c in CATEGORIES if c in m.cats], "targets": m.targets,
                "mentions": m.mentions, "note": m.note})
        back = split_mboxrd(blob)
        assert len(back) == len(s.msgs), s.address
        (HERE / fname).write_bytes(blob)
        total_bytes += len(blob)
        senders_json.append({
            "address": s.address, "split": SPLIT, "file": fname, "kind": s.kind, "flags": s.all_flags(),
            "group": s.group, "messages": len(s.msgs), "peak_1h": p1, "peak_24h": p24})

    # domains
    domains_json = []
    by_dom: dict[str, list[Sender]] = {}
    for s in SENDERS:
        by_dom.setdefault(s.address.split("@")[1], []).append(s)
    for dom in sorted(by_dom):
        ss = by_dom[dom]
        events = [(m.when, s.address) for s in ss for m in s.msgs]
        _, p24 = peaks([t for t, _ in events])
        flags = ["mail_bomb"] if dom == ATTACK_DOMAIN else []
        if dom == ATTACK_DOMAIN:
            assert p24 >= 100 and len(ss) >= 5
            for s in ss:
                assert not {"high_volume", "mail_bomb"} & set(s.all_flags()), s.address
        if dom in FREE_DOMAINS:
            assert not flags
        kind = DOMAIN_KIND.get(dom, "organisation")
        domains_json.append({
            "domain": dom, "split": SPLIT, "flags": flags, "kind": kind, "addresses": len(ss),
            "messages": len(events), "peak_24h": p24, "max_addresses_24h": max_addrs_24h(events),
            "free_mail": dom in FREE_DOMAINS})

    labels = {"staff_file": "staff.toml", "senders": senders_json, "domains": domains_json,
              "messages": messages_json}
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (HERE / "staff.toml").write_text(staff_toml(), encoding="utf-8")
    (HERE / "README.md").write_text(readme(stats(senders_json, messages_json, domains_json, enc_count,
                                                 total_bytes)), encoding="utf-8")
    print(f"{len(senders_json)} senders, {len(messages_json)} messages, {total_bytes / 1e6:.2f} MB")


def staff_toml() -> str:
    out = ["# The clerks of the (fictional) さくら県庁 that mail in this set refers to by name.",
           "# name = as in labels.json \"targets\" / \"mentions\"; reading = hiragana; aliases = other ways to refer.",
           ""]
    for name, reading, aliases, section in STAFF:
        al = ", ".join(f'"{a}"' for a in aliases)
        out += [f"# {section}", "[[staff]]", f'name = "{name}"', f'reading = "{reading}"', f"aliases = [{al}]", ""]
    return "\n".join(out)


def stats(senders_json, messages_json, domains_json, enc_count, total_bytes) -> str:
    by_addr = {s.address: s for s in SENDERS}
    flood = {s["address"] for s in senders_json
             if {"high_volume", "mail_bomb"} & set(s["flags"]) or by_addr[s["address"]].group
             or by_addr[s["address"]].volume_exempt}
    free = lambda a: a.split("@")[1] in FREE_DOMAINS  # noqa: E731
    n_res = sum(1 for s in SENDERS if s.resident)
    actors = len({s["group"] or s["address"] for s in senders_json})
    L = ["| | count |", "|---|---:|",
         f"| senders (addresses) | {len(senders_json)} |",
         f"| actors (the {sum(1 for s in SENDERS if s.group)} attack-domain addresses = 1) | {actors} |",
         f"| messages | {len(messages_json)} |",
         f"| ordinary residents and organisations (no flag) | {n_res} ({100 * n_res // len(senders_json)}% of senders) |",
         f"| senders with no flag (residents, civil mob protesters, the two legitimate bulk senders) | "
         f"{sum(1 for s in senders_json if not s['flags'])} |",
         "| **sender flags** (addresses; actors in brackets) | |"]
    for f in FLAGS:
        ss = [s for s in senders_json if f in s["flags"]]
        act = len({s["group"] or s["address"] for s in ss})
        L.append(f"| `{f}` | {len(ss)} ({act}); {sum(1 for s in ss if free(s['address']))} on free-mail domains |")
    L.append("| **message categories** (all messages; floods left out in brackets = no `mail_bomb` / "
             "`high_volume` sender, no attack-domain member, no bulk sender) | |")
    for c in CATEGORIES:
        a = sum(1 for m in messages_json if c in m["categories"])
        b = sum(1 for m in messages_json if c in m["categories"] and m["sender"] not in flood)
        L.append(f"| `{c}` | {a} ({b}) |")
    a = sum(1 for m in messages_json if not m["categories"])
    b = sum(1 for m in messages_json if not m["categories"] and m["sender"] not in flood)
    L.append(f"| messages with no category | {a} ({b}) |")
    L.append(f"| messages with a target clerk | {sum(1 for m in messages_json if m['targets'])} |")
    L.append(f"| messages naming a clerk benignly (`mentions`) | {sum(1 for m in messages_json if m['mentions'])} |")
    fl = [f"{d['domain']}: {', '.join(d['flags'])}" for d in domains_json if d["flags"]]
    L.append(f"| domain flags | {'; '.join(fl)} |")
    L += ["", "Text parts by charset and transfer encoding (as sent; text a legacy charset cannot carry "
          "fell back to UTF-8 base64):", "", "| charset / CTE | messages |", "|---|---:|"]
    for k, v in sorted(enc_count.items(), key=lambda kv: (-kv[1], kv[0])):
        L.append(f"| {k} | {v} |")
    L += ["", "Senders that are not ordinary residents:", "",
          "| address | messages | peak 1 h | peak 24 h | flags | kind |", "|---|---:|---:|---:|---|---|"]
    rows = [s for s in senders_json if not by_addr[s["address"]].resident]
    for s in sorted(rows, key=lambda s: (s["kind"], s["address"])):
        L.append(f"| {s['address']} | {s['messages']} | {s['peak_1h']} | {s['peak_24h']} | "
                 f"{', '.join(s['flags']) or '-'} | {s['kind']} |")
    L += ["", f"Total mbox size: {total_bytes / 1e6:.2f} MB in {len(senders_json)} files; "
          f"{len(messages_json)} messages."]
    return "\n".join(L) + "\n"


README_HEAD = """\
# Third fresh triage evaluation set (さくら県庁, December 2026)

A labelled, synthetic mail corpus for a **clean** evaluation of mailward's harassment triage
(カスハラ by email to a Japanese public office), this time a prefectural office. It was written
after `../corpus/` (みどり区) and `../corpus-fresh/` (あおば市役所) existed, by a writer who had not
seen mailward's lexicons, rules or tests, so that there is again a test set nobody has tuned on.
Everything here is generated by `generate.py` (Python 3.11+, standard library only) and is
byte-identical on every run:

```sh
cd crates/triage/tests/corpus-fresh2 && python3 generate.py   # rewrites mbox/, labels.json, staff.toml, README.md
```

## How it was made independent

- Written without reading `crates/triage/src/`, `crates/triage/data/` (lexicons), any `*.toml`
  lexicon, the crate's tests, `docs/TRIAGE.md`, or the texts / phrase pools of the two older
  generators; never run through mailward's triage. Only the label definitions (the two older
  READMEs), the labels.json format, the source document
  (`shared/seed/customer-harassment-email-guide.ja.txt`) and the byte-level helpers of
  `../corpus-fresh/generate.py` (charset round trips, RFC 2047 words, quoted-printable, base64,
  mboxrd, the PRNG) were used.
- Labels were set by hand next to each text (or, for the floods, next to each phrase of the
  phrase pools the floods are drawn from), as a careful human reviewer would label them, not by
  keyword search.
- The office (さくら県庁, eight clerks in `staff.toml`), the people, the addresses
  (`pref.sakura.example`, `*.example` domains, documentation IP ranges 192.0.2.0/24,
  198.51.100.0/24, 203.0.113.0/24) and the month (December 2026) are new.
- **Use it for reporting only.** Once lexicons, weights or thresholds have been tuned on it, it is
  no longer a clean test.

## Files

- `mbox/NNN-slug.mbox`: one mboxrd file per sender address (body lines matching `^>*From ` get one
  more `>`). `NNN` is a hash order and says nothing about the label.
- `labels.json`: the format of `../corpus-fresh/labels.json`: `senders` (address, `split` =
  `"fresh2"`, file, kind, sender-level `flags`, `group`, number of `messages`, `peak_1h` /
  `peak_24h`), `domains` (every sender domain with `flags`, `kind`, `addresses`, `messages`,
  `peak_24h`, `max_addresses_24h`, `free_mail`), `messages` (`message_id`, `sender`, `received`,
  `categories`, `targets`, `mentions`, `note`).
- `staff.toml`: the 8 clerks of さくら県庁 (`name`, `reading`, `aliases`; a comment gives the section).
- `generate.py`, `README.md` (the count tables below are printed by the script).

## The mail

- The mbox `From ` line is `From <address> <asctime>` in **Asia/Tokyo local time**: the time the
  office's MX (`mx1.pref.sakura.example`) received the mail; it drives every volume window.
  `Date:` is the same instant with `+0900`, and a `Received:` header repeats it. All dates are
  1-28 December 2026 (1 December is a Tuesday).
- Every mail has Return-Path, Received, From, To (an address at `pref.sakura.example`), Subject,
  Date, Message-ID (`<slug.n@fresh2.mailward.test>`), MIME-Version and Content-Type. A sender's
  mailer uses one charset for body, Subject and display name: ISO-2022-JP 7bit, Shift_JIS 8bit
  (mobile carriers mostly), EUC-JP 8bit, UTF-8 base64, UTF-8 quoted-printable (Q-encoded words) or
  US-ASCII; text a legacy charset cannot carry (emoji, half-width kana in ISO-2022-JP, 〜, U+200B)
  falls back to UTF-8 base64.
- Awkward inputs: empty Subjects (a resident, a threat, several mob and bomb mails); HTML-only
  mails (a benign NPO notice with `&nbsp; &amp; &quot; &#x1F43E;`, and insults written only as
  numeric character references); an attachment-only mail (PDF); JPEG / PNG / PDF attachments
  next to text; a mail bomb whose bodies are mostly empty (the demand is in the Subject);
  English body lines starting with `From `; half-width katakana in a benign mail and in insults;
  U+200B inside insults; Kansai, Hakata and Tohoku dialect both benign and abusive.

## What the labels mean

The definitions of `../corpus/README.md` ("What the labels mean"), as restated in
`../corpus-fresh/README.md`, applied unchanged:

- Message `categories`: `threat` (harm to life, body, freedom, honour or property announced,
  explicitly or by clear implication), `abusive` (insults / 暴言 aimed at the office or its staff,
  in any spelling), `excessive_demand` (ultimatums, "answer now", apology / kneeling, a manager
  or the governor, documents beyond any procedure, money, punishing a clerk), `personal_contact`
  (private questions or invitations to a clerk, fixation, waiting outside, a clerk's home
  address / LINE / phone / car / commute). Quoted lines of the sender's *own* earlier mail count;
  quoted lines of the office's reply and reported speech do not.
- `targets`: the clerks at whom a *harassing* mail is aimed; `mentions`: clerks named in a benign
  mail (thanks, a polite complaint, an agreed call-back). Never both in one mail.
- Sender `flags` = the union of its messages' categories, plus `repeated_same_purpose` (5+ mails
  pressing one demand or request), `high_volume` (20-99 mails in some 24-hour window or 10+ in
  some hour, never 100 in 24 hours) and `mail_bomb` (100+ in some 24-hour window); the two volume
  flags exclude each other, and the script checks every sender's real peaks against them.
- The legitimate bulk senders (`clip@kensei-clip.example`: 150 distinct press clippings in one
  day with List-Id, List-Unsubscribe, Precedence: bulk; `noreply@sakura-douro-joho.example`: 36
  road alerts on the snow day with Auto-Submitted) have **no** flag.
- `domains`: only `sakura-seigi.example` is flagged (`mail_bomb`): 8 addresses, 12-16 mails each,
  one night, one relay IP (198.51.100.23); no single address reaches a volume flag; each address
  is labelled by its own content. The free-mail domains (gmail.com, yahoo.co.jp, docomo.ne.jp,
  ezweb.ne.jp, softbank.ne.jp, icloud.com, outlook.jp) carry a threat bomb, a demand bomb, three
  high-volume senders, an online mob of 11 people on one night, many harassers and residents,
  and have no flag; nor do the shared ISP domains (`tsubaki-isp.example`, `hanamizuki-net.example`
  ...) whose busy days come from one bombing address.

## Judgement calls

- 死ね and its spellings (氏ね, ﾀﾋね, し ね, しんでくれ, ｼﾈ) are `abusive`, not `threat`; ｺﾛｽ, こ.ろ.し.に いく,
  殺.す, ぶ っ こ ろ す, ＫＩＬＬ are `threat`; 刺し違えてでも (to a named clerk), いてこましたる, しばいたる (Kansai),
  夜道ば気をつけときやい (Hakata), "I will kill you all" are `threat`.
- Veiled threats count when the harm is clear: a clerk's child's school route plus 「何かあってからでは
  遅いですよね」 (also `personal_contact`); the clerk's white Prius, her leaving time and 「タイヤ、いつまで
  無事ですかね」 (also `personal_contact`); 「お前の家の排水溝にもコンクリート流し込んでやろうか」;
  「あの動画の担当者特定したわ…家も割れてる」; "those site office windows won't survive the weekend";
  晒してやる / 拡散してやる with a clerk's name and face (honour).
- Lawful or peaceful pressure is never `threat`: 県議と新聞社に持ち込む, 人事委員会に申し立てる, 県議会に請願,
  毎日窓口に行く, 県庁の前で座り込む, 毎日電話する, "write to the Governor every day", こっちにも考えがある
  (alone), 覚悟しとき (announcing more mails).
- Criticism without insult is no category: 県民をなめている, 知事は辞めるべき, 税金の無駄遣い, 県民を馬鹿に
  している, a civil mob protester asking for the budget breakdown; 恥を知れ, 耳は飾りか + ボンクラ, 腰抜けの
  アホ, ポンコツ, でれすけ, バガ are `abusive`. 広報課解散しろｗ (a jeer) is not a demand; 知事は今すぐ辞職しろ,
  担当者を全員クビにしろ, 作った奴の名前晒せ…今すぐクビにしろ are `excessive_demand`.
- First mails of repeaters that are civil requests (cancel a late fee because of a hospital stay;
  re-examine a subsidy; a refund of a passport fee; plough a private lane) have no category; the
  follow-ups with ultimatums do. A resident asking for a reply 「今週中に」 for his own reason in a
  second civil mail is not `excessive_demand` yet.
- `repeated_same_purpose`: the grandmother who asks the same, answered passport question 7 times
  gets it with no category; the man with three different demands pressed twice each (noise wall,
  tax refund with compensation, punishing a clerk) does not; the man who presses one demand six
  times and adds one other does; the 81-year-old with 24 polite questions in a day on 24 matters is
  `high_volume` only; the 36-insult night and the 240-mail 税金泥棒 bomb carry no demand (no
  repeat); the threat bomb and the 15-threats-in-an-hour sender neither; the numbered bomb whose
  demand is only in the Subject, the 誠意を見せろ bomb, the snow-day sender (40 mails) and the
  phone-me-now burst (13 mails in 52 minutes) get it.
- Love letters to 石井 pressed 8 times (waiting at a café, at the centre, under the illumination;
  continued after the supervisor's refusal) are `personal_contact` + `repeated_same_purpose`.
- `personal_contact` includes asking a clerk's home address and family "for a year-end gift", a
  clerk's LINE, waiting at the east exit at 18:00, knowing her train and carriage; it does not
  include asking on which weekdays the clerk handling one's passport case is in, asking how to
  address an official thank-you letter, or asking whether a section may accept sweets.
- A rude but civil complaint naming a clerk (「渡辺という職員、あの態度は何だ」) gives a `mention`; the same
  sender's later threat gives a target.
- Reported speech and victims' reports are benign: a neighbour's 「殺すぞ」, a husband's 「お前なんか死ねば
  いい」, a man at the counter shouting 「土下座しろ」「税金泥棒」 (the writer thanks 清水), an SNS post 「県庁に
  火をつける」 reported by a resident, a company quoting 「殺すぞ」 it receives at its call centre,
  pupils 晒された online, a mother's 「もう死にたい」, news clippings about 放火 / 空き巣 / 詐欺 / 爆発事故 /
  脅迫メール / 殺人未遂 / カスハラ.
- Other benign trigger words: 問い合わせが殺到, 申請が殺到, 泥棒に入られた, 火事で半焼, 火をつける (fireworks,
  barbecue charcoal, カセットコンロ), 殺虫剤, 殺処分ゼロ / 全羽殺処分, 爆発的に増えた, 爆弾低気圧, 『爆弾』 (a novel),
  死ぬほど忙しい / 疲れている, 死ぬかと思った, 大好きすぎて死にそう, 首になった, 首が回らない, 弁護士に相談する予定,
  警察に相談したい, ぶっ壊れてる (a vending machine), 鬼のように混んでた, まじでヤバい神動画, 親バカ,
  死亡届, 家族構成, 夜道が暗い, "kill two birds with one stone", "dying to know", "I'd kill for".
- Residents whose surname is a clerk's (森 和夫, 山口 浩) sign with it: neither a mention nor a target.
- The attack-domain addresses are labelled per address by content (`abusive`, two also
  `excessive_demand`); the bomb is the domain's flag.

## Counts

"""


def readme(table: str) -> str:
    return README_HEAD + table


if __name__ == "__main__":
    main()
