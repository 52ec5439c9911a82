//! What a reader and an editor do in the browser, one scenario each. They share one session and
//! one site and run in this order (the upload scenarios change the stored lists).

use crate::setup::{console_errors, screenshot_dir, Site};
use anyhow::{bail, ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::pin::Pin;

type Steps<'a> = Pin<Box<dyn Future<Output = Result<()>> + 'a>>;
/// A scenario: its name and its steps.
pub type Scenario = (&'static str, for<'a> fn(&'a Client, &'a Site) -> Steps<'a>);

/// Every scenario, in the order they run (the screenshots first, of the sample data alone).
pub const ALL: &[Scenario] = &[
    ("screenshots_of_the_chart_and_a_film", screenshots),
    ("the_chart_reorders_when_the_method_changes", method_change),
    (
        "the_policy_chosen_in_the_form_is_kept_in_the_url",
        policy_choice,
    ),
    (
        "a_film_page_names_its_lists_and_a_list_shows_its_source",
        film_and_list,
    ),
    ("the_chart_images_load", chart_images),
    (
        "an_upload_without_the_token_is_refused",
        upload_without_token,
    ),
    (
        "an_upload_with_the_token_shows_in_the_chart",
        upload_with_token,
    ),
    ("a_script_in_a_list_title_is_shown_as_text", script_title),
];

async fn goto(c: &Client, site: &Site, path: &str) -> Result<()> {
    c.goto(&format!("{}{path}", site.base))
        .await
        .with_context(|| format!("opening {path}"))
}

async fn css(c: &Client, selector: &str) -> Result<Element> {
    let found = c.find(Locator::Css(selector)).await;
    match found {
        Ok(e) => Ok(e),
        Err(e) => bail!("no element matches {selector:?} on {}: {e}", url(c).await),
    }
}

async fn url(c: &Client) -> String {
    c.current_url()
        .await
        .map_or_else(|e| format!("(no address: {e})"), |u| u.to_string())
}

async fn h1(c: &Client) -> Result<String> {
    Ok(css(c, "h1").await?.text().await?)
}

/// The chart's film titles, top first.
async fn chart_titles(c: &Client) -> Result<Vec<String>> {
    let mut titles = vec![];
    for cell in c
        .find_all(Locator::Css(
            "table.chart tbody tr td:nth-child(2) > :first-child",
        ))
        .await?
    {
        titles.push(cell.text().await?);
    }
    Ok(titles)
}

/// Fails when the console logged an error, apart from messages containing one of `expected`.
async fn console_clean(c: &Client, expected: &[&str]) -> Result<()> {
    let errors: Vec<String> = console_errors(c)
        .await?
        .into_iter()
        .filter(|m| !expected.iter().any(|e| m.contains(e)))
        .collect();
    ensure!(errors.is_empty(), "the console logged errors: {errors:#?}");
    Ok(())
}

/// Clicks the element matching `button` and waits until the next page has loaded.
async fn submit(c: &Client, button: &str) -> Result<()> {
    click_and_load(c, css(c, button).await?).await
}

/// Clicks `element` and waits until the next page has loaded: the old document is marked first,
/// since a click may return before the navigation it starts has begun.
async fn click_and_load(c: &Client, element: Element) -> Result<()> {
    let before = url(c).await;
    c.execute("window.needledropOldPage = true", vec![]).await?;
    let what = element.text().await.unwrap_or_default();
    element.click().await?;
    let started = std::time::Instant::now();
    loop {
        let loaded = c
            .execute(
                "return !window.needledropOldPage && document.readyState === 'complete'",
                vec![],
            )
            .await?;
        if loaded.as_bool() == Some(true) {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(15) {
            bail!("clicking {what:?} on {before} did not load another page within 15 s");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn method_change<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        goto(c, site, "/").await?;
        let borda = chart_titles(c).await?;
        ensure!(borda.len() >= 5, "the chart shows {} rows", borda.len());
        css(c, "select[name=method]")
            .await?
            .select_by_value("mean-rank")
            .await?;
        submit(c, "form[action='/'] button[type=submit]").await?;
        let address = url(c).await;
        ensure!(
            address.contains("method=mean-rank"),
            "the method is not kept in the address: {address}"
        );
        let chosen = css(c, "select[name=method]").await?.prop("value").await?;
        ensure!(
            chosen.as_deref() == Some("mean-rank"),
            "the form shows {chosen:?}"
        );
        let mean_rank = chart_titles(c).await?;
        ensure!(
            mean_rank != borda,
            "the order did not change: {borda:?} under both methods"
        );
        ensure!(
            mean_rank.len() == borda.len(),
            "the rows shown changed from {} to {}",
            borda.len(),
            mean_rank.len()
        );
        console_clean(c, &[]).await
    })
}

fn policy_choice<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        goto(c, site, "/?top=100").await?;
        let all = chart_titles(c).await?;
        css(c, "select[name=policy]")
            .await?
            .select_by_value("no-musicals")
            .await?;
        submit(c, "form[action='/'] button[type=submit]").await?;
        let address = url(c).await;
        ensure!(
            address.contains("policy=no-musicals"),
            "the policy is not kept in the address: {address}"
        );
        let kept = chart_titles(c).await?;
        ensure!(
            kept.len() < all.len(),
            "the policy excluded nothing: {} rows before, {} after",
            all.len(),
            kept.len()
        );
        ensure!(
            kept.iter().all(|t| all.contains(t)),
            "the policy brought in a film"
        );
        let note = css(c, "p.eligibility").await?.text().await?;
        ensure!(
            note.contains("No musicals"),
            "the page does not name the policy: {note:?}"
        );
        // The address alone reproduces the chart.
        let shared = url(c).await;
        c.goto(&shared).await?;
        ensure!(
            chart_titles(c).await? == kept,
            "the shared address shows another chart"
        );
        console_clean(c, &[]).await
    })
}

