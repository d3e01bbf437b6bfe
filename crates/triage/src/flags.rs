//! The flags staff see, with their stable ids and the legal grounds each may fall under
//! (../shared/LEGAL.md). mailward never says a crime happened: the wording is always "may fall
//! under" (該当する可能性), for a manager, the legal department, a lawyer or the police to decide.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a mail's own words show; a category of a message and, raised on any of its mails, a flag
/// of its sender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Harm announced to life, body, freedom, honour or property.
    Threat,
    /// Insults and abuse (暴言).
    Abusive,
    /// Deadlines, "answer now", demands for apology, a manager, a document, money.
    ExcessiveDemand,
    /// Private invitations and questions, fixation on a clerk, waiting outside.
    PersonalContact,
}

impl Category {
    /// Every category, in the order they are shown (most urgent first).
    pub const ALL: [Category; 4] = [
        Category::Threat,
        Category::PersonalContact,
        Category::Abusive,
        Category::ExcessiveDemand,
    ];

    /// The stable id used in JSON and lexicon files.
    pub fn id(self) -> &'static str {
        self.flag().id()
    }

    /// The sender flag this category raises.
    pub fn flag(self) -> Flag {
        match self {
            Category::Threat => Flag::Threat,
            Category::Abusive => Flag::Abusive,
            Category::ExcessiveDemand => Flag::ExcessiveDemand,
            Category::PersonalContact => Flag::PersonalContact,
        }
    }

    /// Reads a stable id (as written in lexicon files).
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// A flag on a sender or a domain. The ids are a contract: scripts outside mailward read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A threat in at least one mail: report to the police at once.
    Threat,
    /// Personal contact with a clerk: escalate to a manager.
    PersonalContact,
    /// Hundreds of mails a day that stop normal work.
    MailBomb,
    /// Unusually many mails, below a bomb.
    HighVolume,
    /// The same demand again and again.
    RepeatedSamePurpose,
    /// Insults and abuse.
    Abusive,
    /// Excessive demands.
    ExcessiveDemand,
}

