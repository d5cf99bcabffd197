import { isFinalForStream, type StreamResponse, type Task, type TaskState } from '@a2a-platform/a2a-protocol';
import { describeFailure } from './cli-errors.js';
import type { CliOutput } from './cli-output.js';
import { clockTime, eventLine, summarizeEvent } from './event-line.js';

/** Where a followed stream ended. */
export interface FollowedStream {
  /** The task as far as the events told (id, context, last status); absent when none arrived. */
  task?: Task;
  /** The state the stream settled in (terminal or interrupted); absent when it did not settle. */
  finalState?: TaskState;
  /** The agent answered with a message instead of a task. */
  message: boolean;
  /** Ctrl-C stopped the stream. */
  interrupted: boolean;
}

/**
 * Prints a task's stream as it arrives: one line per event (time, state, status text, artifact chunk),
 * or one JSON object per line with `--json`. Stops at the end of the stream or on `interrupt`; other
 * failures throw a CliError naming `operation`.
 */
export async function followStream(
  events: AsyncIterable<StreamResponse>,
  operation: string,
  output: CliOutput,
  json: boolean,
  interrupt: AbortSignal,
): Promise<FollowedStream> {
  const result: FollowedStream = { message: false, interrupted: false };
  try {
    for await (const event of events) {
      if (json) output.jsonLine(event);
      else output.out(eventLine(clockTime(new Date()), summarizeEvent(event, output.style), output.style));
      result.task = advance(result.task, event);
      if ('message' in event) result.message = true;
      const state = result.task?.status.state;
      if (state !== undefined && isFinalForStream(state)) result.finalState = state;
    }
  } catch (err) {
    if (!interrupt.aborted) throw describeFailure(err, operation);
  }
  result.interrupted = interrupt.aborted;
  return result;
}

/** The task as known after one more event (artifacts are left out: the lines already showed them). */
function advance(task: Task | undefined, event: StreamResponse): Task | undefined {
  if ('task' in event)
    return { id: event.task.id, contextId: event.task.contextId, status: event.task.status };
  if ('statusUpdate' in event) {
    const { taskId, contextId, status } = event.statusUpdate;
    return { id: taskId, contextId, status };
  }
  return task;
}
