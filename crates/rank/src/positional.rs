//! Positional methods: a list gives each item points (or a rank) by its position alone.
//!
//! Positions are competition positions ([`crate::RankedEntry::position`]) starting at the list's
//! first printed rank: `1,2,2,4` and `1,2,2,3` are the same list, and a page printed 11 to 20
//! (or 30 down to 11) scores its entries as #11 to #20, never as #1 to #10. Tied entries share the average of the
//! points of the positions they occupy (two items tied at 2 of a Borda list share the points of
//! positions 2 and 3). Unranked mentions form one tier right below a list's ranked entries. Every
//! contribution is multiplied by the list's weight.
//!
//! How each method treats items a list does not name ("unlisted") is stated on the method.
//! Scores are summed in `f64`; the work is linear in the number of named entries (an unlisted
//! item's share is added once per list to a common baseline, not once per item).

use crate::consensus::{Direction, Outcome};
use crate::explain::{Contribution, Explanation, Placement};
use crate::method::{LinearScores, Method};
use crate::profile::{Ballot, ItemId, Profile};
use crate::RankError;

/// Where an item sits in one list, for a points rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// Ranked: competition position, the number of entries tied there, and the 0-based index
    /// of its tie group.
    Ranked {
        position: u32,
        tie_size: u32,
        tier: u32,
    },
    /// Mentioned: the tier's position (ranked count + 1) and the number of mentions.
    Mention { position: u32, count: u32 },
    /// Not named.
    Unlisted,
}

/// A per-list points rule; the shared machinery sums it over lists.
trait PointsRule {
    fn points(&self, profile: &Profile, ballot: &Ballot, slot: Slot) -> Result<f64, RankError>;
    /// Checks a ballot before scoring (e.g. a points table long enough).
    fn check(&self, _ballot: &Ballot) -> Result<(), RankError> {
        Ok(())
    }
    /// A ballot's points at once: the named items' points, in [`slots`] order, into `named`,
    /// and the unlisted points returned. A rule whose unlisted points depend on the named ones
    /// (Borda) overrides this to compute each value once.
    fn ballot_points(
        &self,
        profile: &Profile,
        ballot: &Ballot,
        named: &mut Vec<f64>,
    ) -> Result<f64, RankError> {
        let unlisted = self.points(profile, ballot, Slot::Unlisted)?;
        named.clear();
        for (_, slot) in slots(ballot) {
            named.push(self.points(profile, ballot, slot)?);
        }
        Ok(unlisted)
    }
}

/// Sums a points rule over all lists: `score[i] = Σ_l w_l · points_l(i)`.
fn sum_points(profile: &Profile, rule: &impl PointsRule) -> Result<Vec<f64>, RankError> {
    let n = profile.item_count();
    let mut scores = vec![0.0; n];
    let mut baseline = 0.0;
    let mut named = Vec::new();
    for ballot in profile.ballots() {
        rule.check(ballot)?;
        let w = ballot.weight();
        let unlisted = rule.ballot_points(profile, ballot, &mut named)?;
        baseline += w * unlisted;
        for ((item, _), &p) in slots(ballot).zip(&named) {
            if let Some(s) = scores.get_mut(item.index()) {
                *s += w * (p - unlisted);
            }
        }
    }
    for s in &mut scores {
        *s += baseline;
    }
    Ok(scores)
}

/// The per-list points of a rule, for [`Method::linear_scores`] (same arithmetic as
/// [`sum_points`], with the weights left to the caller).
fn linear_points(
    profile: &Profile,
    rule: &impl PointsRule,
    direction: Direction,
    per_weight: bool,
    by_named_weight: bool,
) -> Result<LinearScores, RankError> {
    let lists = profile.ballots().len();
    let entries: usize = profile.ballots().iter().map(Ballot::named_count).sum();
    let mut out = LinearScores {
        direction,
        base: Vec::with_capacity(lists),
        start: Vec::with_capacity(lists + 1),
        items: Vec::with_capacity(entries),
        delta: Vec::with_capacity(entries),
        per_weight,
        by_named_weight,
    };
    out.start.push(0);
    let mut named = Vec::new();
    for ballot in profile.ballots() {
        rule.check(ballot)?;
        let unlisted = rule.ballot_points(profile, ballot, &mut named)?;
        out.base.push(unlisted);
        for ((item, _), &p) in slots(ballot).zip(&named) {
            out.items.push(item);
            out.delta.push(p - unlisted);
        }
        out.start.push(out.items.len());
    }
    Ok(out)
}

fn slots(ballot: &Ballot) -> impl Iterator<Item = (ItemId, Slot)> + '_ {
    let mention_position = ballot.mention_position();
    let mention_count = u32::try_from(ballot.mentions().len()).unwrap_or(u32::MAX);
    ballot
        .ranked()
        .iter()
        .map(|e| {
            (
                e.item,
                Slot::Ranked {
                    position: e.position,
                    tie_size: e.tie_size,
                    tier: e.tier,
                },
            )
        })
        .chain(ballot.mentions().iter().map(move |&m| {
            (
                m,
                Slot::Mention {
                    position: mention_position,
                    count: mention_count,
                },
            )
        }))
}

fn slot_of(ballot: &Ballot, item: ItemId) -> Slot {
    slots(ballot)
        .find(|(i, _)| *i == item)
        .map_or(Slot::Unlisted, |(_, s)| s)
}

/// Explains a points rule: per list, the weighted points it gave `item`.
fn explain_points(
    profile: &Profile,
    name: &str,
    item: ItemId,
    rule: &impl PointsRule,
) -> Result<Explanation, RankError> {
    let mut err = None;
    let e = Explanation::per_list(profile, name, item, |i, _| {
        let Some(b) = profile.ballots().get(i) else {
            return Contribution::None;
        };
        match rule.points(profile, b, slot_of(b, item)) {
            Ok(p) => Contribution::Points {
                points: p * b.weight(),
            },
            Err(e) => {
                err = Some(e);
                Contribution::None
            }
        }
    })?;
    match err {
        Some(e) => Err(e),
        None => Ok(e),
    }
}

