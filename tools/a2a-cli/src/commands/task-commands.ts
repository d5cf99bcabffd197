import type { ListTasksResponse, Task } from '@a2a-platform/a2a-protocol';
import { connectAgent } from '../agent-connection.js';
import { describeFailure, EXIT, exitCodeForState } from '../cli-errors.js';
import { positionals } from '../cli-options.js';
import { connectionFlags, shellQuote, waitingNotice } from '../task-outcome.js';
import { compactParts, renderTask } from '../task-view.js';
import { paintState, stateLabel, STATE_WIDTH, type Style } from '../terminal-style.js';
import type { Command } from './command-context.js';

/** `get <taskId> [--history N]`: GetTask; the exit status follows the task's state. */
export const getCommand: Command = async ({ args, global, options, output, interrupt }) => {
  const [id] = positionals('get', args, ['taskId']) as [string];
  const client = await connectAgent(global, interrupt);
  let task: Task;
  try {
    task = await client.getTask({ id, historyLength: options.history }, { signal: interrupt });
  } catch (err) {
    throw describeFailure(err, 'GetTask');
  }
  if (global.json) output.json(task);
  else {
    output.out(
      ...renderTask(task, output.style, { history: options.history !== undefined }),
      ...waitingNotice(task, 'send', global, output.style),
    );
  }
  return exitCodeForState(task.status.state);
};

/** `list`: ListTasks with filters and paging; prints a table and the command for the next page. */
export const listCommand: Command = async ({ args, global, options, output, interrupt }) => {
  positionals('list', args, []);
  const client = await connectAgent(global, interrupt);
  let page: ListTasksResponse;
  try {
    page = await client.listTasks(
      {
        contextId: options.context,
        status: options.state,
        pageSize: options.pageSize,
        pageToken: options.pageToken,
        historyLength: options.history,
      },
      { signal: interrupt },
    );
  } catch (err) {
    throw describeFailure(err, 'ListTasks');
  }
  if (global.json) {
    output.json(page);
    return EXIT.OK;
  }
  output.out(...renderTaskTable(page.tasks, output.style));
  const summary = `${page.tasks.length} task(s) shown, ${page.totalSize} in all.`;
  output.out(output.style.dim(summary));
  if (page.nextPageToken) {
    const next = [
      'a2a',
      'list',
      ...connectionFlags(global),
      ...filterFlags(options),
      '--page-token',
      page.nextPageToken,
    ];
    output.out(output.style.dim(`Next page: ${next.map(shellQuote).join(' ')}`));
  }
  return EXIT.OK;
};

/** `cancel <taskId>`: CancelTask; succeeds when the task ends canceled. */
export const cancelCommand: Command = async ({ args, global, output, interrupt }) => {
  const [id] = positionals('cancel', args, ['taskId']) as [string];
  const client = await connectAgent(global, interrupt);
  let task: Task;
  try {
    task = await client.cancelTask({ id }, { signal: interrupt });
  } catch (err) {
    throw describeFailure(err, 'CancelTask');
  }
  if (global.json) output.json(task);
  else output.out(...renderTask(task, output.style));
  if (task.status.state === 'TASK_STATE_CANCELED') return EXIT.OK;
  output.err(`Task ${id} is ${stateLabel(task.status.state)} after CancelTask, not canceled.`);
  return exitCodeForState(task.status.state);
};

function filterFlags(options: Parameters<Command>[0]['options']): string[] {
  const flags: string[] = [];
  if (options.context) flags.push('--context', options.context);
  if (options.state) flags.push('--state', options.state);
  if (options.pageSize) flags.push('--page-size', String(options.pageSize));
  if (options.history !== undefined) flags.push('--history', String(options.history));
  return flags;
}

/** Tasks as aligned columns: id, state, status time, context, status message. */
export function renderTaskTable(tasks: readonly Task[], style: Style): string[] {
  if (tasks.length === 0) return [style.dim('No tasks.')];
  const idWidth = Math.max('TASK'.length, ...tasks.map((t) => t.id.length));
  const ctxWidth = Math.max('CONTEXT'.length, ...tasks.map((t) => t.contextId.length));
  const timeWidth = 24;
  const header = [
    'TASK'.padEnd(idWidth),
    'STATE'.padEnd(STATE_WIDTH),
    'UPDATED'.padEnd(timeWidth),
    'CONTEXT'.padEnd(ctxWidth),
    'STATUS',
  ].join('  ');
  const rows = tasks.map((t) =>
    [
      t.id.padEnd(idWidth),
      paintState(style, t.status.state, STATE_WIDTH),
      (t.status.timestamp ?? '-').padEnd(timeWidth),
      t.contextId.padEnd(ctxWidth),
      t.status.message ? compactParts(t.status.message.parts) : '',
    ]
      .join('  ')
      .trimEnd(),
  );
  return [style.dim(header), ...rows];
}
