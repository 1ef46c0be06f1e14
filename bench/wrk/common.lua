-- Shared by every scenario: split the path list between wrk's threads, send the session
-- cookie, count every response that is not 2xx, and print the figures as JSON in done().
--
-- Environment: BENCH_PATHS (a file, one path per line; for saves "path<TAB>json value"),
-- BENCH_THREADS (wrk's -t), BENCH_COOKIE, BENCH_CSRF (X-CSRFToken for POSTs).

local threads = {}
local created = 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then table.insert(lines, line) end
  end
  return lines
end

-- This thread's share of the list: lines i with (i - 1) % threads == id, so two threads
-- never send the same path (the saves need that, see save.lua).
function thread_lines()
  local all = read_lines(os.getenv("BENCH_PATHS"))
  local count = tonumber(os.getenv("BENCH_THREADS") or "1")
  local mine = {}
  for i, line in ipairs(all) do
    if (i - 1) % count == id then table.insert(mine, line) end
  end
  if #mine == 0 then mine = all end
  return mine
end

function common_init()
  non2xx = 0
  first_bad = 0
  math.randomseed(os.time() + id * 7919)
  local cookie = os.getenv("BENCH_COOKIE") or ""
  if #cookie > 0 then wrk.headers["Cookie"] = cookie end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local bad, status = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    if status == 0 then status = thread:get("first_bad") end
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, ' ..
    '"p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "non2xx": %d, "first_bad_status": %d, ' ..
    '"socket_errors": %d, "bytes": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, bad,
    status, errors.connect + errors.read + errors.write + errors.timeout, summary.bytes))
end
