//! Progress bars: shown on long work when stderr is a terminal, silent otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Below this many steps a bar only flickers.
const MIN_STEPS: u64 = 5;

/// A bar of `len` steps, hidden for short work and when stderr is not a terminal.
pub fn bar(len: u64, verb: &str) -> ProgressBar {
    if len < MIN_STEPS || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len);
    let template = format!("{verb} {{bar:30}} {{pos}}/{{len}} {{wide_msg}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
