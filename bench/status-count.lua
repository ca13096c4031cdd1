-- wrk script: counts responses by status code (other than 2xx) and keeps the start of the first body of each,
-- so an invalid run says what went wrong. Printed by done() after wrk's own summary.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  samples = {}
end

function response(status, headers, body)
  if status < 200 or status >= 300 then
    statuses[status] = (statuses[status] or 0) + 1
    if samples[status] == nil then
      samples[status] = string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local counts, firsts = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
    for status, body in pairs(thread:get("samples")) do
      firsts[status] = firsts[status] or body
    end
  end
  for status, n in pairs(counts) do
    io.write(string.format("Status %d: %d response(s); first body: %s\n", status, n, (firsts[status]:gsub("%s+", " "))))
  end
end
