-- wrk: every request a distinct URL, so the public response cache never hits. The added `miss=`
-- parameter is ignored by the server (unknown parameters are), so each request costs what the same
-- URL costs uncached, plus storing its reply in the cache (and evicting older ones once it is full).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "miss=" .. tid .. "-" .. n)
end
