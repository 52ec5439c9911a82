//! Scoring a reading against the expected one, with the corpus scorer's normalization.
//!
//! Strings are compared after [`norm`]: NFKC, accents removed, case folded, curly quotes
//! straightened, apostrophes deleted, every other punctuation character replaced by a space,
//! whitespace collapsed; for artists a leading "the" dropped. Entries match on (title or alias,
//! rank), one-to-one; mentions are sets of titles; songs are sets of titles, one-to-one, with
//! artist accuracy over matched songs whose expected artist is set.

use std::collections::{BTreeMap, BTreeSet};

use needledrop_model::{List, Order};
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::truth::{Expected, ExpectedOrder};

/// Normalizes a title (or, with `artist`, a performer name) for comparison.
pub fn norm(s: &str, artist: bool) -> String {
    let s: String = s.nfkc().collect();
    let s: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'ς' => folded.push('σ'),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\'' => {}
            c if c.is_alphanumeric() || c == '_' => out.push(c),
            c if c.is_whitespace() => out.push(' '),
            _ => out.push(' '),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if artist {
        if let Some(rest) = collapsed.strip_prefix("the ") {
            return rest.to_string();
        }
    }
    collapsed
}

/// Counts from scoring one or more articles; add them up and read the rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Articles scored.
    pub articles: usize,
    /// Articles the extractor refused (an error) or panicked on.
    pub errors: usize,
    /// Articles whose printed order was read right.
    pub order_ok: usize,
    /// Matched entries.
    pub e_tp: usize,
    /// Predicted entries.
    pub e_pred: usize,
    /// Expected entries.
    pub e_gold: usize,
    /// Matched entries whose expected year was read right.
    pub y_ok: usize,
    /// Matched entries with an expected year.
    pub y_n: usize,
    /// Matched mentions.
    pub m_tp: usize,
    /// Predicted mentions.
    pub m_pred: usize,
    /// Expected mentions.
    pub m_gold: usize,
    /// Matched songs.
    pub s_tp: usize,
    /// Predicted songs.
    pub s_pred: usize,
    /// Expected songs.
    pub s_gold: usize,
    /// Matched songs with the right artist.
    pub a_ok: usize,
    /// Matched songs with an expected artist.
    pub a_n: usize,
    /// Articles whose announced size was read right.
    pub size_ok: usize,
    /// Articles that announce a size.
    pub size_n: usize,
}

/// Precision, recall and F1 from counts (the corpus scorer's conventions for empty sides).
pub fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred > 0 {
        tp as f64 / pred as f64
    } else if gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Counts {
    /// Adds another count into this one.
    pub fn add(&mut self, o: &Counts) {
        self.articles += o.articles;
        self.errors += o.errors;
        self.order_ok += o.order_ok;
        self.e_tp += o.e_tp;
        self.e_pred += o.e_pred;
        self.e_gold += o.e_gold;
        self.y_ok += o.y_ok;
        self.y_n += o.y_n;
        self.m_tp += o.m_tp;
        self.m_pred += o.m_pred;
        self.m_gold += o.m_gold;
        self.s_tp += o.s_tp;
        self.s_pred += o.s_pred;
        self.s_gold += o.s_gold;
        self.a_ok += o.a_ok;
        self.a_n += o.a_n;
        self.size_ok += o.size_ok;
        self.size_n += o.size_n;
    }

    /// Entries (P, R, F1).
    pub fn entries(&self) -> (f64, f64, f64) {
        prf(self.e_tp, self.e_pred, self.e_gold)
    }

    /// Mentions (P, R, F1).
    pub fn mentions(&self) -> (f64, f64, f64) {
        prf(self.m_tp, self.m_pred, self.m_gold)
    }

    /// Songs (P, R, F1).
    pub fn songs(&self) -> (f64, f64, f64) {
        prf(self.s_tp, self.s_pred, self.s_gold)
    }

    /// Artist accuracy over matched songs with an expected artist (`None` when there are none).
    pub fn artists(&self) -> Option<f64> {
        (self.a_n > 0).then(|| self.a_ok as f64 / self.a_n as f64)
    }

    /// Announced-size accuracy over articles that announce one (`None` when none do).
    pub fn sizes(&self) -> Option<f64> {
        (self.size_n > 0).then(|| self.size_ok as f64 / self.size_n as f64)
    }

    /// Year accuracy over matched entries with an expected year (`None` when there are none).
    pub fn years(&self) -> Option<f64> {
        (self.y_n > 0).then(|| self.y_ok as f64 / self.y_n as f64)
    }
}

fn order_matches(got: Order, want: ExpectedOrder) -> bool {
    matches!(
        (got, want),
        (Order::Ascending, ExpectedOrder::Ascending)
            | (Order::Descending, ExpectedOrder::Descending)
            | (Order::Unranked, ExpectedOrder::Unranked)
    )
}

