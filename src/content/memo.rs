//! Memos for the live preview: the results of pure per-file steps (reading
//! a file, parsing it, scanning it for personal identifiers) kept between
//! rebuilds, so a rebuild after one edit redoes the work for that file only.
//!
//! The memos are one value, [`Memos`], that `evident serve` creates once,
//! owns, and passes by reference to every run of the pipeline it starts;
//! `build` and `check` run once and pass [`Memos::off`], which keeps
//! nothing. No memo is a process-global, so two previews (or two tests) in
//! one process never see each other's results.
//!
//! Every key names the file by its project-relative path and holds all that
//! the result depends on (the file's length and a hash of its text, and the
//! settings of the step), never the file's place in [`super::Sources`],
//! which shifts when a file is added or removed before it. Results that
//! name their file carry the id of the run they were made in; they are
//! given the current run's id on the way out. [`Memos::sweep`] drops the
//! entries no run has used since the last sweep, so old versions of edited
//! files do not pile up.

use super::SourceFile;
use super::load::Read;
use super::parse::ParseResult;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::hash::Hash;
use std::path::PathBuf;
use std::sync::Mutex;

/// One memo: key → (value, used since the last sweep); `None` when off.
pub(crate) struct Memo<K, V> {
    entries: Option<Mutex<HashMap<K, (V, bool)>>>,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    /// An empty memo that keeps what it is given.
    fn on() -> Self {
        Memo {
            entries: Some(Mutex::new(HashMap::new())),
        }
    }

    /// A memo that keeps nothing.
    fn off() -> Self {
        Memo { entries: None }
    }

    /// The entries, when on.
    fn lock(&self) -> Option<std::sync::MutexGuard<'_, HashMap<K, (V, bool)>>> {
        // A panic while holding the lock leaves only finished entries.
        let entries = self.entries.as_ref()?;
        Some(entries.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Whether the memo keeps results.
    pub(crate) fn is_on(&self) -> bool {
        self.entries.is_some()
    }

    /// The remembered value for `key`, marking it used.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        let mut entries = self.lock()?;
        let (value, used) = entries.get_mut(key)?;
        *used = true;
        Some(value.clone())
    }

    /// Remember `value` for `key` (when on).
    pub(crate) fn put(&self, key: K, value: V) {
        if let Some(mut entries) = self.lock() {
            entries.insert(key, (value, true));
        }
    }

    /// How many entries are kept.
    pub(crate) fn len(&self) -> usize {
        self.lock().map_or(0, |entries| entries.len())
    }

    /// Drop the entries not used since the last sweep; returns how many
    /// are kept.
    fn sweep(&self) -> usize {
        let Some(mut entries) = self.lock() else {
            return 0;
        };
        entries.retain(|_, (_, used)| std::mem::take(used));
        entries.len()
    }
}

/// A file as a result was worked out from: its project-relative path, the
/// length of its text and a hash of the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FileKey {
    path: String,
    len: usize,
    hash: u64,
}

impl FileKey {
    /// The key of `file` as it is now.
    pub(crate) fn of(file: &SourceFile) -> Self {
        FileKey {
            path: file.path.clone(),
            len: file.text.len(),
            hash: file.text_hash(),
        }
    }
}

/// What the preview keeps between rebuilds, owned by the preview and passed
/// to each run of the pipeline.
pub struct Memos {
    /// Files as read, by absolute path, with the length and modification
    /// time they had (`content::load`).
    pub(crate) read: Memo<PathBuf, Read>,
    /// Files as parsed (`content::parse`).
    pub(crate) parsed: Memo<FileKey, ParseResult>,
    /// Each file's privacy warnings, by the file and a hash of the lint's
    /// settings (the denied and allowed terms) (`check::privacy`).
    pub(crate) privacy: Memo<(FileKey, u64), Vec<Diagnostic>>,
}

impl Memos {
    /// Memos that keep every result, for a process that runs the pipeline
    /// again and again (the preview).
    pub fn on() -> Self {
        Memos {
            read: Memo::on(),
            parsed: Memo::on(),
            privacy: Memo::on(),
        }
    }

    /// Memos that keep nothing, for a run that happens once (`build`,
    /// `check`): no key is worked out and nothing is copied.
    pub fn off() -> Self {
        Memos {
            read: Memo::off(),
            parsed: Memo::off(),
            privacy: Memo::off(),
        }
    }

    /// Drop the results no run has used since the last sweep; returns how
    /// many are kept.
    pub fn sweep(&self) -> usize {
        self.read.sweep() + self.parsed.sweep() + self.privacy.sweep()
    }
}

impl std::fmt::Debug for Memos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memos")
            .field("read", &self.read.len())
            .field("parsed", &self.parsed.len())
            .field("privacy", &self.privacy.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_keeps_what_is_used_between_sweeps() {
        let memo: Memo<&str, u32> = Memo::on();
        memo.put("a", 1);
        memo.put("b", 2);
        assert_eq!(memo.sweep(), 2);
        // Only `a` is used before the next sweep.
        assert_eq!(memo.get(&"a"), Some(1));
        assert_eq!(memo.sweep(), 1);
        assert_eq!(memo.get(&"b"), None);
        // Off, nothing is kept.
        let off: Memo<&str, u32> = Memo::off();
        off.put("a", 1);
        assert_eq!((off.get(&"a"), off.len(), off.sweep()), (None, 0, 0));
    }
}
