import type { Redis } from 'ioredis';
import { RedisTaskStore, TaskStoreError, type TaskScope } from '../src/index.js';
import {
  SCRIPT_REFUSALS,
  isUnavailableError,
  refusalError,
  toStoreError,
} from '../src/redis/store-errors.js';
import { TaskKeyspace, taskKeyList } from '../src/redis/task-keys.js';
import { TASK_SCRIPTS } from '../src/redis/task-scripts.js';
import { deleteKeys, newRedisClient, testPrefix } from './redis-test-support.js';
import { newTask, storeErrorCode } from './task-store-fixtures.js';

const prefix = testPrefix('redis-codes');
const ALICE: TaskScope = { tenant: 'acme', owner: 'alice' };
const MALLORY: TaskScope = { tenant: 'acme', owner: 'mallory' };
let client: Redis;
let store: RedisTaskStore;
const keys = new TaskKeyspace(prefix);

beforeAll(() => {
  client = newRedisClient();
  store = new RedisTaskStore({ client, prefix });
});
afterAll(async () => {
  await store.close();
  await deleteKeys(client, prefix);
  client.disconnect();
});

/** Runs the transition script the way the store does, returning its raw reply. */
async function rawTransition(taskId: string, scope: TaskScope, state: string, expectedVersion = '') {
  const status = JSON.stringify({ state, timestamp: new Date().toISOString() });
  const reply = (await TASK_SCRIPTS.transition.run(client, taskKeyList(keys.task(taskId)), [
    scope.tenant,
    scope.owner,
    Date.now(),
    60_000,
    60_000,
    100,
    keys.channel,
    taskId,
    'test',
    '',
    state,
    status,
    '',
    expectedVersion,
    JSON.stringify({ status: JSON.parse(status) }),
  ])) as unknown[];
  return reply;
}

/** The task's version and number of events: a refusal must change neither. */
async function footprint(taskId: string): Promise<[string | null, number]> {
  return [await client.hget(keys.task(taskId).task, 'version'), await client.xlen(keys.task(taskId).events)];
}

describe('task script return codes', () => {
  it('documents a mapping for every code the scripts return', () => {
    const mapped = Object.keys(SCRIPT_REFUSALS).map(
      (code) => (refusalError(Number(code), 't') as TaskStoreError).code,
    );
    expect(mapped).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'TERMINAL',
      'ILLEGAL_TRANSITION',
      'VERSION_CONFLICT',
      'ALREADY_EXISTS',
    ]);
    const unknown = refusalError(-99, 't');
    expect(unknown).not.toBeInstanceOf(TaskStoreError);
  });

  it('-1: no such task -> NOT_FOUND', async () => {
    expect((await rawTransition('missing', ALICE, 'TASK_STATE_WORKING'))[0]).toBe(-1);
    const move = store.transition('missing', ALICE, { status: { state: 'TASK_STATE_WORKING' } });
    expect(await storeErrorCode(move)).toBe('NOT_FOUND');
    expect(await footprint('missing')).toEqual([null, 0]);
  });

  it('-2: another scope -> NOT_FOUND, telling nothing about the task', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    expect(await rawTransition(task.id, MALLORY, 'TASK_STATE_WORKING')).toEqual([-2]);
    const error = await store
      .appendArtifact(task.id, MALLORY, { artifact: { artifactId: 'a', parts: [{ text: 'x' }] } })
      .catch((err: TaskStoreError) => err);
    expect(error).toBeInstanceOf(TaskStoreError);
    expect((error as TaskStoreError).code).toBe('NOT_FOUND');
    expect((error as TaskStoreError).details).toEqual({ taskId: task.id });
    expect(await footprint(task.id)).toEqual(['1', 0]);
  });

  it('-3: ended task -> TERMINAL, with its state and version', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_REJECTED' } });
    expect(await rawTransition(task.id, ALICE, 'TASK_STATE_WORKING')).toEqual([-3, 'TASK_STATE_REJECTED', 2]);
    const error = await store.cancel(task.id, ALICE).catch((err: TaskStoreError) => err);
    expect((error as TaskStoreError).code).toBe('TERMINAL');
    expect((error as TaskStoreError).details).toEqual({
      taskId: task.id,
      state: 'TASK_STATE_REJECTED',
      version: 2,
    });
    expect(await footprint(task.id)).toEqual(['2', 1]);
  });

  it('-4: illegal move -> ILLEGAL_TRANSITION', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_INPUT_REQUIRED' } });
    expect((await rawTransition(task.id, ALICE, 'TASK_STATE_AUTH_REQUIRED'))[0]).toBe(-4);
    const move = store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_SUBMITTED' } });
    expect(await storeErrorCode(move)).toBe('ILLEGAL_TRANSITION');
    expect(await footprint(task.id)).toEqual(['2', 1]);
  });

  it('-5: stale expected version -> VERSION_CONFLICT', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    expect(await rawTransition(task.id, ALICE, 'TASK_STATE_WORKING', '7')).toEqual([
      -5,
      'TASK_STATE_SUBMITTED',
      1,
    ]);
    const move = store.transition(task.id, ALICE, {
      status: { state: 'TASK_STATE_WORKING' },
      expectedVersion: 0,
    });
    expect(await storeErrorCode(move)).toBe('VERSION_CONFLICT');
    expect(await footprint(task.id)).toEqual(['1', 0]);
  });

  it('-6: the id is taken -> ALREADY_EXISTS, in any scope', async () => {
    const task = newTask();
    await store.create({ task, scope: ALICE });
    const again = store.create({ task: { ...task, contextId: 'other' }, scope: MALLORY, messageId: 'm-1' });
    expect(await storeErrorCode(again)).toBe('ALREADY_EXISTS');
    expect((await store.get(task.id, ALICE))?.task.contextId).toBe(task.contextId);
    expect(await footprint(task.id)).toEqual(['1', 0]);
  });
});

describe('connection errors', () => {
  it('are UNAVAILABLE (retryable); server refusals and bugs are not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const loading = Object.assign(new Error('LOADING Redis is loading the dataset in memory'), {
      name: 'ReplyError',
    });
    for (const err of [
      refused,
      loading,
      new Error('Connection is closed.'),
      new Error('Command timed out'),
    ]) {
      expect(isUnavailableError(err)).toBe(true);
      const mapped = toStoreError(err, 't-1') as TaskStoreError;
      expect(mapped.code).toBe('UNAVAILABLE');
      expect(mapped.retryable).toBe(true);
      expect(mapped.cause).toBe(err);
    }
    const wrongType = Object.assign(new Error('WRONGTYPE Operation against a key'), { name: 'ReplyError' });
    for (const err of [wrongType, new TypeError('x is undefined')]) expect(toStoreError(err)).toBe(err);
  });
});
