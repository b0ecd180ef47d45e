-- The write target: each request changes the saved answer of one question of an in-progress
-- attempt (feedback at the end, so an answer may be changed any number of times).
--
-- The app refuses a save whose `version` is not the item's current one (a stale tab). Each
-- wrk thread owns a disjoint share of the attempt's items and goes round them in turn,
-- counting the saves it has sent: with 100 items per thread and 16 connections, an item's
-- previous save has long been answered when its turn comes again, so the counted version is
-- the current one. Any refused save shows up as a status error in the report.
--
-- Arguments (after --): the thread count and the path of a file with one line per item,
-- "position<TAB>current version<TAB>body<TAB>body" (two form bodies choosing different
-- options, without the position and version fields). Saves alternate between the two
-- bodies, so every request really changes the stored answer.
dofile("bench/report.lua")

local counter = 0
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

local items, versions, turn = {}, {}, 0

function init(args)
  local threads, n = tonumber(args[1]), 0
  for line in io.lines(args[2]) do
    if n % threads == index then
      local position, version, a, b = line:match("^(%d+)\t(%d+)\t([^\t]*)\t([^\t]*)$")
      items[#items + 1] = {position = position, bodies = {a, b}}
      versions[#items] = tonumber(version)
    end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  turn = turn % #items + 1
  local item = items[turn]
  local version = versions[turn]
  local body = item.bodies[version % 2 + 1] .. "&position=" .. item.position
    .. "&version=" .. version
  versions[turn] = versions[turn] + 1
  return wrk.format(nil, nil, nil, body)
end
