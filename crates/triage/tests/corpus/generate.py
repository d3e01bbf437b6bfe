#!/usr/bin/env python3
"""Deterministic generator for the labelled triage evaluation corpus.

Run `python3 generate.py` (Python 3.11+, standard library only). It rewrites
mbox/tune/*.mbox, mbox/heldout/*.mbox, labels.json, staff.toml and README.md
in this folder, byte-identical on every run: no clock, no `random` module, no
hash randomisation; every choice comes from a SHA-256 counter generator seeded
by a fixed string, and every message is assembled by hand as bytes.

The labels are written by hand next to the texts (what a careful human
reviewer would say about each mail), never derived from any detection
lexicon. Volume flags are checked against the real receive times: the script
asserts that every sender's 1-hour / 24-hour peaks agree with its label.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# the byte-level helpers shared by the three corpus generators live in ../mailgen.py
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
sys.dont_write_bytecode = True  # no __pycache__ next to the corpora
from mailgen import (  # noqa: E402
    Attachment, asctime, attachment_part, effective_enc, fold, header_words, html_part, is_ascii,
    max_addrs_24h, mboxrd, mime_message, peaks, rfc5322, seeded, split_mboxrd, spread, text_part,
    verify,
)

HERE = pathlib.Path(__file__).resolve().parent
SEED = "mailward-triage-corpus-v1"
MID_DOMAIN = "corpus.mailward.test"

FLAGS = ["threat", "abusive", "excessive_demand", "personal_contact",
         "repeated_same_purpose", "high_volume", "mail_bomb"]
CATEGORIES = ["threat", "abusive", "excessive_demand", "personal_contact"]

# deterministic pseudo-random numbers (SHA-256 in counter mode) bound to this corpus's seed
Rng, stable_hash = seeded(SEED)

# ---------------------------------------------------------------------------
# time
# ---------------------------------------------------------------------------

START = datetime(2026, 10, 1)
END = datetime(2026, 11, 30, 23, 59, 59)


def day(n: int) -> datetime:
    """Day n of the corpus period (0 = Thu 1 Oct 2026), midnight JST."""
    return START + timedelta(days=n)


def office_time(rng: Rng, d: datetime, early: int = 7, late: int = 22) -> datetime:
    """A resident's sending time on day d: mostly 8-21h, rarely late."""
    if rng.chance(0.75):
        h = rng.randint(max(early, 8), min(late, 20))
    else:
        h = rng.randint(early, late)
    return d + timedelta(hours=h, minutes=rng.below(60), seconds=rng.below(60))


def resident_day(rng: Rng, lo: int = 0, hi: int = 58) -> datetime:
    """A day in [lo, hi], weekdays three times as likely as weekends."""
    while True:
        d = day(rng.randint(lo, hi))
        if d.weekday() < 5 or rng.chance(0.33):
            return d


# ---------------------------------------------------------------------------
# the data model
# ---------------------------------------------------------------------------


@dataclass
class Msg:
    when: datetime
    subject: str
    text: str | None = None          # text/plain body (None: no text part)
    html: str | None = None          # text/html body (alone, or with text as alternative)
    attachments: list[Attachment] = field(default_factory=list)
    cats: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    note: str = ""
    enc: str | None = None           # jis sjis euc u8b u8q u88 ascii (None: sender default)
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
    group: str | None = None        # one actor behind several addresses (kept in one split)
    volume_exempt: bool = False     # legitimate bulk sender: volume flags deliberately not given
    to: str = "info@city-ward.example"
    ip: str | None = None
    slug: str = ""
    index: int = 0
    split: str = ""

    def all_flags(self) -> list[str]:
        fs = set(self.flags)
        for m in self.msgs:
            fs.update(m.cats)
        return [f for f in FLAGS if f in fs]


SENDERS: list[Sender] = []


def add_sender(s: Sender) -> Sender:
    for m in s.msgs:
        for c in m.cats:
            assert c in CATEGORIES, c
        assert START <= m.when <= END, (s.address, m.when)
        for t in m.targets:
            assert t in STAFF_NAMES, t
        for t in m.mentions:
            assert t in STAFF_NAMES, t
        if m.targets:
            assert m.cats, (s.address, m.subject)
    for f in s.flags:
        assert f in ("repeated_same_purpose", "high_volume", "mail_bomb"), f
    SENDERS.append(s)
    return s


# ---------------------------------------------------------------------------
# the staff directory (the clerks that harassers fixate on)
# ---------------------------------------------------------------------------

STAFF = [
    ("山田 花子", "やまだ はなこ", ["山田", "花子", "Yamada", "Hanako"]),
    ("佐藤 健一", "さとう けんいち", ["佐藤", "健一", "Sato"]),
    ("鈴木 美咲", "すずき みさき", ["鈴木", "美咲", "Suzuki", "Misaki"]),
    ("高橋 翔太", "たかはし しょうた", ["高橋", "翔太", "Takahashi"]),
    ("田中 優子", "たなか ゆうこ", ["田中", "優子", "Tanaka", "Yuko"]),
    ("伊藤 大輔", "いとう だいすけ", ["伊藤", "大輔", "Ito"]),
    ("渡辺 彩", "わたなべ あや", ["渡辺", "彩", "Watanabe", "Aya"]),
    ("中村 涼", "なかむら りょう", ["中村", "涼", "Nakamura", "Ryo"]),
]
STAFF_NAMES = {n for n, _, _ in STAFF}
YAMADA, SATO, SUZUKI, TAKAHASHI, TANAKA, ITO, WATANABE, NAKAMURA = (n for n, _, _ in STAFF)

WARD = "みどり区"
TO_ADDRS = {
    "info": "info@city-ward.example",
    "soudan": "soudan@ku.example",
    "kumin": "kuminka@city-ward.example",
    "koseki": "koseki@city-ward.example",
    "hoiku": "hoiku@city-ward.example",
    "seiso": "seiso@city-ward.example",
    "zeimu": "zeimu@city-ward.example",
    "hoken": "hoken@city-ward.example",
    "doboku": "doboku@city-ward.example",
    "koho": "koho@city-ward.example",
    "kucho": "kucho@city-ward.example",
    "bunka": "bunka@city-ward.example",
    "kankyo": "kankyo@city-ward.example",
    "fukushi": "fukushi@ku.example",
    "kosodate": "kosodate@ku.example",
}

# ---------------------------------------------------------------------------
# resident identities (invented; a few share a clerk's surname on purpose)
# ---------------------------------------------------------------------------

FAMILY = [
    ("佐々木", "sasaki"), ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"),
    ("山口", "yamaguchi"), ("松本", "matsumoto"), ("井上", "inoue"), ("木村", "kimura"),
    ("林", "hayashi"), ("清水", "shimizu"), ("山崎", "yamazaki"), ("森", "mori"),
    ("池田", "ikeda"), ("橋本", "hashimoto"), ("阿部", "abe"), ("石川", "ishikawa"),
    ("山下", "yamashita"), ("中島", "nakajima"), ("石井", "ishii"), ("小川", "ogawa"),
    ("前田", "maeda"), ("岡田", "okada"), ("長谷川", "hasegawa"), ("藤田", "fujita"),
    ("後藤", "goto"), ("近藤", "kondo"), ("村上", "murakami"), ("遠藤", "endo"),
    ("青木", "aoki"), ("坂本", "sakamoto"), ("斉藤", "saito"), ("福田", "fukuda"),
    ("太田", "ota"), ("西村", "nishimura"), ("藤井", "fujii"), ("金子", "kaneko"),
    ("岡本", "okamoto"), ("藤原", "fujiwara"), ("中野", "nakano"), ("三浦", "miura"),
    ("原田", "harada"), ("松田", "matsuda"), ("竹内", "takeuchi"), ("上田", "ueda"),
    ("小野", "ono"), ("田村", "tamura"), ("和田", "wada"), ("石田", "ishida"),
    ("森田", "morita"), ("田中", "tanaka"), ("佐藤", "sato"), ("山田", "yamada"),
    ("鈴木", "suzuki"), ("野村", "nomura"), ("菊地", "kikuchi"), ("平野", "hirano"),
]
GIVEN = [
    ("太郎", "taro"), ("健太", "kenta"), ("直樹", "naoki"), ("誠", "makoto"), ("浩", "hiroshi"),
    ("隆", "takashi"), ("翔", "sho"), ("拓也", "takuya"), ("和也", "kazuya"), ("達也", "tatsuya"),
    ("修", "osamu"), ("学", "manabu"), ("聡", "satoshi"), ("陽子", "yoko"), ("恵子", "keiko"),
    ("美穂", "miho"), ("由美", "yumi"), ("真理", "mari"), ("香織", "kaori"), ("智子", "tomoko"),
    ("さくら", "sakura"), ("愛", "ai"), ("舞", "mai"), ("裕子", "yuko"), ("明美", "akemi"),
    ("千尋", "chihiro"), ("奈々", "nana"), ("結衣", "yui"), ("正人", "masato"), ("大輔", "daisuke"),
    ("恭平", "kyohei"), ("文子", "fumiko"), ("勝", "masaru"), ("典子", "noriko"), ("悠斗", "yuto"),
]
TOWNS = ["緑町", "若葉台", "本町", "桜ヶ丘", "東みどり", "川端町", "中央", "北山", "西原", "南台"]
FREE_DOMAINS = ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp",
                "icloud.com", "outlook.jp"]
ISP_DOMAINS = ["example.ne.jp", "mail.example.jp", "example.co.jp", "asahi-net.example",
               "kaisha.example.co.jp", "example.or.jp", "home.example.ne.jp"]
USED_ADDRESSES: set[str] = set()


def resident_identity(key: str) -> tuple[str, str, str, str, str]:
    """(address, display name, family kanji, full name kanji, town), unique per key."""
    rng = Rng("identity", key)
    for _ in range(100):
        fk, fr = rng.choice(FAMILY)
        gk, gr = rng.choice(GIVEN)
        r = rng.random()
        dom = rng.choice(FREE_DOMAINS) if r < 0.62 else rng.choice(ISP_DOMAINS)
        pat = rng.below(6)
        local = [f"{gr}.{fr}", f"{fr}{gr[0]}", f"{gr}{rng.randint(60, 99)}", f"{fr}-{gr}",
                 f"{gr[0]}.{fr}{rng.randint(1, 9)}", f"{fr}.{gr}.{rng.randint(1970, 2005)}"][pat]
        addr = f"{local}@{dom}"
        if addr not in USED_ADDRESSES:
            USED_ADDRESSES.add(addr)
            return addr, f"{fk} {gk}", fk, f"{fk} {gk}", rng.choice(TOWNS)
    raise AssertionError(key)


def claim(addr: str) -> str:
    assert addr not in USED_ADDRESSES, addr
    USED_ADDRESSES.add(addr)
    return addr


# ---------------------------------------------------------------------------
# ordinary residents: one mail, or a mail plus one follow-up. Categories are
# always empty; many contain words that also occur in harassment (benign use).
# {sig} = the resident's signature, {fam} = family name, {town} = town.
# ---------------------------------------------------------------------------

J = "ja"
E = "en"

