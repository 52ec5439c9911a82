//! How honest are the bootstrap's 90% rank intervals? On critic-like lists drawn with a known
//! truth (`support/critics.rs`: top-10 lists with mentions and ties, Plackett–Luce and Mallows),
//! the share of items whose true rank (among the items the lists name) lies inside their
//! interval, overall and for the true top 10, the middle and the tail.
//!
//! ```sh
//! cargo run --release -p needledrop-rank --example bootstrap_coverage [DATASETS] [REPLICATES]
//! ```

#[path = "support/critics.rs"]
#[allow(dead_code)]
mod critics;

use critics::{Critics, Model};
use needledrop_rank::bootstrap::Bootstrap;
use needledrop_rank::method::by_name;
use needledrop_rank::method::MethodOptions;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn main() {
    let mut args = std::env::args().skip(1);
    let datasets: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let replicates: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let scenarios = [
        (
            "PL zipf 1.0, 30 lists",
            Model::PlackettLuce { zipf: 1.0 },
            30,
        ),
        (
            "PL zipf 1.0, 100 lists",
            Model::PlackettLuce { zipf: 1.0 },
            100,
        ),
        (
            "PL zipf 0.6, 50 lists",
            Model::PlackettLuce { zipf: 0.6 },
            50,
        ),
        ("Mallows 0.8, 30 lists", Model::Mallows { phi: 0.8 }, 30),
        ("Mallows 0.9, 100 lists", Model::Mallows { phi: 0.9 }, 100),
    ];
    println!(
        "bootstrap 90% rank intervals: share of items whose true rank is inside \
         ({datasets} datasets x {replicates} replicates each; 150 candidate items, top-10 \
         lists, 30% with 1-3 mentions, 10% ties)\n"
    );
    println!(
        "| method | scenario | all items | true top 10 | true 11-30 | rest (tail) | mean width |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for method_name in ["borda", "metacritic", "rrf", "mean-rank"] {
        let method = by_name(method_name, &MethodOptions::default()).expect("known method");
        for (name, model, lists) in scenarios {
            let mut hit = [0usize; 4];
            let mut count = [0usize; 4];
            let mut width = 0.0;
            for d in 0..datasets {
                let c = Critics {
                    model,
                    lists,
                    items: 150,
                    k: 10,
                    mention_prob: 0.3,
                    tie_prob: 0.1,
                };
                let mut rng = ChaCha8Rng::seed_from_u64(1000 + d as u64);
                let p = critics::draw(&c, &mut rng);
                let truth = critics::true_ranks(&p);
                let report = Bootstrap {
                    replicates,
                    seed: d as u64,
                    top_n: 10,
                    level: 0.9,
                }
                .run(&p, &*method)
                .expect("bootstrap");
                for u in &report.items {
                    let t = truth[u.item.index()];
                    let band = match t {
                        1..=10 => 1,
                        11..=30 => 2,
                        _ => 3,
                    };
                    let inside = usize::from(u.rank_low <= t && t <= u.rank_high);
                    for b in [0, band] {
                        hit[b] += inside;
                        count[b] += 1;
                    }
                    width += f64::from(u.rank_high - u.rank_low);
                }
            }
            let pct = |b: usize| 100.0 * hit[b] as f64 / count[b].max(1) as f64;
            println!(
                "| {method_name} | {name} | {:.1}% | {:.1}% | {:.1}% | {:.1}% | {:.1} |",
                pct(0),
                pct(1),
                pct(2),
                pct(3),
                width / count[0].max(1) as f64
            );
        }
    }
}
