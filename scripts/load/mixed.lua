-- A mix of what readers and editors do: of every 100 requests, 40 chart pages, 15 chart API
-- calls, 20 film pages, 10 film API calls, 5 list-collection API calls, 5 songs API calls and
-- 5 ingests (POST with the token). Film ids come from LOAD_FILMS ("|"-separated).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require("ingest")

local films = {}
for id in string.gmatch(os.getenv("LOAD_FILMS") or "", "[^|]+") do
  films[#films + 1] = id
end
local n = 0

function request()
  n = n + 1
  local slot = (n * 37) % 100
  local film = films[(n % #films) + 1]
  if slot < 40 then
    return wrk.format("GET", "/")
  elseif slot < 55 then
    return wrk.format("GET", "/api/v1/chart")
  elseif slot < 75 then
    return wrk.format("GET", "/films/" .. film)
  elseif slot < 85 then
    return wrk.format("GET", "/api/v1/films/" .. film)
  elseif slot < 90 then
    return wrk.format("GET", "/api/v1/lists?limit=50")
  elseif slot < 95 then
    return wrk.format("GET", "/api/v1/songs?limit=50")
  else
    return ingest_request()
  end
end