# key, to, subject, body, options
RESIDENT_MAILS: list[tuple] = [
    ("juminhyo-yuso", "kumin", "住民票の写しの郵送請求について",
     "みどり区役所 区民課 御中\n\nお世話になっております。\n"
     "現在、仕事の都合で平日に窓口へ伺うことができません。\n"
     "住民票の写しを郵送で請求したいのですが、必要な書類と手数料の支払い方法を教えていただけますでしょうか。\n"
     "定額小為替を同封すればよいと聞きましたが、金額がわかりません。\n\n"
     "お手数ですがよろしくお願いいたします。\n{sig}\n",
     dict(follow=[(2, "Re: 住民票の写しの郵送請求について",
                   "ご回答ありがとうございました。\n教えていただいた通り、本日郵送いたしました。\n{sig}\n", "thanks")])),
    ("hoikuen-shimekiri", "hoiku", "保育園の入園申込について",
     "保育課 ご担当者様\n\n来年4月からの保育園入園を考えております。\n"
     "申込書の提出締め切りは11月20日の17時で合っていますでしょうか。\n"
     "また、現在育児休業中なのですが、育休中でも申し込みは可能でしょうか。\n\n"
     "ご確認のほどよろしくお願いいたします。\n{sig}\n",
     dict(follow=[(5, "Re: 保育園の入園申込について",
                   "保育課 ご担当者様\n\n先日お問い合わせした件、いかがでしょうか。\n"
                   "締め切りが近いので、お手すきの際にご返信いただけると助かります。\n{sig}\n", "reminder")])),
    ("gomi-youbi", "seiso", "ゴミの収集日について",
     "清掃事務所 御中\n\n先月{town}に引っ越してきた者です。\n"
     "燃やすごみと資源ごみの収集日がわからず困っています。\n"
     "分別の冊子はどこでもらえますか。区のホームページでも探しましたが見つけられませんでした。\n\n{sig}\n", {}),
    ("doro-ana", "doboku", "道路の穴について",
     "土木課 ご担当者様\n\n{town}の交差点付近、コンビニの前のアスファルトに穴が空いています。\n"
     "直径30センチくらいで、夜は見えにくく、自転車で通ると危ないです。\n"
     "写真を添付しますので、補修をご検討ください。\n\n{sig}\n",
     dict(att="photo-jpg")),
    ("kokuho-kirikae", "hoken", "国民健康保険への切り替え",
     "保険年金課 御中\n\n先月末で会社を辞めたので、国民健康保険に切り替えたいと考えています。\n"
     "手続きに必要なものを教えてください。\n退職証明書はまだ手元に届いていません。\n\nよろしくお願いします。\n{sig}\n", {}),
    ("juminzei-funshitsu", "zeimu", "住民税の納付書をなくしてしまいました",
     "税務課 ご担当者様\n\n住民税の納付書（第3期分）を紛失してしまいました。\n"
     "再発行をお願いできますでしょうか。\nまた、スマホ決済アプリで支払うことはできますか。\n\n"
     "お手数をおかけしますが、よろしくお願いいたします。\n{sig}\n",
     dict(follow=[(6, "Re: 住民税の納付書をなくしてしまいました",
                   "> 住民税の納付書（第3期分）を紛失してしまいました。\n> 再発行をお願いできますでしょうか。\n\n"
                   "税務課 ご担当者様\n\n先日の件、いかがでしょうか。\n納期限が近いので少し心配しています。\n"
                   "お忙しいところ恐縮ですが、ご確認をお願いいたします。\n{sig}\n", "reminder, quotes own first mail")])),
    ("kumin-matsuri", "bunka", "区民まつりのボランティア募集について",
     "文化振興課 御中\n\n区報で区民まつりのボランティア募集を拝見しました。\n"
     "高校生の娘と二人で参加したいのですが、未成年でも大丈夫でしょうか。\n"
     "当日は何時に集合すればよいかも教えてください。\n\n{sig}\n", {}),
    ("shusseitodoke-orei", "koseki", "出生届の際のお礼",
     "戸籍住民課の皆さま\n\n先日、戸籍住民課の窓口で出生届を提出しました。\n"
     "初めての子どもで、死ぬほど嬉しくて舞い上がっていたのですが、書類の不備も丁寧に教えていただき、"
     "無事に手続きが終わりました。\n担当の山田さんにお礼を伝えてください。本当にありがとうございました。\n\n{sig}\n",
     dict(mentions=[YAMADA], note="praise; 死ぬほど嬉しい; thanks a named clerk (not personal contact)")),
    ("shinya-souon", "soudan", "深夜の騒音について",
     "区民相談室 御中\n\n隣のアパートの住人が、毎晩深夜1時ごろまで大声で騒いでいます。\n"
     "管理会社にも伝えましたが改善されません。\n警察に相談したいとも思っていますが、"
     "その前に区で相談できる窓口があれば教えていただけますか。\n\n{sig}\n",
     dict(note="benign: 警察に相談したい (the resident consulting police)")),
    ("kyufukin-sattou", "fukushi", "給付金の申請方法について",
     "福祉課 ご担当者様\n\n給付金の件で窓口に問い合わせが殺到していると聞きました。\n"
     "電話がなかなかつながらないので、メールで質問させてください。\n"
     "申請書は郵送でも受け付けていますか。\n\nお忙しいところすみません。\n{sig}\n",
     dict(note="benign: 問い合わせが殺到")),
    ("dorobo-mynumber", "kumin", "マイナンバーカードの再発行について",
     "区民課 御中\n\n先週、自宅に泥棒に入られ、財布ごとマイナンバーカードと保険証を盗まれました。\n"
     "警察には被害届を出し、受理番号をもらっています。\n"
     "マイナンバーカードの再発行の手続きと、必要な書類を教えてください。\n\n{sig}\n",
     dict(note="benign: 泥棒に入られた, 盗まれました")),
    ("akisu-bouhan", "soudan", "空き巣被害と防犯カメラの補助について",
     "ご担当者様\n\n最近、{town}で空き巣の被害が続いていると町会で話題になっています。\n"
     "町会として防犯カメラを設置したいのですが、区の補助制度はありますか。\n"
     "申請の時期や条件を教えていただけると助かります。\n\n{sig}\n", {}),
    ("souzoku-bengoshi", "koseki", "相続手続きのための戸籍謄本について",
     "戸籍住民課 ご担当者様\n\n先月父が亡くなり、相続の手続きで弁護士に相談する予定です。\n"
     "父の出生から死亡までの戸籍謄本を一式取りたいのですが、本籍地が何度か変わっています。\n"
     "みどり区でまとめて請求できる範囲と、郵送での請求方法を教えていただけますでしょうか。\n\n"
     "よろしくお願いいたします。\n{sig}\n",
     dict(note="benign: 弁護士に相談する予定です (polite), 死亡")),
    ("kodomokai-hanabi", "doboku", "公園での花火について",
     "公園管理ご担当者様\n\n{town}子ども会の世話役をしています。\n"
     "11月の子ども会の行事で、{town}第二公園で手持ち花火をしたいと考えています。\n"
     "火をつけるときは大人が付き添い、水を入れたバケツを用意します。\n"
     "公園で花火をする場合、事前の届け出や許可は必要でしょうか。\n\n{sig}\n",
     dict(note="benign: 火をつける in a 花火 context")),
    ("kasenjiki-bbq", "doboku", "河川敷でのバーベキューについて",
     "ご担当者様\n\n今度の日曜日、家族で河川敷でバーベキューをしようと思っています。\n"
     "炭に火をつけるのは指定された場所であれば大丈夫でしょうか。\n"
     "また、ごみは持ち帰りで良いですか。\n\n{sig}\n",
     dict(note="benign: 火をつける in a barbecue context")),
    ("bousai-kunren", "info", "防災訓練の参加申込",
     "防災課 御中\n\n区報に載っていた防災訓練に参加したいです。\n"
     "カセットガスコンロを使った炊き出しの講習があると聞きました。\n"
     "家族4人で参加できますか。申込の方法を教えてください。\n\n{sig}\n", {}),
    ("suzumebachi", "kankyo", "スズメバチの巣について",
     "環境課 ご担当者様\n\nベランダの軒下にスズメバチの巣ができてしまいました。\n"
     "市販の殺虫剤で自分で駆除しても大丈夫でしょうか。\n"
     "区で駆除の補助や業者の紹介をしていると聞いたのですが、本当でしょうか。\n\n{sig}\n",
     dict(note="benign: 殺虫剤, 駆除")),
    ("shimekiri-15ji", "kosodate", "本日締め切りの申請について",
     "子育て支援課 ご担当者様\n\n児童手当の現況届のことでお伺いします。\n"
     "提出の締め切りは本日15時まででしょうか。\n今から窓口に向かって間に合うか心配しています。\n"
     "郵送の場合は消印有効でしょうか。\n\n{sig}\n",
     dict(note="benign: a question whether the deadline is today 15:00")),
    ("kosodate-orei", "kosodate", "先日の子育て相談のお礼",
     "子育て支援課の皆さま\n\n先日は子どもの発達のことで相談に乗っていただき、ありがとうございました。\n"
     "不安でいっぱいでしたが、具体的な支援を教えていただいて気持ちが軽くなりました。\n"
     "上司の方にもよろしくお伝えください。\n\n{sig}\n",
     dict(note="praise; 上司の方にもよろしく")),
    ("zeikin-tsukaimichi", "kucho", "区の予算の使い道について意見です",
     "みどり区長 様\n\n区の予算の使い道について、一区民として意見を申し上げます。\n"
     "新庁舎のロビーの装飾に多額の税金を使うより、学童保育の定員を増やすことに使っていただきたいと考えています。\n"
     "共働き世帯が増えており、待機児童は{town}でも深刻です。\n"
     "ご検討いただければ幸いです。\n\n{sig}\n",
     dict(note="calm opinion on the use of taxes")),
    ("yomichi-gaitou", "doboku", "夜道が暗いので街灯の設置をお願いします",
     "土木課 ご担当者様\n\n{town}駅から自宅までの夜道が暗く、特に公園沿いの区間は街灯がほとんどありません。\n"
     "仕事帰りの娘が怖いと言っています。\n街灯を増やしていただくことはできないでしょうか。\n\n{sig}\n",
     dict(note="benign: 夜道 (asking for street lights)")),
    ("jidouteate", "kosodate", "児童手当の申請方法",
     "子育て支援課 御中\n\n先月、家族が増えました。\n"
     "児童手当の申請をしたいのですが、オンラインでもできますか。\n"
     "必要なものを教えてください。\n\n{sig}\n", {}),
    ("hogoneko", "kankyo", "保護猫の譲渡会について",
     "動物愛護ご担当者様\n\n区で保護猫の譲渡会を開催していると聞きました。\n"
     "殺処分ゼロに向けた取り組みに少しでも協力したいと思い、譲渡を希望しています。\n"
     "次回の日程と、参加の条件を教えてください。\n\n{sig}\n",
     dict(note="benign: 殺処分")),
    ("koen-kamikuzu", "doboku", "公園のごみについて",
     "公園管理ご担当者様\n\n{town}中央公園のベンチの周りに紙くずやたばこの吸い殻が多く落ちています。\n"
     "子どもが拾って口に入れないか心配です。\n清掃の回数を増やしていただけないでしょうか。\n\n{sig}\n",
     dict(note="benign: 紙くず")),
    ("photo-contest", "koho", "写真コンテストへの応募について",
     "広報課 御中\n\n区の写真コンテストに、子どもが公園で遊んでいる写真を応募したいと思っています。\n"
     "親バカですが、とても良い表情が撮れました。\n"
     "家族の写真でも応募できますか。また、データの大きさの制限はありますか。\n\n{sig}\n",
     dict(note="benign: 親バカ")),
    ("rinjin-korosu", "soudan", "隣人とのトラブルについて相談したい",
     "区民相談室 御中\n\n隣の住人とゴミの置き方で口論になり、「殺すぞ」と怒鳴られました。\n"
     "怖くなって警察に相談し、パトロールを強化してもらっています。\n"
     "区の無料法律相談を利用したいのですが、予約の方法を教えてください。\n\n{sig}\n",
     dict(note="benign: reports a threat the resident received (reported speech)")),
    ("sns-kakikomi", "info", "区役所に関するSNSの書き込みについて",
     "みどり区役所 御中\n\nSNSで、区役所に「火をつける」と書き込んでいるアカウントを見つけました。\n"
     "いたずらかもしれませんが、念のためお知らせします。\n書き込みのスクリーンショットを添付します。\n"
     "警察にも通報しておきました。\n\n{sig}\n",
     dict(att="screenshot-png", note="benign: a resident reporting someone else's threat")),
    ("madoguchi-machijikan", "kumin", "窓口の待ち時間について",
     "区民課 御中\n\n月曜日の午前中に転入届を出しに行ったところ、1時間半ほど待ちました。\n"
     "番号札の表示が途中で止まっていて、自分の番がいつ来るのかわかりませんでした。\n"
     "表示の改善や、混雑状況をホームページで見られるようにしていただけると助かります。\n\n{sig}\n",
     dict(note="polite complaint")),
    ("takahashi-hayakuchi", "zeimu", "窓口での説明について",
     "税務課 御中\n\n先日、固定資産税のことで窓口に伺い、高橋さんという方に対応していただきました。\n"
     "丁寧ではあったのですが、説明が早口で、私には少し分かりにくかったです。\n"
     "高齢の方も多いと思いますので、もう少しゆっくり説明していただけると助かります。\n\n{sig}\n",
     dict(mentions=[TAKAHASHI], note="polite complaint naming a clerk (not harassment, not personal contact)")),
    ("shushusha-oto", "seiso", "収集車の音について",
     "清掃事務所 御中\n\n{town}3丁目の集積所では、朝6時台に収集車が来て、かなり大きな音がします。\n"
     "夜勤明けで寝ている家族がいるため、もう少し遅い時間にしていただくことは難しいでしょうか。\n"
     "難しい事情があれば、それも理解します。\n\n{sig}\n", {}),
    ("sodai-hondana", "seiso", "粗大ごみの申込について",
     "清掃事務所 ご担当者様\n\n子どもが乗って壊れてしまった本棚を粗大ごみに出したいです。\n"
     "高さ180センチくらいですが、料金はいくらになりますか。\n"
     "インターネットで申し込めますか。\n\n{sig}\n", {}),
    ("buranko", "doboku", "公園の遊具が壊れています",
     "公園管理ご担当者様\n\n{town}第一公園のブランコの鎖が壊れていて、座面が傾いています。\n"
     "小さい子がよく使う遊具なので、けがをしないうちに修理をお願いします。\n\n{sig}\n", {}),
    ("koteishisanzei-bunsho", "zeimu", "固定資産税についての説明を文書でいただけますか",
     "税務課 ご担当者様\n\n先日は固定資産税の評価額について、お電話でご説明いただきありがとうございました。\n"
     "勤務先に提出する必要があるため、可能であれば同じ内容を文書でいただけますでしょうか。\n"
     "難しいようでしたら、その旨お知らせいただければ別の方法を考えます。\n\n{sig}\n",
     dict(note="judgement: a polite, reasoned request for a written answer is not an excessive demand",
          follow=[(9, "Re: 固定資産税についての説明を文書でいただけますか",
                   "税務課 ご担当者様\n\n先日お願いした文書の件ですが、その後いかがでしょうか。\n"
                   "お忙しいところ恐れ入ります。\n{sig}\n", "reminder")])),
    ("kumin-center-yoyaku", "bunka", "区民センターの会議室予約",
     "文化振興課 御中\n\n来月、区民センターの会議室を借りたいと考えています。\n"
     "今すぐではなくても構いませんので、空き状況の確認方法を教えてください。\n"
     "利用料金の支払いは当日現金でもよいですか。\n\n{sig}\n",
     dict(note="benign: 今すぐではなくても構いません")),
    ("line-koushiki", "koho", "区の公式LINEについて",
     "広報課 ご担当者様\n\n区の公式LINEアカウントはありますか。\n"
     "ごみの日の通知や防災情報を受け取れると便利なので、あれば登録方法を教えてください。\n\n{sig}\n",
     dict(note="benign: LINE (the ward's official account)")),
    ("hokenjo-denwa", "info", "保健所の電話番号を教えてください",
     "ご担当者様\n\n食中毒のことで保健所に相談したいのですが、担当課の電話番号を教えてください。\n"
     "ホームページの番号にかけたところ、別の課につながってしまいました。\n\n{sig}\n",
     dict(note="benign: asks a department phone number")),
    ("tenkyo-todoke", "kumin", "転居届と住所変更について",
     "区民課 御中\n\n区内で引っ越しをします（{town}から中央へ）。\n"
     "転居届を出すと、国民健康保険や児童手当の住所変更も一緒に済みますか。\n"
     "別々に手続きが必要なものがあれば教えてください。\n\n{sig}\n", {}),
    ("bakudan-teikiatsu", "info", "台風に備えた土のうの配布について",
     "防災課 ご担当者様\n\n週末に台風と爆弾低気圧が続けて来ると聞きました。\n"
     "自宅の半地下の駐車場が心配なので、土のうを受け取りたいです。\n"
     "配布場所と時間を教えてください。\n\n{sig}\n",
     dict(note="benign: 爆弾低気圧")),
    ("inu-nakigoe", "kankyo", "近所の犬の鳴き声について",
     "環境課 御中\n\n近所のお宅の犬が、朝晩長い時間鳴き続けています。\n"
     "直接言うのは角が立つので、区から飼い主の方にやんわりお知らせしていただくことはできますか。\n\n{sig}\n", {}),
    ("kaigo-nintei", "fukushi", "介護認定の申請について",
     "福祉課 ご担当者様\n\n一人暮らしの母（82歳）の介護認定を申請したいと思っています。\n"
     "私は遠方に住んでいるため、郵送で手続きできるか教えてください。\n"
     "訪問調査の日程は、私が立ち会える土曜日にしていただくことは可能でしょうか。\n\n{sig}\n", {}),
    ("mynumber-uketori", "kumin", "マイナンバーカードの受け取り予約",
     "区民課 御中\n\nマイナンバーカードの交付通知書が届きました。\n"
     "受け取りの予約をしたいのですが、土曜日の窓口は開いていますか。\n\n{sig}\n", {}),
    ("toshokan-jikan", "bunka", "図書館の開館時間について",
     "図書館ご担当者様\n\n中央図書館の開館時間を、平日だけでも21時まで延長していただけないでしょうか。\n"
     "仕事帰りに寄ると、閉館時間に間に合わないことが多いです。\n"
     "予算の都合もあると思いますが、ご検討ください。\n\n{sig}\n", {}),
    ("jitensha-tekkyo", "doboku", "撤去された自転車の返還について",
     "土木課 御中\n\n駅前に停めていた自転車が撤去されていました。\n"
     "私の不注意です。保管場所と、引き取りに必要なもの、保管料を教えてください。\n\n{sig}\n",
     dict(follow=[(4, "Re: 撤去された自転車の返還について",
                   "土木課 御中\n\n先日お問い合わせした自転車の件、ご確認いただけましたでしょうか。\n"
                   "保管期限が気になっています。よろしくお願いします。\n{sig}\n", "reminder")])),
    ("kijitsumae", "info", "期日前投票の場所",
     "選挙管理委員会 御中\n\n期日前投票の投票所と時間を教えてください。\n"
     "当日は仕事で投票に行けないため、事前に済ませたいと思っています。\n\n{sig}\n", {}),
    ("kenshin-yoyaku", "hoken", "区の健康診断の予約について",
     "保険年金課 御中\n\n国保の特定健診の受診券が届きました。\n"
     "近所のクリニックで受けられるのか、区の施設に行く必要があるのか教えてください。\n\n{sig}\n", {}),
    ("iryouhi-josei", "kosodate", "子どもの医療費助成について",
     "子育て支援課 ご担当者様\n\n子どもが入院することになりました。\n"
     "医療費助成の対象になるか、入院中の食事代はどうなるかを教えてください。\n\n{sig}\n", {}),
    ("fuhou-toki", "seiso", "空き地への不法投棄",
     "清掃事務所 御中\n\n{town}の空き地に、タイヤや家電が不法投棄されています。\n"
     "写真を添付します。持ち主がわからないので、区で対応していただけますか。\n\n{sig}\n",
     dict(att="photo-jpg")),
    ("kouji-souon-ikkai", "kankyo", "近隣の工事の騒音について",
     "環境課 ご担当者様\n\n{town}のマンション建設工事で、朝7時半から大きな音がしています。\n"
     "工事の時間帯に決まりはあるのでしょうか。\n業者に直接言うべきか迷っているので、アドバイスをいただけると助かります。\n\n{sig}\n",
     dict(note="polite, once (contrast with the same-purpose repeater about construction noise)")),
    ("tsuchi-todokanai", "hoken", "保険証が届かない件",
     "保険年金課 御中\n\n9月に国保の加入手続きをしましたが、まだ保険証が届きません。\n"
     "電話でも2回問い合わせていて、これで3回目の問い合わせです。\n"
     "正直かなり困っています。どうなっているのか確認して、状況を教えてください。\n\n{sig}\n",
     dict(note="frustrated but legitimate; no insult, no unreasonable demand")),
    ("kacho-setsumei", "kumin", "手続きの誤りについて",
     "区民課 御中\n\n住民票の続柄の記載誤りが、訂正をお願いした後にもう一度起きました。\n"
     "2度続いたので、どうしてこうなったのか、課長さんからも経緯をご説明いただけないでしょうか。\n"
     "責める気持ちはありません。再発しないかが心配です。\n\n{sig}\n",
     dict(note="judgement: a polite request for a supervisor's explanation after two real errors is not an excessive demand")),
    ("suzuki-shinsetsu", "kumin", "窓口の職員さんへのお礼",
     "区民課の皆さま\n\n先日、窓口の鈴木さんがとても親切に対応してくださいました。\n"
     "足の悪い母のために椅子を持ってきてくださり、本当に助かりました。\n"
     "ありがとうございました。\n\n{sig}\n",
     dict(mentions=[SUZUKI], note="praise naming a clerk")),
    ("shokuin-saiyo", "info", "職員採用試験について",
     "人事課 御中\n\n来年度の区の職員採用試験を受けたいと考えています。\n"
     "社会人経験者枠の募集要項はいつごろ公開されますか。\n\n{sig}\n", {}),
    ("yasashii-nihongo", "seiso", "ごみの だしかた",
     "こんにちは。\nわたしは ベトナムから きました。\n"
     "ごみの だしかたが わかりません。\nベトナムごの せつめいは ありますか。\n"
     "よろしく おねがいします。\n{sig}\n", dict(note="やさしい日本語")),
    ("inu-shibou", "kankyo", "飼い犬が死んでしまいました",
     "環境課 ご担当者様\n\n14年一緒に暮らした飼い犬が、昨日死んでしまいました。\n"
     "犬の登録の抹消の手続きを教えてください。\n鑑札はどうすればよいでしょうか。\n\n{sig}\n",
     dict(note="benign: 死んで")),
    ("tokusoku-nijubarai", "zeimu", "督促状が届いた件",
     "税務課 御中\n\n軽自動車税の督促状が届きましたが、納期限内にコンビニで支払っています。\n"
     "領収書も手元にあります。二重払いにならないか心配なので、確認をお願いできますでしょうか。\n\n{sig}\n",
     dict(follow=[(7, "Re: 督促状が届いた件",
                   "税務課 御中\n\n一週間ほど前にお送りした督促状の件、いかがでしょうか。\n"
                   "お手数ですが、ご確認いただけますと幸いです。\n{sig}\n", "reminder")])),
    ("tsugakuro-mimamori", "info", "通学路の見守りについて",
     "ご担当者様\n\n{town}小学校の通学路で、朝の時間に車がスピードを出して通り抜けています。\n"
     "見守りボランティアを増やすか、標識を設置していただけないでしょうか。\n\n{sig}\n", {}),
    ("jihanki-bukkowareta", "bunka", "区民センターの自販機",
     "区民センターのご担当者様\n\n1階の自販機がぶっ壊れてます（笑）。\n"
     "お金を入れても商品が出てこず、150円が戻ってきませんでした。\n管理会社に伝えていただけますか。\n\n{sig}\n",
     dict(note="benign: casual ぶっ壊れてます about a vending machine")),
    ("nenkin-menjo", "hoken", "国民年金の免除申請",
     "保険年金課 御中\n\n仕事を辞めて収入がなくなったため、国民年金の保険料の免除を申請したいです。\n"
     "失業の証明として何を持っていけばよいですか。\n\n{sig}\n",
     dict(note="benign: 辞めて")),
    ("churinjo-bakadakai", "doboku", "駐輪場の料金について",
     "土木課 御中\n\n駅前の区営駐輪場の一時利用料金が、近くの民間の駐輪場と比べてバカ高い気がします。\n"
     "料金の根拠を教えていただくか、見直しを検討していただけないでしょうか。\n\n{sig}\n",
     dict(note="benign: casual バカ高い about a price, not an insult")),
    ("jitensha-dorobo", "soudan", "駐輪場の防犯について",
     "ご担当者様\n\n駅前の駐輪場で、鍵をかけていた自転車を盗まれました。\n"
     "周りの人に聞くと、自転車泥棒が多いそうです。\n防犯カメラを設置していただけないでしょうか。\n\n{sig}\n",
     dict(note="benign: 自転車泥棒")),
    ("owabi-tanaka", "zeimu", "先日の窓口でのお詫び",
     "税務課の皆さま\n\n先日、窓口で大きな声を出してしまい、申し訳ありませんでした。\n"
     "後で家族に説明されて、自分の勘違いだったとわかりました。\n"
     "対応してくださった田中さんにも、お詫びをお伝えください。\n\n{sig}\n",
     dict(mentions=[TANAKA], note="the resident apologises; names a clerk")),
    ("yamada-orikaeshi", "koseki", "折り返しのお電話について",
     "戸籍住民課 御中\n\n昨日、戸籍の附票の件でお電話した者です。\n"
     "山田さんから確認後に折り返しお電話をいただけると伺いました。\n"
     "平日は18時以降でしたら電話に出られます。ご連絡をお待ちしています。\n\n{sig}\n",
     dict(mentions=[YAMADA], note="business call-back from a named clerk, agreed on the phone (not personal contact)")),
    ("ito-shukkinbi", "fukushi", "担当の伊藤さんに相談したい",
     "福祉課 御中\n\n先月、生活費のことで伊藤さんに相談に乗っていただきました。\n"
     "経緯をよく知っている伊藤さんにもう一度窓口で相談したいのですが、"
     "伊藤さんがいらっしゃる日を教えていただけますか。都合が合わなければ他の方でも構いません。\n\n{sig}\n",
     dict(mentions=[ITO], note="judgement: asks when the clerk handling the case is in, for the case; not personal contact")),
    ("emoji-orei", "kosodate", "児童館のイベント、ありがとうございました",
     "児童館のみなさん\n\n昨日のハロウィンイベント、ありがとうございました🎃\n"
     "子どもがとても喜んでいました😊🎉\nまた参加したいです！\n\n{sig}\n",
     dict(enc="u8q", note="emoji; praise")),
    ("konin-todoke", "koseki", "婚姻届の提出について",
     "戸籍住民課 御中\n\n来月、婚姻届を提出する予定です。\n"
     "休日でも受け付けていただけると聞きましたが、証人欄の記入が済んでいれば郵送でも大丈夫ですか。\n\n{sig}\n", {}),
    ("inkan-toroku", "kumin", "印鑑登録について",
     "区民課 御中\n\n印鑑登録をしたいのですが、本人が入院中で窓口に行けません。\n"
     "代理人が手続きする場合の方法を教えてください。\n\n{sig}\n", {}),
    ("akiya-houka", "kankyo", "隣の空き家について",
     "環境課 御中\n\n隣の空き家の庭木が伸び放題で、枯れ草が積もっています。\n"
     "冬は乾燥するので放火されないか心配です。最近、不審な人が出入りしているのも見かけました。\n"
     "所有者に連絡していただくことはできますか。\n\n{sig}\n",
     dict(note="benign: 放火が心配")),
    ("sagi-denwa", "soudan", "区役所を名乗る電話について",
     "区民相談室 御中\n\n昨日、区役所の保険年金課を名乗る人から「医療費の還付金がある」という電話がありました。\n"
     "ATMに行くように言われたので、おかしいと思って切りました。\n"
     "詐欺だと思いますので、区報などで注意を呼びかけていただけないでしょうか。\n\n{sig}\n", {}),
    ("zeikindorobo-kanashii", "koho", "職員の皆さんへ",
     "みどり区役所の職員の皆さんへ\n\nネットの掲示板で、区の職員を「税金泥棒」と呼ぶ書き込みを見て悲しくなりました。\n"
     "台風のときに夜通し対応してくださったのを、私は知っています。\n"
     "いつもありがとうございます。お体に気をつけてください。\n\n{sig}\n",
     dict(note="benign: quotes 税金泥棒 to defend the staff")),
    ("jouhou-koukai", "info", "情報公開請求の方法について",
     "ご担当者様\n\n区の審議会の議事録を読みたいと思っています。\n"
     "ホームページに載っていない回の議事録は、情報公開請求をすれば見られますか。\n"
     "請求の方法と費用を教えてください。\n\n{sig}\n",
     dict(note="benign: asks how to request 議事録 through the proper procedure")),
    ("kucho-tegami", "kucho", "区長への提案",
     "みどり区長 様\n\n区長への手紙として、提案をお送りします。\n"
     "区内の商店街で空き店舗が増えています。若い人が出店しやすくなるよう、家賃補助を検討していただけないでしょうか。\n"
     "お忙しいと思いますので、返信は不要です。\n\n{sig}\n", {}),
    ("madoguchi-dogeza-mokugeki", "kumin", "窓口で見かけたことについて",
     "区民課 御中\n\n昨日、住民票を取りに行ったとき、窓口で男性が職員の方に「土下座しろ」と怒鳴っていました。\n"
     "職員の方は落ち着いて対応されていて、立派だと思いました。\n"
     "ああいう人への対策をしっかりして、職員の方を守ってあげてください。\n\n{sig}\n",
     dict(note="benign: a bystander describing someone else's harassment (reported speech)")),
    ("yobou-sesshu", "hoken", "子どもの予防接種について",
     "保健センター御中\n\n1歳の子どもの予防接種の予診票をなくしてしまいました。\n"
     "再発行はどこでできますか。\n\n{sig}\n", {}),
    ("rakugaki", "doboku", "高架下の落書き",
     "土木課 御中\n\n{town}の高架下の壁に、スプレーの落書きが増えています。\n"
     "消していただけると助かります。場所の地図を書いておきます。\n（駅の東口を出て右、線路沿いに100メートル）\n\n{sig}\n", {}),
    ("karasu", "seiso", "カラスのごみ荒らし",
     "清掃事務所 御中\n\nうちの集積所で、カラスがごみ袋を破って生ごみが散らかっています。\n"
     "防鳥ネットを貸していただくことはできますか。\n\n{sig}\n", {}),
    ("kuei-jutaku", "fukushi", "区営住宅の申込",
     "ご担当者様\n\n区営住宅の次の募集はいつですか。\n"
     "高齢の夫婦二人暮らしで、今のアパートの階段がつらくなってきました。\n\n{sig}\n", {}),
    ("seijinshiki", "bunka", "二十歳のつどいについて",
     "文化振興課 御中\n\n娘が来年二十歳のつどいに参加します。\n"
     "今は区外で一人暮らしをしていますが、みどり区の式典に出席できますか。\n\n{sig}\n", {}),
    ("ball-asobi", "doboku", "公園でのボール遊びについて",
     "公園管理ご担当者様\n\n{town}公園でボール遊びが禁止になったと聞きました。\n"
     "子どもたちが遊べる場所が減って残念です。時間を区切って使えるようにするなど、"
     "何か方法はないでしょうか。\n\n{sig}\n", {}),
    ("furusato-nouzei", "zeimu", "ふるさと納税と住民税",
     "税務課 御中\n\nふるさと納税をしたのですが、住民税の決定通知書に寄附金控除が反映されていないように見えます。\n"
     "ワンストップ特例の申請書は期限内に送っています。確認していただけますか。\n\n{sig}\n", {}),
    ("gikai-bouchou", "info", "区議会の傍聴について",
     "区議会事務局 御中\n\n12月の定例会を傍聴したいです。予約は必要ですか。\n"
     "車椅子で伺う予定です。\n\n{sig}\n", {}),
    ("chichi-mimamori", "fukushi", "一人暮らしの父の見守り",
     "福祉課 ご担当者様\n\n{town}で一人暮らしをしている父（88歳）が、最近物忘れがひどくなっています。\n"
     "私は仕事で毎日は様子を見に行けません。区の見守りサービスについて教えてください。\n\n{sig}\n", {}),
    ("kitsuen-koen", "doboku", "公園での喫煙",
     "ご担当者様\n\n公園の入口で、毎朝たばこを吸っている人たちがいます。\n"
     "子どもが通る場所なので、喫煙禁止の看板を出していただけないでしょうか。\n\n{sig}\n", {}),
    ("petbottle", "seiso", "ペットボトルの出し方",
     "清掃事務所 御中\n\nペットボトルのラベルとキャップは、はがして別に出す必要がありますか。\n"
     "マンションの管理人さんとルールが違うようで、困っています。\n\n{sig}\n", {}),
    ("tenshutsu", "kumin", "転出証明書について",
     "区民課 御中\n\n来月、大阪に転勤になります。\n転出届はマイナンバーカードでオンライン申請できると聞きましたが、"
     "転出証明書は郵送で届くのでしょうか。\n\n{sig}\n", {}),
    ("shibou-todoke", "koseki", "死亡届の後の手続きについて",
     "戸籍住民課 御中\n\n先週、祖母が亡くなり、葬儀社の方が死亡届を出してくださいました。\n"
     "その後に必要な手続き（年金、保険、名義変更など）を一覧にした資料はありますか。\n"
     "家族で手分けして進めたいと思っています。\n\n{sig}\n",
     dict(note="benign: 死亡届")),
    ("kumin-pool", "bunka", "区民プールの利用",
     "区民プール ご担当者様\n\n冬の間も屋内プールは利用できますか。\n"
     "子ども用の浮き輪は持ち込んでもよいですか。\n\n{sig}\n", {}),
    ("gomi-yashiki", "kankyo", "近所の家のごみについて",
     "環境課 御中\n\n近所の一軒家の庭にごみが積み上がり、夏から悪臭がしています。\n"
     "住んでいるのは高齢の方で、困っているのかもしれません。\n"
     "責めるのではなく、福祉の面から見に行っていただけないでしょうか。\n\n{sig}\n", {}),
    ("chokai-4ken", "info", "町会掲示板の設置について",
     "みどり区役所 地域振興課 御中\n\n{town}町会で、新しい掲示板を設置したいと考えています。\n"
     "区の補助金の申請書式をいただけますでしょうか。\n\n"
     "-- \n{town}町会 会長 {sig}\n電話 03-0000-0000（町会事務所）\n",
     dict(note="a resident writing several times on different matters, with a signature block",
          follow=[(12, "防犯灯の球切れについて",
                   "みどり区役所 御中\n\n{town}2丁目の防犯灯が2か所、球切れしています。\n"
                   "電柱番号は「緑幹23」と「緑幹24」です。交換をお願いいたします。\n\n"
                   "-- \n{town}町会 会長 {sig}\n電話 03-0000-0000（町会事務所）\n", "different matter"),
                  (21, "秋祭りのご報告とお礼",
                   "みどり区役所 地域振興課 御中\n\n先日の秋祭りでは、テントの貸し出しでお世話になりました。\n"
                   "天気にも恵まれ、300人ほどの方に来ていただきました。ありがとうございました。\n\n"
                   "-- \n{town}町会 会長 {sig}\n電話 03-0000-0000（町会事務所）\n", "different matter"),
                  (16, "年末の防災訓練の日程について",
                   "みどり区役所 防災課 御中\n\n町会で年末に防災訓練を予定しています。\n"
                   "消火器の使い方の指導に来ていただくことはできますか。12月第2日曜日を希望しています。\n\n"
                   "-- \n{town}町会 会長 {sig}\n電話 03-0000-0000（町会事務所）\n", "different matter")])),
]

