/**
 * Lua shared by every script that writes a task: the fragment layout of the task hash.
 *
 * The scripts never decode JSON. Redis 7.0's cjson turns empty arrays into objects (`[]` -> `{}`) and
 * rounds numbers to 14 significant digits, which would corrupt artifact data. So the client stores
 * JSON text it produced, one fragment per field, and assembles the task when it reads it:
 * `head` (the task without status, history and artifacts), `status`, `hn` (history length; absent when
 * the task has no history array) with `h:<i>` (one message each), `artifacts` ('1' when the task has an
 * artifacts array), `an` (artifact count), `ai:<artifactId>` (its position i), `a:<i>` (the artifact
 * without parts), `pn:<i>` (its chunk count) with `p:<i>:<k>` (one parts array per chunk). A change
 * writes only the fields it changes, so its cost does not grow with the task.
 */
export const TASK_DOCUMENT_LUA = `
-- ARGV[from..] as a list.
local function argv_from(from)
  local list = {}
  for i = from, #ARGV do list[#list + 1] = ARGV[i] end
  return list
end

-- Adds hash field/value pairs to \`fields\` that append \`messages\` (JSON texts) to the history.
local function append_history(fields, messages)
  if #messages == 0 then return end
  local n = tonumber(redis.call('HGET', KEYS[1], 'hn') or '0')
  for _, message in ipairs(messages) do
    n = n + 1
    fields[#fields + 1] = 'h:' .. n
    fields[#fields + 1] = message
  end
  fields[#fields + 1] = 'hn'
  fields[#fields + 1] = n
end
`;
