//! Inclusion and consistency proofs (RFC 9162) served from the stored tree.
//!
//! The Merkle code in `mailward-evidence` asks for perfect-subtree hashes through a synchronous
//! [`NodeSource`]; the store is asynchronous. Which nodes a proof needs depends only on the sizes
//! and indices involved, never on hash values, so a proof is computed in two passes: a dry run
//! records the O(log n) positions, the store reads exactly those, and the real run uses them.
//! No proof ever rebuilds the tree.

use crate::archive::Archive;
use crate::{AppError, Result};
use base64::Engine as _;
use mailward_evidence::merkle::{self, Hash, NodeSource, ProofError};
use serde::Serialize;

/// An inclusion proof of one entry, with everything a third party needs to check it.
#[derive(Clone, Debug, Serialize)]
pub struct InclusionProof {
    /// The entry's sequence number (the message id for received mail).
    pub entry: u64,
    /// Its leaf index (`entry - 1`).
    pub leaf_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// The exact entry bytes, base64.
    pub entry_base64: String,
    /// SHA-256(0x00 || entry bytes), hex.
    pub leaf_hash: String,
    /// The audit path, hex, in RFC 9162 order.
    pub path: Vec<String>,
    /// The root the path leads to, hex.
    pub root: String,
    /// The signed checkpoint for `tree_size`, if one exists.
    pub checkpoint: Option<String>,
    /// How many stored tree nodes were read to build the proof.
    pub node_reads: usize,
}

/// A consistency proof between two tree sizes.
#[derive(Clone, Debug, Serialize)]
pub struct ConsistencyProof {
    /// The older size.
    pub old_size: u64,
    /// The newer size.
    pub new_size: u64,
    /// Root at the older size, hex.
    pub old_root: String,
    /// Root at the newer size, hex.
    pub new_root: String,
    /// The proof, hex, in RFC 9162 order.
    pub path: Vec<String>,
    /// How many stored tree nodes were read.
    pub node_reads: usize,
}

/// Records which positions a computation asks for, answering with placeholders.
#[derive(Default)]
struct Recorder(Vec<(u32, u64)>);

impl NodeSource for Recorder {
    type Error = std::convert::Infallible;
    fn perfect(&mut self, level: u32, index: u64) -> Result<Hash, Self::Error> {
        self.0.push((level, index));
        Ok([0u8; 32])
    }
}

fn proof_error<E: std::fmt::Display>(e: ProofError<E>) -> AppError {
    AppError::Invalid(e.to_string())
}

fn hexes(path: &[Hash]) -> Vec<String> {
    path.iter().map(hex::encode).collect()
}

impl Archive {
    /// Runs a tree computation against the store in two passes (see the module documentation).
    async fn with_nodes<T>(
        &self,
        compute: impl Fn(&mut dyn FnMut(u32, u64) -> Result<Hash>) -> Result<T>,
    ) -> Result<(T, usize)> {
        let mut recorder = Recorder::default();
        compute(&mut |l, i| Ok(recorder.perfect(l, i).unwrap_or([0; 32])))?;
        let positions = recorder.0;
        let nodes = self.store.perfect_nodes(&positions).await?;
        let mut fetched = nodes;
        let value = compute(&mut |l, i| {
            fetched
                .perfect(l, i)
                .map_err(|missing| AppError::Invalid(missing.to_string()))
        })?;
        Ok((value, positions.len()))
    }

    /// Proves that entry `seq` is in the tree of `tree_size` entries (default: the newest
    /// checkpoint that covers it, else the whole log).
    pub async fn prove_inclusion(
        &self,
        seq: u64,
        tree_size: Option<u64>,
    ) -> Result<InclusionProof> {
        let log_size = self.store.log_size().await?;
        let stored = self
            .store
            .entry(seq)
            .await?
            .ok_or_else(|| AppError::Invalid(format!("no entry {seq} in the log")))?;
        let checkpoints = self.store.checkpoints().await?;
        let size = match tree_size {
            Some(n) => n,
            None => checkpoints
                .iter()
                .filter(|c| c.tree_size >= seq && c.tree_size <= log_size)
                .map(|c| c.tree_size)
                .max()
                .unwrap_or(log_size),
        };
        if size < seq || size > log_size {
            return Err(AppError::Invalid(format!(
                "tree size {size} must lie between {seq} and the log size {log_size}"
            )));
        }
        let index = seq - 1;
        let ((path, root), reads) = self
            .with_nodes(|get| {
                let mut src = Adapter(get);
                let path = merkle::inclusion_proof(&mut src, index, size).map_err(proof_error)?;
                let root = merkle::root_at(&mut src, size).map_err(proof_error)?;
                Ok((path, root))
            })
            .await?;
        Ok(InclusionProof {
            entry: seq,
            leaf_index: index,
            tree_size: size,
            entry_base64: base64::engine::general_purpose::STANDARD.encode(&stored.body),
            leaf_hash: hex::encode(merkle::leaf_hash(&stored.body)),
            path: hexes(&path),
            root: hex::encode(root),
            checkpoint: checkpoints
                .iter()
                .rev()
                .find(|c| c.tree_size == size)
                .map(|c| c.note.clone()),
            node_reads: reads,
        })
    }

    /// Proves that the tree of `old_size` entries is a prefix of the tree of `new_size` entries.
    pub async fn prove_consistency(
        &self,
        old_size: u64,
        new_size: u64,
    ) -> Result<ConsistencyProof> {
        let log_size = self.store.log_size().await?;
        if old_size == 0 || old_size > new_size || new_size > log_size {
            return Err(AppError::Invalid(format!(
                "need 1 <= old size ({old_size}) <= new size ({new_size}) <= log size ({log_size})"
            )));
        }
        let ((path, old_root, new_root), reads) = self
            .with_nodes(|get| {
                let mut src = Adapter(get);
                let path =
                    merkle::consistency_proof(&mut src, old_size, new_size).map_err(proof_error)?;
                let old_root = merkle::root_at(&mut src, old_size).map_err(proof_error)?;
                let new_root = merkle::root_at(&mut src, new_size).map_err(proof_error)?;
                Ok((path, old_root, new_root))
            })
            .await?;
        Ok(ConsistencyProof {
            old_size,
            new_size,
            old_root: hex::encode(old_root),
            new_root: hex::encode(new_root),
            path: hexes(&path),
            node_reads: reads,
        })
    }
}

/// Lets a closure serve as a [`NodeSource`].
struct Adapter<'a>(&'a mut dyn FnMut(u32, u64) -> Result<Hash>);

impl NodeSource for Adapter<'_> {
    type Error = AppError;
    fn perfect(&mut self, level: u32, index: u64) -> Result<Hash, Self::Error> {
        (self.0)(level, index)
    }
}
