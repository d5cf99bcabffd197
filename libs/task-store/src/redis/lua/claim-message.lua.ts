/** claim-message: records that a message was delivered to a task (idempotent follow-ups). */
export const CLAIM_MESSAGE_LUA = `
-- KEYS[1] task hash, KEYS[2] claimed message ids.
-- ARGV[1] now (store clock, ms), [2] messageId.
-- Returns 1 when the message is new to the task, 0 when it was claimed (or created the task) before,
--   -1 when the task does not exist (checked before any write).
-- The set gets the task hash's remaining TTL, so it ends with the task.
local f = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
if not f[1] or (f[2] and tonumber(f[2]) <= tonumber(ARGV[1])) then return -1 end
local added = redis.call('SADD', KEYS[2], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return added
`;

/** release-message: deletes an idempotency key if it still names the given task. */
export const RELEASE_MESSAGE_LUA = `
-- KEYS[1] the scope's messageId key. ARGV[1] task id. Returns 1 when deleted, 0 when it names another.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
