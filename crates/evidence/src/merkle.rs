//! The RFC 9162 (Certificate Transparency v2, section 2.1) Merkle tree whose leaves are the entries
//! of the evidence log: the leaf and node hashes, the in-memory right edge ([`Frontier`]) that the
//! single writer keeps while appending, and the tree heads, inclusion proofs and consistency proofs
//! computed from persisted perfect-subtree hashes, together with the RFC's verification algorithms.
//! Every computation here reads O(log n) stored nodes through [`NodeSource`] and never rebuilds the
//! tree. What does not live here: storing or loading nodes (that is `mailward-store`, which
//! implements [`NodeSource`] over SQL), the format of an entry (that is `entry`), and signing tree
//! heads (that is `checkpoint`).

use sha2::{Digest, Sha256};

/// A SHA-256 digest used as a tree hash; a plain array so that it can be stored, compared and
/// shipped in proofs without ceremony.
pub type Hash = [u8; 32];

/// The domain-separation prefix of a leaf hash, so that no leaf can pose as an interior node.
const LEAF_PREFIX: u8 = 0x00;

/// The domain-separation prefix of an interior node hash.
const NODE_PREFIX: u8 = 0x01;

/// Hashes one log entry into a leaf, `SHA-256(0x00 || entry)`, as RFC 9162 defines `MTH({d0})`;
/// this is the only way an entry enters the tree.
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([LEAF_PREFIX]);
    hasher.update(entry);
    hasher.finalize().into()
}

/// Hashes two child subtrees into their parent, `SHA-256(0x01 || left || right)`, the one rule by
/// which every interior node of the tree is formed.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([NODE_PREFIX]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The root of the tree with no leaves, the SHA-256 of the empty string (RFC 9162 `MTH({})`), so
/// that an empty log still has a well-defined tree head.
pub fn empty_root() -> Hash {
    Sha256::digest(b"").into()
}

/// Where persisted perfect-subtree hashes come from. The store implements it over SQL and the tests
/// over a `Vec`; the algorithms in this module only ever ask for nodes that lie wholly inside the
/// tree size they were given, so a source needs nothing but the nodes completed so far.
pub trait NodeSource {
    /// Why a node could not be read, for instance a database failure or a node that was never
    /// persisted.
    type Error;

    /// Hash of the perfect subtree at `level` covering leaves `[index << level, (index + 1) << level)`.
    /// Level 0 is the leaf hash of leaf `index`.
    fn perfect(&mut self, level: u32, index: u64) -> Result<Hash, Self::Error>;
}

/// A subtree hash that was asked for but not supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("tree node level {level} index {index} is missing")]
pub struct MissingNode {
    /// Level of the missing node.
    pub level: u32,
    /// Index of the missing node at that level.
    pub index: u64,
}

/// Nodes read beforehand (which ones a computation needs depends only on sizes and indices, so
/// a store can fetch them in one go and answer from memory).
impl NodeSource for std::collections::HashMap<(u32, u64), Hash> {
    type Error = MissingNode;

    fn perfect(&mut self, level: u32, index: u64) -> Result<Hash, Self::Error> {
        self.get(&(level, index))
            .copied()
            .ok_or(MissingNode { level, index })
    }
}

/// Why a root or a proof could not be produced: either the request names a position outside the
/// tree, or the node source failed.
#[derive(Debug, thiserror::Error)]
pub enum ProofError<E> {
    /// The request does not describe a proof that exists, such as a leaf index at or past the tree
    /// size, an old size of zero or an old size larger than the new one.
    #[error("{what} {value} is out of range for a tree of {size} leaves")]
    OutOfRange {
        /// Which argument was out of range ("leaf index" or "old size").
        what: &'static str,
        /// The value that was out of range.
        value: u64,
        /// The tree size it was checked against.
        size: u64,
    },
    /// The node source could not supply a node that the computation needed.
    #[error("reading a tree node failed")]
    Source(#[source] E),
}

/// The split point `k` of RFC 9162: the largest power of two strictly smaller than `n` (`n >= 2`).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2, "only a tree of two or more leaves is split");
    1 << (63 - (n - 1).leading_zeros())
}

