-- Prints one JSON line with the numbers bench/run.py reads (latencies in microseconds).
-- Used as the whole script for GET targets, and loaded by answer.lua for the write target,
-- which defines `stale_count` (saves refused as stale, counted apart from the errors).
function done(summary, latency, requests)
  local e = summary.errors
  local stale = stale_count and stale_count() or 0
  io.write(string.format(
    '\nBENCH {"requests": %d, "duration_us": %d, "p50": %d, "p99": %d, "mean": %.1f, ' ..
    '"timeouts": %d, "errors": %d, "status_errors": %d, "stale": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, e.timeout, e.connect + e.read + e.write, e.status - stale, stale))
end
