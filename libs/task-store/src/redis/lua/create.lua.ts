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
--   [13] history JSON array ('' when the task has none), [14] '1' when the task has an artifacts array,
--   [15] timeoutMs (''), [16] deadlineAt (''), [17] creating messageId (''), [18] artifact count n,
--   then n triples: artifactId, artifact JSON without parts, parts JSON array.
-- Returns {1, '', taskJson, createdAt, deadlineAt|false, tenant, owner, 1} when created;
--   {version, lastEventId, taskJson, createdAt, deadlineAt|false, tenant, owner, 0} when the same scope's
--   same messageId created this task before (a retried create);
--   {-6} when a task with this id exists (in any scope; nothing about it is returned).
-- No event is appended and nothing is published: a new task has no watchers yet.
local now = tonumber(ARGV[3])
local existing = redis.call('HMGET', KEYS[1], 'state', 'version', 'tenant', 'owner', 'createdBy',
  'expiresAt', 'lastEventId', 'task', 'createdAt', 'deadlineAt')
if existing[1] then
  if existing[6] and tonumber(existing[6]) <= now then
    -- Retention ended on the store's clock: the id is free again.
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  elseif ARGV[17] ~= '' and existing[5] == ARGV[17] and existing[3] == ARGV[1] and existing[4] == ARGV[2] then
    return { tonumber(existing[2]), existing[7], existing[8], existing[9], existing[10] or false,
      existing[3], existing[4], 0 }
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
if ARGV[13] ~= '' then add('history', ARGV[13]) end
if ARGV[15] ~= '' then add('timeoutMs', ARGV[15]) end
if ARGV[16] ~= '' then add('deadlineAt', ARGV[16]) end
if ARGV[17] ~= '' then add('createdBy', ARGV[17]) end
local terminal = TERMINAL[ARGV[7]]
if terminal then add('expiresAt', now + tonumber(ARGV[5])) end
if ARGV[14] == '1' then
  local n = tonumber(ARGV[18])
  add('artifacts', '1')
  add('an', n)
  for i = 1, n do
    local at = 18 + (i - 1) * 3
    add('ai:' .. ARGV[at + 1], i)
    add('a:' .. i, ARGV[at + 2])
    add('p:' .. i, ARGV[at + 3])
  end
end
redis.call('HSET', KEYS[1], unpack(fields))
local doc = build_task(KEYS[1])
redis.call('HSET', KEYS[1], 'task', doc)

local ttl = tonumber(ARGV[4])
if terminal then ttl = tonumber(ARGV[5]) end
ttl = math.max(ttl, 1)
redis.call('PEXPIRE', KEYS[1], ttl)
if ARGV[17] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[17])
  redis.call('PEXPIRE', KEYS[3], ttl)
end
local deadline = false
if ARGV[16] ~= '' then deadline = ARGV[16] end
return { 1, '', doc, now, deadline, ARGV[1], ARGV[2], 1 }
`;
