/**
 * create: stores a new task at version 1 with an empty event stream.
 *
 * Needs TASK_STATES_LUA and TASK_DOCUMENT_LUA before it.
 */
export const CREATE_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs; on
--   standalone Redis also (the side keys, in other slots) KEYS[5] deadline set, KEYS[6] the scope's
--   messageId key (ignored without a messageId), KEYS[7] the scope's list index, KEYS[8] the context's.
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] instance id,
--   [7] state, [8] ids fragment ('"taskId":..,"contextId":..'), [9] contextId,
--   [10] task JSON without status, history and artifacts, [11] status JSON, [12] status time (ms or ''),
--   [13] history length m ('' when the task has no history array), [14] '1' when the task has an
--   artifacts array, [15] timeoutMs (''), [16] deadlineAt (''), [17] creating messageId (''),
--   [18] task id, [19] lifetime of the messageId key (ms), [20] lifetime of the list indexes (ms),
--   [21] artifact count n, then n triples: artifactId, artifact JSON without parts, parts JSON array;
--   then m messages (JSON each) of the history.
-- Returns {1} when created; {0, field, value, ...} (the task hash) when the same scope's same messageId
--   created this task before (a retried create); {-6} when a task with this id exists (in any scope;
--   nothing about it is returned); with the side keys, {2, firstTaskId} when the messageId key already
--   names another task (checked before any write; the caller reads that task).
-- With the side keys the script also claims the messageId key (SET NX), adds the deadline (ZADD NX) and
--   puts the task at the top of both list indexes, so a create is one command; without them (a Cluster)
--   the caller sends those itself.
-- No event is appended and nothing is published: a new task has no watchers yet.
local now = tonumber(ARGV[3])
local side = #KEYS > 4
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
if side and ARGV[17] ~= '' then
  if not redis.call('SET', KEYS[6], ARGV[18], 'PX', ARGV[19], 'NX') then
    return { 2, redis.call('GET', KEYS[6]) }
  end
end

local fields = { 'state', ARGV[7], 'version', 1, 'tenant', ARGV[1], 'owner', ARGV[2], 'ids', ARGV[8],
  'contextId', ARGV[9], 'head', ARGV[10], 'status', ARGV[11], 'statusAt', ARGV[12], 'createdAt', now, 'renewedAt', now,
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
local n = tonumber(ARGV[21])
if ARGV[14] == '1' then
  add('artifacts', '1')
  add('an', n)
  for i = 1, n do
    local at = 21 + (i - 1) * 3
    add('ai:' .. ARGV[at + 1], i)
    add('a:' .. i, ARGV[at + 2])
    add('pn:' .. i, 1)
    add('p:' .. i .. ':1', ARGV[at + 3])
  end
end
if ARGV[13] ~= '' then
  local first = 21 + n * 3
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
if side then
  if ARGV[16] ~= '' then redis.call('ZADD', KEYS[5], 'NX', ARGV[16], ARGV[18]) end
  for i = 7, 8 do
    redis.call('ZADD', KEYS[i], 'GT', now, ARGV[18])
    redis.call('PEXPIRE', KEYS[i], ARGV[20])
  end
end
return { 1 }
`;
