//! Eligibility rules as data: which films a ranking counts.
//!
//! A policy (TOML, `docs/eligibility.md`) excludes films by genre tag or soundtrack kind, keeps only
//! some years, soundtrack kinds or outlets, asks for a minimum number of sources, and names
//! exceptions that stay whatever the rules say. Rules apply to the films behind the entries, so
//! they need the catalog's facts: an entry that resolved to no catalog film is kept, and the
//! report says so. Excluded items are taken out of every list before the method runs (the
//! printed ranks of the rest are kept), and the report lists each with the rule that excluded it.

use crate::ballots::title_key;
use crate::{AppError, Result};
use needledrop_model::{FilmId, ItemRef, SoundtrackKind, StoredFilm};
use needledrop_store::StoredList;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One exclusion rule: a film matching it is not eligible.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeRule {
    /// Any of these genre tags excludes (case-insensitive).
    #[serde(default)]
    pub genres: Vec<String>,
    /// Any of these soundtrack kinds excludes.
    #[serde(default)]
    pub soundtrack: Vec<SoundtrackKind>,
    /// Why, in words (shown with every film it excludes).
    pub reason: String,
}

/// Which films and lists a ranking counts.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityPolicy {
    /// A name for the policy, shown in outputs.
    #[serde(default)]
    pub name: Option<String>,
    /// Films matching any rule are excluded…
    #[serde(default)]
    pub exclude: Vec<ExcludeRule>,
    /// …except these titles (as printed or the catalog's, any case).
    #[serde(default)]
    pub except: Vec<String>,
    /// Only films released in these years, inclusive (`[1980, 1989]`).
    #[serde(default)]
    pub years: Option<[i32; 2]>,
    /// Only these soundtrack kinds.
    #[serde(default)]
    pub soundtrack: Vec<SoundtrackKind>,
    /// Only films that at least this many lists name.
    #[serde(default)]
    pub min_sources: Option<usize>,
    /// Only lists from these outlets (any case).
    #[serde(default)]
    pub outlets: Vec<String>,
}

/// A film (or printed title) a policy excluded, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exclusion {
    /// The film, when the item resolved to one.
    pub film_id: Option<FilmId>,
    /// Its title.
    pub title: String,
    /// Its year, when known.
    pub year: Option<i32>,
    /// The rule that excluded it.
    pub reason: String,
}

/// What a policy did to a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EligibilityReport {
    /// The policy's name.
    pub name: Option<String>,
    /// Its rules in words.
    pub rules: Vec<String>,
    /// Films excluded, in title order.
    pub excluded: Vec<Exclusion>,
    /// Lists left out by the outlet rule.
    pub lists_left_out: usize,
}

impl EligibilityPolicy {
    /// Reads a policy from TOML; a mistake is bad input naming the line.
    pub fn from_toml(text: &str) -> Result<EligibilityPolicy> {
        let policy: EligibilityPolicy = toml::from_str(text)
            .map_err(|e| AppError::BadInput(format!("the eligibility policy: {e}")))?;
        if let Some([from, to]) = policy.years {
            if from > to {
                return Err(AppError::BadInput(format!(
                    "the eligibility policy's years run backwards: {from} to {to}"
                )));
            }
        }
        Ok(policy)
    }

    /// Adds the quick filters a command line offers: a minimum number of sources, one decade
    /// (its first year), soundtrack kinds by name, outlets. A decade that is not one, or a kind
    /// nobody knows, is bad input.
    pub fn with_filters(
        mut self,
        min_sources: Option<usize>,
        decade: Option<i32>,
        kinds: &[String],
        outlets: &[String],
    ) -> Result<EligibilityPolicy> {
        if min_sources.is_some() {
            self.min_sources = min_sources;
        }
        if let Some(d) = decade {
            if d % 10 != 0 {
                return Err(AppError::BadInput(format!(
                    "{d} is not a decade; give its first year, e.g. 1990"
                )));
            }
            self.years = Some([d, d + 9]);
        }
        for k in kinds {
            let kind = SoundtrackKind::parse(k).ok_or_else(|| {
                AppError::BadInput(format!(
                    "soundtrack kind {k:?}: use score, compilation, original_songs, covers or mixed"
                ))
            })?;
            self.soundtrack.push(kind);
        }
        self.outlets.extend(outlets.iter().cloned());
        Ok(self)
    }

