import type { A2AClient } from '@a2a-platform/a2a-client';
import { A2AError, A2A_ERRORS, isTerminalState, type Task } from '@a2a-platform/a2a-protocol';
import { connectAgent } from '../agent-connection.js';
import { describeFailure, EXIT, exitCodeForState } from '../cli-errors.js';
import { positionals } from '../cli-options.js';
import { clockTime, eventLine, summarizeEvent } from '../event-line.js';
import { followStream, type FollowedStream } from '../stream-follow.js';
import { finalStateLine, waitingNotice } from '../task-outcome.js';
import { renderTask } from '../task-view.js';
import type { Command, CommandContext } from './command-context.js';
import { sendRequest } from './send-command.js';

/** `stream`: SendStreamingMessage with live progress; Ctrl-C cancels the task before exiting. */
export const streamCommand: Command = async (ctx) => {
  const { global, output, interrupt } = ctx;
  const request = sendRequest(ctx);
  const client = await connectAgent(global, interrupt);
  const events = client.sendStreamingMessage(request, { signal: interrupt });
  const followed = await followStream(events, 'SendStreamingMessage', output, global.json, interrupt);
  if (!followed.interrupted) return settle(ctx, followed);
  if (!followed.task) {
    output.err('Interrupted before the agent created a task: nothing to cancel.');
    return EXIT.INTERRUPTED;
  }
  return cancelAfterInterrupt(ctx, client, followed.task.id);
};

/** `subscribe <taskId>`: follows a running task like `stream`; Ctrl-C detaches and leaves it running. */
export const subscribeCommand: Command = async (ctx) => {
  const { args, global, output, interrupt } = ctx;
  const [taskId] = positionals('subscribe', args, ['taskId']) as [string];
  const client = await connectAgent(global, interrupt);
  // Subscribing to an ended task is refused by the protocol: show it instead.
  const current = await getTask(client, taskId, interrupt);
  if (isTerminalState(current.status.state)) {
    if (global.json) output.jsonLine({ task: current });
    else output.out(...renderTask(current, output.style), finalStateLine(current.status.state, output.style));
    return exitCodeForState(current.status.state);
  }
  const events = client.subscribeToTask({ id: taskId }, { signal: interrupt });
  const followed = await followStream(events, 'SubscribeToTask', output, global.json, interrupt);
  if (!followed.interrupted) return settle(ctx, followed);
  output.err(`Detached from task ${taskId}; it keeps running (cancel it with: a2a cancel ${taskId}).`);
  return EXIT.INTERRUPTED;
};

/** The end of a stream that was not interrupted: the final state, the input hint, the exit status. */
function settle({ global, output }: CommandContext, followed: FollowedStream): number {
  if (followed.message) return EXIT.OK;
  const { task, finalState } = followed;
  if (!task || finalState === undefined) {
    const last = task ? ` (last state ${task.status.state})` : '';
    output.err(
      `The stream ended before the task settled${last}; check it with: a2a get ${task?.id ?? '<taskId>'}`,
    );
    return EXIT.ERROR;
  }
  if (!global.json) {
    output.out(
      finalStateLine(finalState, output.style),
      ...waitingNotice(task, 'stream', global, output.style),
    );
  }
  return exitCodeForState(finalState);
}

/** Ctrl-C during `stream`: CancelTask, then report the state the task ended in. */
async function cancelAfterInterrupt(
  { global, output }: CommandContext,
  client: A2AClient,
  taskId: string,
): Promise<number> {
  output.err(`Interrupted: canceling task ${taskId}...`);
  let task: Task;
  try {
    task = await client.cancelTask({ id: taskId });
  } catch (err) {
    if (!(err instanceof A2AError) || err.kind !== A2A_ERRORS.TASK_NOT_CANCELABLE) {
      throw describeFailure(err, 'CancelTask');
    }
    output.err(`The task had already ended: ${err.message}`);
    task = await getTask(client, taskId);
  }
  if (global.json) output.jsonLine({ task });
  else {
    output.out(
      eventLine(clockTime(new Date()), summarizeEvent({ task }, output.style), output.style),
      finalStateLine(task.status.state, output.style),
    );
  }
  return exitCodeForState(task.status.state);
}

async function getTask(client: A2AClient, id: string, signal?: AbortSignal): Promise<Task> {
  try {
    return await client.getTask({ id }, { signal });
  } catch (err) {
    throw describeFailure(err, 'GetTask');
  }
}
