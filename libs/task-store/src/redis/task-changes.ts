import type { Message, TaskState } from '@a2a-platform/a2a-protocol';
import type { AppendArtifactInput, TransitionInput } from '../task-store.js';
import type { StoreSettings } from './redis-task-store-options.js';
import { refusalError } from './store-errors.js';
import { artifactHeadJson, fieldsOfPairs, statusTime, type TaskFields } from './task-fragments.js';
import type { HeldTasks } from './task-records.js';

/** What a change script returns on success: `commit()` in src/redis/lua/task-change.lua.ts. */
export type ChangeReply = [
  version: number,
  eventId: string,
  eventJson: string,
  createdAt: string | number,
  deadlineAt: string | null,
  tenant: string,
  owner: string,
  state: TaskState,
  contextId: string,
];

/** A change script's successful reply, decoded. */
export interface DecodedChange {
  /** The committed change. */
  readonly change: ChangeReply;
  /** The fields the reply carries: the whole hash, or only those written since the held copy. */
  readonly written: TaskFields;
  /** true when `written` holds only the fields written since the copy the instance said it holds. */
  readonly delta: boolean;
}

/** ARGV[3..10] of every change script. */
export function changeSettings(
  settings: StoreSettings,
  taskId: string,
  now: number,
  known: string,
): (string | number)[] {
  return [
    now,
    settings.ttlMs,
    settings.retentionMs,
    settings.maxEventsPerTask,
    settings.keys.channel,
    taskId,
    settings.instanceId,
    known,
  ];
}

/** The transition script's own arguments (after the change settings). */
export function transitionArgs(input: TransitionInput, now: number): (string | number)[] {
  const status = { ...input.status, timestamp: input.status.timestamp ?? new Date(now).toISOString() };
  const added: Message[] = [...(input.appendHistory ?? []), ...(status.message ? [status.message] : [])];
  return [
    status.state,
    JSON.stringify(status),
    statusTime(status),
    input.expectedVersion === undefined ? '' : String(input.expectedVersion),
    JSON.stringify({ status, metadata: input.eventMetadata }),
    ...added.map((message) => JSON.stringify(message)),
  ];
}

/** The appendArtifact script's own arguments (after the change settings). */
export function appendArtifactArgs(input: AppendArtifactInput): (string | number)[] {
  const { artifact, append, lastChunk, eventMetadata } = input;
  return [
    artifact.artifactId,
    artifactHeadJson(artifact),
    JSON.stringify(artifact.parts),
    append ? '1' : '',
    JSON.stringify({ artifact, append, lastChunk, metadata: eventMetadata }),
  ];
}

/** The cancel script's own arguments (after the change settings). */
export function cancelArgs(reason: Message | undefined, now: number): (string | number)[] {
  const status = {
    state: 'TASK_STATE_CANCELED' as const,
    message: reason,
    timestamp: new Date(now).toISOString(),
  };
  return [
    JSON.stringify(status),
    statusTime(status),
    JSON.stringify({ status }),
    ...(reason ? [JSON.stringify(reason)] : []),
  ];
}

/**
 * Decodes a change script's reply; throws the refusal's error when the script refused (forgetting the
 * held copy of a task that is gone or ended).
 */
export function decodeChangeReply(
  reply: (string | number | null)[],
  taskId: string,
  held: HeldTasks,
): DecodedChange {
  if ((reply[0] as number) < 0) {
    if (reply[0] === -1 || reply[0] === -3) held.delete(taskId);
    throw refusalError(reply[0] as number, taskId, {
      state: reply[1] as TaskState,
      version: reply[2] as number,
    });
  }
  const change = reply.slice(0, 9) as ChangeReply;
  const written = fieldsOfPairs(reply[9] === 1 ? String(reply[10]).split('\0') : reply.slice(10));
  return { change, written, delta: reply[9] === 1 };
}
