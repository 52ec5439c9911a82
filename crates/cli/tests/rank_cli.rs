//! End-to-end tests of `needledrop rank`, `compare` and `agreement` on fixture files.

mod common;

use common::Sandbox;
use predicates::prelude::*;

const SEEDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/peers/seeds.csv"
);

/// Three critics; "Drive" is first twice, "Juno" is only mentioned, "Heat" and "Rocky" tie in c.
const SMALL: &str = "list_id,rank,item\n\
a,1,Drive\na,2,Heat\na,3,Rocky\n\
b,1,Drive\nb,2,Rocky\nb,,Juno\n\
c,1,Heat\nc,2,Rocky\nc,2,Drive\n";

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn csv_output_starts_with_rank_item_score_and_lists_every_item_best_first() {
    let s = Sandbox::new();
    let input = s.file("lists.csv", SMALL);
    let out = stdout_of(
        s.cmd()
            .args(["rank", "--format", "csv", "--input"])
            .arg(&input),
    );
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("rank,item,score"));
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    // Borda over 4 items: Drive 4+4+2.5 = 10.5, Heat 3+1.5+4 = 8.5, Rocky 2+3+2.5 = 7.5, Juno
    // 1.5+2+1.5 = 5.
    let items: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(items, ["Drive", "Heat", "Rocky", "Juno"]);
    assert_eq!(rows[0][2], "10.5");
}

#[test]
fn tied_items_share_a_rank_in_csv_output() {
    let s = Sandbox::new();
    let input = s.file("tie.csv", "list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,2,x\n");
    let out = stdout_of(
        s.cmd()
            .args(["rank", "--format", "csv", "--input"])
            .arg(&input),
    );
    let ranks: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ranks, ["1", "1"]);
}

#[test]
fn every_method_runs_on_the_seed_lists() {
    let s = Sandbox::new();
    for (method, _) in needledrop_rank::method::METHODS {
        let mut cmd = s.cmd();
        cmd.args([
            "rank", "--format", "json", "--method", method, "--input", SEEDS,
        ]);
        if *method == "points" {
            cmd.args(["--points", "10,9,8,7,6,5,4,3,2,1"]);
        }
        let out = stdout_of(&mut cmd);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["method"], *method);
        assert_eq!(json["rows"].as_array().unwrap().len(), 28, "{method}");
    }
}

#[test]
fn explain_shows_each_lists_rank_and_contribution() {
    let s = Sandbox::new();
    let input = s.file("lists.csv", SMALL);
    s.cmd()
        .args(["rank", "--explain", "drive", "--input"])
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("Drive is #1"))
        .stdout(predicate::str::contains("ranked 1"))
        .stdout(predicate::str::contains("4 points"))
        .stdout(predicate::str::contains("2.5 points"));
    s.cmd()
        .args([
            "rank",
            "--method",
            "schulze",
            "--explain",
            "Juno",
            "--input",
        ])
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("mentioned"))
        .stdout(predicate::str::contains("beats 1, loses to 2"));
}

#[test]
fn the_same_bootstrap_seed_gives_the_same_output() {
    let s = Sandbox::new();
    let run = |seed: &str| {
        stdout_of(s.cmd().args([
            "rank",
            "--bootstrap",
            "200",
            "--seed",
            seed,
            "--format",
            "csv",
            "--input",
            SEEDS,
        ]))
    };
    let first = run("7");
    assert_eq!(first, run("7"));
    assert!(first
        .lines()
        .next()
        .unwrap()
        .ends_with("rank_low,rank_high,prob_top_n"));
    assert_ne!(first, run("8"));
}

#[test]
fn compare_methods_shows_every_method_and_their_distances() {
    let s = Sandbox::new();
    s.cmd()
        .args(["rank", "--compare-methods", "--top", "3", "--input", SEEDS])
        .assert()
        .success()
        .stdout(predicate::str::contains("schulze"))
        .stdout(predicate::str::contains("kemeny-heuristic"))
        .stdout(predicate::str::contains("plackett-luce"))
        .stdout(predicate::str::contains("Kendall distance"));
}

#[test]
fn weights_change_the_winner() {
    let s = Sandbox::new();
    let input = s.file(
        "lists.csv",
        "list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,2,x\nc,1,y\n",
    );
    let weights = s.file("w.csv", "list_id,weight\na,5\n");
    let out = stdout_of(
        s.cmd()
            .args(["rank", "--format", "csv", "--input"])
            .arg(&input)
            .arg("--weights")
            .arg(&weights),
    );
    assert!(out.lines().nth(1).unwrap().starts_with("1,x,"));
}

