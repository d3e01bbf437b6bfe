//! MinHash signatures of normalised text, so that two mails can be compared, and looked up among
//! many, by a few hundred bytes instead of their whole text.
//!
//! The signature is a one-permutation MinHash with optimal densification (Shrivastava, "Optimal
//! Densification for Fast and Accurate Minwise Hashing", ICML 2017): every character n-gram is
//! hashed once with a fixed 64-bit hash; the top bits pick one of `permutations` bins and the low
//! 32 bits are the value kept if it is the bin's minimum. Bins that no n-gram fell into borrow the
//! value of another bin along a fixed probe sequence. For any two texts, each position of their
//! signatures is equal with probability equal to the Jaccard similarity of their n-gram sets, as
//! with classic MinHash of `permutations` independent hash functions, at one hash per n-gram
//! instead of `permutations`.
//!
//! Nothing here is random at run time: the same text, parameters and seed always give the same
//! signature, on every machine and in every process, so signatures can be stored and compared
//! later.

/// The signature length the clustering is tuned for: 128 values estimate a Jaccard similarity to
/// about ±0.04 (one standard deviation at 0.7), enough to tell a copied demand from a different one.
pub const DEFAULT_PERMUTATIONS: usize = 128;

/// Character 3-grams: short enough that one changed character of Japanese text (a typo, a date)
/// disturbs only three n-grams, long enough that unrelated texts share few.
pub const DEFAULT_SHINGLE: usize = 3;

/// Value of a bin that no n-gram fell into; never the value of a filled bin.
const EMPTY: u32 = u32::MAX;

/// First byte of [`Signature::to_bytes`]: changes whenever the hashing changes, so that a
/// signature stored by another version is refused instead of compared with incompatible values.
const FORMAT: u8 = 1;

/// Probes tried for an empty bin before falling back to a linear scan. The expected number is
/// `permutations / filled bins`; the cap only bounds the time spent on a text of one n-gram.
const MAX_PROBES: u64 = 1024;

/// The splitmix64 finaliser: a bijection of `u64` whose output bits each depend on every input
/// bit. It is the only hash used here, so signatures are the same on every platform.
#[inline]
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Maps a uniform 32-bit value onto `0..n` without a division (Lemire's multiply-shift).
#[inline]
fn reduce(x32: u64, n: usize) -> usize {
    ((x32 * n as u64) >> 32) as usize
}

/// Computes signatures; one per configuration, shared by every mail that will be compared.
#[derive(Clone, Debug)]
pub struct MinHasher {
    permutations: usize,
    shingle: usize,
    /// Added to every n-gram key before mixing: different seeds give unrelated hash functions.
    key_seed: u64,
    /// Salt of the densification probe sequence, fixed per seed.
    probe_seed: u64,
}

impl MinHasher {
    /// A hasher of `permutations` values over character `shingle`-grams. Zero for either is taken
    /// as 1, so that no parameter can make signing fail. Signatures are comparable only when made
    /// with the same three parameters.
    pub fn new(permutations: usize, shingle: usize, seed: u64) -> Self {
        Self {
            permutations: permutations.max(1),
            shingle: shingle.max(1),
            key_seed: mix64(seed ^ 0x6d61_696c_7761_7264),
            probe_seed: mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15)),
        }
    }

    /// Signature length, which the LSH banding needs to know.
    pub fn permutations(&self) -> usize {
        self.permutations
    }

    /// N-gram length in characters, so callers can record how a stored signature was made.
    pub fn shingle(&self) -> usize {
        self.shingle
    }

    /// `text` is already normalised by the caller. Character (not byte) n-grams; text shorter
    /// than n chars -> one shingle of the whole text; empty text -> an "empty" signature that is
    /// similar to nothing.
    pub fn signature(&self, text: &str) -> Signature {
        let k = self.permutations;
        let mut bins = vec![EMPTY; k];
        let mut filled = false;
        let key_seed = self.key_seed;
        let mut add = |key: u64| {
            let h = mix64(key.wrapping_add(key_seed));
            let value = (h as u32).min(EMPTY - 1);
            if let Some(slot) = bins.get_mut(reduce(h >> 32, k)) {
                if value < *slot {
                    *slot = value;
                }
            }
            filled = true;
        };

        let n = self.shingle;
        if n <= 3 {
            // Exact keys: each code point fits in 21 bits, so up to three are packed into one u64
            // without collisions; the window slides by a shift.
            let mask = (1u64 << (21 * n)) - 1;
            let mut key = 0u64;
            let mut seen = 0usize;
            for c in text.chars() {
                key = ((key << 21) | u64::from(c)) & mask;
                seen += 1;
                if seen >= n {
                    add(key);
                }
            }
            if seen > 0 && seen < n {
                // The whole text as one shingle, marked with its length so that it cannot equal
                // a full window.
                add(key | (1 << 63) | ((seen as u64) << 60));
            }
        } else {
            let chars: Vec<u32> = text.chars().map(u32::from).collect();
            let fold = |window: &[u32]| {
                window.iter().fold(window.len() as u64, |h, &c| {
                    mix64(h ^ u64::from(c)).wrapping_add(0x9e37_79b9_7f4a_7c15)
                })
            };
            if chars.len() >= n {
                for window in chars.windows(n) {
                    add(fold(window));
                }
            } else if !chars.is_empty() {
                add(fold(&chars) | (1 << 63));
            }
        }

        if filled {
            self.densify(&mut bins);
        }
        Signature(bins)
    }

    /// Fills each empty bin with the value of the first filled bin along a probe sequence that
    /// depends only on the bin's index, the same for every text: two texts then agree on an empty
    /// bin with the same probability as on a filled one (the "optimal densification").
    fn densify(&self, bins: &mut [u32]) {
        let k = bins.len();
        let was_filled: Vec<bool> = bins.iter().map(|&v| v != EMPTY).collect();
        if was_filled.iter().all(|&f| f) {
            return;
        }
        for j in 0..k {
            if was_filled[j] {
                continue;
            }
            let mut source = None;
            for attempt in 1..=MAX_PROBES {
                let p = reduce(
                    mix64(self.probe_seed ^ ((j as u64) << 32) ^ attempt) >> 32,
                    k,
                );
                if was_filled.get(p) == Some(&true) {
                    source = Some(p);
                    break;
                }
            }
            // Almost never reached (one filled bin in a thousand probes); deterministic all the same.
            let source = source.or_else(|| (1..k).map(|d| (j + d) % k).find(|&p| was_filled[p]));
            if let Some(p) = source {
                bins[j] = bins[p];
            }
        }
    }
}

