#!/usr/bin/env python3
"""Deterministic flood of near-identical Japanese demands for bench/cluster.

Writes, into OUT_DIR (default bench/work/cluster):
  flood.jsonl         100,000 lines {"id": N, "topic": T, "text": "..."}, in arrival order
  pairs.jsonl         20,000 labelled pairs over the whole flood, half same topic, half not:
                      {"a": id, "b": id, "same": bool, "jaccard": exact 3-gram Jaccard}
  pairs-N.jsonl       the same for the first N mails (N = 10000, 50000), for the smaller runs
  flood.stats.json    what was generated (counts per topic, Jaccard distribution of the pairs)

What it imitates: one sender flooding a ward office with 40 demands, over and over, in bursts on
one demand (mean 40 mails) with 15% other demands mixed in; how often each demand comes follows a
Zipf-like law (575 to 16,636 mails per demand). For each demand the sender keeps a draft: the
demand's sentences with synonyms chosen, in some order, a few stock lines of abuse, and (70%) a
deadline line and (50%) a count line in its own wording. Each mail re-sends the draft with new dates, deadlines, counts and amounts, mostly the
same greeting and signature (10% another), 15% quoting the office's stock reply and 15% quoting
part of the previous mail ("> " lines), 40% with one to three typos, 20% with full-width digits and
10% with half-width katakana. Now and then (0.2% of mails) the draft is edited (a sentence
reworded, two swapped, a line added or dropped), so a demand drifts over the flood; 5% of mails
are written anew from the template. Ground truth topic = the base demand.

Everything comes from one random.Random(SEED): the same command writes the same bytes.
"""

import json
import os
import random
import sys
import unicodedata

SEED = 20261201
MAILS = 100_000
PAIRS = 20_000
SUBSETS = (10_000, 50_000)
SHINGLE = 3

SECTIONS = ["区民課", "税務課", "福祉課", "環境課", "土木課", "保育課", "総務課", "広報課", "道路課", "国保年金課"]
STAFF = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]

