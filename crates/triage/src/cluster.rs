//! Same-purpose topics per sender: mails that repeat one demand, reworded or not, are grouped
//! into one topic, so that "the same demand 300 times" can be shown as one item with its count.
//!
//! Each topic is represented by the signature of its first mail. A new mail is compared with the
//! representatives that share an LSH band with it and joins the most similar one at or above the
//! threshold; otherwise it opens a topic of its own and becomes that topic's representative.
//! Only representatives are indexed ("query first, insert only representatives"), so a flood of
//! 100,000 near-identical mails leaves the index, and every candidate list, as small as the
//! number of distinct demands.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::lsh::{band_keys, optimal_bands};
use crate::minhash::{DEFAULT_PERMUTATIONS, Signature};

/// How alike two mails must be to count as the same demand.
#[derive(Clone, Copy, Debug)]
pub struct ClusterParams {
    /// Minimum estimated Jaccard similarity of character 3-grams (after
    /// [`crate::normalize::for_similarity`]) between a mail and a topic's representative.
    pub threshold: f64,
    /// Signature length; must match the [`crate::minhash::MinHasher`] that made the signatures.
    pub permutations: usize,
}

impl Default for ClusterParams {
    /// 0.7 with 128 permutations. On the bench/cluster flood (docs/PERFORMANCE.md), copies of one
    /// demand with new dates, counts, greetings and typos score 0.75-1.0 against each other, and
    /// different demands from the same sender, sharing greetings, signatures and stock abuse,
    /// stay below 0.5: 0.7 keeps a margin on both sides, and wrongly merging two demands (an
    /// inflated count in evidence) is worse than splitting one.
    fn default() -> Self {
        Self {
            threshold: 0.7,
            permutations: DEFAULT_PERMUTATIONS,
        }
    }
}

/// Where [`TopicIndex::assign`] put a mail.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Assignment {
    /// The mail repeats the demand of an existing topic.
    Joined {
        /// The topic joined (the id of its representative mail).
        topic: u64,
        /// Estimated Jaccard similarity to that topic's representative, kept as the evidence of
        /// why the mail was counted as a repetition.
        similarity: f64,
    },
    /// The mail opened a topic; its id is the topic's id and its signature the representative.
    New {
        /// The new topic's id (the mail's own id).
        topic: u64,
    },
}

/// Identity hasher for keys that are already hashes (band keys, topic ids mixed below), so the
/// maps cost no second hash and iterate the same way in every process.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Topic ids are small consecutive integers: spread them over the table's buckets.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Fixed = BuildHasherDefault<PassThrough>;

/// A representative: a topic and the signature mails are compared with.
#[derive(Debug)]
struct Representative {
    topic: u64,
    signature: Signature,
}

/// One sender's topics: only representatives are indexed ("query first, insert only representatives"),
/// so candidate lists stay short during a flood of 100,000 near-identical mails.
#[derive(Debug)]
pub struct TopicIndex {
    params: ClusterParams,
    threshold: f64,
    bands: usize,
    rows: usize,
    representatives: Vec<Representative>,
    /// Band key -> representatives (indices into `representatives`) with that band.
    buckets: HashMap<u64, Vec<u32>, Fixed>,
    topics: HashSet<u64, Fixed>,
    /// Per representative, the query that last saw it: dedupes candidates without sorting.
    seen: Vec<u32>,
    query: u32,
    /// Representatives per topic (primary and extra).
    per_topic: HashMap<u64, u32, Fixed>,
    /// Experiment knobs.
    pub novelty: f64,
    /// Experiment knobs.
    pub cap: u32,
    /// Experiment: indexed extras.
    pub extras: u64,
    /// Experiment: candidates examined.
    pub examined: u64,
    /// Experiment: merge topics.
    pub merge: bool,
    /// Experiment: merges done.
    pub merges: u64,
    parent: HashMap<u64, u64, Fixed>,
    qualifying: Vec<u32>,
}

