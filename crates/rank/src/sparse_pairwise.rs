//! Schulze over many items without an `n × n` matrix.
//!
//! With `L(a)` the weight of the lists naming `a`, the margin of `a` over `b` is `L(a) − L(b)`
//! when no list names both and unnamed items rank below named ones, and 0 when lists compare
//! only what they name. Only the pairs some list names together differ from that, and they are
//! found through the lists naming an item. So the majority graph is implicit: an item's
//! out-edges are the items whose `L` is lower by more than the tolerance (a prefix of the items
//! sorted by `L`), and its in-edges a suffix, corrected by a short list of co-named exceptions.
//!
//! Its strongly connected components come from Kosaraju's two searches, which only ever need
//! an item's *unvisited* neighbours: a "next unvisited position" table over the sorted order
//! skips the visited ones, so each search costs `O(n + exceptions)`. How many items reach each
//! component comes from bitsets over the sorted positions, filled in topological order (an
//! item's predecessors are again a suffix plus exceptions, scanned a word at a time). Each
//! component of more than one item then gets its own dense margin matrix and the threshold
//! refinement of [`schulze_defeaters`](crate::pairwise::schulze_defeaters). Margins are summed
//! in the same order as [`PairwiseMatrix`], so the defeater counts are the same to the bit.

use crate::pairwise::{refine_schulze, PairwiseMatrix, Unlisted};
use crate::profile::{Ballot, Profile};
use crate::RankError;
use rayon::prelude::*;

/// Every ballot's named items, and per item the ballots naming it: enough to find the pairs
/// some list names together without an `n × n` table.
pub(crate) struct CoNamed {
    /// Per ballot, where its items start in `named` (plus the end).
    pub(crate) start: Vec<usize>,
    /// Every ballot's `(item, tier position)`, sorted by item inside each ballot.
    pub(crate) named: Vec<(u32, u32)>,
    /// Per item, where its entries start in `inverted` (plus the end).
    pub(crate) per_item: Vec<usize>,
    /// `(ballot, index of the item in that ballot's slice of named)`, ballots in input order.
    pub(crate) inverted: Vec<(u32, u32)>,
    /// `L`: per item, the weight of the lists naming it, summed in ballot order.
    pub(crate) listed: Vec<f64>,
}

impl CoNamed {
    pub(crate) fn new(profile: &Profile) -> CoNamed {
        let n = profile.item_count();
        let ballots = profile.ballots();
        let mut start = Vec::with_capacity(ballots.len() + 1);
        let mut named: Vec<(u32, u32)> = Vec::new();
        let mut per_item = vec![0usize; n + 1];
        start.push(0);
        for b in ballots {
            let from = named.len();
            named.extend(b.tiers().map(|(item, pos, _)| (item.0, pos)));
            if let Some(slice) = named.get_mut(from..) {
                slice.sort_unstable();
                for &(item, _) in slice.iter() {
                    if let Some(c) = per_item.get_mut(item as usize + 1) {
                        *c += 1;
                    }
                }
            }
            start.push(named.len());
        }
        for i in 1..per_item.len() {
            per_item[i] += per_item[i - 1];
        }
        let mut fill = per_item.clone();
        let mut inverted: Vec<(u32, u32)> = vec![(0, 0); named.len()];
        let mut listed = vec![0.0f64; n];
        for (l, b) in ballots.iter().enumerate() {
            for (k, &(item, _)) in named
                .get(start[l]..start[l + 1])
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                let i = item as usize;
                if let (Some(slot), Some(x)) = (fill.get_mut(i), listed.get_mut(i)) {
                    if let Some(e) = inverted.get_mut(*slot) {
                        *e = (l as u32, k as u32);
                    }
                    *slot += 1;
                    *x += b.weight();
                }
            }
        }
        CoNamed {
            start,
            named,
            per_item,
            inverted,
            listed,
        }
    }

    /// Calls `f(b, margin(a, b), margin(b, a))` for every item `b > a` some list names together
    /// with `a` (each such pair once). The sums follow [`PairwiseMatrix::new`] step by step
    /// (ballot order, then the `L(a) − both(a, b)` correction), so the margins equal the
    /// matrix's bit for bit.
    fn co_named(
        &self,
        ballots: &[Ballot],
        a: usize,
        policy: Unlisted,
        s: &mut Scratch,
        mut f: impl FnMut(usize, f64, f64),
    ) {
        let entries = self
            .inverted
            .get(self.per_item[a]..self.per_item[a + 1])
            .unwrap_or(&[]);
        for &(l, k) in entries {
            let l = l as usize;
            let w = ballots.get(l).map_or(0.0, Ballot::weight);
            let slice = self
                .named
                .get(self.start[l]..self.start[l + 1])
                .unwrap_or(&[]);
            let pa = slice.get(k as usize).map_or(0, |e| e.1);
            // A ballot's items are sorted, so the ones after `a` are the larger ones.
            for &(b, pb) in slice.get(k as usize + 1..).unwrap_or(&[]) {
                let b = b as usize;
                let Some(sum) = s.sums.get_mut(b) else {
                    continue;
                };
                if !s.touched[b] {
                    s.touched[b] = true;
                    s.list.push(b as u32);
                }
                if pa < pb {
                    sum[0] += w;
                } else if pb < pa {
                    sum[1] += w;
                }
                sum[2] += w;
            }
        }
        for &b in &s.list {
            let b = b as usize;
            let [mut ab, mut ba, both] = s.sums[b];
            if policy == Unlisted::BelowListed {
                ab += self.listed[a] - both;
                ba += self.listed[b] - both;
            }
            f(b, ab - ba, ba - ab);
            s.sums[b] = [0.0; 3];
            s.touched[b] = false;
        }
        s.list.clear();
    }
}

