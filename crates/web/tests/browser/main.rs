//! The site in a real headless Chromium, driven over WebDriver (chromedriver).
//!
//! One site (port 0, a temporary SQLite database with the sample articles) and one browser
//! session serve every scenario in turn; each scenario also checks that the browser's console
//! stayed free of errors. Without Chromium and chromedriver the scenarios say they were skipped,
//! unless `NEEDLEDROP_REQUIRE_BROWSER=1` (CI), which makes a missing browser a failure.
//!
//! `cargo test -p needledrop-web --test browser [-- FILTER]`; with `NEEDLEDROP_SCREENSHOTS=1` the
//! screenshots are written to `docs/screenshots/`.

mod scenarios;
mod setup;

use scenarios::Scenario;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in scenarios::ALL {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    // A filter (the first argument that is not a flag) picks scenarios by name, as libtest does.
    let filter = args.iter().find(|a| !a.starts_with('-'));
    let chosen: Vec<&Scenario> = scenarios::ALL
        .iter()
        .filter(|(name, _)| filter.is_none_or(|f| name.contains(f.as_str())))
        .collect();
    if chosen.is_empty() {
        return ExitCode::SUCCESS;
    }
    let Some(browser) = setup::Browser::find() else {
        if std::env::var("NEEDLEDROP_REQUIRE_BROWSER").as_deref() == Ok("1") {
            eprintln!(
                "error: chromium/chromedriver not found and NEEDLEDROP_REQUIRE_BROWSER=1 \
                 (install chromium chromium-driver)"
            );
            return ExitCode::FAILURE;
        }
        for (name, _) in &chosen {
            println!("test {name} ... skipped: chromium/chromedriver not found (install chromium chromium-driver)");
        }
        return ExitCode::SUCCESS;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(&browser, &chosen)) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(failed) => {
            eprintln!("{failed} browser scenario(s) failed");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: the browser tests could not start: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the scenarios in one session; the number that failed.
async fn run(browser: &setup::Browser, chosen: &[&Scenario]) -> anyhow::Result<usize> {
    let started = Instant::now();
    let site = setup::start_site()?;
    let driver = setup::start_driver(browser)?;
    let client = setup::open_session(browser, &driver).await?;
    println!("\nrunning {} browser scenarios", chosen.len());
    let mut failed = 0;
    for (name, scenario) in chosen {
        let outcome = scenario(&client, &site).await;
        match outcome {
            Ok(()) => println!("test {name} ... ok"),
            Err(e) => {
                failed += 1;
                println!("test {name} ... FAILED\n  {e:#}");
            }
        }
    }
    let _ = client.close().await;
    println!(
        "browser scenarios: {} passed, {failed} failed, in {:.1} s\n",
        chosen.len() - failed,
        started.elapsed().as_secs_f64()
    );
    Ok(failed)
}
