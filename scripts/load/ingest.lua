-- POSTs a new small article per request to /api/v1/lists with the write token: every body is
-- different (thread, counter and clock in the title), so each one is stored, not deduplicated.
-- Needs LOAD_TOKEN and LOAD_TITLES (film titles separated by "|").
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require("report")

local counter = 0
local threads = 0

-- Each thread's number, set as the global `thread_no` in that thread's interpreter.
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local titles = {}
for t in string.gmatch(os.getenv("LOAD_TITLES") or "", "[^|]+") do
  titles[#titles + 1] = t
end
local token = os.getenv("LOAD_TOKEN") or ""
local started = os.time()

function article()
  counter = counter + 1
  local lines = { string.format("Load test list %d-%d-%d\n", started, thread_no or 0, counter) }
  local size = 10
  for rank = size, 1, -1 do
    local t = titles[((counter * 7 + rank * 13 + (thread_no or 0)) % #titles) + 1]
    lines[#lines + 1] = string.format("%d. %s\n\nWhy it ranks here.\n", rank, t)
  end
  return table.concat(lines, "\n")
end

function ingest_request()
  return wrk.format("POST", "/api/v1/lists?name=load.txt", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "text/plain",
  }, article())
end

function request()
  return ingest_request()
end