# English-speaking (and mixed) residents: name, address, to, subject, body, options
ENGLISH_RESIDENTS: list[tuple] = [
    ("Emily Carter", "emily.carter.tokyo@gmail.com", "kumin", "Change of address for my residence card",
     "Hello,\n\nI moved within Midori Ward last week (from Wakabadai to Honmachi).\n"
     "Do I need to bring my residence card and my passport to update the address?\n"
     "Can I do it on a Saturday?\n\nThank you,\nEmily Carter\n",
     dict(follow=[(6, "Re: Change of address for my residence card",
                   "Hello again,\n\nJust checking whether you received my email from last week.\n"
                   "Sorry to bother you, and thank you for your help.\n\nEmily\n", "reminder")])),
    ("Raj Patel", "raj.patel@outlook.jp", "seiso", "Garbage sorting guide in English?",
     "Dear Sir or Madam,\n\nIs there an English version of the garbage sorting guide?\n"
     "We just moved to Midori Ward and the rules are a bit confusing for us.\n\nBest regards,\nRaj Patel\n", {}),
    ("Daniel Kim", "dkim@example.co.jp", "soudan", "My bicycle was stolen",
     "Hello,\n\nMy bicycle was stolen from the station parking area yesterday.\n"
     "I already reported it to the police and got a report number.\n"
     "Do I also need to tell the ward office, since the bike had a ward registration sticker?\n\nThanks,\nDaniel Kim\n",
     dict(note="benign: stolen, police")),
    ("Sarah O'Neill", "sarah.oneill@icloud.com", "hoiku", "Nursery application deadline",
     "Hello,\n\nIs the deadline for the nursery school application 3 pm today, or 5 pm?\n"
     "I'm on my way from work and want to know if I can still make it.\n\nMany thanks,\nSarah O'Neill\n",
     dict(note="benign: asks about a deadline")),
    ("Michael Brown", "m.brown@example.ne.jp", "koseki", "Thank you to Ms. Yamada",
     "Dear Family Registry Section,\n\nI would like to thank Ms. Yamada at the counter.\n"
     "She explained the marriage registration very patiently, in simple Japanese and some English.\n"
     "Please pass on my thanks to her and her manager.\n\nKind regards,\nMichael Brown\n",
     dict(mentions=[YAMADA], note="praise naming a clerk")),
    ("Lucas Martin", "lucas.martin@gmail.com", "doboku", "Fireworks in the park",
     "Hi,\n\nCan we light small hand-held fireworks in Midori Central Park on a weekend evening?\n"
     "We would bring a bucket of water and clean up afterwards.\n\nThanks,\nLucas\n",
     dict(note="benign: light fireworks")),
    ("Anna Schmidt", "anna.schmidt@example.or.jp", "bunka", "New library opening date",
     "Hello,\n\nI'm dying to know when the new library in Honmachi opens!\n"
     "Will it have a section with books in foreign languages?\n\nBest,\nAnna\n",
     dict(note="benign idiom: dying to know")),
    ("Tom Wilson", "tom.wilson@yahoo.co.jp", "kankyo", "Hornet nest on my balcony",
     "Hello,\n\nThere is a hornet nest under my balcony. Is it safe to use an insecticide spray myself,\n"
     "or should I ask the ward for help? I have two small kids.\n\nThank you,\nTom Wilson\n",
     dict(note="benign: insecticide")),
    ("Nguyen Van An", "an.nguyen@gmail.com", "hoken", "National Health Insurance for students",
     "Dear staff,\n\nI am an international student. My school said I must join the National Health Insurance.\n"
     "What documents should I bring? Can I pay the premium at a convenience store?\n\nThank you very much.\nNguyen Van An\n", {}),
    ("Grace Lee", "grace.lee@example.co.jp", "kucho", "An opinion on how our taxes are used",
     "Dear Mayor,\n\nAs a taxpayer in Midori Ward I would like to share a calm opinion.\n"
     "I think more of the budget should go to bicycle lanes rather than new parking.\n"
     "Thank you for reading.\n\nGrace Lee\n",
     dict(note="calm opinion on taxes")),
    ("Kevin Ho", "kevin.ho@softbank.ne.jp", "zeimu", "住民税 payment について",
     "Hello,\n\n住民税の payment について質問です。\n"
     "I received the 納付書 but I will be abroad until December. Can I pay by bank transfer from overseas?\n"
     "日本語は少しだけわかります。\n\nThanks,\nKevin Ho\n",
     dict(enc="u8b", note="mixed Japanese/English")),
    ("Oliver Smith", "oliver.smith@asahi-net.example", "kumin", "Moving out notice",
     "Hello,\n\nI am moving to Osaka at the end of November.\n"
     "From the 1st of December my address will be in Kita Ward, Osaka.\n"
     "From what I read, I should file the moving-out notice first. Is that right?\n\nRegards,\nOliver Smith\n",
     dict(enc="ascii", note="body lines start with 'From ' (mboxrd quoting)")),
    ("Maria Santos", "maria.santos@gmail.com", "koseki", "Certificate of residence for my lawyer",
     "Dear Sir/Madam,\n\nMy lawyer asked me to get a certificate of residence (juminhyo) with my family members listed,\n"
     "for a visa application. Could you tell me how to request it by mail?\n\nThank you,\nMaria Santos\n", {}),
    ("Chen Jing", "chen.jing@yahoo.co.jp", "koseki", "Marriage registration and address change",
     "Hello,\n\nI want to register my marriage and change my address on the same day,\n"
     "to kill two birds with one stone. Is that possible at the same counter?\n\nBest regards,\nChen Jing\n",
     dict(note="benign idiom: kill two birds with one stone")),
    ("Hannah Becker", "hannah.becker@example.ne.jp", "bunka", "Halloween event for foreign families",
     "Hi,\n\nIs the Halloween event at the community center on October 31 open to foreign families?\n"
     "My daughter would love to join. Do we need to register?\n\nThanks!\nHannah\n", {}),
]

# ---------------------------------------------------------------------------
# one-off and few-mail harassers, written out in full.
# Each mail: (day offset, "HH:MM", subject, body, categories, targets, note)
# ---------------------------------------------------------------------------

T, A, D, P = "threat", "abusive", "excessive_demand", "personal_contact"

