//! The `[triage]` table of `mailward.toml` and the staff directory: thresholds, the shared
//! free-mail and carrier domains that never carry a domain flag, and the similarity threshold of
//! same-purpose topics. Every field has a default, so an office without a config file gets the
//! behaviour the docs describe.

use crate::assess::Thresholds;
use serde::{Deserialize, Serialize};

/// Shared mail services and carriers: thousands of unrelated people send from them, so a domain
/// flag on one would restrict innocent residents. Senders at them are still flagged one by one.
pub const FREE_MAIL_DOMAINS: [&str; 44] = [
    "gmail.com",
    "googlemail.com",
    "yahoo.co.jp",
    "ymail.ne.jp",
    "yahoo.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "disney.ne.jp",
    "ymobile.ne.jp",
    "y-mobile.ne.jp",
    "willcom.com",
    "pdx.ne.jp",
    "emnet.ne.jp",
    "uqmobile.jp",
    "rakumail.jp",
    "icloud.com",
    "me.com",
    "mac.com",
    "outlook.jp",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.jp",
    "live.jp",
    "live.com",
    "msn.com",
    "aol.com",
    "nifty.com",
    "biglobe.ne.jp",
    "ocn.ne.jp",
    "so-net.ne.jp",
    "excite.co.jp",
    "gmx.com",
    "gmx.net",
    "proton.me",
    "protonmail.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "163.com",
    "naver.com",
    "zoho.com",
];

/// Triage settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TriageConfig {
    /// Volume and same-purpose thresholds.
    #[serde(flatten)]
    pub thresholds: Thresholds,
    /// Estimated Jaccard similarity (2-grams of the content words,
    /// [`crate::normalize::similarity_view`]) at which a mail joins one of its sender's topics.
    /// Changing it needs `mailward rebuild`.
    pub similarity: f64,
    /// Similarity a mail must reach to the representatives of two topics to merge them into one
    /// (used as at least `similarity`). Kept well above what different demands of one sender
    /// reach through shared greetings and signatures, so that a large flood is not chained into
    /// one topic. Changing it needs `mailward rebuild`.
    pub merge_similarity: f64,
    /// Score at or above which the learned threat model ([`crate::model`]) flags a threat that no
    /// lexicon phrase found; `0` turns the model off. Changing it needs `mailward rebuild`.
    pub threat_model: f64,
    /// Domains that never carry a domain flag (replaces the built-in list when given).
    pub free_mail_domains: Vec<String>,
    /// Domains added to the built-in list.
    pub extra_free_mail_domains: Vec<String>,
}

impl Default for TriageConfig {
    fn default() -> Self {
        TriageConfig {
            thresholds: Thresholds::default(),
            similarity: 0.15,
            merge_similarity: 0.6,
            threat_model: crate::model::THRESHOLD,
            free_mail_domains: FREE_MAIL_DOMAINS.iter().map(|d| d.to_string()).collect(),
            extra_free_mail_domains: Vec::new(),
        }
    }
}

impl TriageConfig {
    /// The same-purpose clustering parameters of these settings, for signatures of
    /// [`crate::minhash::MinHasher::for_topics`].
    pub fn cluster_params(&self) -> crate::cluster::ClusterParams {
        crate::cluster::ClusterParams {
            threshold: self.similarity,
            merge_threshold: self.merge_similarity,
            permutations: crate::minhash::DEFAULT_PERMUTATIONS,
        }
    }

    /// Whether a domain (or a subdomain of one) is a shared free-mail or carrier domain.
    pub fn is_free_mail(&self, domain: &str) -> bool {
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        self.free_mail_domains
            .iter()
            .chain(&self.extra_free_mail_domains)
            .any(|d| {
                let d = d.to_ascii_lowercase();
                domain == d || domain.ends_with(&format!(".{d}"))
            })
    }

    /// Checks values that would make triage meaningless, naming the key.
    pub fn validate(&self) -> Result<(), String> {
        for (name, value) in [
            ("similarity", self.similarity),
            ("merge_similarity", self.merge_similarity),
        ] {
            if !(0.05..=1.0).contains(&value) {
                return Err(format!(
                    "[triage] {name} = {value}: must be between 0.05 and 1.0"
                ));
            }
        }
        if self.threat_model != 0.0 && !(0.5..=1.0).contains(&self.threat_model) {
            return Err(format!(
                "[triage] threat_model = {}: must be 0 (off) or between 0.5 and 1.0",
                self.threat_model
            ));
        }
        let t = &self.thresholds;
        for (name, share) in [
            ("bulk_distinct_share", t.bulk_distinct_share),
            ("bulk_list_share", t.bulk_list_share),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!(
                    "[triage] {name} = {share}: must be between 0 and 1"
                ));
            }
        }
        if t.same_purpose_min_span_hours < 0.0 {
            return Err("[triage] same_purpose_min_span_hours must not be negative".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_mail_matches_subdomains_only() {
        let c = TriageConfig::default();
        assert!(c.is_free_mail("gmail.com") && c.is_free_mail("GMAIL.COM"));
        assert!(c.is_free_mail("xx.ezweb.ne.jp"));
        assert!(!c.is_free_mail("notgmail.com") && !c.is_free_mail("kougeki.example"));
    }

    #[test]
    fn partial_tables_keep_defaults_and_typos_are_refused() {
        let c: TriageConfig = toml::from_str("mail_bomb_per_day = 300\n").unwrap();
        assert_eq!(c.thresholds.mail_bomb_per_day, 300);
        assert_eq!(c.thresholds.high_volume_per_day, 20);
        assert!(toml::from_str::<TriageConfig>("mail_bom_per_day = 3\n").is_err());
        let bad = TriageConfig {
            similarity: 2.0,
            ..TriageConfig::default()
        };
        assert!(bad.validate().unwrap_err().contains("similarity"));
        let bad = TriageConfig {
            merge_similarity: 0.0,
            ..TriageConfig::default()
        };
        assert!(bad.validate().unwrap_err().contains("merge_similarity"));
        // The threat model: 0 is off, 0.5-1.0 a threshold, anything else a mistake.
        let c: TriageConfig = toml::from_str("threat_model = 0\n").unwrap();
        assert!(c.validate().is_ok());
        let bad: TriageConfig = toml::from_str("threat_model = 0.3\n").unwrap();
        assert!(bad.validate().unwrap_err().contains("threat_model"));
    }
}