# 40 base demands. {a|b|c} picks one alternative; {M} {D} {H} {N} {Y} {SECTION} {STAFF} {AMOUNT}
# are filled with numbers and names. The first sentence stays first; the others may be reordered.
DEMANDS = [
    ["{昨日|先日|前回}の{回答|返答|ご回答}では{納得できません|到底納得できません|全く納得していません}。",
     "{詳細な|具体的な|詳しい}理由を{文書|書面}で回答してください。",
     "{口頭|電話}での説明は{受け付けません|認めません}。",
     "回答期限は{M}月{D}日{H}時とします。"],
    ["{お前ら|あなたたち|貴様ら}は{税金泥棒|税金の無駄遣い}だ。",
     "{区民|我々}の税金で{給料|給与}をもらっている{自覚|意識}があるのか。",
     "{仕事|業務}をしないなら{今すぐ|直ちに}辞めろ。",
     "{給料|給与}を{返還|返納}しろ。"],
    ["{担当者|担当の職員|担当}を{出せ|出してください|電話口に出せ}。",
     "{{STAFF}|あの職員}では{話にならない|話が通じない}。",
     "{上司|責任者}と{直接|今すぐ}話をさせろ。",
     "{居留守|たらい回し}は{許さない|やめろ}。"],
    ["{課長|部長}を出せ。",
     "{{SECTION}|お前のところ}の{責任者|トップ}は誰だ。",
     "{名前|氏名}と{役職|肩書}を{明らかにしろ|教えろ}。",
     "{逃げる|隠れる}な。"],
    ["{謝罪文|詫び状}を{提出しろ|送付してください|出せ}。",
     "{区長名|区長の名前}で{正式に|公式に}謝罪することを{求めます|要求する}。",
     "{形だけ|口先だけ}の謝罪は{要らない|不要だ}。",
     "{M}月{D}日までに{郵送|持参}しろ。"],
    ["{情報公開請求|開示請求}を{します|行う}。",
     "{M}月{D}日の{会議|打ち合わせ}の{議事録|記録}を{全て|すべて}{開示|公開}しろ。",
     "{黒塗り|墨塗り}は{認めない|許さない}。",
     "{期限|法定期限}を{一日でも|一日たりとも}過ぎたら{違法|法律違反}だ。"],
    ["{窓口|受付}の職員の{態度|対応}が{最悪|ひどすぎる}だ。",
     "{客|区民}を{見下した|馬鹿にした}{態度|言い方}を{取られた|された}。",
     "その職員を{処分|懲戒処分}しろ。",
     "処分の{結果|内容}を{報告|連絡}しろ。"],
    ["{土下座|床に手をついて謝罪}しろ。",
     "{誠意|気持ち}を{見せろ|形で示せ}。",
     "{自宅|家}まで{謝りに|謝罪に}来い。",
     "来なければ{毎日|何度でも}{電話|メール}する。"],
    ["{対応した|電話に出た}職員の{フルネーム|氏名}を{教えろ|明かせ}。",
     "{名札|ネームプレート}を{隠す|外す}な。",
     "{個人的に|個人として}責任を{取らせる|追及する}。",
     "{ネット|SNS}で{公開する|晒すことも考えている}。"],
    ["{議員|区議会議員}に{言いつける|相談する|全部話す}からな。",
     "{知り合い|懇意}の{議員|先生}がいる。",
     "{議会|委員会}で{問題|質問}にしてもらう。",
     "{覚悟|準備}しておけ。"],
    ["この件は{マスコミ|新聞社|テレビ局}に{流す|持ち込む}。",
     "{区の|役所の}{隠蔽|不正}体質を{世間|社会}に{知らせる|暴露する}。",
     "{記者|知人の記者}にはもう{連絡した|話してある}。",
     "{報道|記事}されてから{後悔|慌てて}しても遅い。"],
    ["{区|役所}を{訴える|提訴する}。",
     "{弁護士|顧問弁護士}に{相談済み|依頼済み}だ。",
     "{損害賠償|慰謝料}として{AMOUNT}万円を{請求する|求める}。",
     "{裁判|法廷}で会おう。"],
    ["{区役所|庁舎}の{駐車場|来庁者駐車場}が{有料|不便}なのは{おかしい|納得できない}。",
     "{区民|来庁者}は{無料|タダ}にしろ。",
     "{駐車料金|料金}を{返せ|返金しろ}。",
     "{M}月{D}日に払った{AMOUNT}円を{返金|返還}しろ。"],
    ["{ゴミ|ごみ}の{収集|回収}が{来ない|遅い}。",
     "{カラス|猫}に{荒らされて|散らかされて}{迷惑|困って}いる。",
     "{今日中に|すぐに}{回収|片付け}に来い。",
     "{清掃事務所|環境課}の{怠慢|手抜き}だ。"],
    ["{隣|近所}の{騒音|音}を{何とかしろ|止めさせろ}。",
     "{毎晩|夜中に}{うるさくて|騒がしくて}眠れない。",
     "{区|役所}が{注意|指導}しに行け。",
     "{放置|無視}するなら{区|役所}の{責任|せい}だ。"],
    ["{保育園|保育所}に{入れない|落ちた}のは{区|行政}の{責任|怠慢}だ。",
     "{入園|入所}の{選考基準|点数}を{全部|すべて}{開示|説明}しろ。",
     "{うちの子|子ども}を{今すぐ|来月から}入れろ。",
     "{不公平|不平等}な{選考|審査}は{許さない|認めない}。"],
    ["{生活保護|保護費}の{打ち切り|減額}は{不当|違法}だ。",
     "{ケースワーカー|担当ケースワーカー}を{替えろ|交代させろ}。",
     "{減らされた|打ち切られた}分を{全額|すぐに}{支給|返還}しろ。",
     "{審査請求|不服申立て}もする。"],
    ["{住民票|証明書}の{発行|交付}に{時間がかかりすぎ|待たされすぎ}だ。",
     "{一時間|一時間半}も{待たされた|放置された}。",
     "{待ち時間|その時間}の{補償|日当}を{払え|支払え}。",
     "{番号札|整理券}の{仕組み|運用}を{改善|見直し}しろ。"],
    ["{電話|電話対応}を{折り返せ|折り返すように言った}。",
     "{何度|何回}{電話|連絡}しても{担当者|担当}が{不在|席を外している}と言われる。",
     "{今日|本日}中に{必ず|絶対に}{折り返し|連絡}しろ。",
     "{無視|放置}するなら{直接|窓口に}行く。"],
    ["{通話|電話}を{録音|勝手に録音}するな。",
     "{録音データ|録音}を{消去|削除}しろ。",
     "{消去|削除}した{証明|記録}を{出せ|提出しろ}。",
     "{無断|勝手な}録音は{違法|プライバシー侵害}だ。"],
    ["{個人情報|私の情報}を{漏らした|漏洩した}だろう。",
     "{誰が|どの職員が}{見た|閲覧した}のか{記録|ログ}を{出せ|開示しろ}。",
     "{漏洩|流出}の{責任者|犯人}を{処分|特定}しろ。",
     "{警察|公安委員会}にも{届ける|相談する}。"],
    ["{税金|予算}の{使い道|使われ方}を{説明|明らかに}しろ。",
     "{無駄な|意味のない}{事業|イベント}に{金|税金}を{使う|使っている}な。",
     "{支出|経費}の{明細|内訳}を{全部|一円単位で}{出せ|開示しろ}。",
     "{区長|議会}の{責任|説明責任}だ。"],
    ["{道路|歩道}の{穴|陥没}を{直せ|補修しろ}。",
     "{何か月|半年}も{放置|そのまま}されている。",
     "{自転車|車}が{転倒|事故}したら{区|役所}の{責任|賠償}だ。",
     "{今週中|{M}月{D}日まで}に{工事|補修}しろ。"],
    ["{公園|近所の公園}の{木|樹木}を{切れ|伐採しろ}。",
     "{落ち葉|枝}が{家|敷地}に{入ってくる|落ちてくる}。",
     "{掃除|清掃}の{費用|手間}を{払え|負担しろ}。",
     "{去年|前回}も{言った|要望した}はずだ。"],
    ["{防犯カメラ|監視カメラ}を{設置しろ|つけろ}。",
     "{家の前|自宅前}で{不審者|怪しい人}を{見た|見かけた}。",
     "{区|役所}は{区民の安全|住民の安全}を{守る|確保する}{義務|責任}がある。",
     "{設置|取り付け}の{日程|予定}を{回答|連絡}しろ。"],
    ["{区長|区長本人}に{直接|直に}{会わせろ|面会させろ}。",
     "{秘書課|総務課}で{止める|握りつぶす}な。",
     "{面会|面談}の{日時|日程}を{M}月{D}日までに{決めろ|連絡しろ}。",
     "{断る|拒否する}なら{理由|根拠}を{文書|書面}で{出せ|示せ}。"],
    ["{あの職員|{STAFF}}を{懲戒免職|クビ}にしろ。",
     "{区民|市民}に{暴言|失礼なこと}を{吐いた|言った}。",
     "{処分|懲戒}の{有無|結果}を{公表|公開}しろ。",
     "{かばう|身内をかばう}なら{同罪|共犯}だ。"],
    ["{公務員|職員}の{給料|ボーナス}が{高すぎる|多すぎる}。",
     "{民間|一般企業}なら{とっくに|とうに}{クビ|倒産}だ。",
     "{給与|ボーナス}を{カット|削減}しろ。",
     "{人件費|給与総額}を{公開|開示}しろ。"],
    ["{時間外|夜間や休日}も{対応しろ|電話に出ろ}。",
     "{17時|五時}で{窓口|電話}を{閉める|終わらせる}のは{怠慢|職務放棄}だ。",
     "{二十四時間|年中無休で}{対応|受付}しろ。",
     "{働いている|勤め人の}{区民|住民}のことを{考えろ|考えていない}。"],
    ["{回答書|回答文書}を{再発行しろ|作り直せ}。",
     "{前回|先月}の{回答書|文書}には{誤り|間違い}がある。",
     "{{STAFF}|担当者}の{押印|署名}がない。",
     "{訂正|修正}した{回答書|文書}を{M}月{D}日までに{送れ|郵送しろ}。"],
    ["{手数料|証明書の手数料}を{返せ|返還しろ}。",
     "{不要な|必要のない}{証明書|書類}を{取らされた|買わされた}。",
     "{AMOUNT}円を{返金|返還}しろ。",
     "{説明不足|案内ミス}は{区|役所}の{責任|落ち度}だ。"],
    ["{国民健康保険料|国保の保険料}が{高すぎる|おかしい}。",
     "{計算|算定}の{根拠|方法}を{説明|開示}しろ。",
     "{減免|減額}を{認めろ|適用しろ}。",
     "{払いすぎた|余分に払った}分を{返せ|還付しろ}。"],
    ["{固定資産税|固定資産の}{評価|評価額}が{不当|おかしい}。",
     "{隣|近所}の{土地|家}より{高い|高く評価されている}のは{変|おかしい}だ。",
     "{再評価|評価のやり直し}を{求める|要求する}。",
     "{評価調書|評価の資料}を{開示|コピーして送付}しろ。"],
    ["{選挙ポスター|掲示板}の{場所|位置}が{不公平|おかしい}。",
     "{選挙管理委員会|選管}の{説明|回答}を{求める|要求する}。",
     "{掲示板|ポスター掲示場}を{移設|移動}しろ。",
     "{次の選挙|次回}までに{直せ|改善しろ}。"],
    ["{区報|区のお知らせ}に{私の意見|俺の投稿}を{載せろ|掲載しろ}。",
     "{掲載|投稿}を{断る|拒否する}のは{言論弾圧|検閲}だ。",
     "{掲載しない|載せない}{理由|根拠}を{文書|書面}で{出せ|回答しろ}。",
     "{次号|来月号}に{必ず|絶対に}{載せろ|掲載しろ}。"],
    ["{図書館|区立図書館}に{あの本|偏った本}を{置くな|置かないでください}。",
     "{選書|本の選定}の{基準|担当者}を{明らかに|公表}しろ。",
     "{撤去|廃棄}しろ。",
     "{置き続ける|撤去しない}なら{抗議|苦情}を{続ける|繰り返す}。"],
    ["{放置自転車|駅前の自転車}を{撤去|片付け}しろ。",
     "{歩道|通路}が{通れない|ふさがれている}。",
     "{毎日|毎朝}{迷惑|困って}している。",
     "{撤去|回収}の{日程|予定}を{回答|連絡}しろ。"],
    ["{野良猫|猫}に{餌|エサ}をやる{住民|人}を{やめさせろ|注意しろ}。",
     "{糞|フン}の{被害|臭い}が{ひどい|我慢できない}。",
     "{条例|規則}で{禁止しろ|罰則を設けろ}。",
     "{区|保健所}は{何をしている|何もしない}のか。"],
    ["{隣人|近所の住人}との{トラブル|揉め事}を{仲裁|解決}しろ。",
     "{区|役所}が{間に入る|仲介する}べきだ。",
     "{民事不介入|関係ない}と{言う|逃げる}な。",
     "{相談記録|記録}を{全部|すべて}{出せ|開示しろ}。"],
    ["{職員|担当者}の{言葉遣い|口のきき方}を{直せ|改めさせろ}。",
     "{研修|教育}を{やり直せ|徹底しろ}。",
     "{研修|指導}の{資料|記録}を{提出|開示}しろ。",
     "{同じ|再び同じ}ことがあれば{次は|今度こそ}{許さない|黙っていない}。"],
]
assert len(DEMANDS) == 40

