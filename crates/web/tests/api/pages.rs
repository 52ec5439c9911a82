//! The server-rendered pages.

use crate::helpers::spawn_app;

#[test]
fn the_chart_page_shows_the_top_film_with_a_link_to_it() {
    let app = spawn_app();
    let top = &app.chart_titles("top=1")[0];
    let (status, html) = app.get_text("/");
    assert_eq!(status, 200);
    assert!(
        html.contains(&maud_escape(top)),
        "{top} not in the chart page"
    );
    assert!(html.contains("href=\"/films/"));
    assert!(html.contains("<form method=\"get\" action=\"/\">"));
}

#[test]
fn the_chart_page_keeps_its_parameters_and_shows_rank_intervals_with_a_bootstrap() {
    let app = spawn_app();
    let (status, html) = app.get_text("/?method=schulze&bootstrap=50&top=5");
    assert_eq!(status, 200);
    assert!(html.contains("<option value=\"schulze\" selected>"));
    assert!(html.contains("90% interval"));
    assert!(html.contains("/methodology?method=schulze"));
}

#[test]
fn a_bad_chart_parameter_is_a_400_page_that_keeps_the_form() {
    let app = spawn_app();
    let (status, html) = app.get_text("/?method=nonsense");
    assert_eq!(status, 400);
    assert!(html.contains("<form"));
    let (status, _) = app.get_text("/?top=many");
    assert_eq!(status, 400);
}

#[test]
fn a_film_page_lists_every_citation_and_its_songs() {
    let app = spawn_app();
    let (_, chart) = app.get_json("/api/v1/chart?top=1");
    let id = chart["rows"][0]["film_id"].as_i64().unwrap();
    let lists = chart["rows"][0]["lists"].as_array().unwrap().len();
    let (status, html) = app.get_text(&format!("/films/{id}"));
    assert_eq!(status, 200);
    assert_eq!(html.matches("href=\"/lists/").count(), lists, "{html}");
    assert!(html.contains("Songs cited for it"));
}

#[test]
fn a_list_page_shows_its_source_verbatim_with_its_sha256() {
    let app = spawn_app();
    let (_, lists) = app.get_json("/api/v1/lists");
    let first = &lists["items"][0];
    let id = first["id"].as_i64().unwrap();
    let (_, detail) = app.get_json(&format!("/api/v1/lists/{id}"));
    let sha = detail["source"]["sha256"].as_str().unwrap();
    let (status, html) = app.get_text(&format!("/lists/{id}"));
    assert_eq!(status, 200);
    assert!(html.contains(sha));
    assert!(html.contains("<pre class=\"source\">"));
    assert!(html.contains("href=\"/films/"));
}

#[test]
fn lists_songs_review_and_methodology_pages_render() {
    let app = spawn_app();
    for path in [
        "/lists",
        "/songs",
        "/review",
        "/methodology?method=rrf",
        "/upload",
    ] {
        let (status, html) = app.get_text(path);
        assert_eq!(status, 200, "{path}");
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
    }
    let (_, html) = app.get_text("/methodology?method=rrf");
    assert!(html.contains("reciprocal rank fusion"));
    // The sample scoreboard prints rank 9 twice: its reading waits for a person, with why.
    let (_, html) = app.get_text("/review");
    assert!(html.contains("Lists to check (1)"), "{html}");
    assert!(html.contains("rank 9 is printed twice"), "{html}");
}

#[test]
fn unknown_pages_and_ids_are_html_404s() {
    let app = spawn_app();
    for path in ["/films/999999", "/lists/999999", "/lists/abc", "/nowhere"] {
        let r = app.get(path);
        assert_eq!(r.status().as_u16(), 404, "{path}");
        let ct = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(ct.starts_with("text/html"), "{path}: {ct}");
    }
}

fn maud_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn a_bootstrapped_chart_embeds_its_rank_interval_plot() {
    let app = spawn_app();
    let (_, html) = app.get_text("/?bootstrap=30&top=5");
    assert!(
        html.contains("<img src=\"/chart.svg?top=5&amp;bootstrap=30\""),
        "{html}"
    );
    let r = app.get("/chart.svg?top=5&bootstrap=30");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    let svg = r.text().unwrap();
    assert!(svg.starts_with("<svg"));
}

#[test]
fn pages_forbid_scripts() {
    let app = spawn_app();
    let r = app.get("/");
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
}

#[test]
fn an_empty_database_shows_how_to_start() {
    let app = crate::helpers::spawn_app_seeded(&[], needledrop_web::Settings::default());
    let (status, html) = app.get_text("/");
    assert_eq!(status, 200);
    assert!(html.contains("No lists are stored yet"));
    let (status, _) = app.get_text("/methodology");
    assert_eq!(status, 200);
    let (status, body) = app.get_json("/api/v1/lists");
    assert_eq!(status, 200);
    assert_eq!(body["total"], 0);
}
