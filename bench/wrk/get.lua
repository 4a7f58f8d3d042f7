-- One fixed request, sent as fast as the server answers: wrk's static fast path.
-- BENCH_TOKEN adds "Authorization: Bearer <token>"; BENCH_IF_NONE_MATCH adds If-None-Match.
-- done() prints one "BENCH_RESULT {json}" line for bench/run.py.

local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local etag = os.getenv("BENCH_IF_NONE_MATCH") or ""
if etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%.0f,"p99_us":%.0f,'
      .. '"mean_us":%.1f,"max_us":%.0f,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