fn bad_input(s: &Sandbox, args: &[&str], csv: &str, message: &str) {
    let input = s.file("bad.csv", csv);
    s.cmd()
        .arg("rank")
        .args(args)
        .arg("--input")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn bad_input_exits_with_code_2_and_says_what_and_where() {
    let s = Sandbox::new();
    bad_input(&s, &[], "list_id,rank,item\n", "no lists");
    bad_input(&s, &[], "list_id,rank,item\na,1,x\na,two,y\n", "line 3");
    bad_input(&s, &[], "list_id,rank,item\na,1,x\na,2\n", "line 3");
    bad_input(
        &s,
        &[],
        "list_id,rank,item\ncritic,1,x\ncritic,2,x\n",
        "list \"critic\" names \"x\" more than once",
    );
    bad_input(
        &s,
        &["--method", "points", "--points", "3,2"],
        "list_id,rank,item\na,1,x\na,2,y\na,3,z\n",
        "points table has 2 positions",
    );
    bad_input(
        &s,
        &["--method", "nope"],
        "list_id,rank,item\na,1,x\n",
        "unknown method",
    );
}

#[test]
fn bad_weights_exit_with_code_2() {
    let s = Sandbox::new();
    let input = s.file("lists.csv", "list_id,rank,item\na,1,x\nb,1,y\n");
    for (weights, message) in [
        ("list_id,weight\nzz,2\n", "no such list"),
        ("list_id,weight\na,-1\n", "must be finite and not negative"),
        ("list_id,weight\na,NaN\n", "must be finite and not negative"),
        ("list_id,weight\na,0\nb,0\n", "add up to zero"),
    ] {
        let w = s.file("w.csv", weights);
        s.cmd()
            .args(["rank", "--input"])
            .arg(&input)
            .arg("--weights")
            .arg(&w)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn exact_kemeny_refuses_a_huge_cycle_and_suggests_the_heuristic() {
    // Five lists, each a rotation of the same 150 items: one majority cycle over all of them.
    let mut csv = String::from("list_id,rank,item\n");
    for l in 0..5 {
        for k in 0..150 {
            csv.push_str(&format!("l{l},{},i{:03}\n", k + 1, (k + l * 30) % 150));
        }
    }
    let s = Sandbox::new();
    bad_input(&s, &["--method", "kemeny"], &csv, "kemeny-heuristic");
    let input = s.file("cycle.csv", &csv);
    s.cmd()
        .args([
            "rank",
            "--method",
            "kemeny-heuristic",
            "--top",
            "3",
            "--input",
        ])
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("lower-bound"));
}

#[test]
fn compare_and_agreement_read_the_input_file() {
    let s = Sandbox::new();
    s.cmd()
        .args(["compare", "looper", "list002", "--input", SEEDS])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 items in common"))
        .stdout(predicate::str::contains("Kendall tau-b"));
    s.cmd()
        .args(["compare", "looper", "nope", "--input", SEEDS])
        .assert()
        .code(2);
    let out = stdout_of(
        s.cmd()
            .args(["agreement", "--format", "json", "--input", SEEDS]),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["matrix"]["values"][0][0], 1.0);
    assert_eq!(json["to_consensus"].as_array().unwrap().len(), 2);
}

#[test]
fn rank_reads_stored_lists_as_resolved_films() {
    let s = Sandbox::new();
    // Two lists that spell one film differently: one film, shown with its year.
    let file = s.file(
        "two.csv",
        "list_id,rank,item\nx,1,Moulin Rouge!\nx,2,Drive\ny,1,moulin rouge\ny,2,Heat\n",
    );
    s.cmd().arg("ingest").arg(&file).assert().success();
    let out = stdout_of(s.cmd().args(["rank", "--format", "csv"]));
    let first = out.lines().nth(1).unwrap();
    assert!(first.starts_with("1,Moulin Rouge! (2001),"), "{out}");
    assert_eq!(out.lines().count(), 4);
}

#[test]
fn rank_without_lists_says_how_to_add_some() {
    let s = Sandbox::new();
    s.cmd()
        .arg("rank")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needledrop ingest"));
}

/// Review finding: an absurd replicate count aborted with an allocation failure.
#[test]
fn an_absurd_bootstrap_count_is_bad_input() {
    let s = Sandbox::new();
    let input = s.file("lists.csv", SMALL);
    s.cmd()
        .args(["rank", "--bootstrap", "18446744073709551615", "--input"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at most"));
}
