import type { Task, TaskState } from '@a2a-platform/a2a-protocol';
import type { GlobalOptions } from './cli-options.js';
import { indent, renderPart } from './task-view.js';
import { paintState, type Style } from './terminal-style.js';

/** Quotes a word for POSIX shells when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The global options to repeat in a follow-up command (never the headers: they may hold secrets). */
export function connectionFlags(global: GlobalOptions): string[] {
  const flags = ['--url', global.url];
  if (global.binding) flags.push('--binding', global.binding === 'HTTP+JSON' ? 'rest' : 'jsonrpc');
  if (global.protocol) flags.push('--protocol', global.protocol);
  return flags;
}

/** The command line that answers an input-required task. */
export function answerCommand(task: Task, command: 'send' | 'stream', global: GlobalOptions): string {
  const words = [
    'a2a',
    command,
    ...connectionFlags(global),
    '--task',
    task.id,
    '--context',
    task.contextId,
  ].map(shellQuote);
  return [...words, "'<your answer>'"].join(' ');
}

/**
 * What a reader needs once the task has settled: for input-required, the agent's question (its data
 * parts pretty-printed) and the exact command to answer; for auth-required, what the agent asks.
 */
export function waitingNotice(
  task: Task,
  command: 'send' | 'stream',
  global: GlobalOptions,
  style: Style,
): string[] {
  const { state, message } = task.status;
  if (state !== 'TASK_STATE_INPUT_REQUIRED' && state !== 'TASK_STATE_AUTH_REQUIRED') return [];
  const lines = [
    '',
    style.magenta(
      state === 'TASK_STATE_INPUT_REQUIRED'
        ? 'The agent needs your input:'
        : 'The agent needs authorization:',
    ),
  ];
  const parts = message?.parts ?? [];
  if (parts.length === 0) lines.push('  (the agent sent no question)');
  for (const part of parts) lines.push(indent(renderPart(part, style), '  '));
  if (state === 'TASK_STATE_INPUT_REQUIRED') {
    lines.push('', 'Answer with:', `  ${answerCommand(task, command, global)}`);
    if (Object.keys(global.headers).length > 0) lines.push(style.dim('  (add your --header options)'));
  }
  return lines;
}

/** `Final state: completed`. */
export function finalStateLine(state: TaskState, style: Style): string {
  return `${style.bold('Final state:')} ${paintState(style, state)}`;
}
