//! Critic-like synthetic lists with a known truth, shared by the examples.
//!
//! Items `0..m` in true order (item 0 is the best). A list is a top-`k` draw from either
//! Plackett–Luce with Zipf worths `1/(i+1)^zipf` (Gumbel-top-k) or Mallows(φ) around the true
//! order (repeated selection: the next entry is the `r`-th best remaining item with probability
//! proportional to φ^r). With probability `mention_prob` a list also names the next 1–3 items of
//! its draw without a rank; with probability `tie_prob` a ranked entry shares the rank of the one
//! above it (printed competition style, 1,2,2,4).

use needledrop_rank::{ListInput, Profile};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Which model draws the lists.
#[derive(Debug, Clone, Copy)]
pub enum Model {
    /// Plackett–Luce with Zipf worths of this exponent.
    PlackettLuce { zipf: f64 },
    /// Mallows with this dispersion.
    Mallows { phi: f64 },
}

/// How a synthetic profile is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Critics {
    pub model: Model,
    pub lists: usize,
    pub items: usize,
    pub k: usize,
    pub mention_prob: f64,
    pub tie_prob: f64,
}

fn draw_order(c: &Critics, rng: &mut ChaCha8Rng, depth: usize) -> Vec<usize> {
    match c.model {
        Model::PlackettLuce { zipf } => {
            let mut keys: Vec<(f64, usize)> = (0..c.items)
                .map(|i| {
                    let u: f64 = rng.gen_range(f64::MIN_POSITIVE..1.0);
                    (-(i as f64 + 1.0).ln() * zipf - (-u.ln()).ln(), i)
                })
                .collect();
            keys.sort_by(|a, b| b.0.total_cmp(&a.0));
            keys.into_iter().take(depth).map(|(_, i)| i).collect()
        }
        Model::Mallows { phi } => {
            let mut remaining: Vec<usize> = (0..c.items).collect();
            let mut out = Vec::with_capacity(depth);
            for _ in 0..depth.min(c.items) {
                // P(r) ∝ φ^r over the remaining items, truncated where it is negligible.
                let window = remaining.len().min(200);
                let weights: Vec<f64> = (0..window).map(|r| phi.powi(r as i32)).collect();
                let total: f64 = weights.iter().sum();
                let mut u = rng.gen::<f64>() * total;
                let mut pick = window - 1;
                for (r, w) in weights.iter().enumerate() {
                    if u < *w {
                        pick = r;
                        break;
                    }
                    u -= w;
                }
                out.push(remaining.remove(pick));
            }
            out
        }
    }
}

/// Draws the lists; item `i` is labelled `t{i:05}` (so its true rank is readable).
pub fn draw(c: &Critics, rng: &mut ChaCha8Rng) -> Profile {
    let lists = (0..c.lists)
        .map(|l| {
            let mentions = if rng.gen_bool(c.mention_prob) {
                rng.gen_range(1..=3)
            } else {
                0
            };
            let order = draw_order(c, rng, c.k + mentions);
            let mut ranked = Vec::new();
            let mut printed = 0u32;
            for (pos, &item) in order.iter().take(c.k).enumerate() {
                if pos == 0 || !rng.gen_bool(c.tie_prob) {
                    printed = pos as u32 + 1;
                }
                ranked.push((printed, format!("t{item:05}")));
            }
            ListInput {
                label: format!("critic{l:04}"),
                ranked,
                mentions: order.iter().skip(c.k).map(|i| format!("t{i:05}")).collect(),
                ..ListInput::default()
            }
        })
        .collect();
    Profile::from_lists(lists).expect("generated lists are valid")
}

/// The true rank (1 = best) of every item of the profile among the profile's items.
pub fn true_ranks(p: &Profile) -> Vec<u32> {
    let mut truth: Vec<(usize, usize)> = p
        .labels()
        .iter()
        .enumerate()
        .map(|(id, l)| (l.trim_start_matches('t').parse().unwrap_or(usize::MAX), id))
        .collect();
    truth.sort_unstable();
    let mut ranks = vec![0u32; p.item_count()];
    for (r, &(_, id)) in truth.iter().enumerate() {
        ranks[id] = r as u32 + 1;
    }
    ranks
}
