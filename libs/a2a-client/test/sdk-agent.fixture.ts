/**
 * The official A2A SDK's own server (@a2a-js/sdk 1.3.0) on an ephemeral port, with a small test agent:
 * JSON-RPC (v1.0 and, through legacyCompat, v0.3) at /a2a/jsonrpc, HTTP+JSON at /a2a/rest, and the
 * card at /.well-known/agent-card.json.
 *
 * The agent reads the first text part of the user message:
 * - `message: <text>`: answers with a direct Message.
 * - `slow`: submitted, working, three appended artifact chunks, completed (with pauses between).
 * - `input`: working, then input-required; a follow-up message on the task completes it.
 * - `wait`: working, then waits (at most 10 s) until canceled.
 * - anything else: echoes the text in an artifact and completes.
 */
import { Role, TaskState, type AgentCard, type Message, type Part, type Task } from '@a2a-js/sdk';
import {
  AgentEvent,
  DefaultRequestHandler,
  InMemoryPushNotificationStore,
  InMemoryTaskStore,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SdkAgent {
  baseUrl: string;
  jsonRpcUrl: string;
  restUrl: string;
  /** Where push configs can point: answers 200 to anything. */
  pushReceiverUrl: string;
  close(): Promise<void>;
}

const SLOW_STEP_MS = 25;
const WAIT_LIMIT_MS = 10_000;

function textPart(text: string): Part {
  return {
    content: { $case: 'text', value: text },
    metadata: undefined,
    filename: '',
    mediaType: 'text/plain',
  };
}

function agentMessage(text: string, taskId: string, contextId: string): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

function firstText(message: Message): string {
  const content = message.parts[0]?.content;
  return content?.$case === 'text' ? content.value : '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The test agent's logic (see the file header). */
class TestExecutor implements AgentExecutor {
  private readonly canceled = new Set<string>();

  execute = async (ctx: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const { taskId, contextId } = ctx;
    const text = firstText(ctx.userMessage);
    if (text.startsWith('message:')) {
      bus.publish(AgentEvent.message(agentMessage(text.slice('message:'.length).trim(), '', contextId)));
      return;
    }
    const task: Task = ctx.task ?? {
      id: taskId,
      contextId,
      status: {
        state: TaskState.TASK_STATE_SUBMITTED,
        message: undefined,
        timestamp: new Date().toISOString(),
      },
      artifacts: [],
      history: [ctx.userMessage],
      metadata: undefined,
    };
    bus.publish(AgentEvent.task(task));
    const status = (state: TaskState, message?: string) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: {
            state,
            message: message === undefined ? undefined : agentMessage(message, taskId, contextId),
            timestamp: new Date().toISOString(),
          },
          metadata: undefined,
        }),
      );
    const artifact = (artifactId: string, value: string, append: boolean, lastChunk: boolean) =>
      bus.publish(
        AgentEvent.artifactUpdate({
          taskId,
          contextId,
          artifact: {
            artifactId,
            name: 'result',
            description: '',
            parts: [textPart(value)],
            metadata: undefined,
            extensions: [],
          },
          append,
          lastChunk,
          metadata: undefined,
        }),
      );

    if (ctx.task && ctx.task.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
      artifact('answer', `got: ${text}`, false, true);
      status(TaskState.TASK_STATE_COMPLETED, 'done');
      return;
    }
    status(TaskState.TASK_STATE_WORKING);
    if (text === 'slow') {
      for (let i = 0; i < 3; i++) {
        await sleep(SLOW_STEP_MS);
        artifact('chunks', `chunk-${i}`, i > 0, i === 2);
      }
      await sleep(SLOW_STEP_MS);
      status(TaskState.TASK_STATE_COMPLETED, 'slow done');
    } else if (text === 'input') {
      status(TaskState.TASK_STATE_INPUT_REQUIRED, 'which one?');
    } else if (text === 'wait') {
      const until = Date.now() + WAIT_LIMIT_MS;
      while (!this.canceled.has(taskId) && Date.now() < until) await sleep(10);
      if (!this.canceled.has(taskId)) status(TaskState.TASK_STATE_COMPLETED, 'waited');
    } else {
      artifact('echo', `echo: ${text}`, false, true);
      status(TaskState.TASK_STATE_COMPLETED, 'echoed');
    }
  };

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    this.canceled.add(taskId);
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: '',
        status: {
          state: TaskState.TASK_STATE_CANCELED,
          message: undefined,
          timestamp: new Date().toISOString(),
        },
        metadata: undefined,
      }),
    );
  };
}

function agentCard(baseUrl: string): AgentCard {
  const iface = (path: string, protocolBinding: string, protocolVersion: string) => ({
    url: `${baseUrl}${path}`,
    protocolBinding,
    tenant: '',
    protocolVersion,
  });
  return {
    name: 'SDK test agent',
    description: 'The official SDK server with a test executor',
    supportedInterfaces: [
      iface('/a2a/jsonrpc', 'JSONRPC', '1.0'),
      iface('/a2a/rest', 'HTTP+JSON', '1.0'),
      iface('/a2a/jsonrpc', 'JSONRPC', '0.3'),
    ],
    provider: { url: 'https://example.org', organization: 'Tests' },
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: true, extensions: [], extendedAgentCard: true },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'echo',
        name: 'Echo',
        description: 'Echoes text',
        tags: ['test'],
        examples: [],
        inputModes: [],
        outputModes: [],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
}

/** Starts the SDK server on 127.0.0.1 with an ephemeral port. */
export async function startSdkAgent(): Promise<SdkAgent> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const card = agentCard(baseUrl);
  const handler = new DefaultRequestHandler(
    card,
    new InMemoryTaskStore(),
    new TestExecutor(),
    undefined,
    new InMemoryPushNotificationStore(),
    undefined,
    // A plain card is only shown to authenticated users; a provider function is called for everyone.
    async () => ({ ...card, name: `${card.name} (extended)` }),
  );
  const legacyCompat = { enabled: true };
  app.post('/push-receiver', (_req, res) => {
    res.status(200).end();
  });
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler, legacyCompat }));
  app.use(
    '/a2a/jsonrpc',
    jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat }),
  );
  app.use('/a2a/rest', restHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
  return {
    baseUrl,
    jsonRpcUrl: `${baseUrl}/a2a/jsonrpc`,
    restUrl: `${baseUrl}/a2a/rest`,
    pushReceiverUrl: `${baseUrl}/push-receiver`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
