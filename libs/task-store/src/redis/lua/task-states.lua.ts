import { LEGAL_TRANSITIONS, TASK_STATES, isTerminalState } from '@a2a-platform/a2a-protocol';

/**
 * Lua tables of the task state machine, generated from `LEGAL_TRANSITIONS` so the scripts and the
 * TypeScript types can never disagree: `TERMINAL[state]` and `LEGAL[from][to]` are true or nil.
 */
export const TASK_STATES_LUA = [
  '-- Generated from LEGAL_TRANSITIONS (@a2a-platform/a2a-protocol).',
  `local TERMINAL = { ${TASK_STATES.filter(isTerminalState)
    .map((s) => `${s} = true`)
    .join(', ')} }`,
  'local LEGAL = {',
  ...TASK_STATES.map(
    (from) => `  ${from} = { ${LEGAL_TRANSITIONS[from].map((to) => `${to} = true`).join(', ')} },`,
  ),
  '}',
].join('\n');
