import fc from 'fast-check';
import { TASK_STATES, isLegalTransition, isTerminalState, type TaskState } from '@a2a-platform/a2a-protocol';
import type { ChangeResult, TaskStore } from '../src/index.js';
import { ALICE, newTask, textArtifact } from './task-store-fixtures.js';

/** What the store should hold after the commands so far. */
interface TaskModel {
  state: TaskState;
  /** Successful changes so far; each appended exactly one event. */
  changes: number;
  /** Text parts of each artifact, in artifact order. */
  artifacts: Map<string, string[]>;
}

interface RealTask {
  readonly store: TaskStore;
  readonly taskId: string;
  /** Version the store last reported; every successful change must raise it. */
  version: number;
  readonly eventIds: string[];
}

type Command = fc.AsyncCommand<TaskModel, RealTask>;

/**
 * Runs one command against the store and checks the outcome the model predicts: `expected` is
 * 'ok' or the TaskStoreError code. The task's state and version must not move on a refusal.
 */
async function runChecked(
  model: TaskModel,
  real: RealTask,
  expected: string,
  act: () => Promise<ChangeResult>,
): Promise<ChangeResult | undefined> {
  let result: ChangeResult | undefined;
  let outcome = 'ok';
  try {
    result = await act();
  } catch (error) {
    outcome = (error as { code?: string }).code ?? String(error);
  }
  expect(outcome).toBe(expected);
  const record = await real.store.get(real.taskId, ALICE);
  if (result) {
    expect(result.version).toBeGreaterThan(real.version);
    expect(result.state).toBe(record?.task.status.state);
    real.version = result.version;
    real.eventIds.push(result.event.id);
    model.changes++;
  }
  expect(record?.version).toBe(real.version);
  expect(record?.lastEventId).toBe(real.eventIds.at(-1) ?? '');
  return result;
}

class TransitionCommand implements Command {
  constructor(
    readonly to: TaskState,
    readonly staleVersion: boolean,
  ) {}
  check = (): boolean => true;
  async run(model: TaskModel, real: RealTask): Promise<void> {
    const expected = isTerminalState(model.state)
      ? 'TERMINAL'
      : !isLegalTransition(model.state, this.to)
        ? 'ILLEGAL_TRANSITION'
        : this.staleVersion
          ? 'VERSION_CONFLICT'
          : 'ok';
    const expectedVersion = this.staleVersion ? real.version - 1 : real.version;
    const result = await runChecked(model, real, expected, () =>
      real.store.transition(real.taskId, ALICE, { status: { state: this.to }, expectedVersion }),
    );
    if (result) model.state = this.to;
    expect((await real.store.get(real.taskId, ALICE))?.task.status.state).toBe(model.state);
  }
  toString = (): string => `transition(${this.to}${this.staleVersion ? ', stale' : ''})`;
}

class AppendCommand implements Command {
  constructor(
    readonly artifactId: string,
    readonly append: boolean,
    readonly text: string,
  ) {}
  check = (): boolean => true;
  async run(model: TaskModel, real: RealTask): Promise<void> {
    const expected = isTerminalState(model.state) ? 'TERMINAL' : 'ok';
    const artifact = textArtifact(this.artifactId, this.text);
    const result = await runChecked(model, real, expected, () =>
      real.store.appendArtifact(real.taskId, ALICE, { artifact, append: this.append }),
    );
    if (!result) return;
    const parts = model.artifacts.get(this.artifactId);
    if (parts && this.append) parts.push(this.text);
    else model.artifacts.set(this.artifactId, [this.text]);
  }
  toString = (): string => `append(${this.artifactId}, ${this.append}, ${JSON.stringify(this.text)})`;
}

class CancelCommand implements Command {
  check = (): boolean => true;
  async run(model: TaskModel, real: RealTask): Promise<void> {
    const expected = isTerminalState(model.state) ? 'TERMINAL' : 'ok';
    const result = await runChecked(model, real, expected, () => real.store.cancel(real.taskId, ALICE));
    if (result) model.state = 'TASK_STATE_CANCELED';
  }
  toString = (): string => 'cancel()';
}

const commands = [
  fc
    .tuple(fc.constantFrom(...TASK_STATES), fc.boolean(), fc.nat(2))
    .map(([to, stale, roll]) => new TransitionCommand(to, stale && roll === 0)),
  fc
    .tuple(fc.constantFrom('a', 'b'), fc.boolean(), fc.string({ maxLength: 4 }))
    .map(([id, append, text]) => new AppendCommand(id, append, text)),
  fc.constant(new CancelCommand()),
];

/** Random sequences of transitions, appends and cancels never break the store's invariants. */
export function describeModelContract(current: () => TaskStore): void {
  describe('state machine (model-based)', () => {
    it('matches a model over random change sequences', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
          const store = current();
          const task = newTask();
          const created = await store.create({ task, scope: ALICE });
          const model: TaskModel = { state: 'TASK_STATE_SUBMITTED', changes: 0, artifacts: new Map() };
          const real: RealTask = { store, taskId: task.id, version: created.record.version, eventIds: [] };
          await fc.asyncModelRun(() => ({ model, real }), cmds);

          const record = await store.get(task.id, ALICE);
          expect(record?.task.status.state).toBe(model.state);
          const artifacts = (record?.task.artifacts ?? []).map((a) => [
            a.artifactId,
            a.parts.map((p) => p.text),
          ]);
          expect(artifacts).toEqual([...model.artifacts]);
          const { events, trimmed } = await store.readEvents(task.id, '');
          expect(trimmed).toBe(false);
          expect(events.map((event) => event.id)).toEqual(real.eventIds);
          expect(events).toHaveLength(model.changes);
        }),
        { numRuns: 60 },
      );
    });
  });
}