# Lines any demand may carry: they raise the similarity between different demands, as in real floods.
ABUSE = [
    "{誠意ある|まともな}{対応|回答}を{求めます|求める}。",
    "{税金|区民の税金}で{食べている|飯を食っている}{自覚|意識}を持て。",
    "{いい加減に|ふざけるのも大概に}しろ。",
    "{何度|何回}言えば{分かる|わかる}のか。",
    "{これ以上|今後も}{無視|放置}するなら{出るところに出る|しかるべき措置を取る}。",
    "{公務員|役人}の{怠慢|職務怠慢}だ。",
    "{至急|大至急}{対応|回答}{してください|しろ}。",
]
GREETINGS = ["", "", "{区役所|役所}の{皆様|担当者様}へ", "{SECTION} 御中", "{前略|拝啓}", "お世話になって{おります|います}。",
             "{SECTION} {STAFF}様"]
SIGNATURES = ["", "山田太郎", "区民 山田", "{中央|北}区在住 山田太郎\n電話 090-1234-5678", "山田より", "――\n山田太郎（区民）"]
COUNT_LINES = ["これで{N}回目の{メール|連絡|問い合わせ}です。", "{N}回目です。", "{既に|もう}{N}回{送っています|送った}。"]
DEADLINES = ["回答期限は{M}月{D}日{H}時とします。", "{M}月{D}日{H}時までに回答しろ。", "期限は{M}/{D} {H}:00。",
             "本日{H}時までに{返事|回答}がなければ{次の手段|法的措置}に出る。"]
