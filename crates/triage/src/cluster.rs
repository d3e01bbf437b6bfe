//! Same-purpose topics per sender (filled in below).