/// Mean of `f(q)` over the positions `first..first+count` (the positions a tie occupies).
fn mean_over(first: u32, count: u32, f: impl Fn(u32) -> f64) -> f64 {
    let count = count.max(1);
    (first..first.saturating_add(count)).map(&f).sum::<f64>() / f64::from(count)
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Borda count for partial lists.
///
/// With `m` items in the whole profile, position `p` of a list is worth `m - p + 1` points (the
/// top item `m`, the last of a complete ranking 1). A list that names `k` items leaves positions
/// `k+1..=m` to the items it does not name, and **those unlisted items share the remaining points
/// equally**: each gets the mean `(m - k + 1) / 2`. Mentions occupy the positions right after the
/// ranked entries as one tie. This is the "average" extension of Borda to top-k lists, and it is
/// FLAGR's Borda with its default normalisation (up to the constant factor `1/m`), and it
/// reproduces PyFLAGR's ranking on lists without ties. On ties we deliberately differ: FLAGR
/// reads a list in file order and gives consecutive places to tied items (and to a list's
/// unranked mentions), so a printed tie is silently broken by whatever order the file happens
/// to have; sharing the mean keeps a tie a tie and every list's total points the same.
/// It also differs from pref_voting's symmetric Borda, which scores `#below − #above` without
/// comparing two unnamed items. `tests/peers.rs` shows both differences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Borda;

impl PointsRule for Borda {
    fn points(&self, profile: &Profile, ballot: &Ballot, slot: Slot) -> Result<f64, RankError> {
        let m = profile.item_count() as f64;
        // Positions past the profile's size (a page printed 91 to 100 of a small pool) are
        // worth nothing rather than less than nothing.
        let value = |q: u32| (m - f64::from(q) + 1.0).max(0.0);
        Ok(match slot {
            Slot::Ranked {
                position, tie_size, ..
            } => mean_over(position, tie_size, value),
            Slot::Mention { position, count } => mean_over(position, count, value),
            Slot::Unlisted => {
                // The points of the positions the list leaves free, shared equally: positions
                // k+1..=m for a list starting at #1, and also 1..=10 for a page starting at #11.
                let k = ballot.named_count() as f64;
                if m - k <= 0.0 {
                    return Ok(0.0);
                }
                let named: f64 = slots(ballot)
                    .map(|(_, s)| match s {
                        Slot::Ranked {
                            position, tie_size, ..
                        } => mean_over(position, tie_size, value),
                        Slot::Mention { position, count } => mean_over(position, count, value),
                        Slot::Unlisted => 0.0,
                    })
                    .sum();
                let all = m * (m + 1.0) / 2.0;
                ((all - named) / (m - k)).max(0.0)
            }
        })
    }
    fn ballot_points(
        &self,
        profile: &Profile,
        ballot: &Ballot,
        named: &mut Vec<f64>,
    ) -> Result<f64, RankError> {
        // The same values as `points`, each computed once: the unlisted share needs the sum of
        // the named points, and every mention has the same points.
        let m = profile.item_count() as f64;
        let value = |q: u32| (m - f64::from(q) + 1.0).max(0.0);
        named.clear();
        let mut mention = None;
        for (_, slot) in slots(ballot) {
            named.push(match slot {
                Slot::Ranked {
                    position, tie_size, ..
                } => mean_over(position, tie_size, value),
                Slot::Mention { position, count } => {
                    *mention.get_or_insert_with(|| mean_over(position, count, value))
                }
                Slot::Unlisted => 0.0,
            });
        }
        let k = ballot.named_count() as f64;
        if m - k <= 0.0 {
            return Ok(0.0);
        }
        let sum: f64 = named.iter().sum();
        let all = m * (m + 1.0) / 2.0;
        Ok(((all - sum) / (m - k)).max(0.0))
    }
}

/// How tied entries share the points of a [`PointsTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TiePoints {
    /// Each tied entry gets the mean of the points of the positions the tie occupies (two items
    /// tied at 1 of a 3/2/1 table get 2.5 each).
    #[default]
    Average,
    /// Each tied entry gets the full points of the position the tie shares (two items tied at 1
    /// get 3 each), as Metacritic scores ties.
    Shared,
}

/// A points-per-position table, as critics' polls use.
///
/// `points[p-1]` is worth position `p`; tied entries share the mean of the points of the
/// positions they occupy, or each get the points of their shared position ([`TiePoints`]). Ranked positions past the table get `beyond` points, or — when `beyond`
/// is `None` — the table is too short for the list and the method fails
/// ([`RankError::PointsTableTooShort`]). Each unranked mention gets `mention` points. **Unlisted
/// items get nothing.**
#[derive(Debug, Clone, PartialEq)]
pub struct PointsTable {
    /// Points for positions 1, 2, ….
    pub points: Vec<f64>,
    /// Points for ranked positions past the table; `None` makes a longer list an error.
    pub beyond: Option<f64>,
    /// Points for each unranked mention.
    pub mention: f64,
    /// How tied entries share points (default: the mean of the positions they occupy).
    pub ties: TiePoints,
}

impl PointsTable {
    /// A table with no points past its end (longer lists are an error) and none for mentions.
    pub fn new(points: Vec<f64>) -> PointsTable {
        PointsTable {
            points,
            beyond: None,
            mention: 0.0,
            ties: TiePoints::Average,
        }
    }

    /// Metacritic's published rule for its critics' top-ten lists: a #1 is worth 3 points, a #2
    /// 2 points, each of #3 to #10 1 point, and an unranked mention 1 point; entries ranked 11th
    /// or lower score nothing. Tied entries each get the full points of the rank they share (two
    /// films tied at #1 get 3 points each, not 2.5).
    pub fn metacritic() -> PointsTable {
        let mut points = vec![3.0, 2.0];
        points.extend(std::iter::repeat_n(1.0, 8));
        PointsTable {
            points,
            beyond: Some(0.0),
            mention: 1.0,
            ties: TiePoints::Shared,
        }
    }

    /// Tiers in the style of albumoftheyear.org's list aggregation: the points fall by bands of
    /// positions rather than one per position. `tiers` are `(last position of the band,
    /// points)` in increasing position order; positions past the last band and mentions get
    /// `rest`.
    pub fn tiers(tiers: &[(u32, f64)], rest: f64) -> Result<PointsTable, RankError> {
        let mut points = Vec::new();
        let mut last = 0u32;
        for &(upto, pts) in tiers {
            if upto <= last || !pts.is_finite() {
                return Err(RankError::InvalidParameter {
                    name: "tiers".into(),
                    message: format!(
                        "band ending at {upto} must come after {last} and have finite points"
                    ),
                });
            }
            points.extend(std::iter::repeat_n(pts, (upto - last) as usize));
            last = upto;
        }
        Ok(PointsTable {
            points,
            beyond: Some(rest),
            mention: rest,
            ties: TiePoints::Average,
        })
    }

    /// The default tiers: #1 10 points, #2–5 8, #6–10 6, #11–25 4, #26–50 2, anything else
    /// (ranked further down or mentioned) 1.
    pub fn default_tiers() -> PointsTable {
        PointsTable::tiers(&[(1, 10.0), (5, 8.0), (10, 6.0), (25, 4.0), (50, 2.0)], 1.0)
            .unwrap_or_else(|_| PointsTable::metacritic())
    }