# The ward's earlier answer, quoted back: the same few sentences whatever the demand.
WARD_REPLIES = [
    ["お問い合わせいただいた件につきましては、担当部署にて確認のうえ回答いたします。",
     "恐れ入りますが、今しばらくお待ちください。"],
    ["ご意見として承りました。", "個別の事案についてはお答えいたしかねます。"],
    ["{M}月{D}日にいただいたメールについて、{SECTION}よりご回答申し上げます。",
     "先日お伝えした内容から変更はございません。", "ご理解のほどよろしくお願いいたします。"],
    ["同様のお問い合わせを多数いただいております。", "これ以上のお答えは差し控えさせていただきます。"],
]
QUOTE_HEADERS = ["{M}月{D}日 {SECTION}からの回答:", "前回のメール:", "{M}/{D} に送ったメール", "以下、{SECTION}の回答"]
# Characters a hurried typist slips on (each maps to a look-alike or neighbour).
SLIPS = {"は": "わ", "を": "お", "ろ": "れ", "だ": "た", "。": "．", "、": "，", "し": "じ", "か": "が", "て": "で",
         "る": "ru", "す": "su", "い": "i"}
FULLWIDTH = str.maketrans("0123456789:/", "０１２３４５６７８９：／")
HALFWIDTH_KANA = {"メール": "ﾒｰﾙ", "データ": "ﾃﾞｰﾀ", "カメラ": "ｶﾒﾗ", "トラブル": "ﾄﾗﾌﾞﾙ", "ゴミ": "ｺﾞﾐ", "ケースワーカー": "ｹｰｽﾜｰｶｰ"}


