//! What the scenarios drive: the site over a temporary database, a chromedriver on a free port,
//! and one headless Chromium session with its console log kept.

use anyhow::{bail, Context, Result};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use needledrop_app::{App, IngestRequest};
use needledrop_store::SqliteStore;
use needledrop_web::{AppState, Settings, Token};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The sample articles the site starts with (the bundled sample data).
const SEED: &[&str] = &[
    "articles/deep-cuts.md",
    "articles/liner-notes.md",
    "articles/backlot-radio.txt",
    "articles/cue-sheet.txt",
    "articles/orchestra-pit.txt",
    "articles/reel-notes-countdown.txt",
    "articles/spindle-weekly.txt",
    "articles/scoreboard.html",
    "articles/the-fade-out.html",
];

/// The flags the browser is launched with, besides its profile directory and window size.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// Where the browser and its driver are, when both are installed.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn program(env: &str, debian_path: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    Some(PathBuf::from(debian_path))
        .filter(|p| p.is_file())
        .or_else(|| names.iter().find_map(|n| on_path(n)))
}

impl Browser {
    /// Chromium and chromedriver from `NEEDLEDROP_CHROMIUM` / `NEEDLEDROP_CHROMEDRIVER`, Debian's
    /// paths, or `PATH`; `None` when either is missing.
    pub fn find() -> Option<Browser> {
        Some(Browser {
            chromium: program(
                "NEEDLEDROP_CHROMIUM",
                "/usr/bin/chromium",
                &["chromium", "chromium-browser"],
            )?,
            chromedriver: program(
                "NEEDLEDROP_CHROMEDRIVER",
                "/usr/bin/chromedriver",
                &["chromedriver"],
            )?,
        })
    }
}

/// A running site: its address and write token.
pub struct Site {
    pub base: String,
    pub token: String,
    _dir: tempfile::TempDir,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The site on port 0 over a temporary SQLite database holding the sample articles.
pub fn start_site() -> Result<Site> {
    let dir = tempfile::tempdir()?;
    let mut app = App::new(SqliteStore::open(&dir.path().join("browser.db"))?);
    for file in SEED {
        let path = data_dir().join(file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        app.ingest(&IngestRequest::new(bytes, &path.to_string_lossy()))?;
    }
    let token = Token::generate();
    let state = AppState::new(app, token.clone(), Settings::default());
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || needledrop_web::serve_blocking(listener, state));
    Ok(Site {
        base,
        token: token.expose().to_string(),
        _dir: dir,
    })
}

/// A chromedriver process, ended when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver on a port it picks itself (`--port=0`, then read from the line it prints),
/// so that concurrent runs cannot race for one.
pub fn start_driver(browser: &Browser) -> Result<Driver> {
    let mut child = Command::new(&browser.chromedriver)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", browser.chromedriver.display()))?;
    let stdout = child.stdout.take().context("chromedriver's output")?;
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    // Reads the port, then keeps draining the output so that chromedriver never blocks on it.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
            if let Some(port) = line
                .split_once("started successfully on port ")
                .and_then(|(_, rest)| rest.trim_end_matches('.').trim().parse::<u16>().ok())
            {
                let _ = port_tx.send(port);
            }
        }
    });
    let mut driver = Driver {
        child,
        url: String::new(),
        profile: tempfile::tempdir()?,
    };
    let port = match port_rx.recv_timeout(Duration::from_secs(20)) {
        Ok(port) => port,
        Err(_) => match driver.child.try_wait()? {
            Some(status) => bail!("chromedriver exited at start ({status})"),
            None => bail!("chromedriver did not say its port within 20 s"),
        },
    };
    driver.url = format!("http://127.0.0.1:{port}");
    Ok(driver)
}

/// A new headless Chromium session with a fresh profile, keeping the console log.
pub async fn open_session(browser: &Browser, driver: &Driver) -> Result<Client> {
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!(
        "--user-data-dir={}",
        driver.profile.path().display()
    ));
    args.push("--window-size=1280,1000".into());
    let capabilities = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": browser.chromium, "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!("a JSON object literal")
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .context("opening a Chromium session through chromedriver")
}

/// chromedriver's log endpoint: the browser console's messages since the last read.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// The console's errors (level SEVERE) since the last call; reading empties the log.
pub async fn console_errors(client: &Client) -> Result<Vec<String>> {
    let entries = client.issue_cmd(BrowserLog).await?;
    let entries = entries
        .as_array()
        .context("the browser log is not a list")?;
    Ok(entries
        .iter()
        .filter(|e| e["level"] == "SEVERE")
        .map(|e| e["message"].as_str().unwrap_or_default().to_string())
        .collect())
}

/// Where screenshots go: `docs/screenshots/` when `NEEDLEDROP_SCREENSHOTS=1` (to commit them),
/// else the target directory, so a test run leaves the worktree as it was.
pub fn screenshot_dir() -> PathBuf {
    if std::env::var("NEEDLEDROP_SCREENSHOTS").as_deref() == Ok("1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
    }
}
