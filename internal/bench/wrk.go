package bench

import (
	"fmt"
	"net/url"
	"strings"
)

// WrkScript is a Lua script for wrk (a C load tool, closed loop) drawing
// the same query mix as PortalQuery: a unit (70 %), a period (50 %), a
// keyword (30 %), a page 1–5, each thread from its own seed. An argument
// after "--" is a pause in milliseconds before each request of a
// connection (wrk's delay()), to hold the rate near connections × 1000/pause.
// done() prints p50/p95/p99/max and the non-2xx count.
func WrkScript(units []int64) string {
	var us, ws []string
	for _, u := range units {
		us = append(us, fmt.Sprint(u))
	}
	for _, w := range benchWords {
		ws = append(ws, fmt.Sprintf("%q", url.QueryEscape(w)))
	}
	return `-- fazhi bench-portal --wrk-script: the public 公示 search mix for wrk.
local units = {` + strings.Join(us, ", ") + `}
local words = {` + strings.Join(ws, ", ") + `}
local pause = 0
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed * 7919)
  if args[1] then pause = tonumber(args[1]) end
end

function delay()
  return pause
end

function request()
  local q = {}
  if math.random(10) <= 7 then q[#q + 1] = "unit=" .. units[math.random(#units)] end
  if math.random(2) == 1 then
    local y = 2021 + math.random(5)
    q[#q + 1] = string.format("from=%d-%02d-01&to=%d-12-31", y, math.random(12), y)
  end
  if math.random(10) <= 3 then q[#q + 1] = "q=" .. words[math.random(#words)] end
  q[#q + 1] = "page=" .. math.random(5)
  return wrk.format("GET", "/public/enforcement/decisions?" .. table.concat(q, "&"))
end

function done(summary, latency, requests)
  local ms = function(us) return string.format("%.2f ms", us / 1000) end
  io.write(string.format("requests %d, non-2xx %d, socket errors %d, %.1f req/s\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
  io.write("latency p50 " .. ms(latency:percentile(50)) .. "  p95 " .. ms(latency:percentile(95)) ..
    "  p99 " .. ms(latency:percentile(99)) .. "  max " .. ms(latency.max) .. "\n")
end
`
}
