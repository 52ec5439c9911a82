//! Kemeny–Young: the ranking that disagrees least with the lists.
//!
//! The cost of an order is its weighted Kendall distance to the profile: for every pair it puts
//! `a` before `b`, the weight of the lists that prefer `b` to `a` ([`PairwiseMatrix::prefer`],
//! so unlisted items follow the matrix's [`Unlisted`] policy and mentions are a tier below the
//! ranked entries). [`KemenyExact`] minimises it exactly; [`KemenyHeuristic`] searches locally
//! for large pools and reports how far its answer can be from optimal.
//!
//! # Exact search
//!
//! Items are first split into the strongly connected components of the "beats or ties" majority
//! graph. Any two items of different components are separated by a strict majority in the
//! components' topological order, and every Kemeny ranking keeps that order (the extended
//! Condorcet property), so each component is solved on its own. Inside a component a
//! depth-first branch and bound places items left to right: the cost so far counts every pair
//! with a placed item, the bound adds `min(prefer(a,b), prefer(b,a))` over the remaining pairs, a
//! table of the cheapest cost seen per placed set prunes re-orderings of the same prefix (the
//! subset dynamic programme, explored lazily), and the heuristic's answer is the initial upper
//! bound. Components larger than `max_component` items, or whose search exceeds `node_budget`
//! nodes, are refused with [`RankError::ComponentTooLarge`] rather than left to run for hours.

use crate::consensus::{Consensus, Outcome};
use crate::explain::Explanation;
use crate::method::Method;
use crate::pairwise::{copeland_scores, PairwiseMatrix, Unlisted};
use crate::profile::{ItemId, Profile};
use crate::RankError;
use std::collections::HashMap;

/// Weighted Kendall distance of a strict order (item indices, best first) to the matrix.
pub fn kendall_cost(m: &PairwiseMatrix, order: &[usize]) -> f64 {
    let mut cost = 0.0;
    for (i, &a) in order.iter().enumerate() {
        for &b in order.iter().skip(i + 1) {
            cost += m.prefer(b, a);
        }
    }
    cost
}

/// A lower bound on every order's cost: `Σ_{a<b} min(prefer(a,b), prefer(b,a))`.
pub fn lower_bound(m: &PairwiseMatrix) -> f64 {
    let n = m.len();
    let mut lb = 0.0;
    for a in 0..n {
        for b in a + 1..n {
            lb += m.prefer(a, b).min(m.prefer(b, a));
        }
    }
    lb
}

/// A heuristic Kemeny ranking with its quality.
#[derive(Debug, Clone, PartialEq)]
pub struct HeuristicRanking {
    /// Items best first.
    pub order: Vec<usize>,
    /// Its weighted Kendall distance to the lists.
    pub distance: f64,
    /// No order can do better than this.
    pub lower_bound: f64,
}

/// Orders `items` by descending `key` (ties by index).
fn sorted_by_key(items: &[usize], key: &[f64]) -> Vec<usize> {
    let mut v = items.to_vec();
    v.sort_by(|&a, &b| {
        let ka = key.get(a).copied().unwrap_or(0.0);
        let kb = key.get(b).copied().unwrap_or(0.0);
        kb.total_cmp(&ka).then(a.cmp(&b))
    });
    v
}

