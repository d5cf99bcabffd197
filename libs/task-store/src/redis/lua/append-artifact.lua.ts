/**
 * append-artifact: adds an artifact, replaces the one with the same id, or appends parts to it.
 *
 * Needs TASK_STATES_LUA, TASK_DOCUMENT_LUA and TASK_CHANGE_LUA before it.
 */
export const APPEND_ARTIFACT_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs.
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] max events,
--   [7] notice channel, [8] task id, [9] instance id,
--   [10] artifactId, [11] artifact JSON without parts,
--   [12] parts JSON array, [13] '1' to append the parts to the artifact with that id,
--   [14] artifactUpdate JSON without taskId and contextId.
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
local at = redis.call('HGET', KEYS[1], 'ai:' .. ARGV[10])
if at and ARGV[13] == '1' then
  local k = tonumber(redis.call('HGET', KEYS[1], 'pn:' .. at) or '1') + 1
  fields = { 'pn:' .. at, k, 'p:' .. at .. ':' .. k, ARGV[12] }
elseif at then
  local chunks = tonumber(redis.call('HGET', KEYS[1], 'pn:' .. at) or '1')
  for k = 2, chunks do redis.call('HDEL', KEYS[1], 'p:' .. at .. ':' .. k) end
  fields = { 'a:' .. at, ARGV[11], 'pn:' .. at, 1, 'p:' .. at .. ':1', ARGV[12] }
else
  local n = tonumber(redis.call('HGET', KEYS[1], 'an') or '0') + 1
  fields = { 'artifacts', '1', 'an', n, 'ai:' .. ARGV[10], n, 'a:' .. n, ARGV[11], 'pn:' .. n, 1,
    'p:' .. n .. ':1', ARGV[12] }
end
return commit(task, task.state, fields, 'artifactUpdate', ARGV[14], c)
`;
