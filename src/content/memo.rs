//! Memos for the live preview: the results of pure per-file steps (reading
//! a file, parsing it, rendering a Markdown body) kept between runs in one
//! process, so a rebuild after one edit redoes the work for that file only.
//!
//! A memo is off until [`super::remember`] turns them all on (`evident
//! serve` does; `build` and `check` run once and need none). Every key
//! holds all that its result depends on, so a hit is always the result a
//! fresh run would give. [`super::forget_unused`] drops the entries no run
//! has used since the last call, so old versions of edited files do not
//! pile up.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// One memo: key → (value, used since the last sweep).
pub(crate) struct Memo<K, V> {
    entries: Mutex<Option<HashMap<K, (V, bool)>>>,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    /// An empty memo, off.
    pub(crate) const fn new() -> Self {
        Memo {
            entries: Mutex::new(None),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<HashMap<K, (V, bool)>>> {
        // A panic while holding the lock leaves only finished entries.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the memo is on.
    pub(crate) fn is_on(&self) -> bool {
        self.lock().is_some()
    }

    pub(crate) fn turn_on(&self) {
        self.lock().get_or_insert_with(HashMap::new);
    }

    /// The remembered value for `key`, marking it used.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        let mut guard = self.lock();
        let (value, used) = guard.as_mut()?.get_mut(key)?;
        *used = true;
        Some(value.clone())
    }

    /// Remember `value` for `key` (when on).
    pub(crate) fn put(&self, key: K, value: V) {
        if let Some(map) = self.lock().as_mut() {
            map.insert(key, (value, true));
        }
    }

    /// The value for `key`, computed by `make` when not remembered.
    pub(crate) fn get_or(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(&key) {
            return v;
        }
        let v = make();
        self.put(key, v.clone());
        v
    }

    pub(crate) fn sweep(&self) -> usize {
        let mut guard = self.lock();
        let Some(map) = guard.as_mut() else {
            return 0;
        };
        map.retain(|_, (_, used)| std::mem::take(used));
        map.len()
    }
}