PLACEHOLDERS = ("M", "D", "H", "N", "Y", "AMOUNT", "SECTION", "STAFF")


def choose(rng, template):
    """Pick one alternative in every {a|b} group (innermost first); {M}-style placeholders stay."""
    out = template
    for name in PLACEHOLDERS:
        out = out.replace("{" + name + "}", "\x01" + name + "\x02")
    while True:
        end = out.find("}")
        if end < 0:
            break
        start = out.rfind("{", 0, end)
        out = out[:start] + rng.choice(out[start + 1:end].split("|")) + out[end + 1:]
    for name in PLACEHOLDERS:
        out = out.replace("\x01" + name + "\x02", "{" + name + "}")
    return out


def fill(template, ctx):
    """Put this mail's numbers and names into the placeholders."""
    for name in PLACEHOLDERS:
        template = template.replace("{" + name + "}", str(ctx.get(name, "")))
    return template


def expand(rng, template, ctx):
    return fill(choose(rng, template), ctx)


def numbers(rng):
    return {
        "M": rng.randint(1, 12), "D": rng.randint(1, 28), "H": rng.randint(9, 17), "N": rng.randint(2, 400),
        "AMOUNT": rng.choice([300, 450, 750, 1000, 3000, 5000, 10000, 50000]),
        "SECTION": rng.choice(SECTIONS), "STAFF": rng.choice(STAFF),
    }


def typos(rng, text, count):
    chars = list(text)
    for _ in range(count):
        if len(chars) < 4:
            break
        i = rng.randrange(len(chars))
        kind = rng.random()
        if kind < 0.3 and chars[i] in SLIPS:
            chars[i] = SLIPS[chars[i]]
        elif kind < 0.5:
            del chars[i]
        elif kind < 0.7:
            chars.insert(i, chars[i])
        elif kind < 0.85 and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars.insert(i, rng.choice(["!", "！", " ", "…", "、"]))
    return "".join(chars)


