//! `needledrop rank` on fixture files and on the stored lists.

use crate::support::{args, array, assert_says, data_dir, peer_seeds, Expect, Sandbox, NO_ARGS};

/// Three critics; "Drive" is first twice, "Juno" is only mentioned, "Heat" and "Rocky" tie in c.
const SMALL: &str = "list_id,rank,item\n\
a,1,Drive\na,2,Heat\na,3,Rocky\n\
b,1,Drive\nb,2,Rocky\nb,,Juno\n\
c,1,Heat\nc,2,Rocky\nc,2,Drive\n";

#[test]
fn csv_output_starts_with_rank_item_score_and_lists_every_item_best_first() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    let csv = sb.rank_csv(args!["--input", input]);
    assert!(csv.header.join(",").starts_with("rank,item,score"));
    assert_eq!(csv.rows.len(), 4);
    // Borda over 4 items: Drive 4+4+2.5 = 10.5, Heat 3+1.5+4 = 8.5, Rocky 2+3+2.5 = 7.5, Juno
    // 1.5+2+1.5 = 5.
    assert_eq!(csv.column(1), ["Drive", "Heat", "Rocky", "Juno"]);
    assert_eq!(csv.rows[0][2], "10.5");
}

#[test]
fn tied_items_share_a_rank_in_csv_output() {
    let sb = Sandbox::new();
    let input = sb.write("tie.csv", "list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,2,x\n");
    assert_eq!(sb.rank_csv(args!["--input", input]).column(0), ["1", "1"]);
}

#[test]
fn every_method_runs_on_the_seed_lists() {
    let sb = Sandbox::new();
    for (method, _) in needledrop_rank::method::METHODS {
        let mut args = args!["--method", method, "--input", peer_seeds()];
        if *method == "points" {
            args.extend(args!["--points", "10,9,8,7,6,5,4,3,2,1"]);
        }
        let json = sb.rank_json(args);
        assert_eq!(json["method"], *method);
        assert_eq!(array(&json["rows"]).len(), 28, "{method}");
    }
}

#[test]
fn explain_shows_each_lists_rank_and_contribution() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    let out = sb.run(args!["rank", "--explain", "drive", "--input", input]);
    assert_says(&out, &["Drive is #1", "ranked 1", "4 points", "2.5 points"]);
    let out = sb.run(args![
        "rank",
        "--method",
        "schulze",
        "--explain",
        "Juno",
        "--input",
        input
    ]);
    assert_says(&out, &["mentioned", "beats 1, loses to 2"]);
}

