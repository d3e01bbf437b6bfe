//! MinHash signatures of normalised text, so that two mails can be compared, and looked up among
//! many, by a few hundred bytes instead of their whole text.
//!
//! The signature is a one-permutation MinHash with optimal densification (Shrivastava, "Optimal
//! Densification for Fast and Accurate Minwise Hashing", ICML 2017): every character n-gram is
//! hashed once with a fixed 64-bit hash; the top bits pick one of `permutations` bins and the low
//! 32 bits are the value kept if it is the bin's minimum. Bins that no n-gram fell into borrow the
//! value of the first filled bin in a probe order fixed per bin. For any two texts, each position of their
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

/// Largest signature length accepted (larger requests are clamped): far beyond any useful
/// precision, and it keeps every size computation and the LSH band search small.
pub const MAX_PERMUTATIONS: usize = 4096;

/// Character 3-grams: short enough that one changed character of Japanese text (a typo, a date)
/// disturbs only three n-grams, long enough that unrelated texts share few.
pub const DEFAULT_SHINGLE: usize = 3;

/// The seed of the topic hasher ([`MinHasher::for_topics`]); it never changes.
const TOPIC_SEED: u64 = 0x6d61_696c_7761_7264;

/// Value of a bin that no n-gram fell into; never the value of a filled bin.
const EMPTY: u32 = u32::MAX;

/// First byte of [`Signature::to_bytes`]: changes whenever the hashing or what is hashed changes,
/// so that a signature stored by another version is refused instead of compared with incompatible
/// values. 3: the content-word view with the thesaurus's concepts, frame words and signature
/// lines left out, amounts kept and Latin words as one character each
/// ([`crate::normalize::similarity_view`], 2-grams); 2 was the content-word view without them;
/// 1 was 3-grams of the whole folded text.
pub(crate) const FORMAT: u8 = 3;

/// Up to this many filled bins, an empty bin finds its source by computing where each filled bin
/// stands in its probe order (a few multiplications each) instead of walking the order (about
/// `permutations / filled` steps): keeps a text of one or two n-grams ("死ね") as cheap as any.
const FEW_FILLED: usize = 4;

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
    /// Per bin, the order in which it probes the others when empty: bin `(start + t × step) mod
    /// permutations` at step t, with `step` coprime to `permutations` so that every bin comes once;
    /// `inverse` is `step`'s inverse modulo `permutations`, to find where a given bin comes.
    probes: Vec<Probe>,
}

/// One bin's probe order (see [`MinHasher::probes`]).
#[derive(Clone, Copy, Debug)]
struct Probe {
    start: u64,
    step: u64,
    inverse: u64,
}

