/**
 * Lua shared by the scripts that change an existing task (transition, append-artifact, cancel,
 * expire): loading the guard fields, the guards, and the single commit path.
 *
 * KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs.
 * Needs TASK_STATES_LUA and TASK_DOCUMENT_LUA before it.
 */
export const TASK_CHANGE_LUA = `
-- The guard fields of the task, or nil when it does not exist or its retention ended before \`now\`
-- (the key's own TTL runs on Redis's clock; this check keeps the store's clock authoritative).
local function load_task(now)
  local f = redis.call('HMGET', KEYS[1], 'state', 'version', 'tenant', 'owner', 'expiresAt',
    'createdAt', 'deadlineAt', 'timeoutMs', 'ids', 'lastEventId')
  if not f[1] then return nil end
  if f[5] and tonumber(f[5]) <= now then return nil end
  return { state = f[1], version = tonumber(f[2]), tenant = f[3], owner = f[4], createdAt = f[6],
    deadlineAt = f[7], timeoutMs = f[8], ids = f[9], lastEventId = f[10] or '' }
end

-- A refusal: {code, current state, current version}; state and version only to the task's own scope.
local function refusal(code, task)
  if task and code ~= -2 then return { code, task.state, task.version } end
  return { code }
end

-- Guards of a change asked for by a caller: -1 missing, -2 another scope's task, -3 ended.
local function guard_owned(task, tenant, owner)
  if not task then return -1 end
  if task.tenant ~= tenant or task.owner ~= owner then return -2 end
  if TERMINAL[task.state] then return -3 end
  return nil
end

-- The write path of every change. \`fields\`: hash field/value pairs (fragments) changed with it;
-- \`kind\`: 'statusUpdate' or 'artifactUpdate'; \`tail\`: the event object's JSON without taskId and
-- contextId; \`c\`: { now, ttl, retention, maxlen, channel, taskId, instance }.
-- Returns {version, eventId, taskJson, createdAt, deadlineAt|false, tenant, owner, eventJson}.
local function commit(task, state, fields, kind, tail, c)
  local version = task.version + 1
  local event = '{"' .. kind .. '":{' .. task.ids .. ',' .. string.sub(tail, 2) .. '}'
  -- 'p' (the previous entry's id) tells readers exactly whether trimming took events they had not seen.
  local id = redis.call('XADD', KEYS[2], 'MAXLEN', c.maxlen, '*', 'e', event, 'p', task.lastEventId)
  local n = #fields
  fields[n + 1] = 'state'; fields[n + 2] = state
  fields[n + 3] = 'version'; fields[n + 4] = version
  fields[n + 5] = 'updatedAt'; fields[n + 6] = c.now
  fields[n + 7] = 'updatedBy'; fields[n + 8] = c.instance
  fields[n + 9] = 'lastEventId'; fields[n + 10] = id
  redis.call('HSET', KEYS[1], unpack(fields))
  local doc = build_task(KEYS[1])
  local ttl = c.ttl
  if TERMINAL[state] then
    ttl = c.retention
    redis.call('HSET', KEYS[1], 'task', doc, 'expiresAt', c.now + c.retention)
  else
    redis.call('HSET', KEYS[1], 'task', doc)
  end
  for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], math.max(ttl, 1)) end
  redis.call('PUBLISH', c.channel, id .. ' ' .. state .. ' ' .. c.taskId)
  return { version, id, doc, task.createdAt, task.deadlineAt or false, task.tenant, task.owner, event }
end

-- The commit settings shared by the caller-driven scripts: ARGV[3..9].
local function change_settings()
  return { now = tonumber(ARGV[3]), ttl = tonumber(ARGV[4]), retention = tonumber(ARGV[5]),
    maxlen = ARGV[6], channel = ARGV[7], taskId = ARGV[8], instance = ARGV[9] }
end
`;
