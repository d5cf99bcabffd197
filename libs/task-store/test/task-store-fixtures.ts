import { randomUUID } from 'node:crypto';
import type { Artifact, Message, Task, TaskState } from '@a2a-platform/a2a-protocol';
import {
  TaskStoreError,
  type ChangeResult,
  type TaskEvent,
  type TaskRecord,
  type TaskScope,
  type TaskStore,
} from '../src/index.js';

/** Options a contract test may ask of the store under test; the factory must honour them. */
export interface ContractStoreOptions {
  /** Exact bound of each task's event stream (Redis: `XADD MAXLEN n`, not `~`). */
  readonly maxEventsPerTask?: number;
}

/** Makes a fresh, empty store for one test; `cleanup` closes it and removes what it wrote. */
export type TaskStoreFactory = (
  options?: ContractStoreOptions,
) => Promise<{ store: TaskStore; cleanup: () => Promise<void> }>;

/** The scope most tests act in. */
export const ALICE: TaskScope = { tenant: 'acme', owner: 'alice' };
/** Same tenant as ALICE, another owner. */
export const BOB: TaskScope = { tenant: 'acme', owner: 'bob' };
/** Same owner name as ALICE in another tenant: still another scope. */
export const ALICE_ELSEWHERE: TaskScope = { tenant: 'globex', owner: 'alice' };

/** A submitted task with a fresh id. */
export function newTask(overrides: Partial<Task> = {}): Task {
  return {
    id: `task-${randomUUID()}`,
    contextId: 'ctx-1',
    status: { state: 'TASK_STATE_SUBMITTED' },
    ...overrides,
  };
}

/** A user message with a fresh id. */
export function userMessage(text: string): Message {
  return { messageId: `msg-${randomUUID()}`, role: 'ROLE_USER', parts: [{ text }] };
}

/** An agent message with a fresh id. */
export function agentMessage(text: string): Message {
  return { messageId: `msg-${randomUUID()}`, role: 'ROLE_AGENT', parts: [{ text }] };
}

/** An artifact with one text part per text. */
export function textArtifact(artifactId: string, ...texts: string[]): Artifact {
  return { artifactId, parts: texts.map((text) => ({ text })) };
}

/** Resolves to the TaskStoreError code the promise rejected with (fails the test otherwise). */
export async function storeErrorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TaskStoreError);
    return (error as TaskStoreError).code;
  }
  throw new Error('expected the store to refuse, but it succeeded');
}

/** Rejects when `promise` has not settled within `ms`, naming what was awaited. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms` (tests keep this to a few tens of milliseconds). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Reads `count` events from a watch, then leaves the loop. Gives up (returning fewer) when
 * `timeoutMs` passes, so a store that loses events fails the test instead of hanging it.
 */
export async function takeEvents(
  store: TaskStore,
  taskId: string,
  after: string | undefined,
  count: number,
  options: { timeoutMs?: number; slow?: boolean } = {},
): Promise<TaskEvent[]> {
  const seen: TaskEvent[] = [];
  if (count === 0) return seen;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
  for await (const event of store.watch(taskId, after === undefined ? { signal } : { after, signal })) {
    seen.push(event);
    if (seen.length >= count) break;
    // A slow consumer: let the writers run ahead between reads.
    if (options.slow && seen.length % 7 === 0) await sleep(1);
  }
  return seen;
}

/** Moves a new task from SUBMITTED into `state` along legal moves. */
export async function moveTo(
  store: TaskStore,
  taskId: string,
  scope: TaskScope,
  state: TaskState,
): Promise<void> {
  if (state === 'TASK_STATE_SUBMITTED') return;
  await store.transition(taskId, scope, { status: { state } });
}

/** The ids of events, in order. */
export const ids = (events: readonly TaskEvent[]): string[] => events.map((event) => event.id);

/**
 * A change's result with the task as a `get` right after it reads it. Checks that the result agrees
 * with what was stored: the same version, state and last event.
 */
export async function withRecord(
  store: TaskStore,
  taskId: string,
  scope: TaskScope,
  change: Promise<ChangeResult>,
): Promise<ChangeResult & { record: TaskRecord }> {
  const result = await change;
  const record = await store.get(taskId, scope);
  if (!record) throw new Error(`task ${taskId} is gone after its change`);
  if (record.version !== result.version || record.lastEventId !== result.event.id) {
    throw new Error(
      `change answered version ${result.version} / event ${result.event.id}, the store holds ${record.version} / ${record.lastEventId}`,
    );
  }
  if (record.task.status.state !== result.state) {
    throw new Error(`change answered ${result.state}, the store holds ${record.task.status.state}`);
  }
  return { ...result, record };
}
