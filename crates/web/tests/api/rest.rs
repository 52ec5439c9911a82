//! The JSON API.

use crate::helpers::spawn_app;

#[test]
fn changing_the_method_changes_the_order() {
    let app = spawn_app();
    let borda = app.chart_titles("method=borda&top=10");
    let others: Vec<Vec<String>> = ["rrf", "schulze", "metacritic", "mean-rank"]
        .iter()
        .map(|m| app.chart_titles(&format!("method={m}&top=10")))
        .collect();
    assert!(others.iter().any(|o| *o != borda), "every method agrees");
}

#[test]
fn the_chart_has_an_etag_and_answers_304_to_it() {
    let app = spawn_app();
    let r = app.get("/api/v1/chart?top=5");
    assert_eq!(r.status().as_u16(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let again = app
        .client
        .get(format!("{}/api/v1/chart?top=5", app.base))
        .header("if-none-match", &etag)
        .send()
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
    let other = app
        .client
        .get(format!("{}/api/v1/chart?top=6", app.base))
        .header("if-none-match", &etag)
        .send()
        .unwrap();
    assert_eq!(other.status().as_u16(), 200);
}

#[test]
fn collections_are_paginated() {
    let app = spawn_app();
    let (_, all) = app.get_json("/api/v1/lists");
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 9);
    let (_, page) = app.get_json("/api/v1/lists?limit=2&offset=1");
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["items"][0]["id"], all["items"][1]["id"]);
    assert_eq!(page["total"].as_u64().unwrap(), total);
    let (status, body) = app.get_json("/api/v1/songs?limit=0");
    assert_eq!(status, 400);
    assert_eq!(body["kind"], "bad-input");
    for path in ["/api/v1/songs?limit=3", "/api/v1/review?limit=3"] {
        let (status, body) = app.get_json(path);
        assert_eq!(status, 200, "{path}");
        assert!(body["items"].as_array().unwrap().len() <= 3);
    }
}

#[test]
fn unknown_ids_are_json_404s() {
    let app = spawn_app();
    for path in [
        "/api/v1/films/999999",
        "/api/v1/lists/999999",
        "/api/v1/lists/x",
        "/api/v1/nothing",
    ] {
        let (status, body) = app.get_json(path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["kind"], "not-found", "{path}");
        assert!(body["error"].is_string());
    }
    let (status, body) = app.get_json("/api/v1/chart?method=nonsense");
    assert_eq!(status, 400);
    assert_eq!(body["kind"], "bad-input");
}

#[test]
fn a_film_and_a_list_read_by_id() {
    let app = spawn_app();
    let (_, chart) = app.get_json("/api/v1/chart?top=1");
    let id = chart["rows"][0]["film_id"].as_i64().unwrap();
    let (status, film) = app.get_json(&format!("/api/v1/films/{id}"));
    assert_eq!(status, 200);
    assert_eq!(film["id"].as_i64().unwrap(), id);
    assert!(!film["citations"].as_array().unwrap().is_empty());
    let list = film["citations"][0]["list"].as_i64().unwrap();
    let (status, detail) = app.get_json(&format!("/api/v1/lists/{list}"));
    assert_eq!(status, 200);
    let r = app.get(&format!("/api/v1/lists/{list}/source"));
    assert_eq!(
        r.headers()["x-content-sha256"].to_str().unwrap(),
        detail["source"]["sha256"].as_str().unwrap()
    );
}

#[test]
fn every_api_route_is_in_the_openapi_document() {
    let app = spawn_app();
    let (status, doc) = app.get_json("/api/openapi.json");
    assert_eq!(status, 200);
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in needledrop_web::api::ROUTES {
        let ops = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
        assert!(
            ops.get(*method).is_some(),
            "{method} {path} is not documented"
        );
    }
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            assert!(
                needledrop_web::api::ROUTES.contains(&(method.as_str(), path.as_str())),
                "{method} {path} is documented but not routed"
            );
        }
    }
}

#[test]
fn the_api_chart_is_the_applications_consensus() {
    let app = spawn_app();
    let mut direct =
        needledrop_app::App::new(needledrop_store::SqliteStore::open(&app.db).unwrap());
    for method in ["borda", "schulze"] {
        let request = needledrop_app::RankRequest {
            method: method.into(),
            ..Default::default()
        };
        let expected = direct.consensus(&request).unwrap();
        let (_, got) = app.get_json(&format!("/api/v1/chart?method={method}&top=1000"));
        let rows = got["rows"].as_array().unwrap();
        assert_eq!(rows.len(), expected.rows.len());
        for (g, e) in rows.iter().zip(&expected.rows) {
            assert_eq!(g["item"].as_str().unwrap(), e.item);
            assert_eq!(g["rank"].as_u64().unwrap(), u64::from(e.rank));
            assert_eq!(g["film_id"].as_i64(), e.film_id.map(|f| f.get()));
            let mut songs: Vec<String> = g["songs"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| s["title"].as_str().unwrap().to_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            let mut want: Vec<String> = e.songs.iter().map(|s| s.title.to_lowercase()).collect();
            songs.sort();
            want.sort();
            assert_eq!(songs, want, "songs of {}", e.item);
        }
    }
}

#[test]
fn an_exact_kemeny_bootstrap_is_refused() {
    let app = spawn_app();
    let (status, body) = app.get_json("/api/v1/chart?method=kemeny&bootstrap=10");
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("kemeny-heuristic"));
}

/// The chart page's eligibility policy is the API's too: the JSON behind a filtered chart is
/// filtered, and an unknown policy is a 400.
#[test]
fn the_api_chart_applies_the_eligibility_policy() {
    let app = spawn_app();
    let all = app.chart_titles("top=1000");
    let eligible = app.chart_titles("top=1000&policy=no-musicals");
    assert!(
        eligible.len() < all.len(),
        "{} of {}",
        eligible.len(),
        all.len()
    );
    assert!(eligible.iter().all(|t| all.contains(t)));
    let (status, _) = app.get_json("/api/v1/chart?policy=nope");
    assert_eq!(status, 400);
}
