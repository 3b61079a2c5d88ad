//! Results worth keeping between rebuilds in one process (`papers watch`): Word files and the
//! pictures in them, keyed by a hash of exactly what they are made from, and dropped when unused.
//!
//! Typst's own caches (comemo) already make recompiling an unchanged paper cheap; this does the
//! same for work outside Typst, such as a DOCX whose paper did not change.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// The key of a result: SHA-256 of its inputs.
pub type Key = [u8; 32];

/// The key of `parts` taken together (each part length-prefixed, so boundaries count).
pub fn key(parts: &[&[u8]]) -> Key {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Results by key, each with the number of evictions it has gone unused.
pub struct Memo<V> {
    entries: Mutex<HashMap<Key, (V, usize)>>,
}

impl<V: Clone> Memo<V> {
    /// An empty memo.
    pub fn new() -> Self {
        Memo {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The result for `key`, computing and keeping it if it is not known. Failures (`Err`) are
    /// not kept, so a fixed input is tried again.
    pub fn get_or_try<E>(&self, key: Key, compute: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        if let Some((value, age)) = self.lock().get_mut(&key) {
            *age = 0;
            return Ok(value.clone());
        }
        // Computed without the lock held: another thread may compute the same value meanwhile,
        // which costs time but never correctness.
        let value = compute()?;
        self.lock().insert(key, (value.clone(), 0));
        Ok(value)
    }

    /// Drop results unused for more than `max_age` evictions (call once per rebuild).
    pub fn evict(&self, max_age: usize) {
        self.lock().retain(|_, (_, age)| {
            *age += 1;
            *age <= max_age
        });
    }

    /// How many results are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (V, usize)>> {
        // A panic elsewhere cannot leave a half-inserted entry, so a poisoned lock is still sound.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<V: Clone> Default for Memo<V> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_computed_once_and_dropped_when_unused() {
        let memo: Memo<u32> = Memo::new();
        let mut calls = 0;
        let mut get = |memo: &Memo<u32>| {
            memo.get_or_try(key(&[b"a"]), || {
                calls += 1;
                Ok::<_, ()>(7)
            })
        };
        assert_eq!(get(&memo), Ok(7));
        assert_eq!(get(&memo), Ok(7));
        memo.evict(1);
        assert_eq!(memo.len(), 1, "used in the last round: kept");
        memo.evict(1);
        assert!(memo.is_empty(), "unused for two rounds: dropped");
        assert_eq!(get(&memo), Ok(7));
        assert_eq!(calls, 2);
    }

    #[test]
    fn failures_are_not_kept_and_keys_respect_boundaries() {
        let memo: Memo<u32> = Memo::new();
        assert_eq!(
            memo.get_or_try(key(&[b"x"]), || Err::<u32, _>("no")),
            Err("no")
        );
        assert!(memo.is_empty());
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
    }
}
