#!/usr/bin/env bash
# Whole-process timings of the everyday commands against a store holding a large catalog:
# ingest of a 10-entry article, catalog search, review (which must leave the database file
# byte-identical) and rank over 1,000 stored lists. Prints the median of RUNS runs of each.
#
#   scripts/bench_store.sh [FILMS=100000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
films=${1:-100000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p needledrop
cargo run --release -q -p needledrop-catalog --example synthetic_catalog -- \
  "$films" "$work/films.csv" 1000 "$work/lists.csv"
bin=target/release/needledrop
export NEEDLEDROP_DB="$work/bench.db"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_cmd LABEL SETUP COMMAND...: runs SETUP (untimed) then COMMAND, RUNS times.
time_cmd() {
  local label=$1 setup=$2; shift 2
  for _ in $(seq "$runs"); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
    cat "$work/t"
  done >"$work/times"
  printf '%-34s %6ss  %6s MB peak\n' "$label" \
    "$(cut -d' ' -f1 "$work/times" | median)" \
    "$(( $(cut -d' ' -f2 "$work/times" | median) / 1024 ))"
}

/usr/bin/time -f "catalog import: %e s, %M KB peak" "$bin" catalog import "$work/films.csv" >/dev/null
"$bin" ingest "$work/lists.csv" >/dev/null
cp "$NEEDLEDROP_DB" "$work/base.db"
printf 'A top ten\n\n10. Drive (2011)\n\n9. Juno\n\n8. Heat\n\n7. Rocky\n\n6. Jaws\n\n5. Alien\n\n4. Brazil\n\n3. Tron\n\n2. Fargo\n\n1. Up\n' >"$work/a10.txt"
title=$(sed -n 2p "$work/films.csv" | cut -d, -f1)

echo "$films films, 1,000 stored lists; median of $runs runs, whole process:"
time_cmd "ingest a 10-entry article" "cp $work/base.db $NEEDLEDROP_DB; rm -f $NEEDLEDROP_DB-wal $NEEDLEDROP_DB-shm" \
  "$bin" ingest "$work/a10.txt"
time_cmd "catalog search (exact)" ":" "$bin" catalog search "$title"
time_cmd "catalog search (one typo)" ":" "$bin" catalog search "${title%?}x"
before=$(sha256sum "$NEEDLEDROP_DB" | cut -d' ' -f1)
time_cmd "review" ":" "$bin" review
after=$(sha256sum "$NEEDLEDROP_DB" | cut -d' ' -f1)
[ "$before" = "$after" ] && echo "review left the database byte-identical" || echo "review CHANGED the database"
time_cmd "rank (borda, 1,001 lists)" ":" "$bin" rank