/// Per-thread sums for one item's co-named partners, indexed by item and reset after use.
struct Scratch {
    /// Per item: weight preferring `a`, weight preferring it, weight naming both (one cache
    /// line's worth together, as they are updated together).
    sums: Vec<[f64; 3]>,
    touched: Vec<bool>,
    list: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            sums: vec![[0.0; 3]; n],
            touched: vec![false; n],
            list: Vec::new(),
        }
    }
}

/// The smallest unvisited position at or after a given one, with path compression: a search
/// never looks at a visited item twice through it.
struct Unvisited {
    next: Vec<usize>,
}

impl Unvisited {
    fn new(n: usize) -> Unvisited {
        Unvisited {
            next: (0..=n).collect(),
        }
    }
    fn find(&mut self, p: usize) -> usize {
        let mut root = p;
        while let Some(&q) = self.next.get(root) {
            if q == root {
                break;
            }
            root = q;
        }
        let mut q = p;
        while q != root {
            let Some(slot) = self.next.get_mut(q) else {
                break;
            };
            let following = *slot;
            *slot = root;
            q = following;
        }
        root
    }
    fn remove(&mut self, p: usize) {
        if let Some(slot) = self.next.get_mut(p) {
            *slot = p + 1;
        }
    }
}

/// The majority graph as default ranges over the items sorted by `L` plus exceptions.
struct Implicit {
    /// Items by ascending `L` (ties by index).
    order: Vec<u32>,
    /// Each item's place in `order`.
    pos: Vec<u32>,
    /// `v`'s default successors are `order[..lo[v]]`.
    lo: Vec<u32>,
    /// `v`'s default predecessors are `order[hi[v]..]`.
    hi: Vec<u32>,
    /// Per item, sorted: the items whose edge from it differs from the default.
    out_exc: Vec<Vec<u32>>,
    /// Per item, sorted: the items whose edge to it differs from the default.
    in_exc: Vec<Vec<u32>>,
}