# key, address, display name, kind, encoding, to, first day, mails
FEW_MAIL_HARASSERS: list[tuple] = [
    # ---- threats ----
    ("fire", "h.kurosawa58@example.ne.jp", "黒沢 博", "threat: arson against the ward office", "jis", "fukushi", 12, [
        (0, "23:41", "区役所の連中へ",
         "お前らがうちの生活保護を打ち切ったせいで、こっちは生きていけない。\n税金泥棒どもが。\n"
         "区役所に火をつけてやる。ガソリンはもう買ってある。\n本気だからな。\n", [T, A], [], "arson threat + 税金泥棒"),
        (1, "00:15", "本気だ",
         "さっきのメール、冗談だと思うなよ。\n今週中に庁舎ごと燃やしてやる。\n", [T], [], "arson threat (燃やしてやる)"),
    ]),
    ("kill-sato", "m_ogura@docomo.ne.jp", None, "threat: death threat against a named clerk", "sjis", "kumin", 20, [
        (0, "17:52", "窓口の佐藤へ",
         "今日窓口で対応した佐藤\nお前の態度は絶対に許さない\n次に会ったら殺す\n顔は覚えたからな\n",
         [T], [SATO], "death threat naming the clerk by surname"),
        (1, "08:03", "佐藤に伝えとけ",
         "佐藤健一っていうんだろ\n名札見たぞ\nぶっ殺してやるから待ってろ\n", [T], [SATO], "ぶっ殺してやる; full name"),
    ]),
    ("family", "nobu.ishizaka@gmail.com", "石坂 信夫", "threat against clerks' families + deadline demand", "u8b", "doboku", 26, [
        (0, "21:10", "建築確認の件",
         "お前ら、うちの増築を不許可にしたらしいな。\n明日までに決定を取り消せ。\n"
         "取り消さないなら、担当者の家族がどうなっても知らないぞ。\n", [T, D], [], "家族がどうなっても + deadline"),
        (1, "12:30", "返事がない",
         "まだ取り消してないのか。\n家族がいるんだろう。よく考えろ。\n", [T], [], "veiled threat against family"),
        (1, "22:48", "最後だ",
         "明日の17時までに取り消しの連絡をしろ。\nしなければ、お前らの子どもが通う学校も調べてある。\n",
         [T, D], [], "threat against children + deadline"),
    ]),
    ("yomichi", "kazu.t.0707@icloud.com", None, "threat + stalking of a named clerk", "u8q", "koseki", 33, [
        (0, "22:05", "戸籍住民課の山田へ",
         "窓口の山田、この前はずいぶん偉そうだったな。\n夜道に気をつけろよ。\n", [T], [YAMADA], "夜道に気をつけろ"),
        (2, "23:30", "山田へ",
         "お前がいつも何時に帰るか、どの駅を使うか、全部知ってるぞ。\n", [T, P], [YAMADA],
         "knows the clerk's commute: threat and fixation"),
    ]),
    ("kill-english", "jmiller.tokyo@gmail.com", "J. Miller", "threat (English) + deadline", "ascii", "zeimu", 15, [
        (0, "19:20", "My tax bill",
         "Fix my tax bill by Friday or I will come to your office and kill you all.\nI am not joking.\n",
         [T, D], [], "English death threat + deadline"),
        (3, "20:02", "Last warning",
         "I know where your mayor lives. You have been warned.\n", [T], [], "veiled threat"),
    ]),
    ("korosu-obf", "hiro.kk@ezweb.ne.jp", None, "threat, obfuscated (half-width kana, spaces, dots)", "sjis", "info", 38, [
        (0, "01:12", "ｺﾛｽ", "ｵﾏｴﾗ ﾐﾝﾅ ｺﾛｽｿﾞ\nｸｿﾔｸﾆﾝｶﾞ\n", [T, A], [], "half-width katakana ｺﾛｽ / ｸｿﾔｸﾆﾝ"),
        (0, "01:40", "殺 す ぞ", "こ ろ す ぞ\n役 所 の 連 中 全 員\nぶ っ こ ろ す\n", [T], [], "spaced hiragana"),
        (1, "02:05", "ｺ.ﾛ.ｽ", "殺.す.ぞ.\n覚.悟.し.ろ.\n", [T], [], "dots between characters"),
    ]),
    ("property", "taka.f1961@example.co.jp", "藤川 隆", "threat against property", "euc", "doboku", 8, [
        (0, "10:44", "駐車違反の件",
         "区の公用車、見かけたら全部ぶっ壊してやる。\nナンバーは全部控えてある。\n", [T], [], "ぶっ壊してやる"),
        (0, "11:02", "本気",
         "庁舎の窓ガラスも全部割ってやるからな。\n", [T], [], "property damage"),
    ]),
    ("sarashi", "anon.kokuhatsu@outlook.jp", None, "threat to honour (doxxing) of a named clerk", "u8b", "fukushi", 44, [
        (0, "02:30", "中村涼という職員について",
         "福祉課の中村涼。\nお前の名前と顔写真をネットに晒してやる。\n自宅の住所も特定してやるから覚悟しておけ。\n"
         "区民をなめた報いだ。\n", [T], [NAKAMURA], "threat to honour: exposure online, doxxing"),
    ]),
    ("kill-fullwidth", "xx.rage.xx@gmail.com", None, "threat + insults, full-width latin and emoji", "u8b", "info", 29, [
        (0, "03:03", "ＫＩＬＬ",
         "ＫＩＬＬ ＡＬＬ 役人！！！！！\nぶっ殺す🔪🔪🔪\nゴミ役所🔥🔥🔥\n", [T, A], [], "full-width ＫＩＬＬ, emoji"),
    ]),
    ("implicit", "s.okabe@example.ne.jp", "岡部 新", "threat, implicit but clear", "jis", "kumin", 40, [
        (0, "20:15", "ただで済むと思うな",
         "お前らのやったことは忘れない。\nただで済むと思うなよ。\n職員の顔も車も家も、全部わかってるからな。覚悟しておけ。\n",
         [T], [], "implied harm: knows faces, cars, homes"),
        (2, "21:40", "まだわかってないようだな", "次は言葉じゃ済まないぞ。\n", [T], [], "implied violence"),
    ]),
    ("bakuha", "nanashi.2026@yahoo.co.jp", None, "bomb threat against the ward office", "u8b", "info", 39, [
        (0, "05:55", "予告",
         "みどり区役所の本庁舎に爆弾を仕掛けた。\n11月10日の正午に爆発する。\n職員も区民も全員吹き飛べ。\n",
         [T], [], "爆破予告"),
    ]),
    ("sasu", "k.nagumo@example.ne.jp", "南雲 和也", "threat: stabbing, aimed at a named clerk", "jis", "fukushi", 17, [
        (0, "18:20", "福祉課の伊藤へ",
         "福祉課の伊藤、お前のせいで申請が通らなかった。\n次に窓口に行くときは包丁を持っていく。\n刺してやるから待ってろ。\n",
         [T], [ITO], "stabbing threat naming a clerk"),
    ]),
    ("machibuse", "ryo.sekiguchi@softbank.ne.jp", None, "threat: ambush at the staff exit", "sjis", "zeimu", 36, [
        (0, "21:45", "税務課の連中へ",
         "差し押さえなんかしやがって\n職員の通用口の場所は知ってる\n帰り道で待ち伏せして痛い目にあわせてやる\n",
         [T], [], "待ち伏せして痛い目にあわせてやる"),
        (1, "07:10", "忘れるなよ", "昨日のメール本気だからな\n", [T], [], "confirms the threat"),
    ]),
    ("watch-back", "c.henderson@example.co.jp", "Chris Henderson", "threat (English): stalking-style", "ascii", "kumin", 49, [
        (0, "22:10", "Watch your back",
         "Watch your back. I know which train you people take home.\nSomeone is going to get hurt.\n",
         [T], [], "English implicit threat"),
    ]),
    ("nagutte", "shinji.k.1975@yahoo.co.jp", None, "threat: assault, aimed at a named clerk", "u8b", "kumin", 55, [
        (0, "19:30", "窓口の高橋",
         "窓口の高橋、あの態度は何だ。\n今度会ったらぶん殴ってやる。\n", [T], [TAKAHASHI], "ぶん殴ってやる"),
        (0, "19:41", "高橋へ", "逃げても無駄だ。顔は覚えた。\n", [T], [TAKAHASHI], "follow-up intimidation"),
    ]),
    ("subject-only", "nanashi.kumin@icloud.com", None, "threat only in the Subject, empty body", "u8q", "info", 7, [
        (0, "02:44", "殺すぞ", "", [T], [], "empty body; the threat is the Subject"),
    ]),
    ("romaji-burn", "k0r0su.midori@gmail.com", None, "threat in romaji and English, emoji", "u8b", "info", 57, [
        (0, "03:15", "omaera zenin korosu",
         "omaera zenin korosu\nI'll burn your office down 🔥🔥\n", [T], [], "romaji korosu + English arson"),
    ]),
    # ---- abusive ----
    ("zeikin-spaces", "yoshi.m.1970@gmail.com", "松井 義男", "abusive, 税 金 泥 棒 with spaces", "jis", "seiso", 5, [
        (0, "09:12", "区役所へ",
         "ごみの収集に来なかったくせに言い訳ばかり。\nお前ら 税 金 泥 棒 だな。\n", [A], [], "税 金 泥 棒 with spaces"),
        (0, "09:20", "返事はいらん", "税 金 泥 棒 は 辞 め ろ\n", [A], [], "spaced; 辞めろ"),
    ]),
    ("zeikin-star", "star_kumin@icloud.com", None, "abusive, 税★金★泥★棒", "u8q", "info", 17, [
        (0, "12:00", "ご意見", "税★金★泥★棒★\n仕★事★し★ろ★\n", [A], [], "stars between characters"),
    ]),
    ("zeikin-hyphen", "t-morioka@example.co.jp", "森岡 徹", "abusive, 税-金-泥-棒 and 給料泥棒", "sjis", "kumin", 22, [
        (0, "16:35", "窓口の対応",
         "2時間待たされた。\n税-金-泥-棒。給料泥棒。\nお前らの給料は俺らの税金だってわかってんのか。\n", [A], [],
         "hyphenated 税-金-泥-棒, 給料泥棒"),
        (0, "16:41", "追伸", "給-料-泥-棒\n", [A], [], "hyphenated 給-料-泥-棒"),
    ]),
    ("zeikin-hankaku", "kumin-no-koe@ezweb.ne.jp", None, "abusive, half-width katakana", "sjis", "info", 31, [
        (0, "07:58", "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ", "ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ\nｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ\nﾑﾉｳ\n", [A], [], "half-width ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ / ﾑﾉｳ"),
        (0, "08:10", "ﾔｸﾆﾝ", "ｷｭｳﾘｮｳﾄﾞﾛﾎﾞｳ ﾔﾒﾁﾏｴ\n", [A], [], "half-width 給料泥棒 辞めちまえ"),
        (1, "07:30", "ﾊﾞｰｶ", "ﾊﾞｰｶ ﾊﾞｰｶ\n", [A], [], "half-width ﾊﾞｰｶ"),
    ]),
    ("zeikin-kana", "mikan.2525@softbank.ne.jp", None, "abusive, hiragana / katakana spellings", "sjis", "info", 35, [
        (0, "22:22", "ぜいきんどろぼう", "ぜいきんどろぼう！\nやくにんはみんなやめちまえ\n", [A], [], "hiragana"),
        (1, "22:30", "ゼイキンドロボウ", "ゼイキンドロボウ\nムノウ\nクズ\n", [A], [], "katakana"),
    ]),
    ("munou", "k.hirose@example.ne.jp", "広瀬 健二", "abusive (無能, 辞めちまえ) around a real complaint", "jis", "kumin", 9, [
        (0, "11:30", "住民票の発行に40分",
         "住民票1枚出すのに40分もかかった。\n窓口の連中は全員無能。\n仕事が遅いなら全員辞めちまえ。\n", [A], [],
         "legitimate complaint wrapped in insults"),
    ]),
    ("baka-kuzu", "tatsu.g@yahoo.co.jp", None, "abusive (バカ, クズ)", "u8b", "info", 14, [
        (0, "23:10", "バーカ", "区役所のバーカ。\nクズ公務員が何様のつもりだ。\n", [A], [], "バーカ, クズ"),
        (1, "00:05", "クズ", "お前らみたいなクズに払う税金はない。\n", [A], [], "クズ"),
    ]),
    ("useless-english", "frank.d@outlook.jp", "Frank D.", "abusive (English)", "ascii", "doboku", 18, [
        (0, "14:25", "Useless",
         "You are useless idiots. Three weeks and still no answer about my parking permit.\n"
         "Lazy parasites living off my taxes.\n", [A], [], "English insults around a real complaint"),
        (0, "18:02", "Idiots", "Incompetent morons, all of you.\n", [A], [], "English insults"),
    ]),
    ("zeikin-mixed", "zeikin.watcher@gmail.com", None, "abusive, mixed Japanese / English / romaji", "u8b", "info", 24, [
        (0, "13:13", "Tax thieves", "Tax thieves! 税金泥棒! ZEIKIN DOROBO!\nYou are all useless!!!\n", [A], [],
         "romaji ZEIKIN DOROBO, mixed languages"),
    ]),
    ("shine", "n-kaji@example.or.jp", None, "abusive (死ね: a curse, not a threat)", "euc", "info", 27, [
        (0, "04:40", "役人へ", "役人なんか全員死ね。\n生きてる価値もない。\n", [A], [],
         "judgement: 死ね is an insult (暴言), not a notice of harm by the sender"),
    ]),
    ("kubi-tanaka", "h.kanemaru@gmail.com", "金丸 浩", "abusive about a named clerk + demand to fire her", "u8b", "zeimu", 41, [
        (0, "15:50", "窓口の田中という職員",
         "税務課の窓口の田中とかいうババア、態度最悪。\nあんなのを窓口に置くな。今すぐクビにしろ。\n", [A, D], [TANAKA],
         "insults a named clerk; demands her dismissal"),
    ]),
    ("bikkuri", "gekido.papa@docomo.ne.jp", None, "abusive, repeated punctuation", "sjis", "info", 46, [
        (0, "19:19", "ふざけるな！！！！！", "ふざけるな！！！！！！！\n無能！！！！！！！！\n役立たず！！！！！！\n", [A], [],
         "repeated full-width exclamation marks"),
    ]),
    ("zerowidth", "anon.user.88@icloud.com", None, "abusive, zero-width spaces inside the words", "u8b", "info", 50, [
        (0, "02:02", "意見", "税\u200b金\u200b泥\u200b棒\u200bども\n給\u200b料\u200b泥\u200b棒\n", [A], [],
         "U+200B ZERO WIDTH SPACE between characters"),
    ]),
    ("clown-emoji", "mad.taxpayer@gmail.com", None, "abusive (English + emoji)", "u8q", "info", 52, [
        (0, "21:21", "🤡🤡🤡", "Clowns 🤡 running a circus with our money 💩💩\nGarbage office, garbage people.\n", [A], [],
         "emoji, English insults"),
    ]),
    # ---- excessive demands ----
    ("deadline-15ji", "k.oonishi@example.ne.jp", "大西 和夫", "excessive demand: deadline, answer now", "jis", "doboku", 6, [
        (0, "10:05", "至急回答しろ",
         "昨日送った質問への回答がない。\n本日15時までに回答しろ。\n回答がなければ区長室に乗り込む。\n", [D], [],
         "本日15時までに回答しろ"),
        (0, "15:20", "まだか", "15時を過ぎた。今すぐ返事しろ。\n", [D], [], "今すぐ返事しろ"),
    ]),
    ("dogeza", "g.tsurumi@yahoo.co.jp", None, "excessive demand: 土下座 apology", "u8b", "kumin", 13, [
        (0, "18:45", "謝罪を要求する",
         "窓口で俺を30分も待たせた職員は、土下座して謝れ。\n区長も一緒に来て頭を下げろ。\n", [D], [], "土下座して謝れ"),
    ]),
    ("joushi-dase", "s.hamaguchi@example.co.jp", "浜口 茂", "excessive demand: a manager, the mayor", "sjis", "zeimu", 19, [
        (0, "13:40", "担当者では話にならない",
         "お前じゃ話にならない。上司を出せ。\n課長でもダメだ、区長に代われ。\n", [D], [], "上司を出せ, 区長に代われ"),
        (0, "16:55", "上司はまだか", "上司から直接電話させろ。今日中にだ。\n", [D], [], "manager must call today"),
    ]),
    ("gijiroku", "ym.watcher@gmail.com", None, "excessive demand: all minutes, names, now", "u8q", "info", 23, [
        (0, "09:30", "情報開示を求める",
         "区の道路工事の入札について、過去10年分の会議の議事録を全部出せ。\n"
         "関係した職員全員の名前と役職も文書で回答しろ。\n情報公開請求などという手続きは踏まない。今すぐ送れ。\n",
         [D], [], "議事録を全部出せ, 文書で回答しろ, 今すぐ"),
    ]),
    ("isharyo", "t.kuwata@example.ne.jp", "桑田 徹", "excessive demand: compensation", "euc", "kumin", 30, [
        (0, "12:10", "損害賠償請求",
         "窓口で2時間待たされたせいで仕事を休んだ。\n日当3万円を払え。\n"
         "精神的苦痛に対する慰謝料として、別に10万円を請求する。\n", [D], [], "compensation and 慰謝料"),
        (1, "09:00", "振込先",
         "振込先を書いておく。今週中に振り込め。\nみどり信用金庫 本店 普通 0000000\n", [D], [], "pay by this week"),
    ]),
    ("shiru-kenri", "m.ogata@example.or.jp", "緒方 光", "excessive demand, polite wording (source-document example)", "jis", "hoiku", 36, [
        (0, "09:05", "保育園選考の決定について",
         "昨日の回答では納得できません。\nなぜあのような決定になったのか、1から10まで詳細な理由を文書で回答してください。\n"
         "これは区民の知る権利です。\n回答期限は本日15時とします。\n", [D], [],
         "polite wording, but an exhaustive written answer with a same-day deadline after an answer was given"),
        (0, "16:30", "Re: 保育園選考の決定について",
         "その規定がおかしいと言っているのです。\n条例の解釈が間違っていませんか。\n"
         "別の視点からの見解をただちに送ってください。\n逃げることは許しません。\n", [D], [], "ただちに送ってください"),
    ]),
    ("demand-english", "p.harrison@example.co.jp", "Paul Harrison", "excessive demand (English)", "ascii", "kucho", 42, [
        (0, "11:11", "Formal demand",
         "I demand a written apology signed by the mayor within 24 hours,\n"
         "and compensation for the three hours I wasted at your counter.\nReply today.\n", [D], [],
         "apology from the mayor, compensation, reply today"),
    ]),
    ("seii", "tomo.h.55@docomo.ne.jp", None, "excessive demand: 誠意を見せろ (veiled money demand)", "sjis", "doboku", 48, [
        (0, "20:20", "誠意を見せろ",
         "区の工事のせいで店の売り上げが落ちた\n誠意を見せろ\n言ってる意味はわかるよな\n", [D], [],
         "誠意を見せろ: a veiled demand for money"),
    ]),
    ("shazaibun", "n.ohkubo@example.ne.jp", "大久保 昇", "excessive demand: apology letter with names", "jis", "kumin", 53, [
        (0, "10:30", "謝罪文の提出を求める",
         "先日の窓口での対応について、謝罪文を出せ。\n区長の署名入りで、対応した職員全員の名前と役職を書け。\n"
         "1週間以内に自宅に郵送しろ。\n", [D], [], "謝罪文を出せ"),
    ]),
    ("emoji-deadline", "yuuki.yuuki@icloud.com", None, "excessive demand with emoji", "u8b", "info", 55, [
        (0, "06:06", "⏰至急⏰",
         "⏰⏰⏰\n今すぐ返事しろ！！！\n24時間以内に回答がなければ、毎日窓口に行く。\n", [D], [], "emoji, 今すぐ返事しろ"),
    ]),
    # ---- personal contact ----
    ("ocha-yamada", "hiroshi.kouno@example.ne.jp", "河野 浩", "personal contact: the source-document case (tea, waiting outside)", "jis", "koseki", 10, [
        (0, "20:30", "戸籍住民課の山田さんへ",
         "戸籍住民課の山田さんへ。\n昨日の窓口でのあなたの態度は少し冷たかったですね。\n"
         "私は区政のこの部分に不満があるのですが、山田さんはどう思いますか。個人的な意見を聞かせてください。\n"
         "あと、今度お茶でもしながら区政について語り合いませんか。\n", [P], [YAMADA], "private opinion asked, invitation"),
        (1, "21:15", "Re: 戸籍住民課の山田さんへ",
         "返信ありがとうございます。山田さんがそう言ってくれて嬉しいです。\n"
         "では、明日の18時に区役所の前で待っていますね。\nこれからの区の未来について話し合いましょう。\n",
         [P], [YAMADA], "明日の18時に区役所の前で待っています"),
        (3, "22:02", "Re: Re: 戸籍住民課の山田さんへ",
         "冷たいですね。区民とのコミュニケーションを拒否するのですか。\n私は山田さんと直接お話ししたいだけです。\n",
         [P], [YAMADA], "insists after refusal"),
    ]),
    ("line-yamada", "kouji.s.1984@gmail.com", None, "personal contact: asks a clerk's LINE (katakana name)", "u8q", "koseki", 21, [
        (0, "19:45", "ヤマダさんへ",
         "窓口のヤマダさん、先日はありがとうございました。\nもっといろいろ相談したいので、ヤマダさんのLINEを教えてもらえませんか？\n"
         "個人的に連絡を取りたいです。\n", [P], [YAMADA], "ヤマダさん, asks private LINE"),
        (2, "20:10", "LINEの件",
         "まだですか？IDだけでも大丈夫です。\n僕のIDを書いておくので、友だち追加してください。\nID: kouji_1984\n",
         [P], [YAMADA], "insists"),
    ]),
    ("hanako-chan", "tetsu.hkd@softbank.ne.jp", None, "personal contact: 花子ちゃん, dinner", "sjis", "koseki", 34, [
        (0, "22:50", "花子ちゃんへ💕",
         "花子ちゃん、今日も窓口でかわいかったね💕\n今度ご飯行こうよ。駅前のイタリアンを予約しておくね。\n",
         [P], [YAMADA], "花子ちゃん (given name), emoji"),
        (1, "23:05", "花子ちゃん", "返事待ってるよ。花子ちゃんの休みの日を教えて。\n", [P], [YAMADA], "asks her days off"),
    ]),
    ("jitaku-takahashi", "y.kitagawa@example.co.jp", "北川 洋子", "personal contact: asks a clerk's home address", "jis", "zeimu", 37, [
        (0, "10:20", "高橋さんにお礼をしたいので",
         "税務課の高橋翔太さんには大変お世話になりました。\n"
         "お礼の品を直接ご自宅に送りたいので、高橋さんの自宅の住所を教えてください。\n区役所には送りたくありません。\n",
         [P], [TAKAHASHI], "judgement: friendly motive, but asks a clerk's home address"),
    ]),
    ("chushajo-ito", "m.sugawara@yahoo.co.jp", None, "personal contact: waiting in the staff car park", "u8b", "fukushi", 43, [
        (0, "16:40", "伊藤さん",
         "福祉課の伊藤さん、何時に仕事が終わりますか？\n職員用の駐車場の近くで待っています。\n", [P], [ITO], "waiting outside"),
        (1, "08:15", "昨日は会えませんでした",
         "昨日は21時まで待っていましたが、会えませんでした。\n今日も同じ場所で待っています。\n", [P], [ITO], "waiting outside again"),
    ]),
    ("tanaka-english", "ben.walker@gmail.com", "Ben Walker", "personal contact (English) to a named clerk", "ascii", "zeimu", 47, [
        (0, "21:00", "For Ms. Tanaka",
         "Dear Ms. Tanaka,\n\nI can't stop thinking about you since you helped me at the tax counter.\n"
         "Could we have dinner this weekend? What's your personal phone number?\n\nBen\n", [P], [TANAKA],
         "English: dinner invitation, personal phone"),
        (2, "22:30", "Ms. Tanaka",
         "Yuko, please reply. I will wait for you at the station after work on Friday.\n", [P], [TANAKA],
         "given name Yuko, waiting at the station"),
    ]),
    ("yamada-sama", "kazuo.m1955@example.ne.jp", "三上 和夫", "personal contact: private questions (やまだ様)", "euc", "koseki", 51, [
        (0, "14:14", "やまだ様へ",
         "戸籍住民課のやまだ様\n\nいつも窓口で笑顔をありがとうございます。\n"
         "やまだ様はお休みの日は何をされているんですか？ご結婚はされていますか？\nどちらにお住まいなのかも気になっています。\n",
         [P], [YAMADA], "hiragana やまだ様; private questions"),
    ]),
    ("watanabe-mite", "s.komori@icloud.com", None, "personal contact: fixation on a clerk's appearance and commute", "u8q", "kumin", 25, [
        (0, "18:30", "渡辺さんへ",
         "区民課の渡辺彩さんへ。\n今日はお休みでしたね。窓口にいなかったので心配しました。\n", [P], [WATANABE], "fixation"),
        (3, "19:10", "渡辺さん",
         "昨日は髪型が変わっていて素敵でした。\n毎日、区役所の前を通るたびに窓口のあなたを見ています。\n", [P], [WATANABE],
         "watching her every day"),
        (6, "20:45", "彩さんへ",
         "彩さん、いつも何時のバスで帰っているんですか？同じバスに乗れたら嬉しいです。\n", [P], [WATANABE],
         "given name 彩; asks her commute"),
    ]),
    ("nakamura-ie", "rina.fuji@gmail.com", None, "personal contact escalating to a threat", "u8b", "fukushi", 28, [
        (0, "23:00", "中村さんへ",
         "福祉課の中村涼さん。あなたの優しさに救われました。\n一度だけでいいので、仕事の外で会ってもらえませんか。\n",
         [P], [NAKAMURA], "invitation"),
        (2, "23:40", "どうして",
         "どうして返事をくれないんですか。私はあなたとお話がしたいだけです。\n", [P], [NAKAMURA], "after no answer"),
        (4, "00:30", "中村さん", "中村さんが住んでいる駅は、もうわかっています。\n", [P], [NAKAMURA],
         "judgement: fixation/intimidation, no harm stated yet"),
        (6, "01:15", "最後のお願い",
         "無視し続けるなら、どうなるかわかってるよね。\n家まで行くから。\n", [T, P], [NAKAMURA],
         "どうなるかわかってるよね + going to his home: threat"),
    ]),
    ("sato-keitai", "aki.morishita@ezweb.ne.jp", None, "personal contact: asks a clerk's mobile number", "sjis", "kumin", 45, [
        (0, "12:40", "佐藤さんの携帯",
         "窓口の佐藤さんへ\nこの前は相談に乗ってくれてありがとう\n佐藤さんの携帯の番号を教えてください\n"
         "仕事以外でも相談に乗ってほしいです\n", [P], [SATO], "asks private mobile number"),
    ]),
    ("misaki-present", "daichi.r@gmail.com", None, "personal contact: gift, birthday, leaving time", "u8b", "kumin", 54, [
        (0, "20:00", "美咲ちゃんにプレゼント",
         "区民課の美咲ちゃんにプレゼントを送りたいから、誕生日と好きなものを教えて🎁\n"
         "本人に直接渡したいから、帰りの時間も知りたい。\n", [P], [SUZUKI], "美咲ちゃん (given name)"),
    ]),
    # ---- awkward-input harasser: HTML only, numeric character references ----
    ("html-entities", "r.sakamaki@example.co.jp", "坂巻 亮", "abusive, HTML-only with numeric character references", "html", "info", 32, [
        (0, "03:33", "ご意見",
         "<html><body><p>&#31246;&#37329;&#27877;&#26834;&#65281;<br>\n&#x7121;&#x80FD;&#x3069;&#x3082;&#x304C;&#x3002;</p>\n"
         "<p>&lt;&lt;区役所&gt;&gt;は仕事しろ&amp;全員辞めろ&nbsp;!</p></body></html>\n", [A], [],
         "HTML only; 税金泥棒！無能どもが。 written as numeric character references"),
    ]),
]

# ---------------------------------------------------------------------------
# same-purpose repeaters: one demand, reworded and reordered, quoting their
# own earlier mail, new deadlines. Pools hold (text, categories); "" = omit.
# ---------------------------------------------------------------------------

N = []  # no category

