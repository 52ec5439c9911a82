//! The importers on files in the exact layout IMDb publishes (gzipped in the test), and on our
//! own TOML/CSV format: good files, bad rows, wrong headers, truncated gzip, re-import.

use flate2::write::GzEncoder;
use flate2::Compression;
use needledrop_catalog::{
    import_into, Catalog, ImdbFile, ImdbReader, ImportError, ImportFailure, Query, Record, Source,
};
use std::io::Write;
use std::path::{Path, PathBuf};

const BASICS: &str = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres
tt0110912\tmovie\tPulp Fiction\tPulp Fiction\t0\t1994\t\\N\t154\tCrime,Drama
tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance
tt0115964\tmovie\tCrash\tCrash\t0\t1996\t\\N\t100\tDrama,Thriller
tt0375679\tmovie\tCrash\tCrash\t0\t2004\t\\N\t112\tCrime,Drama,Thriller
tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49\tCrime,Drama,Thriller
tt9999991\tmovie\tUntitled Project\tUntitled Project\t0\t\\N\t\\N\t\\N\t\\N
";
const AKAS: &str = "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle
tt0211915\t1\tAmelie\tUS\t\\N\timdbDisplay\t\\N\t0
tt0211915\t2\tDie fabelhafte Welt der Amélie\tDE\t\\N\timdbDisplay\t\\N\t0
tt0903747\t1\tBreaking Bad\tUS\t\\N\t\\N\t\\N\t0
tt0110912\t3\tTiempos violentos\tAR\t\\N\timdbDisplay\t\\N\t0
";
const CREW: &str = "tconst\tdirectors\twriters
tt0110912\tnm0000233\tnm0000233,nm0000812
tt0115964\tnm0000343\tnm0000343
tt0375679\tnm0361327\tnm0361327,nm0562862
tt0211915\tnm0000466\tnm0000466
tt0903747\t\\N\tnm0319213
";
const NAMES: &str = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles
nm0000233\tQuentin Tarantino\t1963\t\\N\twriter,director,actor\ttt0110912
nm0000343\tDavid Cronenberg\t1943\t\\N\twriter,director,actor\ttt0115964
nm0361327\tPaul Haggis\t1953\t\\N\twriter,producer,director\ttt0375679
nm0000466\tJean-Pierre Jeunet\t1953\t\\N\twriter,director\ttt0211915
nm0319213\tVince Gilligan\t1967\t\\N\twriter,producer\ttt0903747
";

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn imdb_dir() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    // Given out of order on purpose: the importer orders them.
    let paths = vec![
        write(dir.path(), "name.basics.tsv.gz", &gz(NAMES.as_bytes())),
        write(dir.path(), "title.crew.tsv.gz", &gz(CREW.as_bytes())),
        write(dir.path(), "title.akas.tsv.gz", &gz(AKAS.as_bytes())),
        write(dir.path(), "title.basics.tsv.gz", &gz(BASICS.as_bytes())),
    ];
    (dir, paths)
}

fn import(
    paths: &[PathBuf],
    catalog: &mut Catalog,
) -> Result<u64, ImportFailure<needledrop_catalog::CatalogError>> {
    let sources = Source::open_all(paths)?;
    let fed = import_into(sources.into_iter().flatten(), catalog)?;
    catalog.finish_import();
    Ok(fed)
}

#[test]
fn imdb_files_build_a_catalog_of_movies_only() {
    let (_dir, paths) = imdb_dir();
    let mut catalog = Catalog::new();
    import(&paths, &mut catalog).unwrap();
    // Breaking Bad is a series: not imported, nor its aka or crew.
    assert_eq!(catalog.len(), 5);
    assert!(catalog
        .resolve(&Query::title("Breaking Bad"))
        .film()
        .is_none());
    let pulp = catalog.find_imdb("tt0110912").unwrap();
    let film = catalog.get(pulp).unwrap();
    assert_eq!(film.directors, vec!["Quentin Tarantino"]);
    assert_eq!(film.genres, vec!["Crime", "Drama"]);
    assert_eq!(film.year.map(|y| y.get()), Some(1994));
    assert_eq!(
        catalog.resolve(&Query::title("Tiempos violentos")).film(),
        Some(pulp)
    );
    // originalTitle and akas are aliases.
    let amelie = catalog.find_imdb("tt0211915").unwrap();
    for t in [
        "Le fabuleux destin d'Amélie Poulain",
        "Die fabelhafte Welt der Amélie",
        "Amelie",
    ] {
        assert_eq!(
            catalog.resolve(&Query::title(t)).film(),
            Some(amelie),
            "{t}"
        );
    }
    // `\N` is null.
    let untitled = catalog.find_imdb("tt9999991").unwrap();
    assert_eq!(catalog.get(untitled).unwrap().year, None);
    assert!(catalog.get(untitled).unwrap().genres.is_empty());
    // Directors tell the two Crashes apart.
    let cronenberg = catalog.find_imdb("tt0115964").unwrap();
    let r = catalog.resolve(&Query::title("Crash").with_director(Some("David Cronenberg")));
    assert_eq!(r.film(), Some(cronenberg));
}

