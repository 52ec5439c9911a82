//! The title index: normalized keys → films, and character trigrams → keys for fuzzy candidates.
//!
//! Exact and normalized look-ups are one hash probe. Fuzzy look-ups never scan the catalog: the
//! query's rarest trigrams pick candidate keys from posting lists (a key within two edits of the
//! query shares at least one of its seven rarest trigrams), and only the few keys that share the
//! most trigrams are scored with an edit distance.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// How a key reaches a film.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Via {
    /// The film's canonical title.
    Title,
    /// One of the film's aliases.
    Alias,
}

/// One film a key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) film: u32,
    pub(crate) via: Via,
}

/// Marks a key whose last film was removed.
const NO_FILM: u32 = u32::MAX;

/// Posting lists longer than this are skipped when rarer trigrams exist: a trigram shared by
/// that many keys says little about any of them.
const COMMON_GRAM: usize = 20_000;
/// Trigrams of the query consulted: enough that a key two edits away still shares one.
const GRAMS_CONSULTED: usize = 7;
/// Keys scored with the edit distance per query.
const KEYS_SCORED: usize = 24;

#[derive(Debug, Default, Clone)]
pub(crate) struct KeyIndex {
    /// All keys, back to back.
    text: String,
    /// Key id → byte span in `text`.
    spans: Vec<(u32, u32)>,
    /// Hash of a key → key id. A 64-bit collision between two different keys is possible in
    /// principle, so such keys live in `collided` instead.
    by_hash: FxHashMap<u64, u32>,
    collided: FxHashMap<Box<str>, u32>,
    /// Key id → its first film; the rare keys with several films keep the rest in `more`.
    first: Vec<Target>,
    more: FxHashMap<u32, Vec<Target>>,
    /// Trigram → key ids containing it.
    postings: FxHashMap<u32, Vec<u32>>,
}