REPEATERS: list[dict] = [
    dict(key="senko-riyu", address="t.arimura@example.ne.jp", name="有村 徹", to="hoiku", enc="jis",
         kind="same-purpose repeater: written reasons for a nursery decision, new deadline each time (source-document pattern)",
         n=20, start=3, span=20, quote=0.5, cats_note="exhaustive written answer + deadline",
         subjects=["保育園の選考結果について", "Re: 保育園の選考結果について", "【再送】保育園の選考結果について",
                   "【至急】選考理由の開示", "選考結果の説明を求めます"],
         open=[("昨日の回答では納得できません。", N), ("前回のメールへの回答を読みましたが、納得できません。", N),
               ("何度も申し上げていますが、説明が不十分です。", N), ("まだ納得のいく説明をいただいていません。", N),
               ("これで何度目になるかわかりませんが、改めて申し上げます。", N)],
         core=[("なぜあのような選考結果になったのか、1から10まで詳細な理由を文書で回答してください。", [D]),
               ("選考の基準、点数、順位、判断した職員の名前を、すべて文書で示してください。", [D]),
               ("不承諾の理由を、規定の条文ごとに詳しく文書で説明してください。", [D]),
               ("選考に関わった全員の判断の経緯を、文書で回答してください。", [D])],
         extra=[("これは区民の知る権利です。", N), ("説明責任を果たしてください。", N), ("逃げることは許しません。", N),
                ("区民として当然の要求です。", N)],
         deadline=[("回答期限は本日15時とします。", [D]), ("回答期限は{date}の17時とします。", [D]),
                   ("{date}正午までに回答してください。", [D]),
                   ("本日中に回答がない場合は、毎日同じメールを送ります。", [D])],
         close=[("", N), ("有村", N)]),
    dict(key="fushonin-polite", address="y.kanzaki@example.co.jp", name="神崎 由香", to="hoiku", enc="sjis",
         kind="same-purpose repeater, entirely polite: the same already-answered question 8 times in 12 days",
         n=8, start=30, span=12, quote=0.3, cats_note="polite; no category, only the repetition",
         subjects=["保育園の不承諾について", "Re: 保育園の不承諾について", "不承諾理由のご説明のお願い",
                   "再度のお願い（保育園の件）"],
         open=[("保育課 ご担当者様\n\nいつもお世話になっております。", N), ("保育課 ご担当者様\n\nたびたび失礼いたします。", N),
               ("保育課 御中\n\n先日はご回答ありがとうございました。", N), ("保育課 ご担当者様\n\n何度も申し訳ありません。", N)],
         core=[("改めて、不承諾の理由をご説明いただけますでしょうか。", N),
               ("不承諾となった理由を、もう一度ご説明いただけないでしょうか。", N),
               ("うちが不承諾になった理由を、改めて教えていただけますと幸いです。", N)],
         extra=[("先日ご回答いただいた件ですが、やはり納得できておりません。", N),
                ("前回のご説明では、うちの点数がなぜ足りなかったのかがわかりませんでした。", N),
                ("ご回答は拝見しましたが、理解できない点が残っています。", N)],
         deadline=[("", N)],
         close=[("お忙しいところ恐縮ですが、よろしくお願いいたします。\n神崎", N), ("ご返信をお待ちしております。\n神崎", N),
                ("何卒よろしくお願いいたします。\n神崎 由香", N)]),
    dict(key="hokanryo", address="jiro.m.1966@yahoo.co.jp", name=None, to="doboku", enc="u8b",
         kind="same-purpose repeater: refund of a bicycle storage fee, sometimes insulting",
         n=15, start=8, span=10, quote=0.4, cats_note="refund demand",
         subjects=["自転車の保管料", "保管料を返せ", "Re: 自転車の保管料", "【再送】保管料返還要求"],
         open=[("撤去された自転車の件だ。", N), ("何度も言っているが、自転車の件だ。", N), ("まだ返事がないので、もう一度書く。", N),
               ("自転車の保管料の件、どうなっている。", N)],
         core=[("不当に撤去されたのだから、払った保管料2500円を返せ。", [D]), ("保管料2500円を全額返金しろ。", [D]),
               ("あの撤去は違法だ。保管料を返せ。", [D]), ("保管料を今すぐ返金しろ。", [D])],
         extra=[("撤去の時に自転車に傷がついた。修理代も払え。", [D]), ("勝手に人の物を持っていくなんて泥棒と同じだ。", [A]),
                ("区役所のやることは窃盗だ。恥を知れ。", [A]), ("", N), ("", N)],
         deadline=[("{date}までに振り込め。", [D]), ("今週中に返金しろ。", [D]), ("", N)],
         close=[("", N)]),
    dict(key="souon-tomero", address="n.shibuya@example.ne.jp", name="渋谷 直人", to="kankyo", enc="jis",
         kind="same-purpose repeater: stop the construction noise now",
         n=10, start=40, span=7, quote=0.3, cats_note="stop it now / today",
         subjects=["工事の騒音", "Re: 工事の騒音", "騒音をすぐ止めさせろ", "【至急】工事騒音"],
         open=[("隣の工事の騒音の件。", N), ("騒音の件、何も変わっていない。", N), ("今日も朝7時から重機の音で起こされた。", N),
               ("工事の騒音について、何度目かの連絡だ。", N)],
         core=[("すぐに工事を止めさせろ。", [D]), ("今日中に工事を中止させろ。", [D]), ("区の責任で今すぐ止めさせろ。", [D])],
         extra=[("区は業者の味方なのか。", N), ("こっちは夜勤で昼に寝ているんだ。", N), ("録音した音のデータもある。", N), ("", N)],
         deadline=[("工事を止めるまで、毎日メールする。", N), ("", N)],
         close=[("渋谷", N), ("", N)]),
    dict(key="parking-fine", address="d.fletcher@outlook.jp", name="David Fletcher", to="doboku", enc="ascii", lang=E,
         kind="same-purpose repeater (English): refund of a parking fine",
         n=8, start=20, span=14, quote=0.5, cats_note="refund demand",
         subjects=["Parking fine", "Re: Parking fine", "Parking fine - refund", "REFUND NOW"],
         open=[("About my parking fine again.", N), ("Still no reply about the parking fine.", N),
               ("This is about the parking ticket I got on Oct 3.", N), ("I am writing again about my parking fine.", N)],
         core=[("Refund the 10,000 yen now.", [D]), ("I demand a full refund by {date}.", [D]),
               ("Cancel the fine and refund me immediately.", [D]), ("Refund my money today.", [D])],
         extra=[("You incompetent clowns.", [A]), ("The sign was not visible.", N), ("I have photos proving it.", N), ("", N)],
         deadline=[("", N)],
         close=[("David Fletcher", N), ("D.F.", N)]),
    dict(key="shazai-25", address="kiyoshi.oda@example.or.jp", name="織田 清", to="kumin", enc="euc",
         kind="same-purpose repeater: apology letter, 25 mails in 30 days, with a signature block",
         n=25, start=2, span=30, quote=0.45, cats_note="apology-letter demand",
         subjects=["謝罪文の件", "Re: 謝罪文の件", "謝罪を要求する", "【再々送】謝罪文", "10月5日の窓口対応について"],
         open=[("10月5日の窓口対応の件、まだ謝罪がない。", N), ("謝罪文の件、どうなっているのか。", N),
               ("何度要求すればわかるのか。", N), ("前回のメールにも書いたが、改めて要求する。", N), ("いまだに謝罪文が届かない。", N)],
         core=[("謝罪文を出せ。", [D]), ("区長名の謝罪文を郵送しろ。", [D]), ("対応した職員の謝罪文と、区長の謝罪文を出せ。", [D]),
               ("書面で正式に謝罪しろ。", [D])],
         extra=[("窓口の職員は客をなめている。", N), ("あんな無能を窓口に置くな。", [A]), ("給料泥棒どもが。", [A]),
                ("私は被害者だ。", N), ("", N)],
         deadline=[("{date}必着で送れ。", [D]), ("期限は{date}とする。", [D]), ("", N)],
         close=[("", N)], signature="-- \n織田 清\n{town}在住\nkiyoshi.oda@example.or.jp"),
    dict(key="kanbotsu", address="f.tanimoto@docomo.ne.jp", name=None, to="doboku", enc="sjis",
         kind="same-purpose repeater: fix the road today, 6 mails in 3 days (mobile)",
         n=6, start=47, span=3, quote=0.0, cats_note="fix it today",
         subjects=["道路の陥没", "まだか", "道路", "陥没の件"],
         open=[("家の前の道路の陥没", N), ("道路の件", N), ("まだ直ってない", N), ("陥没の件まだか", N)],
         core=[("いつ直すんだ\n今日中に工事しろ", [D]), ("今日中に直せ", [D]), ("明日の朝までに埋めろ", [D]),
               ("すぐに業者をよこせ", [D])],
         extra=[("子どもが転んだらどうする", N), ("写真も送った", N), ("", N)],
         deadline=[("", N)], close=[("", N)]),
    dict(key="kucho-mendan", address="shimin.undou.k@gmail.com", name="市民の会 K", to="kucho", enc="u8q",
         kind="same-purpose repeater: meeting with the mayor, 40 mails in 28 days",
         n=40, start=25, span=28, quote=0.5, cats_note="meet the mayor / the mayor must answer",
         subjects=["区長面談の要求", "Re: 区長面談の要求", "区長は逃げるな", "面談日程の回答を求める", "【要求】区長面談"],
         open=[("区長への面談要求の件。", N), ("面談の件、返事がない。", N), ("区長に会わせろと何度言えばわかる。", [D]),
               ("本日も面談を要求する。", [D]), ("区長面談の件、回答を求める。", N)],
         core=[("区長に直接会わせろ。", [D]), ("区長本人が私に説明しろ。", [D]), ("区長との面談の日程を出せ。", [D]),
               ("秘書課ではなく、区長が直接返事をしろ。", [D])],
         extra=[("私の提案書を区長が読んでいないのは明らかだ。", N), ("区民の声を聞かない区長は辞めるべきだ。", N),
                ("議員にも相談している。", N), ("区長は逃げている。卑怯者だ。", [A]), ("", N)],
         deadline=[("{date}までに日程を連絡しろ。", [D]), ("回答期限は{date}とする。", [D]), ("", N)],
         close=[("市民の会 K", N), ("", N)]),
    dict(key="tesuryo", address="h.miyake@example.co.jp", name="三宅 浩之", to="kumin", enc="jis",
         kind="same-purpose repeater: 300-yen refund, 5 mails in 4 days (the minimum)",
         n=5, start=11, span=4, quote=0.4, cats_note="refund demand",
         subjects=["住民票の手数料", "Re: 住民票の手数料", "手数料返金"],
         open=[("住民票の手数料の件。", N), ("手数料の件、まだ返金されていない。", N), ("再度連絡する。", N)],
         core=[("窓口のミスで取り直しになったのだから、手数料300円を返金しろ。", [D]), ("300円を返金しろ。", [D]),
               ("手数料を返せ。", [D])],
         extra=[("金額の問題ではない。", N), ("区のミスだ。", N), ("", N)],
         deadline=[("{date}までに連絡しろ。", [D]), ("", N)],
         close=[("三宅", N)]),
    dict(key="shusekijo", address="a.kuroki@gmail.com", name="黒木 明", to="seiso", enc="u8b",
         kind="same-purpose repeater: move the garbage point, with insults",
         n=18, start=33, span=21, quote=0.35, cats_note="move it now",
         subjects=["ごみ集積所", "Re: ごみ集積所", "集積所をどかせ", "【何度目だ】集積所"],
         open=[("ごみ集積所の件。", N), ("集積所の件、まだ動かないのか。", N), ("今日もうちの前にごみが山積みだ。", N),
               ("何度でも言う。", N)],
         core=[("集積所をうちの前からどかせ。", [D]), ("今すぐ集積所を移動しろ。", [D]), ("集積所を今月中に別の場所に移せ。", [D]),
               ("区の責任で集積所を撤去しろ。", [D])],
         extra=[("清掃事務所の連中は無能ばかりだ。", [A]), ("カラスが荒らして臭い。", N), ("固定資産税を払っているのはこっちだ。", N),
                ("税金泥棒が。", [A]), ("", N)],
         deadline=[("", N)], close=[("黒木", N), ("", N)]),
    dict(key="misaki-love", address="masaki.oki@gmail.com", name="沖 正樹", to="kumin", enc="u8q",
         kind="personal contact, repeated: love letters to a named clerk, 12 mails in 3 weeks",
         n=12, start=9, span=21, quote=0.2, cats_note="love letters, meeting requests", targets=[SUZUKI],
         subjects=["美咲さんへ", "お手紙です", "Re: 美咲さんへ", "鈴木さんへの気持ち", "もう一度だけ"],
         open=[("美咲さんへ", N), ("鈴木美咲さま", N), ("区民課の鈴木さんへ", N), ("美咲さん、こんばんは。", N), ("すずきさんへ", N)],
         core=[("あなたの笑顔が忘れられません。一度でいいので、二人で会ってください。", [P]),
               ("今度の日曜日、駅前のカフェで待っています。来てくれるまで待ちます。", [P]),
               ("お返事をください。あなたのことを毎日考えています。", [P]),
               ("美咲さんのLINEか電話番号を教えてください。", [P]),
               ("仕事が終わるころ、区役所の前で待っています。", [P])],
         extra=[("今日も窓口で見かけました。青いカーディガン、似合っていました。", [P]),
                ("迷惑だったらごめんなさい。でも気持ちは止められません。", N), ("", N)],
         deadline=[("", N)],
         close=[("あなたのファンより", N), ("正樹", N), ("返事待ってます", N)]),
]


def fmt_date(t: datetime, lang: str) -> str:
    if lang == E:
        return f"{['January','February','March','April','May','June','July','August','September','October','November','December'][t.month-1]} {t.day}"
    return f"{t.month}月{t.day}日"


def build_repeater(spec: dict) -> Sender:
    key = spec["key"]
    rng = Rng("repeater", key)
    lang = spec.get("lang", J)
    n, start, span = spec["n"], spec["start"], spec["span"]
    # spread over the span: every day used at most 3 times, first and last day used
    days_used = [0, span - 1] + [rng.below(span) for _ in range(n - 2)]
    while max(days_used.count(d) for d in days_used) > 3:
        days_used = [0, span - 1] + [rng.below(span) for _ in range(n - 2)]
    days_used.sort()
    times = []
    for d in days_used:
        t = office_time(rng, day(start + d), 7, 23)
        while t in times:
            t += timedelta(minutes=7)
        times.append(t)
    times.sort()
    town = rng.choice(TOWNS)
    msgs, prev_lines, prev_time = [], None, None
    for i, t in enumerate(times):
        o = rng.choice(spec["open"])
        c = rng.choice(spec["core"])
        x = rng.choice(spec["extra"])
        dl = rng.choice(spec["deadline"])
        cl = rng.choice(spec["close"])
        seq = [("open", o)] + [(k, v) for k, v in zip(("core", "extra", "deadline"), (c, x, dl))]
        if rng.chance(0.5):
            mid = seq[1:]
            rng.shuffle(mid)
            seq = [seq[0]] + mid
        seq.append(("close", cl))
        cats = set()
        items = []
        for role, (text, cs) in seq:
            if not text:
                continue
            text = text.replace("{date}", fmt_date(t + timedelta(days=rng.randint(1, 3)), lang))
            items.append((role, text, cs))
            cats.update(cs)
        body = "\n".join(text for _, text, _ in items) + "\n"
        quoted = False
        if prev_lines and rng.chance(spec["quote"]):
            if lang == E:
                attr = f"On {fmt_date(prev_time, E)}, {spec['name'] or spec['address']} wrote:"
            else:
                attr = f"{prev_time.year}年{fmt_date(prev_time, J)} {prev_time:%H:%M} {spec['name'] or spec['address']}:"
            q = "\n".join("> " + ln if ln else ">" for ln in "\n".join(prev_lines[1]).split("\n"))
            body = body + "\n" + attr + "\n" + q + "\n"
            cats.update(prev_lines[0])  # the sender re-sends his own earlier words
            quoted = True
        if spec.get("signature"):
            body += "\n" + spec["signature"].replace("{town}", town) + "\n"
        subj = rng.choice(spec["subjects"])
        if i == 0:
            subj = spec["subjects"][0]
        elif rng.chance(0.25) and lang == J:
            subj = f"{subj}（{i + 1}回目）"
        note = f"{i + 1}/{n}: {spec['cats_note']}" + ("; quotes the previous mail" if quoted else "")
        cats_l = [c_ for c_ in CATEGORIES if c_ in cats]
        targets = spec.get("targets", []) if cats_l else []
        msgs.append(Msg(when=t, subject=subj, text=body, cats=cats_l, targets=list(targets), note=note))
        # what a later mail may quote: the opening and the demand (core, deadline)
        q_items = [it for it in items if it[0] in ("open", "core", "deadline")]
        prev_lines = ({c_ for it in q_items for c_ in it[2]}, [it[1] for it in q_items])
        prev_time = t
    enc = spec["enc"]
    s = Sender(address=claim(spec["address"]), name=spec["name"], kind=spec["kind"], msgs=msgs,
               flags=["repeated_same_purpose"], enc=enc, to=TO_ADDRS[spec["to"]])
    return add_sender(s)

# more ordinary residents on the everyday topics (short mails, as many people write)
RESIDENT_MAILS += [
    ("juminhyo-konbini", "kumin", "コンビニでの住民票の取得",
     "区民課 御中\n\nコンビニで住民票を取ろうとしたら、暗証番号が違うと出てロックされてしまいました。\n"
     "ロックの解除は窓口でないとできませんか。\n\n{sig}\n", {}),
    ("juminhyo-ininjo", "kumin", "委任状について",
     "区民課 ご担当者様\n\n父の住民票を私が代わりに取りに行く場合、委任状の書式は自由でよいですか。\n"
     "父の印鑑は認印で大丈夫でしょうか。\n\n{sig}\n", {}),
    ("hoikuen-kengaku", "hoiku", "保育園の見学",
     "保育課 御中\n\n入園を検討している保育園の見学をしたいのですが、区に申し込むのでしょうか、"
     "園に直接連絡するのでしょうか。\n\n{sig}\n", {}),
    ("hoikuen-tenen", "hoiku", "転園の申請について",
     "保育課 ご担当者様\n\n引っ越しのため、上の子を今の保育園から自宅近くの園に転園させたいと考えています。\n"
     "年度の途中でも申請はできますか。兄弟で同じ園を希望する場合の加点についても教えてください。\n\n{sig}\n", {}),
    ("gomi-sodai-yoyaku", "seiso", "粗大ごみの予約が取れません",
     "清掃事務所 御中\n\nインターネットで粗大ごみの予約をしようとしたら、12月まで埋まっていると表示されました。\n"
     "引っ越しが11月末なので、何か方法はありますか。\n\n{sig}\n", {}),
    ("gomi-shigen", "seiso", "資源ごみの出し忘れ",
     "清掃事務所 御中\n\n資源ごみの日を勘違いして、1日遅れで出してしまいました。\n"
     "集積所に残っているのですが、次の収集日まで置いておいてよいでしょうか。ご迷惑をおかけしました。\n\n{sig}\n", {}),
    ("doro-mizutamari", "doboku", "歩道の水たまり",
     "土木課 ご担当者様\n\n{town}の歩道が雨のたびに大きな水たまりになり、ベビーカーで通れません。\n"
     "排水の具合を見ていただけないでしょうか。\n\n{sig}\n", {}),
    ("doro-kyokyo", "doboku", "カーブミラーの向き",
     "土木課 御中\n\n{town}の丁字路のカーブミラーが、強風で向きが変わってしまっています。\n"
     "車が見えにくく危ないので、直していただけますか。\n\n{sig}\n", {}),
    ("kokuho-hokenryo", "hoken", "国保の保険料の分割",
     "保険年金課 ご担当者様\n\n収入が減り、国民健康保険料を一度に払うのが難しくなりました。\n"
     "分割での支払いや減免の相談はできますか。\n\n{sig}\n", {}),
    ("kokuho-kougaku", "hoken", "高額療養費の申請",
     "保険年金課 御中\n\n先月入院し、医療費が高額になりました。\n高額療養費の申請に必要な書類を教えてください。\n"
     "領収書のコピーでもよいですか。\n\n{sig}\n", {}),
    ("zei-koza", "zeimu", "住民税の口座振替",
     "税務課 御中\n\n住民税を口座振替にしたいのですが、申込書はどこでもらえますか。\n"
     "ネットバンクの口座でも大丈夫でしょうか。\n\n{sig}\n", {}),
    ("zei-shomei", "zeimu", "課税証明書の取得",
     "税務課 ご担当者様\n\n住宅ローンの審査で課税証明書が必要になりました。\n"
     "昨年度分と今年度分の両方を取れますか。コンビニでも取れますか。\n\n{sig}\n", {}),
    ("event-marche", "bunka", "区役所前のマルシェについて",
     "文化振興課 御中\n\n毎月区役所前の広場でやっているマルシェに、手作りのパンで出店したいです。\n"
     "出店料と、保健所の許可が必要かどうかを教えてください。\n\n{sig}\n", {}),
    ("event-concert", "bunka", "区民ホールのコンサート",
     "文化振興課 御中\n\n12月の区民ホールのクリスマスコンサートのチケットは、いつから販売しますか。\n"
     "車椅子席はありますか。\n\n{sig}\n", {}),
    ("praise-koen", "doboku", "公園の整備ありがとうございました",
     "土木課の皆さま\n\n{town}公園のベンチと花壇がきれいになっていて、散歩が楽しみになりました。\n"
     "毎朝の散歩仲間もみんな喜んでいます。ありがとうございました。\n\n{sig}\n", {}),
    ("praise-bousai", "info", "防災講座のお礼",
     "防災課 御中\n\n先週の防災講座、とてもわかりやすかったです。\n"
     "家に帰ってすぐ、家族で避難場所を確認しました。またこのような講座を開いてください。\n\n{sig}\n", {}),
    ("complaint-annai", "kumin", "案内表示について",
     "区民課 御中\n\n新しい庁舎の案内表示がわかりにくく、区民課の場所を探して10分ほど迷いました。\n"
     "エレベーターの前に大きな案内を出していただけると助かります。\n\n{sig}\n", {}),
    ("complaint-hp", "koho", "ホームページの検索",
     "広報課 御中\n\n区のホームページで「粗大ごみ」と検索しても、関係のないページばかり出てきます。\n"
     "よく使われるページはトップに置いていただけないでしょうか。\n\n{sig}\n", {}),
    ("jidoukan-jikan", "kosodate", "児童館の利用時間",
     "子育て支援課 御中\n\n児童館は何歳まで利用できますか。\n中学生の息子が放課後に卓球をしたいと言っています。\n\n{sig}\n", {}),
    ("kaigo-haishoku", "fukushi", "配食サービスについて",
     "福祉課 ご担当者様\n\n高齢の母のために、区の配食サービスを利用したいと思っています。\n"
     "費用と申し込み方法を教えてください。\n\n{sig}\n", {}),
    ("keisatsu-soudan-dv", "soudan", "家族のことで相談したいです",
     "区民相談室 御中\n\n夫の暴言がひどく、子どもも怯えています。\n"
     "警察に相談するほどなのかわからず、まず区の相談窓口で話を聞いていただきたいです。\n"
     "メールでのやりとりは夫に見られる心配があるので、電話をいただける時間を書いておきます（平日10時から12時）。\n\n{sig}\n",
     dict(note="benign: 警察に相談, 暴言 - a resident asking for help")),
]

# a few more everyday residents
RESIDENT_MAILS += [
    ("gomi-touban", "seiso", "集積所の掃除当番について",
     "清掃事務所 御中\n\n{town}のマンションに住んでいます。\n集積所の掃除当番は、区で決まりがあるのでしょうか、それとも住民同士で決めるものでしょうか。\n\n{sig}\n", {}),
    ("ichiji-hoiku", "hoiku", "一時保育の利用について",
     "保育課 ご担当者様\n\n来月、通院のために子どもを一時保育に預けたいと考えています。\n"
     "登録はいつまでに済ませればよいでしょうか。\n\n{sig}\n", {}),
    ("hodokyo-ev", "doboku", "歩道橋のエレベーターが止まっています",
     "土木課 御中\n\n{town}駅前の歩道橋のエレベーターが、先週から止まったままです。\n"
     "ベビーカーや車椅子の人が困っています。復旧の予定を教えてください。\n\n{sig}\n", {}),
    ("kaigai-ryoyohi", "hoken", "海外療養費の申請",
     "保険年金課 御中\n\n旅行中に海外の病院にかかりました。\n国保の海外療養費の申請には、どの書類の翻訳が必要ですか。\n\n{sig}\n", {}),
    ("keijidosha-haisha", "zeimu", "軽自動車税と廃車",
     "税務課 ご担当者様\n\n3月に原付を廃車にしたのですが、今年度の軽自動車税の納付書が届きました。\n"
     "廃車の手続きが反映されていないのでしょうか。確認をお願いします。\n\n{sig}\n", {}),
    ("kumin-marathon", "bunka", "区民マラソンへの参加",
     "文化振興課 御中\n\n来年2月の区民マラソンに、親子の部で参加したいです。\n小学1年生でも参加できますか。\n\n{sig}\n", {}),
    ("madoguchi-hayaku", "kumin", "窓口が早くなりました",
     "区民課の皆さま\n\n今日、転入の手続きに伺いましたが、以前よりずっと早く終わって驚きました。\n"
     "案内の方も親切でした。ありがとうございます。\n\n{sig}\n", {}),
    ("kuho-haifu", "koho", "区報が届きません",
     "広報課 御中\n\n{town}3丁目ですが、ここ2か月ほど区報がポストに入っていません。\n"
     "配布の委託先に確認していただけますか。\n\n{sig}\n", {}),
]

