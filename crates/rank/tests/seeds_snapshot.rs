//! The two seed lists together under every method: the full consensus table and the
//! explanation of the top item, as snapshots (`tests/snapshots/`). Input:
//! `../shared/fixtures/peers/seeds.csv` (list 000 ranked 10–1, list 002 ranked 10–1 plus ten
//! unranked mentions).

use needledrop_rank::method::{by_name, MethodOptions, METHODS};
use needledrop_rank::positional::PointsTable;
use needledrop_rank::{csv_input, Consensus, Contribution, Explanation, Placement};
use std::fmt::Write;

const SEEDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/peers/seeds.csv"
);

fn render(c: &Consensus, e: &Explanation) -> String {
    let mut out = String::new();
    let params: Vec<String> = c
        .parameters
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let _ = writeln!(out, "method: {} ({})", c.method, params.join(", "));
    let _ = writeln!(
        out,
        "rank  item                            score       ranked  mentioned  best  median  #1"
    );
    for r in &c.rows {
        let rank = format!("{}{}", r.rank, if r.tied { "=" } else { "" });
        let _ = writeln!(
            out,
            "{:<5} {:<31} {:<11.6} {:<7} {:<10} {:<5} {:<7} {}",
            rank,
            r.label,
            r.score,
            r.lists_ranking,
            r.lists_mentioning,
            r.best_rank.map_or("-".into(), |b| b.to_string()),
            r.median_rank.map_or("-".into(), |m| m.to_string()),
            r.first_places
        );
    }
    let _ = writeln!(out, "\nwhy {} is first:", e.label);
    for l in &e.lists {
        let placement = match l.placement {
            Placement::Ranked(r) => format!("ranked {r}"),
            Placement::Mentioned => "mentioned".into(),
            Placement::Unlisted => "not listed".into(),
        };
        let contribution = match &l.contribution {
            Contribution::None => String::new(),
            Contribution::Points { points } => format!("{points:.6} points"),
            Contribution::Rank { rank } => format!("rank {rank}"),
            Contribution::Pairwise { wins, losses } => format!("beats {wins}, loses to {losses}"),
        };
        let _ = writeln!(out, "  {:<10} {:<12} {}", l.list, placement, contribution);
    }
    out
}

#[test]
fn seed_lists_under_every_method() {
    let file = std::fs::File::open(SEEDS).expect("seeds.csv");
    let profile = csv_input::read_csv(file).unwrap();
    let options = MethodOptions {
        points: Some(PointsTable::parse("10,9,8,7,6,5,4,3,2,1;mention=0.5").unwrap()),
        ..MethodOptions::default()
    };
    for (name, _) in METHODS {
        let method = by_name(name, &options).unwrap();
        let consensus = method.aggregate(&profile).unwrap();
        assert_eq!(consensus.rows.len(), profile.item_count());
        let top = consensus.rows[0].item;
        let explanation = method.explain(&profile, top).unwrap();
        insta::assert_snapshot!(format!("seeds__{name}"), render(&consensus, &explanation));
    }
}
