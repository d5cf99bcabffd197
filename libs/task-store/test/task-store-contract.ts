import { TASK_STATES, isLegalTransition, isTerminalState } from '@a2a-platform/a2a-protocol';
import type { TaskStore } from '../src/index.js';
import { describeEventContract } from './task-store-contract-events.js';
import { describeListContract } from './task-store-contract-list.js';
import { describeModelContract } from './task-store-contract-model.js';
import {
  ALICE,
  ALICE_ELSEWHERE,
  BOB,
  agentMessage,
  moveTo,
  newTask,
  storeErrorCode,
  textArtifact,
  userMessage,
  within,
  withRecord,
  sleep,
  type TaskStoreFactory,
} from './task-store-fixtures.js';

export type { ContractStoreOptions, TaskStoreFactory } from './task-store-fixtures.js';

/**
 * Registers the behaviour every {@link TaskStore} must have, against stores made by `factory`
 * (one fresh store per test). Uses only the TaskStore interface, so the memory and the Redis
 * store run the same suite.
 */
export function describeTaskStoreContract(name: string, factory: TaskStoreFactory): void {
  describe(`TaskStore contract: ${name}`, () => {
    let store: TaskStore;
    let cleanup: () => Promise<void>;
    const current = (): TaskStore => store;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('create and get', () => {
      it('stores the task at version 1 with no events and stamps the status', async () => {
        const task = newTask();
        const before = Date.now();
        const { record, created } = await store.create({ task, scope: ALICE });
        expect(created).toBe(true);
        expect(record.version).toBe(1);
        expect(record.lastEventId).toBe('');
        expect(record.scope).toEqual(ALICE);
        expect(record.createdAt).toBeGreaterThanOrEqual(before - 1000);
        expect(record.deadlineAt).toBeUndefined();
        expect(record.task).toEqual({ ...task, status: { ...task.status, timestamp: expect.any(String) } });
        expect(Number.isNaN(Date.parse(record.task.status.timestamp ?? ''))).toBe(false);
        expect(await store.get(task.id, ALICE)).toEqual(record);
        expect((await store.readEvents(task.id, '')).events).toEqual([]);
      });

      it('keeps a status timestamp the caller gave', async () => {
        const task = newTask({
          status: { state: 'TASK_STATE_SUBMITTED', timestamp: '2024-05-01T10:00:00.000Z' },
        });
        const { record } = await store.create({ task, scope: ALICE });
        expect(record.task.status.timestamp).toBe('2024-05-01T10:00:00.000Z');
      });

      it('records the deadline as createdAt + timeoutMs', async () => {
        const { record } = await store.create({ task: newTask(), scope: ALICE, timeoutMs: 60_000 });
        expect(record.deadlineAt).toBe(record.createdAt + 60_000);
      });

      it('returns the first task, as it is now, for a repeated messageId in the same scope', async () => {
        const first = newTask();
        await store.create({ task: first, scope: ALICE, messageId: 'm-1' });
        await store.transition(first.id, ALICE, { status: { state: 'TASK_STATE_WORKING' } });
        const again = await store.create({ task: newTask(), scope: ALICE, messageId: 'm-1' });
        expect(again.created).toBe(false);
        expect(again.record.task.id).toBe(first.id);
        expect(again.record.version).toBe((await store.get(first.id, ALICE))?.version);
        expect(again.record.task.status.state).toBe('TASK_STATE_WORKING');
      });

      it('does not share messageIds between scopes', async () => {
        await store.create({ task: newTask(), scope: ALICE, messageId: 'm-1' });
        const other = await store.create({ task: newTask(), scope: BOB, messageId: 'm-1' });
        expect(other.created).toBe(true);
      });

      it('refuses a second task with the same id', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        expect(await storeErrorCode(store.create({ task, scope: ALICE }))).toBe('ALREADY_EXISTS');
        expect(await storeErrorCode(store.create({ task, scope: BOB }))).toBe('ALREADY_EXISTS');
      });

      it('counts the creating messageId as claimed', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE, messageId: 'm-create' });
        expect(await store.claimMessage(task.id, 'm-create')).toBe(false);
      });
    });

    describe('scope isolation', () => {
      it('hides a task from every other scope', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        for (const other of [BOB, ALICE_ELSEWHERE]) {
          expect(await store.get(task.id, other)).toBeUndefined();
          const move = store.transition(task.id, other, { status: { state: 'TASK_STATE_WORKING' } });
          expect(await storeErrorCode(move)).toBe('NOT_FOUND');
          const append = store.appendArtifact(task.id, other, { artifact: textArtifact('a', 'x') });
          expect(await storeErrorCode(append)).toBe('NOT_FOUND');
          expect(await storeErrorCode(store.cancel(task.id, other))).toBe('NOT_FOUND');
          expect((await store.list(other, {})).tasks).toEqual([]);
        }
        const record = await store.get(task.id, ALICE);
        expect(record?.version).toBe(1);
        expect(record?.task.status.state).toBe('TASK_STATE_SUBMITTED');
      });

      it('answers NOT_FOUND for an unknown task', async () => {
        expect(await store.get('no-such-task', ALICE)).toBeUndefined();
        const move = store.transition('no-such-task', ALICE, { status: { state: 'TASK_STATE_WORKING' } });
        expect(await storeErrorCode(move)).toBe('NOT_FOUND');
        expect(await storeErrorCode(store.cancel('no-such-task', ALICE))).toBe('NOT_FOUND');
      });
    });

    describe('transition', () => {
      it('answers with the task after the change only when asked (returnRecord)', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE, timeoutMs: 60_000 });
        const plain = await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_WORKING' } });
        expect(plain.record).toBeUndefined();
        await store.appendArtifact(task.id, ALICE, { artifact: textArtifact('report', 'done') });
        const ended = await store.transition(task.id, ALICE, {
          status: { state: 'TASK_STATE_COMPLETED', message: agentMessage('all done') },
          returnRecord: true,
        });
        expect(ended.record).toEqual(await store.get(task.id, ALICE));
        expect(ended.record?.version).toBe(ended.version);
        expect(ended.record?.lastEventId).toBe(ended.event.id);
        expect(ended.record?.task.artifacts).toEqual([textArtifact('report', 'done')]);
        expect(ended.record?.task.status.state).toBe('TASK_STATE_COMPLETED');
      });

      it('applies a legal move: status, version, event and lastEventId in one step', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        const { record, event } = await withRecord(
          store,
          task.id,
          ALICE,
          store.transition(task.id, ALICE, {
            status: { state: 'TASK_STATE_WORKING' },
            eventMetadata: { step: 1 },
          }),
        );
        expect(record.version).toBe(2);
        expect(record.task.status.state).toBe('TASK_STATE_WORKING');
        expect(record.task.status.timestamp).toEqual(expect.any(String));
        expect(record.lastEventId).toBe(event.id);
        expect(event.event).toEqual({
          statusUpdate: {
            taskId: task.id,
            contextId: task.contextId,
            status: record.task.status,
            metadata: { step: 1 },
          },
        });
        expect(await store.get(task.id, ALICE)).toEqual(record);
        expect((await store.readEvents(task.id, '')).events).toEqual([event]);
      });

      it('accepts exactly the moves the state machine allows', async () => {
        const wrong: string[] = [];
        for (const from of TASK_STATES) {
          for (const to of TASK_STATES) {
            const task = newTask();
            await store.create({ task, scope: ALICE });
            await moveTo(store, task.id, ALICE, from);
            const legal = !isTerminalState(from) && isLegalTransition(from, to);
            const outcome = await store.transition(task.id, ALICE, { status: { state: to } }).then(
              () => 'ok',
              (error: { code?: string }) => error.code,
            );
            const expected = legal ? 'ok' : isTerminalState(from) ? 'TERMINAL' : 'ILLEGAL_TRANSITION';
            if (outcome !== expected) wrong.push(`${from} -> ${to}: ${outcome}, expected ${expected}`);
          }
        }
        expect(wrong).toEqual([]);
      });

      it('never changes an ended task, whatever is asked', async () => {
        for (const end of TASK_STATES.filter(isTerminalState)) {
          const task = newTask();
          await store.create({ task, scope: ALICE });
          const ended = await withRecord(
            store,
            task.id,
            ALICE,
            store.transition(task.id, ALICE, { status: { state: end } }),
          );
          const attempts = [
            store.transition(task.id, ALICE, { status: { state: end } }),
            store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_WORKING' } }),
            store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_WORKING' }, expectedVersion: 1 }),
            store.appendArtifact(task.id, ALICE, { artifact: textArtifact('a', 'late') }),
            store.cancel(task.id, ALICE),
          ];
          for (const attempt of attempts) expect(await storeErrorCode(attempt)).toBe('TERMINAL');
          expect(await store.get(task.id, ALICE)).toEqual(ended.record);
          expect((await store.readEvents(task.id, '')).events).toEqual([ended.event]);
        }
      });

      it('refuses a stale expectedVersion and accepts the current one', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_WORKING' } });
        const stale = store.transition(task.id, ALICE, {
          status: { state: 'TASK_STATE_COMPLETED' },
          expectedVersion: 1,
        });
        expect(await storeErrorCode(stale)).toBe('VERSION_CONFLICT');
        expect((await store.get(task.id, ALICE))?.task.status.state).toBe('TASK_STATE_WORKING');
        const fresh = await withRecord(
          store,
          task.id,
          ALICE,
          store.transition(task.id, ALICE, {
            status: { state: 'TASK_STATE_COMPLETED' },
            expectedVersion: 2,
          }),
        );
        expect(fresh.record.version).toBe(3);
      });

      it('appends appendHistory, then the status message, to the history', async () => {
        const opening = userMessage('reorder widgets');
        const task = newTask({ history: [opening] });
        await store.create({ task, scope: ALICE });
        const question = agentMessage('how many?');
        await store.transition(task.id, ALICE, {
          status: { state: 'TASK_STATE_INPUT_REQUIRED', message: question },
        });
        const answer = userMessage('forty');
        const done = agentMessage('ordered');
        const { record } = await withRecord(
          store,
          task.id,
          ALICE,
          store.transition(task.id, ALICE, {
            status: { state: 'TASK_STATE_COMPLETED', message: done },
            appendHistory: [answer],
          }),
        );
        expect(record.task.history).toEqual([opening, question, answer, done]);
        expect(record.task.status.message).toEqual(done);
      });

      it('leaves the history alone when the change carries no message', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        const { record } = await withRecord(
          store,
          task.id,
          ALICE,
          store.transition(task.id, ALICE, {
            status: { state: 'TASK_STATE_WORKING' },
          }),
        );
        expect(record.task.history ?? []).toEqual([]);
      });
    });

    describe('appendArtifact', () => {
      it('adds an artifact and emits the artifactUpdate', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        const artifact = textArtifact('report', 'line 1');
        const { record, event } = await withRecord(
          store,
          task.id,
          ALICE,
          store.appendArtifact(task.id, ALICE, { artifact }),
        );
        expect(record.version).toBe(2);
        expect(record.task.artifacts).toEqual([artifact]);
        expect(record.lastEventId).toBe(event.id);
        // Fields that were not given are absent, not undefined.
        expect(event.event).toStrictEqual({
          artifactUpdate: { taskId: task.id, contextId: task.contextId, artifact },
        });
      });

      it('extends the parts of the artifact with the same id when append is set', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        await store.appendArtifact(task.id, ALICE, { artifact: textArtifact('other', 'o') });
        await store.appendArtifact(task.id, ALICE, { artifact: textArtifact('report', 'a') });
        const chunk = textArtifact('report', 'b', 'c');
        const { record, event } = await withRecord(
          store,
          task.id,
          ALICE,
          store.appendArtifact(task.id, ALICE, {
            artifact: chunk,
            append: true,
            lastChunk: true,
            eventMetadata: { chunk: 2 },
          }),
        );
        expect(record.task.artifacts).toEqual([
          textArtifact('other', 'o'),
          textArtifact('report', 'a', 'b', 'c'),
        ]);
        expect(event.event).toEqual({
          artifactUpdate: {
            taskId: task.id,
            contextId: task.contextId,
            artifact: chunk,
            append: true,
            lastChunk: true,
            metadata: { chunk: 2 },
          },
        });
      });

      it('adds the artifact when append is set but no artifact has that id', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        const { record } = await withRecord(
          store,
          task.id,
          ALICE,
          store.appendArtifact(task.id, ALICE, {
            artifact: textArtifact('fresh', 'x'),
            append: true,
          }),
        );
        expect(record.task.artifacts).toEqual([textArtifact('fresh', 'x')]);
      });

      it('replaces the artifact with the same id in place otherwise', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        await store.appendArtifact(task.id, ALICE, { artifact: textArtifact('first', '1') });
        await store.appendArtifact(task.id, ALICE, { artifact: textArtifact('second', '2') });
        const { record } = await withRecord(
          store,
          task.id,
          ALICE,
          store.appendArtifact(task.id, ALICE, {
            artifact: textArtifact('first', 'new'),
          }),
        );
        expect(record.task.artifacts).toEqual([textArtifact('first', 'new'), textArtifact('second', '2')]);
        expect(record.version).toBe(4);
      });
    });

    describe('cancel', () => {
      it('cancels with the reason and signals the listeners of that task only', async () => {
        const task = newTask();
        const bystander = newTask();
        await store.create({ task, scope: ALICE });
        await store.create({ task: bystander, scope: ALICE });
        await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_INPUT_REQUIRED' } });
        let otherTaskCalls = 0;
        let unsubscribedCalls = 0;
        store.onCancel(bystander.id, () => otherTaskCalls++);
        store.onCancel(task.id, () => unsubscribedCalls++)();
        const signalled = new Promise<void>((resolve) => store.onCancel(task.id, resolve));
        const reason = userMessage('stop');
        const { record, event } = await withRecord(
          store,
          task.id,
          ALICE,
          store.cancel(task.id, ALICE, reason),
        );
        expect(record.task.status.state).toBe('TASK_STATE_CANCELED');
        expect(record.task.status.message).toEqual(reason);
        expect(record.task.history).toEqual([reason]);
        expect(event.event).toEqual({
          statusUpdate: { taskId: task.id, contextId: task.contextId, status: record.task.status },
        });
        await within(signalled, 2000, 'the onCancel listener');
        await sleep(20); // cross-instance delivery may be asynchronous: give strays a chance to show
        expect(otherTaskCalls).toBe(0);
        expect(unsubscribedCalls).toBe(0);
      });

      it('refuses to cancel an ended task and sends no signal', async () => {
        const task = newTask();
        await store.create({ task, scope: ALICE });
        await store.transition(task.id, ALICE, { status: { state: 'TASK_STATE_COMPLETED' } });
        let calls = 0;
        const unsubscribe = store.onCancel(task.id, () => calls++);
        expect(await storeErrorCode(store.cancel(task.id, ALICE))).toBe('TERMINAL');
        await sleep(20);
        expect(calls).toBe(0);
        unsubscribe();
      });
    });

    describe('copies', () => {
      it('is not changed by callers editing what they passed in or got back', async () => {
        const task = newTask({ history: [userMessage('hello')] });
        const { record } = await store.create({ task, scope: ALICE });
        task.contextId = 'edited';
        task.history?.push(userMessage('sneaky'));
        record.task.status.state = 'TASK_STATE_COMPLETED';
        record.task.history?.splice(0);
        const got = await store.get(task.id, ALICE);
        expect(got?.task.contextId).toBe('ctx-1');
        expect(got?.task.history).toHaveLength(1);
        expect(got?.task.status.state).toBe('TASK_STATE_SUBMITTED');

        const artifact = textArtifact('a', 'one');
        await store.appendArtifact(task.id, ALICE, { artifact });
        artifact.parts.push({ text: 'two' });
        const listed = (await store.list(ALICE, {})).tasks[0];
        listed.artifacts?.[0].parts.push({ text: 'three' });
        expect((await store.get(task.id, ALICE))?.task.artifacts).toEqual([textArtifact('a', 'one')]);
      });
    });

    describe('claimMessage', () => {
      it('claims a messageId once per task', async () => {
        const one = newTask();
        const two = newTask();
        await store.create({ task: one, scope: ALICE });
        await store.create({ task: two, scope: ALICE });
        expect(await store.claimMessage(one.id, 'm-7')).toBe(true);
        expect(await store.claimMessage(one.id, 'm-7')).toBe(false);
        expect(await store.claimMessage(two.id, 'm-7')).toBe(true);
        expect(await store.claimMessage(one.id, 'm-8')).toBe(true);
      });

      it('answers NOT_FOUND for an unknown task', async () => {
        expect(await storeErrorCode(store.claimMessage('no-such-task', 'm-1'))).toBe('NOT_FOUND');
      });
    });

    describe('reapExpired', () => {
      it('fails the tasks past their deadline, once, with a message naming it', async () => {
        const late = newTask();
        const waiting = newTask();
        const patient = newTask();
        const finished = newTask();
        const timeless = newTask();
        await store.create({ task: late, scope: ALICE, timeoutMs: 1 });
        await store.create({ task: waiting, scope: BOB, timeoutMs: 1 });
        await store.create({ task: patient, scope: ALICE, timeoutMs: 3_600_000 });
        await store.create({ task: finished, scope: ALICE, timeoutMs: 1 });
        await store.create({ task: timeless, scope: ALICE });
        await store.transition(waiting.id, BOB, { status: { state: 'TASK_STATE_INPUT_REQUIRED' } });
        await store.transition(finished.id, ALICE, { status: { state: 'TASK_STATE_COMPLETED' } });

        const reaped = await store.reapExpired(Date.now() + 10);
        expect(reaped.map((r) => r.task.id).sort()).toEqual([late.id, waiting.id].sort());
        const record = await store.get(late.id, ALICE);
        // Each reaped task comes back as the failure left it, in its own scope.
        expect(reaped.find((r) => r.task.id === late.id)).toEqual(record);
        expect(reaped.find((r) => r.task.id === waiting.id)?.scope).toEqual(BOB);
        expect(record?.task.status.state).toBe('TASK_STATE_FAILED');
        expect(record?.task.status.message?.role).toBe('ROLE_AGENT');
        expect(record?.task.status.message?.parts).toEqual([{ text: 'Task exceeded its deadline of 1 ms' }]);
        const { events } = await store.readEvents(late.id, '');
        expect(
          events.map((e) => ('statusUpdate' in e.event ? e.event.statusUpdate.status.state : '?')),
        ).toEqual(['TASK_STATE_FAILED']);
        expect((await store.get(waiting.id, BOB))?.task.status.state).toBe('TASK_STATE_FAILED');
        expect((await store.get(patient.id, ALICE))?.task.status.state).toBe('TASK_STATE_SUBMITTED');
        expect((await store.get(timeless.id, ALICE))?.task.status.state).toBe('TASK_STATE_SUBMITTED');
        expect(await store.reapExpired(Date.now() + 10)).toEqual([]);
      });
    });

    describeEventContract(factory, current);
    describeListContract(current);
    describeModelContract(current);
  });
}
