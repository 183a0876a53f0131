-- wrk script for bench/serve: each request the next of these /api/search URLs, so the load
-- mixes short keyword queries, a phrase, filters, sorting and paging.
local paths = {
  "/api/search?q=scheduling",
  "/api/search?q=parameter+server",
  "/api/search?q=gpu+cluster+training",
  "/api/search?q=%22model+serving%22",
  "/api/search?q=inference&venue=OSDI&venue=NSDI",
  "/api/search?q=distributed+deep+learning&sort=-year",
  "/api/search?q=compiler&year=2017..2020",
  "/api/search?q=memory&offset=10",
  "/api/search",
  "/api/search?q=sheduling",
}
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