impl TopicIndex {
    /// An empty index; the LSH bands are chosen for `params` as datasketch chooses them. A
    /// threshold outside [0, 1] is clamped and NaN is taken as 1 (only identical signatures join).
    pub fn new(params: ClusterParams) -> Self {
        let threshold = if params.threshold.is_nan() {
            1.0
        } else {
            params.threshold.clamp(0.0, 1.0)
        };
        let (bands, rows) = match std::env::var("BANDING").ok() {
            Some(v) => {
                let (b, r) = v.split_once('x').unwrap();
                (b.parse().unwrap(), r.parse().unwrap())
            }
            None => optimal_bands(threshold, params.permutations),
        };
        Self {
            params,
            threshold,
            bands,
            rows,
            representatives: Vec::new(),
            buckets: HashMap::default(),
            topics: HashSet::default(),
            seen: Vec::new(),
            query: 0,
            per_topic: HashMap::default(),
            novelty: 0.0,
            cap: 0,
            extras: 0,
            examined: 0,
            merge: false,
            merges: 0,
            parent: HashMap::default(),
            qualifying: Vec::new(),
        }
    }

    /// The parameters the index was made with.
    pub fn params(&self) -> ClusterParams {
        self.params
    }

    /// The LSH split in use (bands, rows), for reports.
    pub fn banding(&self) -> (usize, usize) {
        (self.bands, self.rows)
    }

    /// Restores a topic from storage (its id and its representative's signature), so that an
    /// import continues the topics of earlier ones. A signature of another length or of an empty
    /// text is counted as a topic but never matched.
    pub fn add_topic(&mut self, topic: u64, representative: Signature) {
        self.topics.insert(topic);
        self.index(topic, representative);
    }

    /// Puts the mail into the topic whose representative is the most similar among the LSH
    /// candidates, if at least the threshold (`Joined`); else opens topic `id` with the mail as
    /// its representative (`New`). Ties go to the older topic, so the result depends only on
    /// the order of the calls.
    pub fn assign(&mut self, id: u64, sig: &Signature) -> Assignment {
        if let Some((topic, similarity)) = self.best_match(sig) {
            if similarity < self.novelty
                && self.per_topic.get(&topic).copied().unwrap_or(0) < self.cap
            {
                self.extras += 1;
                self.index(topic, sig.clone());
            }
            return Assignment::Joined { topic, similarity };
        }
        self.topics.insert(id);
        self.index(id, sig.clone());
        Assignment::New { topic: id }
    }

    /// Experiment: root of a topic after merges.
    pub fn root(&self, mut topic: u64) -> u64 {
        while let Some(&p) = self.parent.get(&topic) {
            if p == topic {
                break;
            }
            topic = p;
        }
        topic
    }

    /// Number of topics, restored and new.
    pub fn topics(&self) -> usize {
        self.topics.len()
    }

    fn usable(&self, sig: &Signature) -> bool {
        sig.len() == self.params.permutations.max(1) && !sig.is_empty()
    }

    fn index(&mut self, topic: u64, signature: Signature) {
        if !self.usable(&signature) {
            return;
        }
        let Ok(slot) = u32::try_from(self.representatives.len()) else {
            return; // 4 billion topics for one sender: stop indexing rather than overflow
        };
        for key in band_keys(signature.values(), self.bands, self.rows) {
            self.buckets.entry(key).or_default().push(slot);
        }
        *self.per_topic.entry(topic).or_default() += 1;
        self.representatives
            .push(Representative { topic, signature });
        self.seen.push(0);
    }

