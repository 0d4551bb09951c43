-- wrk: counts the X-Cache header of every reply (hit, miss, none) and prints the totals.
-- The response() callback slows wrk down, so this run is for the hit rate, not for speed.
local all = {}
function setup(thread)
  table.insert(all, thread)
end

hits, misses, other = 0, 0, 0
function response(status, headers, body)
  local value = headers["X-Cache"] or headers["x-cache"]
  if value == "hit" then hits = hits + 1 elseif value == "miss" then misses = misses + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(all) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); o = o + thread:get("other")
  end
  io.write(string.format("X-Cache hit %d, miss %d, none %d: hit rate %.3f %%\n", h, m, o, 100 * h / math.max(1, h + m + o)))
end
