import { LEGAL_TRANSITIONS, TASK_STATES, isTerminalState } from '@a2a-platform/a2a-protocol';

const TERMINAL_STATES = `|${TASK_STATES.filter(isTerminalState).join('|')}|`;
const LEGAL_MOVES = `|${TASK_STATES.flatMap((from) => LEGAL_TRANSITIONS[from].map((to) => `${from}>${to}`)).join('|')}|`;

/**
 * Lua predicates of the task state machine, generated from `LEGAL_TRANSITIONS` so the scripts and the
 * TypeScript types can never disagree: `terminal(state)` and `legal(from, to)`. The tables are constant
 * strings searched with plain `string.find`: a script's body runs on every call, and building lookup
 * tables there would cost more than the search.
 */
export const TASK_STATES_LUA = [
  '-- Generated from LEGAL_TRANSITIONS (@a2a-platform/a2a-protocol).',
  `local TERMINAL_STATES = '${TERMINAL_STATES}'`,
  `local LEGAL_MOVES = '${LEGAL_MOVES}'`,
  'local function terminal(state)',
  "  return string.find(TERMINAL_STATES, '|' .. state .. '|', 1, true) ~= nil",
  'end',
  'local function legal(from, to)',
  "  return string.find(LEGAL_MOVES, '|' .. from .. '>' .. to .. '|', 1, true) ~= nil",
  'end',
].join('\n');
