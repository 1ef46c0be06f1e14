-- GET a random path from this thread's share of BENCH_PATHS (pages and the PDF export).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  common_init()
  paths = thread_lines()
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
