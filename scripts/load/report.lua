-- Shared by the load test's wrk scripts: one summary line the shell script parses.
--   RESULT <requests> <requests/s> <p50 ms> <p99 ms> <errors>
-- where errors are socket errors (connect, read, write, timeout) plus responses that were not
-- 2xx or 3xx.
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
