import type { RedisTaskInspection, ReadEventsResult } from '@a2a-platform/task-store';
import type { Task } from '@a2a-platform/a2a-protocol';
import { ensureCliBuilt, runCli } from './support/cli-process.js';
import { freePort, REDIS_URL, startTestAgent, type TestAgent } from './support/test-agent.js';

jest.setTimeout(30_000);

let agent: TestAgent;
let task: Task;

beforeAll(async () => {
  ensureCliBuilt();
  agent = await startTestAgent();
  const sent = await runCli(['send', 'inspect', 'me', '--url', agent.url, '--json']);
  task = (JSON.parse(sent.stdout) as { task: Task }).task;
}, 240_000);
afterAll(() => agent?.close());

describe('inspect', () => {
  it('prints state, version, scope, deadline, TTLs and every event with its stream id', async () => {
    const run = await runCli(['inspect', task.id, '--redis', REDIS_URL, '--prefix', agent.prefix]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stored = await agent.store.inspect(task.id);
    const { events } = await agent.store.readEvents(task.id, '');
    const field = (name: string) => new RegExp(`^ {2}${name} +(.*)$`, 'm').exec(run.stdout)?.[1];

    expect(run.stdout).toMatch(new RegExp(`^Task ${task.id}$`, 'm'));
    expect(field('Source')).toBe(`${REDIS_URL}, prefix "${agent.prefix}"`);
    expect(field('State')).toMatch(/^completed {2}at /);
    expect(field('Version')).toBe(String(stored?.record.version));
    expect(field('Scope')).toBe('tenant "default", owner "anonymous"');
    expect(field('Context')).toBe(task.contextId);
    // Completed: the retention now bounds the task's life, not the deadline.
    expect(field('Deadline')).toMatch(/^\S+Z \(in \d+s\), no longer enforced: the task has ended$/);
    expect(field('Retained')).toMatch(/^until \S+Z \(in (59m|1h)/);
    expect(field('TTL')).toMatch(/^task (59m|1h)[^,]*, events (59m|1h)/);
    expect(field('Last event')).toBe(events.at(-1)?.id);

    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(run.stdout).toContain(`Events (${events.length}):`);
    const eventLines = run.stdout.split('\n').filter((line) => /^ {2}\d+-\d+ /.test(line));
    expect(eventLines.map((line) => line.trim().split(/\s+/)[0])).toEqual(events.map((e) => e.id));
    expect(eventLines[0]).toMatch(/working\s+Echoing$/);
    expect(eventLines).toContainEqual(expect.stringMatching(/artifact\s+echo: \{"text":"inspect me"/));
    expect(eventLines.at(-1)).toMatch(/completed\s+Echoed$/);
  });

  it('shows a running task with its deadline, and prints parseable JSON with --json', async () => {
    const asked = await runCli(['send', 'ask', '--url', agent.url, '--json']);
    const waiting = (JSON.parse(asked.stdout) as { task: Task }).task;
    const [readable, json] = await Promise.all([
      runCli(['inspect', waiting.id, '--prefix', agent.prefix], { REDIS_URL }),
      runCli(['inspect', waiting.id, '--prefix', agent.prefix, '--json'], { REDIS_URL }),
    ]);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toMatch(/^ {2}State +input-required/m);
    expect(readable.stdout).toMatch(/^ {2}Deadline +\S+Z \(in \d+s\)$/m);
    expect(readable.stdout).not.toMatch(/^ {2}Retained/m);

    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as RedisTaskInspection & ReadEventsResult & { prefix: string };
    expect(report.prefix).toBe(agent.prefix);
    expect(report.record.task.id).toBe(waiting.id);
    expect(report.record.scope).toEqual({ tenant: 'default', owner: 'anonymous' });
    expect(report.record.deadlineAt).toBeGreaterThan(Date.now());
    expect(report.taskTtlMs).toBeGreaterThan(0);
    expect(report.events.map((e) => e.id)).toEqual(
      (await agent.store.readEvents(waiting.id, '')).events.map((e) => e.id),
    );
  });

  it('exits 2 when the task is not under the prefix', async () => {
    const run = await runCli(['inspect', task.id, '--redis', REDIS_URL, '--prefix', `${agent.prefix}-other`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Task ${task.id} was not found in Redis at ${REDIS_URL}`);
    expect(run.stderr).toContain(`prefix "${agent.prefix}-other"`);
  });

  it('exits 2 naming the Redis it cannot reach, from --redis or $REDIS_URL', async () => {
    const port = await freePort();
    const closed = `redis://127.0.0.1:${port}`;
    const [flag, env] = await Promise.all([
      runCli(['inspect', task.id, '--redis', closed]),
      runCli(['inspect', task.id], { REDIS_URL: closed }),
    ]);
    for (const run of [flag, env]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Cannot reach Redis at ${closed}`);
      expect(run.stderr).toContain('ECONNREFUSED');
    }
  });
});
