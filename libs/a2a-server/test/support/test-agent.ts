import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentCard } from '@a2a-platform/a2a-protocol';
import { MemoryPushConfigStore, MemoryTaskStore } from '@a2a-platform/task-store';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  A2ARequestHandler,
  a2aFrameworkErrors,
  a2aPlugin,
  type AgentExecutor,
  type ExecutionContext,
} from '../../src/index.js';

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Largest request body. @defaultValue the plugin's default (1 MiB) */
  bodyLimit?: number;
  /** Pause between the chunks of a "slow N" task, in ms. @defaultValue 40 */
  chunkDelayMs?: number;
  /** Events the store keeps per task. @defaultValue the store's default */
  maxEventsPerTask?: number;
}

/** A running test agent. */
export interface TestServer {
  /** Base URL, also the URL of every interface on the card (no trailing slash). */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly handler: A2ARequestHandler;
  readonly store: MemoryTaskStore;
  readonly executor: TestExecutor;
  close(): Promise<void>;
}

/** The first text part of a message, or ''. */
export function textOf(message: { parts?: ReadonlyArray<{ text?: string }> } | undefined): string {
  return message?.parts?.find((p) => typeof p.text === 'string')?.text ?? '';
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise with its resolve function, created on first use by either side. */
class Latches {
  private readonly entries = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  private entry(key: string) {
    let found = this.entries.get(key);
    if (!found) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      found = { promise, resolve };
      this.entries.set(key, found);
    }
    return found;
  }

  wait(key: string): Promise<void> {
    return this.entry(key).promise;
  }

  open(key: string): void {
    this.entry(key).resolve();
  }
}

/**
 * The executor under test; the first word of the user's text picks what it does:
 * `echo <text>` works, sends `<text>` as an artifact and completes; `slow <n>` streams n chunks of
 * one artifact with pauses and stops when its signal aborts; `gated <n>` is `slow <n>` that first
 * waits, while working, for the test to call {@link TestExecutor.release}; `ask` waits for input
 * and completes with the answer; `fail` throws.
 */
export class TestExecutor implements AgentExecutor {
  /** Ids of the tasks whose execution saw its AbortSignal fire. */
  readonly aborted = new Set<string>();
  private readonly abortLatches = new Latches();
  private readonly gateLatches = new Latches();
  private readonly heldLatches = new Latches();

  constructor(private readonly chunkDelayMs: number) {}

  /** Resolves once the execution of `taskId` has seen its signal abort. */
  whenAborted(taskId: string): Promise<void> {
    return this.abortLatches.wait(taskId);
  }

  /** Resolves once the `gated` task `taskId` is working and waiting for {@link release}. */
  whenHeld(taskId: string): Promise<void> {
    return this.heldLatches.wait(taskId);
  }

  /** Lets the `gated` task `taskId` send its chunks. */
  release(taskId: string): void {
    this.gateLatches.open(taskId);
  }

  async execute(ctx: ExecutionContext, updater: Parameters<AgentExecutor['execute']>[1]): Promise<void> {
    ctx.signal.addEventListener(
      'abort',
      () => {
        this.aborted.add(ctx.taskId);
        this.abortLatches.open(ctx.taskId);
      },
      { once: true },
    );
    const text = textOf(ctx.message).trim();
    if (ctx.resumed) {
      await updater.complete(`Thanks, ${text}`);
      return;
    }
    const [command = '', ...rest] = text.split(/\s+/);
    switch (command) {
      case 'echo': {
        await updater.working('echoing');
        await updater.artifact({ name: 'echo', parts: [{ text: rest.join(' ') }] }, { lastChunk: true });
        await updater.complete('done');
        return;
      }
      case 'gated':
      case 'slow': {
        const chunks = Math.max(1, Number(rest[0] ?? '3') || 3);
        await updater.working(`sending ${chunks} chunks`);
        if (command === 'gated') {
          this.heldLatches.open(ctx.taskId);
          await new Promise<void>((resolve) => {
            void this.gateLatches.wait(ctx.taskId).then(resolve);
            ctx.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          if (ctx.signal.aborted) return;
        }
        let artifactId: string | undefined;
        for (let i = 0; i < chunks; i++) {
          await pause(this.chunkDelayMs, ctx.signal);
          artifactId = await updater.artifact(
            { artifactId, name: 'chunks', parts: [{ text: `chunk ${i}` }] },
            { append: i > 0, lastChunk: i === chunks - 1 },
          );
        }
        await updater.complete('all chunks sent');
        return;
      }
      case 'ask':
        await updater.requireInput('What is your name?');
        return;
      case 'fail':
        throw new Error('the test agent was told to fail');
      default:
        await updater.reject(`unknown command "${command}"`);
    }
  }
}

/** The card of the test agent: JSON-RPC 1.0, HTTP+JSON 1.0 and JSON-RPC 0.3, all at `url`. */
export function testAgentCard(url: string): AgentCard {
  return {
    name: 'Test Agent',
    description: 'Echoes, streams, asks and fails on request',
    version: '1.0.0',
    supportedInterfaces: [
      { url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
      { url, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ],
    capabilities: { streaming: true, pushNotifications: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'echo', name: 'Echo', description: 'Says back what it is told', tags: ['test'] }],
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the test agent on 127.0.0.1 and a free port: Fastify + a2aPlugin + A2ARequestHandler +
 * the memory stores, as the agents compose it (plus `frameworkErrors: a2aFrameworkErrors`). The socket is bound first so that the card can
 * name the real URL; requests are served once the app is ready.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const server = createServer();
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  const store = new MemoryTaskStore(
    opts.maxEventsPerTask === undefined ? {} : { maxEventsPerTask: opts.maxEventsPerTask },
  );
  const executor = new TestExecutor(opts.chunkDelayMs ?? 40);
  const handler = new A2ARequestHandler({
    card: testAgentCard(url),
    executor,
    store,
    pushConfigs: new MemoryPushConfigStore(),
    taskTimeoutMs: 30_000,
  });
  const app = Fastify({
    logger: false,
    serverFactory: (handle) => server.on('request', handle),
    // Router-level refusals (bad percent-encoding, over-long path segments) in the A2A error shape.
    frameworkErrors: a2aFrameworkErrors,
  });
  await app.register(a2aPlugin, {
    handler,
    heartbeatSeconds: 1,
    ...(opts.bodyLimit === undefined ? {} : { bodyLimit: opts.bodyLimit }),
  });
  app.addHook('preClose', async () => handler.drain(0));
  await app.ready();

  return {
    url,
    app,
    handler,
    store,
    executor,
    async close() {
      await app.close();
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