impl Flag {
    /// Every flag, most urgent first (the order of `flags` in JSON).
    pub const ALL: [Flag; 7] = [
        Flag::Threat,
        Flag::PersonalContact,
        Flag::MailBomb,
        Flag::HighVolume,
        Flag::RepeatedSamePurpose,
        Flag::Abusive,
        Flag::ExcessiveDemand,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Threat => "threat",
            Flag::PersonalContact => "personal_contact",
            Flag::MailBomb => "mail_bomb",
            Flag::HighVolume => "high_volume",
            Flag::RepeatedSamePurpose => "repeated_same_purpose",
            Flag::Abusive => "abusive",
            Flag::ExcessiveDemand => "excessive_demand",
        }
    }

    /// Reads a stable id.
    pub fn from_id(id: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The flag's name for staff, Japanese first.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Flag::Threat => ("脅迫", "threat"),
            Flag::PersonalContact => ("私的接触・つきまとい", "personal contact"),
            Flag::MailBomb => ("メールボム(大量送信)", "mail bomb"),
            Flag::HighVolume => ("多数送信", "high volume"),
            Flag::RepeatedSamePurpose => ("同一趣旨の繰り返し", "same demand repeated"),
            Flag::Abusive => ("暴言", "abusive language"),
            Flag::ExcessiveDemand => ("過度な要求", "excessive demand"),
        }
    }

    /// The provisions the recorded pattern may fall under, from ../shared/LEGAL.md.
    pub fn grounds(self) -> Vec<Ground> {
        let g = |provision: &'static str, condition: Option<&'static str>| Ground {
            provision,
            condition,
        };
        match self {
            Flag::RepeatedSamePurpose => vec![
                g(
                    "東京都カスタマー・ハラスメント防止条例 第2条第4号 (正当な理由がない過度な要求)",
                    None,
                ),
                g(
                    "刑法 第233条 (業務妨害)",
                    Some(
                        "対応終了の宣言後も続く場合 / when it continues after the declared end of response",
                    ),
                ),
            ],
            Flag::ExcessiveDemand => vec![g(
                "東京都カスタマー・ハラスメント防止条例 第2条第4号 (正当な理由がない過度な要求)",
                None,
            )],
            Flag::Abusive => vec![
                g(
                    "東京都カスタマー・ハラスメント防止条例 第2条第4号 (暴言その他の不当な行為)",
                    None,
                ),
                g(
                    "東京都カスタマー・ハラスメント防止条例 第2条第5号 (就業環境を害するもの)",
                    None,
                ),
            ],
            Flag::Threat => vec![
                g("刑法 第222条 (脅迫)", None),
                g("東京都カスタマー・ハラスメント防止条例 第2条第4号", None),
            ],
            Flag::PersonalContact => vec![
                g("東京都カスタマー・ハラスメント防止条例 第2条第5号", None),
                g(
                    "ストーカー行為等の規制等に関する法律 第2条第1項 (電子メールの連続送信)",
                    Some("拒否の後も繰り返される場合 / when repeated after a refusal"),
                ),
            ],
            Flag::MailBomb => vec![
                g("刑法 第233条 (偽計業務妨害)", None),
                g("刑法 第234条 (威力業務妨害)", None),
                g("民法 第709条 (不法行為による損害賠償)", None),
            ],
            Flag::HighVolume => vec![g(
                "東京都カスタマー・ハラスメント防止条例 第2条第4号",
                Some("業務に支障が出ている場合 / when it disrupts work"),
            )],
        }
    }

    /// What staff should do, from the source document and the common manual.
    pub fn advice(self) -> (&'static str, &'static str) {
        match self {
            Flag::Threat => (
                "ためらわず警察に通報・相談し、管理職に報告してください。",
                "Report to the police without hesitation and tell a manager.",
            ),
            Flag::PersonalContact => (
                "管理職に報告し、定型文で毅然と断ってください。職員の安全を確保してください。",
                "Escalate to a manager, refuse firmly with the fixed wording, keep the clerk safe.",
            ),
            Flag::MailBomb => (
                "受信制限を検討し、被害ログを抽出して警察・法務担当に相談してください。",
                "Consider restricting receipt, extract the damage log, consult the police and legal.",
            ),
            Flag::HighVolume => (
                "送信状況を記録し、対応方針を組織で決めてください。",
                "Keep the record and decide the response as an organisation.",
            ),
            Flag::RepeatedSamePurpose => (
                "回答済みであれば、管理職名で対応終了を宣言してください。",
                "If already answered, declare the end of response in a manager's name.",
            ),
            Flag::Abusive => (
                "全文を記録として保全し、組織で対応してください。",
                "Keep every text as evidence and respond as an organisation.",
            ),
            Flag::ExcessiveDemand => (
                "要求に応じる義務の有無を組織で判断し、期限に縛られず対応してください。",
                "Decide as an organisation what is owed; deadlines set by the sender do not bind.",
            ),
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One provision a flag may fall under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ground {
    /// The law and article.
    pub provision: &'static str,
    /// When it applies, if only in some cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<&'static str>,
}

impl Ground {
    /// The sentence shown to staff, in the "may fall under" form that LEGAL.md requires.
    pub fn wording(&self) -> String {
        let mut s = format!(
            "{}に該当する可能性があります / may fall under {}",
            self.provision, self.provision
        );
        if let Some(c) = self.condition {
            s.push_str(&format!(" ({c})"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_every_flag_has_grounds() {
        for f in Flag::ALL {
            assert_eq!(Flag::from_id(f.id()), Some(f));
            assert!(!f.grounds().is_empty());
            for g in f.grounds() {
                assert!(g.wording().contains("可能性"));
                assert!(g.wording().contains("may fall under"));
            }
        }
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
        }
        assert_eq!(
            serde_json::to_string(&Flag::RepeatedSamePurpose).unwrap(),
            "\"repeated_same_purpose\""
        );
    }
}
