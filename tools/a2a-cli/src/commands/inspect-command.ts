import { RedisTaskStore, type ReadEventsResult, type RedisTaskInspection } from '@a2a-platform/task-store';
import { isTerminalState } from '@a2a-platform/a2a-protocol';
import type { Redis } from 'ioredis';
import { CliError, describeFailure, EXIT, usageError } from '../cli-errors.js';
import { positionals } from '../cli-options.js';
import { eventLine, summarizeEvent } from '../event-line.js';
import { paintState, type Style } from '../terminal-style.js';
import type { Command } from './command-context.js';

/** Redis of `inspect` when neither `--redis` nor `$REDIS_URL` names one. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/**
 * Prefixes tried when `--prefix` is not given: each agent keeps its tasks under `a2a:<service>`
 * unless REDIS_KEY_PREFIX says otherwise.
 */
const DEFAULT_PREFIXES = ['a2a:orchestrator', 'a2a:inventory-agent', 'a2a:procurement-agent', 'a2a'];
const DEFAULT_REDIS_TIMEOUT_MS = 5_000;

/**
 * `inspect <taskId>`: reads a task and its event stream straight from the task store in Redis, whatever
 * its scope, and prints state, version, scope, deadline, key lifetimes and every event with its id.
 */
export const inspectCommand: Command = async ({ args, global, options, output, env }) => {
  const [taskId] = positionals('inspect', args, ['taskId']) as [string];
  const url = options.redis ?? env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
  const prefixes = options.prefix ? [options.prefix] : DEFAULT_PREFIXES;
  const where = `Redis at ${redactedUrl(url)}`;
  const client = await openRedis(url, global.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, where);
  try {
    for (const prefix of prefixes) {
      const store = new RedisTaskStore({ client, prefix });
      try {
        let seen: RedisTaskInspection | undefined;
        let events: ReadEventsResult;
        try {
          seen = await store.inspect(taskId);
          events = seen ? await store.readEvents(taskId, '') : { events: [], trimmed: false };
        } catch (err) {
          throw describeFailure(err, `reading task ${taskId} from ${where}`);
        }
        if (!seen) continue;
        if (global.json) output.json({ redis: redactedUrl(url), prefix, ...seen, ...events });
        else
          output.out(
            ...renderInspection(seen, events, `${redactedUrl(url)}, prefix "${prefix}"`, output.style),
          );
        return EXIT.OK;
      } finally {
        await store.close();
      }
    }
    const tried = prefixes.map((p) => `"${p}"`).join(', ');
    throw new CliError(
      `Task ${taskId} was not found in ${where} under prefix ${tried} ` +
        '(wrong --prefix or --redis, or its retention has ended)',
    );
  } finally {
    client.disconnect();
  }
};

/** Connects once, without the store's endless reconnects: a CLI should fail fast and say why. */
async function openRedis(url: string, timeoutMs: number, where: string): Promise<Redis> {
  if (!/^rediss?:\/\//i.test(url)) {
    throw usageError(`--redis must be a redis:// or rediss:// URL, got "${url}"`);
  }
  // Loaded here so that the other commands start without it.
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  client.on('error', (err: unknown) => (lastError = err));
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.disconnect();
    const reason =
      lastError instanceof Error ? lastError.message : err instanceof Error ? err.message : String(err);
    throw new CliError(`Cannot reach ${where}: ${reason}`);
  }
}

/** The URL without its password. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** `4m 59s`, `1h 2m`, `850ms`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)}ms`;
  const s = Math.floor(abs / 1000);
  const units: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(' ');
}

function when(epochMs: number, now: number): string {
  const delta = epochMs - now;
  return `${new Date(epochMs).toISOString()} (${delta >= 0 ? `in ${duration(delta)}` : `${duration(delta)} ago`})`;
}

function deadline(deadlineAt: number | undefined, ended: boolean, now: number): string {
  if (deadlineAt === undefined) return 'none';
  return `${when(deadlineAt, now)}${ended ? ', no longer enforced: the task has ended' : ''}`;
}

function ttl(ms: number): string {
  if (ms === -2) return 'no key';
  if (ms === -1) return 'no expiry';
  return duration(ms);
}

/** The readable report of `inspect`. */
export function renderInspection(
  seen: RedisTaskInspection,
  events: ReadEventsResult,
  source: string,
  style: Style,
  now = Date.now(),
): string[] {
  const { record } = seen;
  const { task } = record;
  const field = (name: string, value: string) => `  ${style.dim(name.padEnd(11))} ${value}`;
  const lines = [
    `${style.bold('Task')} ${task.id}`,
    field('Source', source),
    field(
      'State',
      `${paintState(style, task.status.state)}${task.status.timestamp ? style.dim(`  at ${task.status.timestamp}`) : ''}`,
    ),
    field('Version', String(record.version)),
    field('Scope', `tenant "${record.scope.tenant}", owner "${record.scope.owner}"`),
    field('Context', task.contextId),
    field('Created', when(record.createdAt, now)),
    field('Deadline', deadline(record.deadlineAt, isTerminalState(task.status.state), now)),
  ];
  if (seen.expiresAt !== undefined) lines.push(field('Retained', `until ${when(seen.expiresAt, now)}`));
  lines.push(
    field('TTL', `task ${ttl(seen.taskTtlMs)}, events ${ttl(seen.eventsTtlMs)}`),
    field('Last event', record.lastEventId || 'none'),
    field(
      'Contents',
      `${task.artifacts?.length ?? 0} artifact(s), ${task.history?.length ?? 0} history message(s)`,
    ),
    '',
    style.bold(`Events (${events.events.length}):`),
  );
  if (events.trimmed) lines.push(style.yellow('  (older events were trimmed from the stream)'));
  if (events.events.length === 0) lines.push(style.dim('  none'));
  const idWidth = Math.max(0, ...events.events.map((e) => e.id.length));
  for (const { id, event } of events.events) {
    lines.push(`  ${eventLine(id.padEnd(idWidth), summarizeEvent(event, style), style)}`);
  }
  return lines;
}