fn film_and_list<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        goto(c, site, "/").await?;
        let first = css(c, "table.chart tbody tr td:nth-child(2) a").await?;
        let title = first.text().await?;
        click_and_load(c, first).await?;
        ensure!(
            url(c).await.contains("/films/"),
            "the film link led to {}",
            url(c).await
        );
        ensure!(h1(c).await? == title, "the film page is not {title:?}");
        let lists = c.find_all(Locator::Css("a[href^='/lists/']")).await?;
        ensure!(
            lists.len() >= 2,
            "the top film's page names {} lists",
            lists.len()
        );
        let list_title = lists[0].text().await?;
        click_and_load(c, lists[0].clone()).await?;
        ensure!(
            h1(c).await? == list_title,
            "the list page is not {list_title:?}"
        );
        let entries = c.find_all(Locator::Css("a[href^='/films/']")).await?;
        let mut names = vec![];
        for e in &entries {
            names.push(e.text().await?);
        }
        ensure!(
            names.contains(&title),
            "the list does not link back to {title:?}: {names:?}"
        );
        // The source verbatim: its text hashes to the SHA-256 the page states.
        let source = css(c, "pre.source").await?.prop("textContent").await?;
        let stated = css(c, "code.sha256").await?.text().await?;
        let hashed = hex::encode(Sha256::digest(source.unwrap_or_default().as_bytes()));
        ensure!(
            hashed == stated,
            "the source shown hashes to {hashed}, the page states {stated}"
        );
        console_clean(c, &[]).await
    })
}

/// Every `<img>` on a page loaded (an SVG the server failed to draw has no natural width).
async fn images_loaded(c: &Client, path: &str) -> Result<usize> {
    let widths = c
        .execute(
            "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)",
            vec![],
        )
        .await?;
    let widths: Vec<u64> = widths
        .as_array()
        .context("image widths")?
        .iter()
        .map(|w| w.as_u64().unwrap_or(0))
        .collect();
    ensure!(
        widths.iter().all(|w| *w > 0),
        "an image on {path} did not load: widths {widths:?}"
    );
    Ok(widths.len())
}

fn chart_images<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        for (path, at_least) in [("/?bootstrap=100", 1), ("/compare", 2)] {
            goto(c, site, path).await?;
            let n = images_loaded(c, path).await?;
            ensure!(
                n >= at_least,
                "{path} shows {n} charts, expected {at_least}"
            );
        }
        goto(c, site, "/").await?;
        click_and_load(c, css(c, "table.chart tbody tr td:nth-child(2) a").await?).await?;
        let n = images_loaded(c, "a film page").await?;
        ensure!(n >= 1, "the film page shows no chart");
        console_clean(c, &[]).await
    })
}

const ARTICLE: &str = "Best of the browser\n\n3. Garden State (2004)\n\nA mixtape.\n\n\
                       2. Drive (2011)\n\nSynths.\n\n1. Koyaanisqatsi (1982)\n\nGlass.\n";

/// The title of a hostile list uploaded through the form: it must render as text.
const SCRIPT_TITLE: &str = "<script>alert(\"needledrop\")</script> Best scores";
const HOSTILE_ARTICLE: &str = "1. Jaws (1975)\n\nTwo notes.\n\n2. Psycho (1960)\n\nStrings.\n";

async fn fill_upload(c: &Client, site: &Site, token: &str) -> Result<()> {
    fill_upload_of(c, site, token, ARTICLE, None).await
}

