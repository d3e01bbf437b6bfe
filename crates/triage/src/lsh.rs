//! LSH banding of MinHash signatures: which bands × rows to use for a similarity threshold, and
//! the band keys under which a signature is indexed.
//!
//! The bands are chosen as Python's datasketch chooses them (`MinHashLSH._optimal_param` with
//! weights 0.5/0.5): the split that minimises the summed probability of a false positive (a pair
//! below the threshold sharing a band) and of a false negative (a pair above it sharing none),
//! so that a comparison with datasketch runs at equal settings.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Gauss-Legendre nodes and weights on [-1, 1], 8 points: exact for polynomials up to degree 15
/// on each sub-interval.
const GL_NODES: [f64; 8] = [
    -0.960_289_856_497_536_2,
    -0.796_666_477_413_626_7,
    -0.525_532_409_916_329,
    -0.183_434_642_495_649_8,
    0.183_434_642_495_649_8,
    0.525_532_409_916_329,
    0.796_666_477_413_626_7,
    0.960_289_856_497_536_2,
];
const GL_WEIGHTS: [f64; 8] = [
    0.101_228_536_290_376_26,
    0.222_381_034_453_374_47,
    0.313_706_645_877_887_3,
    0.362_683_783_378_362,
    0.362_683_783_378_362,
    0.313_706_645_877_887_3,
    0.222_381_034_453_374_47,
    0.101_228_536_290_376_26,
];
/// Sub-intervals of [0, 1]: the integrands are polynomials of degree up to `permutations` with a
/// step a few hundredths wide, which 128 × 8 nodes integrate to ~1e-12, far below the gaps between
/// competing band splits.
const GL_PIECES: usize = 128;

/// Probability that a pair of similarity `s` shares at least one of `bands` bands of `rows` rows,
/// i.e. becomes a candidate: the S-curve the banding is chosen for.
pub fn candidate_probability(s: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - s.powi(to_i32(rows))).powi(to_i32(bands))
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// ∫ f over [lo, hi] by composite Gauss-Legendre; the pieces are aligned on [0, 1] so that both
/// halves of a split interval use the same grid.
fn integrate(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    let mut total = 0.0;
    let width = 1.0 / GL_PIECES as f64;
    for piece in 0..GL_PIECES {
        let a = (piece as f64 * width).max(lo);
        let b = ((piece + 1) as f64 * width).min(hi);
        if b <= a {
            continue;
        }
        let (mid, half) = ((a + b) / 2.0, (b - a) / 2.0);
        let sum: f64 = GL_NODES
            .iter()
            .zip(GL_WEIGHTS)
            .map(|(x, w)| w * f(mid + half * x))
            .sum();
        total += half * sum;
    }
    total
}

/// Computed splits by (threshold bits, permutations).
type BandCache = HashMap<(u64, usize), (usize, usize)>;

/// (bands, rows) for `threshold` and signatures of `permutations` values, minimising
/// 0.5 × P(false positive) + 0.5 × P(false negative) over every split with bands × rows <=
/// permutations, first minimum in (bands, rows) order, as datasketch does. The threshold is
/// clamped to [0.01, 0.99]; the result is computed once per (threshold, permutations) in a
/// process, since one index is made per sender.
pub fn optimal_bands(threshold: f64, permutations: usize) -> (usize, usize) {
    let threshold = if threshold.is_nan() {
        0.99
    } else {
        threshold.clamp(0.01, 0.99)
    };
    let permutations = permutations.clamp(1, crate::minhash::MAX_PERMUTATIONS);
    static CACHE: OnceLock<Mutex<BandCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let key = (threshold.to_bits(), permutations);
    if let Some(&found) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return found;
    }
    let found = compute_optimal_bands(threshold, permutations);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, found);
    found
}

fn compute_optimal_bands(threshold: f64, permutations: usize) -> (usize, usize) {
    let mut best = (f64::INFINITY, (1, permutations));
    for bands in 1..=permutations {
        for rows in 1..=permutations / bands {
            let false_positive =
                integrate(|s| candidate_probability(s, bands, rows), 0.0, threshold);
            let false_negative = integrate(
                |s| 1.0 - candidate_probability(s, bands, rows),
                threshold,
                1.0,
            );
            let error = 0.5 * false_positive + 0.5 * false_negative;
            if error < best.0 {
                best = (error, (bands, rows));
            }
        }
    }
    best.1
}

