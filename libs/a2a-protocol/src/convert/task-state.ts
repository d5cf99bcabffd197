import { A2AErrors } from '../errors.js';
import type { Role } from '../v1/message.js';
import type { TaskState } from '../v1/task.js';
import type { V03Role } from '../v03/message.js';
import type { V03TaskState } from '../v03/task.js';

const STATE_TO_V03: Readonly<Record<TaskState, Exclude<V03TaskState, 'unknown'>>> = {
  TASK_STATE_SUBMITTED: 'submitted',
  TASK_STATE_WORKING: 'working',
  TASK_STATE_INPUT_REQUIRED: 'input-required',
  TASK_STATE_COMPLETED: 'completed',
  TASK_STATE_CANCELED: 'canceled',
  TASK_STATE_FAILED: 'failed',
  TASK_STATE_REJECTED: 'rejected',
  TASK_STATE_AUTH_REQUIRED: 'auth-required',
};

const STATE_FROM_V03 = new Map<string, TaskState>(
  Object.entries(STATE_TO_V03).map(([v1, v03]) => [v03, v1 as TaskState]),
);

/** `TASK_STATE_INPUT_REQUIRED` -> `input-required`, and so on for every v1.0 state. */
export function taskStateToV03(state: TaskState): V03TaskState {
  return STATE_TO_V03[state];
}

/**
 * `input-required` -> `TASK_STATE_INPUT_REQUIRED`, and so on.
 *
 * v0.3 `unknown` has no v1.0 counterpart (v1.0 only has the never-valid `TASK_STATE_UNSPECIFIED`, which
 * our v1 schema rejects), so it throws an `A2AError` INVALID_PARAMS rather than guessing a state. A caller
 * converting an agent's response may rethrow it as INVALID_AGENT_RESPONSE.
 */
export function taskStateFromV03(state: V03TaskState): TaskState {
  const v1 = STATE_FROM_V03.get(state);
  if (v1 === undefined) {
    throw A2AErrors.invalidParams(`Task state '${state}' has no A2A v1.0 equivalent`, [
      { field: 'status.state', description: `'${state}' cannot be converted to a v1.0 TaskState` },
    ]);
  }
  return v1;
}

/** `ROLE_USER` -> `user`, `ROLE_AGENT` -> `agent`. */
export function roleToV03(role: Role): V03Role {
  return role === 'ROLE_USER' ? 'user' : 'agent';
}

/** `user` -> `ROLE_USER`, `agent` -> `ROLE_AGENT`. */
export function roleFromV03(role: V03Role): Role {
  return role === 'user' ? 'ROLE_USER' : 'ROLE_AGENT';
}