    /// Parses `10,8,6,5` (a table), optionally followed by `;beyond=1`, `;mention=1` and
    /// `;ties=shared` (or `;ties=average`, the default).
    pub fn parse(spec: &str) -> Result<PointsTable, RankError> {
        let bad = |message: String| RankError::InvalidParameter {
            name: "points".into(),
            message,
        };
        let mut parts = spec.split(';');
        let table = parts.next().unwrap_or("");
        let mut points = Vec::new();
        for p in table.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let v: f64 = p
                .parse()
                .map_err(|_| bad(format!("`{p}` is not a number")))?;
            if !v.is_finite() {
                return Err(bad(format!("`{p}` is not a finite number")));
            }
            points.push(v);
        }
        if points.is_empty() {
            return Err(bad(format!(
                "`{spec}` has no points; write e.g. `10,8,6,5,4,3,2,1`"
            )));
        }
        let mut out = PointsTable::new(points);
        for opt in parts {
            let (key, value) = opt.split_once('=').ok_or_else(|| {
                bad(format!(
                    "`{opt}` should be `beyond=N`, `mention=N` or `ties=shared|average`"
                ))
            })?;
            if key.trim() == "ties" {
                out.ties = match value.trim() {
                    "shared" => TiePoints::Shared,
                    "average" => TiePoints::Average,
                    other => return Err(bad(format!("`{other}` is not `shared` or `average`"))),
                };
                continue;
            }
            let v: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| bad(format!("`{value}` is not a number")))?;
            match key.trim() {
                "beyond" => out.beyond = Some(v),
                "mention" => out.mention = v,
                other => return Err(bad(format!("unknown option `{other}`"))),
            }
        }
        Ok(out)
    }

    fn at(&self, position: u32) -> Option<f64> {
        let idx = position.checked_sub(1)? as usize;
        self.points.get(idx).copied().or(self.beyond)
    }
}

/// Points from a [`PointsTable`] (custom, Metacritic-style or tiers).
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// The table.
    pub table: PointsTable,
    /// The name reported (`points`, `metacritic`, `tiers`).
    pub name: &'static str,
}

impl Points {
    /// A custom table.
    pub fn new(table: PointsTable) -> Points {
        Points {
            table,
            name: "points",
        }
    }
    /// Metacritic-style 3/2/1 (see [`PointsTable::metacritic`]).
    pub fn metacritic() -> Points {
        Points {
            table: PointsTable::metacritic(),
            name: "metacritic",
        }
    }
    /// The default tiers (see [`PointsTable::default_tiers`]).
    pub fn tiers() -> Points {
        Points {
            table: PointsTable::default_tiers(),
            name: "tiers",
        }
    }
}

impl PointsRule for Points {
    fn check(&self, ballot: &Ballot) -> Result<(), RankError> {
        let last = ballot.mention_position().saturating_sub(1) as usize;
        if self.table.beyond.is_none() && last > self.table.points.len() {
            return Err(RankError::PointsTableTooShort {
                table_len: self.table.points.len(),
                list: ballot.label().to_string(),
                list_len: ballot.ranked().len(),
            });
        }
        Ok(())
    }

    fn points(&self, _: &Profile, ballot: &Ballot, slot: Slot) -> Result<f64, RankError> {
        match slot {
            Slot::Ranked { position, .. } if self.table.ties == TiePoints::Shared => self
                .table
                .at(position)
                .ok_or_else(|| RankError::PointsTableTooShort {
                    table_len: self.table.points.len(),
                    list: ballot.label().to_string(),
                    list_len: ballot.ranked().len(),
                }),
            Slot::Ranked {
                position, tie_size, ..
            } => {
                let mut sum = 0.0;
                for q in position..position.saturating_add(tie_size.max(1)) {
                    sum += self
                        .table
                        .at(q)
                        .ok_or_else(|| RankError::PointsTableTooShort {
                            table_len: self.table.points.len(),
                            list: ballot.label().to_string(),
                            list_len: ballot.ranked().len(),
                        })?;
                }
                Ok(sum / f64::from(tie_size.max(1)))
            }
            Slot::Mention { .. } => Ok(self.table.mention),
            Slot::Unlisted => Ok(0.0),
        }
    }
}

/// Reciprocal rank fusion (Cormack, Clarke and Büttcher 2009): a list gives `1 / (k + p)` to
/// the item at position `p`.
///
/// Tied entries share their competition position (so they get equal points; ranx instead gives
/// tied items consecutive positions in arbitrary order). Mentions get the position right after
/// the ranked entries. **Unlisted items get nothing.** `k` (default 60) damps the advantage of
/// the very top positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rrf {
    /// The damping constant.
    pub k: f64,
}

impl Default for Rrf {
    fn default() -> Rrf {
        Rrf { k: 60.0 }
    }
}

impl PointsRule for Rrf {
    fn points(&self, _: &Profile, _: &Ballot, slot: Slot) -> Result<f64, RankError> {
        Ok(match slot {
            Slot::Ranked { position, .. } | Slot::Mention { position, .. } => {
                1.0 / (self.k + f64::from(position))
            }
            Slot::Unlisted => 0.0,
        })
    }
}

/// How CombSUM/CombMNZ turn a list's positions into scores in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Normalization {
    /// Min-max over the list's tiers: with `T` tiers (ties and the mention tier each count once)
    /// the tier with 0-based index `t` scores `(T - 1 - t) / (T - 1)`, the best 1 and the worst 0;
    /// a list with one tier gives it 1.
    #[default]
    MinMax,
    /// Rank normalisation: position `p` of a list naming `L` items scores `1 - (p - 1) / L`
    /// (`L` the last position the list occupies, for a page starting past #1).
    Rank,
    /// Borda normalisation (Renda and Straccia 2003, FLAGR's default): the [`Borda`] points
    /// divided by the number of items `m`, so unlisted items get `(m - k + 1) / (2m)`, not 0.
    /// CombSUM with it ranks exactly as Borda.
    Borda,
}

impl Normalization {
    fn as_str(self) -> &'static str {
        match self {
            Normalization::MinMax => "minmax",
            Normalization::Rank => "rank",
            Normalization::Borda => "borda",
        }
    }

    /// Parses `minmax` or `rank`.
    pub fn parse(s: &str) -> Result<Normalization, RankError> {
        match s {
            "minmax" | "min-max" => Ok(Normalization::MinMax),
            "rank" => Ok(Normalization::Rank),
            "borda" => Ok(Normalization::Borda),
            other => Err(RankError::InvalidParameter {
                name: "norm".into(),
                message: format!("`{other}` is not `minmax`, `rank` or `borda`"),
            }),
        }
    }
}

/// Tier index (0-based) of a slot and the number of tiers of its ballot.
fn tier_index(ballot: &Ballot, slot: Slot) -> (u32, u32) {
    let ranked_tiers = ballot.ranked_tiers();
    let tiers = ranked_tiers + u32::from(!ballot.mentions().is_empty());
    let idx = match slot {
        Slot::Ranked { tier, .. } => tier,
        Slot::Mention { .. } | Slot::Unlisted => ranked_tiers,
    };
    (idx, tiers)
}