/// One key per band of a signature: equal keys for equal rows. Bands are salted with their index
/// so that all bands can share one hash table.
pub(crate) fn band_keys(
    values: &[u32],
    bands: usize,
    rows: usize,
) -> impl Iterator<Item = u64> + '_ {
    values
        .chunks_exact(rows.max(1))
        .take(bands)
        .enumerate()
        .map(|(band, chunk)| {
            let h = chunk.iter().fold(band as u64, |h, &v| {
                (h ^ u64::from(v))
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .rotate_left(29)
            });
            // splitmix64 finaliser: the key is used as its own hash.
            let h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            let h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            h ^ (h >> 31)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// datasketch 2.0.0 `_optimal_param(t, p, 0.5, 0.5)` (scipy 1.17 quad), for thresholds where
    /// the optimum is not a near-tie (below 0.3 the error landscape is flat enough that quad's
    /// rounding picks among almost equal splits).
    const DATASKETCH: &[(usize, f64, (usize, usize))] = &[
        (32, 0.3, (12, 2)),
        (32, 0.5, (8, 4)),
        (32, 0.6, (6, 5)),
        (32, 0.7, (5, 6)),
        (32, 0.8, (3, 10)),
        (32, 0.9, (2, 16)),
        (64, 0.3, (21, 3)),
        (64, 0.4, (16, 4)),
        (64, 0.5, (14, 4)),
        (64, 0.6, (10, 6)),
        (64, 0.7, (8, 8)),
        (64, 0.8, (5, 11)),
        (64, 0.9, (3, 21)),
        (128, 0.3, (37, 3)),
        (128, 0.4, (32, 4)),
        (128, 0.5, (25, 5)),
        (128, 0.55, (21, 6)),
        (128, 0.6, (18, 7)),
        (128, 0.65, (16, 8)),
        (128, 0.7, (14, 9)),
        (128, 0.75, (11, 11)),
        (128, 0.8, (9, 13)),
        (128, 0.85, (8, 16)),
        (128, 0.9, (5, 25)),
        (128, 0.95, (3, 42)),
        (256, 0.5, (42, 6)),
        (256, 0.7, (25, 10)),
        (256, 0.9, (9, 28)),
    ];

    #[test]
    fn bands_match_datasketch() {
        for &(perms, t, want) in DATASKETCH {
            assert_eq!(
                compute_optimal_bands(t, perms),
                want,
                "threshold {t}, {perms} permutations"
            );
        }
        assert_eq!(optimal_bands(0.7, 128), (14, 9));
        assert_eq!(optimal_bands(0.7, 128), (14, 9)); // from the cache
    }

    #[test]
    fn odd_thresholds_do_not_panic() {
        for t in [f64::NAN, -1.0, 0.0, 1.0, 2.0, f64::INFINITY] {
            let (b, r) = optimal_bands(t, 16);
            assert!(b >= 1 && r >= 1 && b * r <= 16);
        }
        assert_eq!(optimal_bands(0.5, 0), (1, 1));
    }

    #[test]
    fn band_keys_follow_rows() {
        let a: Vec<u32> = (0..128).collect();
        let mut b = a.clone();
        b[0] = 999; // band 0 differs, every other band is equal
        let ka: Vec<u64> = band_keys(&a, 14, 9).collect();
        let kb: Vec<u64> = band_keys(&b, 14, 9).collect();
        assert_eq!(ka.len(), 14);
        assert_ne!(ka[0], kb[0]);
        assert_eq!(ka[1..], kb[1..]);
        // The same rows in another band give another key.
        let c = vec![7u32; 18];
        let kc: Vec<u64> = band_keys(&c, 2, 9).collect();
        assert_ne!(kc[0], kc[1]);
        // A short signature gives fewer keys, never a panic.
        assert_eq!(band_keys(&a[..5], 14, 9).count(), 0);
    }

    #[test]
    fn s_curve_sits_at_the_threshold() {
        let (b, r) = optimal_bands(0.7, 128);
        assert!(candidate_probability(0.9, b, r) > 0.99);
        assert!(candidate_probability(0.4, b, r) < 0.01);
    }
}
