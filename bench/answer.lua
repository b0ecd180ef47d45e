-- The write target: each request changes the saved answer of one question of an in-progress
-- attempt (feedback at the end, so an answer may be changed any number of times). Several
-- students save at once, each in their own 200-question attempt, with their own session.
--
-- The app refuses a save whose `version` is not the item's current one (a stale tab). Each
-- wrk thread owns a disjoint share of all the items and goes round them in turn, counting the
-- saves it has sent: with hundreds of items per thread and 16 connections, an item's previous
-- save has long been answered when its turn comes again, so the counted version is the
-- current one. Rarely (a few in thousands in our runs) a save is still refused as stale
-- (409); those are counted apart from the errors, as "stale".
--
-- Arguments (after --): the thread count and the path of a file with one line per item,
-- "path<TAB>cookie<TAB>position<TAB>current version<TAB>body<TAB>body" (two form bodies
-- choosing different options, with the session's CSRF token, without the position and version
-- fields). Saves alternate between the two bodies, so every request really changes the answer.
dofile("bench/report.lua")

local counter, threads = 0, {}
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  threads[#threads + 1] = thread
end

function stale_count()
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("stale")
  end
  return total
end

stale = 0
function response(status, headers, body)
  if status == 409 then
    stale = stale + 1
  end
end

local items, versions, turn = {}, {}, 0

function init(args)
  local threads, n = tonumber(args[1]), 0
  for line in io.lines(args[2]) do
    if n % threads == index then
      local path, cookie, position, version, a, b =
        line:match("^([^\t]+)\t([^\t]+)\t(%d+)\t(%d+)\t([^\t]*)\t([^\t]*)$")
      items[#items + 1] = {path = path, cookie = cookie, position = position, bodies = {a, b}}
      versions[#items] = tonumber(version)
    end
    n = n + 1
  end
end

function request()
  turn = turn % #items + 1
  local item = items[turn]
  local version = versions[turn]
  local body = item.bodies[version % 2 + 1] .. "&position=" .. item.position
    .. "&version=" .. version
  versions[turn] = versions[turn] + 1
  local headers = {
    ["Cookie"] = item.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", item.path, headers, body)
end