/// Local search by insertion: move any item to the position that lowers the cost most, until
/// no move helps. Each pass is `O(n²)`.
fn insertion_local_search(m: &PairwiseMatrix, order: &mut Vec<usize>) {
    let n = order.len();
    let eps = 1e-9;
    loop {
        let mut improved = false;
        for i in 0..n {
            let x = order[i];
            // delta of moving x from i to j: moving left past y costs prefer(y,x)-prefer(x,y)
            // → gains prefer(x,y)-prefer(y,x) ... accumulate.
            let mut best_gain = eps;
            let mut best_j = i;
            let mut gain = 0.0;
            for j in (0..i).rev() {
                let y = order[j];
                gain += m.prefer(x, y) - m.prefer(y, x);
                if gain > best_gain {
                    best_gain = gain;
                    best_j = j;
                }
            }
            gain = 0.0;
            for (j, &y) in order.iter().enumerate().skip(i + 1) {
                gain += m.prefer(y, x) - m.prefer(x, y);
                if gain > best_gain {
                    best_gain = gain;
                    best_j = j;
                }
            }
            if best_j != i {
                let item = order.remove(i);
                order.insert(best_j, item);
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Borda- and Copeland-seeded insertion local search over `items`; returns the cheaper result.
fn heuristic_order(m: &PairwiseMatrix, items: &[usize]) -> Vec<usize> {
    let n = m.len();
    let mut net = vec![0.0; n];
    for &a in items {
        for &b in items {
            if a != b {
                net[a] += m.margin(a, b);
            }
        }
    }
    let copeland = copeland_scores(m);
    let mut best: Option<(f64, Vec<usize>)> = None;
    for key in [&net, &copeland] {
        let mut order = sorted_by_key(items, key);
        insertion_local_search(m, &mut order);
        let cost = kendall_cost(m, &order);
        if best.as_ref().is_none_or(|(c, _)| cost < *c - 1e-9) {
            best = Some((cost, order));
        }
    }
    best.map(|(_, o)| o).unwrap_or_default()
}

/// Runs the heuristic over the whole matrix.
pub fn heuristic(m: &PairwiseMatrix) -> HeuristicRanking {
    let items: Vec<usize> = (0..m.len()).collect();
    let order = heuristic_order(m, &items);
    HeuristicRanking {
        distance: kendall_cost(m, &order),
        lower_bound: lower_bound(m),
        order,
    }
}

/// Exact Kemeny ranking (module docs). Errors with [`RankError::ComponentTooLarge`] when a
/// component exceeds `max_component` or the search exceeds `node_budget` nodes.
pub fn exact(
    m: &PairwiseMatrix,
    max_component: usize,
    node_budget: u64,
) -> Result<Vec<usize>, RankError> {
    let comps = m.components(|a, b| !m.beats(b, a));
    let mut order = Vec::with_capacity(m.len());
    for comp in comps {
        if comp.len() <= 2 {
            let mut c = comp;
            if c.len() == 2 && m.prefer(c[1], c[0]) > m.prefer(c[0], c[1]) {
                c.swap(0, 1);
            }
            order.extend(c);
            continue;
        }
        let limit = max_component.min(128);
        if comp.len() > limit {
            return Err(RankError::ComponentTooLarge {
                size: comp.len(),
                limit,
            });
        }
        order.extend(solve_component(m, &comp, node_budget).ok_or(
            RankError::ComponentTooLarge {
                size: comp.len(),
                limit,
            },
        )?);
    }
    Ok(order)
}

/// The weighted pair costs of one component, in local indices.
struct Local {
    s: usize,
    /// `w[i * s + j]`: weight preferring `i` to `j` (the cost of putting `j` before `i`).
    w: Vec<f64>,
    /// `min(w[i][j], w[j][i])`, for the lower bound.
    minp: Vec<f64>,
}

impl Local {
    fn new(m: &PairwiseMatrix, comp: &[usize]) -> Local {
        let s = comp.len();
        let mut w = vec![0.0; s * s];
        let mut minp = vec![0.0; s * s];
        for (i, &a) in comp.iter().enumerate() {
            for (j, &b) in comp.iter().enumerate() {
                if i != j {
                    w[i * s + j] = m.prefer(a, b);
                    minp[i * s + j] = m.prefer(a, b).min(m.prefer(b, a));
                }
            }
        }
        Local { s, w, minp }
    }

    fn cost(&self, order: &[usize]) -> f64 {
        let mut c = 0.0;
        for (i, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(i + 1) {
                c += self.w[b * self.s + a];
            }
        }
        c
    }

    fn lower_bound(&self) -> f64 {
        let s = self.s;
        let mut lb = 0.0;
        for i in 0..s {
            for j in i + 1..s {
                lb += self.minp[i * s + j];
            }
        }
        lb
    }
}

/// A depth-first search for the first order (in the search's child order) whose cost is at most
/// `bound`, optionally forbidding one placed set at one depth.
struct Within<'a> {
    local: &'a Local,
    bound: f64,
    /// Children in this fixed order (label order) rather than cheapest first.
    fixed: Option<&'a [usize]>,
    forbid: Option<(usize, u128)>,
    /// Placed sets whose completions all cost more than `bound` minus the recorded cost: shared
    /// by every search with the same bound, since how the remaining items are ordered does not
    /// depend on how the placed ones were (a search with a forbidden set records only sets at or
    /// past the forbidden depth, whose completions the constraint no longer touches).
    memo: &'a mut HashMap<u128, f64>,
    nodes: u64,
    budget: u64,
    prefix: Vec<usize>,
}

impl Within<'_> {
    /// `Err(())` when the budget ran out; `Ok(true)` when `prefix` holds a complete order.
    fn dfs(&mut self, placed: u128, cost: f64, lb_rest: f64) -> Result<bool, ()> {
        self.nodes += 1;
        if self.nodes > self.budget {
            return Err(());
        }
        let s = self.local.s;
        let depth = self.prefix.len();
        if let Some((d, mask)) = self.forbid {
            if depth == d && placed == mask {
                return Ok(false);
            }
        }
        if depth == s {
            return Ok(cost <= self.bound + EPS);
        }
        if cost + lb_rest > self.bound + EPS {
            return Ok(false);
        }
        if let Some(&seen) = self.memo.get(&placed) {
            if cost >= seen - EPS {
                return Ok(false);
            }
        }
        let mut children: Vec<(f64, f64, usize)> = Vec::with_capacity(s - depth);
        let candidates: Vec<usize> = match self.fixed {
            Some(order) => order
                .iter()
                .copied()
                .filter(|&x| placed >> x & 1 == 0)
                .collect(),
            None => (0..s).filter(|&x| placed >> x & 1 == 0).collect(),
        };
        for &x in &candidates {
            let mut add = 0.0;
            let mut lb_drop = 0.0;
            for &y in &candidates {
                if y != x {
                    add += self.local.w[y * s + x];
                    lb_drop += self.local.minp[x * s + y];
                }
            }
            children.push((add, lb_drop, x));
        }
        if self.fixed.is_none() {
            children.sort_by(|a, b| (a.0 - a.1).total_cmp(&(b.0 - b.1)).then(a.2.cmp(&b.2)));
        }
        for (add, lb_drop, x) in children {
            self.prefix.push(x);
            if self.dfs(placed | 1u128 << x, cost + add, lb_rest - lb_drop)? {
                return Ok(true);
            }
            self.prefix.pop();
        }
        let unconstrained = self.forbid.is_none_or(|(d, _)| depth >= d);
        if unconstrained && (self.memo.len() < MEMO_CAP || self.memo.contains_key(&placed)) {
            self.memo.insert(placed, cost);
        }
        Ok(false)
    }
}

/// One search; `budget` is what is left of the component's node budget, and shrinks by the
/// nodes this search visits.
fn run_within(
    local: &Local,
    bound: f64,
    fixed: Option<&[usize]>,
    forbid: Option<(usize, u128)>,
    budget: &mut u64,
    memo: &mut HashMap<u128, f64>,
) -> Result<Option<Vec<usize>>, ()> {
    let mut search = Within {
        local,
        bound,
        fixed,
        forbid,
        memo,
        nodes: 0,
        budget: *budget,
        prefix: Vec::with_capacity(local.s),
    };
    let lb = local.lower_bound();
    let found = search.dfs(0, 0.0, lb);
    *budget = budget.saturating_sub(search.nodes);
    Ok(found?.then_some(search.prefix))
}

fn mask_of(items: &[usize]) -> u128 {
    items.iter().fold(0u128, |m, &x| m | 1u128 << x)
}

/// Exact Kemeny with its ties (see [`KemenyExact`]): tiers of items, best first, and one optimal
/// strict order that lists the tiers' items in a canonical way (the optimal order that comes
/// first when items are compared by `label_rank`).
///
/// A tier boundary is a prefix set that **every** optimal order starts with; items between two
/// such boundaries are ordered differently by different optimal orders (or could be), so they
/// share a rank. Neither the tiers nor the canonical order depend on the order of the lists or
/// of the item ids. When the search budget runs out while checking a boundary, the boundary is
/// dropped (the items tie) rather than guessed.
pub fn exact_tiers(
    m: &PairwiseMatrix,
    max_component: usize,
    node_budget: u64,
    label_rank: &[usize],
) -> Result<(Vec<Vec<usize>>, Vec<usize>), RankError> {
    let comps = m.components(|a, b| !m.beats(b, a));
    let mut tiers = Vec::new();
    let mut order = Vec::with_capacity(m.len());
    let rank_of = |x: usize| label_rank.get(x).copied().unwrap_or(x);
    for comp in comps {
        if comp.len() <= 2 {
            // One item, or two the majority cannot separate: both orders cost the same.
            let mut c = comp;
            c.sort_by_key(|&x| rank_of(x));
            order.extend(c.iter().copied());
            tiers.push(c);
            continue;
        }
        let limit = max_component.min(128);
        let too_large = RankError::ComponentTooLarge {
            size: comp.len(),
            limit,
        };
        // Local indices in label order, so every search below is the same whatever the order
        // of the lists or of the item ids.
        let mut comp = comp;
        comp.sort_by_key(|&x| rank_of(x));
        if comp.len() > limit {
            return Err(too_large);
        }
        let best = solve_component(m, &comp, node_budget).ok_or(too_large.clone())?;
        let local = Local::new(m, &comp);
        let index: HashMap<usize, usize> = comp.iter().enumerate().map(|(i, &a)| (a, i)).collect();
        let best_local: Vec<usize> = best.iter().filter_map(|a| index.get(a).copied()).collect();
        let optimum = local.cost(&best_local);
        let mut by_label: Vec<usize> = (0..comp.len()).collect();
        by_label.sort_by_key(|&i| rank_of(comp[i]));
        let mut memo = HashMap::new();
        // One node budget for all the searches of the tie structure; when it runs out the
        // boundaries not yet proven are dropped (those items tie).
        let mut budget = node_budget;
        let canonical = match run_within(
            &local,
            optimum,
            Some(&by_label),
            None,
            &mut budget,
            &mut memo,
        ) {
            Ok(Some(o)) => o,
            _ => best_local,
        };
        let s = canonical.len();
        // cut[i]: every optimal order starts with the set canonical[..i].
        let mut cut: Vec<Option<bool>> = vec![None; s];
        for i in 1..s {
            if cut[i].is_some() {
                continue;
            }
            let forbid = (i, mask_of(&canonical[..i]));
            if budget == 0 {
                cut[i] = Some(false);
                continue;
            }
            match run_within(&local, optimum, None, Some(forbid), &mut budget, &mut memo) {
                Ok(None) => cut[i] = Some(true),
                Ok(Some(alt)) => {
                    for (j, c) in cut.iter_mut().enumerate().skip(1) {
                        if mask_of(&alt[..j]) != mask_of(&canonical[..j]) {
                            *c = Some(false);
                        }
                    }
                }
                Err(()) => cut[i] = Some(false),
            }
        }
        let mut tier = Vec::new();
        for (i, &x) in canonical.iter().enumerate() {
            if i > 0 && cut[i] == Some(true) {
                tiers.push(std::mem::take(&mut tier));
            }
            tier.push(comp[x]);
            order.push(comp[x]);
        }
        tiers.push(tier);
    }
    Ok((tiers, order))
}

struct Search {
    s: usize,
    w: Vec<f64>,
    minp: Vec<f64>,
    best_cost: f64,
    best: Vec<usize>,
    memo: HashMap<u128, f64>,
    nodes: u64,
    budget: u64,
    prefix: Vec<usize>,
}

const MEMO_CAP: usize = 4_000_000;
const EPS: f64 = 1e-9;

impl Search {
    /// Returns false when the budget ran out.
    fn dfs(&mut self, placed: u128, cost: f64, lb_rest: f64) -> bool {
        self.nodes += 1;
        if self.nodes > self.budget {
            return false;
        }
        let s = self.s;
        if self.prefix.len() == s {
            if cost < self.best_cost - EPS {
                self.best_cost = cost;
                self.best.clone_from(&self.prefix);
            }
            return true;
        }
        if cost + lb_rest >= self.best_cost - EPS {
            return true;
        }
        if let Some(&seen) = self.memo.get(&placed) {
            if cost >= seen - EPS {
                return true;
            }
        }
        if self.memo.len() < MEMO_CAP || self.memo.contains_key(&placed) {
            self.memo.insert(placed, cost);
        }
        // Children: each remaining x placed next, cheapest first.
        let mut children: Vec<(f64, f64, usize)> = Vec::with_capacity(s - self.prefix.len());
        for x in (0..s).filter(|&x| placed >> x & 1 == 0) {
            let mut add = 0.0;
            let mut lb_drop = 0.0;
            for y in (0..s).filter(|&y| y != x && placed >> y & 1 == 0) {
                add += self.w[y * s + x];
                lb_drop += self.minp[x * s + y];
            }
            children.push((add, lb_drop, x));
        }
        children.sort_by(|a, b| (a.0 - a.1).total_cmp(&(b.0 - b.1)).then(a.2.cmp(&b.2)));
        for (add, lb_drop, x) in children {
            self.prefix.push(x);
            let ok = self.dfs(placed | 1u128 << x, cost + add, lb_rest - lb_drop);
            self.prefix.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

fn solve_component(m: &PairwiseMatrix, comp: &[usize], budget: u64) -> Option<Vec<usize>> {
    let s = comp.len();
    let mut w = vec![0.0; s * s];
    let mut minp = vec![0.0; s * s];
    for (i, &a) in comp.iter().enumerate() {
        for (j, &b) in comp.iter().enumerate() {
            if i != j {
                w[i * s + j] = m.prefer(a, b);
                minp[i * s + j] = m.prefer(a, b).min(m.prefer(b, a));
            }
        }
    }
    let start = heuristic_order(m, comp);
    let local: HashMap<usize, usize> = comp.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let start_local: Vec<usize> = start.iter().filter_map(|a| local.get(a).copied()).collect();
    let mut start_cost = 0.0;
    for (i, &a) in start_local.iter().enumerate() {
        for &b in start_local.iter().skip(i + 1) {
            start_cost += w[b * s + a];
        }
    }
    let mut lb = 0.0;
    for i in 0..s {
        for j in i + 1..s {
            lb += minp[i * s + j];
        }
    }
    let mut search = Search {
        s,
        w,
        minp,
        // The heuristic's order is kept unless the search finds a strictly cheaper one.
        best_cost: start_cost + EPS * 2.0,
        best: start_local.clone(),
        memo: HashMap::new(),
        nodes: 0,
        budget,
        prefix: Vec::with_capacity(s),
    };
    if start_cost - lb > EPS && !search.dfs(0, 0.0, lb) {
        return None;
    }
    Some(
        search
            .best
            .iter()
            .filter_map(|&i| comp.get(i).copied())
            .collect(),
    )
}

/// Each item's rank among the labels (byte order, then id): the canonical order of ties.
fn label_ranks(profile: &Profile) -> Vec<usize> {
    let labels = profile.labels();
    let mut by_label: Vec<usize> = (0..labels.len()).collect();
    by_label.sort_by(|&a, &b| labels[a].cmp(&labels[b]).then(a.cmp(&b)));
    let mut rank = vec![0usize; labels.len()];
    for (r, &i) in by_label.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Tiers as an outcome; an item's score is the number of items in lower tiers.
fn tiers_outcome(n: usize, tiers: &[Vec<usize>]) -> Outcome {
    let mut scores = vec![0.0; n];
    let mut below = n;
    let mut out = Vec::with_capacity(tiers.len());
    for tier in tiers {
        below = below.saturating_sub(tier.len());
        for &item in tier {
            if let Some(s) = scores.get_mut(item) {
                *s = below as f64;
            }
        }
        out.push(
            tier.iter()
                .filter_map(|&i| u32::try_from(i).ok().map(ItemId))
                .collect(),
        );
    }
    Outcome::Tiers { tiers: out, scores }
}

fn order_outcome(n: usize, order: &[usize]) -> Outcome {
    let mut scores = vec![0.0; n];
    for (pos, &item) in order.iter().enumerate() {
        if let Some(s) = scores.get_mut(item) {
            *s = (n - pos - 1) as f64;
        }
    }
    Outcome::Tiers {
        tiers: order
            .iter()
            .filter_map(|&i| u32::try_from(i).ok().map(|i| vec![ItemId(i)]))
            .collect(),
        scores,
    }
}

/// Exact Kemeny–Young (module docs).
///
/// **Ties**: when several rankings are equally good, the consensus does not pick one by the
/// accident of list order. Items share a rank unless every optimal ranking separates them the
/// same way: the tiers are cut only at prefix sets that all optimal rankings start with
/// ([`exact_tiers`]). Rows inside a tier are listed in one optimal order — the first in label
/// order — so the rows, read top to bottom, are still an optimal ranking, and the reported
/// Kendall distance is the optimum. The score is the number of items ranked in lower tiers.
/// Unlisted items: see [`Unlisted`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KemenyExact {
    /// How lists compare items they do not name.
    pub unlisted: Unlisted,
    /// The largest component the search accepts (at most 128).
    pub max_component: usize,
    /// The search's node budget per component.
    pub node_budget: u64,
}

impl Default for KemenyExact {
    fn default() -> KemenyExact {
        KemenyExact {
            unlisted: Unlisted::BelowListed,
            max_component: 128,
            node_budget: 20_000_000,
        }
    }
}

/// Kemeny by Borda- and Copeland-seeded insertion local search, for pools too large for the
/// exact search. Reports its weighted Kendall distance and a lower bound on the optimum in the
/// consensus parameters; when they are equal the answer is optimal.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KemenyHeuristic {
    /// How lists compare items they do not name.
    pub unlisted: Unlisted,
}

impl Method for KemenyExact {
    fn name(&self) -> &'static str {
        "kemeny"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![("unlisted".into(), self.unlisted.as_str().into())]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let m = PairwiseMatrix::try_new(profile, self.unlisted)?;
        let (tiers, _) = exact_tiers(
            &m,
            self.max_component,
            self.node_budget,
            &label_ranks(profile),
        )?;
        Ok(tiers_outcome(m.len(), &tiers))
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let m = PairwiseMatrix::try_new(profile, self.unlisted)?;
        let (tiers, order) = exact_tiers(
            &m,
            self.max_component,
            self.node_budget,
            &label_ranks(profile),
        )?;
        let mut params = self.parameters();
        params.push((
            "kendall-distance".into(),
            format!("{}", kendall_cost(&m, &order)),
        ));
        let mut c =
            Consensus::from_outcome(profile, self.name(), params, tiers_outcome(m.len(), &tiers));
        // Inside each tier, list the rows in the canonical optimal order.
        let mut position = vec![0usize; m.len()];
        for (p, &x) in order.iter().enumerate() {
            if let Some(slot) = position.get_mut(x) {
                *slot = p;
            }
        }
        c.rows
            .sort_by_key(|r| (r.rank, position.get(r.item.index()).copied().unwrap_or(0)));
        Ok(c)
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        crate::pairwise::Copeland {
            unlisted: self.unlisted,
        }
        .explain(profile, item)
        .and_then(|mut e| {
            e.method = self.name().into();
            let score = crate::pairwise::outcome_score(&self.outcome(profile)?, item);
            Ok(e.with_score(
                score,
                "score = the number of items ranked in lower tiers of the ranking that disagrees least with the lists (pairwise votes in the lines; items that optimal rankings order differently tie)",
            ))
        })
    }
}

impl Method for KemenyHeuristic {
    fn name(&self) -> &'static str {
        "kemeny-heuristic"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![("unlisted".into(), self.unlisted.as_str().into())]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let m = PairwiseMatrix::try_new(profile, self.unlisted)?;
        Ok(order_outcome(m.len(), &heuristic(&m).order))
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let m = PairwiseMatrix::try_new(profile, self.unlisted)?;
        let h = heuristic(&m);
        let mut params = self.parameters();
        params.push(("kendall-distance".into(), format!("{}", h.distance)));
        params.push(("lower-bound".into(), format!("{}", h.lower_bound)));
        Ok(Consensus::from_outcome(
            profile,
            self.name(),
            params,
            order_outcome(m.len(), &h.order),
        ))
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        crate::pairwise::Copeland {
            unlisted: self.unlisted,
        }
        .explain(profile, item)
        .and_then(|mut e| {
            e.method = self.name().into();
            let score = crate::pairwise::outcome_score(&self.outcome(profile)?, item);
            Ok(e.with_score(
                score,
                "score = the number of items ranked below it in the local-search ranking (pairwise votes in the lines)",
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_csv;

    fn brute_force(m: &PairwiseMatrix) -> f64 {
        fn rec(m: &PairwiseMatrix, order: &mut Vec<usize>, left: &mut Vec<usize>, best: &mut f64) {
            if left.is_empty() {
                *best = best.min(kendall_cost(m, order));
                return;
            }
            for i in 0..left.len() {
                let x = left.remove(i);
                order.push(x);
                rec(m, order, left, best);
                order.pop();
                left.insert(i, x);
            }
        }
        let mut best = f64::INFINITY;
        rec(m, &mut Vec::new(), &mut (0..m.len()).collect(), &mut best);
        best
    }

    #[test]
    fn exact_matches_brute_force_on_a_cycle() {
        let csv = "list_id,rank,item\na,1,x\na,2,y\na,3,z\na,4,w\nb,1,y\nb,2,z\nb,3,x\nc,1,z\nc,2,x\nc,3,y\nc,4,w\nd,1,w\nd,2,x\n";
        let p = read_csv(csv.as_bytes()).unwrap();
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let order = exact(&m, 128, 1_000_000).unwrap();
        assert!((kendall_cost(&m, &order) - brute_force(&m)).abs() < 1e-9);
        let h = heuristic(&m);
        assert!(h.lower_bound <= h.distance + 1e-9);
    }

    fn rows(c: &Consensus) -> Vec<(String, u32)> {
        c.rows.iter().map(|r| (r.label.clone(), r.rank)).collect()
    }

    #[test]
    fn equally_good_orders_are_a_tie_whatever_the_list_order() {
        // A Condorcet cycle with equal margins: the three rotations are all optimal.
        let lists = [["x", "y", "z"], ["y", "z", "x"], ["z", "x", "y"]];
        let csv = |order: &[usize]| {
            let mut out = String::from("list_id,rank,item\n");
            for &l in order {
                for (r, item) in lists[l].iter().enumerate() {
                    out.push_str(&format!("l{l},{},{item}\n", r + 1));
                }
            }
            out
        };
        let k = KemenyExact::default();
        let a = k
            .aggregate(&read_csv(csv(&[0, 1, 2]).as_bytes()).unwrap())
            .unwrap();
        let b = k
            .aggregate(&read_csv(csv(&[2, 1, 0]).as_bytes()).unwrap())
            .unwrap();
        let c = k
            .aggregate(&read_csv(csv(&[1, 2, 0]).as_bytes()).unwrap())
            .unwrap();
        assert!(
            a.rows.iter().all(|r| r.rank == 1 && r.tied),
            "{:?}",
            rows(&a)
        );
        assert_eq!(rows(&a), rows(&b));
        assert_eq!(rows(&a), rows(&c));
        // Two lists that disagree on two items: a tie, not the first list's order.
        let p = read_csv("list_id,rank,item\na,1,y\na,2,x\nb,1,x\nb,2,y\n".as_bytes()).unwrap();
        let c = k.aggregate(&p).unwrap();
        assert_eq!(rows(&c), vec![("x".into(), 1), ("y".into(), 1)]);
    }

    #[test]
    fn a_strict_optimum_stays_strict_and_ties_only_where_optima_differ() {
        // w beats everything; x, y, z form an equal-margin cycle below it.
        let csv = "list_id,rank,item\n\
                   a,1,w\na,2,x\na,3,y\na,4,z\n\
                   b,1,w\nb,2,y\nb,3,z\nb,4,x\n\
                   c,1,w\nc,2,z\nc,3,x\nc,4,y\n";
        let p = read_csv(csv.as_bytes()).unwrap();
        let c = KemenyExact::default().aggregate(&p).unwrap();
        assert_eq!(
            rows(&c),
            vec![
                ("w".into(), 1),
                ("x".into(), 2),
                ("y".into(), 2),
                ("z".into(), 2)
            ]
        );
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let order: Vec<usize> = c.rows.iter().map(|r| r.item.index()).collect();
        assert!((kendall_cost(&m, &order) - brute_force(&m)).abs() < 1e-9);
    }

    #[test]
    fn a_too_large_component_is_refused_with_advice() {
        // A 5-cycle profile: rotations of 0..5.
        let mut csv = String::from("list_id,rank,item\n");
        for r in 0..5 {
            for k in 0..5 {
                csv.push_str(&format!("l{r},{},i{}\n", k + 1, (r + k) % 5));
            }
        }
        let p = read_csv(csv.as_bytes()).unwrap();
        let err = KemenyExact {
            max_component: 4,
            ..KemenyExact::default()
        }
        .aggregate(&p)
        .unwrap_err();
        assert!(matches!(
            err,
            RankError::ComponentTooLarge { size: 5, limit: 4 }
        ));
        assert!(err.to_string().contains("heuristic"));
    }
}