# an online mob after a (fictional) news story: many different people at one free-mail domain the
# same night. Each is a separate person (no group); gmail.com must still carry no domain flag.
MOB_SENTENCES = [
    ("横領役所。恥を知れ。", [A]), ("税金泥棒の巣窟。", [A]), ("ニュース見たぞ。お前ら全員クズだな。", [A]),
    ("公務員なんて全員給料泥棒。", [A]), ("役所ごと潰れろ。", [A]), ("恥さらし区役所。", [A]),
    ("お前らに払う税金はもうない。無能集団。", [A]), ("全員クビにしろ。", [D]), ("記者会見で土下座しろ。", [D]),
    ("Useless thieves. Shame on Midori Ward.", [A]), ("盗人猛々しいとはこのことだ。", [A]), ("ゴミ役所。", [A]),
    ("区民をなめるな。税金泥棒ども。", [A]), ("関係した職員の名前を全部公表しろ。", [D]),
]
MOB_LOCALS = ["hiro.n.1983", "yukiko.w", "tk.tanaka.88", "m.hasegawa.2001", "kenji19700505", "sora.blue.99",
              "d.ishikawa.work", "naoko.k.kk", "ryuu.t.1992", "mi.ka.chan", "shun.f.0312", "otosan.1966"]


def build_mob() -> None:
    rng = Rng("mob")
    for k, lp in enumerate(MOB_LOCALS):
        style = rng.sample(MOB_SENTENCES, 3)
        n = 6 + rng.below(5)

        def mob(i, r, style=style):
            a_, b_ = r.choice(style), r.choice(style)
            parts = [a_] if a_ == b_ or r.chance(0.5) else [a_, b_]
            cats = sorted({c for _, cs in parts for c in cs}, key=CATEGORIES.index)
            return (r.choice(["ニュース見た", "区役所へ", "横領の件", "抗議", "恥を知れ"]),
                    "\n".join(t for t, _ in parts) + "\n", cats, "online mob after a news story (one person of 12)")
        volume_sender(f"mob-{k}", f"{lp}@gmail.com", None,
                      f"online mob after a news story: one of 12 different people at gmail.com the same night ({n} mails)",
                      "u8b" if k % 2 else "u8q", "info", spread(rng, day(39) + timedelta(hours=20), 5, n), mob, [])


# ---------------------------------------------------------------------------
# volume senders
# ---------------------------------------------------------------------------

GRIPES = [
    ("今朝もごみ収集車が家の前に路上駐車していた。", N), ("区報の字が小さすぎて読めない。誰が作ってるんだ、無能か。", [A]),
    ("図書館の職員がカウンターで私語をしていた。", N), ("公園のトイレが汚い。掃除していないだろう。", N),
    ("駅前の信号が長すぎる。区で何とかできないのか。", N), ("区のホームページがまた繋がらない。税金の無駄遣い。", N),
    ("窓口の連中は本当に役立たずだな。", [A]), ("選挙ポスターの掲示板が歩道の邪魔。", N),
    ("区民センターの冷房が効きすぎ。", N), ("広報誌を作ってる連中はバカなのか。", [A]),
    ("さっきのメールの返事がまだない。どうせ読んでないんだろ。", N), ("歩道の植え込みが伸びすぎて前が見えない。", N),
    ("区長の写真が区報に多すぎる。自己宣伝か。", N), ("給料泥棒ども、少しは働け。", [A]),
    ("保健センターの電話が話し中ばかり。", N), ("街路樹の落ち葉が多い。", N), ("税務課のやつらはクズばかり。", [A]),
    ("防災無線の音が割れていて聞こえない。", N), ("児童館の子どもの声がうるさい。", N), ("住民票の手数料が高い。", N),
    ("自転車のマナーが悪い。取り締まれないのか。", N), ("区の職員はどいつもこいつも無能。", [A]),
    ("バス停のベンチが壊れている。", N), ("横断歩道の白線が消えている。", N), ("区の封筒、紙がもったいない。", N),
    ("役所の仕事なんか猿でもできる。", [A]), ("商店街の放送がうるさい。", N), ("カラスが多い。", N),
    ("税金泥棒の巣窟だな、区役所は。", [A]), ("もう寝る。明日もまた書く。", N),
]

EN_INSULT_A = ["useless", "lazy", "pathetic", "incompetent", "worthless", "clueless"]
EN_INSULT_B = ["bureaucrats", "parasites", "idiots", "clowns", "morons"]
EN_INSULT_C = ["Do you even work?", "What a joke of an office.", "My taxes pay for THIS?",
               "Embarrassing.", "Shame on all of you.", "Unbelievable."]

JP_INSULTS = ["税金泥棒", "給料泥棒", "無能", "役立たず", "ゴミ役人", "クズ公務員", "能無し", "税金泥棒ども"]
JP_INSULT_TAIL = ["辞めちまえ", "恥を知れ", "仕事しろ", "消えろ", "二度と窓口に座るな", "働け"]


def times_in(rng: Rng, start: datetime, hours: float, n: int) -> list[datetime]:
    ts = spread(rng, start, hours, n)
    return ts


def volume_sender(key: str, address: str, name: str | None, kind: str, enc: str, to: str,
                  times: list[datetime], make, flags: list[str], group: str | None = None,
                  ip: str | None = None) -> Sender:
    """make(i, rng) -> Msg fields (subject, text, cats, note[, html, attachments])"""
    rng = Rng("volume", key)
    msgs = []
    for i, t in enumerate(sorted(times)):
        subj, text, cats, note = make(i, rng)
        msgs.append(Msg(when=t, subject=subj, text=text, cats=cats, note=note))
    return add_sender(Sender(address=claim(address), name=name, kind=kind, msgs=msgs, flags=flags,
                             enc=enc, to=TO_ADDRS[to], group=group, ip=ip))