#[test]
fn reimporting_the_same_files_changes_nothing() {
    let (_dir, paths) = imdb_dir();
    let mut catalog = Catalog::new();
    import(&paths, &mut catalog).unwrap();
    let before: Vec<_> = catalog.iter().map(|(id, f)| (id, f.clone())).collect();
    import(&paths, &mut catalog).unwrap();
    let after: Vec<_> = catalog.iter().map(|(id, f)| (id, f.clone())).collect();
    assert_eq!(before, after);

    let mut bundled = needledrop_catalog::bundled().unwrap();
    let n = bundled.len();
    let snapshot: Vec<_> = bundled.iter().map(|(_, f)| f.clone()).collect();
    for r in
        needledrop_catalog::parse_toml(needledrop_catalog::BUNDLED_TOML, Path::new("films.toml"))
            .unwrap()
    {
        bundled.apply(r).unwrap();
    }
    assert_eq!(bundled.len(), n);
    assert_eq!(
        snapshot,
        bundled.iter().map(|(_, f)| f.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn a_truncated_gzip_is_a_clear_error_with_the_line_reached() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::from(ImdbFile::TitleBasics.header());
    big.push('\n');
    for i in 0..5000 {
        big.push_str(&format!(
            "tt{i:07}\tmovie\tFilm number {i}\tFilm number {i}\t0\t1990\t\\N\t90\tDrama\n"
        ));
    }
    let whole = gz(big.as_bytes());
    let cut = &whole[..whole.len() / 2];
    let path = write(dir.path(), "title.basics.tsv.gz", cut);
    let mut catalog = Catalog::new();
    let err = import(&[path], &mut catalog).unwrap_err();
    let message = err.to_string();
    match err {
        ImportFailure::Source(ImportError::Read { line, .. }) => {
            assert!(line > 1 && line < 5001, "stopped at line {line}");
        }
        other => panic!("expected a read error, got {other:?}"),
    }
    assert!(message.contains("truncated"), "{message}");
    assert!(message.contains("title.basics.tsv.gz"), "{message}");
}

#[test]
fn a_wrong_header_is_refused_before_any_row() {
    let dir = tempfile::tempdir().unwrap();
    // The crew header in a file named as the basics file.
    let path = write(dir.path(), "title.basics.tsv.gz", &gz(CREW.as_bytes()));
    let err = ImdbReader::open(&path).unwrap_err();
    assert!(matches!(err, ImportError::Header { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("line 1") && message.contains("tconst\\ttitleType"),
        "{message}"
    );
    // A file whose name says nothing and whose header is no IMDb header.
    let path = write(dir.path(), "mystery.tsv", b"id\tname\n1\tx\n");
    assert!(matches!(
        ImdbReader::open(&path),
        Err(ImportError::Header { .. })
    ));
    // A file whose name says nothing but whose header is IMDb's: accepted by its header.
    let path = write(dir.path(), "crew-2024.tsv", CREW.as_bytes());
    assert_eq!(ImdbReader::open(&path).unwrap().kind(), ImdbFile::TitleCrew);
}

#[test]
fn bad_rows_are_errors_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "tt0000001\tmovie\tToo Few Columns\t0\t1990\n",
            "expected 9 tab-separated columns, found 5",
        ),
        (
            "tt0000001\tmovie\tBad Year\tBad Year\t0\tnineteen\t\\N\t90\tDrama\n",
            "startYear \"nineteen\"",
        ),
        (
            "tt0000001\tmovie\tToo Old\tToo Old\t0\t1492\t\\N\t90\tDrama\n",
            "year must be between",
        ),
        (
            "\\N\tmovie\tNo Id\tNo Id\t0\t1990\t\\N\t90\tDrama\n",
            "tconst is missing",
        ),
    ];
    for (row, expected) in cases {
        let text = format!(
            "{}\ntt0000002\tmovie\tFine\tFine\t0\t1990\t\\N\t90\tDrama\n{row}",
            ImdbFile::TitleBasics.header()
        );
        let path = write(dir.path(), "title.basics.tsv", text.as_bytes());
        let results: Vec<_> = ImdbReader::open(&path).unwrap().collect();
        assert_eq!(results.len(), 2, "{row}");
        assert!(matches!(results[0], Ok(Record::Film(_))));
        let err = results[1].as_ref().unwrap_err();
        let message = err.to_string();
        assert!(message.contains("line 3"), "{message}");
        assert!(message.contains(expected), "{message}");
    }
    // Invalid UTF-8 in a title.
    let mut bytes = format!("{}\n", ImdbFile::TitleBasics.header()).into_bytes();
    bytes.extend_from_slice(b"tt0000003\tmovie\tBad \xff Bytes\tx\t0\t1990\t\\N\t90\tDrama\n");
    let path = write(dir.path(), "title.basics.tsv", &bytes);
    let err = ImdbReader::open(&path)
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        err.to_string().contains("line 2: column 3 is not UTF-8"),
        "{err}"
    );
}