impl Implicit {
    /// Depth-first search from `root` over unvisited items, forward along edges or backward;
    /// `finish(v)` is called as each item is left.
    fn search(
        &self,
        root: usize,
        forward: bool,
        unvisited: &mut Unvisited,
        seen: &mut [bool],
        mut finish: impl FnMut(usize),
    ) {
        let n = self.order.len();
        seen[root] = true;
        unvisited.remove(self.pos[root] as usize);
        // (item, next position of its default range to look at, next exception to look at)
        let mut stack: Vec<(usize, usize, usize)> = vec![(root, 0, 0)];
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            let (from, to, exc) = if forward {
                (0, self.lo[v] as usize, &self.out_exc[v])
            } else {
                (self.hi[v] as usize, n, &self.in_exc[v])
            };
            let mut next = None;
            loop {
                let p = unvisited.find(top.1.max(from));
                if p >= to {
                    top.1 = to;
                    break;
                }
                top.1 = p + 1;
                let u = self.order[p];
                // An exception inside the default range is a missing edge.
                if exc.binary_search(&u).is_err() {
                    next = Some(u as usize);
                    break;
                }
            }
            if next.is_none() {
                while let Some(&u) = exc.get(top.2) {
                    top.2 += 1;
                    let p = self.pos[u as usize] as usize;
                    // Outside the default range an exception is an extra edge.
                    if !(from..to).contains(&p) && !seen[u as usize] {
                        next = Some(u as usize);
                        break;
                    }
                }
            }
            match next {
                Some(u) => {
                    seen[u] = true;
                    unvisited.remove(self.pos[u] as usize);
                    stack.push((u, 0, 0));
                }
                None => {
                    stack.pop();
                    finish(v);
                }
            }
        }
    }
}

/// For components in topological order, how many items of other components reach each one.
///
/// `full[c]` holds the positions of `c`'s members and of every item reaching `c`; predecessors
/// come earlier in topological order. An item's default predecessors are the suffix of the
/// sorted order above it, so when none of them is an exception or a fellow member, their union
/// is a suffix union `V(hi)`, kept as a running union extended downwards over processed
/// positions with a copy at every position some item starts its suffix at. Otherwise its
/// suffix is scanned a word of missing positions at a time: a position already in the set
/// brings nothing new, since the sets are closed under reaching.
fn reached_by_implicit(graph: &Implicit, comps: &[Vec<usize>], comp_of: &[usize]) -> Vec<u32> {
    let n = graph.order.len();
    let words = n.div_ceil(64);
    let mut full = vec![0u64; comps.len() * words];
    let mut wanted = vec![false; n + 1];
    for &h in &graph.hi {
        wanted[h as usize] = true;
    }
    let mut processed = vec![false; n];
    let mut run = vec![0u64; words];
    let mut run_from = n;
    let mut snap_index = vec![usize::MAX; n + 1];
    let mut snaps: Vec<u64> = Vec::new();
    let mut out = Vec::with_capacity(comps.len());
    for (c, members) in comps.iter().enumerate() {
        let (done, rest) = full.split_at_mut(c * words);
        let Some(acc) = rest.get_mut(..words) else {
            break;
        };
        let mut top = 0;
        for &v in members {
            let p = graph.pos[v] as usize;
            acc[p / 64] |= 1 << (p % 64);
            top = top.max(p);
        }
        let add = |acc: &mut [u64], u: usize| {
            let d = comp_of[u];
            if let Some(src) = done.get(d * words..(d + 1) * words) {
                for (x, y) in acc.iter_mut().zip(src) {
                    *x |= y;
                }
            }
        };
        for &v in members {
            let hi = graph.hi[v] as usize;
            let exc = &graph.in_exc[v];
            let plain = top < hi && !exc.iter().any(|&u| graph.pos[u as usize] as usize >= hi);
            if plain {
                while run_from > hi && processed[run_from - 1] {
                    run_from -= 1;
                    add(&mut run[..], graph.order[run_from] as usize);
                    if wanted[run_from] {
                        snap_index[run_from] = snaps.len() / words.max(1);
                        snaps.extend_from_slice(&run);
                    }
                }
            }
            let suffix = snaps.get(snap_index[hi].saturating_mul(words)..);
            match suffix {
                Some(src) if plain && hi < n && run_from <= hi => {
                    for (x, y) in acc.iter_mut().zip(src) {
                        *x |= y;
                    }
                }
                _ if plain && hi == n => {}
                _ => {
                    for wi in hi / 64..words {
                        let mut mask = !0u64;
                        if wi == hi / 64 {
                            mask <<= hi % 64;
                        }
                        if wi == words - 1 && !n.is_multiple_of(64) {
                            mask &= (1u64 << (n % 64)) - 1;
                        }
                        loop {
                            let missing = !acc[wi] & mask;
                            if missing == 0 {
                                break;
                            }
                            let bit = missing.trailing_zeros() as usize;
                            let u = graph.order[wi * 64 + bit];
                            if exc.binary_search(&u).is_ok() {
                                // Not an edge after all: look past it.
                                mask &= !(1 << bit);
                            } else {
                                add(acc, u as usize);
                            }
                        }
                    }
                }
            }
            for &u in exc {
                let p = graph.pos[u as usize] as usize;
                if p < hi && acc[p / 64] >> (p % 64) & 1 == 0 {
                    add(acc, u as usize);
                }
            }
        }
        let reach = acc.iter().map(|w| w.count_ones()).sum::<u32>();
        out.push(reach.saturating_sub(members.len() as u32));
        for &v in members {
            processed[graph.pos[v] as usize] = true;
        }
    }
    out
}