#[test]
fn the_same_bootstrap_seed_gives_the_same_output() {
    let sb = Sandbox::new();
    let run = |seed: &str| {
        sb.run(args![
            "rank",
            "--bootstrap",
            "200",
            "--seed",
            seed,
            "--format",
            "csv",
            "--input",
            peer_seeds(),
        ])
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
    let sb = Sandbox::new();
    let out = sb.run(args![
        "rank",
        "--compare-methods",
        "--top",
        "3",
        "--input",
        peer_seeds()
    ]);
    assert_says(
        &out,
        &[
            "schulze",
            "kemeny-heuristic",
            "plackett-luce",
            "Kendall distance",
        ],
    );
}

#[test]
fn weights_change_the_winner() {
    let sb = Sandbox::new();
    let input = sb.write(
        "lists.csv",
        "list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,2,x\nc,1,y\n",
    );
    let weights = sb.write("w.csv", "list_id,weight\na,5\n");
    let csv = sb.rank_csv(args!["--input", input, "--weights", weights]);
    assert_eq!(csv.rows[0][..2], ["1", "x"]);
}

/// `needledrop rank FLAGS --input bad.csv`, with `csv` in bad.csv, exits with code 2 and says
/// `message`.
fn bad_input(sb: &Sandbox, flags: &[&str], csv: &str, message: &str) {
    let input = sb.write("bad.csv", csv);
    sb.cmd()
        .arg("rank")
        .args(flags)
        .arg("--input")
        .arg(&input)
        .fails_with(2, message);
}

#[test]
fn bad_input_exits_with_code_2_and_says_what_and_where() {
    let sb = Sandbox::new();
    bad_input(&sb, &[], "list_id,rank,item\n", "no lists");
    bad_input(&sb, &[], "list_id,rank,item\na,1,x\na,two,y\n", "line 3");
    bad_input(&sb, &[], "list_id,rank,item\na,1,x\na,2\n", "line 3");
    bad_input(
        &sb,
        &[],
        "list_id,rank,item\ncritic,1,x\ncritic,2,x\n",
        "list \"critic\" names \"x\" more than once",
    );
    bad_input(
        &sb,
        &["--method", "points", "--points", "3,2"],
        "list_id,rank,item\na,1,x\na,2,y\na,3,z\n",
        "points table has 2 positions",
    );
    bad_input(
        &sb,
        &["--method", "nope"],
        "list_id,rank,item\na,1,x\n",
        "unknown method",
    );
}

#[test]
fn bad_weights_exit_with_code_2() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", "list_id,rank,item\na,1,x\nb,1,y\n");
    for (weights, message) in [
        ("list_id,weight\nzz,2\n", "no such list"),
        ("list_id,weight\na,-1\n", "must be a number from 0"),
        ("list_id,weight\na,NaN\n", "must be a number from 0"),
        ("list_id,weight\na,0\nb,0\n", "add up to zero"),
    ] {
        let w = sb.write("w.csv", weights);
        sb.fails_with(args!["rank", "--input", input, "--weights", w], 2, message);
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
    let sb = Sandbox::new();
    bad_input(&sb, &["--method", "kemeny"], &csv, "kemeny-heuristic");
    let input = sb.write("cycle.csv", &csv);
    let out = sb.run(args![
        "rank",
        "--method",
        "kemeny-heuristic",
        "--top",
        "3",
        "--input",
        input
    ]);
    assert_says(&out, &["lower-bound"]);
}

#[test]
fn rank_reads_stored_lists_as_resolved_films() {
    let sb = Sandbox::new();
    // Two lists that spell one film differently: one film, shown with its year.
    let file = sb.write(
        "two.csv",
        "list_id,rank,item\nx,1,Moulin Rouge!\nx,2,Drive\ny,1,moulin rouge\ny,2,Heat\n",
    );
    sb.ingest(&[file]);
    let csv = sb.rank_csv(NO_ARGS);
    assert_eq!(csv.rows[0][..2], ["1", "Moulin Rouge! (2001)"], "{csv:?}");
    assert_eq!(csv.rows.len(), 3, "{csv:?}");
}

#[test]
fn rank_without_lists_says_how_to_add_some() {
    let sb = Sandbox::new();
    sb.fails_with(["rank"], 2, "needledrop ingest");
}

/// Review finding: an absurd replicate count aborted with an allocation failure.
#[test]
fn an_absurd_bootstrap_count_is_bad_input() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    sb.fails_with(
        args![
            "rank",
            "--bootstrap",
            "18446744073709551615",
            "--input",
            input
        ],
        2,
        "at most",
    );
}

#[test]
fn a_list_naming_a_film_twice_is_ranked_with_the_film_once_at_its_best_rank() {
    let sb = Sandbox::new();
    // Counting down, one film printed twice and another under two spellings (as a song list
    // names a film once per song).
    let songs = sb.write(
        "songs.txt",
        "Five songs\n\n5. Purple Rain (1984)\n\n4. Drive\n\n3. Pulp Fiction\n\n\
         2. Purple Rain\n\n1. pulp fiction\n",
    );
    sb.ingest(&[&songs]);
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("counts once"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = array(&json["rows"]);
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    let pulp = rows.iter().find(|r| r["title"] == "Pulp Fiction").unwrap();
    assert_eq!(pulp["best_rank"], 1);
    assert!(pulp["film_id"].is_number() && pulp["year"] == 1994);
}

#[test]
fn an_option_the_method_would_ignore_is_refused() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    sb.fails_with(
        args!["rank", "--input", &input, "--unlisted", "ignore"],
        2,
        "does not use it",
    );
    sb.fails_with(
        args![
            "rank",
            "--input",
            &input,
            "--method",
            "schulze",
            "--penalty",
            "3"
        ],
        2,
        "penalty",
    );
    // The same option with a method that uses it is fine.
    sb.run(args![
        "rank",
        "--input",
        &input,
        "--method",
        "schulze",
        "--unlisted",
        "ignore"
    ]);
}

