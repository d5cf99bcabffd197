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
    'createdAt', 'deadlineAt', 'timeoutMs', 'ids', 'lastEventId', 'contextId')
  if not f[1] then return nil end
  if f[5] and tonumber(f[5]) <= now then return nil end
  return { state = f[1], version = tonumber(f[2]), tenant = f[3], owner = f[4], createdAt = f[6],
    deadlineAt = f[7], timeoutMs = f[8], ids = f[9], lastEventId = f[10] or '',
    contextId = f[11] }
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

-- Versions whose written field names a task keeps (fields 'w:<version>'), for delta replies.
local KEPT_DELTAS = 16

-- The write path of every change. \`fields\`: hash field/value pairs (fragments) changed with it;
-- \`kind\`: 'statusUpdate' or 'artifactUpdate'; \`tail\`: the event object's JSON without taskId and
-- contextId; \`c\`: see change_settings().
-- Writes only \`fields\` and the change's bookkeeping (never the whole task), so it costs O(1) in the
-- task's size. Returns {version, eventId, eventJson, createdAt, deadlineAt|false, tenant, owner, state,
-- contextId}, then (unless ARGV[10] is '-') 1 and the field/value pairs that turn the caller's copy into
-- the task after the change, NUL-joined: the fields written by this change and by those since the copy's
-- version (their current values; a field deleted since is left out: the copy ignores it); or, when the
-- caller holds no copy or one older than the kept deltas, 0 and the whole hash (field, value, ...).
local function commit(task, state, fields, kind, tail, c)
  local version = task.version + 1
  local event = '{"' .. kind .. '":{' .. task.ids .. ',' .. string.sub(tail, 2) .. '}'
  -- 'p' (the previous entry's id) tells readers exactly whether trimming took events they had not seen.
  local id = redis.call('XADD', KEYS[2], 'MAXLEN', c.maxlen, '*', 'e', event, 'p', task.lastEventId)
  local n = #fields
  local names = {}
  for i = 1, n, 2 do names[#names + 1] = fields[i] end
  fields[n + 1] = 'state'; fields[n + 2] = state
  fields[n + 3] = 'version'; fields[n + 4] = version
  fields[n + 5] = 'updatedAt'; fields[n + 6] = c.now
  fields[n + 7] = 'updatedBy'; fields[n + 8] = c.instance
  fields[n + 9] = 'lastEventId'; fields[n + 10] = id
  local ttl = c.ttl
  if TERMINAL[state] then
    ttl = c.retention
    fields[n + 11] = 'expiresAt'; fields[n + 12] = c.now + c.retention
  end
  redis.call('HSET', KEYS[1], 'w:' .. version, table.concat(names, ' '), unpack(fields))
  if version > KEPT_DELTAS then redis.call('HDEL', KEYS[1], 'w:' .. (version - KEPT_DELTAS)) end
  for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], math.max(ttl, 1)) end
  redis.call('PUBLISH', c.channel, id .. ' ' .. state .. ' ' .. c.taskId)
  local reply = { version, id, event, task.createdAt, task.deadlineAt or false, task.tenant, task.owner,
    state, task.contextId }
  if c.answer == '-' then return reply end

  local since = {}
  local held = c.held_version
  if held and c.held_created == task.createdAt and held <= task.version and task.version - held < KEPT_DELTAS then
    for k = held + 1, task.version do
      local written = redis.call('HGET', KEYS[1], 'w:' .. k)
      if not written then since = nil; break end
      for name in string.gmatch(written, '%S+') do since[#since + 1] = name end
    end
  else
    since = nil
  end
  if since then
    -- One string, the pairs joined by NUL (absent from JSON text and from our field names), so the
    -- client decodes one reply element instead of two per field. 'ai:' fields (the artifact index,
    -- named after user data) are for the scripts only and left out.
    local flat = {}
    local function add(name, value)
      if string.sub(name, 1, 3) ~= 'ai:' then
        flat[#flat + 1] = name
        flat[#flat + 1] = value
      end
    end
    for i = 1, #fields, 2 do add(fields[i], fields[i + 1]) end
    for first = 1, #since, 256 do
      local chunk = { unpack(since, first, math.min(#since, first + 255)) }
      local values = redis.call('HMGET', KEYS[1], unpack(chunk))
      for i = 1, #chunk do
        if values[i] then add(chunk[i], values[i]) end
      end
    end
    reply[10] = 1
    reply[11] = table.concat(flat, '\\0')
  else
    reply[10] = 0
    local hash = redis.call('HGETALL', KEYS[1])
    for i = 1, #hash do reply[10 + i] = hash[i] end
  end
  return reply
end

-- The commit settings shared by the change scripts: ARGV[3..10]. ARGV[10] is '-' (answer without
-- fields), '' (the caller holds no copy of the task) or '<version>@<createdAt>' of the copy it holds.
local function change_settings()
  local held_version, held_created = string.match(ARGV[10], '^(%d+)@(%d+)$')
  return { now = tonumber(ARGV[3]), ttl = tonumber(ARGV[4]), retention = tonumber(ARGV[5]),
    maxlen = ARGV[6], channel = ARGV[7], taskId = ARGV[8], instance = ARGV[9], answer = ARGV[10],
    held_version = tonumber(held_version or ''), held_created = held_created }
end
`;
