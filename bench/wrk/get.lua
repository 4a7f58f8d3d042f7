-- GET requests, sent as fast as the server answers.
-- BENCH_TOKEN adds "Authorization: Bearer <token>"; BENCH_IF_NONE_MATCH adds If-None-Match.
-- BENCH_PATHS (comma-separated) requests those paths in turn, each thread from its own start
-- (a person browsing many items); without it, wrk's static fast path on the URL's path.
-- done() prints one "BENCH_RESULT {json}" line for bench/run.py.

local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local etag = os.getenv("BENCH_IF_NONE_MATCH") or ""
if etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

local paths = {}
for item in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^,]+") do
  paths[#paths + 1] = item
end

if #paths > 0 then
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("start", threads * 7919)
  end

  local next_index
  function init(args)
    next_index = (start or 0) % #paths
  end

  function request()
    next_index = next_index % #paths + 1
    return wrk.format("GET", paths[next_index])
  end
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