    /// The most similar representative among the candidates, if at or above the threshold.
    fn best_match(&mut self, sig: &Signature) -> Option<(u64, f64)> {
        if !self.usable(sig) {
            return None;
        }
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            self.seen.fill(0);
            self.query = 1;
        }
        let needed = (self.threshold * sig.len() as f64).ceil() as usize;
        self.qualifying.clear();
        let mut best: Option<(usize, u32)> = None; // (agreeing positions, slot)
        for key in band_keys(sig.values(), self.bands, self.rows) {
            let Some(slots) = self.buckets.get(&key) else {
                continue;
            };
            for &slot in slots {
                let Some(seen) = self.seen.get_mut(slot as usize) else {
                    continue;
                };
                if *seen == self.query {
                    continue;
                }
                *seen = self.query;
                self.examined += 1;
                let Some(rep) = self.representatives.get(slot as usize) else {
                    continue;
                };
                let agreeing = rep.signature.agreeing(sig);
                let better = match best {
                    None => true,
                    Some((a, s)) => agreeing > a || (agreeing == a && slot < s),
                };
                if agreeing >= needed {
                    self.qualifying.push(slot);
                }
                if agreeing >= needed && better {
                    best = Some((agreeing, slot));
                }
            }
        }
        let (agreeing, slot) = best?;
        let rep = self.representatives.get(slot as usize)?;
        let mut root = self.root(rep.topic);
        if self.merge {
            let quals = std::mem::take(&mut self.qualifying);
            for &q in &quals {
                let other = self.root(self.representatives[q as usize].topic);
                if other != root {
                    let (keep, gone) = if other < root {
                        (other, root)
                    } else {
                        (root, other)
                    };
                    self.parent.insert(gone, keep);
                    let c = self.per_topic.get(&gone).copied().unwrap_or(0);
                    *self.per_topic.entry(keep).or_default() += c;
                    self.merges += 1;
                    root = keep;
                }
            }
            self.qualifying = quals;
        }
        Some((root, agreeing as f64 / sig.len() as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::MinHasher;

    fn index() -> TopicIndex {
        TopicIndex::new(ClusterParams::default())
    }

    #[test]
    fn repeats_join_and_other_demands_open_topics() {
        let h = MinHasher::default();
        let mut idx = index();
        let a = "昨日の回答では納得できません。詳細な理由を文書で回答してください。回答期限は本日15時とします。";
        let a2 = "昨日の回答では納得できません。詳細な理由を文書で回答してください。回答期限は本日17時とします。";
        let b = "お前らは税金泥棒だ。区民の税金で給料をもらっている自覚があるのか。仕事をしないなら今すぐ辞めろ。";
        assert_eq!(idx.assign(1, &h.signature(a)), Assignment::New { topic: 1 });
        match idx.assign(2, &h.signature(a2)) {
            Assignment::Joined {
                topic: 1,
                similarity,
            } => assert!(similarity >= 0.7),
            other => panic!("{other:?}"),
        }
        assert_eq!(idx.assign(3, &h.signature(b)), Assignment::New { topic: 3 });
        assert_eq!(idx.topics(), 2);
        assert_eq!(idx.banding(), (14, 9));
    }

    #[test]
    fn empty_and_foreign_signatures_never_join() {
        let mut idx = index();
        let empty = MinHasher::default().signature("");
        assert_eq!(idx.assign(1, &empty), Assignment::New { topic: 1 });
        assert_eq!(idx.assign(2, &empty), Assignment::New { topic: 2 });
        let short = MinHasher::new(64, 3, 0).signature("担当者を出せ");
        assert_eq!(idx.assign(3, &short), Assignment::New { topic: 3 });
        assert_eq!(idx.assign(4, &short), Assignment::New { topic: 4 });
        assert_eq!(idx.topics(), 4);
    }

    #[test]
    fn restored_topics_are_joined() {
        let h = MinHasher::default();
        let text = "担当者を出せ。上司と直接話をさせろ。居留守は許さない。";
        let stored = h.signature(text).to_bytes();
        let mut idx = index();
        idx.add_topic(77, Signature::from_bytes(&stored).unwrap());
        assert_eq!(idx.topics(), 1);
        assert_eq!(
            idx.assign(100, &h.signature(text)),
            Assignment::Joined {
                topic: 77,
                similarity: 1.0
            }
        );
        assert_eq!(idx.topics(), 1);
    }

    #[test]
    fn odd_params_do_not_panic() {
        let h = MinHasher::default();
        for threshold in [f64::NAN, -1.0, 0.0, 1.0, 5.0] {
            for permutations in [0, 1, 128] {
                let mut idx = TopicIndex::new(ClusterParams {
                    threshold,
                    permutations,
                });
                for (i, t) in ["", "a", "担当者を出せ", "担当者を出せ"].iter().enumerate()
                {
                    idx.assign(i as u64, &h.signature(t));
                }
                assert!(idx.topics() >= 1);
            }
        }
    }

    #[test]
    fn same_calls_same_assignments() {
        let h = MinHasher::default();
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "回答期限は{}月{}日とします。詳細な理由を文書で回答してください。{}",
                    i % 12,
                    i % 28,
                    i % 7
                )
            })
            .collect();
        let run = || {
            let mut idx = index();
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| idx.assign(i as u64, &h.signature(t)))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}
