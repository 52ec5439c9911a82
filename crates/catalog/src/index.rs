//! The title index: normalized keys → films, and character 4-grams and words → keys for fuzzy
//! candidates.
//!
//! Exact and normalized look-ups are one hash probe. Fuzzy look-ups never scan the catalog: the
//! query's rarest 4-grams pick candidate keys from posting lists (one typing error destroys at
//! most four of a key's 4-grams, so a key one edit away shares at least one of the query's five
//! rarest), and only the few keys that share the most 4-grams are scored with an edit distance.
//!
//! Postings live in one flat array after a bulk load ([`KeyIndex::compact`]), so a million keys
//! cost about four bytes per 4-gram occurrence; keys added later go to a small side table.

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

/// 4-grams of the query consulted, rarest first: a key one edit away still shares one of six.
const GRAMS_CONSULTED: usize = 6;
/// Postings read per query at most (beyond the first list), so very common 4-grams cannot make
/// one query slow.
const POSTINGS_BUDGET: usize = 800;
/// Keys scored with the edit distance per query.
const KEYS_SCORED: usize = 10;

thread_local! {
    /// Per-key hit counters reused across queries (reset through the touched list), so a fuzzy
    /// look-up allocates nothing proportional to the catalog.
    static COUNTS: std::cell::RefCell<(Vec<u8>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

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
    /// 4-gram → (start, len) in `flat`: postings of the keys present at the last compaction.
    packed: FxHashMap<u32, (u32, u32)>,
    flat: Vec<u32>,
    /// 4-gram → key ids added since the last compaction.
    recent: FxHashMap<u32, Vec<u32>>,
    /// During a bulk load, postings are not kept per key but built in one pass at the end
    /// (no growing lists, no slack); keys from `unposted` on have none yet.
    deferred: bool,
    unposted: u32,
    /// Every word of every key, once: hash → word id (text in `words`).
    vocabulary: FxHashMap<u64, u32>,
    words: Vec<Box<str>>,
    /// Hash of a word with one character deleted (or of the word itself) → word ids: a typo
    /// inside one word is found by a few hash probes (symmetric deletion), without postings.
    /// (Most deletion hashes have one word: the first lives inline, the rest in `more_deletions`.)
    deletions: FxHashMap<u64, u32>,
    more_deletions: FxHashMap<u64, Vec<u32>>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The hashes of `word` and of every string made by deleting one character from it.
fn deletion_hashes(word: &str, buffer: &mut String, out: &mut Vec<u64>) {
    out.clear();
    out.push(hash_str(word));
    for (i, c) in word.char_indices() {
        buffer.clear();
        buffer.push_str(word.get(..i).unwrap_or(""));
        buffer.push_str(word.get(i + c.len_utf8()..).unwrap_or(""));
        out.push(hash_str(buffer));
    }
    out.sort_unstable();
    out.dedup();
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Words shorter than this are not corrected: one edit turns them into too many other words.
const MIN_CORRECTED_WORD: usize = 4;

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
        if !self.deferred {
            grams(key, scratch);
            for &g in scratch.iter() {
                self.recent.entry(g).or_default().push(id);
            }
            self.unposted = id.saturating_add(1);
        }
        for word in key.split(' ') {
            self.add_word(word);
        }
        true
    }

    fn add_word(&mut self, word: &str) {
        // Numbers are never corrected (a different number is a different film), so they need
        // no entry: a catalog of numbered titles would otherwise fill the table.
        if is_number(word) {
            return;
        }
        let h = hash_str(word);
        if self.vocabulary.contains_key(&h) {
            return;
        }
        let Ok(id) = u32::try_from(self.words.len()) else {
            return;
        };
        self.vocabulary.insert(h, id);
        self.words.push(word.into());
        if word.chars().count() >= MIN_CORRECTED_WORD {
            let (mut buffer, mut hashes) = (String::new(), Vec::new());
            deletion_hashes(word, &mut buffer, &mut hashes);
            for d in hashes {
                match self.deletions.entry(d) {
                    std::collections::hash_map::Entry::Occupied(_) => {
                        self.more_deletions.entry(d).or_default().push(id);
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(id);
                    }
                }
            }
        }
    }

    /// True when some key has this word.
    fn knows_word(&self, word: &str) -> bool {
        is_number(word) || self.vocabulary.contains_key(&hash_str(word))
    }

    /// Keys that differ from `key` by one typing error inside its one unknown word: the word is
    /// corrected through the deletion table and the corrected key looked up exactly.
    pub(crate) fn respelled_keys(&self, key: &str) -> Vec<u32> {
        let words: Vec<&str> = key.split(' ').collect();
        let mut unknown = words
            .iter()
            .enumerate()
            .filter(|(_, w)| !self.knows_word(w));
        let (Some((at, word)), None) = (unknown.next(), unknown.next()) else {
            return Vec::new();
        };
        if word.chars().count() < MIN_CORRECTED_WORD {
            return Vec::new();
        }
        let (mut buffer, mut hashes) = (String::new(), Vec::new());
        deletion_hashes(word, &mut buffer, &mut hashes);
        let mut corrections: Vec<u32> = hashes
            .iter()
            .flat_map(|h| {
                self.deletions
                    .get(h)
                    .into_iter()
                    .chain(self.more_deletions.get(h).into_iter().flatten())
            })
            .copied()
            .collect();
        corrections.sort_unstable();
        corrections.dedup();
        let mut out = Vec::new();
        for c in corrections.into_iter().take(64) {
            let Some(fixed) = self.words.get(c as usize) else {
                continue;
            };
            let mut corrected = String::with_capacity(key.len() + 2);
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    corrected.push(' ');
                }
                corrected.push_str(if i == at { fixed } else { w });
            }
            if let Some(id) = self.lookup(&corrected) {
                out.push(id);
            }
        }
        out
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

    /// Packs every posting list into the flat array (after a bulk load): no per-list slack.
    /// Starts a bulk load: postings of keys added from now on are built by [`KeyIndex::compact`].
    pub(crate) fn defer_postings(&mut self) {
        self.deferred = true;
    }

    /// Gives the keys added during a bulk load their postings, in two passes over their grams
    /// (count, then fill) straight into the flat array.
    fn post_deferred(&mut self) {
        let from = self.unposted as usize;
        if from >= self.spans.len() {
            return;
        }
        let mut scratch = Vec::new();
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for id in from..self.spans.len() {
            grams(self.key_text(id as u32), &mut scratch);
            for &g in &scratch {
                *counts.entry(g).or_insert(0) += 1;
            }
        }
        let extra: usize = counts.values().map(|&c| c as usize).sum();
        let mut flat: Vec<u32> = Vec::with_capacity(self.flat.len() + extra);
        let mut packed: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        packed.reserve(counts.len() + self.packed.len());
        // Old lists first, each followed by room for its new ids.
        let mut grams_all: Vec<u32> = counts.keys().chain(self.packed.keys()).copied().collect();
        grams_all.sort_unstable();
        grams_all.dedup();
        for g in grams_all {
            let old = self
                .packed
                .get(&g)
                .and_then(|&(s, l)| self.flat.get(s as usize..s as usize + l as usize))
                .unwrap_or(&[]);
            let room = counts.get(&g).copied().unwrap_or(0) as usize;
            let (Ok(start), Ok(len)) = (u32::try_from(flat.len()), u32::try_from(old.len())) else {
                return;
            };
            flat.extend_from_slice(old);
            flat.resize(flat.len() + room, 0);
            // `len` counts filled slots; the second pass fills the room.
            packed.insert(g, (start, len));
        }
        for id in from..self.spans.len() {
            grams(self.key_text(id as u32), &mut scratch);
            for &g in &scratch {
                if let Some((start, len)) = packed.get_mut(&g) {
                    if let Some(slot) = flat.get_mut(*start as usize + *len as usize) {
                        *slot = id as u32;
                        *len += 1;
                    }
                }
            }
        }
        self.flat = flat;
        self.packed = packed;
        self.unposted = u32::try_from(self.spans.len()).unwrap_or(u32::MAX);
        self.deferred = false;
        self.flat.shrink_to_fit();
    }

    pub(crate) fn compact(&mut self) {
        if self.deferred {
            self.post_deferred();
        }
        if !self.recent.is_empty() {
            self.merge_recent();
        }
        self.shrink();
    }

    /// Moves the lists of keys added since the last compaction into the flat array.
    fn merge_recent(&mut self) {
        let old_flat = std::mem::take(&mut self.flat);
        let mut lists: Vec<(u32, Vec<u32>)> = Vec::with_capacity(self.packed.len());
        for (g, (start, len)) in std::mem::take(&mut self.packed) {
            let mut list = old_flat
                .get(start as usize..start as usize + len as usize)
                .unwrap_or(&[])
                .to_vec();
            if let Some(more) = self.recent.remove(&g) {
                list.extend(more);
            }
            lists.push((g, list));
        }
        drop(old_flat);
        let total: usize = lists.iter().map(|(_, l)| l.len()).sum::<usize>()
            + self.recent.values().map(Vec::len).sum::<usize>();
        let mut flat = Vec::with_capacity(total);
        let mut packed = FxHashMap::default();
        packed.reserve(lists.len() + self.recent.len());
        // Draining frees each list as soon as it is copied, so the peak stays near one copy.
        let recent = std::mem::take(&mut self.recent);
        for (g, list) in lists.into_iter().chain(recent) {
            let (Ok(start), Ok(len)) = (u32::try_from(flat.len()), u32::try_from(list.len()))
            else {
                break;
            };
            flat.extend_from_slice(&list);
            packed.insert(g, (start, len));
        }
        self.flat = flat;
        self.packed = packed;
    }

    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
        self.first.shrink_to_fit();
        self.words.shrink_to_fit();
        for list in self.more_deletions.values_mut() {
            list.shrink_to_fit();
        }
    }

    fn postings(&self, g: u32) -> (&[u32], &[u32]) {
        let packed = self
            .packed
            .get(&g)
            .and_then(|&(s, l)| self.flat.get(s as usize..s as usize + l as usize))
            .unwrap_or(&[]);
        let recent = self.recent.get(&g).map(Vec::as_slice).unwrap_or(&[]);
        (packed, recent)
    }

    /// Keys sharing the most rare 4-grams with `key`: the only keys worth scoring.
    pub(crate) fn fuzzy_candidates(&self, key: &str, scratch: &mut Vec<u32>) -> Vec<u32> {
        grams(key, scratch);
        let mut lists: Vec<(&[u32], &[u32])> = scratch
            .iter()
            .map(|&g| self.postings(g))
            .filter(|(a, b)| !a.is_empty() || !b.is_empty())
            .collect();
        lists.sort_unstable_by_key(|(a, b)| a.len() + b.len());
        let query_len = key.len();
        COUNTS.with(|cell| {
            let Ok(mut guard) = cell.try_borrow_mut() else {
                return Vec::new();
            };
            let (counts, touched) = &mut *guard;
            if counts.len() < self.spans.len() {
                counts.resize(self.spans.len(), 0);
            }
            touched.clear();
            let mut read = 0usize;
            for (i, (a, b)) in lists.iter().enumerate() {
                let len = a.len() + b.len();
                if i >= GRAMS_CONSULTED || (i > 0 && read + len > POSTINGS_BUDGET) {
                    break;
                }
                read += len;
                for &id in a.iter().chain(b.iter()) {
                    if let Some(c) = counts.get_mut(id as usize) {
                        if *c == 0 {
                            touched.push(id);
                        }
                        *c = c.saturating_add(1);
                    }
                }
            }
            let mut ranked: Vec<(u8, u32)> = Vec::new();
            let best = touched
                .iter()
                .map(|&id| counts.get(id as usize).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            // Keys sharing fewer rare grams than the best are not worth an edit distance.
            let floor = if best >= 3 { best - 1 } else { 1 };
            for &id in touched.iter() {
                let c = counts.get(id as usize).copied().unwrap_or(0);
                if let Some(slot) = counts.get_mut(id as usize) {
                    *slot = 0;
                }
                let len = self
                    .spans
                    .get(id as usize)
                    .map_or(0, |&(s, e)| (e - s) as usize);
                // Keys far longer or shorter cannot be within a few edits.
                if c >= floor && len + 8 >= query_len && len <= query_len * 2 + 8 {
                    ranked.push((c, id));
                }
            }
            // Most shared grams first; ties by id for determinism. Select before sorting: the
            // touched keys can number thousands.
            let order = |a: &(u8, u32), b: &(u8, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            if ranked.len() > KEYS_SCORED {
                ranked.select_nth_unstable_by(KEYS_SCORED, order);
                ranked.truncate(KEYS_SCORED);
            }
            ranked.sort_unstable_by(order);
            ranked.into_iter().map(|(_, id)| id).collect()
        })
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
        index.compact();
        assert_eq!(
            index.fuzzy_candidates("pulp fictoin", &mut scratch).first(),
            Some(&0)
        );
        assert!(index.add("pulp friction", t(3), &mut scratch));
        assert!(index
            .fuzzy_candidates("pulp frictoin", &mut scratch)
            .contains(&2));
        index.remove("pulp fiction", t(0));
        assert_eq!(
            index.targets(0).map(|t| t.film).collect::<Vec<_>>(),
            vec![2]
        );
    }
}
