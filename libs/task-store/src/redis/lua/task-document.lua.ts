/**
 * Lua shared by every script that writes a task: assembling the task JSON from its stored fragments.
 *
 * The scripts never decode JSON. Redis 7.0's cjson turns empty arrays into objects (`[]` -> `{}`) and
 * rounds numbers to 14 significant digits, which would corrupt artifact data. So the client stores
 * JSON text it produced (the task without status, history and artifacts; each artifact without its
 * parts; each parts array; the history array) and the scripts splice those texts together.
 */
export const TASK_DOCUMENT_LUA = `
-- The JSON object text \`obj\` with one more member: \`name\` (plain ASCII) set to the JSON text \`value\`.
local function with_member(obj, name, value)
  if obj == '{}' then return '{"' .. name .. '":' .. value .. '}' end
  return string.sub(obj, 1, -2) .. ',"' .. name .. '":' .. value .. '}'
end

-- Two JSON array texts joined into one.
local function join_arrays(a, b)
  if a == '[]' then return b end
  if b == '[]' then return a end
  return string.sub(a, 1, -2) .. ',' .. string.sub(b, 2)
end

-- The task JSON of hash \`key\`: head + status + artifacts (when present) + history (when present).
local function build_task(key)
  local f = redis.call('HMGET', key, 'head', 'status', 'history', 'artifacts', 'an')
  local doc = with_member(f[1], 'status', f[2])
  if f[4] then
    local n = tonumber(f[5] or '0')
    local items = {}
    local first = 1
    while first <= n do
      -- HMGET in chunks: unpack() of thousands of arguments would overflow the Lua C stack.
      local last = math.min(n, first + 255)
      local names = {}
      for i = first, last do
        names[#names + 1] = 'a:' .. i
        names[#names + 1] = 'p:' .. i
      end
      local values = redis.call('HMGET', key, unpack(names))
      for i = 1, #values, 2 do items[#items + 1] = with_member(values[i], 'parts', values[i + 1]) end
      first = last + 1
    end
    doc = with_member(doc, 'artifacts', '[' .. table.concat(items, ',') .. ']')
  end
  if f[3] then doc = with_member(doc, 'history', f[3]) end
  return doc
end
`;
