-- "The list right after a write": every connection alternates a write and a list GET, so
-- that no GET can be answered from a list rendered before it.
--
-- Run with as many threads as connections (wrk -tK -cK): one connection per thread, so that
-- request() and response() strictly alternate on it. Connection i writes as BENCH_TOKENS[i]
-- to BENCH_WRITE_PATHS[i], then reads that user's list. With a user per connection, no other
-- connection's GET can render and cache the list between this connection's write and its
-- GET; with one user on several connections (the same token), another's GET may.
--
-- The write is PATCH <path> {"<BENCH_WRITE_FIELD>": "..."} (a new text every time). Only the
-- GETs are reported: their count over the run, and their latency, timed here (monotonic
-- clock, from the moment the GET is handed to the socket to its complete response), since
-- wrk's own latency figures would mix the writes in.
--
-- Environment: BENCH_TOKENS and BENCH_WRITE_PATHS (comma-separated), BENCH_WRITE_FIELD,
-- BENCH_GET_PATH.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local function split(text)
  local items = {}
  for item in string.gmatch(text or "", "[^,]+") do
    items[#items + 1] = item
  end
  return items
end

local tokens = split(os.getenv("BENCH_TOKENS"))
local write_paths = split(os.getenv("BENCH_WRITE_PATHS"))
local write_field = os.getenv("BENCH_WRITE_FIELD") or "title"
local get_path = os.getenv("BENCH_GET_PATH") or "/api/v1/movies/"

-- Main state: hand each thread its user.
local threads = {}
function setup(thread)
  local index = #threads + 1
  threads[index] = thread
  thread:set("thread_index", index)
  thread:set("thread_token", tokens[(index - 1) % #tokens + 1])
  thread:set("thread_write_path", write_paths[(index - 1) % #write_paths + 1])
end

-- Thread state.
local get_request, auth
local writing = true
local writes, gets, bad_writes, bad_gets, started = 0, 0, 0, 0, 0
latencies = {}
counters = {}

function init(args)
  auth = "Bearer " .. thread_token
  get_request = wrk.format("GET", get_path, { ["Authorization"] = auth })
end

function request()
  if writing then
    local body = string.format('{"%s": "Bench write %d-%d"}', write_field, thread_index,
      writes + 1)
    return wrk.format("PATCH", thread_write_path,
      { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
  end
  started = now_us()
  return get_request
end

function response(status, headers, body)
  if writing then
    writes = writes + 1
    if status ~= 200 then bad_writes = bad_writes + 1 end
  else
    gets = gets + 1
    latencies[gets] = now_us() - started
    if status ~= 200 then bad_gets = bad_gets + 1 end
  end
  writing = not writing
  counters.writes, counters.gets = writes, gets
  counters.bad_writes, counters.bad_gets = bad_writes, bad_gets
end

function done(summary, latency, requests)
  local all = {}
  local writes_total, gets_total, bad_w, bad_g = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    local c = thread:get("counters") or {}
    writes_total = writes_total + (c.writes or 0)
    gets_total = gets_total + (c.gets or 0)
    bad_w = bad_w + (c.bad_writes or 0)
    bad_g = bad_g + (c.bad_gets or 0)
    for _, value in ipairs(thread:get("latencies") or {}) do
      all[#all + 1] = value
    end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p / 100))]
  end
  local sum = 0
  for _, value in ipairs(all) do sum = sum + value end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%.0f,"p99_us":%.0f,'
      .. '"mean_us":%.1f,"max_us":%.0f,"writes":%d,"all_requests":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
      .. '"bad_writes":%d,"bad_gets":%d}}\n',
    gets_total, summary.duration, summary.bytes, pct(50), pct(99),
    (#all > 0) and sum / #all or 0, pct(100), writes_total, summary.requests,
    e.connect, e.read, e.write, e.status, e.timeout, bad_w, bad_g))
end
