import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A database handle the service owns: all that is asked of it here is to close. */
export interface ClosableDatabase {
  close(): void;
}

/** How an MCP app is built over its SQLite database. */
export interface SqliteMcpServiceOptions<Db extends ClosableDatabase> {
  /** Prefix of the temporary folder, e.g. `erp-mcp-http`. */
  name: string;
  /** The database file's name inside the folder, e.g. `erp.db`. */
  file: string;
  /** Opens (creates and migrates) the database at a path. */
  open: (path: string) => Db;
  /** Builds the app over an open database, without listening. */
  build: (db: Db) => FastifyInstance;
}

interface Running<Db> {
  dir: string;
  db: Db;
  app: FastifyInstance;
  baseUrl: string;
}

/**
 * An MCP app in-process over a SQLite file in a fresh temporary folder, listening on a free port of
 * 127.0.0.1. Create it in `describe`, {@link start} it in `beforeAll` and {@link close} it in `afterAll`.
 */
export class SqliteMcpService<Db extends ClosableDatabase> {
  private running: Running<Db> | undefined;

  constructor(readonly options: SqliteMcpServiceOptions<Db>) {}

  /** The temporary folder holding the database. */
  get dir(): string {
    return this.started().dir;
  }

  /** The open database the app runs over. */
  get db(): Db {
    return this.started().db;
  }

  /** The listening app. */
  get app(): FastifyInstance {
    return this.started().app;
  }

  /** `http://127.0.0.1:<port>`. */
  get baseUrl(): string {
    return this.started().baseUrl;
  }

  /** Creates the folder and the database, builds the app and listens. */
  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), `${this.options.name}-`));
    const db = this.options.open(join(dir, this.options.file));
    const app = this.options.build(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    this.running = { dir, db, app, baseUrl: `http://127.0.0.1:${address.port}` };
  }

  /** An MCP SDK client connected to the app's `/mcp` over Streamable HTTP; the caller closes it. */
  async connectClient(name: string): Promise<Client> {
    const client = new Client({ name, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${this.baseUrl}/mcp`)));
    return client;
  }

  /** Closes the app and the database and deletes the folder. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    await running.app.close();
    running.db.close();
    rmSync(running.dir, { recursive: true, force: true });
  }

  private started(): Running<Db> {
    if (!this.running) throw new Error(`${this.options.name} is not started`);
    return this.running;
  }
}

/**
 * Declares the health tests every SQLite-backed MCP app passes: `/health`, `/ready` and `/live` answer
 * 200 with the database up, and `/ready` answers 503 once the database is closed. Call inside `describe`.
 */
export function itServesHealthOverItsDatabase<Db extends ClosableDatabase>(
  service: SqliteMcpService<Db>,
): void {
  it('answers the health routes, reporting the database', async () => {
    for (const path of ['/health', '/ready', '/live']) {
      const response = await fetch(`${service.baseUrl}${path}`);
      expect(response.status).toBe(200);
    }
    const health = await (await fetch(`${service.baseUrl}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', dependencies: { database: 'up' } });
  });

  it('is not ready once its database is closed', async () => {
    const other = service.options.open(join(service.dir, 'closed.db'));
    const closedApp = service.options.build(other);
    other.close();
    const ready = await closedApp.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', dependencies: { database: 'down' } });
    await closedApp.close();
  });
}