    /// True when the policy has no rule at all.
    pub fn is_empty(&self) -> bool {
        self.exclude.is_empty()
            && self.years.is_none()
            && self.soundtrack.is_empty()
            && self.min_sources.is_none()
            && self.outlets.is_empty()
    }

    /// The rules in words.
    pub fn describe(&self) -> Vec<String> {
        let mut rules = Vec::new();
        for r in &self.exclude {
            let mut what: Vec<String> = r.genres.iter().map(|g| format!("tagged {g}")).collect();
            what.extend(
                r.soundtrack
                    .iter()
                    .map(|k| format!("with a soundtrack of kind {}", k.as_str())),
            );
            rules.push(format!(
                "excluded: films {} ({})",
                what.join(" or "),
                r.reason
            ));
        }
        if !self.except.is_empty() {
            rules.push(format!(
                "kept whatever the rules say: {}",
                self.except.join(", ")
            ));
        }
        if let Some([from, to]) = self.years {
            rules.push(format!("only films released {from}–{to}"));
        }
        if !self.soundtrack.is_empty() {
            let kinds: Vec<&str> = self.soundtrack.iter().map(|k| k.as_str()).collect();
            rules.push(format!("only soundtracks of kind {}", kinds.join(", ")));
        }
        if let Some(n) = self.min_sources {
            rules.push(format!("only films named by at least {n} lists"));
        }
        if !self.outlets.is_empty() {
            rules.push(format!("only lists from {}", self.outlets.join(", ")));
        }
        rules
    }

    /// Why a film is not eligible, if it is not (the rules that need catalog facts only).
    fn film_reason(&self, film: &StoredFilm) -> Option<String> {
        let f = &film.film;
        for r in &self.exclude {
            let genre = f
                .genres
                .iter()
                .find(|g| r.genres.iter().any(|x| x.eq_ignore_ascii_case(g)));
            if let Some(g) = genre {
                return Some(format!("{} (tagged {g})", r.reason));
            }
            if let Some(k) = f.soundtrack_kind.filter(|k| r.soundtrack.contains(k)) {
                return Some(format!("{} (soundtrack: {})", r.reason, k.as_str()));
            }
        }
        if let Some([from, to]) = self.years {
            match f.year {
                Some(y) if (from..=to).contains(&y.get()) => {}
                Some(y) => return Some(format!("released in {y}, outside {from}–{to}")),
                None => return Some(format!("release year unknown, outside {from}–{to}")),
            }
        }
        if !self.soundtrack.is_empty() {
            match f.soundtrack_kind {
                Some(k) if self.soundtrack.contains(&k) => {}
                Some(k) => return Some(format!("soundtrack of kind {}", k.as_str())),
                None => return Some("soundtrack kind unknown".into()),
            }
        }
        None
    }