def build_volume() -> None:
    # ---- high volume (20-99 in 24 h, or a burst of 10+ in one hour) ----
    r = Rng("hv-gripes")
    order = r.shuffle(list(range(len(GRIPES))))

    def gripes(i, rng):
        g = GRIPES[order[i]]
        return (rng.choice(["区役所へ", "苦情", "また", "一言", "意見", "区役所の皆さんへ"]), g[0] + "\n",
                list(g[1]), "one of 30 different gripes in a day")
    volume_sender("hv-gripes", "t.hamada1950@example.ne.jp", "濱田 勉",
                  "high volume: 30 different gripes in one day, some insulting", "jis", "info",
                  spread(r, day(16) + timedelta(hours=7), 16, 30), gripes, ["high_volume"])

    def denwa(i, rng):
        body = rng.choice(["今すぐ電話しろ。", "電話しろと言ってるだろ。今すぐだ。", "さっさと電話をよこせ。",
                           "今すぐ折り返せ。番号は知ってるだろ。", "いつまで待たせる。今すぐ電話しろ。"])
        return (rng.choice(["電話しろ", "至急", "まだか", "今すぐ"]), body + "\n", [D], f"burst {i + 1}/12: call me now")
    volume_sender("hv-burst", "rush.k@softbank.ne.jp", None,
                  "high volume by burst: 12 'call me now' mails in 40 minutes", "sjis", "hoken",
                  spread(Rng("hv-burst-t"), day(27) + timedelta(hours=9, minutes=10), 40 / 60, 12), denwa,
                  ["high_volume", "repeated_same_purpose"])

    def en_insults(i, rng):
        a, b = EN_INSULT_A[i % len(EN_INSULT_A)], EN_INSULT_B[(i // len(EN_INSULT_A)) % len(EN_INSULT_B)]
        return (rng.choice(["Midori Ward office", "Again", "Hey", "Comment", "Feedback"]),
                f"You {a} {b}. {EN_INSULT_C[i % len(EN_INSULT_C)]}\n", [A], "English insults, 30 in 10 hours")
    volume_sender("hv-english", "angry.resident.midori@gmail.com", None,
                  "high volume: 30 English insults in 10 hours", "ascii", "info",
                  spread(Rng("hv-english-t"), day(37) + timedelta(hours=11), 10, 30), en_insults, ["high_volume"])

    def kaito(i, rng):
        body = rng.choice(["回答しろ。", "早く回答しろ。", "まだ回答がない。回答しろ。", "いい加減に回答しろ。",
                           "回答しろと言っている。", "なぜ回答しない。今すぐ回答しろ。"])
        if rng.chance(0.3):
            body += "\n" + rng.choice(["固定資産税の評価額の件だ。", "評価額の根拠を示せ。", "10月の質問の件だ。"])
        return (rng.choice(["回答しろ", "固定資産税", "Re: 固定資産税", "至急"]), body + "\n", [D],
                "95 mails in 23 hours: just below a bomb")
    volume_sender("hv-95", "h.nagao@example.co.jp", "長尾 博",
                  "high volume at the boundary: 95 'answer me' mails in 23 hours (not a bomb)", "jis", "zeimu",
                  spread(Rng("hv-95-t"), day(44) + timedelta(minutes=30), 23, 95), kaito,
                  ["high_volume", "repeated_same_purpose"])

    def insults3(i, rng):
        w = rng.choice(JP_INSULTS)
        t_ = rng.choice(JP_INSULT_TAIL)
        return (rng.choice([w, "区役所", "見てるか", ""]) or "区役所へ", f"{w}。{t_}。\n", [A],
                "insults, about 43 a day for three days")
    r5 = Rng("hv-3days-t")
    t5 = []
    for d_ in (3, 4, 5):
        t5 += spread(r5, day(d_) + timedelta(hours=7), 16, 43 + (1 if d_ == 4 else 0))
    volume_sender("hv-3days", "kuyakusho.mitenai@yahoo.co.jp", None,
                  "high volume: 130 insulting mails over three days (about 43 a day, never 100 in 24 h)",
                  "u8b", "info", t5, insults3, ["high_volume"])

    def polite_kyufu(i, rng):
        body = rng.choice([
            "給付金の振込がまだです。至急ご確認ください。",
            "先ほどもお送りしましたが、給付金の振込状況を至急ご確認いただけますか。",
            "給付金の件、確認していただけましたでしょうか。お返事をお待ちしています。",
            "何度もすみません。給付金はいつ振り込まれますか。至急ご確認ください。",
        ])
        return ("給付金の振込について" if i == 0 else rng.choice(["Re: 給付金の振込について", "給付金の件", "【至急】給付金"]),
                body + "\n池内\n", [], "polite but the same question 22 times in one day")
    volume_sender("hv-polite", "m.ikeuchi@example.ne.jp", "池内 真由美",
                  "high volume, polite: the same question 22 times in one day (no insult, no demand beyond asking)",
                  "jis", "fukushi", spread(Rng("hv-polite-t"), day(19) + timedelta(hours=9), 9, 22), polite_kyufu,
                  ["high_volume", "repeated_same_purpose"])

    def burst10(i, rng):
        w = JP_INSULTS[i % len(JP_INSULTS)]
        return ("区役所", f"{w}！{JP_INSULT_TAIL[i % len(JP_INSULT_TAIL)]}！\n", [A], "10 insults within 50 minutes")
    r8 = Rng("hv-burst10-t")
    t8 = spread(r8, day(56) + timedelta(hours=22), 50 / 60, 10) + [day(57) + timedelta(hours=12, minutes=3),
                                                                  day(57) + timedelta(hours=18, minutes=40)]
    volume_sender("hv-burst10", "m.yasuda@icloud.com", None,
                  "high volume by burst: 10 insults in 50 minutes, 2 more the next day", "u8q", "info", t8, burst10,
                  ["high_volume"])

    # ---- one actor rotating six free-mail addresses (group kept in one split) ----
    rot_addrs = ["midori.kumin.01@gmail.com", "midorikumin_02@yahoo.co.jp", "mk03.midori@docomo.ne.jp",
                 "midori-k04@ezweb.ne.jp", "mkumin05@softbank.ne.jp", "midori.k06@icloud.com"]
    rot = Rng("rotator")
    for k, ad in enumerate(rot_addrs):
        n = 20 + rot.below(9)

        def rotmsg(i, rng, k=k):
            d = rng.choice(["区長を出せ。", "区長に代われ。", "区長が直接謝罪しろ。", "区長を出せと言っている。"])
            a = rng.choice(["税金泥棒ども。", "無能な職員に用はない。", "税金泥棒が。", "給料泥棒は黙ってろ。"])
            return (rng.choice(["区長を出せ", "税金泥棒", "区長", "要求"]), f"{d}\n{a}\n", [A, D],
                    f"address {k + 1} of 6 used by one actor; 区長を出せ + insults")
        enc = "sjis" if ad.split("@")[1] in ("docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp") else "u8b"
        volume_sender(f"rotator-{k}", ad, None,
                      f"one actor on six free-mail addresses (this: {k + 1}/6), {n} mails in one day",
                      enc, "kucho", spread(rot, day(49) + timedelta(hours=8), 14, n), rotmsg,
                      ["high_volume", "repeated_same_purpose"], group="rotator-midori-kumin")

    # ---- mail bombs: 100+ in 24 h ----
    def mb1(i, rng):
        return ("税金泥棒", "税金泥棒!税金泥棒!税金泥棒!\n", [A], "identical text (source-document example)")
    volume_sender("mb-identical", "kenta.o.1977@example.ne.jp", None,
                  "mail bomb: 320 identical 税金泥棒 mails in 6 hours", "jis", "info",
                  spread(Rng("mb1-t"), day(33) + timedelta(hours=23), 6, 320), mb1, ["mail_bomb"])

    def mb2(i, rng):
        base = rng.choice(["無視するな!誠意を見せろ!辞めちまえ!", "無視するな！誠意を見せろ！辞めちまえ！",
                           "おい、無視するな!誠意を見せろ!辞めちまえ!", "無視するな!!誠意を見せろ!!辞めちまえ!!"])
        if rng.chance(0.5):
            base += f"（{i + 1}通目）"
        return (rng.choice(["無視するな", "誠意を見せろ", "辞めちまえ"]), base + "\n", [A, D],
                "lightly varied: 無視するな!誠意を見せろ!辞めちまえ! (source-document example)")
    volume_sender("mb-seii", "s.furuya@example.co.jp", "古谷 聡",
                  "mail bomb: 150 lightly varied 誠意を見せろ/辞めちまえ mails in 10 hours", "sjis", "kumin",
                  spread(Rng("mb2-t"), day(21) + timedelta(hours=8), 10, 150), mb2,
                  ["mail_bomb", "repeated_same_purpose"])

    def mb3(i, rng):
        return (rng.choice(["回答しろ", "税金泥棒", "訴えてやる", "回答しろ!"]), "税金泥棒!回答しろ!訴えてやる!\n", [A, D],
                "source-document example; 訴えてやる is a lawsuit, not a threat of harm")
    volume_sender("mb-600", "y.kamata@asahi-net.example", None,
                  "mail bomb: 600 税金泥棒!回答しろ!訴えてやる! mails in 20 hours (数百件)", "jis", "info",
                  spread(Rng("mb3-t"), day(45) + timedelta(hours=2), 20, 600), mb3,
                  ["mail_bomb", "repeated_same_purpose"])

    def mb4(i, rng):
        return (rng.choice(["USELESS", "TAX THIEVES", "PARASITES"]),
                rng.choice(["USELESS TAX THIEVES!!! WORTHLESS PARASITES!!!",
                            "USELESS TAX THIEVES!!!! WORTHLESS PARASITES!!!!",
                            "useless tax thieves!!! worthless parasites!!!"]) + "\n", [A], "English bomb")
    volume_sender("mb-english", "furious.taxpayer@outlook.jp", None,
                  "mail bomb (English): 200 mails in 4 hours", "ascii", "info",
                  spread(Rng("mb4-t"), day(11) + timedelta(hours=1), 4, 200), mb4, ["mail_bomb"])

    def mb5(i, rng):
        return ("ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ", f"ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ{rng.choice(['💢', '💢💢', '!!', '‼', ''])} {i + 1}\n", [A],
                "half-width katakana + emoji + counter")
    volume_sender("mb-hankaku", "nekomata.2026@gmail.com", None,
                  "mail bomb from a free-mail address: 130 half-width ｾﾞｲｷﾝﾄﾞﾛﾎﾞｰ mails in 8 hours", "u8q", "info",
                  spread(Rng("mb5-t"), day(53) + timedelta(hours=15), 8, 130), mb5, ["mail_bomb"])

    def mb6(i, rng):
        return (rng.choice(["🔥🔥🔥", "燃やすぞ", "庁舎"]),
                rng.choice(["庁舎燃やすぞ🔥 クソ役所", "庁舎を燃やすぞ🔥🔥 クソ役所が", "燃やすぞ🔥 クソ役所 燃やすぞ🔥"]) + "\n",
                [T, A], "arson threat + insult, repeated")
    volume_sender("mb-moyasu", "t.ohtsuka@docomo.ne.jp", None,
                  "mail bomb with threats: 110 '庁舎燃やすぞ' mails in 5 hours (mobile)", "sjis", "info",
                  spread(Rng("mb6-t"), day(42), 5, 110), mb6, ["mail_bomb"])

    def mb7(i, rng):
        return (rng.choice(["回答しろ", "回答しろ!!", f"回答しろ {i + 1}", "回答しろ！"]), "", [D],
                "empty body; the demand is only in the Subject")
    volume_sender("mb-empty", "k.sakai.77@example.ne.jp", None,
                  "mail bomb: 250 empty-body mails in 3 hours, subject 回答しろ", "jis", "zeimu",
                  spread(Rng("mb7-t"), day(7) + timedelta(hours=13), 3, 250), mb7,
                  ["mail_bomb", "repeated_same_purpose"])

    def mb8(i, rng):
        return (rng.choice(["ゴミ役人", "役人へ", "見てるか"]),
                f"ゴミ役人{rng.choice(['', 'ども', 'が'])}。{rng.choice(JP_INSULT_TAIL)}。\n", [A], "100 in 23 hours")
    volume_sender("mb-100", "goro.t@yahoo.co.jp", None,
                  "mail bomb at the boundary: exactly 100 mails in 23 hours", "u8b", "info",
                  spread(Rng("mb8-t"), day(58) + timedelta(minutes=10), 23, 100), mb8, ["mail_bomb"])

    # ---- domain-level bomb: 30 addresses at one private domain, 5-8 mails each, one night ----
    dr = Rng("domain-bomb")
    words = ["sakura", "tanuki", "kitsune", "hayate", "raijin", "kaze", "yami", "tsuki", "hoshi", "kumo",
             "ryu", "tora", "kuma", "taka", "washi", "inu", "neko", "usagi", "kame", "hebi"]
    locals_ = []
    while len(locals_) < 24:
        lp = f"{dr.choice(words)}{dr.randint(10, 999)}"
        if lp not in locals_:
            locals_.append(lp)
    for k, lp in enumerate(locals_):
        n = 6 + dr.below(5)

        def dmsg(i, rng):
            w = rng.choice(JP_INSULTS)
            return (rng.choice([w, "区役所へ", "抗議", "みどり区役所"]),
                    f"{w}！{rng.choice(JP_INSULT_TAIL)}！\n{rng.choice(['みどり区役所は最低だ。', '区役所を許さない。', '職員は全員クズ。', ''])}\n",
                    [A], "domain-level bomb member")
        volume_sender(f"domain-{k}", f"{lp}@kougeki-net.example", None,
                      f"domain-level bomb member ({n} mails; 24 addresses at kougeki-net.example in one night)",
                      "u8b", "info", spread(dr, day(46) + timedelta(hours=1), 6, n), dmsg, [],
                      group="domain:kougeki-net.example", ip="198.51.100.66")

# ---------------------------------------------------------------------------
# legitimate bulk senders and a legitimate multi-address domain
# ---------------------------------------------------------------------------

MEDIA = ["みどり新聞", "東都日報", "区民タイムス", "ローカルWEBニュース", "首都圏経済新聞", "週刊まちかど", "地域情報ラジオ"]
NEWS = [
    ("{town}で空き巣被害相次ぐ　区と警察が注意呼びかけ",
     "{town}周辺で今月に入り空き巣被害が{n}件確認された。区は防犯カメラ設置の補助を拡充する方針。"),
    ("{town}の住宅で火災　{n}人けが",
     "{town}の木造住宅で火災があり、住人{n}人が軽いけがをした。区は火の元の点検を呼びかけている。"),
    ("区、{town}に新たな保育施設　定員{n}0人",
     "みどり区は{town}に新たな保育施設を整備すると発表した。待機児童の解消を目指す。"),
    ("区役所を名乗る還付金詐欺　{town}で{n}件",
     "区役所職員を名乗る不審な電話が{town}で相次いでいる。区は「ATMで還付金は受け取れない」と注意を促す。"),
    ("{town}の商店街でハロウィンイベント　{n}千人が来場",
     "{town}商店街で恒例のハロウィンイベントが開かれ、仮装した親子連れでにぎわった。"),
    ("区議会、{town}の道路拡幅で議論　事業費{n}億円",
     "区議会の委員会で、{town}の区道拡幅事業について質疑があった。"),
    ("カスハラ対策、区が職員研修　{n}回目",
     "みどり区はカスタマーハラスメント対策の職員研修を開いた。暴言や長時間の拘束への対応を学んだ。"),
    ("{town}の河川敷、台風で冠水　{n}日ぶりに開放",
     "台風の影響で冠水していた{town}の河川敷が、清掃を終えて再び開放された。"),
    ("区立{town}小学校で防災訓練　児童{n}00人参加",
     "区立{town}小学校で引き渡し訓練を兼ねた防災訓練が行われた。"),
    ("区の粗大ごみ予約、{n}週間待ちに",
     "引っ越しシーズンを前に、区の粗大ごみ収集の予約が混み合っている。"),
    ("{town}で高齢者見守りネットワーク発足　協力店{n}0店",
     "{town}の商店や郵便局が参加する見守りネットワークが発足した。"),
    ("区の税収、前年度比{n}%増",
     "みどり区の決算見込みで、区民税収入が前年度を上回った。"),
    ("{town}の公園で不審火　ベンチ{n}脚焼ける",
     "{town}の公園でベンチが焼ける不審火があった。警察が放火の疑いで調べている。"),
    ("区長、{town}の再開発で住民説明会　{n}00人参加",
     "区長が{town}の再開発計画について住民説明会に出席した。"),
]


def build_legit_bulk() -> None:
    rng = Rng("clipping")
    combos = [(ti, town, n) for ti in range(len(NEWS)) for town in TOWNS for n in range(2, 9)]
    rng.shuffle(combos)
    chosen = combos[:190]
    times = spread(rng, day(19) + timedelta(hours=6, minutes=30), 16, 190)
    msgs = []
    for k, ((ti, town, n), t) in enumerate(zip(chosen, times)):
        media = MEDIA[(ti + TOWNS.index(town) + n) % len(MEDIA)]
        head, summ = NEWS[ti]
        head = head.replace("{town}", town).replace("{n}", str(n))
        summ = summ.replace("{town}", town).replace("{n}", str(n))
        body = (f"配信元: {media}\n掲載日: 2026年10月20日\n見出し: {head}\n\n{summ}\n\n"
                f"-- \nみどり区 報道クリッピング（配信番号 20261020-{k + 1:03d}）\n"
                "配信停止・設定変更: https://press-clip.example/settings\n")
        extra = []
        if k % 3 != 2:
            extra = ["List-Id: =?UTF-8?B?" + base64.b64encode("みどり区 報道クリッピング".encode()).decode() +
                     "?= <midori.press-clip.example>",
                     "List-Unsubscribe: <mailto:unsubscribe@press-clip.example?subject=midori>, "
                     "<https://press-clip.example/unsubscribe/midori>",
                     "Precedence: bulk"]
        msgs.append(Msg(when=t, subject=f"[クリッピング] {head}", text=body, extra=extra,
                        enc="u8b",
                        note="news clipping; news words (空き巣, 火災, 詐欺, 放火, カスハラ) are reporting, not harassment"))
    add_sender(Sender(address=claim("clip@press-clip.example"), name="みどり区 報道クリッピング",
                      kind="legitimate bulk: press-clipping service, 190 distinct mails in one day (List-Id on two thirds)",
                      msgs=msgs, enc="u8b", to=TO_ADDRS["koho"], volume_exempt=True, ip="192.0.2.25"))

    r2 = Rng("sensor")
    stations = ["みどり橋", "若葉橋", "川端水門", "東みどり排水機場"]
    times = spread(r2, day(10) + timedelta(hours=2), 18, 40)
    msgs = []
    for k, t in enumerate(times):
        st = stations[k % len(stations)]
        peak = 1.0 - abs(k - 20) / 20
        level = round(1.2 + 2.6 * peak + r2.below(10) / 100, 2)
        status = "氾濫注意" if level >= 3.2 else ("水防団待機" if level >= 2.5 else "平常")
        body = (f"みどり川水位観測 自動通知\n\n観測所: {st}\n観測時刻: {t:%Y-%m-%d %H:%M}\n水位: {level:.2f} m\n"
                f"状態: {status}\n前回比: {'+' if peak >= 0.5 else ''}{round((r2.below(40) - 15) / 100, 2)} m\n\n"
                "このメールは水位観測システムから自動送信されています。返信はできません。\n")
        msgs.append(Msg(when=t, subject=f"[自動通知] みどり川 {st} 水位 {level:.2f}m ({status})", text=body,
                        extra=["Auto-Submitted: auto-generated"], enc="u8q",
                        note="automatic river-level alert during a typhoon"))
    add_sender(Sender(address=claim("alert@suii-monitor.example"), name="水位観測システム",
                      kind="legitimate automatic sender: 40 distinct river-level alerts in 18 hours (Auto-Submitted)",
                      msgs=msgs, enc="u8q", to=TO_ADDRS["info"], volume_exempt=True, ip="192.0.2.40"))

    school = [
        ("sano", "佐野 恵", "社会科見学の人数について",
         "みどり区役所 広報課 ご担当者様\n\nみどり小学校3年1組担任の佐野です。\n11月の社会科見学では、3年生64名と引率4名で伺います。\n"
         "当日の集合場所は正面玄関でよろしいでしょうか。\n\nみどり小学校 佐野"),
        ("kudo", "工藤 大樹", "見学当日のバスについて",
         "広報課 御中\n\nみどり小学校の工藤です。\n当日は貸切バス2台で伺います。区役所の駐車場に停められますか。\n\nみどり小学校 工藤"),
        ("arai", "新井 真央", "アレルギーのある児童について",
         "ご担当者様\n\nみどり小学校の養護教諭、新井です。\n見学中にお菓子などを配る予定はありますか。食物アレルギーのある児童が数名おります。\n\n新井"),
        ("hori", "堀 和人", "質問コーナーについて",
         "広報課 御中\n\n3年2組担任の堀です。\n子どもたちが区長さんへの質問を考えています。質問は事前にお送りした方がよいでしょうか。\n\n堀"),
        ("mizuno", "水野 恵美", "写真撮影の許可",
         "ご担当者様\n\nみどり小学校の水野です。\n見学の様子を学校だよりに載せたいのですが、庁舎内で写真を撮ってもよいですか。職員の方が写らないようにします。\n\n水野"),
        ("ozaki", "尾崎 亮", "昼食場所について",
         "広報課 ご担当者様\n\n教務主任の尾崎です。\n見学後に、区役所前の広場でお弁当を食べさせていただくことはできますか。雨天の場合の場所もご相談させてください。\n\n尾崎"),
        ("kishi", "岸 祐介", "議場の見学",
         "ご担当者様\n\nみどり小学校の岸です。\nもし可能であれば、区議会の議場も見学させていただきたいです。\n\n岸"),
        ("murata", "村田 春香", "配布資料について",
         "広報課 御中\n\nみどり小学校の村田です。\n子ども向けの区の紹介パンフレットを人数分いただくことはできますか。\n\n村田"),
        ("oka", "岡 智也", "特別支援学級の児童の参加",
         "ご担当者様\n\n特別支援学級担任の岡です。\n車椅子の児童が1名参加します。エレベーターの利用についてご配慮いただけますと幸いです。\n\n岡"),
        ("fukui", "福井 尚子", "見学のお礼",
         "みどり区役所 広報課の皆さま\n\n校長の福井です。\n社会科見学の受け入れについて、職員の皆さまのご協力に感謝申し上げます。当日はよろしくお願いいたします。\n\nみどり小学校 校長 福井"),
    ]
    r3 = Rng("school")
    for key, name, subj, body in school:
        t = day(22) + timedelta(hours=r3.randint(8, 16), minutes=r3.below(60), seconds=r3.below(60))
        msgs = [Msg(when=t, subject=subj, text=body + "\n", note="teacher at a school visiting the ward office")]
        if r3.chance(0.3):
            msgs.append(Msg(when=t + timedelta(minutes=r3.randint(20, 90)), subject="Re: " + subj,
                            text="先ほどのメールの補足です。\n当日の連絡先は学校の代表番号でお願いいたします。\n" +
                                 body.splitlines()[-1] + "\n", note="short follow-up"))
        add_sender(Sender(address=claim(f"{key}@midori-sho.example"), name=name,
                          kind="legitimate multi-address domain: teachers of one school writing the same day",
                          msgs=msgs, enc="jis", to=TO_ADDRS["koho"], group="domain:midori-sho.example",
                          ip="192.0.2.80"))


# ---------------------------------------------------------------------------
# attachments (small, deterministic, well-formed)
# ---------------------------------------------------------------------------

def png_bytes(seed: str, w: int = 24, h: int = 16) -> bytes:
    import struct
    import zlib
    rng = Rng("png", seed)
    raw = b"".join(b"\x00" + bytes(rng.below(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def jpg_bytes(seed: str) -> bytes:
    rng = Rng("jpg", seed)
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" +
            bytes(rng.below(256) for _ in range(600)) + b"\xff\xd9")


def pdf_bytes(title: str) -> bytes:
    text = f"BT /F1 12 Tf 72 720 Td ({title}) Tj ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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


def attachment(kind: str, seed: str) -> Attachment:
    if kind == "photo-jpg":
        return Attachment("写真.jpg", "image/jpeg", jpg_bytes(seed))
    if kind == "screenshot-png":
        return Attachment("screenshot.png", "image/png", png_bytes(seed))
    raise AssertionError(kind)


# ---------------------------------------------------------------------------
# ordinary residents, English residents and awkward inputs
# ---------------------------------------------------------------------------

def resident_enc(rng: Rng, address: str) -> str:
    dom = address.split("@")[1]
    if dom in ("docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp"):
        return rng.choice(["sjis", "sjis", "sjis", "u8b"])
    return rng.choice(["jis", "jis", "jis", "jis", "sjis", "euc", "u8b", "u8b", "u8q", "u8q", "u88"])


def signature(rng: Rng, fam: str, full: str, town: str) -> str:
    return rng.choice([full, fam, f"{full}（{town}在住）", f"{town} {full}", f"{fam}"])


def build_residents() -> None:
    for key, to, subj, body, opt in RESIDENT_MAILS:
        rng = Rng("resident", key)
        addr, disp, fam, full, town = resident_identity(key)
        sig = signature(rng, fam, full, town)
        enc = opt.get("enc") or resident_enc(rng, addr)
        total_gap = sum(f[0] for f in opt.get("follow", []))
        d = resident_day(rng, 0, 58 - total_gap)
        t = office_time(rng, d)
        fill = lambda s: s.replace("{sig}", sig).replace("{town}", town).replace("{fam}", fam)  # noqa: E731
        atts = [attachment(opt["att"], key)] if opt.get("att") else []
        msgs = [Msg(when=t, subject=fill(subj), text=fill(body), attachments=atts,
                    mentions=list(opt.get("mentions", [])), note=opt.get("note", ""))]
        last = t
        for gap, fsubj, fbody, fkind in opt.get("follow", []):
            last = office_time(rng, last.replace(hour=0, minute=0, second=0) + timedelta(days=gap))
            msgs.append(Msg(when=last, subject=fill(fsubj), text=fill(fbody), note=f"follow-up: {fkind}"))
        reminder = any(f[3].startswith("reminder") for f in opt.get("follow", []))
        kind = f"resident [{key}]" + (": one polite reminder (not a repeat)" if reminder else
                                     (": several mails on different matters" if len(msgs) > 2 else ""))
        if opt.get("note"):
            kind += f" ({opt['note']})"
        name = disp if rng.chance(0.8) else None
        add_sender(Sender(address=addr, name=name, kind=kind, msgs=msgs, enc=enc, to=TO_ADDRS[to]))

    for name, addr, to, subj, body, opt in ENGLISH_RESIDENTS:
        rng = Rng("english", addr)
        total_gap = sum(f[0] for f in opt.get("follow", []))
        t = office_time(rng, resident_day(rng, 0, 58 - total_gap))
        msgs = [Msg(when=t, subject=subj, text=body, mentions=list(opt.get("mentions", [])),
                    note=opt.get("note", "English resident"))]
        last = t
        for gap, fsubj, fbody, fkind in opt.get("follow", []):
            last = office_time(rng, last.replace(hour=0, minute=0, second=0) + timedelta(days=gap))
            msgs.append(Msg(when=last, subject=fsubj, text=fbody, note=f"follow-up: {fkind}"))
        enc = opt.get("enc") or ("ascii" if is_ascii(body + subj) else "u8b")
        kind = "resident (English)" + (": one polite reminder (not a repeat)" if opt.get("follow") else "")
        if opt.get("note"):
            kind += f" ({opt['note']})"
        add_sender(Sender(address=claim(addr), name=name, kind=kind, msgs=msgs, enc=enc, to=TO_ADDRS[to]))

    # ---- awkward inputs (all ordinary) ----
    r = Rng("awkward")
    a1 = claim("kenji.hori@example.ne.jp")
    t = office_time(r, day(14))
    add_sender(Sender(address=a1, name="堀 健二", kind="resident: an empty mail sent by mistake, then the real one",
                      enc="jis", to=TO_ADDRS["kumin"], msgs=[
                          Msg(when=t, subject="住民票について", text="", note="empty body"),
                          Msg(when=t + timedelta(minutes=3), subject="住民票について",
                              text="区民課 御中\n\n先ほどは本文のないメールを送ってしまい失礼しました。\n"
                                   "住民票の写しは、本籍地入りのものを取れますか。\n\n堀\n", note="the real mail")]))
    a2 = claim("office.tamura@kaisha.example.co.jp")
    add_sender(Sender(address=a2, name="田村 商店", kind="resident: attachment only (PDF), no text part",
                      enc="jis", to=TO_ADDRS["zeimu"], msgs=[
                          Msg(when=office_time(r, day(23)), subject="申請書",
                              attachments=[Attachment("申請書.pdf", "application/pdf", pdf_bytes("Application form"))],
                              note="attachment only, no text part")]))
    a3 = claim("photo.ueno@icloud.com")
    add_sender(Sender(address=a3, name=None, kind="resident: attachment only (PNG), no text part",
                      enc="u8b", to=TO_ADDRS["doboku"], msgs=[
                          Msg(when=office_time(r, day(34)), subject="写真",
                              attachments=[Attachment("IMG_0412.png", "image/png", png_bytes("ueno", 40, 30))],
                              note="attachment only (a photo of a broken fence), no text part")]))
    a4 = claim("info@sakura-cafe.example.co.jp")
    add_sender(Sender(address=a4, name="カフェさくら", kind="resident business: HTML-only mail with <br> and entities",
                      enc="u8q", to=TO_ADDRS["bunka"], msgs=[
                          Msg(when=office_time(r, day(29)), subject="マルシェ出店のお礼",
                              html="<html><head><title>お礼</title></head><body>\n"
                                   "<p>文化振興課 御中</p>\n<p>先日のマルシェでは大変お世話になりました。<br>\n"
                                   "「パン&amp;コーヒー」のブースに、たくさんの方に来ていただきました&#x1F60A;<br>\n"
                                   "次回も&quot;ぜひ&quot;参加させてください&nbsp;&#9749;</p>\n"
                                   "<p>カフェさくら&nbsp;店主</p></body></html>\n",
                              note="HTML only; entities &amp; &quot; &nbsp; &#x1F60A;")]))
    a5 = claim("aaaaa.midori@gmail.com")
    add_sender(Sender(address=a5, name=None,
                      kind="awkward input: one mail of about 1 MB of one repeated character (a stuck key)",
                      enc="u8b", to=TO_ADDRS["info"], msgs=[
                          Msg(when=day(24) + timedelta(hours=23, minutes=58, seconds=12), subject="あ",
                              text="あ" * 349_525, note="1 MB of one repeated character, no line break; no category")]))
    a6 = claim("lin.mei@outlook.jp")
    add_sender(Sender(address=a6, name="林 美", kind="resident: mixed languages (Chinese, Korean, Japanese)",
                      enc="u8b", to=TO_ADDRS["seiso"], msgs=[
                          Msg(when=office_time(r, day(18)), subject="多言語のごみ分別ガイド / 垃圾分类指南",
                              text="您好！我住在绿区。请问有中文的垃圾分类指南吗？\n"
                                   "안녕하세요. 한국어 안내도 있나요?\n"
                                   "日本語も少しわかります。よろしくお願いします。\n林\n", note="mixed languages")]))
    a7 = claim("yu.kondo@softbank.ne.jp")
    t7 = office_time(r, day(12))
    add_sender(Sender(address=a7, name=None, kind="resident: a question, then an emoji-only thank-you",
                      enc="u8b", to=TO_ADDRS["kosodate"], msgs=[
                          Msg(when=t7, subject="児童館の予約",
                              text="児童館の工作教室は予約が必要ですか？\n近藤\n", note="question"),
                          Msg(when=t7 + timedelta(days=1, hours=2), subject="Re: 児童館の予約",
                              text="🙏🙏🙏✨\n", note="emoji-only thanks")]))


def build_few_mail_harassers() -> None:
    for key, addr, name, kind, enc, to, first, mails in FEW_MAIL_HARASSERS:
        rng = Rng("few", key)
        msgs = []
        for off, hm, subj, body, cats, targets, note in mails:
            h, m = map(int, hm.split(":"))
            t = day(first + off) + timedelta(hours=h, minutes=m, seconds=rng.below(60))
            if enc == "html":
                msgs.append(Msg(when=t, subject=subj, html=body, cats=list(cats), targets=list(targets), note=note))
            else:
                msgs.append(Msg(when=t, subject=subj, text=body, cats=list(cats), targets=list(targets), note=note))
        add_sender(Sender(address=claim(addr), name=name, kind=kind, msgs=msgs,
                          enc="u8q" if enc == "html" else enc, to=TO_ADDRS[to]))


# ---------------------------------------------------------------------------
# message bytes
# ---------------------------------------------------------------------------

def ip_for(s: Sender) -> str:
    """The relay that handed the mail to the ward's MX: one per sender domain."""
    if s.ip:
        return s.ip
    dom = s.address.split("@")[1]
    h = stable_hash("ip:" + dom)
    net = "203.0.113" if dom in FREE_DOMAINS else "198.51.100"
    return f"{net}.{1 + h % 250}"


def message_bytes(s: Sender, m: Msg, n: int) -> tuple[str, bytes]:
    mid = f"<{s.slug}.{n}@{MID_DOMAIN}>"
    date = rfc5322(m.when)
    to = m.to or s.to
    dom = s.address.split("@")[1]
    qid = hashlib.sha256(mid.encode()).hexdigest()[:12].upper()
    # the sender's mailer picks one charset for the whole mail, headers included
    sample = (m.text or "") + (m.subject or "") + (s.name or "")
    enc = effective_enc(m.enc or s.enc, sample) if (m.text is not None or m.html is None) else (m.enc or s.enc)
    if s.name is None:
        from_h = f"From: {s.address}"
    elif is_ascii(s.name):
        from_h = f'From: "{s.name}" <{s.address}>'
    else:
        from_h = fold("From", header_words(s.name, enc) + [f"<{s.address}>"])
    subj_h = fold("Subject", header_words(m.subject, enc)) if m.subject else "Subject: "
    head = [
        f"Return-Path: <{s.address}>",
        f"Received: from smtp.{dom} (smtp.{dom} [{ip_for(s)}])\n\tby mx.city-ward.example (Postfix) with ESMTPS id {qid}"
        f"\n\tfor <{to}>; {date}",
        from_h,
        f"To: {to}",
        subj_h,
        f"Date: {date}",
        f"Message-ID: {mid}",
        "MIME-Version: 1.0",
    ] + m.extra
    parts: list[tuple[list[str], bytes]] = []
    if m.text is not None:
        parts.append(text_part(m.text, enc))
    if m.html is not None:
        parts.append(html_part(m.html))
    for a in m.attachments:
        parts.append(attachment_part(a))
    assert parts, mid
    bnd = f"=_mw_{hashlib.sha256(('b' + mid).encode()).hexdigest()[:20]}"
    return mid, mime_message(head, parts, m, bnd)


DOMAIN_KIND = {d: "free-mail provider" for d in FREE_DOMAINS}
DOMAIN_KIND.update({d: "ISP / shared domain (unrelated users)" for d in
                    ("example.ne.jp", "mail.example.jp", "example.co.jp", "asahi-net.example",
                     "example.or.jp", "home.example.ne.jp")})
DOMAIN_KIND.update({"kougeki-net.example": "private domain used for an attack",
                    "press-clip.example": "legitimate bulk sender", "suii-monitor.example": "automatic alerts",
                    "midori-sho.example": "organisation (a school)", "kaisha.example.co.jp": "organisation (a company)",
                    "sakura-cafe.example.co.jp": "organisation (a shop)"})


# ---------------------------------------------------------------------------
# split by actor (a group of addresses run by one actor is one unit)
# ---------------------------------------------------------------------------

TARGET_HELDOUT = 0.31
FORCED = {"domain:kougeki-net.example": "heldout"}


def unit_key(s: Sender) -> str:
    return s.group or s.address


def strata(senders: list[Sender]) -> list[str]:
    fs = set()
    for s in senders:
        fs.update(s.all_flags())
    out = [f for f in FLAGS if f in fs]
    tags = []
    if any(s.volume_exempt for s in senders):
        tags.append("legit_bulk")
    if any("reminder" in s.kind for s in senders):
        tags.append("polite_reminder")
    if any(m.mentions for s in senders for m in s.msgs):
        tags.append("names_a_clerk_benignly")
    if any(m.targets for s in senders for m in s.msgs):
        tags.append("targets_a_clerk")
    if any(s.address.endswith(("@" + d)) for s in senders for d in ("gmail.com", "yahoo.co.jp")) and out:
        tags.append("freemail_harasser")
    return (out or ["none"]) + tags


def assign_splits() -> None:
    """Rarest stratum first: give each stratum round(target x size) held-out units, taking the
    still unassigned units of that stratum in SHA-256 order; forced units count as assigned."""
    units: dict[str, list[Sender]] = {}
    for s in SENDERS:
        units.setdefault(unit_key(s), []).append(s)
    st = {k: strata(v) for k, v in units.items()}
    total: dict[str, int] = {}
    for k, ss in st.items():
        for x in ss:
            total[x] = total.get(x, 0) + 1
    assigned: dict[str, str] = dict(FORCED)
    for x in sorted(total, key=lambda x: (total[x], x)):
        members = sorted((k for k in units if x in st[k]), key=stable_hash)
        want = round(TARGET_HELDOUT * len(members))
        have = sum(1 for k in members if assigned.get(k) == "heldout")
        for k in members:
            if k in assigned:
                continue
            if have < want:
                assigned[k] = "heldout"
                have += 1
            else:
                assigned[k] = "tune"
    for k, ss in units.items():
        for s in ss:
            s.split = assigned[k]


# ---------------------------------------------------------------------------
# checks, output
# ---------------------------------------------------------------------------

def check_volume(s: Sender) -> tuple[int, int]:
    p1, p24 = peaks([m.when for m in s.msgs])
    fl = s.all_flags()
    if s.volume_exempt:
        assert "high_volume" not in fl and "mail_bomb" not in fl
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
        # every repeater presses a demand or a request: not pure insults
    else:
        # no sender without the flag sends 5+ mails pressing one demand: checked by construction;
        # here only: ordinary residents send at most 4 mails
        if not fl:
            assert len(s.msgs) <= 4 or s.volume_exempt, s.address


def slugify(addr: str) -> str:
    local, dom = addr.split("@")
    base = f"{local}-{dom.split('.')[0]}".lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:40].strip("-")
    return base


def main() -> None:
    build_residents()
    build_few_mail_harassers()
    for spec in REPEATERS:
        build_repeater(spec)
    build_volume()
    build_mob()
    build_legit_bulk()

    # slugs and indices
    seen = set()
    for s in SENDERS:
        base = slugify(s.address)
        slug, k = base, 2
        while slug in seen:
            slug, k = f"{base}-{k}", k + 1
        seen.add(slug)
        s.slug = slug
    for i, s in enumerate(sorted(SENDERS, key=lambda x: stable_hash(x.address)), 1):
        s.index = i
    for s in SENDERS:
        s.msgs.sort(key=lambda m: m.when)
    assign_splits()

    # write mbox files
    for sub in ("tune", "heldout"):
        d = HERE / "mbox" / sub
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob("*.mbox"):
            old.unlink()
    messages_json = []
    senders_json = []
    all_mids = set()
    for s in sorted(SENDERS, key=lambda x: x.index):
        p1, p24 = check_volume(s)
        check_repeat(s)
        rel = f"mbox/{s.split}/{s.index:03d}-{s.slug}.mbox"
        out = bytearray()
        for n, m in enumerate(s.msgs, 1):
            mid, data = message_bytes(s, m, n)
            verify(s, m, data)
            assert mid not in all_mids
            all_mids.add(mid)
            out += mboxrd(s.address, m.when, data)
            messages_json.append({
                "message_id": mid, "sender": s.address, "received": m.when.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
                "categories": m.cats, "targets": m.targets, "mentions": m.mentions, "note": m.note})
        assert split_mboxrd(bytes(out)) == [(s.address, asctime(m.when), message_bytes(s, m, n)[1])
                                            for n, m in enumerate(s.msgs, 1)], s.address
        (HERE / rel).write_bytes(bytes(out))
        senders_json.append({
            "address": s.address, "split": s.split, "file": rel, "kind": s.kind, "flags": s.all_flags(),
            "group": s.group, "messages": len(s.msgs), "peak_1h": p1, "peak_24h": p24})

    # domains: every domain seen; only the private-domain bomb is flagged
    doms: dict[str, list[Sender]] = {}
    for s in SENDERS:
        doms.setdefault(s.address.split("@")[1], []).append(s)
    domains_json = []
    for dname in sorted(doms):
        ss = doms[dname]
        splits = {s.split for s in ss}
        times = [m.when for s in ss for m in s.msgs]
        _, d24 = peaks(times)
        # the most distinct addresses seen in any 24-hour window
        most = max_addrs_24h([(m.when, s.address) for s in ss for m in s.msgs])
        flags = ["mail_bomb"] if dname == "kougeki-net.example" else []
        if dname in FREE_DOMAINS:
            assert not flags
        domains_json.append({"domain": dname, "split": splits.pop() if len(splits) == 1 else "both",
                             "flags": flags, "kind": DOMAIN_KIND.get(dname, "organisation"),
                             "addresses": len(ss), "messages": len(times), "peak_24h": d24,
                             "max_addresses_24h": most, "free_mail": dname in FREE_DOMAINS})
    kd = next(d for d in domains_json if d["domain"] == "kougeki-net.example")
    assert kd["split"] == "heldout" and kd["peak_24h"] >= 100 and kd["addresses"] >= 20
    for d in domains_json:
        if d["domain"] != "kougeki-net.example":
            assert d["flags"] == []

    labels = {"staff_file": "staff.toml", "senders": senders_json, "domains": domains_json,
              "messages": messages_json}
    (HERE / "labels.json").write_bytes((json.dumps(labels, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    staff = ["# The clerks of the (fictional) みどり区役所 that harassers refer to by name.",
             "# name = as in labels.json \"targets\"; reading = hiragana; aliases = other ways to refer.", ""]
    for name, reading, aliases in STAFF:
        staff += ["[[staff]]", f'name = "{name}"', f'reading = "{reading}"',
                  "aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]", ""]
    (HERE / "staff.toml").write_bytes("\n".join(staff).encode("utf-8"))

    table = stats(senders_json, messages_json, domains_json)
    print(table)
    write_readme(table)


def stats(senders_json, messages_json, domains_json) -> str:
    splits = ("tune", "heldout")
    by_addr = {s["address"]: s for s in senders_json}
    lines = []
    ns = {sp: sum(1 for s in senders_json if s["split"] == sp) for sp in splits}
    units = {}
    for s in senders_json:
        units.setdefault(s["group"] or s["address"], s["split"])
    na = {sp: sum(1 for v in units.values() if v == sp) for sp in splits}
    nm = {sp: sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp) for sp in splits}
    lines.append("| | tune | heldout | heldout share |")
    lines.append("|---|---:|---:|---:|")

    def row(label, a, b):
        tot = a + b
        lines.append(f"| {label} | {a} | {b} | {b / tot:.0%} |" if tot else f"| {label} | 0 | 0 | - |")
    row("senders (addresses)", ns["tune"], ns["heldout"])
    row("actors (a group of addresses = 1)", na["tune"], na["heldout"])
    row("messages", nm["tune"], nm["heldout"])
    row("senders with no flag", *(sum(1 for s in senders_json if s["split"] == sp and not s["flags"]) for sp in splits))
    lines.append("| **sender flags** (addresses; actors in brackets) | | | |")
    for f in FLAGS:
        a = [sum(1 for s in senders_json if s["split"] == sp and f in s["flags"]) for sp in splits]
        au = {}
        for s in senders_json:
            if f in s["flags"]:
                au[s["group"] or s["address"]] = s["split"]
        b = [sum(1 for v in au.values() if v == sp) for sp in splits]
        assert all(x > 0 for x in a), f
        lines.append(f"| `{f}` | {a[0]} ({b[0]}) | {a[1]} ({b[1]}) | {a[1] / sum(a):.0%} ({b[1] / sum(b):.0%}) |")
    lines.append("| **message categories** (messages) | | | |")
    for c in CATEGORIES:
        a = [sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp and c in m["categories"]) for sp in splits]
        assert all(x > 0 for x in a), c
        row(f"`{c}`", *a)
    flood = {s["address"] for s in senders_json
             if {"mail_bomb", "high_volume"} & set(s["flags"]) or s["group"] == "domain:kougeki-net.example"}
    lines.append("| **message categories, floods left out** (no `mail_bomb` / `high_volume` sender, "
                 "no domain-bomb member) | | | |")
    for c in CATEGORIES:
        row(f"`{c}`", *(sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp
                            and c in m["categories"] and m["sender"] not in flood) for sp in splits))
    row("messages with no category", *(sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp
                                             and not m["categories"]) for sp in splits))
    row("messages with a target clerk", *(sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp
                                               and m["targets"]) for sp in splits))
    row("messages naming a clerk benignly", *(sum(1 for m in messages_json if by_addr[m["sender"]]["split"] == sp
                                                   and m["mentions"]) for sp in splits))
    dom_flag = [d for d in domains_json if d["flags"]]
    lines.append(f"| domain flags | {sum(1 for d in dom_flag if d['split'] == 'tune')} | "
                 f"{sum(1 for d in dom_flag if d['split'] == 'heldout')} | (kougeki-net.example: mail_bomb) |")
    return "\n".join(lines)


README = """# Triage evaluation corpus (labelled)

A labelled, synthetic mail corpus for evaluating mailward's harassment triage (カスハラ by email
to a Japanese ward office). Everything here is **generated** by `generate.py` (Python 3.11+,
standard library only) and byte-identical on every run:

```sh
cd crates/triage/tests/corpus && python3 generate.py   # rewrites mbox/, labels.json, staff.toml, README.md
```

The texts and labels were written independently of the detection lexicons: they are what
harassers and residents write, labelled as a careful human reviewer would label each mail, not
what a keyword search finds. All people, addresses (except the public free-mail domains) and the
ward (みどり区) are invented; `*.example` domains and documentation IP ranges are used throughout.

## Files

- `mbox/tune/NNN-slug.mbox`, `mbox/heldout/NNN-slug.mbox`: one mbox per sender address (mboxrd:
  body lines matching `^>*From ` get one more `>`). `NNN` is a number in a hash order (it says
  nothing about the label); the slug comes from the address.
- `labels.json`: `senders` (address, split, file, kind, sender-level `flags`, `group`, number of
  `messages`, `peak_1h` / `peak_24h` receive counts), `domains` (every sender domain, with `flags`,
  `kind`, `addresses`, `messages`, `peak_24h`, `max_addresses_24h` = the most distinct addresses
  in any 24-hour window, `free_mail`), `messages` (every message: `message_id`, `sender`,
  `received`, `categories`, `targets`, `mentions`, `note`).
- `staff.toml`: the 8 clerks of the fictional ward office (`name`, `reading`, `aliases`).
- `generate.py`: the generator; `README.md`: this file (its count table is printed by the script).

## The mail

- The mbox `From ` line is `From <address> <asctime>` in **Asia/Tokyo local time** (no zone): the
  time the server received the mail. It drives every volume window. The `Date:` header is the same
  instant with `+0900`; a `Received:` header repeats it. Dates are 1 Oct - 30 Nov 2026.
- Residents write in office hours and evenings on mostly weekdays; repeaters spread over days or
  weeks; high-volume senders over one day or a burst; bombs are compressed into 3-20 hours, often
  at night.
- Every mail has Return-Path, Received, From, To (a ward address such as `info@city-ward.example`
  or `soudan@ku.example`), Subject, Date, Message-ID (`<slug.n@corpus.mailward.test>`, unique),
  MIME-Version, Content-Type (and Content-Transfer-Encoding when single-part). A sender's mailer
  uses one charset for body, Subject and display name: ISO-2022-JP 7bit, Shift_JIS 8bit (mobile
  carriers mostly),
  EUC-JP 8bit, UTF-8 base64, UTF-8 quoted-printable, UTF-8 8bit, US-ASCII; encoded words are B, or Q
  for UTF-8 quoted-printable senders. Text that the chosen legacy charset cannot carry (emoji,
  half-width kana in ISO-2022-JP, U+200B, ～ and other characters that decoders map differently)
  falls back to UTF-8 base64, as real mailers do.
- Awkward inputs: an empty body; attachment-only mails (PDF, PNG, no text part); HTML-only mails
  (one with `<br>` and `&amp; &quot; &nbsp; &#x1F60A;`, one whose insults are all numeric character
  references); one mail of 1 MB of `あ` on one line (base64); mixed Chinese/Korean/Japanese; an
  emoji-only mail; a mail bomb whose bodies are empty (the demand is only in the Subject).

## What the labels mean

Message `categories` (content; quoted lines from the sender's *own* earlier mail count, since he
re-sends them):

- `threat`: announces harm to life, body, freedom, honour or property, explicitly or by clear
  implication (殺す, 火をつける, 燃やすぞ, 家族がどうなっても知らないぞ, 夜道に気をつけろ, ぶっ壊してやる,
  窓ガラスを割る, 晒してやる / 住所を特定してやる, 爆弾を仕掛けた, ただで済むと思うな + 家も知ってる,
  "I will kill you all", obfuscated ｺﾛｽ / こ ろ す / 殺.す / ＫＩＬＬ).
- `abusive`: insults and 暴言 aimed at the office or its staff (税金泥棒, 給料泥棒, 無能, 辞めちまえ, バカ,
  クズ, 役立たず, 死ね, "useless idiots", in any spelling: spaces, ★, hyphens, dots, U+200B,
  half-width kana, hiragana, katakana, romaji, full-width, emoji, numeric character references).
- `excessive_demand`: ultimatums and "answer now" (本日15時までに回答しろ, 今すぐ返事しろ), apology
  demands (土下座, 謝罪文を出せ), a manager or the mayor (上司を出せ, 区長に代われ, 区長に会わせろ),
  documents beyond any procedure (議事録を全部出せ, 1から10まで文書で), money (慰謝料, 返金しろ, 誠意を見せろ),
  firing a clerk (クビにしろ). Polite wording does not remove it when the demand itself is
  excessive (the source document's 「1から10まで詳細な理由を文書で…回答期限は本日15時」).
- `personal_contact`: private questions or invitations to a clerk, fixation, waiting outside,
  asking a clerk's home address / LINE / phone / commute / days off / birthday, love letters
  (明日の18時に区役所の前で待っています, 山田さんのLINEを教えて, 花子ちゃん, 毎日見ています).
- `targets`: the staff member(s) (by `staff.toml` name) at whom a *harassing* mail is aimed, however
  the mail names them (山田さん, ヤマダさん, やまだ様, 花子ちゃん, 窓口の山田, Ms. Tanaka, Yuko, 彩さん...).
- `mentions`: staff named in a benign mail (thanks, a polite complaint about service, an agreed
  call-back). A mention is never a target.

Sender `flags` = the union of its messages' categories plus:

- `repeated_same_purpose`: 5 or more mails pressing **the same demand or request** (reworded,
  reordered, quoting itself, new deadlines), whatever the time span - 5 mails in 4 days up to 40 in
  28 days, and also high-volume senders and bombs whose text carries one demand (回答しろ,
  誠意を見せろ, 区長を出せ, 電話しろ). It is *not* given for: a resident with one polite reminder
  (先日の件、いかがでしょうか), a resident writing several times on different matters, pure insults or
  threats repeated without any demand (税金泥棒!×320 is `abusive` + `mail_bomb`), or a sender of
  many different gripes. An entirely polite repeater (the same, already answered question 8 times)
  gets this flag and no category.
- `high_volume`: 20-99 mails in some 24-hour window, or 10+ in some 1-hour window, and never 100
  in 24 hours. `mail_bomb`: 100+ mails in some 24-hour window. The two exclude each other. The
  script checks every sender's real peaks against its label.
- Legitimate bulk senders get **no** flag although they reach the volume: a press-clipping service
  (190 distinct mails in a day; two thirds carry List-Id / List-Unsubscribe / Precedence: bulk, one
  third carry none) and a river-level alert system (40 distinct mails, `Auto-Submitted`).
- `domains`: `kougeki-net.example` is a domain-level `mail_bomb` (24 addresses x 6-10 mails in one
  night from one IP; no single address reaches a volume flag, each address is `abusive`). No other
  domain has a flag: not the free-mail domains (gmail.com, yahoo.co.jp, docomo.ne.jp, ezweb.ne.jp,
  softbank.ne.jp, icloud.com, outlook.jp), which carry bombs, a six-address rotating harasser,
  an online mob of 12 different people writing from gmail.com on one night (shaped like the
  domain bomb on purpose) and many residents; not the ISP-like shared domains (`example.ne.jp`,
  `asahi-net.example`...) whose busy days come from one bombing address; not
  `midori-sho.example` (ten teachers of one school writing on one day).

Deliberately benign (no category): 警察に相談したい, 問い合わせが殺到, 泥棒に入られた, 自転車泥棒, 空き巣,
弁護士に相談する予定です, 花火 / バーベキューに火をつける, カセットガスコンロ, 殺虫剤, 殺処分, 放火が心配, 死ぬほど
嬉しい, 死亡届, 飼い犬が死んで, 爆弾低気圧, 夜道が暗い, 家族が増えました, 紙くず, 親バカ, バカ高い, ぶっ壊れてます
(a vending machine), 仕事を辞めた, 今すぐではなくても, 公式LINE, 担当課の電話番号, a deadline asked as a
question (締め切りは本日15時まででしょうか, "Is the deadline 3 pm today?"), 担当の山田さんにお礼を伝えて
ください, 上司の方にもよろしく, a calm opinion on the use of taxes, "I'm dying to know", "kill two
birds with one stone", reported speech (a neighbour shouted 「殺すぞ」 at me; someone wrote 「火をつける」
on SNS; a man shouted 「土下座しろ」 at the counter; people call you 「税金泥棒」 but I thank you), news
clippings about 空き巣 / 火災 / 詐欺 / 放火 / カスハラ.

## Judgement calls

- 死ね is `abusive`, not `threat` (a curse, not a notice of harm by the sender).
- 訴えてやる / 弁護士に相談 / 議員に相談 is lawful action: never `threat` on its own.
- A polite, reasoned request for a written answer (固定資産税の説明を文書でいただけますか) or for a
  supervisor's explanation after two real errors is not `excessive_demand`; a frustrated but
  civil "this is my third inquiry, what is going on?" is not either.
- Asking when the clerk who handles one's case is in, for that case, is not `personal_contact`;
  asking a clerk's home address "to send a thank-you gift" is.
- 「中村さんが住んでいる駅はもうわかっています」 is `personal_contact` (fixation, intimidation) without
  `threat`; the later 「どうなるかわかってるよね。家まで行くから」 is both. 「お前がいつも何時に帰るか…知ってるぞ」
  is both.
- 区長室に乗り込む, 毎日窓口に行く (pressure, no harm announced) are `excessive_demand`, not `threat`.
- 泥棒と同じだ / 恥を知れ / 卑怯者 aimed at the office are `abusive`; 税金の無駄遣い, 区長は辞めるべきだ,
  客をなめている are criticism without a category.
- A mail bomb of pure insults is not `repeated_same_purpose`; one whose text carries a demand is.
- Domain-bomb members are labelled per address by their content (`abusive`); the bomb is the
  domain's flag.
- Love letters or invitations pressed 5+ times (12 letters to 鈴木さん) are `personal_contact` +
  `repeated_same_purpose` (the same request to meet, again and again).
- The polite sender who asks the same question 22 times in one day is `high_volume` +
  `repeated_same_purpose` with no category; the polite repeater who asks an already answered
  question 8 times in 12 days is `repeated_same_purpose` only.
- 誠意を見せろ (a veiled demand for money) and 記者会見で土下座しろ are `excessive_demand`; 全員クビにしろ
  and 今すぐクビにしろ (firing staff) too.
- Residents whose own surname is a clerk's (山田, 田中, 佐藤, 鈴木) sign with it; that is neither a
  mention nor a target. Mentions are only of the office's clerks.
- The legitimate bulk senders are labelled with no flag at all (the "many distinct mails" case),
  although their counts reach the volume thresholds.

## Split

By actor, deterministic: addresses run by one actor (`group`: the six rotating free-mail
addresses, the kougeki-net.example bomb, the school) are one unit and stay in one split. The
kougeki-net.example group is forced into `heldout`. Strata are each sender flag, "no flag",
legitimate bulk, polite reminder, benign clerk mention, clerk target and free-mail harasser. Going
from the rarest stratum to the commonest, each stratum gets round({target:.0%} x its number of
actors) held-out actors (those already placed by a rarer stratum count), filled from its still
unplaced actors in the order of a SHA-256 of the unit key; the rest of them go to `tune`.
Because the 24 domain-bomb addresses are all held out, the held-out share of *addresses* and of
`abusive` addresses is higher than that of actors; count by actor (`group`) when that matters.
Message counts are dominated by the floods (a 600-mail bomb is held out, a 110-mail threat bomb
is in tune), so the table also gives the categories with the floods left out. Tune thresholds and
lexicons on `tune` only; report results on `heldout`.

## Counts

{table}
"""


def write_readme(table: str) -> None:
    text = README.replace("{table}", table).replace("{target:.0%}", f"{TARGET_HELDOUT:.0%}")
    total = sum(p.stat().st_size for p in (HERE / "mbox").rglob("*.mbox"))
    text += (f"\nTotal mbox size: {total / 1e6:.2f} MB in {len(SENDERS)} files; "
             f"{sum(len(s.msgs) for s in SENDERS)} messages.\n")
    (HERE / "README.md").write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    main()
