import type { Message, StreamResponse, TaskState } from '@a2a-platform/a2a-protocol';
import type { AppendArtifactInput, TransitionInput } from '../task-store.js';
import type { StoreSettings } from './redis-task-store-options.js';
import { refusalError } from './store-errors.js';
import { artifactHeadJson, fieldsOfPairs, statusTime, type TaskFields } from './task-fragments.js';

/** What a change script returns on success: `commit()` in src/redis/lua/task-change.lua.ts. */
export type ChangeReply = [
  version: number,
  eventId: string,
  state: TaskState,
  contextId: string,
  deadlineAt: string | null,
  tenant: string,
  owner: string,
  /** 1 when the script dropped the task's deadline entry itself (standalone Redis). */
  unlisted: number,
];

/**
 * A change's script arguments and the event it appends, built from the caller's input: the script
 * stores the same JSON (with taskId and contextId put in front), so the reply need not carry it back.
 */
export interface ChangeRequest {
  readonly args: (string | number)[];
  /** The event's StreamResponse, completed with the ids once the script has answered. */
  readonly event: (taskId: string, contextId: string) => StreamResponse;
}

/** ARGV[3..10] of every change script. */
export function changeSettings(
  settings: StoreSettings,
  taskId: string,
  now: number,
  answerTask = false,
): (string | number)[] {
  return [
    now,
    settings.ttlMs,
    settings.retentionMs,
    settings.maxEventsPerTask,
    settings.keys.channel,
    taskId,
    settings.instanceId,
    answerTask ? '1' : '',
  ];
}

/** The transition script's own arguments (after the change settings) and its event. */
export function transitionChange(input: TransitionInput, now: number): ChangeRequest {
  const status = { ...input.status, timestamp: input.status.timestamp ?? new Date(now).toISOString() };
  const added: Message[] = [...(input.appendHistory ?? []), ...(status.message ? [status.message] : [])];
  const metadata = input.eventMetadata;
  return {
    args: [
      status.state,
      JSON.stringify(status),
      statusTime(status),
      input.expectedVersion === undefined ? '' : String(input.expectedVersion),
      JSON.stringify({ status, metadata }),
      ...added.map((message) => JSON.stringify(message)),
    ],
    event: (taskId, contextId) => ({
      statusUpdate: { taskId, contextId, status, ...(metadata === undefined ? {} : { metadata }) },
    }),
  };
}

/** The appendArtifact script's own arguments (after the change settings) and its event. */
export function appendArtifactChange(input: AppendArtifactInput): ChangeRequest {
  const { artifact, append, lastChunk, eventMetadata: metadata } = input;
  return {
    args: [
      artifact.artifactId,
      artifactHeadJson(artifact),
      JSON.stringify(artifact.parts),
      append ? '1' : '',
      JSON.stringify({ artifact, append, lastChunk, metadata }),
    ],
    event: (taskId, contextId) => ({
      artifactUpdate: {
        taskId,
        contextId,
        artifact,
        ...(append === undefined ? {} : { append }),
        ...(lastChunk === undefined ? {} : { lastChunk }),
        ...(metadata === undefined ? {} : { metadata }),
      },
    }),
  };
}

/** The cancel script's own arguments (after the change settings) and its event. */
export function cancelChange(reason: Message | undefined, now: number): ChangeRequest {
  const status = {
    state: 'TASK_STATE_CANCELED' as const,
    ...(reason === undefined ? {} : { message: reason }),
    timestamp: new Date(now).toISOString(),
  };
  return {
    args: [
      JSON.stringify(status),
      statusTime(status),
      JSON.stringify({ status }),
      ...(reason ? [JSON.stringify(reason)] : []),
    ],
    event: (taskId, contextId) => ({ statusUpdate: { taskId, contextId, status } }),
  };
}

/**
 * A change script's successful reply, and the task hash when it was asked for; throws the refusal's
 * error when the script refused.
 */
export function decodeChangeReply(
  reply: (string | number | null)[],
  taskId: string,
): { change: ChangeReply; fields?: TaskFields } {
  if ((reply[0] as number) < 0) {
    throw refusalError(reply[0] as number, taskId, {
      state: reply[1] as TaskState,
      version: reply[2] as number,
    });
  }
  const change = reply.slice(0, 8) as ChangeReply;
  return reply.length > 8 ? { change, fields: fieldsOfPairs(reply.slice(8)) } : { change };
}
