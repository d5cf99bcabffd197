/**
 * create: stores a new task at version 1 with an empty event stream.
 *
 * Needs TASK_STATES_LUA and TASK_DOCUMENT_LUA before it.
 */
export const CREATE_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs.
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] instance id,
--   [7] state, [8] ids fragment ('"taskId":..,"contextId":..'), [9] contextId,
--   [10] task JSON without status, history and artifacts, [11] status JSON, [12] status time (ms or ''),
--   [13] history length m ('' when the task has no history array), [14] '1' when the task has an
--   artifacts array, [15] timeoutMs (''), [16] deadlineAt (''), [17] creating messageId (''),
--   [18] artifact count n, then n triples: artifactId, artifact JSON without parts, parts JSON array;
--   then m messages (JSON each) of the history.
-- Returns {1} when created; {0, field, value, ...} (the task hash) when the same scope's same messageId
--   created this task before (a retried create); {-6} when a task with this id exists (in any scope;
--   nothing about it is returned).
-- No event is appended and nothing is published: a new task has no watchers yet.
local now = tonumber(ARGV[3])
local existing = redis.call('HMGET', KEYS[1], 'state', 'tenant', 'owner', 'createdBy', 'expiresAt')
if existing[1] then
  if existing[5] and tonumber(existing[5]) <= now then
    -- Retention ended on the store's clock: the id is free again.
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  elseif ARGV[17] ~= '' and existing[4] == ARGV[17] and existing[2] == ARGV[1] and existing[3] == ARGV[2] then
    local hash = redis.call('HGETALL', KEYS[1])
    table.insert(hash, 1, 0)
    return hash
  else
    return { -6 }
  end
end

local fields = { 'state', ARGV[7], 'version', 1, 'tenant', ARGV[1], 'owner', ARGV[2], 'ids', ARGV[8],
  'contextId', ARGV[9], 'head', ARGV[10], 'status', ARGV[11], 'statusAt', ARGV[12], 'createdAt', now,
  'updatedAt', now, 'updatedBy', ARGV[6], 'lastEventId', '' }
local function add(name, value)
  fields[#fields + 1] = name
  fields[#fields + 1] = value
end
if ARGV[15] ~= '' then add('timeoutMs', ARGV[15]) end
if ARGV[16] ~= '' then add('deadlineAt', ARGV[16]) end
if ARGV[17] ~= '' then add('createdBy', ARGV[17]) end
local ended = terminal(ARGV[7])
if ended then add('expiresAt', now + tonumber(ARGV[5])) end
local n = tonumber(ARGV[18])
if ARGV[14] == '1' then
  add('artifacts', '1')
  add('an', n)
  for i = 1, n do
    local at = 18 + (i - 1) * 3
    add('ai:' .. ARGV[at + 1], i)
    add('a:' .. i, ARGV[at + 2])
    add('pn:' .. i, 1)
    add('p:' .. i .. ':1', ARGV[at + 3])
  end
end
if ARGV[13] ~= '' then
  local first = 18 + n * 3
  local m = tonumber(ARGV[13])
  add('hn', m)
  for i = 1, m do add('h:' .. i, ARGV[first + i]) end
end
-- HSET in chunks: unpack() of thousands of arguments would overflow the Lua C stack.
for first = 1, #fields, 512 do
  redis.call('HSET', KEYS[1], unpack(fields, first, math.min(#fields, first + 511)))
end

local ttl = tonumber(ARGV[4])
if ended then ttl = tonumber(ARGV[5]) end
ttl = math.max(ttl, 1)
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[17] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[17])
  redis.call('PEXPIRE', KEYS[3], ttl)
end
return { 1 }
`;
