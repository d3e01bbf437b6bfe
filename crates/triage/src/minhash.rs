//! MinHash signatures of normalised text (filled in below).