/// CombSUM (Fox and Shaw 1994): the sum of each list's normalised score. **Unlisted items get
/// 0** from that list under min-max and rank normalisation (as in ranx), and the Borda share
/// under [`Normalization::Borda`] (as in FLAGR). With `mnz`, CombMNZ: the sum times the number
/// of lists naming the item.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CombSum {
    /// How positions become scores.
    pub norm: Normalization,
    /// CombMNZ instead of CombSUM.
    pub mnz: bool,
}

impl PointsRule for CombSum {
    fn points(&self, profile: &Profile, ballot: &Ballot, slot: Slot) -> Result<f64, RankError> {
        if self.norm == Normalization::Borda {
            let m = profile.item_count().max(1) as f64;
            return Ok(Borda.points(profile, ballot, slot)? / m);
        }
        if slot == Slot::Unlisted {
            return Ok(0.0);
        }
        Ok(match self.norm {
            Normalization::MinMax => {
                let (t, tiers) = tier_index(ballot, slot);
                if tiers <= 1 {
                    1.0
                } else {
                    f64::from(tiers - 1 - t) / f64::from(tiers - 1)
                }
            }
            Normalization::Rank | Normalization::Borda => {
                // The last position the list occupies: its size, or more for a page that
                // starts past #1 (so its scores stay in 0..=1).
                let last = ballot
                    .mention_position()
                    .saturating_sub(1)
                    .saturating_add(as_u32(ballot.mentions().len()));
                let l = last.max(as_u32(ballot.named_count())).max(1) as f64;
                let p = match slot {
                    Slot::Ranked { position, .. } | Slot::Mention { position, .. } => position,
                    Slot::Unlisted => 0,
                };
                1.0 - (f64::from(p) - 1.0) / l
            }
        })
    }
}

/// Which rank an unlisted item gets in mean/median rank.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Penalty {
    /// One past the end of the list: `len + 1`, with `len` the declared length or the number of
    /// named items, whichever is larger.
    #[default]
    ListLength,
    /// A fixed rank for every list.
    Fixed(f64),
}

impl Penalty {
    fn rank(self, ballot: &Ballot) -> f64 {
        match self {
            Penalty::ListLength => f64::from(ballot.len().max(as_u32(ballot.named_count()))) + 1.0,
            Penalty::Fixed(r) => r,
        }
    }

    fn describe(self) -> String {
        match self {
            Penalty::ListLength => "list-length+1".into(),
            Penalty::Fixed(r) => format!("{r}"),
        }
    }

    /// Parses `length` or a number.
    pub fn parse(s: &str) -> Result<Penalty, RankError> {
        if s == "length" || s == "list-length" {
            return Ok(Penalty::ListLength);
        }
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 1.0)
            .map(Penalty::Fixed)
            .ok_or_else(|| RankError::InvalidParameter {
                name: "penalty".into(),
                message: format!("`{s}` is not `length` or a rank of at least 1"),
            })
    }
}

/// The rank a ballot gives an item: its tie-averaged position, the mention tier's mean
/// position, or the penalty.
fn rank_in(ballot: &Ballot, slot: Slot, penalty: Penalty) -> f64 {
    match slot {
        Slot::Ranked {
            position, tie_size, ..
        } => mean_over(position, tie_size, f64::from),
        Slot::Mention { position, count } => mean_over(position, count, f64::from),
        Slot::Unlisted => penalty.rank(ballot),
    }
}

/// Mean rank (lower is better): the weighted mean over **all** lists of the item's position,
/// where tied entries take the mean of the positions they occupy, mentions the mean position of
/// the mention tier, and **an unlisted item the penalty rank** (by default one past the list's
/// length).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MeanRank {
    /// The rank of unlisted items.
    pub penalty: Penalty,
}

struct MeanRankRule(Penalty);

impl PointsRule for MeanRankRule {
    fn points(&self, _: &Profile, ballot: &Ballot, slot: Slot) -> Result<f64, RankError> {
        Ok(rank_in(ballot, slot, self.0))
    }
}

/// Median rank (lower is better): the weighted median over all lists of the rank defined as in
/// [`MeanRank`] (unlisted items get the penalty rank). The weighted median is the smallest rank
/// at which the cumulative weight reaches half the total.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MedianRank {
    /// The rank of unlisted items.
    pub penalty: Penalty,
}

/// Share of lists (higher is better): the weighted share of lists that name the item (ranked or
/// mentioned); **unlisted counts as not named**. Equal shares are broken by the weight of the
/// lists ranking the item #1, and only items equal on both tie.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShareOfLists;

macro_rules! points_method {
    ($ty:ty, $name:expr, $rule:expr, $params:expr, $dir:expr) => {
        impl Method for $ty {
            fn name(&self) -> &'static str {
                #[allow(clippy::redundant_closure_call)]
                ($name)(self)
            }
            fn parameters(&self) -> Vec<(String, String)> {
                #[allow(clippy::redundant_closure_call)]
                ($params)(self)
            }
            fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
                #[allow(clippy::redundant_closure_call)]
                let rule = ($rule)(self);
                let mut scores = sum_points(profile, &rule)?;
                #[allow(clippy::redundant_closure_call)]
                let (direction, per_weight, mnz) = ($dir)(self);
                if per_weight {
                    let total = profile.total_weight();
                    for s in &mut scores {
                        *s /= total;
                    }
                }
                if mnz {
                    let counts = named_weights(profile);
                    for (s, c) in scores.iter_mut().zip(counts) {
                        *s *= c;
                    }
                }
                Ok(Outcome::Scores { scores, direction })
            }
            fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
                #[allow(clippy::redundant_closure_call)]
                let rule = ($rule)(self);
                let e = explain_points(profile, self.name(), item, &rule)?;
                #[allow(clippy::redundant_closure_call)]
                let (_, per_weight, mnz) = ($dir)(self);
                Ok(finish_explanation(profile, item, e, per_weight, mnz))
            }
            fn linear_scores(&self, profile: &Profile) -> Result<Option<LinearScores>, RankError> {
                #[allow(clippy::redundant_closure_call)]
                let rule = ($rule)(self);
                #[allow(clippy::redundant_closure_call)]
                let (direction, per_weight, mnz) = ($dir)(self);
                linear_points(profile, &rule, direction, per_weight, mnz).map(Some)
            }
        }
    };
}

fn no_params<T>(_: &T) -> Vec<(String, String)> {
    vec![("unlisted".into(), "share the remaining points".into())]
}

