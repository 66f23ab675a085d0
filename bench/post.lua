-- wrk: POST /api/signals, every request a post (URL) of its own so that none folds into a duplicate.
local threads = 0
local run = tostring(os.time())

function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local counter = 0

function request()
   counter = counter + 1
   local body = '{"category":"MENTION","platform":"FACEBOOK","topic":"EMPLOYMENT",'
      .. '"url":"https://www.facebook.com/sglzorg/posts/bench-wrk-' .. run .. '-' .. tid .. '-' .. counter .. '",'
      .. '"description":"Iemand vraagt naar vacatures."}'
   return wrk.format("POST", "/api/signals", { ["Content-Type"] = "application/json" }, body)
end
