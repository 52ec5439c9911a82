//! The site's common frame: the page layout, the navigation and small formatting helpers. Every
//! text that came from a document or a request is spliced with maud's escaping splice `(..)`,
//! never as raw markup.

use axum::response::Html;
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = "
body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:0 1rem;color:#222}
nav{display:flex;gap:1rem;padding:.75rem 0;border-bottom:1px solid #ccc;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.num,th.num{text-align:right}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;overflow-x:auto}
form.inline{display:inline}.error{color:#a00}.warning{color:#a60}.muted{color:#666}
fieldset{border:1px solid #ddd;margin:1rem 0}label{margin-right:1rem}
main img{max-width:100%;height:auto}div.wide{overflow-x:auto}div.wide img{max-width:none}
";

/// The site's icon: a record, in the site's colours.
pub const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.5" fill="#222"/><circle cx="8" cy="8" r="2.5" fill="#c33"/><circle cx="8" cy="8" r=".8" fill="#fff"/></svg>"##;

/// A complete HTML page: the title, the navigation and the body.
pub fn layout(title: &str, body: Markup) -> Html<String> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — needledrop" }
                link rel="icon" type="image/svg+xml" href="/favicon.svg";
                style { (PreEscaped(STYLE)) }
            }
            body {
                nav {
                    a href="/" { "Chart" }
                    a href="/lists" { "Lists" }
                    a href="/songs" { "Songs" }
                    a href="/compare" { "Compare" }
                    a href="/review" { "Review" }
                    a href="/upload" { "Upload" }
                    a href="/methodology" { "Methodology" }
                    a href="/api/openapi.json" { "API" }
                }
                main { (body) }
            }
        }
    };
    Html(page.into_string())
}

/// A film's title with its year when known.
pub fn title_year(title: &str, year: Option<i32>) -> String {
    match year {
        Some(y) => format!("{title} ({y})"),
        None => title.to_string(),
    }
}

/// The form field that carries the write token.
pub fn token_field() -> Markup {
    html! {
        label { "Token " input type="password" name="token" autocomplete="off" required; }
    }
}
