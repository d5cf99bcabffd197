/**
 * expire: fails a task whose deadline has passed. Run by the reaper of any instance, so a task
 * whose instance died still ends. Needs TASK_STATES_LUA, TASK_DOCUMENT_LUA and TASK_CHANGE_LUA.
 */
export const EXPIRE_LUA = `
-- KEYS[1] task hash, KEYS[2] event stream, KEYS[3] claimed message ids, KEYS[4] push configs,
--   KEYS[5] the deadline set (standalone Redis only: see commit()).
-- ARGV[1] unused, [2] unused, [3] now (store clock, ms), [4] ttlMs, [5] retentionMs, [6] max events,
--   [7] notice channel, [8] task id, [9] instance id,
--   [10] '1' to answer with the task (see commit()), [11] deadline cut-off (ms: due when
--   deadlineAt <= it), [12] messageId of the status message as a JSON string,
--   [13] status timestamp as a JSON string, [14] status time (ms).
-- Returns what commit() returns when it failed the task; {0, 0} when its deadline is still ahead (keep it in the deadline set); {0, 1} when it has
--   no deadline; refusals {code, state, version} before any write: -1 no such task, -3 the task has
--   ended. The caller drops the id from the deadline set on every outcome but {0, 0}.
-- Event: statusUpdate (TASK_STATE_FAILED with an agent message saying why) appended to KEYS[2];
--   notice "<eventId> TASK_STATE_FAILED <taskId>" on ARGV[7].
local c = change_settings()
local task = load_task(c.now)
if not task then return refusal(-1, task) end
if terminal(task.state) then return refusal(-3, task) end
if not task.deadlineAt then return { 0, 1 } end
if tonumber(task.deadlineAt) > tonumber(ARGV[11]) then return { 0, 0 } end
local state = 'TASK_STATE_FAILED'
if not legal(task.state, state) then return refusal(-4, task) end

local message = '{"messageId":' .. ARGV[12] .. ',"role":"ROLE_AGENT",' .. task.ids ..
  ',"parts":[{"text":"Task exceeded its deadline of ' .. (task.timeoutMs or '?') .. ' ms"}]}'
local status = '{"state":"' .. state .. '","message":' .. message .. ',"timestamp":' .. ARGV[13] .. '}'
local fields = { 'status', status, 'statusAt', ARGV[14] }
append_history(fields, { message })
return commit(task, state, fields, 'statusUpdate', '{"status":' .. status .. '}', c)
`;