/// Scores one reading (the first list of an extraction, or `None` when the extractor refused the
/// article) against the expected one.
pub fn score(expected: &Expected, got: Option<&List>) -> Counts {
    let mut c = Counts {
        articles: 1,
        e_gold: expected.entries.len(),
        m_gold: expected.mentions.len(),
        s_gold: expected.songs.len(),
        size_n: usize::from(expected.declared_size.is_some()),
        ..Counts::default()
    };
    let Some(list) = got else {
        c.errors = 1;
        return c;
    };
    c.order_ok = usize::from(order_matches(list.order, expected.order));
    if expected.declared_size.is_some() {
        c.size_ok = usize::from(list.declared_size == expected.declared_size);
    }

    // Entries: one-to-one over (title or alias, rank).
    let mut by_rank: BTreeMap<u32, Vec<(Vec<String>, usize)>> = BTreeMap::new();
    for (i, e) in expected.entries.iter().enumerate() {
        let mut names = vec![norm(&e.title, false)];
        names.extend(e.aliases.iter().map(|a| norm(a, false)));
        by_rank.entry(e.rank).or_default().push((names, i));
    }
    let mut used = BTreeSet::new();
    c.e_pred = list.entries.len();
    for e in &list.entries {
        let title = norm(&e.title, false);
        let rank = e.rank.get();
        if let Some(cands) = by_rank.get(&rank) {
            if let Some((_, i)) = cands
                .iter()
                .find(|(names, i)| !used.contains(i) && names.contains(&title))
            {
                used.insert(*i);
                c.e_tp += 1;
                if let Some(y) = expected.entries[*i].year {
                    c.y_n += 1;
                    c.y_ok += usize::from(e.year.map(|x| x.get()) == Some(y));
                }
            }
        }
    }

    // Mentions: sets of normalized titles.
    let gm: BTreeSet<String> = expected.mentions.iter().map(|m| norm(m, false)).collect();
    let pm: BTreeSet<String> = list
        .mentions
        .iter()
        .map(|m| norm(&m.title, false))
        .collect();
    c.m_gold = gm.len();
    c.m_pred = pm.len();
    c.m_tp = gm.intersection(&pm).count();

    // Songs: sets of normalized titles (the first citation of a title is the one compared).
    let mut gs: BTreeMap<String, Option<&str>> = BTreeMap::new();
    for s in &expected.songs {
        gs.entry(norm(&s.title, false))
            .or_insert(s.artist.as_deref());
    }
    let mut ps: BTreeMap<String, Option<&str>> = BTreeMap::new();
    for s in list.all_songs() {
        ps.entry(norm(&s.title, false))
            .or_insert(s.artist.as_deref());
    }
    c.s_gold = gs.len();
    c.s_pred = ps.len();
    for (k, ga) in &gs {
        if let Some(pa) = ps.get(k) {
            c.s_tp += 1;
            if let Some(ga) = ga {
                c.a_n += 1;
                c.a_ok += usize::from(pa.map(|p| norm(p, true)) == Some(norm(ga, true)));
            }
        }
    }
    c
}

/// The expected reading as a model list (what a perfect reader would return), for tests and for
/// checking the scorer against itself.
pub fn as_list(expected: &Expected) -> List {
    use needledrop_model::{Entry, Mention, Rank, SongCitation, Year};
    let order = match expected.order {
        ExpectedOrder::Ascending => Order::Ascending,
        ExpectedOrder::Descending => Order::Descending,
        ExpectedOrder::Unranked => Order::Unranked,
    };
    let mut list = List::new(order);
    list.declared_size = expected.declared_size;
    for e in &expected.entries {
        let Ok(rank) = Rank::new(e.rank) else {
            continue;
        };
        let mut entry = Entry::new(rank, e.title.clone());
        entry.tied = e.tied;
        entry.year = e.year.and_then(|y| Year::new(y).ok());
        list.entries.push(entry);
    }
    list.mentions = expected
        .mentions
        .iter()
        .map(|m| Mention {
            title: m.clone(),
            year: None,
        })
        .collect();
    list.songs = expected
        .songs
        .iter()
        .map(|s| SongCitation {
            title: s.title.clone(),
            artist: s.artist.clone(),
        })
        .collect();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_follows_the_corpus_scorer() {
        assert_eq!(norm("Amélie", false), "amelie");
        assert_eq!(
            norm("Singin\u{2019} in the Rain", false),
            "singin in the rain"
        );
        assert_eq!(norm("«\u{a0}Le Mépris\u{a0}»", false), "le mepris");
        assert_eq!(norm("2001: A Space Odyssey", false), "2001 a space odyssey");
        assert_eq!(norm("The Who", true), "who");
        assert_eq!(norm("The Who", false), "the who");
        assert_eq!(norm("Straße", false), "strasse");
        assert_eq!(norm("ＡＢＣ", false), "abc");
        assert_eq!(norm("  Moulin   Rouge! ", false), "moulin rouge");
    }

    #[test]
    fn prf_conventions() {
        assert_eq!(prf(0, 0, 0), (1.0, 1.0, 1.0));
        assert_eq!(prf(0, 0, 3).2, 0.0);
        assert_eq!(prf(2, 4, 2).0, 0.5);
    }
}