/// The most items [`schulze_defeaters_without_matrix`] takes: it keeps one bitset over the items
/// per component, `n² / 8` bytes at worst (450 MB at 60,000).
pub const SPARSE_MAX_ITEMS: usize = 60_000;

/// For each item, how many items defeat it under Schulze — the same counts as
/// [`schulze_defeaters`](crate::pairwise::schulze_defeaters) on a [`PairwiseMatrix`], without
/// one (module docs). Time `O(Σ named² + n² / 64)` plus the cubic-at-worst refinement inside
/// each component; memory `O(n)` per thread plus a bitset per component and a dense matrix per
/// component of more than one item.
///
/// Errors: [`RankError::TooManyItems`] above [`SPARSE_MAX_ITEMS`] items, or when a single
/// component holds more than [`PairwiseMatrix::MAX_ITEMS`] items.
pub fn schulze_defeaters_without_matrix(
    profile: &Profile,
    policy: Unlisted,
) -> Result<Vec<u32>, RankError> {
    schulze_sparse(profile, policy, PairwiseMatrix::MAX_ITEMS)
}

fn schulze_sparse(
    profile: &Profile,
    policy: Unlisted,
    component_limit: usize,
) -> Result<Vec<u32>, RankError> {
    let n = profile.item_count();
    if n > SPARSE_MAX_ITEMS {
        return Err(RankError::TooManyItems {
            items: n,
            limit: SPARSE_MAX_ITEMS,
        });
    }
    let ballots = profile.ballots();
    let cn = CoNamed::new(profile);
    let listed = &cn.listed;
    let tolerance = 1e-9 * profile.total_weight().max(1.0);
    let below = policy == Unlisted::BelowListed;
    // For a pair no list names, the matrix's margin is `(0 + L(a)) − (0 + L(b))`, or 0.
    let default_beats = |a: usize, b: usize| below && listed[a] - listed[b] > tolerance;

    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| {
        listed[a as usize]
            .total_cmp(&listed[b as usize])
            .then(a.cmp(&b))
    });
    let mut pos = vec![0u32; n];
    for (p, &v) in order.iter().enumerate() {
        pos[v as usize] = p as u32;
    }
    let (lo, hi): (Vec<u32>, Vec<u32>) = (0..n)
        .map(|v| {
            if !below {
                return (0, n as u32);
            }
            let lv = listed[v];
            // `L(v) − x` falls and `x − L(v)` rises with `x`, so both sets are contiguous.
            let lo = order.partition_point(|&u| lv - listed[u as usize] > tolerance);
            let hi = order.partition_point(|&u| listed[u as usize] - lv <= tolerance);
            (lo as u32, hi as u32)
        })
        .unzip();
    // Each co-named pair once, from its smaller item: which of its two edges differ from the
    // default (bit 0: smaller → larger, bit 1: larger → smaller).
    let found: Vec<Vec<(u32, u8)>> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n),
            |s, a| {
                let mut found = Vec::new();
                cn.co_named(ballots, a, policy, s, |b, ab, ba| {
                    let flags = u8::from((ab > tolerance) != default_beats(a, b))
                        | u8::from((ba > tolerance) != default_beats(b, a)) << 1;
                    if flags != 0 {
                        found.push((b as u32, flags));
                    }
                });
                found
            },
        )
        .collect();
    let mut out_exc: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut in_exc: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (a, pairs) in found.iter().enumerate() {
        for &(b, flags) in pairs {
            let (a32, b) = (a as u32, b as usize);
            if flags & 1 != 0 {
                out_exc[a].push(b as u32);
                in_exc[b].push(a32);
            }
            if flags & 2 != 0 {
                out_exc[b].push(a32);
                in_exc[a].push(b as u32);
            }
        }
    }
    drop(found);
    for list in out_exc.iter_mut().chain(in_exc.iter_mut()) {
        list.sort_unstable();
    }
    let graph = Implicit {
        order,
        pos,
        lo,
        hi,
        out_exc,
        in_exc,
    };

    // Kosaraju: finishing order forward, then backward searches in reverse finishing order
    // each collect one component, sources first.
    let mut finished = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut unvisited = Unvisited::new(n);
    for v in 0..n {
        if !seen[v] {
            graph.search(v, true, &mut unvisited, &mut seen, |x| finished.push(x));
        }
    }
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut seen = vec![false; n];
    let mut unvisited = Unvisited::new(n);
    for &v in finished.iter().rev() {
        if !seen[v] {
            let mut comp = Vec::new();
            graph.search(v, false, &mut unvisited, &mut seen, |x| comp.push(x));
            comp.sort_unstable();
            comps.push(comp);
        }
    }
    let mut comp_of = vec![0usize; n];
    for (c, members) in comps.iter().enumerate() {
        for &v in members {
            comp_of[v] = c;
        }
    }

    let by = reached_by_implicit(&graph, &comps, &comp_of);
    let mut defeaters = vec![0u32; n];
    for (members, &by) in comps.iter().zip(&by) {
        for &v in members {
            defeaters[v] = by;
        }
    }

    // Inside each component, the dense refinement on a local margin matrix.
    let mut local = vec![u32::MAX; n];
    let mut scratch = Scratch::new(n);
    for comp in comps.iter().filter(|c| c.len() > 1) {
        let s = comp.len();
        if s > component_limit {
            return Err(RankError::TooManyItems {
                items: s,
                limit: component_limit,
            });
        }
        for (j, &v) in comp.iter().enumerate() {
            local[v] = j as u32;
        }
        let mut margins = vec![0.0f64; s * s];
        let fill_row = |s_: &mut Scratch, row: &mut [f64], a: usize| {
            for (x, &b) in row.iter_mut().zip(comp) {
                *x = if below && a != b {
                    listed[a] - listed[b]
                } else {
                    0.0
                };
            }
            cn.co_named(ballots, a, policy, s_, |b, ab, _| {
                if let Some(x) = local.get(b).and_then(|&j| row.get_mut(j as usize)) {
                    *x = ab;
                }
            });
        };
        // Rows fill the pairs toward larger items (members are sorted, so the upper triangle);
        // the lower one is its negation, exact in floating point (`0 − x`, so 0 stays `+0`).
        if s < 64 {
            for (row, &a) in margins.chunks_mut(s).zip(comp) {
                fill_row(&mut scratch, row, a);
            }
        } else {
            margins
                .par_chunks_mut(s)
                .zip(comp.par_iter())
                .for_each_init(|| Scratch::new(n), |s_, (row, &a)| fill_row(s_, row, a));
        }
        for i in 0..s {
            for j in i + 1..s {
                margins[j * s + i] = 0.0 - margins[i * s + j];
            }
        }
        let margin = |i: usize, j: usize| margins.get(i * s + j).copied().unwrap_or(0.0);
        let mut counts = vec![0u32; s];
        let all: Vec<usize> = (0..s).collect();
        refine_schulze(
            vec![(all, f64::NEG_INFINITY)],
            |i, j| i != j && margin(i, j) > tolerance,
            margin,
            tolerance,
            &mut counts,
        );
        for (&v, c) in comp.iter().zip(counts) {
            defeaters[v] += c;
            local[v] = u32::MAX;
        }
    }
    Ok(defeaters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_csv;
    use crate::pairwise::schulze_defeaters;
    use rand::{Rng, SeedableRng};
    use std::collections::HashMap;

    /// A random profile: `items` items, lists naming up to `max_len` of them, with ties,
    /// mentions and (sometimes) weights, fractional or not.
    fn random_profile(rng: &mut impl Rng, items: usize, lists: usize, max_len: usize) -> Profile {
        let mut csv = String::from("list_id,rank,item\n");
        for l in 0..lists {
            let mut pool: Vec<usize> = (0..items).collect();
            let k = rng.gen_range(1..=max_len.min(items));
            let mut rank = 0;
            for r in 0..k {
                let i = pool.swap_remove(rng.gen_range(0..pool.len()));
                if r == 0 || !rng.gen_bool(0.2) {
                    rank = r + 1;
                }
                if rng.gen_bool(0.15) {
                    csv.push_str(&format!("l{l},,i{i}\n"));
                } else {
                    csv.push_str(&format!("l{l},{rank},i{i}\n"));
                }
            }
        }
        let p = read_csv(csv.as_bytes()).unwrap();
        match rng.gen_range(0..3) {
            0 => p,
            kind => {
                let weights: HashMap<String, f64> = p
                    .ballots()
                    .iter()
                    .map(|b| {
                        let w = if kind == 1 {
                            f64::from(rng.gen_range(1..4u8)) * 0.5
                        } else {
                            rng.gen_range(0.05..3.0)
                        };
                        (b.label().to_string(), w)
                    })
                    .collect();
                p.with_weights(&weights).unwrap()
            }
        }
    }

    #[test]
    fn same_defeaters_as_the_matrix_on_random_profiles() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(29);
        let mut nontrivial = 0;
        for case in 0..600 {
            // Long lists over few items (every pair co-named) to short lists over many (most
            // pairs follow L alone).
            let items = rng.gen_range(2..40);
            let lists = rng.gen_range(1..25);
            let max_len = rng.gen_range(1..=items.min(12));
            let p = random_profile(&mut rng, items, lists, max_len);
            for policy in [Unlisted::BelowListed, Unlisted::Ignore] {
                let dense = schulze_defeaters(&PairwiseMatrix::new(&p, policy));
                let sparse = schulze_defeaters_without_matrix(&p, policy).unwrap();
                assert_eq!(sparse, dense, "case {case}, {policy:?}");
                if dense.iter().any(|&d| d > 0) {
                    nontrivial += 1;
                }
            }
        }
        // The cases must separate items, or the comparison proves little.
        assert!(nontrivial > 900, "{nontrivial}");
    }

    #[test]
    fn a_cycle_is_refined_inside_its_component() {
        // x>y>z (3), y>z>x (2), z>x>y (2): one component; the weakest link z>x is dropped.
        let mut csv = String::from("list_id,rank,item\n");
        let orders = [["x", "y", "z"]; 3]
            .into_iter()
            .chain([["y", "z", "x"]; 2])
            .chain([["z", "x", "y"]; 2]);
        for (i, order) in orders.enumerate() {
            for (r, item) in order.iter().enumerate() {
                csv.push_str(&format!("l{i},{},{item}\n", r + 1));
            }
        }
        csv.push_str("l9,1,w\n");
        let p = read_csv(csv.as_bytes()).unwrap();
        // w is named once: every other item beats it on L.
        let d = schulze_defeaters_without_matrix(&p, Unlisted::BelowListed).unwrap();
        let label = |i: usize| p.labels()[i].as_str();
        let by: HashMap<&str, u32> = (0..4).map(|i| (label(i), d[i])).collect();
        assert_eq!(by, HashMap::from([("x", 0), ("y", 1), ("z", 2), ("w", 3)]));
    }

    #[test]
    fn a_component_above_the_limit_is_refused() {
        let p =
            read_csv("list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,2,x\nc,1,z\n".as_bytes()).unwrap();
        // x and y tie, so with `ignore` nothing beats anything; a 3-cycle is needed.
        let cyc = read_csv(
            "list_id,rank,item\na,1,x\na,2,y\na,3,z\nb,1,y\nb,2,z\nb,3,x\nc,1,z\nc,2,x\nc,3,y\n"
                .as_bytes(),
        )
        .unwrap();
        assert!(schulze_sparse(&p, Unlisted::Ignore, 1).is_ok());
        assert!(matches!(
            schulze_sparse(&cyc, Unlisted::Ignore, 2),
            Err(RankError::TooManyItems { items: 3, limit: 2 })
        ));
        assert!(schulze_sparse(&cyc, Unlisted::Ignore, 3).is_ok());
    }
}
