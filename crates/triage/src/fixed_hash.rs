//! One hasher for the maps keyed by numbers (LSH band keys, topic ids, packed n-grams): cheap,
//! the same in every process (so an index restored from storage behaves exactly like the one
//! that made it), and spreading high bits into the low ones that pick a bucket.

use std::hash::{BuildHasherDefault, Hasher};

/// Folds the high half into the low one and multiplies: keys that differ only in their high
/// bits (an n-gram's later characters, a band key's upper half) still land in different buckets.
#[derive(Default)]
pub(crate) struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The build-hasher of those maps.
pub(crate) type Fixed = BuildHasherDefault<Spread>;