fn hash_key(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// The distinct trigrams of `" key "`, hashed to u32 (a collision only adds a false candidate,
/// which scoring then rejects).
pub(crate) fn grams(key: &str, out: &mut Vec<u32>) {
    out.clear();
    let mut window = [' ' as u32; 3];
    let push = |w: &[u32; 3], out: &mut Vec<u32>| {
        let g = w[0].wrapping_mul(0x9E37_79B1)
            ^ w[1].wrapping_mul(0x85EB_CA77).rotate_left(11)
            ^ w[2].wrapping_mul(0xC2B2_AE3D).rotate_left(22);
        out.push(g);
    };
    let mut seen = 0usize;
    for c in key.chars().chain([' ']) {
        window = [window[1], window[2], c as u32];
        seen += 1;
        if seen >= 2 {
            push(&window, out);
        }
    }
    out.sort_unstable();
    out.dedup();
}

impl KeyIndex {
    pub(crate) fn key_count(&self) -> usize {
        self.spans.len()
    }

    pub(crate) fn key_text(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(s, e)| self.text.get(s as usize..e as usize))
            .unwrap_or("")
    }

    pub(crate) fn lookup(&self, key: &str) -> Option<u32> {
        if let Some(&id) = self.collided.get(key) {
            return Some(id);
        }
        self.by_hash
            .get(&hash_key(key))
            .copied()
            .filter(|&id| self.key_text(id) == key)
    }

    pub(crate) fn targets(&self, id: u32) -> impl Iterator<Item = Target> + '_ {
        self.first
            .get(id as usize)
            .copied()
            .into_iter()
            .chain(self.more.get(&id).into_iter().flatten().copied())
            .filter(|t| t.film != NO_FILM)
    }

    /// Points `key` at `target`, creating the key if new. Returns false if it was already there.
    pub(crate) fn add(&mut self, key: &str, target: Target, scratch: &mut Vec<u32>) -> bool {
        if key.is_empty() {
            return false;
        }
        if let Some(id) = self.lookup(key) {
            if self.targets(id).any(|t| t == target) {
                return false;
            }
            self.more.entry(id).or_default().push(target);
            return true;
        }
        let Ok(id) = u32::try_from(self.spans.len()) else {
            return false;
        };
        let start = self.text.len();
        self.text.push_str(key);
        let (Ok(s), Ok(e)) = (u32::try_from(start), u32::try_from(self.text.len())) else {
            self.text.truncate(start);
            return false;
        };
        self.spans.push((s, e));
        self.first.push(target);
        let h = hash_key(key);
        match self.by_hash.entry(h) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(key.into(), id);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
        grams(key, scratch);
        for &g in scratch.iter() {
            self.postings.entry(g).or_default().push(id);
        }
        true
    }

    /// Removes one film from a key (the key itself stays, pointing nowhere if it was the last).
    pub(crate) fn remove(&mut self, key: &str, target: Target) {
        let Some(id) = self.lookup(key) else { return };
        let idx = id as usize;
        if self.first.get(idx) == Some(&target) {
            let next = self.more.get_mut(&id).and_then(|m| m.pop());
            if let Some(slot) = self.first.get_mut(idx) {
                *slot = next.unwrap_or(Target {
                    film: NO_FILM,
                    via: Via::Alias,
                });
            }
        } else if let Some(m) = self.more.get_mut(&id) {
            m.retain(|t| *t != target);
        }
        if self.more.get(&id).is_some_and(|m| m.is_empty()) {
            self.more.remove(&id);
        }
    }

    /// Frees slack in the posting lists after a bulk load.
    pub(crate) fn shrink(&mut self) {
        for list in self.postings.values_mut() {
            list.shrink_to_fit();
        }
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
        self.first.shrink_to_fit();
    }

    /// Keys sharing the most rare trigrams with `key`: the only keys worth scoring.
    pub(crate) fn fuzzy_candidates(&self, key: &str, scratch: &mut Vec<u32>) -> Vec<u32> {
        grams(key, scratch);
        let mut lists: Vec<&[u32]> = scratch
            .iter()
            .filter_map(|g| self.postings.get(g).map(Vec::as_slice))
            .collect();
        lists.sort_unstable_by_key(|l| l.len());
        let rare = lists.iter().filter(|l| l.len() <= COMMON_GRAM).count();
        let take = if rare > 0 {
            rare.min(GRAMS_CONSULTED)
        } else {
            lists.len().min(1)
        };
        let mut counts: FxHashMap<u32, u16> = FxHashMap::default();
        for list in lists.iter().take(take) {
            for &id in list.iter() {
                let c = counts.entry(id).or_insert(0);
                *c = c.saturating_add(1);
            }
        }
        let query_len = key.chars().count();
        let mut ranked: Vec<(u16, u32)> = counts
            .into_iter()
            .filter(|&(id, _)| {
                // Keys far longer or shorter cannot be within a few edits.
                let len = self.key_text(id).len();
                len + 8 >= query_len && len <= query_len * 2 + 8
            })
            .map(|(id, c)| (c, id))
            .collect();
        // Most shared trigrams first; ties by id for determinism.
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(KEYS_SCORED);
        ranked.into_iter().map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_by_text_and_by_trigrams() {
        let mut index = KeyIndex::default();
        let mut scratch = Vec::new();
        let t = |film| Target {
            film,
            via: Via::Title,
        };
        assert!(index.add("pulp fiction", t(0), &mut scratch));
        assert!(index.add("big lebowski", t(1), &mut scratch));
        assert!(!index.add("pulp fiction", t(0), &mut scratch));
        assert!(index.add("pulp fiction", t(2), &mut scratch));
        let id = index.lookup("pulp fiction");
        assert_eq!(id, Some(0));
        assert_eq!(index.targets(0).count(), 2);
        let cands = index.fuzzy_candidates("pulp fictoin", &mut scratch);
        assert_eq!(cands.first(), Some(&0));
        index.remove("pulp fiction", t(0));
        assert_eq!(
            index.targets(0).map(|t| t.film).collect::<Vec<_>>(),
            vec![2]
        );
    }
}