/// The (level, index) positions of the perfect subtrees that tile the leaves
/// `[start, start + len)`, largest first, one per set bit of `len`. The tiling is the one that
/// `MTH` itself produces only when `start` is a multiple of the largest piece, which holds for the
/// whole tree and for every subtree that the RFC's recursive definitions visit.
fn tiles(start: u64, len: u64) -> impl Iterator<Item = (u32, u64)> {
    debug_assert!(
        len == 0 || start.is_multiple_of(1 << (63 - len.leading_zeros())),
        "a range must be aligned to its largest perfect subtree",
    );
    let mut offset = start;
    (0..u64::BITS)
        .rev()
        .filter(move |level| (len >> level) & 1 == 1)
        .map(move |level| {
            let index = offset >> level;
            offset += 1 << level;
            (level, index)
        })
}

/// Folds perfect-subtree hashes (largest, leftmost first) right to left into the `MTH` of the range
/// they tile, exactly as the RFC's recursion combines them; `None` when there are none.
fn fold(hashes: &[Hash]) -> Option<Hash> {
    hashes
        .iter()
        .rev()
        .copied()
        .reduce(|right, left| node_hash(&left, &right))
}

/// `MTH(D[start:end])` for a non-empty, aligned range, from one read per perfect subtree that tiles
/// it: one read when the range is itself perfect and at most about log2(end - start) otherwise.
fn range_root<S: NodeSource>(src: &mut S, start: u64, end: u64) -> Result<Hash, S::Error> {
    debug_assert!(start < end, "the range must not be empty");
    let hashes = tiles(start, end - start)
        .map(|(level, index)| src.perfect(level, index))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(fold(&hashes).unwrap_or_else(empty_root))
}

/// The right edge of the tree: the perfect subtrees that make up the current size (one per set bit
/// of size, largest first). Kept in memory by the single writer; appending a leaf returns the newly
/// completed nodes to persist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frontier {
    /// The number of leaves appended so far.
    size: u64,
    /// The hashes at `Frontier::positions(size)`, in that order; the invariant is that there are
    /// exactly `size.count_ones()` of them.
    hashes: Vec<Hash>,
}

impl Frontier {
    /// The frontier of the empty tree, where a new log starts.
    pub fn new() -> Self {
        Self::default()
    }

    /// The (level, index) positions of the perfect subtrees making up a tree of `size` leaves,
    /// largest first; these are the nodes a writer must read back to resume appending.
    pub fn positions(size: u64) -> Vec<(u32, u64)> {
        tiles(0, size).collect()
    }

    /// Rebuilds the frontier from the hashes at `positions(size)`, in the same order, so that a
    /// writer can resume from stored nodes. Returns `None` if the number of hashes is wrong.
    pub fn from_hashes(size: u64, hashes: Vec<Hash>) -> Option<Self> {
        (hashes.len() == size.count_ones() as usize).then_some(Self { size, hashes })
    }

    /// Reads the frontier of a tree of `size` leaves from a node source, one read per set bit of
    /// `size`, so that a restarted writer needs no rebuild.
    pub fn load<S: NodeSource>(src: &mut S, size: u64) -> Result<Self, S::Error> {
        let hashes = Self::positions(size)
            .into_iter()
            .map(|(level, index)| src.perfect(level, index))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { size, hashes })
    }

    /// The number of leaves appended so far, which is also the index the next leaf will get.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Append a leaf hash; returns every node completed by it at level >= 1 as (level, index, hash),
    /// lowest level first. (The leaf itself, level 0, is the caller's to persist.)
    ///
    /// Every trailing one bit of the old size is a perfect subtree of the same height as the one
    /// being carried up from the new leaf, so the two merge into a node one level higher, in the
    /// way a binary counter carries.
    pub fn push(&mut self, leaf: Hash) -> Vec<(u32, u64, Hash)> {
        let mut completed = Vec::new();
        let mut carried = leaf;
        let mut level = 0;
        while (self.size >> level) & 1 == 1 {
            let left = self
                .hashes
                .pop()
                .expect("a frontier holds one hash per set bit of its size");
            carried = node_hash(&left, &carried);
            level += 1;
            completed.push((level, self.size >> level, carried));
        }
        self.hashes.push(carried);
        self.size += 1;
        completed
    }

    /// Root of the current tree (RFC 9162 MTH): fold the perfect subtrees right to left.
    pub fn root(&self) -> Hash {
        fold(&self.hashes).unwrap_or_else(empty_root)
    }
}

