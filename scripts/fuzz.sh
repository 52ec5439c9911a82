#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the other, and reports
# per target: seconds, executions, corpus size and crashes. Exit 1 if any target crashed.
#
#   scripts/fuzz.sh 600                  # every target, ten minutes each
#   scripts/fuzz.sh 60 ingest rank_csv   # two targets, a minute each
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). A stable toolchain is enough: RUSTC_BOOTSTRAP=1
# lets it take the flags cargo-fuzz passes, and `-s none` builds without a sanitizer (libFuzzer's
# coverage guidance stays on). Each target keeps its corpus in fuzz/corpus/TARGET, seeded from
# data/; crashing inputs land in fuzz/artifacts/TARGET/ (replay one with
# `cargo run --manifest-path fuzz/Cargo.toml --example replay -- TARGET FILE`).
set -euo pipefail

seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
cd "$(dirname "$0")/../fuzz"
if [ $# -gt 0 ]; then targets=("$@"); else targets=(extract structured rank_csv ingest); fi
export RUSTC_BOOTSTRAP=1

for target in "${targets[@]}"; do
    cargo fuzz build -s none "$target"
done

crashed=0
printf '%-12s %8s %12s %8s %8s\n' target seconds executions corpus crashes
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    before=$(find "artifacts/$target" -type f | wc -l)
    log="artifacts/$target.log"
    start=$(date +%s)
    # -timeout: an input that runs over 10 s is reported as a hang, like a crash.
    cargo fuzz run -s none "$target" "corpus/$target" ../data/articles ../data/lists -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1 || true
    elapsed=$(($(date +%s) - start))
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    corpus=$(find "corpus/$target" -type f | wc -l)
    crashes=$(($(find "artifacts/$target" -type f | wc -l) - before))
    printf '%-12s %8s %12s %8s %8s\n' "$target" "$elapsed" "$executions" "$corpus" "$crashes"
    if [ "$crashes" -gt 0 ] || grep -q 'ERROR: libFuzzer\|panicked at' "$log"; then
        crashed=1
        grep -m3 'panicked at\|ERROR: libFuzzer\|Test unit written' "$log" | sed 's/^/    /'
    fi
done
exit "$crashed"