/// `step`'s inverse modulo `n` (`step` coprime to `n`), by the extended Euclidean algorithm.
fn inverse_mod(step: u64, n: u64) -> u64 {
    let (mut r0, mut r1) = (i128::from(n), i128::from(step));
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    u64::try_from(t0.rem_euclid(i128::from(n))).unwrap_or(0)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl MinHasher {
    /// A hasher of `permutations` values over character `shingle`-grams. Zero for either is taken
    /// as 1 and `permutations` is capped at [`MAX_PERMUTATIONS`], so that no parameter can make
    /// signing fail. Signatures are comparable only when made with the same three parameters.
    pub fn new(permutations: usize, shingle: usize, seed: u64) -> Self {
        let k = permutations.clamp(1, MAX_PERMUTATIONS);
        let n = k as u64;
        let probe_seed = mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
        let probes = (0..n)
            .map(|j| {
                let h = mix64(probe_seed ^ j);
                let start = reduce(h >> 32, k) as u64;
                // A step coprime to n: the first of a fixed sequence of candidates that is
                // (1 always is, so the search ends).
                let mut step = (h & 0xffff_ffff) % n;
                let mut tries = 0u64;
                while gcd(step, n) != 1 {
                    tries += 1;
                    step = if tries < 64 { mix64(h ^ tries) % n } else { 1 };
                }
                Probe {
                    start,
                    step,
                    inverse: inverse_mod(step, n),
                }
            })
            .collect();
        Self {
            permutations: k,
            shingle: shingle.max(1),
            key_seed: mix64(seed ^ 0x6d61_696c_7761_7264),
            probes,
        }
    }

    /// The hasher of same-purpose topics: 128 values over 2-grams of
    /// [`crate::normalize::similarity_view`], with the one seed mailward has always used. Stored
    /// signatures are only comparable with signatures made by the same functions, so ingest,
    /// `rebuild` and the tuning tests all take this one.
    pub fn for_topics() -> Self {
        Self::new(
            DEFAULT_PERMUTATIONS,
            crate::normalize::SIMILARITY_SHINGLE,
            TOPIC_SEED,
        )
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
                *slot = (*slot).min(value);
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

    /// Fills each empty bin with the value of the first filled bin in its probe order, which
    /// depends only on the bin's index, the same for every text: two texts then agree on an empty
    /// bin with the same probability as on a filled one (Shrivastava's "optimal densification";
    /// the orders are independent per bin, so borrowed values are no more correlated than there).
    fn densify(&self, bins: &mut [u32]) {
        let k = bins.len();
        let n = k as u64;
        // Which bins the n-grams filled, as a bitset (on the stack up to 256 bins).
        let words = k.div_ceil(64);
        let mut stack = [0u64; 4];
        let mut heap = Vec::new();
        let filled: &mut [u64] = if words <= stack.len() {
            &mut stack[..words]
        } else {
            heap.resize(words, 0);
            &mut heap
        };
        // Branch-free: whether a bin is filled is a coin toss the CPU cannot predict.
        for (j, &v) in bins.iter().enumerate() {
            if let Some(w) = filled.get_mut(j / 64) {
                *w |= u64::from(v != EMPTY) << (j % 64);
            }
        }
        let count: usize = filled.iter().map(|w| w.count_ones() as usize).sum();
        if count == 0 || count == k {
            return;
        }
        let mut few = [0u64; FEW_FILLED];
        if count <= FEW_FILLED {
            for (slot, p) in few.iter_mut().zip(set_bits(filled, k)) {
                *slot = p as u64;
            }
        }
        let filled: &[u64] = filled;
        let was_filled = |p: u64| {
            filled
                .get((p / 64) as usize)
                .is_some_and(|w| w & (1 << (p % 64)) != 0)
        };
        // Only the empty bins, found word by word.
        let empty = filled.iter().enumerate().flat_map(|(w, &bits)| {
            let mut empties = !bits;
            std::iter::from_fn(move || {
                if empties == 0 {
                    return None;
                }
                let j = w * 64 + empties.trailing_zeros() as usize;
                empties &= empties - 1;
                (j < k).then_some(j)
            })
        });
        for j in empty {
            let Some(probe) = self.probes.get(j) else {
                continue;
            };
            let source = if count <= FEW_FILLED {
                // The filled bin that comes first in j's order: its place is
                // (p - start) × step⁻¹ mod k.
                few.iter()
                    .take(count)
                    .min_by_key(|&&p| (((p + n - probe.start) % n) * probe.inverse) % n)
                    .copied()
            } else {
                // Walk j's order; about k / count steps.
                let mut p = probe.start;
                let mut found = None;
                for _ in 0..k {
                    if was_filled(p) {
                        found = Some(p);
                        break;
                    }
                    p += probe.step;
                    p = if p >= n { p - n } else { p };
                }
                found
            };
            // Sources are filled bins, never written here: reading them in place is safe.
            if let Some(v) = source.and_then(|p| bins.get(p as usize).copied()) {
                bins[j] = v;
            }
        }
    }
}

/// Indices of the set bits of a bitset of `k` bits, in order.
fn set_bits(bits: &[u64], k: usize) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(move |(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let j = w * 64 + rest.trailing_zeros() as usize;
            rest &= rest - 1;
            (j < k).then_some(j)
        })
    })
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
        agreeing(&self.0, &other.0) as f64 / self.0.len() as f64
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

/// Positions where two signatures' values are equal (over the shorter): a loop the compiler
/// vectorises, since it runs for every candidate of every mail.
#[inline]
pub(crate) fn agreeing(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum::<u32>() as usize
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
            (usize::MAX, usize::MAX),
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
                assert_eq!(sig.len(), perms.clamp(1, MAX_PERMUTATIONS));
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
    fn both_ways_of_densifying_agree() {
        // Few filled bins take the computed-place path, more take the walk: both must pick the
        // first filled bin of each empty bin's order, as a plain walk does.
        for k in [1usize, 2, 7, 64, 128, 200] {
            let hasher = MinHasher::new(k, 3, 9);
            let mut rng = Rng(k as u64 + 1);
            for filled in 1..=k.min(12) {
                let mut bins = vec![EMPTY; k];
                for _ in 0..filled {
                    let p = rng.below(k as u64) as usize;
                    bins[p] = rng.below(1000) as u32;
                }
                let mut expected = bins.clone();
                for (j, probe) in hasher.probes.iter().enumerate() {
                    if bins[j] != EMPTY {
                        continue;
                    }
                    let mut p = probe.start as usize;
                    while bins[p] == EMPTY {
                        p = (p + probe.step as usize) % k;
                    }
                    expected[j] = bins[p];
                }
                hasher.densify(&mut bins);
                assert_eq!(bins, expected, "{k} bins, {filled} filled");
            }
        }
        // Every probe order visits every bin.
        let hasher = MinHasher::new(12, 3, 0);
        for probe in &hasher.probes {
            assert_eq!(gcd(probe.step, 12), 1);
            assert_eq!((probe.step * probe.inverse) % 12, 1);
        }
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
        assert_eq!(head, [1944774408, 1944774408, 477990366, 1944774408]);
    }
}