class Sender:
    """The one flooding sender. For each demand it keeps a current draft (sentences with the
    synonyms chosen, placeholders for numbers) and mostly re-sends it with new numbers, typos,
    greetings and quotes; now and then it edits one sentence of the draft (the draft drifts), and
    a few mails are fresh rewrites in other words."""

    EDIT = 0.002       # per mail: the draft of this demand gets one sentence rewritten or moved
    FRESH = 0.05       # per mail: written anew from the template, the draft left as it was

    def __init__(self, rng):
        self.rng = rng
        self.drafts = {}   # topic -> list of sentence templates (alternatives chosen)
        self.sent = {}     # topic -> body lines of the last mail sent on it (for quoting)
        ctx = numbers(rng)
        self.greeting = expand(rng, rng.choice(GREETINGS[2:]), ctx)
        self.signature = expand(rng, rng.choice(SIGNATURES[1:]), ctx)

    def new_draft(self, topic):
        rng = self.rng
        sentences = [choose(rng, s) for s in DEMANDS[topic]]
        if rng.random() < 0.3:
            del sentences[rng.randrange(1, len(sentences))]
        rest = sentences[1:]
        if rng.random() < 0.5:
            rng.shuffle(rest)
        body = [sentences[0]] + rest
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            body.insert(rng.randrange(1, len(body) + 1), choose(rng, rng.choice(ABUSE)))
        return body

    def edit_draft(self, draft, topic):
        rng = self.rng
        draft = list(draft)
        r = rng.random()
        if r < 0.5:  # one sentence in other words
            i = rng.randrange(len(draft))
            draft[i] = choose(rng, rng.choice(DEMANDS[topic] + ABUSE))
        elif r < 0.75 and len(draft) > 2:  # two sentences swapped
            i, j = rng.sample(range(1, len(draft)), 2)
            draft[i], draft[j] = draft[j], draft[i]
        elif r < 0.9:  # one more line of abuse
            draft.insert(rng.randrange(1, len(draft) + 1), choose(rng, rng.choice(ABUSE)))
        elif len(draft) > 2:  # one line dropped
            del draft[rng.randrange(1, len(draft))]
        return draft

    def mail(self, topic):
        rng = self.rng
        ctx = numbers(rng)
        if topic not in self.drafts:
            # The frame of the mail (deadline and count lines, their wording) belongs to the draft:
            # only the numbers in it change from mail to mail.
            frame = (choose(rng, rng.choice(DEADLINES)) if rng.random() < 0.7 else "",
                     choose(rng, rng.choice(COUNT_LINES)) if rng.random() < 0.5 else "")
            self.drafts[topic] = (self.new_draft(topic), frame)
        elif rng.random() < self.EDIT:
            draft, frame = self.drafts[topic]
            self.drafts[topic] = (self.edit_draft(draft, topic), frame)
        draft, frame = self.drafts[topic]
        if rng.random() < self.FRESH:
            body = [fill(s, ctx) for s in self.new_draft(topic)]
        else:
            body = [fill(s, ctx) for s in draft]
        previous = self.sent.get(topic)
        self.sent[topic] = body

        lines = []
        greeting = self.greeting if rng.random() < 0.9 else expand(rng, rng.choice(GREETINGS), ctx)
        if greeting:
            lines.append(greeting)
        lines.extend(body)
        lines.extend(fill(s, ctx) for s in frame if s)
        # Quoted text: the ward's generic answer, or the sender's own earlier mail on the demand.
        r = rng.random()
        if r < 0.15:
            lines.append("")
            lines.append(expand(rng, rng.choice(QUOTE_HEADERS), ctx))
            lines.extend("> " + expand(rng, s, ctx) for s in rng.choice(WARD_REPLIES))
        elif r < 0.30 and previous is not None:
            lines.append("")
            lines.append(expand(rng, rng.choice(QUOTE_HEADERS), ctx))
            lines.extend("> " + s for s in previous[: rng.randint(1, len(previous))])
        r = rng.random()
        signature = self.signature if r < 0.9 else expand(rng, rng.choice(SIGNATURES), ctx)
        if signature:
            lines.append("")
            lines.append(signature)
        text = "\n".join(lines)

        # Surface noise: typos, full-width digits, half-width katakana (the last two vanish under NFKC).
        if rng.random() < 0.4:
            text = typos(rng, text, rng.randint(1, 3))
        if rng.random() < 0.2:
            text = text.translate(FULLWIDTH)
        if rng.random() < 0.1:
            for full, half in HALFWIDTH_KANA.items():
                text = text.replace(full, half)
        return text