points_method!(
    Borda,
    |_: &Borda| "borda",
    |b: &Borda| *b,
    no_params,
    |_: &Borda| (Direction::HigherIsBetter, false, false)
);
points_method!(
    Points,
    |p: &Points| p.name,
    |p: &Points| p.clone(),
    |p: &Points| vec![
        (
            "table".into(),
            p.table
                .points
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
        (
            "beyond".into(),
            p.table.beyond.map_or("error".into(), |b| b.to_string())
        ),
        ("mention".into(), p.table.mention.to_string()),
        ("unlisted".into(), "0".into()),
    ]
    .into_iter()
    .chain((p.table.ties == TiePoints::Shared).then(|| ("ties".into(), "shared".into())))
    .collect(),
    |_: &Points| (Direction::HigherIsBetter, false, false)
);
points_method!(
    Rrf,
    |_: &Rrf| "rrf",
    |r: &Rrf| *r,
    |r: &Rrf| vec![
        ("k".into(), r.k.to_string()),
        ("unlisted".into(), "0".into())
    ],
    |_: &Rrf| (Direction::HigherIsBetter, false, false)
);
points_method!(
    CombSum,
    |c: &CombSum| if c.mnz { "combmnz" } else { "combsum" },
    |c: &CombSum| *c,
    |c: &CombSum| vec![
        ("norm".into(), c.norm.as_str().into()),
        ("unlisted".into(), "0".into())
    ],
    |c: &CombSum| (Direction::HigherIsBetter, false, c.mnz)
);
points_method!(
    MeanRank,
    |_: &MeanRank| "mean-rank",
    |m: &MeanRank| MeanRankRule(m.penalty),
    |m: &MeanRank| vec![("penalty".into(), m.penalty.describe())],
    |_: &MeanRank| (Direction::LowerIsBetter, true, false)
);

/// Per item, the total weight of the lists that name it (ranked or mentioned): CombMNZ's
/// multiplier, so a list of weight 0 adds nothing and a list of weight 2 counts twice.
fn named_weights(profile: &Profile) -> Vec<f64> {
    let mut counts = vec![0.0; profile.item_count()];
    for b in profile.ballots() {
        for (item, _, _) in b.tiers() {
            if let Some(c) = counts.get_mut(item.index()) {
                *c += b.weight();
            }
        }
    }
    counts
}

/// Turns per-list weighted points into lines that produce the score: ranks for mean rank
/// (whose score is their weighted mean), points times the multiplier for CombMNZ, plain points
/// otherwise.
fn finish_explanation(
    profile: &Profile,
    item: ItemId,
    mut e: Explanation,
    per_weight: bool,
    mnz: bool,
) -> Explanation {
    if per_weight {
        for l in &mut e.lists {
            if let Contribution::Points { points } = l.contribution {
                let rank = if l.weight > 0.0 {
                    points / l.weight
                } else {
                    points
                };
                l.contribution = Contribution::Rank { rank };
            }
        }
        let mut rank_sum = 0.0;
        for (l, b) in e.lists.iter().zip(profile.ballots()) {
            if let Contribution::Rank { rank } = l.contribution {
                rank_sum += rank * b.weight();
            }
        }
        let score = rank_sum / profile.total_weight();
        return e.with_score(
            score,
            "score = weighted mean of the ranks below (sum of weight x rank / sum of weights); \
             a list that does not name the item counts its penalty rank",
        );
    }
    if mnz {
        let m = named_weights(profile)
            .get(item.index())
            .copied()
            .unwrap_or(0.0);
        for l in &mut e.lists {
            if let Contribution::Points { points } = &mut l.contribution {
                *points *= m;
            }
        }
        let score = e.total();
        return e.with_score(
            score,
            format!(
                "score = (sum of the normalised points) x {m}, the weight of the lists naming \
                 the item; each line shows its points x {m}"
            ),
        );
    }
    let score = e.total();
    e.with_score(score, "score = sum of the lists' weighted points")
}

/// Median ranks without a sort per item, when every list weighs 1 and every rank and penalty
/// is a half-integer below [`MEDIAN_MAX_DOUBLED`] / 2 (then every sum is a whole number and
/// exact, so the order of additions cannot change which rank crosses half the weight, and the
/// result is the general path's). Each named entry becomes one `u32` (doubled rank, doubled
/// penalty of its list), grouped by item with a counting sort per thread; each item then counts its own
/// entries into a small histogram over the shared one of penalties and walks it upward.
/// `None` (the general path) otherwise.
fn median_by_counts(profile: &Profile, penalty: Penalty) -> Option<Vec<f64>> {
    use rayon::prelude::*;
    let n = profile.item_count();
    let ballots = profile.ballots();
    // Each thread groups the entries of its share of the lists by item; an item then reads its
    // entries from every share (their order does not matter: they are only counted).
    let per_thread = ballots
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let shares = ballots
        .par_chunks(per_thread)
        .map(|chunk| median_entries(chunk, penalty, n))
        .collect::<Option<Vec<MedianEntries>>>()?;
    let width = shares.iter().map(|s| s.width).max()?;
    let mut hist = vec![0i64; width];
    for &pen in shares.iter().flat_map(|s| &s.pens) {
        *hist.get_mut(pen as usize)? += 1;
    }
    let half = profile.total_weight() / 2.0;
    let target = half - 1e-12 * half.max(1.0);
    let scores = (0..n)
        .into_par_iter()
        .map_init(
            || vec![0i64; width],
            |own, item| {
                for share in &shares {
                    let mine = share
                        .entries
                        .get(share.start[item]..share.start[item + 1])
                        .unwrap_or(&[]);
                    for &e in mine {
                        own[(e >> 16) as usize] += 1;
                        own[(e & 0xFFFF) as usize] -= 1;
                    }
                }
                let mut acc = 0i64;
                let mut median = None;
                let mut last = 0;
                for (v, (h, o)) in hist.iter().zip(own.iter_mut()).enumerate() {
                    let here = h + *o;
                    *o = 0;
                    if median.is_some() {
                        continue;
                    }
                    if here != 0 {
                        last = v;
                        acc += here;
                        if acc as f64 >= target {
                            median = Some(v);
                        }
                    }
                }
                median.unwrap_or(last) as f64 / 2.0
            },
        )
        .collect();
    Some(scores)
}

/// One share of the lists for [`median_by_counts`]: each list's doubled penalty, and its
/// entries (doubled rank << 16 | doubled penalty) grouped by item, item `i`'s at
/// `entries[start[i]..start[i + 1]]`; `width` is one past the largest doubled value.
struct MedianEntries {
    pens: Vec<u32>,
    start: Vec<usize>,
    entries: Vec<u32>,
    width: usize,
}

/// Groups the entries of `ballots` by item (a counting sort); `None` when a list's weight is
/// not 1 or a rank is not a small half-integer.
fn median_entries(ballots: &[Ballot], penalty: Penalty, n: usize) -> Option<MedianEntries> {
    let doubled = |r: f64| -> Option<u32> {
        let v = r * 2.0;
        (v >= 0.0 && v < MEDIAN_MAX_DOUBLED as f64 && v.fract() == 0.0).then_some(v as u32)
    };
    let mut pens: Vec<u32> = Vec::with_capacity(ballots.len());
    let mut width = 0usize;
    let mut start = vec![0usize; n + 1];
    for b in ballots {
        if b.weight() != 1.0 {
            return None;
        }
        let pen = doubled(penalty.rank(b))?;
        width = width.max(pen as usize + 1);
        for (item, _) in slots(b) {
            *start.get_mut(item.index() + 1)? += 1;
        }
        pens.push(pen);
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let total = *start.last()?;
    let mut fill = start.clone();
    let mut entries = vec![0u32; total];
    for (b, &pen) in ballots.iter().zip(&pens) {
        let mention = b.mentions().first().map(|_| {
            let slot = Slot::Mention {
                position: b.mention_position(),
                count: as_u32(b.mentions().len()),
            };
            doubled(rank_in(b, slot, penalty))
        });
        for (item, slot) in slots(b) {
            let v = match slot {
                Slot::Mention { .. } => mention.flatten()?,
                _ => doubled(rank_in(b, slot, penalty))?,
            };
            width = width.max(v as usize + 1);
            let at = fill.get_mut(item.index())?;
            *entries.get_mut(*at)? = v << 16 | pen;
            *at += 1;
        }
    }
    Some(MedianEntries {
        pens,
        start,
        entries,
        width,
    })
}

/// Median ranks in general: per item, the histogram of penalties with its own lists' taken
/// off and its named ranks added, sorted and walked to half the weight.
fn median_by_sorting(profile: &Profile, penalty: Penalty) -> Vec<f64> {
    let n = profile.item_count();
    // Penalty weights of every list, grouped by value: list lengths take few values, so an
    // item's median needs its own named ranks plus this small histogram minus its lists.
    let mut penalties: Vec<(f64, f64)> = Vec::new();
    let mut named: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new(); n];
    for b in profile.ballots() {
        let pen = penalty.rank(b);
        penalties.push((pen, b.weight()));
        for (item, slot) in slots(b) {
            if let Some(v) = named.get_mut(item.index()) {
                v.push((rank_in(b, slot, penalty), b.weight(), pen));
            }
        }
    }
    let mut hist: Vec<(f64, f64)> = Vec::new();
    penalties.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (r, w) in penalties {
        match hist.last_mut() {
            Some(last) if last.0 == r => last.1 += w,
            _ => hist.push((r, w)),
        }
    }
    let half = profile.total_weight() / 2.0;
    let mut scores = vec![0.0; n];
    for (item, own) in named.into_iter().enumerate() {
        let mut values: Vec<(f64, f64)> = hist.clone();
        for &(rank, w, pen) in &own {
            if let Some(h) = values.iter_mut().find(|h| h.0 == pen) {
                h.1 -= w;
            }
            values.push((rank, w));
        }
        values.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut acc = 0.0;
        let mut median = values.last().map_or(0.0, |v| v.0);
        for (r, w) in values {
            acc += w;
            if acc >= half - 1e-12 * half.max(1.0) {
                median = r;
                break;
            }
        }
        if let Some(s) = scores.get_mut(item) {
            *s = median;
        }
    }
    scores
}

/// Doubled ranks the counting median handles (a list of up to about 32,000 entries).
const MEDIAN_MAX_DOUBLED: usize = 1 << 16;

impl Method for MedianRank {
    fn name(&self) -> &'static str {
        "median-rank"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![("penalty".into(), self.penalty.describe())]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let scores = median_by_counts(profile, self.penalty)
            .unwrap_or_else(|| median_by_sorting(profile, self.penalty));
        Ok(Outcome::Scores {
            scores,
            direction: Direction::LowerIsBetter,
        })
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let rule = MeanRankRule(self.penalty);
        let e = Explanation::per_list(profile, self.name(), item, |i, _| {
            profile
                .ballots()
                .get(i)
                .and_then(|b| rule.points(profile, b, slot_of(b, item)).ok())
                .map_or(Contribution::None, |rank| Contribution::Rank { rank })
        })?;
        let score = match self.outcome(profile)? {
            Outcome::Scores { scores, .. } | Outcome::Tiers { scores, .. } => {
                scores.get(item.index()).copied().unwrap_or(f64::NAN)
            }
        };
        Ok(e.with_score(
            score,
            "score = weighted median of the ranks below: the smallest rank at which the \
             weights of the lists reach half the total",
        ))
    }
}

