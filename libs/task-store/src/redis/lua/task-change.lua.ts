import { NOTICE_EVENT_BYTES } from '../task-notices.js';

/**
 * Lua shared by the scripts that change an existing task (transition, append-artifact, cancel,
 * expire): loading the guard fields, the guards, and the single commit path.
 *
 * KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs, and on
 * standalone Redis KEYS[5] the deadline set.
 * Needs TASK_STATES_LUA and TASK_DOCUMENT_LUA before it.
 */
export const TASK_CHANGE_LUA = `
local NOTICE_EVENT_BYTES = ${NOTICE_EVENT_BYTES}
-- The guard fields of the task, or nil when it does not exist or its retention ended before \`now\`
-- (the key's own TTL runs on Redis's clock; this check keeps the store's clock authoritative).
local function load_task(now)
  local f = redis.call('HMGET', KEYS[1], 'state', 'version', 'tenant', 'owner', 'expiresAt',
    'renewedAt', 'deadlineAt', 'timeoutMs', 'ids', 'lastEventId', 'contextId')
  if not f[1] then return nil end
  if f[5] and tonumber(f[5]) <= now then return nil end
  return { state = f[1], version = tonumber(f[2]), tenant = f[3], owner = f[4],
    renewedAt = tonumber(f[6] or ''), deadlineAt = f[7], timeoutMs = f[8], ids = f[9],
    lastEventId = f[10] or '', contextId = f[11] }
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
  if terminal(task.state) then return -3 end
  return nil
end

-- The write path of every change. \`fields\`: hash field/value pairs (fragments) changed with it;
-- \`kind\`: 'statusUpdate' or 'artifactUpdate'; \`tail\`: the event object's JSON without taskId and
-- contextId; \`c\`: see change_settings().
-- Writes only \`fields\` and the change's bookkeeping (never the whole task), so it costs O(1) in the
-- task's size. Key lifetimes are set to the retention when the task ends, renewed to the TTL once
-- \`renewedAt\` (the create or the last renewal) is older than c.renew_every (a sixteenth of the TTL), so a
-- live task's keys keep at least 15/16 of the TTL after a write without four PEXPIREs per change; a
-- change that starts the event stream gives it the task hash's remaining lifetime.
-- With KEYS[5] (the deadline set; given on standalone Redis, where a script may touch other slots), an
-- ending change also drops the task from it; otherwise the caller does.
-- Returns {version, eventId, state, contextId, deadlineAt|false, tenant, owner, 1 when it dropped the
-- deadline else 0}, followed by the task hash (field, value, ...) when ARGV[10] is '1' (a caller that
-- needs the task after the change, such as the write that ends an executor's turn).
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
  n = n + 10
  local ttl = nil
  if terminal(state) then
    ttl = c.retention
    fields[n + 1] = 'expiresAt'; fields[n + 2] = c.now + c.retention
    n = n + 2
  elseif not task.renewedAt or c.now - task.renewedAt >= c.renew_every then
    ttl = c.ttl
    fields[n + 1] = 'renewedAt'; fields[n + 2] = c.now
  end
  redis.call('HSET', KEYS[1], unpack(fields))
  if ttl then
    for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], math.max(ttl, 1)) end
  elseif task.lastEventId == '' then
    -- This change started the stream: it gets the lifetime the other keys got at their last renewal.
    local left = redis.call('PTTL', KEYS[1])
    redis.call('PEXPIRE', KEYS[2], left > 0 and left or math.max(c.ttl, 1))
  end
  local unlisted = false
  if KEYS[5] and task.deadlineAt and terminal(state) then
    redis.call('ZREM', KEYS[5], c.taskId)
    unlisted = true
  end
  -- The notice carries the event itself (and the id before it) when it is small, so that a watcher
  -- that is up to date delivers it without reading the stream.
  local notice = id .. ' ' .. state .. ' ' .. c.taskId
  if #event <= NOTICE_EVENT_BYTES then notice = notice .. '\\n' .. (task.lastEventId == '' and '-' or task.lastEventId) .. '\\n' .. event end
  redis.call('PUBLISH', c.channel, notice)
  local reply = { version, id, state, task.contextId, task.deadlineAt or false, task.tenant, task.owner,
    unlisted and 1 or 0 }
  if c.answer_task then
    local hash = redis.call('HGETALL', KEYS[1])
    for i = 1, #hash do reply[8 + i] = hash[i] end
  end
  return reply
end

-- The commit settings shared by the change scripts: ARGV[3..10].
local function change_settings()
  local ttl = tonumber(ARGV[4])
  return { now = tonumber(ARGV[3]), ttl = ttl, retention = tonumber(ARGV[5]),
    maxlen = ARGV[6], channel = ARGV[7], taskId = ARGV[8], instance = ARGV[9],
    answer_task = ARGV[10] == '1', renew_every = math.floor(ttl / 16) }
end
`;
