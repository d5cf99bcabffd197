import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { APPEND_ARTIFACT_LUA } from './lua/append-artifact.lua.js';
import { CANCEL_LUA } from './lua/cancel.lua.js';
import { CLAIM_MESSAGE_LUA, RELEASE_MESSAGE_LUA } from './lua/claim-message.lua.js';
import { CREATE_LUA } from './lua/create.lua.js';
import { EXPIRE_LUA } from './lua/expire.lua.js';
import { READ_EVENTS_LUA } from './lua/read-events.lua.js';
import { TASK_CHANGE_LUA } from './lua/task-change.lua.js';
import { TASK_DOCUMENT_LUA } from './lua/task-document.lua.js';
import { TASK_STATES_LUA } from './lua/task-states.lua.js';
import { TRANSITION_LUA } from './lua/transition.lua.js';

/**
 * A Lua script run with EVALSHA, falling back to EVAL (which also caches it on the server) when the
 * server does not know the hash yet (first use, restart, failover). The hash names the version.
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    client: Redis | Cluster,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

function compose(name: string, ...parts: string[]): LuaScript {
  return new LuaScript(name, [`-- a2a task store: ${name}`, ...parts].join('\n'));
}

const CHANGE_PRELUDE = [TASK_STATES_LUA, TASK_DOCUMENT_LUA, TASK_CHANGE_LUA];

/** The task scripts, composed once at load time from the shared parts and one body per change. */
export const TASK_SCRIPTS = {
  create: compose('create', TASK_STATES_LUA, TASK_DOCUMENT_LUA, CREATE_LUA),
  transition: compose('transition', ...CHANGE_PRELUDE, TRANSITION_LUA),
  appendArtifact: compose('append-artifact', ...CHANGE_PRELUDE, APPEND_ARTIFACT_LUA),
  cancel: compose('cancel', ...CHANGE_PRELUDE, CANCEL_LUA),
  expire: compose('expire', ...CHANGE_PRELUDE, EXPIRE_LUA),
  claimMessage: compose('claim-message', CLAIM_MESSAGE_LUA),
  releaseMessage: compose('release-message', RELEASE_MESSAGE_LUA),
  readEvents: compose('read-events', READ_EVENTS_LUA),
} as const;
