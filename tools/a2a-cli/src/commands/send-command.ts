import { randomUUID } from 'node:crypto';
import type { Part, SendMessageRequest, SendMessageResponse } from '@a2a-platform/a2a-protocol';
import { connectAgent } from '../agent-connection.js';
import { describeFailure, EXIT, exitCodeForState, usageError } from '../cli-errors.js';
import type { CliOutput } from '../cli-output.js';
import type { GlobalOptions } from '../cli-options.js';
import { waitingNotice } from '../task-outcome.js';
import { renderPart, renderTask } from '../task-view.js';
import type { Command, CommandContext } from './command-context.js';

/**
 * The request of `send` and `stream`: the words as one text part, `--data` as a data part, and
 * `--task` / `--context` to answer a task that waits for input.
 */
export function sendRequest({ args, options }: Pick<CommandContext, 'args' | 'options'>): SendMessageRequest {
  const text = args.join(' ');
  const parts: Part[] = [];
  if (text.trim() !== '') parts.push({ text });
  if (options.data !== undefined) parts.push({ data: options.data });
  if (parts.length === 0) throw usageError('Nothing to send: give a <text>, a --data <json>, or both');
  return {
    message: {
      messageId: randomUUID(),
      role: 'ROLE_USER',
      parts,
      ...(options.task === undefined ? {} : { taskId: options.task }),
      ...(options.context === undefined ? {} : { contextId: options.context }),
    },
  };
}

/** `send`: SendMessage, blocking until the task completes, fails or waits for input; prints the task. */
export const sendCommand: Command = async (ctx) => {
  const { global, output, interrupt } = ctx;
  const request = sendRequest(ctx);
  const client = await connectAgent(global, interrupt);
  let response: SendMessageResponse;
  try {
    response = await client.sendMessage(request, { signal: interrupt });
  } catch (err) {
    throw describeFailure(err, 'SendMessage');
  }
  return printSendResponse(response, global, output);
};

function printSendResponse(response: SendMessageResponse, global: GlobalOptions, output: CliOutput): number {
  if (global.json) output.json(response);
  if ('message' in response) {
    if (!global.json) {
      output.out(output.style.dim('The agent answered with a message:'));
      for (const part of response.message.parts) output.out(renderPart(part, output.style));
    }
    return EXIT.OK;
  }
  const { task } = response;
  if (!global.json)
    output.out(...renderTask(task, output.style), ...waitingNotice(task, 'send', global, output.style));
  return exitCodeForState(task.status.state);
}