def flood(rng):
    """Topic per mail: bursts on one demand (mean 40 mails), 15% other demands mixed in."""
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(DEMANDS))]
    order = list(range(len(DEMANDS)))
    rng.shuffle(order)  # which demand is the most frequent is arbitrary
    topics = []
    while len(topics) < MAILS:
        focus = rng.choices(order, weights)[0]
        for _ in range(1 + int(rng.expovariate(1 / 40))):
            if rng.random() < 0.15:
                topics.append(rng.choices(order, weights)[0])
            else:
                topics.append(focus)
    return topics[:MAILS]


def shingles(text):
    t = unicodedata.normalize("NFKC", text).lower()
    if len(t) < SHINGLE:
        return {t} if t else set()
    return {t[i:i + SHINGLE] for i in range(len(t) - SHINGLE + 1)}


def jaccard(a, b):
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def sample_pairs(rng, topics, limit, count):
    """count pairs among the first `limit` mails: half of the same topic, half of different topics."""
    by_topic = {}
    for i in range(limit):
        by_topic.setdefault(topics[i], []).append(i)
    sized = sorted(t for t, ids in by_topic.items() if len(ids) >= 2)
    weights = [len(by_topic[t]) ** 2 for t in sized]  # a uniformly random same-topic pair
    seen = set()
    pairs = []
    while len(pairs) < count // 2:
        t = rng.choices(sized, weights)[0]
        a, b = sorted(rng.sample(by_topic[t], 2))
        if (a, b) not in seen:
            seen.add((a, b))
            pairs.append((a, b, True))
    while len(pairs) < count:
        a, b = sorted(rng.sample(range(limit), 2))
        if topics[a] != topics[b] and (a, b) not in seen:
            seen.add((a, b))
            pairs.append((a, b, False))
    rng.shuffle(pairs)
    return pairs


def histogram(values):
    edges = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    out = {}
    for lo, hi in zip(edges, edges[1:]):
        out[f"[{lo:.1f},{min(hi, 1.0):.1f}{']' if hi > 1 else ')'}"] = sum(lo <= v < hi for v in values)
    return out


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "work", "cluster")
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(SEED)
    topics = flood(rng)
    sender = Sender(rng)
    texts = [sender.mail(t) for t in topics]

    tmp = os.path.join(out_dir, "flood.jsonl.partial")
    with open(tmp, "w", encoding="utf-8") as f:
        for i, (t, text) in enumerate(zip(topics, texts)):
            f.write(json.dumps({"id": i, "topic": t, "text": text}, ensure_ascii=False) + "\n")
    os.replace(tmp, os.path.join(out_dir, "flood.jsonl"))

    stats = {"seed": SEED, "mails": MAILS, "topics": len(set(topics)),
             "mails_per_topic": sorted((topics.count(t) for t in set(topics)), reverse=True),
             "mean_chars": sum(map(len, texts)) / len(texts), "pairs": {}}
    cache = {}

    def sh(i):
        if i not in cache:
            cache[i] = shingles(texts[i])
        return cache[i]

    for limit, name in [(MAILS, "pairs.jsonl")] + [(n, f"pairs-{n}.jsonl") for n in SUBSETS]:
        pairs = sample_pairs(rng, topics, limit, PAIRS)
        tmp = os.path.join(out_dir, name + ".partial")
        same_j, diff_j = [], []
        with open(tmp, "w", encoding="utf-8") as f:
            for a, b, same in pairs:
                j = jaccard(sh(a), sh(b))
                (same_j if same else diff_j).append(j)
                f.write(json.dumps({"a": a, "b": b, "same": same, "jaccard": round(j, 4)}) + "\n")
        os.replace(tmp, os.path.join(out_dir, name))
        stats["pairs"][name] = {"limit": limit, "same": len(same_j), "different": len(diff_j),
                                "same_jaccard": histogram(same_j), "different_jaccard": histogram(diff_j)}
    with open(os.path.join(out_dir, "flood.stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
    print(json.dumps({"mails": MAILS, "out": os.path.abspath(out_dir)}))


if __name__ == "__main__":
    main()
