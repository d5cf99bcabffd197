import type { Server } from 'node:http';
import type { AgentCard as OurCard } from '@a2a-platform/a2a-protocol';
import { AgentCard, Role, TaskState, type Message } from '@a2a-js/sdk';
import {
  AgentEvent,
  DefaultRequestHandler,
  InMemoryTaskStore,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from '@a2a-js/sdk/server';
import { UserBuilder, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import express from 'express';
import type { RunningServer } from './agent-servers.js';

/**
 * The baseline's trivial executor, written the way the SDK's README and samples describe: publish the
 * task, then its final status with the answer, then finish. Same outcome as ours: a completed task
 * whose status message says "ok", with the user's message in its history.
 */
class CompleteAtOnce implements AgentExecutor {
  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId, userMessage } = context;
    const timestamp = new Date().toISOString();
    bus.publish(
      AgentEvent.task({
        id: taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp },
        history: [userMessage],
        artifacts: [],
        metadata: undefined,
      }),
    );
    const answer: Message = {
      messageId: `${taskId}-answer`,
      contextId,
      taskId,
      role: Role.ROLE_AGENT,
      parts: [{ content: { $case: 'text', value: 'ok' }, metadata: undefined, filename: '', mediaType: '' }],
      metadata: undefined,
      extensions: [],
      referenceTaskIds: [],
    };
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_COMPLETED, message: answer, timestamp },
        metadata: undefined,
      }),
    );
    bus.finished();
  }

  async cancelTask(): Promise<void> {
    // Tasks end before anyone could cancel them.
  }
}

/**
 * The official SDK's server as its README sets it up: Express, `DefaultRequestHandler` with its
 * `InMemoryTaskStore`, and the JSON-RPC handler at `/`.
 */
export async function startSdkServer(card: OurCard): Promise<RunningServer> {
  const handler = new DefaultRequestHandler(
    AgentCard.fromJSON(card),
    new InMemoryTaskStore(),
    new CompleteAtOnce(),
  );
  const app = express();
  app.use('/', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
