/**
 * transition: moves a task to another (or the same, non-terminal) state.
 *
 * Needs TASK_STATES_LUA, TASK_DOCUMENT_LUA and TASK_CHANGE_LUA before it.
 */
export const TRANSITION_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs,
--   KEYS[5] the deadline set (standalone Redis only: see commit()).
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] max events,
--   [7] notice channel, [8] task id, [9] instance id,
--   [10] '1' to answer with the task (see commit()), [11] new state, [12] status JSON,
--   [13] status time (ms or ''), [14] expected version (''), [15] statusUpdate JSON without taskId and
--   contextId, [16..] messages (JSON each) to append to the history.
-- Returns what commit() returns; refusals {code, state, version}, checked in this order before any write:
--   -1 no such task, -2 another scope's task, -3 the task has ended, -4 illegal move,
--   -5 the version is not the expected one.
-- Event: statusUpdate appended to KEYS[2] (MAXLEN ARGV[6]); notice "<eventId> <state> <taskId>" on ARGV[7].
local c = change_settings()
local task = load_task(c.now)
local refused = guard_owned(task, ARGV[1], ARGV[2])
if refused then return refusal(refused, task) end
if not legal(task.state, ARGV[11]) then return refusal(-4, task) end
if ARGV[14] ~= '' and tonumber(ARGV[14]) ~= task.version then return refusal(-5, task) end

local fields = { 'status', ARGV[12], 'statusAt', ARGV[13] }
append_history(fields, argv_from(16))
return commit(task, ARGV[11], fields, 'statusUpdate', ARGV[15], c)
`;