/// Root of the first `size` leaves, from at most ~log2(size) perfect-subtree reads, so that the
/// tree head of any earlier size can be recomputed (the empty tree's root needs no reads).
pub fn root_at<S: NodeSource>(src: &mut S, size: u64) -> Result<Hash, ProofError<S::Error>> {
    if size == 0 {
        return Ok(empty_root());
    }
    range_root(src, 0, size).map_err(ProofError::Source)
}

/// RFC 9162 2.1.3.1 inclusion proof of leaf `index` in the tree of `size` leaves: O(log n) reads.
///
/// This walks the RFC's recursive `PATH(m, D[n])` from the root down, taking the sibling of each
/// subtree that contains the leaf, and returns the siblings bottom-up as the RFC orders them. A
/// left sibling is always perfect (one read); only the first right sibling can reach the right edge
/// of the tree and be imperfect, and every later one lies inside a perfect subtree.
pub fn inclusion_proof<S: NodeSource>(
    src: &mut S,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, ProofError<S::Error>> {
    if index >= size {
        return Err(ProofError::OutOfRange {
            what: "leaf index",
            value: index,
            size,
        });
    }
    let (mut lo, mut hi) = (0, size);
    let mut path = Vec::new();
    while hi - lo > 1 {
        let k = split(hi - lo);
        if index < lo + k {
            path.push(range_root(src, lo + k, hi).map_err(ProofError::Source)?);
            hi = lo + k;
        } else {
            path.push(range_root(src, lo, lo + k).map_err(ProofError::Source)?);
            lo += k;
        }
    }
    path.reverse();
    Ok(path)
}

/// RFC 9162 2.1.3.2 verification algorithm (written from the RFC's verification steps, not by
/// recomputing with the prover), so that a holder of a tree head can check that `leaf` is the leaf
/// hash at `index` in the tree of `size` leaves whose root is `root`.
///
/// As in the RFC, the tree size itself is not authenticated by the proof beyond the shape of the
/// path; it must come from the same signed tree head as `root`.
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    // Step 1: an index at or past the tree size cannot be proven.
    if index >= size {
        return false;
    }
    // Steps 2 and 3: `f_n` and `s_n` are the RFC's `fn` and `sn`.
    let mut f_n = index;
    let mut s_n = size - 1;
    let mut r = *leaf;
    // Step 4.
    for p in proof {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    s_n == 0 && r == *root
}

/// RFC 9162 2.1.4.1 consistency proof between old_size (>=1) and new_size: O(log n) reads.
///
/// This walks the RFC's recursive `SUBPROOF(m, D[n], b)` from the root down and returns the nodes
/// in the RFC's order. As for inclusion, left siblings are perfect, only the first right sibling can
/// be imperfect, and the final `MTH(D[m])` (when the old tree is not a left subtree of the new one)
/// lies inside a perfect subtree. Equal sizes give the empty proof, as `SUBPROOF(m, D[m], true)`
/// does.
pub fn consistency_proof<S: NodeSource>(
    src: &mut S,
    old_size: u64,
    new_size: u64,
) -> Result<Vec<Hash>, ProofError<S::Error>> {
    if old_size == 0 || old_size > new_size {
        return Err(ProofError::OutOfRange {
            what: "old size",
            value: old_size,
            size: new_size,
        });
    }
    // The current subtree is `D[lo:hi]` and the old tree ends inside it, at `old_size`.
    let (mut lo, mut hi) = (0, new_size);
    // The RFC's `b`: whether the current subtree starts where the old tree starts, in which case
    // the verifier already knows the old tree's part of it (the old root itself).
    let mut at_left_edge = true;
    let mut proof = Vec::new();
    while old_size != hi {
        let k = split(hi - lo);
        if old_size - lo <= k {
            proof.push(range_root(src, lo + k, hi).map_err(ProofError::Source)?);
            hi = lo + k;
        } else {
            proof.push(range_root(src, lo, lo + k).map_err(ProofError::Source)?);
            lo += k;
            at_left_edge = false;
        }
    }
    if !at_left_edge {
        proof.push(range_root(src, lo, hi).map_err(ProofError::Source)?);
    }
    proof.reverse();
    Ok(proof)
}

/// RFC 9162 2.1.4.2 verification algorithm, so that a holder of an old tree head can check that the
/// new tree head extends it without rewriting history.
///
/// The RFC's algorithm covers `0 < old_size < new_size`. Equal sizes are consistent exactly when the
/// proof is empty and the roots are equal. An old size of zero is refused, like
/// [`consistency_proof`] refuses it: the empty tree is trivially a prefix of every tree, and a
/// caller that wants to accept that case should do so explicitly rather than through a proof.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if old_size == 0 || old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    // Step 1.
    let Some((first, rest)) = proof.split_first() else {
        return false;
    };
    // Step 2: when the old tree is a perfect subtree its root is the path's first value, so the
    // path is (old_root, proof...) and every element of the proof is a "subsequent value".
    let (seed, rest) = if old_size.is_power_of_two() {
        (old_root, proof)
    } else {
        (first, rest)
    };
    // Step 3: `f_n` and `s_n` are the RFC's `fn` and `sn`.
    let mut f_n = old_size - 1;
    let mut s_n = new_size - 1;
    // Step 4.
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    let mut fr = *seed;
    let mut sr = *seed;
    // Step 6.
    for c in rest {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 7.
    fr == *old_root && sr == *new_root && s_n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Certificate Transparency test leaves, as raw entries before the 0x00 prefix.
    const CT_LEAVES: [&[u8]; 8] = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ];

    /// The published roots of the Certificate Transparency test leaves at sizes 1 to 8.
    const CT_ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    /// Fails the test, naming the case, unless `ok`; the one assertion helper of these tests.
    #[track_caller]
    fn check(ok: bool, case: impl FnOnce() -> String) {
        assert!(ok, "failed: {}", case());
    }

    fn h(text: &str) -> Hash {
        hex::decode(text).unwrap().try_into().unwrap()
    }

    /// The RFC's split point, computed independently of `split`.
    fn ref_split(n: usize) -> usize {
        let mut k = 1;
        while k * 2 < n {
            k *= 2;
        }
        k
    }

    /// `MTH(D[n])`, straight from RFC 9162 section 2.1.1.
    fn ref_mth(d: &[Vec<u8>]) -> Hash {
        match d.len() {
            0 => empty_root(),
            1 => leaf_hash(&d[0]),
            n => {
                let k = ref_split(n);
                node_hash(&ref_mth(&d[..k]), &ref_mth(&d[k..]))
            }
        }
    }

    /// `PATH(m, D[n])`, straight from RFC 9162 section 2.1.3.1.
    fn ref_path(m: usize, d: &[Vec<u8>]) -> Vec<Hash> {
        if d.len() == 1 {
            return Vec::new();
        }
        let k = ref_split(d.len());
        let (mut path, sibling) = if m < k {
            (ref_path(m, &d[..k]), ref_mth(&d[k..]))
        } else {
            (ref_path(m - k, &d[k..]), ref_mth(&d[..k]))
        };
        path.push(sibling);
        path
    }

    /// `SUBPROOF(m, D[n], b)`, straight from RFC 9162 section 2.1.4.1.
    fn ref_subproof(m: usize, d: &[Vec<u8>], b: bool) -> Vec<Hash> {
        let n = d.len();
        if m == n {
            return if b { Vec::new() } else { vec![ref_mth(d)] };
        }
        let k = ref_split(n);
        let (mut proof, sibling) = if m <= k {
            (ref_subproof(m, &d[..k], b), ref_mth(&d[k..]))
        } else {
            (ref_subproof(m - k, &d[k..], false), ref_mth(&d[..k]))
        };
        proof.push(sibling);
        proof
    }

    /// `PROOF(m, D[n])`.
    fn ref_proof(m: usize, d: &[Vec<u8>]) -> Vec<Hash> {
        ref_subproof(m, d, true)
    }

    /// A node was asked for that is not complete within the tree the source stands for.
    #[derive(Debug, PartialEq)]
    struct NotStored {
        level: u32,
        index: u64,
    }

    /// An in-memory node source: every perfect node over a list of leaf hashes, of which only the
    /// ones complete within the first `limit` leaves may be read, with a read counter.
    struct Table {
        levels: Vec<Vec<Hash>>,
        limit: u64,
        reads: usize,
    }

    impl Table {
        fn new(leaves: Vec<Hash>) -> Self {
            let limit = leaves.len() as u64;
            let mut levels = vec![leaves];
            while levels.last().unwrap().len() > 1 {
                let below = levels.last().unwrap();
                let above = below
                    .chunks_exact(2)
                    .map(|pair| node_hash(&pair[0], &pair[1]))
                    .collect();
                levels.push(above);
            }
            Self {
                levels,
                limit,
                reads: 0,
            }
        }

        /// Restricts reads to a tree of `limit` leaves and resets the counter.
        fn at(&mut self, limit: u64) -> &mut Self {
            self.limit = limit;
            self.reads = 0;
            self
        }

        fn node(&self, level: u32, index: u64) -> Hash {
            self.levels[level as usize][index as usize]
        }
    }

    impl NodeSource for Table {
        type Error = NotStored;

        fn perfect(&mut self, level: u32, index: u64) -> Result<Hash, NotStored> {
            self.reads += 1;
            let end = (index + 1).checked_shl(level).unwrap_or(u64::MAX);
            match self.levels.get(level as usize) {
                Some(row) if end <= self.limit => Ok(row[index as usize]),
                _ => Err(NotStored { level, index }),
            }
        }
    }

    /// The read budget the module promises for a tree of `size` leaves.
    fn budget(size: u64) -> usize {
        let ceil_log2 = if size <= 1 {
            0
        } else {
            64 - (size - 1).leading_zeros()
        };
        2 * ceil_log2 as usize + 2
    }

    fn entries(count: usize) -> Vec<Vec<u8>> {
        (0..count)
            .map(|i| format!("entry {i}").into_bytes())
            .collect()
    }

    #[test]
    fn known_answers() {
        assert_eq!(
            empty_root(),
            h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
        assert_eq!(Frontier::new().root(), empty_root());
        let leaves: Vec<Vec<u8>> = CT_LEAVES.iter().map(|l| l.to_vec()).collect();
        let mut table = Table::new(leaves.iter().map(|l| leaf_hash(l)).collect());
        let mut frontier = Frontier::new();
        for (size, want) in (1..=8).zip(CT_ROOTS) {
            frontier.push(leaf_hash(&leaves[size - 1]));
            let want = h(want);
            check(ref_mth(&leaves[..size]) == want, || {
                format!("reference root {size}")
            });
            check(frontier.root() == want, || format!("frontier root {size}"));
            let got = root_at(table.at(size as u64), size as u64).unwrap();
            check(got == want, || format!("root_at {size}"));
        }
        // Inclusion and consistency proofs over the same leaves, as published with them.
        let inclusion: [(u64, u64, &[&str]); 4] = [
            (
                0,
                8,
                &[
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ],
            ),
            (
                5,
                8,
                &[
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ],
            ),
            (
                2,
                3,
                &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
            ),
            (
                1,
                5,
                &[
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ],
            ),
        ];
        for (index, size, want) in inclusion {
            let want: Vec<Hash> = want.iter().map(|x| h(x)).collect();
            let got = inclusion_proof(table.at(size), index, size).unwrap();
            check(got == want, || format!("inclusion {index} in {size}"));
            let leaf = leaf_hash(&leaves[index as usize]);
            let root = h(CT_ROOTS[size as usize - 1]);
            check(verify_inclusion(&leaf, index, size, &want, &root), || {
                format!("verify inclusion {index} in {size}")
            });
        }
        let consistency: [(u64, u64, &[&str]); 4] = [
            (1, 1, &[]),
            (
                1,
                8,
                &[
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ],
            ),
            (
                6,
                8,
                &[
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ],
            ),
            (
                2,
                5,
                &[
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ],
            ),
        ];
        for (old, new, want) in consistency {
            let want: Vec<Hash> = want.iter().map(|x| h(x)).collect();
            let got = consistency_proof(table.at(new), old, new).unwrap();
            check(got == want, || format!("consistency {old} to {new}"));
            let (old_root, new_root) =
                (h(CT_ROOTS[old as usize - 1]), h(CT_ROOTS[new as usize - 1]));
            check(
                verify_consistency(old, new, &old_root, &new_root, &want),
                || format!("verify consistency {old} to {new}"),
            );
        }
    }

    /// Checks that no tampering of a valid inclusion proof of `index` in `size` verifies;
    /// `roots[n]` is the root at size `n`, including `size + 1`.
    fn reject_tampered_inclusion(
        index: u64,
        size: u64,
        proof: &[Hash],
        roots: &[Hash],
        leaves: &[Hash],
    ) {
        let (leaf, root) = (leaves[index as usize], roots[size as usize]);
        let reject = |what: &str, leaf: Hash, i: u64, s: u64, p: &[Hash], r: Hash| {
            check(!verify_inclusion(&leaf, i, s, p, &r), || {
                format!("tampered inclusion ({what}) of {index} in {size} verified")
            });
        };
        reject("index + 1", leaf, index + 1, size, proof, root);
        reject("index - 1", leaf, index.wrapping_sub(1), size, proof, root);
        reject("index ^ 2", leaf, index ^ 2, size, proof, root);
        reject("size * 2", leaf, index, size * 2, proof, root);
        reject("size / 2", leaf, index, size / 2, proof, root);
        let (bigger, smaller) = (roots[size as usize + 1], roots[size as usize - 1]);
        reject(
            "size + 1 with its root",
            leaf,
            index,
            size + 1,
            proof,
            bigger,
        );
        reject(
            "size - 1 with its root",
            leaf,
            index,
            size - 1,
            proof,
            smaller,
        );
        reject("wrong leaf", leaf_hash(b"wrong"), index, size, proof, root);
        reject("empty root", leaf, index, size, proof, empty_root());
        reject(
            "trailing zeros",
            leaf,
            index,
            size,
            &[proof, &[[0; 32]]].concat(),
            root,
        );
        reject(
            "trailing root",
            leaf,
            index,
            size,
            &[proof, &[root]].concat(),
            root,
        );
        reject(
            "preceding root",
            leaf,
            index,
            size,
            &[&[root], proof].concat(),
            root,
        );
        if let Some((_, init)) = proof.split_last() {
            reject("truncated", leaf, index, size, init, root);
        }
        if let Some((_, tail)) = proof.split_first() {
            reject("first removed", leaf, index, size, tail, root);
        }
        for i in 0..proof.len() {
            let mut flipped = proof.to_vec();
            flipped[i][i % 32] ^= 0x08;
            reject(
                &format!("byte flipped in [{i}]"),
                leaf,
                index,
                size,
                &flipped,
                root,
            );
        }
    }

    /// Checks that no tampering of a valid consistency proof from `old` to `new` (`old < new`)
    /// verifies; `roots[n]` is the root at size `n`, including `new + 1`.
    fn reject_tampered_consistency(old: u64, new: u64, proof: &[Hash], roots: &[Hash]) {
        let (r1, r2) = (roots[old as usize], roots[new as usize]);
        let reject = |what: &str, o: u64, n: u64, r1: Hash, r2: Hash, p: &[Hash]| {
            check(!verify_consistency(o, n, &r1, &r2, p), || {
                format!("tampered consistency ({what}) of {old} to {new} verified")
            });
        };
        reject("old - 1", old - 1, new, r1, r2, proof);
        reject("old + 1", old + 1, new, r1, r2, proof);
        reject("old ^ 2", old ^ 2, new, r1, r2, proof);
        reject("new * 2", old, new * 2, r1, r2, proof);
        reject("new / 2", old, new / 2, r1, r2, proof);
        let (old_next, new_next) = (roots[old as usize + 1], roots[new as usize + 1]);
        reject("old + 1 with its root", old + 1, new, old_next, r2, proof);
        reject("new + 1 with its root", old, new + 1, r1, new_next, proof);
        reject("swapped roots", old, new, r2, r1, proof);
        reject("empty root", old, new, empty_root(), r2, proof);
        reject("empty proof", old, new, r1, r2, &[]);
        reject(
            "trailing zeros",
            old,
            new,
            r1,
            r2,
            &[proof, &[[0; 32]]].concat(),
        );
        reject(
            "trailing old root",
            old,
            new,
            r1,
            r2,
            &[proof, &[r1]].concat(),
        );
        reject(
            "trailing new root",
            old,
            new,
            r1,
            r2,
            &[proof, &[r2]].concat(),
        );
        reject(
            "preceding old root",
            old,
            new,
            r1,
            r2,
            &[&[r1], proof].concat(),
        );
        reject(
            "preceding new root",
            old,
            new,
            r1,
            r2,
            &[&[r2], proof].concat(),
        );
        reject(
            "preceding proof[0]",
            old,
            new,
            r1,
            r2,
            &[&proof[..1], proof].concat(),
        );
        if let Some((_, init)) = proof.split_last() {
            reject("truncated", old, new, r1, r2, init);
        }
        if let Some((_, tail)) = proof.split_first() {
            reject("first removed", old, new, r1, r2, tail);
        }
        for i in 0..proof.len() {
            let mut flipped = proof.to_vec();
            flipped[i][i % 32] ^= 0x10;
            reject(
                &format!("byte flipped in [{i}]"),
                old,
                new,
                r1,
                r2,
                &flipped,
            );
        }
    }

    #[test]
    fn every_size_to_70_matches_the_reference() {
        const MAX: usize = 70;
        // Two leaves beyond the largest size, so that "size + 1" cases have a root.
        let data = entries(MAX + 2);
        let leaves: Vec<Hash> = data.iter().map(|d| leaf_hash(d)).collect();
        let roots: Vec<Hash> = (0..=MAX + 1).map(|n| ref_mth(&data[..n])).collect();
        let mut table = Table::new(leaves.clone());
        let mut frontier = Frontier::new();
        for size in 1..=MAX as u64 {
            let n = size as usize;
            let completed = frontier.push(leaves[n - 1]);
            let root = roots[n];

            // Roots agree three ways, and the frontier round-trips through its positions.
            check(frontier.size() == size, || format!("frontier size {size}"));
            check(frontier.root() == root, || format!("frontier root {size}"));
            let got = root_at(table.at(size), size).unwrap();
            check(got == root, || format!("root_at {size}"));
            check(table.reads == size.count_ones() as usize, || {
                format!("root_at reads at {size}")
            });
            let loaded = Frontier::load(table.at(size), size).unwrap();
            check(loaded == frontier, || format!("load {size}"));
            let hashes: Vec<Hash> = Frontier::positions(size)
                .into_iter()
                .map(|(level, index)| table.node(level, index))
                .collect();
            check(
                Frontier::from_hashes(size, hashes.clone()).as_ref() == Some(&frontier),
                || format!("from_hashes {size}"),
            );
            check(
                Frontier::from_hashes(size, hashes[1..].to_vec()).is_none()
                    && Frontier::from_hashes(size, [&hashes[..], &[root]].concat()).is_none(),
                || format!("from_hashes with a wrong count at {size}"),
            );

            // Push returns exactly the perfect nodes that the new leaf completes.
            let mut expected = Vec::new();
            let mut level = 1;
            while size.is_multiple_of(1 << level) {
                let index = (size >> level) - 1;
                expected.push((level, index, table.node(level, index)));
                level += 1;
            }
            check(completed == expected, || format!("push completing {size}"));

            for index in 0..size {
                let proof = inclusion_proof(table.at(size), index, size).unwrap();
                check(table.reads <= budget(size), || {
                    format!("inclusion reads {} for {index} in {size}", table.reads)
                });
                check(proof == ref_path(index as usize, &data[..n]), || {
                    format!("inclusion {index} in {size} against the reference")
                });
                let leaf = leaves[index as usize];
                check(verify_inclusion(&leaf, index, size, &proof, &root), || {
                    format!("verify inclusion {index} in {size}")
                });
                reject_tampered_inclusion(index, size, &proof, &roots, &leaves);
            }

            for old in 1..=size {
                let proof = consistency_proof(table.at(size), old, size).unwrap();
                check(table.reads <= budget(size), || {
                    format!("consistency reads {} for {old} to {size}", table.reads)
                });
                check(proof == ref_proof(old as usize, &data[..n]), || {
                    format!("consistency {old} to {size} against the reference")
                });
                let old_root = roots[old as usize];
                check(
                    verify_consistency(old, size, &old_root, &root, &proof),
                    || format!("verify consistency {old} to {size}"),
                );
                if old == size {
                    check(
                        !verify_consistency(old, size, &old_root, &root, &[root])
                            && !verify_consistency(old, size, &old_root, &roots[n - 1], &[]),
                        || format!("tampered consistency of equal sizes {size} verified"),
                    );
                    continue;
                }
                reject_tampered_consistency(old, size, &proof, &roots);
            }
        }
    }

    #[test]
    fn out_of_range_requests_are_refused() {
        let mut table = Table::new(entries(5).iter().map(|d| leaf_hash(d)).collect());
        assert_eq!(root_at(table.at(5), 0).unwrap(), empty_root());
        assert_eq!(table.reads, 0);
        let refused = |result: Result<Vec<Hash>, ProofError<NotStored>>| {
            matches!(result, Err(ProofError::OutOfRange { .. }))
        };
        check(refused(inclusion_proof(table.at(5), 5, 5)), || {
            "index == size".into()
        });
        check(refused(inclusion_proof(table.at(5), 0, 0)), || {
            "size 0".into()
        });
        check(refused(consistency_proof(table.at(5), 0, 5)), || {
            "old size 0".into()
        });
        check(refused(consistency_proof(table.at(5), 4, 3)), || {
            "old > new".into()
        });
        let message = inclusion_proof(table.at(5), 7, 5).unwrap_err().to_string();
        assert_eq!(
            message,
            "leaf index 7 is out of range for a tree of 5 leaves"
        );
        // A source that lacks a node is reported as the source's failure, not as a wrong proof.
        match inclusion_proof(table.at(4), 0, 5) {
            Err(ProofError::Source(missing)) => {
                assert_eq!(missing, NotStored { level: 0, index: 4 })
            }
            other => panic!("expected a source error, got {other:?}"),
        }
        let root = root_at(table.at(5), 5).unwrap();
        check(!verify_inclusion(&root, 0, 0, &[], &root), || {
            "verify size 0".into()
        });
        check(!verify_consistency(0, 5, &empty_root(), &root, &[]), || {
            "verify old size 0".into()
        });
        check(!verify_consistency(5, 4, &root, &root, &[]), || {
            "verify old > new".into()
        });
    }

    #[test]
    fn reads_stay_logarithmic_up_to_100_000_leaves() {
        const MAX: u64 = 100_000;
        let leaves: Vec<Hash> = (0..MAX).map(|i| leaf_hash(&i.to_le_bytes())).collect();
        let mut table = Table::new(leaves.clone());

        // Pushing every leaf completes exactly the stored nodes, and the frontier's root agrees with
        // `root_at` at sampled sizes.
        let mut sizes: Vec<u64> = vec![MAX, MAX - 1, 99_999 - 1024, 77_777, 65_535, 65_537, 12_345];
        for bit in 0..17 {
            sizes.extend([(1 << bit) - 1, 1 << bit, (1 << bit) + 1]);
        }
        sizes.retain(|&s| (1..=MAX).contains(&s));
        sizes.sort_unstable();
        sizes.dedup();
        let mut frontier = Frontier::new();
        let mut next = sizes.iter().copied().peekable();
        for (i, leaf) in leaves.iter().enumerate() {
            for (level, index, hash) in frontier.push(*leaf) {
                check(table.node(level, index) == hash, || {
                    format!("push {i} completed ({level}, {index})")
                });
            }
            if next.peek() == Some(&frontier.size()) {
                let size = frontier.size();
                let got = root_at(table.at(size), size).unwrap();
                check(got == frontier.root(), || format!("root at {size}"));
                next.next();
            }
        }

        // A small linear congruential generator picks indices; it needs no dependency.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut sample = |below: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % below
        };
        for &size in &sizes {
            let root = root_at(table.at(size), size).unwrap();
            check(table.reads <= size.count_ones() as usize, || {
                format!("root_at reads at {size}")
            });
            let mut points = vec![0, 1, size / 3, size / 2, size.saturating_sub(2), size - 1];
            points.extend((0..4).map(|_| sample(size)));
            points.retain(|&p| p < size);
            for &index in &points {
                let proof = inclusion_proof(table.at(size), index, size).unwrap();
                check(table.reads <= budget(size), || {
                    format!("inclusion reads {} for {index} in {size}", table.reads)
                });
                let leaf = leaves[index as usize];
                check(verify_inclusion(&leaf, index, size, &proof, &root), || {
                    format!("verify inclusion {index} in {size}")
                });
            }
            for &old in points.iter().map(|p| p + 1).collect::<Vec<_>>().iter() {
                let proof = consistency_proof(table.at(size), old, size).unwrap();
                check(table.reads <= budget(size), || {
                    format!("consistency reads {} for {old} to {size}", table.reads)
                });
                let old_root = root_at(table.at(old), old).unwrap();
                check(
                    verify_consistency(old, size, &old_root, &root, &proof),
                    || format!("verify consistency {old} to {size}"),
                );
            }
        }
    }
}
