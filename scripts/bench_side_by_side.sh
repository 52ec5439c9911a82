#!/usr/bin/env bash
# Whole-process timings of `needledrop rank --input FILE` beside `../shared/anchors/columnar.py`
# (polars + numpy, the fastest sensible Python pipeline) on the same generated files, run
# alternately in one session; prints medians of RUNS runs and the ratio of medians.
#
#   scripts/bench_side_by_side.sh [RUNS=5] [WORK=/tmp/needledrop-side-by-side]
#
# PYTHON (default python3) must have numpy and polars (`pip install numpy polars pyarrow`);
# without polars only our side runs. QUICK=1 skips the 1,000,000-list workload.
# Workloads are generated once with ../shared/anchors/gen.py into WORK and kept there.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=${2:-/tmp/needledrop-side-by-side}
python=${PYTHON:-python3}
anchors=../shared/anchors
mkdir -p "$work"

cargo build --release -q -p needledrop
bin=target/release/needledrop

# gen NAME ARGS...: the workload NAME.csv, generated when missing.
gen() {
  local name=$1; shift
  if [ ! -s "$work/$name.csv" ]; then
    echo "generating $name.csv ($*)" >&2
    "$python" "$anchors/gen.py" "$@" -o "$work/$name.csv.tmp"
    mv "$work/$name.csv.tmp" "$work/$name.csv"
  fi
}
gen l100k_k50 --lists 100000 --k 50 --items 20000 --seed 3
gen l2k_k50 --lists 2000 --k 50 --items 3000 --seed 2
gen l1k_k20 --lists 1000 --k 20 --items 500 --seed 1
[ "${QUICK:-0}" = 1 ] || gen l1m_k20 --lists 1000000 --k 20 --items 2000 --seed 4

have_polars=0
"$python" -c 'import numpy, polars, pyarrow' 2>/dev/null && have_polars=1

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# once FILE COMMAND...: runs COMMAND, appends "wall cpu peak_kb" to FILE.
once() {
  local into=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >"$work/out" 2>"$work/err" || {
    echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >>"$into"
}
# stats FILE: "median_wall median_cpu median_peak_MB"
stats() {
  printf '%s %s %s' "$(cut -d' ' -f1 "$1" | median)" "$(cut -d' ' -f2 "$1" | median)" \
    "$(( $(cut -d' ' -f3 "$1" | median) / 1024 ))"
}

echo "load at start: $(uptime | sed 's/.*load average: //')"
echo "median of $runs alternating runs, whole process (wall s / CPU s / peak MB):"
echo
echo "| workload | method | needledrop | columnar.py polars | ratio (wall) |"
echo "| --- | --- | --- | --- | --- |"
# side FILE LABEL METHOD [PEER_METHOD]: ours and (when PEER_METHOD is given) polars, alternately.
side() {
  local file=$1 label=$2 method=$3 peer=${4:-}
  rm -f "$work/ours" "$work/theirs"
  for _ in $(seq "$runs"); do
    once "$work/ours" "$bin" rank --input "$work/$file.csv" --method "$method" --format csv
    if [ -n "$peer" ] && [ "$have_polars" = 1 ]; then
      once "$work/theirs" "$python" "$anchors/columnar.py" "$work/$file.csv" \
        --reader polars --method "$peer"
    fi
  done
  read -r ow oc om <<<"$(stats "$work/ours")"
  if [ -f "$work/theirs" ]; then
    read -r tw tc tm <<<"$(stats "$work/theirs")"
    printf '| %s | %s | %s s / %s s / %s MB | %s s / %s s / %s MB (%s) | %sx |\n' \
      "$label" "$method" "$ow" "$oc" "$om" "$tw" "$tc" "$tm" "$peer" \
      "$(awk -v a="$tw" -v b="$ow" 'BEGIN {printf "%.1f", a / b}')"
  else
    printf '| %s | %s | %s s / %s s / %s MB | — | — |\n' "$label" "$method" "$ow" "$oc" "$om"
  fi
}

big="100,000 lists × top-50, 20,000 items"
side l100k_k50 "$big" borda borda
side l100k_k50 "$big" rrf rrf
# columnar.py implements Borda and RRF only: the other positional methods are set beside its Borda.
for m in combsum combmnz mean-rank median-rank share metacritic tiers; do
  side l100k_k50 "$big" "$m" borda
done
[ "${QUICK:-0}" = 1 ] || side l1m_k20 "1,000,000 lists × top-20, 2,000 items" borda borda
for m in schulze ranked-pairs copeland; do
  side l2k_k50 "2,000 lists × top-50, 3,000 items" "$m"
done
side l100k_k50 "$big" copeland

# The bootstrap: 1,000 replicates over 1,000 lists.
rm -f "$work/ours"
for _ in $(seq "$runs"); do
  once "$work/ours" "$bin" rank --input "$work/l1k_k20.csv" --bootstrap 1000 --format csv
done
read -r ow oc om <<<"$(stats "$work/ours")"
printf '| 1,000 lists × top-20, 500 items | borda, --bootstrap 1000 | %s s / %s s / %s MB | — | — |\n' \
  "$ow" "$oc" "$om"
echo
echo "load at end: $(uptime | sed 's/.*load average: //')"
