-- GETs the path in LOAD_PATH on every request (the chart page by default).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require("report")
local path = os.getenv("LOAD_PATH") or "/"
function request()
  return wrk.format("GET", path)
end