#[test]
fn the_n_of_p_top_n_is_its_own_flag() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    let json = sb.rank_json(args![
        "--input",
        &input,
        "--bootstrap",
        "20",
        "--top-n",
        "2",
        "--top",
        "1"
    ]);
    assert_eq!(json["bootstrap"]["top_n"], 2);
    assert_eq!(array(&json["rows"]).len(), 1);
}

/// Seed 002's stated rule, as a policy file, applied to both seed lists.
#[test]
fn seed_002s_eligibility_rule_excludes_musicals_and_musicians_stories_but_its_exceptions() {
    let sb = Sandbox::new();
    sb.ingest(&[
        data_dir().join("lists/000-looper.json"),
        data_dir().join("lists/002-soundtracks.toml"),
    ]);
    let policy = data_dir().join("policies/no-musicals.toml");
    let all = sb.rank_json(NO_ARGS);
    let json = sb.rank_json(args!["--policy", policy]);
    let titles = |j: &serde_json::Value| -> Vec<String> {
        array(&j["rows"])
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (before, after) = (titles(&all), titles(&json));
    for gone in ["Moulin Rouge!", "Purple Rain"] {
        assert!(
            before.iter().any(|t| t == gone),
            "{gone} is ranked without the rule"
        );
        assert!(!after.iter().any(|t| t == gone), "{gone} is excluded");
    }
    for kept in [
        "This Is Spinal Tap",
        "Velvet Goldmine",
        "Almost Famous",
        "Pulp Fiction",
    ] {
        assert!(after.iter().any(|t| t == kept), "{kept} stays: {after:?}");
    }
    let excluded = array(&json["eligibility"]["excluded"]);
    let reasons: Vec<String> = excluded
        .iter()
        .map(|x| format!("{}: {}", x["title"], x["reason"]))
        .collect();
    assert_eq!(excluded.len(), 2, "{reasons:?}");
    assert!(reasons
        .iter()
        .any(|r| r.contains("Moulin Rouge!") && r.contains("a musical")));
    assert!(reasons
        .iter()
        .any(|r| r.contains("Purple Rain") && r.contains("musicians")));
    // The table says which rules applied and what they excluded.
    let table = sb.run(args!["rank", "--policy", policy]);
    assert_says(
        &table,
        &[
            "No musicals",
            "excluded Purple Rain (1984)",
            "kept whatever",
        ],
    );
}

#[test]
fn filters_keep_a_decade_and_films_named_by_enough_lists() {
    let sb = Sandbox::new();
    sb.ingest(&[
        data_dir().join("lists/000-looper.json"),
        data_dir().join("lists/002-soundtracks.toml"),
    ]);
    let nineties = sb.rank_json(["--decade", "1990"]);
    for r in array(&nineties["rows"]) {
        let y = r["year"].as_i64().unwrap();
        assert!((1990..=1999).contains(&y), "{r}");
    }
    let both = sb.rank_json(["--min-sources", "2"]);
    for r in array(&both["rows"]) {
        assert!(array(&r["lists"]).len() >= 2, "{r}");
    }
    sb.fails_with(["rank", "--decade", "1995"], 2, "not a decade");
    sb.fails_with(["rank", "--kind", "opera"], 2, "compilation");
    let bad = sb.write("bad.toml", "min_source = 2\n");
    sb.fails_with(args!["rank", "--policy", bad], 2, "min_source");
}

#[test]
fn why_shows_the_per_list_difference_between_two_items() {
    let sb = Sandbox::new();
    let input = sb.write("lists.csv", SMALL);
    let json = sb.rank_json(args!["--input", input, "--why", "Drive", "Heat"]);
    assert_eq!(json["a"]["label"], "Drive");
    assert_eq!(json["b"]["label"], "Heat");
    // a puts Drive first, b ranks Drive and leaves Heat out, c puts Heat above Drive.
    assert_eq!(json["lists_for_a"], 2.0);
    assert_eq!(json["lists_for_b"], 1.0);
    let lines = array(&json["lists"]);
    assert_eq!(lines.len(), 3);
    let c = lines.iter().find(|l| l["list"] == "c").unwrap();
    assert_eq!(c["prefers"], -1);
    assert!(c["a_contribution"].as_f64().unwrap() < c["b_contribution"].as_f64().unwrap());
    let table = sb.run(args!["rank", "--input", input, "--why", "Drive", "Heat"]);
    assert_says(&table, &["Drive is #1", "Heat is #2", "favours"]);
    sb.fails_with(
        args!["rank", "--input", input, "--why", "Drive", "Nope"],
        2,
        "Nope",
    );
}

/// The 40 ballots of one poll file are one source: the "sources" column counts them once, and
/// under the per-source policy their weights add up to one source's.
#[test]
fn the_sources_column_counts_a_polls_ballots_as_one_source_with_the_weight_beside_it() {
    let sb = Sandbox::new();
    let article = sb.write(
        "article.txt",
        "Best scores\n\n2. Drive (2011)\n\n1. Pulp Fiction (1994)\n",
    );
    sb.ingest(&[data_dir().join("lists/film-club-ballots.toi"), article]);
    let rows = sb.ranked_rows();
    let pulp = rows
        .iter()
        .find(|r| r["title"] == "Pulp Fiction")
        .expect("Pulp Fiction is ranked");
    assert!(pulp["lists_ranking"].as_u64().unwrap() > 2, "{pulp}");
    assert_eq!(pulp["sources"], 2, "{pulp}");
    let weighted = pulp["weighted_sources"].as_f64().unwrap();
    assert!(weighted > 1.0 && weighted <= 2.0 + 1e-9, "{pulp}");
    // Each list a vote: the ballots count one by one.
    let per_list = sb.rank_json(["--weighting", "per-list"]);
    let pulp_per_list = array(&per_list["rows"])
        .iter()
        .find(|r| r["title"] == "Pulp Fiction")
        .unwrap()
        .clone();
    assert_eq!(pulp_per_list["sources"], 2);
    assert!(pulp_per_list["weighted_sources"].as_f64().unwrap() > 2.0);
    let csv = sb.rank_csv(NO_ARGS);
    let at = |name: &str| csv.header.iter().position(|h| h == name).unwrap();
    let pulp_row = csv
        .rows
        .iter()
        .find(|r| r[at("title")] == "Pulp Fiction")
        .unwrap();
    assert_eq!(pulp_row[at("sources")], "2");
    assert_says(&sb.run(["rank"]), &["sources", "weighted"]);
}

/// Page 1 of a "top 30", printed from 30 down to 11, beside a top 10: scored by printed rank
/// and declared size, and its first entry is no #1.
#[test]
fn a_page_printed_30_to_11_is_ranked_by_its_printed_ranks() {
    let sb = Sandbox::new();
    let mut page = String::from("The 30 best soundtracks, page 1 of 3\n\n");
    let films = [
        "Drive (2011)",
        "Juno (2007)",
        "Heat (1995)",
        "Rocky (1976)",
        "Jaws (1975)",
        "Amelie (2001)",
        "Vertigo (1958)",
        "Psycho (1960)",
        "Alien (1979)",
        "Superfly (1972)",
    ];
    for (i, film) in films.iter().enumerate() {
        page.push_str(&format!("{}. {film}\n\n", 20 - i));
    }
    let top = "Top 10\n\n3. Goodfellas (1990)\n\n2. Grease (1978)\n\n1. Purple Rain (1984)\n";
    sb.ingest(&[sb.write("page.txt", page), sb.write("top.txt", top)]);
    let list = sb.run_json(["show", "list", "1", "--json"]);
    assert_eq!(list["entries"][9]["rank"], 11, "{list}");
    for method in ["borda", "share", "metacritic"] {
        let json = sb.rank_json(["--method", method]);
        let rows = array(&json["rows"]);
        let row = |title: &str| rows.iter().find(|r| r["title"] == title).unwrap().clone();
        assert_eq!(row("Superfly")["first_places"], 0, "{method}");
        assert_eq!(row("Superfly")["best_rank"], 11, "{method}");
        assert_eq!(row("Purple Rain")["first_places"], 1, "{method}");
        assert_eq!(rows[0]["title"], "Purple Rain", "{method}");
    }
}

/// `rank --items songs`: the songs themselves, each at the printed rank of the entry citing it,
/// with artist and films; a song named by two lists outranks one named once.
#[test]
fn items_songs_ranks_the_cited_songs_with_artists_and_films() {
    let sb = Sandbox::new();
    let a = sb.write(
        "a.txt",
        "Best needle drops\n\n3. Garden State (2004)\n\n\"New Slang\" by The Shins plays.\n\n\
         2. Pulp Fiction (1994)\n\n\"Misirlou\" by Dick Dale opens it.\n\n\
         1. Purple Rain (1984)\n\n\"When Doves Cry\" by Prince.\n",
    );
    let b = sb.write(
        "b.txt",
        "More needle drops\n\n2. Purple Rain (1984)\n\n\"When Doves Cry\" by Prince.\n\n\
         1. Pulp Fiction (1994)\n\n\"Misirlou\" by Dick Dale.\n",
    );
    sb.ingest(&[&a, &b]);
    let json = sb.rank_json(["--items", "songs", "--method", "borda"]);
    let rows = array(&json["rows"]);
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 3, "{json}");
    assert_eq!(titles[2], "New Slang", "{titles:?}");
    let doves = rows
        .iter()
        .find(|r| r["title"] == "When Doves Cry")
        .unwrap();
    assert_eq!(doves["artist"], "Prince");
    assert_eq!(doves["films"][0], "Purple Rain (1984)");
    assert_eq!(doves["sources"], 2);
    assert_eq!(doves["best_rank"], 1);
    let csv = sb.rank_csv(["--items", "songs"]);
    assert_eq!(csv.rows.len(), 3);
    assert!(
        csv.column(1).iter().any(|i| i.contains("Dick Dale")),
        "{:?}",
        csv.column(1)
    );
    assert_says(
        &sb.run(["rank", "--items", "songs"]),
        &["Misirlou", "Dick Dale"],
    );
    sb.fails_with(
        args!["rank", "--items", "songs", "--explain", "Misirlou"],
        2,
        "--items songs",
    );
}