impl Default for MinHasher {
    /// The configuration the clustering defaults assume: 128 values, 3-grams, seed 0.
    fn default() -> Self {
        Self::new(DEFAULT_PERMUTATIONS, DEFAULT_SHINGLE, 0)
    }
}

/// The MinHash of one text: `permutations` 32-bit values, 512 bytes at the default, kept with the
/// mail so that its topic can be recomputed without the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// Estimated Jaccard similarity of the two texts' n-gram sets: the share of positions where
    /// the signatures agree. 0.0 when either is empty or they have different lengths (made with
    /// different parameters), so that such signatures never join a topic.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.is_empty() || other.is_empty() {
            return 0.0;
        }
        self.agreeing(other) as f64 / self.0.len() as f64
    }

    /// Positions where both signatures hold the same value; the caller checks the lengths.
    #[inline]
    pub(crate) fn agreeing(&self, other: &Signature) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| usize::from(a == b))
            .sum()
    }

    /// True for the signature of an empty text, which must not be clustered with anything (every
    /// empty mail would otherwise form one giant topic).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == EMPTY)
    }

    /// Number of values, so that signatures made with other parameters can be told apart.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The values, for the LSH banding.
    pub(crate) fn values(&self) -> &[u32] {
        &self.0
    }

    /// Stored form (a SQLite BLOB): one format byte, then the values as little-endian u32.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 4 * self.0.len());
        out.push(FORMAT);
        for v in &self.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads [`Signature::to_bytes`]. None on a wrong length (not one byte plus whole u32s, or
    /// no values) or another format version: the caller then recomputes the signature from the
    /// text rather than comparing values made by a different hash.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        let (&format, values) = b.split_first()?;
        if format != FORMAT || values.is_empty() || values.len() % 4 != 0 {
            return None;
        }
        Some(Signature(
            values
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Deterministic test data (xorshift64*), so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        /// A random CJK ideograph, so that 3-grams of random text are almost all distinct.
        fn kanji(&mut self) -> char {
            char::from_u32(0x4e00 + self.below(0x5000) as u32).unwrap()
        }
        fn text(&mut self, chars: usize) -> String {
            (0..chars).map(|_| self.kanji()).collect()
        }
    }

    fn exact_jaccard(a: &str, b: &str, n: usize) -> f64 {
        let grams = |t: &str| -> HashSet<Vec<char>> {
            let c: Vec<char> = t.chars().collect();
            if c.len() < n {
                return [c].into_iter().filter(|c| !c.is_empty()).collect();
            }
            c.windows(n).map(<[char]>::to_vec).collect()
        };
        let (a, b) = (grams(a), grams(b));
        let union = a.union(&b).count();
        if union == 0 {
            return 0.0;
        }
        a.intersection(&b).count() as f64 / union as f64
    }

    /// Classic MinHash for comparison: `k` independent hash functions of each 3-gram.
    fn classic(text: &str, k: u64) -> Vec<u64> {
        let c: Vec<u32> = text.chars().map(u32::from).collect();
        let keys: Vec<u64> = c
            .windows(3)
            .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]))
            .collect();
        (0..k)
            .map(|i| {
                let seed = mix64(i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xabcd);
                keys.iter()
                    .map(|&key| mix64(key ^ seed))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect()
    }

    #[test]
    fn estimates_jaccard_like_classic_minhash() {
        // Pairs X+Y / Y+Z with known overlap, from 10 to 3,000 characters and Jaccard 0 to 1,
        // estimated by this signature and by classic MinHash with 128 hash functions.
        let hasher = MinHasher::default();
        let mut rng = Rng(0x5eed);
        let (mut abs, mut signed, mut classic_abs) = (0.0f64, 0.0f64, 0.0f64);
        let pairs = 300;
        for i in 0..pairs {
            let shared = [5, 20, 60, 150, 400, 1500][i % 6];
            let own_a = rng.below(shared as u64 * 2 + 2) as usize;
            let own_b = rng.below(shared as u64 * 2 + 2) as usize;
            let y = rng.text(shared);
            let a = format!("{}{y}", rng.text(own_a));
            let b = format!("{y}{}", rng.text(own_b));
            let exact = exact_jaccard(&a, &b, 3);
            let est = hasher.signature(&a).similarity(&hasher.signature(&b));
            abs += (est - exact).abs();
            signed += est - exact;
            let (ca, cb) = (classic(&a, 128), classic(&b, 128));
            let classic_est = ca.iter().zip(&cb).filter(|(x, y)| x == y).count() as f64 / 128.0;
            classic_abs += (classic_est - exact).abs();
        }
        let n = pairs as f64;
        eprintln!("MAE {} classic {}", abs / n, classic_abs / n);
        let (mae, bias, classic_mae) = (abs / n, signed / n, classic_abs / n);
        // Classic MinHash with 128 functions: standard error sqrt(J(1-J)/128) <= 0.044.
        assert!(mae < 0.05, "mean absolute error {mae}");
        assert!(bias.abs() < 0.01, "bias {bias}");
        assert!(
            mae < classic_mae * 1.15,
            "mean absolute error {mae} vs classic MinHash {classic_mae}"
        );
    }

    #[test]
    fn estimates_short_texts_too() {
        // Mails of a few dozen characters leave most of the 128 bins empty before densification.
        let hasher = MinHasher::default();
        let mut rng = Rng(7);
        let mut abs = 0.0;
        let pairs = 400;
        for _ in 0..pairs {
            let base = rng.text(40);
            let mut other: Vec<char> = base.chars().collect();
            for _ in 0..rng.below(6) {
                let at = rng.below(other.len() as u64) as usize;
                other[at] = rng.kanji();
            }
            let other: String = other.into_iter().collect();
            let exact = exact_jaccard(&base, &other, 3);
            abs += (hasher
                .signature(&base)
                .similarity(&hasher.signature(&other))
                - exact)
                .abs();
        }
        assert!(
            abs / f64::from(pairs) < 0.05,
            "mean absolute error {}",
            abs / f64::from(pairs)
        );
    }

    #[test]
    fn identical_texts_agree_everywhere_and_repeat_across_calls() {
        let hasher = MinHasher::default();
        let text = "昨日の回答では納得できません。詳細な理由を文書で回答してください。";
        let a = hasher.signature(text);
        assert_eq!(a, hasher.signature(text));
        assert_eq!(a, MinHasher::default().signature(text));
        assert_eq!(a.similarity(&a), 1.0);
        assert_eq!(a.len(), DEFAULT_PERMUTATIONS);
        assert!(!a.is_empty());
        // Another seed is another hash function.
        assert_ne!(a, MinHasher::new(128, 3, 1).signature(text));
    }

    #[test]
    fn shingles_are_characters_not_bytes() {
        // Same character 3-gram sets (one each), however many bytes the characters take.
        let hasher = MinHasher::default();
        // "あいう" is one 3-gram; "あいうあいう" has three (あいう, いうあ, うあい); byte 3-grams
        // would give 7 and 16.
        let one = hasher.signature("あいう");
        let three = hasher.signature("あいうあいう");
        assert!((one.similarity(&three) - 1.0 / 3.0).abs() < 0.15);
        assert_eq!(
            three.similarity(&hasher.signature("あいうあいうあいう")),
            1.0
        );
        // Two characters are shorter than a 3-gram, whatever their byte length.
        assert_eq!(hasher.signature("あい"), hasher.signature("あい"));
        assert_eq!(hasher.signature("あい").similarity(&one), 0.0);
    }

    #[test]
    fn short_and_empty_texts() {
        let hasher = MinHasher::default();
        let empty = hasher.signature("");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        assert_eq!(empty.len(), DEFAULT_PERMUTATIONS);

        // Shorter than n: one shingle of the whole text.
        let ab = hasher.signature("ab");
        assert!(!ab.is_empty());
        assert_eq!(ab.similarity(&hasher.signature("ab")), 1.0);
        assert_eq!(ab.similarity(&hasher.signature("abc")), 0.0);
        assert_eq!(ab.similarity(&hasher.signature("a")), 0.0);
        assert_eq!(ab.similarity(&empty), 0.0);
        // "\0ab" is a full window whose packed code points equal those of "ab".
        assert_eq!(ab.similarity(&hasher.signature("\0ab")), 0.0);
    }

    #[test]
    fn odd_parameters_and_inputs_do_not_panic() {
        let long = "あ".repeat(1 << 20);
        let emoji = "👨‍👩‍👧‍👦🙇‍♂️🔥💢".repeat(50);
        for (perms, n) in [
            (0, 0),
            (1, 1),
            (3, 2),
            (128, 3),
            (128, 4),
            (200, 7),
            (64, 50),
        ] {
            let hasher = MinHasher::new(perms, n, 42);
            for text in [
                "",
                "a",
                "ab",
                "abc",
                long.as_str(),
                emoji.as_str(),
                "\u{10FFFF}\u{10FFFF}",
            ] {
                let sig = hasher.signature(text);
                assert_eq!(sig.len(), perms.max(1));
                assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig.clone()));
                assert_eq!(sig.is_empty(), text.is_empty());
            }
        }
        // One character repeated: a single n-gram, identical to the short text with that n-gram.
        let hasher = MinHasher::default();
        assert_eq!(
            hasher
                .signature(&long)
                .similarity(&hasher.signature("あああ")),
            1.0
        );
    }

    #[test]
    fn bytes_round_trip_and_reject_wrong_lengths() {
        let sig = MinHasher::default().signature("税金泥棒");
        let bytes = sig.to_bytes();
        assert_eq!(bytes.len(), 1 + 4 * DEFAULT_PERMUTATIONS);
        assert_eq!(Signature::from_bytes(&bytes), Some(sig));
        assert_eq!(Signature::from_bytes(&[]), None);
        assert_eq!(Signature::from_bytes(&[FORMAT]), None);
        assert_eq!(Signature::from_bytes(&bytes[..bytes.len() - 1]), None);
        let mut other_format = bytes.clone();
        other_format[0] = FORMAT + 1;
        assert_eq!(Signature::from_bytes(&other_format), None);
        let empty = MinHasher::default().signature("");
        assert!(Signature::from_bytes(&empty.to_bytes()).unwrap().is_empty());
    }

    #[test]
    fn different_lengths_are_not_similar() {
        let a = MinHasher::new(64, 3, 0).signature("担当者を出せ");
        let b = MinHasher::new(128, 3, 0).signature("担当者を出せ");
        assert_eq!(a.similarity(&b), 0.0);
    }

    #[test]
    fn signature_is_stable_across_versions() {
        // Stored signatures must stay comparable: a change here needs a new FORMAT byte.
        let sig = MinHasher::default().signature("担当者を出せ。上司と直接話をさせろ。");
        let head: Vec<u32> = sig.values()[..4].to_vec();
        assert_eq!(head, [4009521161, 662587389, 3113544153, 1676251091]);
    }
}
