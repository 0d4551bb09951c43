-- wrk: POST /v2/snaps/refresh as snapd sends it. The JSON body (context of installed snaps, one refresh
-- action each, the fields snapd asks for) is read from the file named by $REFRESH_BODY, once.
-- Headers: Snap-Device-Architecture: amd64, and with $DEVICES > 0 a Snap-Device-Id of device-0 …
-- device-(DEVICES-1) in turn, so requests come from many devices (progressive buckets are per device).
local file = assert(io.open(assert(os.getenv("REFRESH_BODY"), "REFRESH_BODY not set"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Snap-Device-Architecture"] = "amd64"

local devices = tonumber(os.getenv("DEVICES") or "0") or 0
if devices > 0 then
  local n = 0
  function request()
    n = n + 1
    -- wrk.format uses the headers given instead of wrk.headers: pass them all.
    local headers = { ["Content-Type"] = "application/json", ["Snap-Device-Architecture"] = "amd64",
                      ["Snap-Device-Id"] = "device-" .. (n % devices) }
    return wrk.format(nil, nil, headers, nil)
  end
end
