//! Finding the mail files under the paths given to `mailward import`.
//!
//! A Maildir (a folder with `cur/` or `new/`) contributes the files of `cur/` and `new/` (never
//! `tmp/`, where deliveries are still being written) and its Maildir++ subfolders. Any other
//! folder is searched recursively for mbox files and message files, recognised by their first
//! bytes; other files there are skipped with a warning. A file named explicitly is always
//! archived, whatever it holds. Names are sorted within each folder so that two imports of the
//! same tree assign sequence numbers in the same order (for Maildir, that is delivery order).

use std::fs;
use std::path::{Path, PathBuf};

/// How a file was reached, which decides how strictly it is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// Named on the command line: archived whatever it holds.
    Explicit,
    /// In a Maildir's `cur/` or `new/`: a message by definition.
    Maildir,
    /// Found while searching a folder: archived only if it looks like mail.
    Search,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Found {
    /// A file to read.
    File {
        /// Its path.
        path: PathBuf,
        /// How it was reached.
        reached: Reached,
        /// Which command-line argument it came from.
        arg: usize,
    },
    /// The files of a Maildir folder about to be visited, in order, so that a reader can have
    /// them fetched from disk ahead of time.
    Upcoming(Vec<PathBuf>),
    /// A path that could not be walked.
    Failed {
        /// The path.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
}

/// True for a Maildir: a folder with `cur/` or `new/`.
pub fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() || dir.join("new").is_dir()
}

fn sorted_entries(dir: &Path) -> Result<Vec<(String, PathBuf, fs::FileType)>, String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let file_type = entry.file_type().map_err(|e| e.to_string())?;
        out.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.path(),
            file_type,
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Walks the arguments in order, calling `visit` for each file or failure. A folder's entries
/// are read one folder at a time, so memory grows with the largest folder, not the whole tree.
pub fn walk(args: &[PathBuf], mut visit: impl FnMut(Found)) {
    for (arg, path) in args.iter().enumerate() {
        match fs::metadata(path) {
            Err(e) => visit(Found::Failed {
                path: path.clone(),
                reason: match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".into(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                    _ => e.to_string(),
                },
            }),
            Ok(meta) if meta.is_dir() => walk_dir(path, arg, &mut visit),
            Ok(meta) if meta.is_file() => visit(Found::File {
                path: path.clone(),
                reached: Reached::Explicit,
                arg,
            }),
            Ok(_) => visit(Found::Failed {
                path: path.clone(),
                reason: "not a regular file or directory".into(),
            }),
        }
    }
}

fn walk_dir(root: &Path, arg: usize, visit: &mut impl FnMut(Found)) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let maildir = is_maildir(&dir);
        if maildir {
            for sub in ["cur", "new"] {
                let folder = dir.join(sub);
                if !folder.is_dir() {
                    continue;
                }
                match sorted_entries(&folder) {
                    Err(reason) => visit(Found::Failed {
                        path: folder,
                        reason,
                    }),
                    Ok(entries) => {
                        let files: Vec<PathBuf> = entries
                            .into_iter()
                            .filter(|(name, path, file_type)| {
                                !mailward_mail::maildir::is_hidden(name)
                                    && (file_type.is_file()
                                        || (file_type.is_symlink() && path.is_file()))
                            })
                            .map(|(_, path, _)| path)
                            .collect();
                        visit(Found::Upcoming(files.clone()));
                        for path in files {
                            visit(Found::File {
                                path,
                                reached: Reached::Maildir,
                                arg,
                            });
                        }
                    }
                }
            }
        }
        let entries = match sorted_entries(&dir) {
            Ok(entries) => entries,
            Err(reason) => {
                visit(Found::Failed { path: dir, reason });
                continue;
            }
        };
        let mut subdirs = Vec::new();
        for (name, path, file_type) in entries {
            if file_type.is_dir() {
                if maildir && matches!(name.as_str(), "cur" | "new" | "tmp") {
                    continue;
                }
                // Hidden folders are searched only when they are Maildir++ subfolders
                // (`.Sent`, `.Trash`): `.git`, `.cache` and the like hold no mail.
                if name.starts_with('.') && !is_maildir(&path) {
                    continue;
                }
                subdirs.push(path);
            } else if file_type.is_file() && !maildir && !name.starts_with('.') {
                visit(Found::File {
                    path,
                    reached: Reached::Search,
                    arg,
                });
            }
            // Symbolic links to folders are not followed: they can form loops, and mail
            // reached through them is reached again at its real place.
        }
        // Depth first, in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[PathBuf]) -> Vec<String> {
        let mut out = Vec::new();
        walk(args, |f| {
            out.push(match f {
                Found::File { path, reached, .. } => {
                    format!(
                        "{reached:?} {}",
                        path.file_name().unwrap().to_string_lossy()
                    )
                }
                Found::Failed { path, reason } => {
                    format!(
                        "failed {} {reason}",
                        path.file_name().unwrap().to_string_lossy()
                    )
                }
                Found::Upcoming(files) => format!("upcoming {}", files.len()),
            })
        });
        out
    }

    #[test]
    fn maildir_folders_and_failures() {
        let t = tempfile::tempdir().unwrap();
        let md = t.path().join("box");
        for d in ["cur", "new", "tmp", ".Sent/cur", ".git"] {
            fs::create_dir_all(md.join(d)).unwrap();
        }
        fs::write(md.join("cur/2.x:2,S"), "A: b\n").unwrap();
        fs::write(md.join("cur/1.x:2,S"), "A: b\n").unwrap();
        fs::write(md.join("new/3.x"), "A: b\n").unwrap();
        fs::write(md.join("tmp/4.x"), "partial").unwrap();
        fs::write(md.join("dovecot-uidlist"), "index").unwrap();
        fs::write(md.join(".Sent/cur/5.x"), "A: b\n").unwrap();
        fs::write(md.join(".git/config"), "x").unwrap();
        let other = t.path().join("other");
        fs::create_dir_all(other.join("deep")).unwrap();
        fs::write(other.join("deep/a.eml"), "A: b\n").unwrap();
        assert_eq!(
            check(&[md.clone(), other, t.path().join("missing")]),
            vec![
                "upcoming 2",
                "Maildir 1.x:2,S",
                "Maildir 2.x:2,S",
                "upcoming 1",
                "Maildir 3.x",
                "upcoming 1",
                "Maildir 5.x",
                "Search a.eml",
                "failed missing no such file or directory",
            ]
        );
        assert_eq!(check(&[md.join("cur/1.x:2,S")]), vec!["Explicit 1.x:2,S"]);
    }
}
