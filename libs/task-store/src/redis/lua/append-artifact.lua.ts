/**
 * append-artifact: adds an artifact, replaces the one with the same id, or appends parts to it.
 *
 * Needs TASK_STATES_LUA, TASK_DOCUMENT_LUA and TASK_CHANGE_LUA before it.
 */
export const APPEND_ARTIFACT_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs,
--   KEYS[5] the deadline set (standalone Redis only: see commit()).
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] max events,
--   [7] notice channel, [8] task id, [9] instance id,
--   [10] '1' to answer with the task (see commit()), [11] artifactId, [12] artifact JSON without parts,
--   [13] parts JSON array, [14] '1' to append the parts to the artifact with that id,
--   [15] artifactUpdate JSON without taskId and contextId.
-- Returns what commit() returns; refusals {code, state, version}, before any write: -1 no such task,
--   -2 another scope's task, -3 the task has ended.
-- Event: artifactUpdate appended to KEYS[2]; notice "<eventId> <state> <taskId>" on ARGV[7].
-- Appending adds a parts chunk and keeps the existing artifact's name, description and metadata; a new
-- id is added last. Replacing drops the old chunks (the only step that costs more than O(1)).
local c = change_settings()
local task = load_task(c.now)
local refused = guard_owned(task, ARGV[1], ARGV[2])
if refused then return refusal(refused, task) end

local fields
local at = redis.call('HGET', KEYS[1], 'ai:' .. ARGV[11])
if at and ARGV[14] == '1' then
  local k = tonumber(redis.call('HGET', KEYS[1], 'pn:' .. at) or '1') + 1
  fields = { 'pn:' .. at, k, 'p:' .. at .. ':' .. k, ARGV[13] }
elseif at then
  local chunks = tonumber(redis.call('HGET', KEYS[1], 'pn:' .. at) or '1')
  for k = 2, chunks do redis.call('HDEL', KEYS[1], 'p:' .. at .. ':' .. k) end
  fields = { 'a:' .. at, ARGV[12], 'pn:' .. at, 1, 'p:' .. at .. ':1', ARGV[13] }
else
  local n = tonumber(redis.call('HGET', KEYS[1], 'an') or '0') + 1
  fields = { 'artifacts', '1', 'an', n, 'ai:' .. ARGV[11], n, 'a:' .. n, ARGV[12], 'pn:' .. n, 1,
    'p:' .. n .. ':1', ARGV[13] }
end
return commit(task, task.state, fields, 'artifactUpdate', ARGV[15], c)
`;
