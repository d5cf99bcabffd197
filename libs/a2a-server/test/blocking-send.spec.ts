import { randomUUID } from 'node:crypto';
import type { SendMessageRequest, Task } from '@a2a-platform/a2a-protocol';
import { MemoryTaskStore } from '@a2a-platform/task-store';
import { A2ARequestHandler, type AgentExecutor, type ExecutionContext } from '../src/index.js';
import { testAgentCard } from './support/test-agent.js';

const scope = { tenant: 't', owner: 'o' };

function send(text: string): SendMessageRequest {
  return { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] } };
}

/** Resolves once `ctx.signal` aborts; never otherwise. */
function aborted(ctx: ExecutionContext): Promise<void> {
  return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** An executor that waits, ignoring its signal, until the test lets it go. */
class StubbornExecutor implements AgentExecutor {
  readonly started = new Map<string, () => void>();
  private readonly waiting: ((taskId: string) => void)[] = [];

  async execute(ctx: ExecutionContext): Promise<void> {
    await new Promise<void>((resolve) => {
      this.started.set(ctx.taskId, resolve);
      this.waiting.splice(0).forEach((notify) => notify(ctx.taskId));
    });
  }

  /** The id of the next task that starts (or of one already waiting). */
  nextStarted(): Promise<string> {
    const first = this.started.keys().next();
    if (!first.done) return Promise.resolve(first.value);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

describe('blocking SendMessage', () => {
  let store: MemoryTaskStore;

  beforeEach(() => {
    store = new MemoryTaskStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers with the task the ending write read back, without another read of the store', async () => {
    const executor: AgentExecutor = {
      async execute(_ctx, updater) {
        await updater.artifact({ name: 'report', parts: [{ text: 'all in stock' }] }, { lastChunk: true });
        await updater.complete('done');
      },
    };
    const handler = new A2ARequestHandler({ card: testAgentCard('http://test'), executor, store });
    const get = jest.spyOn(store, 'get');
    const { task } = (await handler.sendMessage(send('check'), { scope })) as { task: Task };
    expect(get).not.toHaveBeenCalled();
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(task.artifacts?.map((a) => a.parts)).toEqual([[{ text: 'all in stock' }]]);
    expect(task).toEqual((await store.get(task.id, scope))?.task);
  });

  it('answers input-required when the executor pauses the task', async () => {
    const executor: AgentExecutor = {
      async execute(_ctx, updater) {
        await updater.requireInput('How many?');
      },
    };
    const handler = new A2ARequestHandler({ card: testAgentCard('http://test'), executor, store });
    const { task } = (await handler.sendMessage(send('order'), { scope })) as { task: Task };
    expect(task.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
  });

  it('answers canceled when the task is canceled while its executor ignores the signal', async () => {
    const executor = new StubbornExecutor();
    const handler = new A2ARequestHandler({ card: testAgentCard('http://test'), executor, store });
    const answer = handler.sendMessage(send('wait'), { scope });
    const taskId = await executor.nextStarted();
    await handler.cancelTask({ id: taskId }, { scope });
    const { task } = (await answer) as { task: Task };
    expect(task.status.state).toBe('TASK_STATE_CANCELED');
    executor.started.get(taskId)?.();
  });

  it('answers failed once the deadline has passed and the task is reaped, though the executor hangs', async () => {
    const executor = new StubbornExecutor();
    const handler = new A2ARequestHandler({
      card: testAgentCard('http://test'),
      executor,
      store,
      taskTimeoutMs: 30,
    });
    const answer = handler.sendMessage(send('wait'), { scope });
    const taskId = await executor.nextStarted();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await store.reapExpired()).map((record) => record.task.id)).toEqual([taskId]);
    const { task } = (await answer) as { task: Task };
    expect(task.status.state).toBe('TASK_STATE_FAILED');
    expect(task.status.message?.parts).toEqual([{ text: 'Task exceeded its deadline of 30 ms' }]);
    executor.started.get(taskId)?.();
  });

  it('answers with the task as it is when the caller goes away', async () => {
    const executor: AgentExecutor = {
      async execute(ctx, updater) {
        await updater.working('started');
        await aborted(ctx);
      },
    };
    const handler = new A2ARequestHandler({ card: testAgentCard('http://test'), executor, store });
    const caller = new AbortController();
    const answer = handler.sendMessage(send('wait'), { scope, signal: caller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    caller.abort();
    const { task } = (await answer) as { task: Task };
    expect(task.status.state).toBe('TASK_STATE_WORKING');
    await handler.cancelTask({ id: task.id }, { scope });
  });
});
