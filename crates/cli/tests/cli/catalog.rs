//! `needledrop catalog import` and `catalog search`, and the commands that curate films in it
//! (`merge`, `alias`).

use crate::support::{args, Expect, Sandbox};
use std::io::Write;

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn merging_a_film_with_itself_is_bad_input() {
    let sb = Sandbox::new();
    sb.import_catalog();
    sb.fails_with(["merge", "3", "3"], 2, "itself");
}

#[test]
fn an_alias_that_is_another_films_title_is_refused() {
    let sb = Sandbox::new();
    sb.import_catalog();
    let rushmore = sb.search_json("Rushmore")[0]["id"].as_i64().unwrap();
    sb.cmd()
        .args(["alias", &rushmore.to_string(), "Pulp Fiction"])
        .fails(2);
}

#[test]
fn a_truncated_gzip_imports_nothing() {
    let sb = Sandbox::new();
    let tsv = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
               tt9000001\tmovie\tSome Film\tSome Film\t0\t1999\t\\N\t100\tDrama\n"
        .repeat(200);
    let bytes = gz(tsv.as_bytes());
    let f = sb.write("title.basics.tsv.gz", &bytes[..bytes.len() / 2]);
    sb.fails_with(args!["catalog", "import", f], 2, "title.basics.tsv.gz");
    assert_eq!(sb.search_json("Some Film"), serde_json::json!([]));
}

#[test]
fn a_tsv_with_a_wrong_header_is_refused() {
    let sb = Sandbox::new();
    let f = sb.write("title.basics.tsv", "id\ttype\ttitle\nx\tmovie\tA Film\n");
    sb.fails_with(args!["catalog", "import", f], 2, "header");
}

#[test]
fn importing_the_same_catalog_twice_changes_nothing() {
    let sb = Sandbox::new();
    let first = sb.import_catalog();
    let second = sb.import_catalog();
    assert_eq!(first, second);
}
