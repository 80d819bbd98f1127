-- wrk script for bench/run.sh load with LOAD_CLIENT=wrk: every request POSTs the body in WRK_BODY; with WRK_TOKENS,
-- each carries its own pre-signed client token (thread n of WRK_THREADS takes every n-th line, so none is sent twice;
-- once a thread's are used up it resends its first, which the server refuses as a replay and is counted as an error).
-- Each answer's Server-Timing total is kept, and done() prints the client and server percentiles and the errors.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local f = assert(io.open(os.getenv("WRK_BODY"), "rb"))
  body = f:read("*a")
  f:close()
  tokens = {}
  local file = os.getenv("WRK_TOKENS")
  if file ~= nil and file ~= "" then
    local n, i = tonumber(os.getenv("WRK_THREADS")), 0
    for line in io.lines(file) do
      if i % n == id - 1 then tokens[#tokens + 1] = line end
      i = i + 1
    end
  end
  used, refused, timings = 0, 0, {}
end

function request()
  local headers = { ["Content-Type"] = "application/json" }
  if #tokens > 0 then
    used = used + 1
    headers["Authorization"] = "Bearer " .. (tokens[used] or tokens[1])
  end
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    refused = refused + 1
    return
  end
  local header = headers["Server-Timing"] or headers["server-timing"]
  local total = header and header:match("dur=([%d%.]+)")
  if total then timings[#timings + 1] = tonumber(total) end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 / 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency, requests)
  local server, errors = {}, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("refused")
    for _, t in ipairs(thread:get("timings")) do server[#server + 1] = t end
  end
  table.sort(server)
  io.write(string.format("%8d  %6d  %12.0f  %7.2f  %7.2f  %11.2f  %11.2f\n", summary.requests, errors,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    percentile(server, 50), percentile(server, 99)))
end
