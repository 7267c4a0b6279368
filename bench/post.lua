-- wrk script: POST a valid ResendOTP request, count non-200 answers, print a
-- machine-readable summary (parsed by rest-bench.sh) in done().
-- Used unchanged for the nginx stand-in (baseline) and for the bundle.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"Userkey":"AOP554N3X","Mobile":9876543210,"AdhaarNumber":"234123412346",'
        .. '"PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  first_bad = ""
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if first_bad == "" then
      first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad, sample = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + t:get("non200")
    local s = t:get("first_bad")
    if sample == "" and s ~= nil and s ~= "" then sample = s end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "non200=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect, e.read, e.write, e.timeout))
  if sample ~= "" then
    io.write("BENCH_FIRST_NON200 " .. sample:gsub("\n", " ") .. "\n")
  end
end
