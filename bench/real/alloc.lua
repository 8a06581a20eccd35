-- alloc.lua: an allocation-heavy Lua program for the bench, run by the
-- Lua 5.4 interpreter built from Debian's lua5.4 source package.
--
--   lua alloc.lua [rounds]     (default 300000)
--
-- Each round makes a record (a table, strings made by formatting and
-- concatenation, a table of tags, a closure) and files it in a ring of
-- 4096 records and in an index by name, replacing what was there: the
-- collector frees as fast as the program allocates, mostly blocks of 16 to
-- 200 bytes, as a scripting workload's heap is.  Prints a checksum of what
-- it computed.

local rounds = tonumber(arg[1]) or 300000
local seed = 88172645463325252

-- xorshift64, in Lua's 64-bit integers
local function random()
  seed = seed ~ (seed << 13)
  seed = seed ~ (seed >> 7)
  seed = seed ~ (seed << 17)
  return seed
end

local words = {}
for i = 1, 256 do
  local letters = {}
  for j = 1, 3 + i % 9 do
    letters[j] = string.char(97 + (random() >> 3) % 26)
  end
  words[i] = table.concat(letters)
end

local RING = 4096
local ring, index, checksum = {}, {}, 0
for round = 1, rounds do
  local r = random()
  local name = words[1 + (r >> 9) % #words] .. "-" .. ((r >> 20) % 61)
  local record = {
    id = round,
    name = name,
    label = string.format("%s:%08x", name, r & 0xffffffff),
    tags = { words[1 + (r >> 30) % #words], words[1 + (r >> 40) % #words] },
    score = function(k) return (round * k + #name) % 65521 end,
  }
  local old = ring[round % RING]
  if old then
    checksum = (checksum + old.score(3) + #old.label + #old.tags[2]) % 4294967296
  end
  ring[round % RING] = record
  local previous = index[name]
  if previous then
    checksum = (checksum * 31 + previous.id % 65521) % 4294967296
  end
  index[name] = record
  checksum = (checksum * 31 + record.score(#record.label)) % 4294967296
end

local named = 0
for _ in pairs(index) do named = named + 1 end
print(string.format("lua checksum %d named %d", checksum, named))
