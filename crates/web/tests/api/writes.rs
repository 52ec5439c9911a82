//! Writes: the token, the size limit, escaping of what was uploaded.

use crate::helpers::{article, spawn_app, spawn_app_with};
use needledrop_web::Settings;
use reqwest::blocking::multipart::{Form, Part};

#[test]
fn an_upload_without_the_token_is_401_and_stores_nothing() {
    let app = spawn_app();
    let (_, before) = app.get_json("/api/v1/lists");
    let body = article("Best of the unauthorised").into_bytes();
    for token in [None, Some("wrong")] {
        let r = app.post_list("name=new.txt", body.clone(), token);
        assert_eq!(r.status().as_u16(), 401);
        let json: serde_json::Value = r.json().unwrap();
        assert_eq!(json["kind"], "unauthorized");
    }
    let form = Form::new()
        .text("token", "wrong")
        .part("file", Part::bytes(body).file_name("new.txt"));
    let r = app
        .client
        .post(format!("{}/upload", app.base))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let (_, after) = app.get_json("/api/v1/lists");
    assert_eq!(before["total"], after["total"]);
}

#[test]
fn an_upload_with_the_token_is_stored_and_counts_in_the_chart() {
    let app = spawn_app();
    assert!(!app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
    let r = app.post_list(
        "name=new.txt&dry_run=true",
        article("Best of the dry run").into_bytes(),
        Some(&app.token),
    );
    assert_eq!(r.status().as_u16(), 200);
    assert!(!app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
    let r = app.post_list(
        "name=new.txt&outlet=Tests",
        article("Best of the tests").into_bytes(),
        Some(&app.token),
    );
    assert_eq!(r.status().as_u16(), 201);
    let json: serde_json::Value = r.json().unwrap();
    assert_eq!(json["status"], "stored");
    assert!(app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
    let again = app.post_list(
        "name=new.txt&outlet=Tests",
        article("Best of the tests").into_bytes(),
        Some(&app.token),
    );
    assert_eq!(again.status().as_u16(), 200);
}

#[test]
fn the_upload_form_shows_the_reading_then_stores_on_confirmation() {
    let app = spawn_app();
    let form = Form::new().text("token", app.token.clone()).part(
        "file",
        Part::bytes(article("Best of the form").into_bytes()).file_name("form.txt"),
    );
    let r = app
        .client
        .post(format!("{}/upload", app.base))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().unwrap();
    assert!(html.contains("Koyaanisqatsi"));
    assert!(!app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
    let sha = html
        .split("name=\"confirm\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let confirm = Form::new()
        .text("token", app.token.clone())
        .text("confirm", sha);
    let r = app
        .client
        .post(format!("{}/upload", app.base))
        .multipart(confirm)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    assert!(app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
}

#[test]
fn a_script_in_a_list_title_renders_inert() {
    let app = spawn_app();
    let title = "<script>alert('x')</script> Best & worst";
    let r = app.post_list(
        "name=evil.txt",
        article(title).into_bytes(),
        Some(&app.token),
    );
    assert_eq!(r.status().as_u16(), 201);
    let json: serde_json::Value = r.json().unwrap();
    let id = json["lists"][0].as_i64().unwrap();
    let (status, html) = app.get_text(&format!("/lists/{id}"));
    assert_eq!(status, 200);
    assert!(!html.contains("<script>"), "unescaped script");
    assert!(html.contains("&lt;script&gt;"));
    let (_, lists) = app.get_text("/lists");
    assert!(!lists.contains("<script>"));
}

#[test]
fn a_body_over_the_limit_is_413() {
    let app = spawn_app_with(Settings {
        body_limit: 64 * 1024,
    });
    let big = vec![b'a'; 65 * 1024];
    let r = app.post_list("name=big.txt", big.clone(), Some(&app.token));
    assert_eq!(r.status().as_u16(), 413);
    let form = Form::new()
        .text("token", app.token.clone())
        .part("file", Part::bytes(big).file_name("big.txt"));
    let r = app
        .client
        .post(format!("{}/upload", app.base))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
}

#[test]
fn the_default_limit_is_five_megabytes() {
    assert_eq!(needledrop_web::DEFAULT_BODY_LIMIT, 5 * 1024 * 1024);
}

#[test]
fn link_and_merge_need_the_token() {
    let app = spawn_app();
    for path in ["/api/v1/link", "/api/v1/merge"] {
        let r = app
            .client
            .post(format!("{}{path}", app.base))
            .body("{\"entry\":1,\"film\":1,\"into\":1,\"from\":2}")
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 401, "{path}");
    }
    let r = app
        .client
        .post(format!("{}/review/link", app.base))
        .form(&[("entry", "1"), ("film", "1"), ("token", "nope")])
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
}

#[test]
fn linking_an_entry_with_the_token_moves_it_to_the_film() {
    let app = spawn_app();
    let (_, chart) = app.get_json("/api/v1/chart?top=1");
    let film = chart["rows"][0]["film_id"].as_i64().unwrap();
    let (_, lists) = app.get_json("/api/v1/lists");
    let list = lists["items"][0]["id"].as_i64().unwrap();
    let (_, detail) = app.get_json(&format!("/api/v1/lists/{list}"));
    let entry = detail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["film_id"].as_i64() != Some(film))
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let r = app
        .client
        .post(format!("{}/api/v1/link", app.base))
        .bearer_auth(&app.token)
        .body(format!("{{\"entry\": {entry}, \"film\": {film}}}"))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (_, detail) = app.get_json(&format!("/api/v1/lists/{list}"));
    let linked = detail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_i64() == Some(entry))
        .unwrap();
    assert_eq!(linked["film_id"].as_i64(), Some(film));
    let r = app
        .client
        .post(format!("{}/api/v1/link", app.base))
        .bearer_auth(&app.token)
        .body("{\"entry\": 99999999, \"film\": 1}")
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
}

#[test]
fn merging_two_films_through_the_form_joins_their_citations() {
    let app = spawn_app();
    let (_, chart) = app.get_json("/api/v1/chart?top=2");
    let a = chart["rows"][0]["film_id"].as_i64().unwrap();
    let b = chart["rows"][1]["film_id"].as_i64().unwrap();
    let b_title = chart["rows"][1]["title"].as_str().unwrap().to_string();
    let citations = |id: i64| {
        let (_, film) = app.get_json(&format!("/api/v1/films/{id}"));
        film["citations"].as_array().unwrap().len()
    };
    let (ca, cb) = (citations(a), citations(b));
    let r = app
        .client
        .post(format!("{}/films/{a}/merge", app.base))
        .form(&[("from", b.to_string()), ("token", app.token.clone())])
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], format!("/films/{a}").as_str());
    assert_eq!(citations(a), ca + cb);
    assert!(!app.chart_titles("top=100").contains(&b_title));
}

#[test]
fn an_unreadable_document_is_422_and_stores_nothing() {
    let app = spawn_app();
    let (_, before) = app.get_json("/api/v1/lists");
    let r = app.post_list(
        "name=notes.txt",
        b"just some words".to_vec(),
        Some(&app.token),
    );
    assert_eq!(r.status().as_u16(), 422);
    let json: serde_json::Value = r.json().unwrap();
    assert_eq!(json["kind"], "bad-input");
    let (_, after) = app.get_json("/api/v1/lists");
    assert_eq!(before["total"], after["total"]);
}