    /// Takes what is not eligible out of the lists: lists from other outlets, then every entry
    /// and mention of an excluded film. Returns the lists that remain and the report.
    pub(crate) fn apply(
        &self,
        lists: Vec<StoredList>,
        films: &crate::ballots::FilmLookup,
    ) -> (Vec<StoredList>, EligibilityReport) {
        let before = lists.len();
        let mut lists: Vec<StoredList> = if self.outlets.is_empty() {
            lists
        } else {
            lists
                .into_iter()
                .filter(|l| {
                    l.list.outlet.as_deref().is_some_and(|o| {
                        self.outlets
                            .iter()
                            .any(|x| x.eq_ignore_ascii_case(o.trim()))
                    })
                })
                .collect()
        };
        let lists_left_out = before - lists.len();
        let excepted: HashSet<String> = self.except.iter().map(|t| title_key(t)).collect();
        // Identity of an item: its film, or its printed title when unresolved.
        let identity = |item: &ItemRef, printed: &str| match films.get(item) {
            Some(f) => format!("film:{}", f.id),
            None => format!("title:{}", title_key(printed)),
        };
        let mut naming: HashMap<String, HashSet<usize>> = HashMap::new();
        for (i, l) in lists.iter().enumerate() {
            let items = l
                .entry_ids
                .iter()
                .map(|e| ItemRef::Entry(*e))
                .zip(l.list.entries.iter().map(|e| e.title.as_str()))
                .chain(
                    l.mention_ids
                        .iter()
                        .map(|m| ItemRef::Mention(*m))
                        .zip(l.list.mentions.iter().map(|m| m.title.as_str())),
                );
            for (item, title) in items {
                naming.entry(identity(&item, title)).or_default().insert(i);
            }
        }
        let mut excluded: HashMap<String, Exclusion> = HashMap::new();
        let mut verdict = |item: &ItemRef, printed: &str| -> bool {
            let id = identity(item, printed);
            if excluded.contains_key(&id) {
                return false;
            }
            let film = films.get(item);
            let kept_anyway = excepted.contains(&title_key(printed))
                || film.is_some_and(|f| {
                    excepted.contains(&title_key(&f.film.title))
                        || f.film
                            .aliases
                            .iter()
                            .any(|a| excepted.contains(&title_key(a)))
                });
            if kept_anyway {
                return true;
            }
            let sources = naming.get(&id).map_or(0, HashSet::len);
            let reason = film.and_then(|f| self.film_reason(f)).or_else(|| {
                self.min_sources
                    .filter(|n| sources < *n)
                    .map(|n| format!("named by {sources} of the lists, fewer than {n}"))
            });
            match reason {
                Some(reason) => {
                    excluded.insert(
                        id,
                        Exclusion {
                            film_id: film.map(|f| f.id),
                            title: film.map_or_else(
                                || printed.trim().to_string(),
                                |f| f.film.title.clone(),
                            ),
                            year: film.and_then(|f| f.film.year).map(|y| y.get()),
                            reason,
                        },
                    );
                    false
                }
                None => true,
            }
        };
        for l in &mut lists {
            let mut keep_entries = Vec::new();
            for (e, id) in l.list.entries.iter().zip(&l.entry_ids) {
                keep_entries.push(verdict(&ItemRef::Entry(*id), &e.title));
            }
            let mut keep_mentions = Vec::new();
            for (m, id) in l.list.mentions.iter().zip(&l.mention_ids) {
                keep_mentions.push(verdict(&ItemRef::Mention(*id), &m.title));
            }
            retain_by(&mut l.list.entries, &keep_entries);
            retain_by(&mut l.entry_ids, &keep_entries);
            retain_by(&mut l.list.mentions, &keep_mentions);
            retain_by(&mut l.mention_ids, &keep_mentions);
        }
        lists.retain(|l| !l.list.entries.is_empty() || !l.list.mentions.is_empty());
        let mut excluded: Vec<Exclusion> = excluded.into_values().collect();
        excluded.sort_by(|a, b| a.title.cmp(&b.title).then(a.year.cmp(&b.year)));
        let report = EligibilityReport {
            name: self.name.clone(),
            rules: self.describe(),
            excluded,
            lists_left_out,
        };
        (lists, report)
    }
}

fn retain_by<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut i = 0;
    items.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_reads_from_toml_and_says_its_rules() {
        let p = EligibilityPolicy::from_toml(
            r#"
name = "No musicals"
except = ["Purple Rain"]
min_sources = 2
years = [1970, 1999]
[[exclude]]
genres = ["Musical"]
reason = "a musical"
"#,
        )
        .unwrap();
        let rules = p.describe();
        assert!(rules[0].contains("tagged Musical (a musical)"), "{rules:?}");
        assert!(rules.iter().any(|r| r.contains("1970–1999")));
        assert!(rules.iter().any(|r| r.contains("at least 2 lists")));
    }

    #[test]
    fn a_mistyped_policy_is_bad_input() {
        assert!(EligibilityPolicy::from_toml("min_source = 2").is_err());
        assert!(EligibilityPolicy::from_toml("years = [2000, 1990]").is_err());
        assert!(EligibilityPolicy::from_toml("[[exclude]]\ngenres = [\"Musical\"]").is_err());
    }
}
