import { fork, type ChildProcess } from 'node:child_process';

/** A message between the bench and one of its child processes: a type and its fields. */
export interface RoleMessage {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Options of {@link BenchChild.start}. */
export interface ChildOptions {
  /** Node flags of the child, for example `--expose-gc`. @defaultValue none */
  readonly execArgv?: readonly string[];
  /** The child's whole environment. @defaultValue this process's environment */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A child process running one role of a benchmark (a server, a load generator, a writer), spoken to
 * over the IPC channel. Load and the system under test live in separate processes so neither steals
 * the other's event loop. The child is this same script started with `--role <name> --params <json>`.
 */
export class BenchChild {
  private readonly inbox: RoleMessage[] = [];
  private readonly waiters = new Set<() => void>();
  private exited: string | undefined;

  private constructor(
    readonly role: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: RoleMessage) => {
      this.inbox.push(message);
      this.wakeAll();
    });
    // A send racing the child's exit fails with EPIPE; the exit handler reports what matters.
    child.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      this.exited = `role ${role} exited (${signal ?? `code ${code}`})`;
      this.wakeAll();
    });
  }

  /** Starts `role` with `params` (JSON-serialisable). */
  static start(role: string, params: unknown, options: ChildOptions = {}): BenchChild {
    const script = process.argv[1];
    const child = fork(script, ['--role', role, '--params', JSON.stringify(params)], {
      execArgv: [...(options.execArgv ?? [])],
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new BenchChild(role, child);
  }

  send(message: RoleMessage): void {
    this.child.send(message);
  }

  /**
   * The next message of `type` (in arrival order). Rejects when the child reports `error`, exits,
   * or nothing comes within `timeoutMs`.
   */
  async next<T extends RoleMessage>(type: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failure = this.inbox.find((m) => m.type === 'error');
      if (failure) throw new Error(`${this.role}: ${String(failure.message)}`);
      const at = this.inbox.findIndex((m) => m.type === type);
      if (at >= 0) return this.inbox.splice(at, 1)[0] as T;
      if (this.exited) throw new Error(`${this.exited} before sending "${type}"`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.role}: no "${type}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  /** Sends `message` and waits for the reply of type `replyType`. */
  async ask<T extends RoleMessage>(message: RoleMessage, replyType: string, timeoutMs: number): Promise<T> {
    this.send(message);
    return this.next<T>(replyType, timeoutMs);
  }

  /** Asks the child to stop (`stop` message), then kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'stop' }, () => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** The child's side of the channel: what a role function receives. */
export interface RoleChannel {
  send(message: RoleMessage): void;
  /** The next message from the bench, in arrival order (no timeout: the bench kills a stuck child). */
  next(): Promise<RoleMessage>;
  /** Resolves once every message sent so far has left this process (before it disconnects). */
  flush(): Promise<void>;
}

/** Makes the channel of this child process. */
export function parentChannel(): RoleChannel {
  const inbox: RoleMessage[] = [];
  const sending = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  process.on('message', (message: RoleMessage) => {
    inbox.push(message);
    wake?.();
  });
  return {
    send(message) {
      const send = process.send?.bind(process);
      if (!send) return;
      const sent = new Promise<void>((resolve) => send(message, undefined, {}, () => resolve()));
      sending.add(sent);
      void sent.then(() => sending.delete(sent));
    },
    async flush() {
      await Promise.all(sending);
    },
    async next(): Promise<RoleMessage> {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      return inbox.shift() as RoleMessage;
    },
  };
}
