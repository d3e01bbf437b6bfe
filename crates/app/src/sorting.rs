//! What mailward does on the mail server with one archived mail: move it to a folder, add
//! keywords, or leave it. The source document asks for harassing mail to be sorted out of the
//! clerks' inbox into a dedicated folder automatically, never deleted; threats and personal
//! contact stay where a person sees them now.
//!
//! Order: the office's rules (`[[sorting.rule]]`, by address, then domain, then flag, each in the
//! order written), then the default rule (a `mail_bomb` sender's mail moves to the quarantine
//! folder). Flag rules never move a mail whose own words are a threat or personal contact;
//! a manager's address or domain rule does (a person decided it).

use crate::config::{SortRule, Sorting};
use mailward_triage::flags::{Category, Flag};

/// The decision for one mail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    /// The folder to move it to, if any.
    pub folder: Option<String>,
    /// Keywords it should carry (`$mailward_<flag id>`).
    pub keywords: Vec<String>,
    /// Why, for the `sorted` entry: `rule:address:x@y`, `rule:domain:y`, `flag:mail_bomb`.
    pub reasons: Vec<String>,
}

/// The keyword for a flag.
pub fn keyword(flag: Flag) -> String {
    format!("$mailward_{}", flag.id())
}

/// Decides for a mail from `address` whose own categories are `categories`, sent by a sender
/// with `sender_flags`, now in `current_folder`.
pub fn decide(
    address: Option<&str>,
    categories: &[Category],
    sender_flags: &[Flag],
    sorting: &Sorting,
    current_folder: &str,
) -> Decision {
    let address = address.map(str::to_ascii_lowercase);
    let domain = address
        .as_deref()
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.to_string());
    let urgent = categories
        .iter()
        .any(|c| matches!(c, Category::Threat | Category::PersonalContact));
    let by_address = sorting.rule.iter().filter(|r| {
        r.address
            .as_deref()
            .is_some_and(|a| Some(a.to_ascii_lowercase()) == address)
    });
    let by_domain = sorting.rule.iter().filter(|r| {
        r.domain
            .as_deref()
            .is_some_and(|d| Some(d.to_ascii_lowercase()) == domain)
    });
    let by_flag = sorting.rule.iter().filter(|r| {
        r.flag
            .as_deref()
            .and_then(Flag::from_id)
            .is_some_and(|f| sender_flags.contains(&f))
    });
    let default_rule = SortRule {
        address: None,
        domain: None,
        flag: Some(Flag::MailBomb.id().to_string()),
        action: "move".into(),
        folder: None,
    };
    let default =
        (sorting.default_rules && sender_flags.contains(&Flag::MailBomb)).then_some(&default_rule);

    let mut decision = Decision::default();
    let chosen = by_address
        .map(|r| (r, true))
        .chain(by_domain.map(|r| (r, true)))
        .chain(by_flag.map(|r| (r, false)))
        .chain(default.map(|r| (r, false)))
        .find(|(r, personal)| r.action != "move" || *personal || !urgent);
    let mut leave = false;
    if let Some((rule, _)) = chosen {
        decision.reasons.push(reason(rule));
        match rule.action.as_str() {
            "move" => {
                let folder = rule
                    .folder
                    .clone()
                    .unwrap_or_else(|| sorting.quarantine_folder.clone());
                if folder != current_folder {
                    decision.folder = Some(folder);
                }
            }
            "leave" => leave = true,
            _ => {}
        }
    }
    if sorting.keywords && !leave {
        let mut flags: Vec<Flag> = sender_flags.to_vec();
        flags.extend(categories.iter().map(|c| c.flag()));
        for f in Flag::ALL {
            if flags.contains(&f) {
                decision.keywords.push(keyword(f));
                let why = format!("flag:{}", f.id());
                if !decision.reasons.contains(&why) {
                    decision.reasons.push(why);
                }
            }
        }
    }
    decision
}

fn reason(rule: &SortRule) -> String {
    match (&rule.address, &rule.domain, &rule.flag) {
        (Some(a), _, _) => format!("rule:address:{}", a.to_ascii_lowercase()),
        (_, Some(d), _) => format!("rule:domain:{}", d.to_ascii_lowercase()),
        (_, _, Some(f)) => format!("flag:{f}"),
        _ => "rule".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INBOX: &str = "INBOX";

    #[test]
    fn a_bomb_moves_but_its_threats_stay() {
        let s = Sorting::default();
        let d = decide(Some("b@x.jp"), &[], &[Flag::MailBomb], &s, INBOX);
        assert_eq!(d.folder.as_deref(), Some("確認用(迷惑メール)"));
        assert_eq!(d.keywords, vec!["$mailward_mail_bomb"]);
        let d = decide(
            Some("b@x.jp"),
            &[Category::Threat],
            &[Flag::MailBomb, Flag::Threat],
            &s,
            INBOX,
        );
        assert_eq!(d.folder, None);
        assert_eq!(d.keywords, vec!["$mailward_threat", "$mailward_mail_bomb"]);
        // Already in the quarantine folder: nothing to move.
        let d = decide(
            Some("b@x.jp"),
            &[],
            &[Flag::MailBomb],
            &s,
            "確認用(迷惑メール)",
        );
        assert_eq!(d.folder, None);
    }

    #[test]
    fn managers_rules_come_first() {
        let mut s = Sorting::default();
        s.rule.push(SortRule {
            address: Some("Someone@Example.jp".into()),
            domain: None,
            flag: None,
            action: "move".into(),
            folder: Some("要確認".into()),
        });
        s.rule.push(SortRule {
            address: None,
            domain: Some("partner.example".into()),
            flag: None,
            action: "leave".into(),
            folder: None,
        });
        let d = decide(
            Some("someone@example.jp"),
            &[Category::Threat],
            &[],
            &s,
            INBOX,
        );
        assert_eq!(d.folder.as_deref(), Some("要確認"));
        assert_eq!(d.reasons[0], "rule:address:someone@example.jp");
        let d = decide(Some("a@partner.example"), &[], &[Flag::MailBomb], &s, INBOX);
        assert_eq!(
            d,
            Decision {
                folder: None,
                keywords: vec![],
                reasons: vec!["rule:domain:partner.example".into()]
            }
        );
        // An ordinary mail: nothing at all.
        assert_eq!(
            decide(Some("r@x.jp"), &[], &[], &s, INBOX),
            Decision::default()
        );
    }
}