impl Method for ShareOfLists {
    fn name(&self) -> &'static str {
        "share"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![("tie-break".into(), "#1 count".into())]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let n = profile.item_count();
        let total = profile.total_weight();
        let mut share = vec![0.0; n];
        let mut firsts = vec![0.0f64; n];
        for b in profile.ballots() {
            for (item, _, _) in b.tiers() {
                if let Some(s) = share.get_mut(item.index()) {
                    *s += b.weight() / total;
                }
            }
            for e in b.ranked().iter().filter(|e| e.position == 1) {
                if let Some(f) = firsts.get_mut(e.item.index()) {
                    *f += b.weight();
                }
            }
        }
        let mut ids: Vec<ItemId> = profile.items().collect();
        let key = |i: ItemId| (share[i.index()], firsts[i.index()]);
        let tie = crate::consensus::scores_tie;
        // Group equal shares (within the tie tolerance, not chaining), then order each group by
        // the weighted #1 count and split it where that differs.
        ids.sort_by(|&a, &b| {
            share[b.index()]
                .total_cmp(&share[a.index()])
                .then(a.cmp(&b))
        });
        let mut groups: Vec<Vec<ItemId>> = Vec::new();
        let mut anchor: Option<f64> = None;
        for id in ids {
            let k = share[id.index()];
            match (anchor, groups.last_mut()) {
                (Some(p), Some(g)) if tie(p, k) => g.push(id),
                _ => {
                    groups.push(vec![id]);
                    anchor = Some(k);
                }
            }
        }
        let mut tiers: Vec<Vec<ItemId>> = Vec::new();
        for mut group in groups {
            group.sort_by(|&a, &b| key(b).1.total_cmp(&key(a).1).then(a.cmp(&b)));
            let mut first: Option<f64> = None;
            for id in group {
                let f = key(id).1;
                match (first, tiers.last_mut()) {
                    (Some(p), Some(t)) if tie(p, f) => t.push(id),
                    _ => {
                        tiers.push(vec![id]);
                        first = Some(f);
                    }
                }
            }
        }
        Ok(Outcome::Tiers {
            tiers,
            scores: share,
        })
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let total = profile.total_weight();
        let e = Explanation::per_list(profile, self.name(), item, |i, placement| {
            let w = profile.ballots().get(i).map_or(0.0, Ballot::weight);
            Contribution::Points {
                points: if placement == Placement::Unlisted {
                    0.0
                } else {
                    w / total
                },
            }
        })?;
        let score = e.total();
        Ok(e.with_score(
            score,
            "score = sum of the weight shares of the lists naming the item; equal shares are \
             ordered by the weight of the lists ranking it #1",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_csv;

    #[test]
    fn counting_median_agrees_with_sorting() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut checked = 0;
        for case in 0..60 {
            let items = rng.gen_range(2..40u32);
            let mut csv = String::new();
            for l in 0..rng.gen_range(1..30) {
                let k = rng.gen_range(1..=items.min(12));
                let start = if case % 5 == 0 { 11 } else { 1 };
                let mut rank = start;
                let mut used = Vec::new();
                while used.len() < k as usize {
                    let it = rng.gen_range(0..items);
                    if used.contains(&it) {
                        continue;
                    }
                    used.push(it);
                    let printed = if rng.gen_bool(0.15) {
                        String::new()
                    } else {
                        if rng.gen_bool(0.7) {
                            rank += 1;
                        }
                        rank.to_string()
                    };
                    csv.push_str(&format!("l{l},{printed},i{it}\n"));
                }
            }
            let p = profile(&csv);
            for penalty in [
                Penalty::ListLength,
                Penalty::Fixed(7.0),
                Penalty::Fixed(30.5),
            ] {
                let fast = median_by_counts(&p, penalty).expect("half-integer ranks, weight 1");
                assert_eq!(fast, median_by_sorting(&p, penalty), "{csv}");
                checked += 1;
            }
            // Weights other than 1, or a penalty that is not a half-integer: the general path.
            assert!(median_by_counts(&p, Penalty::Fixed(7.3)).is_none());
        }
        assert_eq!(checked, 180);
    }

    fn profile(csv: &str) -> Profile {
        read_csv(format!("list_id,rank,item\n{csv}").as_bytes()).unwrap()
    }

    fn scores(m: &(impl Method + ?Sized), p: &Profile) -> Vec<f64> {
        match m.outcome(p).unwrap() {
            Outcome::Scores { scores, .. } | Outcome::Tiers { scores, .. } => scores,
        }
    }

    #[test]
    fn borda_unlisted_items_share_the_remaining_points() {
        // 4 items; list a names x,y: x 4, y 3, z and w share 2+1 → 1.5 each.
        let p = profile("a,1,x\na,2,y\nb,1,z\nb,2,w\n");
        let s = scores(&Borda, &p);
        assert_eq!(s, vec![4.0 + 1.5, 3.0 + 1.5, 1.5 + 4.0, 1.5 + 3.0]);
    }

    /// Page 1 of a "top 30" printed from 30 down to 11, beside a top 10 of other films: the
    /// page's best entry is #11, by printed rank and declared size, never a #1.
    fn page_of_a_top_30() -> Profile {
        let labels: Vec<String> = (0..30).map(|i| format!("film {i}")).collect();
        // Items 0..20 are the page (#30 down to #11, as printed); items 20..30 the top 10.
        let page: Vec<(ItemId, u32)> = (0..20u32).map(|i| (ItemId(i), 30 - i)).collect();
        let top10: Vec<(ItemId, u32)> = (20..30u32).map(|i| (ItemId(i), i - 19)).collect();
        let ballots = vec![
            Ballot::new("page 1 of 30", page, vec![]).with_declared_len(Some(30)),
            Ballot::new("top 10", top10, vec![]),
        ];
        Profile::new(labels, ballots).unwrap()
    }

    #[test]
    fn a_page_printed_30_to_11_is_scored_by_its_printed_ranks() {
        let p = page_of_a_top_30();
        let page = &p.ballots()[0];
        assert_eq!(page.ranked()[0].printed_rank, 11);
        assert_eq!(page.ranked()[0].position, 11);
        assert_eq!(page.len(), 30);
        // #11 of the page (item 19) against #1 of the top 10 (item 20).
        let (page_best, top) = (19, 20);
        let borda = scores(&Borda, &p);
        // m = 30: #11 is worth 20 points, #1 30.
        assert_eq!(borda[page_best], 20.0 + 10.5);
        // The page leaves #1 to #10 free: the top 10's films share their 255 points.
        assert_eq!(borda[top], 30.0 + 25.5);
        let metacritic = scores(&Points::metacritic(), &p);
        assert_eq!(metacritic[page_best], 0.0, "ranks 11+ score nothing");
        assert_eq!(metacritic[top], 3.0);
        let mean = scores(&MeanRank::default(), &p);
        // #11 on the page, and one past the top 10 (11) on the other list.
        assert_eq!(mean[page_best], (11.0 + 11.0) / 2.0);
        // Unlisted on the page: one past its declared 30.
        assert_eq!(mean[top], (31.0 + 1.0) / 2.0);
        let consensus = ShareOfLists.aggregate(&p).unwrap();
        let firsts = |label: &str| {
            consensus
                .rows
                .iter()
                .find(|r| r.label == label)
                .map(|r| r.first_places)
        };
        assert_eq!(firsts("film 19"), Some(0), "a page's first entry is no #1");
        assert_eq!(firsts("film 20"), Some(1));
        assert_eq!(consensus.rows[0].label, "film 20");
    }

    #[test]
    fn borda_ties_share_the_points_of_their_positions() {
        let p = profile("a,1,x\na,2,y\na,2,z\n");
        assert_eq!(scores(&Borda, &p), vec![3.0, 1.5, 1.5]);
    }

    #[test]
    fn points_table_shorter_than_a_list_is_an_error() {
        let p = profile("a,1,x\na,2,y\na,3,z\n");
        let err = Points::new(PointsTable::parse("3,2").unwrap())
            .aggregate(&p)
            .unwrap_err();
        assert!(matches!(
            err,
            RankError::PointsTableTooShort {
                table_len: 2,
                list_len: 3,
                ..
            }
        ));
    }

    #[test]
    fn metacritic_gives_three_two_one_and_one_per_mention() {
        let p = profile("a,1,x\na,2,y\na,3,z\na,,w\n");
        assert_eq!(scores(&Points::metacritic(), &p), vec![3.0, 2.0, 1.0, 1.0]);
    }

    #[test]
    fn weights_scale_contributions() {
        let p = profile("a,1,x\nb,1,y\n")
            .with_weights(&[("a".to_string(), 3.0)].into_iter().collect())
            .unwrap();
        let c = Rrf::default().aggregate(&p).unwrap();
        assert_eq!(c.rows[0].label, "x");
        assert!((c.rows[0].score - 3.0 / 61.0).abs() < 1e-12);
    }

    #[test]
    fn mean_and_median_rank_use_the_penalty() {
        let p = profile("a,1,x\na,2,y\nb,1,y\nc,1,y\nc,2,x\n");
        // x: 1, penalty 2 (b has length 1 → 2), 2 → mean 5/3.
        let s = scores(&MeanRank::default(), &p);
        assert!((s[0] - 5.0 / 3.0).abs() < 1e-12);
        assert_eq!(scores(&MedianRank::default(), &p), vec![2.0, 1.0]);
    }

    #[test]
    fn share_of_lists_breaks_ties_by_first_places() {
        let p = profile("a,1,x\na,2,y\nb,1,x\nb,2,y\nc,1,y\nc,2,x\n");
        let c = ShareOfLists.aggregate(&p).unwrap();
        assert_eq!(c.rows[0].label, "x");
        assert_eq!((c.rows[0].rank, c.rows[1].rank), (1, 2));
    }

    #[test]
    fn combmnz_multiplies_by_the_number_of_lists() {
        let p = profile("a,1,x\na,2,y\nb,1,y\n");
        let s = scores(
            &CombSum {
                norm: Normalization::MinMax,
                mnz: true,
            },
            &p,
        );
        assert_eq!(s, vec![1.0, 2.0]);
    }

    #[test]
    fn metacritic_follows_its_published_rule() {
        // A tie at #1 gives each tied item the full 3; #3..#10 get 1, #11 and below nothing.
        let mut csv = String::from("a,1,x\na,1,y\n");
        for r in 3..=12 {
            csv.push_str(&format!("a,{r},i{r}\n"));
        }
        csv.push_str("a,,m\n");
        let p = profile(&csv);
        let s = scores(&Points::metacritic(), &p);
        let by = |label: &str| s[p.item(label).unwrap().index()];
        assert_eq!((by("x"), by("y")), (3.0, 3.0));
        assert_eq!((by("i3"), by("i10")), (1.0, 1.0));
        assert_eq!((by("i11"), by("i12")), (0.0, 0.0));
        assert_eq!(by("m"), 1.0);
        // A tie at #2 shares rank 2's points in full too.
        let p = profile("a,1,x\na,2,y\na,2,z\n");
        assert_eq!(scores(&Points::metacritic(), &p), vec![3.0, 2.0, 2.0]);
        let t = PointsTable::parse("3,2,1;ties=shared").unwrap();
        assert_eq!(t.ties, TiePoints::Shared);
    }

    #[test]
    fn combmnz_multiplies_by_the_weight_of_the_lists_naming_the_item() {
        // A list of weight 0 must change nothing.
        let base = profile("a,1,x\na,2,y\nb,1,y\nb,2,x\n");
        let with_zero = profile("a,1,x\na,2,y\nb,1,y\nb,2,x\nc,1,y\n")
            .with_weights(&[("c".to_string(), 0.0)].into_iter().collect())
            .unwrap();
        let mnz = CombSum {
            norm: Normalization::MinMax,
            mnz: true,
        };
        assert_eq!(scores(&mnz, &base), scores(&mnz, &with_zero));
        let heavy = profile("a,1,x\na,2,y\nb,1,y\n")
            .with_weights(&[("b".to_string(), 3.0)].into_iter().collect())
            .unwrap();
        // y: (0 + 3·1) × (1 + 3) = 12; x: 1 × 1.
        assert_eq!(scores(&mnz, &heavy), vec![1.0, 12.0]);
    }

    #[test]
    fn share_breaks_ties_by_the_weight_of_first_places() {
        // x and y are named by both lists; a (weight 2) ranks y first, b (weight 1) ranks x.
        let p = profile("a,1,y\na,2,x\nb,1,x\nb,2,y\n")
            .with_weights(&[("a".to_string(), 2.0)].into_iter().collect())
            .unwrap();
        let c = ShareOfLists.aggregate(&p).unwrap();
        assert_eq!(c.rows[0].label, "y");
        assert_eq!((c.rows[0].rank, c.rows[1].rank), (1, 2));
    }

    #[test]
    fn every_positional_explanation_produces_the_score() {
        let p = profile("a,1,x\na,2,y\na,2,w\nb,1,z\nb,,x\nc,3,x\nc,1,w\n")
            .with_weights(&[("c".to_string(), 2.5)].into_iter().collect())
            .unwrap();
        let methods: Vec<Box<dyn Method>> = vec![
            Box::new(Borda),
            Box::new(Points::metacritic()),
            Box::new(Points::tiers()),
            Box::new(Rrf::default()),
            Box::new(CombSum {
                norm: Normalization::MinMax,
                mnz: false,
            }),
            Box::new(CombSum {
                norm: Normalization::MinMax,
                mnz: true,
            }),
            Box::new(CombSum {
                norm: Normalization::Rank,
                mnz: true,
            }),
            Box::new(MeanRank::default()),
            Box::new(MedianRank::default()),
            Box::new(ShareOfLists),
        ];
        for m in methods {
            let c = m.aggregate(&p).unwrap();
            for row in &c.rows {
                let e = m.explain(&p, row.item).unwrap();
                let score = e.score.unwrap();
                assert!(
                    (score - row.score).abs() < 1e-9,
                    "{} {}",
                    m.name(),
                    row.label
                );
                if m.name() != "median-rank" {
                    assert!(
                        (e.total() - row.score).abs() < 1e-9,
                        "{} {}",
                        m.name(),
                        row.label
                    );
                }
            }
        }
    }

    #[test]
    fn linear_scores_reproduce_the_scores() {
        let p = profile("a,1,x\na,2,y\na,2,w\nb,1,z\nb,,x\nc,3,x\nc,1,w\n")
            .with_weights(&[("c".to_string(), 2.5)].into_iter().collect())
            .unwrap();
        let weights: Vec<f64> = p.ballots().iter().map(Ballot::weight).collect();
        let methods: Vec<Box<dyn Method>> = vec![
            Box::new(Borda),
            Box::new(Points::metacritic()),
            Box::new(Rrf::default()),
            Box::new(CombSum {
                norm: Normalization::Rank,
                mnz: true,
            }),
            Box::new(CombSum {
                norm: Normalization::Borda,
                mnz: false,
            }),
            Box::new(MeanRank::default()),
        ];
        for m in methods {
            let linear = m.linear_scores(&p).unwrap().unwrap();
            let got = linear.scores(&weights, p.item_count());
            let want = scores(&*m, &p);
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-12, "{}: {got:?} vs {want:?}", m.name());
            }
        }
    }

    #[test]
    fn explanation_points_add_up_to_the_score() {
        let p = profile("a,1,x\na,2,y\nb,1,z\nb,,x\n");
        let c = Borda.aggregate(&p).unwrap();
        for row in &c.rows {
            let e = Borda.explain(&p, row.item).unwrap();
            assert!((e.total() - row.score).abs() < 1e-9);
        }
    }
}