/// Fills the upload form with `article` (and a title for it) and submits it for reading.
async fn fill_upload_of(
    c: &Client,
    site: &Site,
    token: &str,
    article: &str,
    title: Option<&str>,
) -> Result<()> {
    goto(c, site, "/upload").await?;
    css(c, "textarea[name=text]")
        .await?
        .send_keys(article)
        .await?;
    if let Some(t) = title {
        css(c, "input[name=title]").await?.send_keys(t).await?;
    }
    css(c, "input[name=outlet]")
        .await?
        .send_keys("Browser Weekly")
        .await?;
    css(c, "input[name=token]").await?.send_keys(token).await?;
    submit(c, "form[action='/upload'] button[type=submit]").await
}

async fn stored_list_count(c: &Client, site: &Site) -> Result<usize> {
    goto(c, site, "/lists").await?;
    Ok(c.find_all(Locator::Css("tbody tr")).await?.len())
}

fn upload_without_token<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        let before = stored_list_count(c, site).await?;
        fill_upload(c, site, "not-the-token").await?;
        let heading = h1(c).await?;
        let text = css(c, "main").await?.text().await?;
        ensure!(
            !heading.contains("reading") && text.to_lowercase().contains("token"),
            "a wrong token was not refused: {heading:?} / {text:?}"
        );
        ensure!(
            stored_list_count(c, site).await? == before,
            "a list was stored without the token"
        );
        goto(c, site, "/?top=100").await?;
        ensure!(
            !chart_titles(c)
                .await?
                .iter()
                .any(|t| t.starts_with("Koyaanisqatsi")),
            "the refused article counts in the chart"
        );
        // The refusal itself is a 401 response, which the console reports.
        console_clean(c, &["401"]).await
    })
}

fn upload_with_token<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        let before = stored_list_count(c, site).await?;
        fill_upload(c, site, &site.token).await?;
        ensure!(
            h1(c).await? == "The reading",
            "the upload did not show its reading"
        );
        submit(c, "input[name=confirm] ~ button[type=submit]").await?;
        ensure!(
            h1(c).await? == "Stored",
            "confirming did not store the article"
        );
        click_and_load(c, c.find(Locator::LinkText("See the chart")).await?).await?;
        goto(c, site, "/?top=100").await?;
        ensure!(
            chart_titles(c)
                .await?
                .iter()
                .any(|t| t.starts_with("Koyaanisqatsi")),
            "the uploaded article's film is not in the chart"
        );
        ensure!(
            stored_list_count(c, site).await? == before + 1,
            "the upload did not add one list"
        );
        console_clean(c, &[]).await
    })
}

fn script_title<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        fill_upload_of(c, site, &site.token, HOSTILE_ARTICLE, Some(SCRIPT_TITLE)).await?;
        no_alert(c).await?;
        ensure!(
            css(c, "main h3")
                .await?
                .text()
                .await?
                .starts_with(SCRIPT_TITLE),
            "the reading does not show the title as text"
        );
        submit(c, "input[name=confirm] ~ button[type=submit]").await?;
        ensure!(h1(c).await? == "Stored", "the hostile list was not stored");
        goto(c, site, "/lists").await?;
        let link = c
            .find(Locator::LinkText(SCRIPT_TITLE))
            .await
            .context("the lists page does not show the hostile title as text")?;
        click_and_load(c, link).await?;
        no_alert(c).await?;
        ensure!(
            h1(c).await? == SCRIPT_TITLE,
            "the heading is not the title as text"
        );
        let scripts = c.execute("return document.scripts.length", vec![]).await?;
        ensure!(
            scripts.as_u64() == Some(0),
            "the page holds {scripts} script elements"
        );
        console_clean(c, &[]).await
    })
}

/// Fails when a script opened an alert.
async fn no_alert(c: &Client) -> Result<()> {
    match c.get_alert_text().await {
        Ok(text) => bail!("a script ran: alert {text:?}"),
        Err(e) if e.to_string().contains("no such alert") => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn screenshots<'a>(c: &'a Client, site: &'a Site) -> Steps<'a> {
    Box::pin(async move {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        // Tall enough for the chart's table and its interval plot.
        c.set_window_size(1280, 1500).await?;
        goto(c, site, "/?top=10&bootstrap=200").await?;
        std::fs::write(dir.join("chart.png"), c.screenshot().await?)?;
        click_and_load(c, css(c, "table.chart tbody tr td:nth-child(2) a").await?).await?;
        c.set_window_size(1280, 1000).await?;
        std::fs::write(dir.join("film.png"), c.screenshot().await?)?;
        c.set_window_size(1280, 1600).await?;
        goto(c, site, "/compare").await?;
        std::fs::write(dir.join("compare.png"), c.screenshot().await?)?;
        c.set_window_size(1280, 1000).await?;
        for name in ["chart.png", "film.png", "compare.png"] {
            let bytes = std::fs::read(dir.join(name))?;
            ensure!(
                bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
                "{name} is not a screenshot ({} bytes)",
                bytes.len()
            );
        }
        println!("  screenshots in {}", dir.display());
        console_clean(c, &[]).await
    })
}
