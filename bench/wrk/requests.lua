-- wrk script for Beacon's benchmarks: what each request is, then one result line.
--   wrk ... -s requests.lua <url> -- post-file <bodies.jsonl> [authorization header]
--     POSTs the file's lines as JSON bodies, round-robin (each thread from its own offset)
--   wrk ... -s requests.lua <url> -- post-template <template.json> <first id>
--     POSTs a new body each time: @ID@ in the template becomes a new id, @M<n>@ that id mod n;
--     ids never repeat across threads (thread t counts from first id + t * 100,000,000)
--   wrk ... -s requests.lua <url> -- get-file <paths.txt> [authorization header]
--     GETs the file's lines (paths with their query), round-robin
-- done() prints one line `WRK_RESULT {json}`: counts, errors and latency percentiles (µs).

local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local mode
local lines = {}
local template
local next_id
local counter = 0

local function read_lines(file)
  for line in io.lines(file) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  counter = (thread_index * 7919) % #lines
end

function init(args)
  mode = args[1]
  if mode == "post-file" then
    read_lines(args[2])
    if args[3] then wrk.headers["Authorization"] = args[3] end
  elseif mode == "post-template" then
    local f = assert(io.open(args[2], "r"))
    template = f:read("*a")
    f:close()
    next_id = tonumber(args[3]) + thread_index * 100000000
  elseif mode == "get-file" then
    read_lines(args[2])
    if args[3] then wrk.headers["Authorization"] = args[3] end
  else
    error("requests.lua: the mode is post-file, post-template or get-file")
  end
  if mode ~= "get-file" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
end

function request()
  if mode == "post-template" then
    local id = next_id
    next_id = next_id + 1
    local body = template:gsub("@ID@", tostring(id)):gsub("@M(%d+)@", function(n)
      return tostring(id % tonumber(n))
    end)
    return wrk.format(nil, nil, nil, body)
  end
  counter = counter + 1
  local line = lines[(counter % #lines) + 1]
  if mode == "get-file" then return wrk.format("GET", line) end
  return wrk.format(nil, nil, nil, line)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"non2xx":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
