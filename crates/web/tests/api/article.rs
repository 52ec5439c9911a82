//! `GET /article`: the consensus article as a page.

use crate::helpers::{spawn_app, spawn_app_seeded};
use needledrop_app::{App, ArticleRequest, RankRequest};
use needledrop_store::SqliteStore;
use needledrop_web::Settings;

#[test]
fn the_article_page_is_the_published_article_for_the_same_parameters() {
    let app = spawn_app();
    let (status, html) = app.get_text("/article?top=3&method=schulze");
    assert_eq!(status, 200);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>The 3 best movie soundtracks"), "{html}");
    // The same bytes the publish renderer gives over a second connection to the database.
    let mut direct = App::new(SqliteStore::open(&app.db).unwrap());
    let article = direct
        .article(&ArticleRequest {
            rank: RankRequest {
                method: "schulze".into(),
                bootstrap: Some(200),
                top_n: 10,
                ..RankRequest::default()
            },
            top: 3,
            honorable: 10,
        })
        .unwrap();
    let mut want = Vec::new();
    needledrop_publish::article::article_html(&mut want, &article).unwrap();
    assert_eq!(html, String::from_utf8(want).unwrap());
}

#[test]
fn a_bad_parameter_is_a_400_and_an_empty_database_a_404() {
    let app = spawn_app();
    let (status, _) = app.get_text("/article?method=nonsense");
    assert_eq!(status, 400);
    let empty = spawn_app_seeded(&[], Settings::default());
    let (status, html) = empty.get_text("/article");
    assert_eq!(status, 404);
    assert!(html.contains("no lists are stored yet"), "{html}");
}
