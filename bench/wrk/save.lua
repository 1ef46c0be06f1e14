-- The JSON autosave: POST {"value", "written_by", "revision"} with the X-CSRFToken header.
--
-- Each thread cycles through its own share of the (path, value) lines, so one path comes
-- round again only after all the others in the share: with more lines than connections
-- per thread, the earlier save of a path has always been answered by then. Revisions grow
-- strictly per thread (a base from the clock plus a counter), so no save is ever older
-- than the one stored and none is refused as stale (409).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  common_init()
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
  saves = {}
  for _, line in ipairs(thread_lines()) do
    local path, value = line:match("^([^\t]+)\t(.+)$")
    table.insert(saves, {path, value})
  end
  position = math.random(#saves)
  base = os.time() * 1000000
  counter = 0
end

function request()
  position = position % #saves + 1
  counter = counter + 1
  local save = saves[position]
  local body = '{"value": ' .. save[2] .. ', "written_by": "resident", "revision": ' ..
    string.format("%.0f", base + counter) .. '}'
  return wrk.format("POST", save[1], nil, body)
end
