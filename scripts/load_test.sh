#!/usr/bin/env bash
# Load test of `needledrop serve` on loopback with wrk, over a database of LISTS generated lists.
#
#   scripts/load_test.sh [sqlite|postgres] [LISTS=10000] [SECONDS=10] [CONNECTIONS=16]
#
# Builds the release binary, writes LISTS synthetic lists over the bundled catalog
# (scripts/load/gen_lists.py) and ingests them with the sample articles into a fresh database
# (a temporary SQLite file, or a new schema on the PostgreSQL server in NEEDLEDROP_LOAD_PG,
# default postgres://postgres@127.0.0.1:5432/test, dropped at the end), starts the server on a
# free port, and runs wrk phases of SECONDS each with CONNECTIONS connections on 2 threads:
#   chart page      GET /                    (after one cold request, timed with curl)
#   chart API       GET /api/v1/chart
#   film pages      GET /films/ID            (the chart's top film)
#   mixed           chart pages and API, film pages and API, list and song collections, 5% ingests
#   ingests         POST /api/v1/lists with the token, a new 10-entry article each time
# and prints requests/s, p50, p99 and errors per phase, and the server's peak RSS (VmHWM).
# Exits 1 when any response was an error or a socket failed. Needs wrk, curl, python3 (and psql
# for PostgreSQL). Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
lists=${2:-10000}
seconds=${3:-10}
connections=${4:-16}
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "load_test: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done

work=$(mktemp -d)
server=""
schema=""
pg_base=${NEEDLEDROP_LOAD_PG:-postgres://postgres@127.0.0.1:5432/test}
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -s "$work/serve.log" ]; then
    echo "load_test: failed; the server's last words:" >&2
    tail -5 "$work/serve.log" >&2
  fi
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -n "$schema" ] && psql -q "$pg_base" -c "DROP SCHEMA \"$schema\" CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

case $backend in
  sqlite) db="$work/load.db" ;;
  postgres)
    command -v psql >/dev/null || { echo "load_test: psql is needed for PostgreSQL" >&2; exit 2; }
    schema="nd_load_$$"
    psql -q "$pg_base" -c "CREATE SCHEMA \"$schema\"" >/dev/null
    sep='?'; [[ $pg_base == *\?* ]] && sep='&'
    db="${pg_base}${sep}options=-csearch_path%3D${schema}"
    ;;
  *) echo "usage: $0 [sqlite|postgres] [LISTS] [SECONDS] [CONNECTIONS]" >&2; exit 2 ;;
esac
export NEEDLEDROP_DB="$db"

cargo build --release -q -p needledrop
bin=target/release/needledrop

python3 scripts/load/gen_lists.py data/catalog/films.toml "$lists" "$work/lists" >/dev/null
start=$(date +%s.%N)
"$bin" ingest data/articles/* "$work"/lists/*.json >/dev/null
seeded=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
echo "$backend: $lists generated lists and the sample articles ingested in ${seeded} s"

"$bin" serve --addr 127.0.0.1:0 --token-file "$work/token" 2>"$work/serve.log" &
server=$!
base=""
for _ in $(seq 600); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "load_test: the server did not start" >&2; exit 1; }
token=$(cat "$work/token")

# Where the time of one chart request goes: the first computes, the second is served from memory.
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base$1"; }
read -r code cold < <(timed /)
read -r _ warm < <(timed /)
echo "chart page: first request ${cold} s (status $code), the next ${warm} s"
[ "$code" = 200 ] || { echo "load_test: the chart page answered $code" >&2; exit 1; }

chart=$(curl -s "$base/api/v1/chart?top=60")
export LOAD_FILMS LOAD_TITLES LOAD_TOKEN="$token"
LOAD_FILMS=$(python3 -c 'import json,sys; print("|".join(str(r["film_id"]) for r in json.load(sys.stdin)["rows"] if r.get("film_id")))' <<<"$chart")
LOAD_TITLES=$(python3 -c 'import json,sys; print("|".join(r["title"] for r in json.load(sys.stdin)["rows"]))' <<<"$chart")
top_film=${LOAD_FILMS%%|*}

rss() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$server/status"; }
failed=0
results=()
# phase NAME SCRIPT [LOAD_PATH]
phase() {
  local name=$1 script=$2 line
  line=$(LOAD_PATH=${3:-/} wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$script" "$base" | grep '^RESULT' || true)
  [ -n "$line" ] || { echo "load_test: wrk gave no result for $name" >&2; failed=1; return; }
  read -r _ reqs rps p50 p99 errors <<<"$line"
  if ! kill -0 "$server" 2>/dev/null; then
    local status=0
    wait "$server" || status=$?
    server=""
    echo "load_test: the server died during $name (exit status $status)" >&2
    exit 1
  fi
  results+=("$(printf '| %-26s | %9s | %9s | %8s | %8s | %6s | %13s |' "$name" "$reqs" "$rps" "$p50" "$p99" "$errors" "$(rss)")")
  [ "$errors" = 0 ] || failed=1
  # Requests still queued when the phase ends are not counted: none finishing is a failure too.
  [ "$reqs" != 0 ] || { echo "load_test: no request of $name finished in ${seconds} s" >&2; failed=1; }
}
phase "chart page (GET /)" scripts/load/get.lua /
phase "chart API" scripts/load/get.lua /api/v1/chart
phase "film page" scripts/load/get.lua "/films/$top_film"
phase "mixed (5% ingests)" scripts/load/mixed.lua
phase "ingests (POST)" scripts/load/ingest.lua

stored=$(curl -s "$base/api/v1/lists?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo
echo "$backend, $stored lists stored at the end; wrk -t2 -c$connections -d${seconds}s per phase on $(nproc) cores"
echo "| phase                      |  requests |     req/s | p50 (ms) | p99 (ms) | errors | peak RSS (MB) |"
echo "|----------------------------|-----------|-----------|----------|----------|--------|---------------|"
printf '%s\n' "${results[@]}"
if [ "$failed" != 0 ]; then
  echo "load_test: errors above" >&2
  exit 1
fi
