//! What the reading tests share: where the seeds are, and how a proposal is matched to what
//! the hand-made template expects (closest by words, each proposal used once).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dtbd_domain::text::fold_title;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/seeds` beside the workspace or a folder above it, or `DTBD_SEEDS`.
pub fn seeds_dir() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("DTBD_SEEDS").map(PathBuf::from).into_iter().collect();
    let mut at = workspace().canonicalize().ok();
    while let Some(dir) = at {
        candidates.push(dir.join("../shared/seeds"));
        at = dir.parent().map(Path::to_path_buf);
    }
    candidates.into_iter().find(|c| c.is_dir())
}

/// The text of seed `id` ("003": the file whose name starts "003_").
pub fn seed_text(seeds: &Path, id: &str) -> String {
    let path = std::fs::read_dir(seeds)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{id}_"))))
        .unwrap_or_else(|| panic!("no seed text {id}"));
    std::fs::read_to_string(path).unwrap()
}

/// The folded words of a text, as a set.
pub fn words(s: &str) -> BTreeSet<String> {
    fold_title(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The candidate not `used` whose text is closest to `expected` by `similarity`, when it is
/// close enough (0,5) to count as found; the earliest wins a tie.
pub fn closest<'a>(
    expected: &str,
    candidates: impl Iterator<Item = &'a str>,
    used: &[bool],
    similarity: impl Fn(&str, &str) -> f64,
) -> Option<(usize, f64)> {
    candidates
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(i, text)| (i, similarity(expected, text)))
        .fold(
            None,
            |best: Option<(usize, f64)>, (i, s)| {
                if best.is_none_or(|(_, b)| s > b + 1e-9) {
                    Some((i, s))
                } else {
                    best
                }
            },
        )
        .filter(|(_, s)| *s >= 0.5)
}

/// Per document: items expected, found, and right per field (the last field: all of them).
#[derive(Default)]
pub struct Tally {
    pub expected: usize,
    pub found: usize,
    pub right: [usize; 7],
    /// Items proposed that match none of the template's: each one a "Bỏ" the officer must tap.
    pub extra: usize,
}

impl Tally {
    /// `n` of the expected in per cent, 100 when nothing was expected.
    pub fn percent(&self, n: usize) -> f64 {
        if self.expected == 0 {
            100.0
        } else {
            100.0 * n as f64 / self.expected as f64
        }
    }
}