#[test]
fn nothing_is_kept_from_a_failed_import_when_the_sink_is_a_transaction() {
    // A sink that stages records and commits only after the whole stream succeeded, as the
    // store does with one transaction.
    struct Staged {
        staged: Vec<Record>,
    }
    impl needledrop_catalog::RecordSink for Staged {
        type Error = std::convert::Infallible;
        fn accept(&mut self, record: Record) -> Result<(), Self::Error> {
            self.staged.push(record);
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{}tt0000001\tmovie\tbroken\n", BASICS);
    let path = write(dir.path(), "title.basics.tsv", text.as_bytes());
    let mut sink = Staged { staged: Vec::new() };
    let mut committed: Vec<Record> = Vec::new();
    let result = import_into(Source::open(&path).unwrap(), &mut sink);
    if result.is_ok() {
        committed.append(&mut sink.staged);
    }
    assert!(result.is_err());
    assert!(committed.is_empty());
    assert_eq!(
        sink.staged.len(),
        5,
        "records before the bad row were read, then dropped"
    );
}

#[test]
fn own_toml_and_csv_formats() {
    let dir = tempfile::tempdir().unwrap();
    let toml = r#"
articles = ["le", "l'"]

[[film]]
title = "Le Samouraï"
year = 1967
directors = ["Jean-Pierre Melville"]
genres = ["Crime"]
soundtrack = "score"
aliases = ["The Godson"]
"#;
    let path = write(dir.path(), "mine.toml", toml.as_bytes());
    let csv = "title,year,directors,genres,soundtrack,imdb,aliases\nL'Avventura,1960,Michelangelo Antonioni,Drama,score,,The Adventure\n\"Crash\",1996,David Cronenberg,Drama|Thriller,score,tt0115964,\n";
    let csv_path = write(dir.path(), "mine.csv", csv.as_bytes());
    let mut catalog = Catalog::new();
    import(&[path.clone(), csv_path.clone()], &mut catalog).unwrap();
    assert_eq!(catalog.len(), 3);
    let samourai = catalog.resolve(&Query::title("Samourai")).film().unwrap();
    assert_eq!(
        catalog.resolve(&Query::title("The Godson")).film(),
        Some(samourai)
    );
    assert!(catalog.resolve(&Query::title("Avventura")).film().is_some());
    let crash = catalog
        .get(catalog.find_imdb("tt0115964").unwrap())
        .unwrap();
    assert_eq!(crash.genres, vec!["Drama", "Thriller"]);
    // Idempotent.
    import(&[path, csv_path], &mut catalog).unwrap();
    assert_eq!(catalog.len(), 3);

    let bad = [
        (
            "bad.toml",
            "[[film]]\ntitle = \"X\"\nsoundtrack = \"opera\"\n",
            "soundtrack \"opera\"",
        ),
        (
            "bad2.toml",
            "[[film]]\ntitle = \"X\"\ncolour = \"red\"\n",
            "unknown field",
        ),
        (
            "bad3.toml",
            "[[film]]\ntitle = \"X\"\nimdb = \"12345\"\n",
            "imdb id",
        ),
        ("bad.csv", "title,year\nX,1990\n", "expected the header"),
        (
            "bad2.csv",
            "title,year,directors,genres,soundtrack,imdb,aliases\nX,199x,,,,,\n",
            "line 2: year \"199x\"",
        ),
        (
            "bad3.csv",
            "title,year,directors,genres,soundtrack,imdb,aliases\nX,1990\n",
            "line 2: expected 7 columns",
        ),
        ("films.json", "{}", "unknown catalog format"),
    ];
    for (name, text, expected) in bad {
        let p = write(dir.path(), name, text.as_bytes());
        let err = Source::open(&p).unwrap_err().to_string();
        assert!(err.contains(expected), "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
    }
}
