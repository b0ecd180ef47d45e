-- Prints one JSON line with the numbers bench/run.py reads (latencies in microseconds).
-- Used as the whole script for GET targets, and loaded by answer.lua for the write target.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nBENCH {"requests": %d, "duration_us": %d, "p50": %d, "p99": %d, "mean": %.1f, ' ..
    '"errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, e.connect + e.read + e.write + e.timeout, e.status))
end
