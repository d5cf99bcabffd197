/**
 * read-events: the entries of a task's stream after an id, and whether entries after that id were
 * trimmed away; one atomic read, so trimming cannot slip between the check and the range.
 */
export const READ_EVENTS_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream.
-- ARGV[1] now (store clock, ms), [2] after: an entry id, or '' for the start of the stream,
--   [3] the most entries to return (0: all).
-- Returns {trimmed (1|0), entries}, entries as XRANGE returns them (fields e: event JSON,
--   p: the previous entry's id). A task that does not exist (or whose retention ended on the store's
--   clock) has no entries and nothing trimmed.
-- Trimmed: the oldest kept entry's predecessor is later than ARGV[2], so an entry the reader has not
--   seen is gone. (XINFO's max-deleted-entry-id would not do: MAXLEN trimming does not update it.)
local expires = redis.call('HGET', KEYS[1], 'expiresAt')
if expires and tonumber(expires) <= tonumber(ARGV[1]) then return { 0, {} } end

-- '' sorts before every id; otherwise compare "ms-seq" numerically.
local function is_before(a, b)
  if a == '' then return b ~= '' end
  if b == '' then return false end
  local a_ms, a_seq = string.match(a, '^(%d+)-(%d+)$')
  local b_ms, b_seq = string.match(b, '^(%d+)-(%d+)$')
  a_ms, a_seq, b_ms, b_seq = tonumber(a_ms), tonumber(a_seq), tonumber(b_ms), tonumber(b_seq)
  return a_ms < b_ms or (a_ms == b_ms and a_seq < b_seq)
end

local after = ARGV[2]
local oldest = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if #oldest == 0 then return { 0, {} } end
local previous = ''
local fields = oldest[1][2]
for i = 1, #fields, 2 do
  if fields[i] == 'p' then previous = fields[i + 1] end
end
local trimmed = 0
if is_before(after, previous) then trimmed = 1 end

local from = '-'
if after ~= '' then from = '(' .. after end
local entries
if ARGV[3] ~= '0' then
  entries = redis.call('XRANGE', KEYS[2], from, '+', 'COUNT', ARGV[3])
else
  entries = redis.call('XRANGE', KEYS[2], from, '+')
end
return { trimmed, entries }
`;
