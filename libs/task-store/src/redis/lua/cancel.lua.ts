/**
 * cancel: moves a task to TASK_STATE_CANCELED; the notice carries the state, so every instance's
 * onCancel listeners of the task fire.
 *
 * Needs TASK_STATES_LUA, TASK_DOCUMENT_LUA and TASK_CHANGE_LUA before it.
 */
export const CANCEL_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs,
--   KEYS[5] the deadline set (standalone Redis only: see commit()).
-- ARGV[1] tenant, [2] owner, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] max events,
--   [7] notice channel, [8] task id, [9] instance id,
--   [10] '1' to answer with the task (see commit()), [11] status JSON (state TASK_STATE_CANCELED),
--   [12] status time (ms or ''), [13] statusUpdate JSON without taskId and contextId,
--   [14..] messages (JSON each) to append to the history.
-- Returns what commit() returns; refusals {code, state, version}, before any write: -1 no such task,
--   -2 another scope's task, -3 the task has ended, -4 illegal move (cannot happen with the generated
--   table; kept as a guard).
-- Event: statusUpdate appended to KEYS[2]; notice "<eventId> TASK_STATE_CANCELED <taskId>" on ARGV[7].
local c = change_settings()
local task = load_task(c.now)
local refused = guard_owned(task, ARGV[1], ARGV[2])
if refused then return refusal(refused, task) end
local state = 'TASK_STATE_CANCELED'
if not legal(task.state, state) then return refusal(-4, task) end

local fields = { 'status', ARGV[11], 'statusAt', ARGV[12] }
append_history(fields, argv_from(14))
return commit(task, state, fields, 'statusUpdate', ARGV[13], c)
`;