/// The duplicate policy is selectable: at its worst printed rank, the film named twice falls.
#[test]
fn a_film_named_twice_can_count_at_its_worst_rank_instead() {
    let sb = Sandbox::new();
    let songs = sb.write(
        "songs.txt",
        "Four songs\n\n4. Purple Rain (1984)\n\n3. Drive (2011)\n\n2. Juno (2007)\n\n\
         1. Purple Rain\n",
    );
    sb.ingest(&[&songs]);
    let best_rank = |flags: &[&str]| {
        let json = sb.rank_json(flags);
        array(&json["rows"])
            .iter()
            .find(|r| r["title"] == "Purple Rain")
            .map(|r| (r["rank"].clone(), r["best_rank"].clone()))
            .unwrap()
    };
    assert_eq!(best_rank(&[]), (1.into(), 1.into()));
    sb.cmd()
        .args(["rank", "--duplicates", "worst"])
        .assert()
        .success()
        .stderr(predicates::str::contains("at its worst rank 4"));
    assert_eq!(best_rank(&["--duplicates", "worst"]), (3.into(), 4.into()));
    sb.fails_with(["rank", "--duplicates", "first"], 2, "best or worst");
    sb.fails_with(
        ["rank", "--items", "songs", "--duplicates", "worst"],
        2,
        "--duplicates",
    );
}

/// Two pages of one list (same outlet and title, ranks continuing) are one list in the ranking,
/// with a warning; a missing rank is named.
#[test]
fn two_pages_of_one_list_count_as_one_list() {
    let sb = Sandbox::new();
    let page1 = sb.write(
        "page1.txt",
        "The 6 best soundtracks\n\n6. Heat (1995)\n\n5. Rocky (1976)\n\n4. Jaws (1975)\n",
    );
    let page2 = sb.write(
        "page2.txt",
        "The 6 best soundtracks, page 2\n\n3. Juno (2007)\n\n1. Drive (2011)\n",
    );
    for page in [&page1, &page2] {
        sb.run(args!["ingest", "--outlet", "Example Weekly", page]);
    }
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pages of one list and count as one"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of its ranks 1–6 are on no stored page"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["list_count"], 1, "{json}");
    let rows = array(&json["rows"]);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["title"], "Drive");
    assert_eq!(rows[4]["title"], "Heat");
    assert!(rows.iter().all(|r| r["lists_ranking"] == 1));
}
