//! `needledrop compare` (two lists side by side) and `needledrop agreement` (all lists).

use crate::support::{args, array, assert_says, peer_seeds, Expect, Sandbox};

#[test]
fn compare_and_agreement_read_the_input_file() {
    let sb = Sandbox::new();
    let out = sb.run(args![
        "compare",
        "looper",
        "list002",
        "--input",
        peer_seeds()
    ]);
    assert_says(&out, &["2 items in common", "Kendall tau-b"]);
    sb.cmd()
        .args(args!["compare", "looper", "nope", "--input", peer_seeds()])
        .fails(2);
    let json = sb.run_json(args![
        "agreement",
        "--format",
        "json",
        "--input",
        peer_seeds()
    ]);
    assert_eq!(json["matrix"]["values"][0][0], 1.0);
    assert_eq!(array(&json["to_consensus"]).len(), 2);
}
