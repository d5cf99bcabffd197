import { TimestampSchema } from '../v1/json.js';
import type {
  SendMessageResponse,
  StreamResponse,
  Task,
  TaskArtifactUpdateEvent,
  TaskStatus,
  TaskStatusUpdateEvent,
} from '../v1/task.js';
import { isFinalForStream } from '../v1/task-state.js';
import type {
  V03SendResult,
  V03StreamResult,
  V03Task,
  V03TaskArtifactUpdateEvent,
  V03TaskStatus,
  V03TaskStatusUpdateEvent,
} from '../v03/task.js';
import { artifactFromV03, artifactToV03, messageFromV03, messageToV03 } from './message.js';
import { omitUndefined } from './omit-undefined.js';
import { taskStateFromV03, taskStateToV03 } from './task-state.js';

/**
 * v0.3 peers (and the v0.3 spec's examples) send ISO 8601 times without a zone; those are read as UTC.
 * A timestamp that is not a date-time at all is dropped: it is optional in v1.0 and not worth failing
 * a whole task over.
 */
function timestampFromV03(timestamp: string | undefined): string | undefined {
  if (timestamp === undefined || TimestampSchema.safeParse(timestamp).success) return timestamp;
  const utc = `${timestamp}Z`;
  return TimestampSchema.safeParse(utc).success ? utc : undefined;
}

/** A v1.0 task status as a v0.3 one (lowercase state, v0.3 message). */
export function taskStatusToV03(status: TaskStatus): V03TaskStatus {
  return omitUndefined({
    state: taskStateToV03(status.state),
    message: status.message && messageToV03(status.message),
    timestamp: status.timestamp,
  });
}

/**
 * A v0.3 task status as a v1.0 one. Throws INVALID_PARAMS for state `unknown` (see
 * {@link taskStateFromV03}); a zone-less timestamp is read as UTC, an unparseable one is dropped.
 */
export function taskStatusFromV03(status: V03TaskStatus): TaskStatus {
  return omitUndefined({
    state: taskStateFromV03(status.state),
    message: status.message && messageFromV03(status.message),
    timestamp: timestampFromV03(status.timestamp),
  });
}

/** A v1.0 task as a v0.3 task (`kind: 'task'`). */
export function taskToV03(task: Task): V03Task {
  return omitUndefined({
    kind: 'task' as const,
    id: task.id,
    contextId: task.contextId,
    status: taskStatusToV03(task.status),
    history: task.history?.map(messageToV03),
    artifacts: task.artifacts?.map(artifactToV03),
    metadata: task.metadata,
  });
}

/** A v0.3 task as a v1.0 task; throws INVALID_PARAMS when its state is `unknown`. */
export function taskFromV03(task: V03Task): Task {
  return omitUndefined({
    id: task.id,
    contextId: task.contextId,
    status: taskStatusFromV03(task.status),
    artifacts: task.artifacts?.map(artifactFromV03),
    history: task.history?.map(messageFromV03),
    metadata: task.metadata,
  });
}

/**
 * A v1.0 status update as a v0.3 one. v1.0 has no `final`: the stream ends at a terminal or interrupted
 * state, so `final` is `true` exactly for those states.
 */
export function statusUpdateToV03(event: TaskStatusUpdateEvent): V03TaskStatusUpdateEvent {
  return omitUndefined({
    kind: 'status-update' as const,
    taskId: event.taskId,
    contextId: event.contextId,
    status: taskStatusToV03(event.status),
    final: isFinalForStream(event.status.state),
    metadata: event.metadata,
  });
}

/** A v0.3 status update as a v1.0 one; `final` is dropped (v1.0 derives it from the state). */
export function statusUpdateFromV03(event: V03TaskStatusUpdateEvent): TaskStatusUpdateEvent {
  return omitUndefined({
    taskId: event.taskId,
    contextId: event.contextId,
    status: taskStatusFromV03(event.status),
    metadata: event.metadata,
  });
}

/** A v1.0 artifact update as a v0.3 one (`kind: 'artifact-update'`). */
export function artifactUpdateToV03(event: TaskArtifactUpdateEvent): V03TaskArtifactUpdateEvent {
  return omitUndefined({
    kind: 'artifact-update' as const,
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: artifactToV03(event.artifact),
    append: event.append,
    lastChunk: event.lastChunk,
    metadata: event.metadata,
  });
}

/** A v0.3 artifact update as a v1.0 one. */
export function artifactUpdateFromV03(event: V03TaskArtifactUpdateEvent): TaskArtifactUpdateEvent {
  return omitUndefined({
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: artifactFromV03(event.artifact),
    append: event.append,
    lastChunk: event.lastChunk,
    metadata: event.metadata,
  });
}

/**
 * One v1.0 stream event (`StreamResponse`) as the `result` of a v0.3 SSE event: the bare Task, Message,
 * status update or artifact update, with its `kind`. Status updates get `final` from their state.
 */
export function streamEventToV03(event: StreamResponse): V03StreamResult {
  if ('task' in event) return taskToV03(event.task);
  if ('message' in event) return messageToV03(event.message);
  if ('statusUpdate' in event) return statusUpdateToV03(event.statusUpdate);
  return artifactUpdateToV03(event.artifactUpdate);
}

/** The `result` of a v0.3 SSE event as a v1.0 `StreamResponse`, chosen by its `kind`. */
export function streamEventFromV03(result: V03StreamResult): StreamResponse {
  switch (result.kind) {
    case 'task':
      return { task: taskFromV03(result) };
    case 'message':
      return { message: messageFromV03(result) };
    case 'status-update':
      return { statusUpdate: statusUpdateFromV03(result) };
    case 'artifact-update':
      return { artifactUpdate: artifactUpdateFromV03(result) };
  }
}

/** A v1.0 `SendMessageResponse` (`{task}` or `{message}`) as the bare v0.3 `message/send` result. */
export function sendResultToV03(response: SendMessageResponse): V03SendResult {
  return 'task' in response ? taskToV03(response.task) : messageToV03(response.message);
}

/** A v0.3 `message/send` result (a Task or a Message) as a v1.0 `SendMessageResponse`. */
export function sendResultFromV03(result: V03SendResult): SendMessageResponse {
  return result.kind === 'task' ? { task: taskFromV03(result) } : { message: messageFromV03(result) };
}
