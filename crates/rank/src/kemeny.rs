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

/// Exact Kemeny–Young (module docs). The result is one optimal strict ranking; among equally
/// good rankings the one found first by the deterministic search (starting from the
/// heuristic's) is kept. The score is the number of items ranked below. Unlisted items: see
/// [`Unlisted`].
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
        let m = PairwiseMatrix::new(profile, self.unlisted);
        let order = exact(&m, self.max_component, self.node_budget)?;
        Ok(order_outcome(m.len(), &order))
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let m = PairwiseMatrix::new(profile, self.unlisted);
        let order = exact(&m, self.max_component, self.node_budget)?;
        let mut params = self.parameters();
        params.push((
            "kendall-distance".into(),
            format!("{}", kendall_cost(&m, &order)),
        ));
        Ok(Consensus::from_outcome(
            profile,
            self.name(),
            params,
            order_outcome(m.len(), &order),
        ))
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        crate::pairwise::Copeland {
            unlisted: self.unlisted,
        }
        .explain(profile, item)
        .map(|mut e| {
            e.method = self.name().into();
            e
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
        let m = PairwiseMatrix::new(profile, self.unlisted);
        Ok(order_outcome(m.len(), &heuristic(&m).order))
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let m = PairwiseMatrix::new(profile, self.unlisted);
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
        .map(|mut e| {
            e.method = self.name().into();
            e
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
