//! UID sets for command lines (`1:5,7,9:12`), split so that no command line grows past what
//! servers accept.
//!
//! The caller already passes small chunks; the split is a guard for the occasional large list
//! (e.g. sorting a whole overnight flood), not the main way of batching.

/// Servers limit command lines (Dovecot: 64 KiB, some others 8 KiB); staying well below keeps
/// every provider happy.
const MAX_SET_LEN: usize = 4000;

/// Sorts and deduplicates `uids` into IMAP sequence sets of at most `MAX_SET_LEN` characters.
/// UID 0 does not exist in IMAP and would make the whole command fail, so it is left out.
pub(crate) fn uid_sets(uids: &[u32]) -> Vec<String> {
    let mut sorted: Vec<u32> = uids.iter().copied().filter(|&u| u != 0).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut sets = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while let Some(&first) = sorted.get(i) {
        let mut last = first;
        while sorted.get(i + 1) == Some(&last.wrapping_add(1)) && last != u32::MAX {
            last += 1;
            i += 1;
        }
        i += 1;
        let range = if first == last {
            first.to_string()
        } else {
            format!("{first}:{last}")
        };
        if !current.is_empty() && current.len() + 1 + range.len() > MAX_SET_LEN {
            sets.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(',');
        }
        current.push_str(&range);
    }
    if !current.is_empty() {
        sets.push(current);
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(uids: &[u32], expected: &[&str]) {
        assert_eq!(uid_sets(uids), expected);
    }

    #[test]
    fn ranges_sorted_deduplicated() {
        check(&[], &[]);
        check(&[0], &[]);
        check(&[7], &["7"]);
        check(&[5, 1, 2, 3, 4, 7, 9, 10, 11, 12, 3], &["1:5,7,9:12"]);
        check(&[u32::MAX - 1, u32::MAX], &["4294967294:4294967295"]);
    }

    #[test]
    fn long_lists_split_below_the_line_limit() {
        let uids: Vec<u32> = (1..=20_000).map(|u| u * 2).collect();
        let sets = uid_sets(&uids);
        assert!(sets.len() > 1);
        assert!(sets.iter().all(|s| s.len() <= MAX_SET_LEN));
        let back: Vec<u32> = sets
            .iter()
            .flat_map(|s| s.split(','))
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(back, uids);
    }
}
