import { parseArgs } from 'node:util';
import type { ClientBinding, ClientProtocolVersion } from '@a2a-platform/a2a-client';
import { TASK_STATES, type TaskState } from '@a2a-platform/a2a-protocol';
import { usageError } from './cli-errors.js';

/** The commands of the CLI. */
export const COMMANDS = ['card', 'send', 'stream', 'get', 'list', 'cancel', 'subscribe', 'inspect'] as const;
/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

const OPTION_SPEC = {
  url: { type: 'string' },
  binding: { type: 'string' },
  protocol: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  header: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  data: { type: 'string' },
  task: { type: 'string' },
  context: { type: 'string' },
  history: { type: 'string' },
  state: { type: 'string' },
  'page-size': { type: 'string' },
  'page-token': { type: 'string' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTION_SPEC;
const GLOBAL_OPTIONS: readonly OptionName[] = [
  'url',
  'binding',
  'protocol',
  'json',
  'timeout',
  'header',
  'help',
];

/** Options each command accepts besides the global ones. */
const COMMAND_OPTIONS: Record<CommandName, readonly OptionName[]> = {
  card: [],
  send: ['data', 'task', 'context'],
  stream: ['data', 'task', 'context'],
  get: ['history'],
  list: ['context', 'state', 'page-size', 'page-token', 'history'],
  cancel: [],
  subscribe: [],
  inspect: ['redis', 'prefix'],
};

/** The options every command understands. */
export interface GlobalOptions {
  url: string;
  /** Only this binding, when given. */
  binding?: ClientBinding;
  /** Only this protocol version, when given. */
  protocol?: ClientProtocolVersion;
  json: boolean;
  timeoutMs?: number;
  headers: Record<string, string>;
}

/** The command-specific options, as typed: absent when not given. */
export interface CommandOptions {
  data?: unknown;
  task?: string;
  context?: string;
  history?: number;
  state?: TaskState;
  pageSize?: number;
  pageToken?: string;
  redis?: string;
  prefix?: string;
}

/** A parsed command line. */
export type Invocation =
  | { kind: 'help'; asked: boolean }
  | { kind: 'command'; command: CommandName; args: string[]; global: GlobalOptions; options: CommandOptions };

/** The default agent URL. */
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Parses the arguments (without `node` and the script); throws a usage CliError on any mistake. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  let parsed: ReturnType<typeof parseRaw>;
  try {
    parsed = parseRaw(argv);
  } catch (err) {
    // Not `instanceof Error`: Node's own errors come from another realm under test runners.
    const message = (err as { message?: unknown } | null)?.message;
    throw usageError(typeof message === 'string' ? message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help', asked: true };
  if (positionals.length === 0) return { kind: 'help', asked: false };
  const [name, ...args] = positionals as [string, ...string[]];
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw usageError(`Unknown command "${name}" (commands: ${COMMANDS.join(', ')})`);
  }
  const command = name as CommandName;
  const allowed = new Set([...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command]]);
  for (const [option, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.has(option as OptionName)) {
      throw usageError(`--${option} is not an option of "${command}"`);
    }
  }
  return { kind: 'command', command, args, global: globalOptions(values), options: commandOptions(values) };
}

function parseRaw(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTION_SPEC, allowPositionals: true, strict: true });
}

type Values = ReturnType<typeof parseRaw>['values'];

function globalOptions(values: Values): GlobalOptions {
  const url = values.url ?? DEFAULT_URL;
  try {
    const protocol = new URL(url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(protocol);
  } catch {
    throw usageError(`--url must be an http(s) URL, got "${url}"`);
  }
  return {
    url,
    binding: oneOf(values.binding, '--binding', { jsonrpc: 'JSONRPC', rest: 'HTTP+JSON' } as const),
    protocol: oneOf(values.protocol, '--protocol', { '1.0': '1.0', '0.3': '0.3' } as const),
    json: values.json ?? false,
    timeoutMs: integer(values.timeout, '--timeout', 1),
    headers: headerMap(values.header ?? []),
  };
}

function commandOptions(values: Values): CommandOptions {
  return {
    data: values.data === undefined ? undefined : jsonValue(values.data),
    task: nonEmpty(values.task, '--task'),
    context: nonEmpty(values.context, '--context'),
    history: integer(values.history, '--history', 0),
    state: taskState(values.state),
    pageSize: integer(values['page-size'], '--page-size', 1),
    pageToken: values['page-token'],
    redis: values.redis,
    prefix: nonEmpty(values.prefix, '--prefix'),
  };
}

function oneOf<T>(value: string | undefined, flag: string, choices: Record<string, T>): T | undefined {
  if (value === undefined) return undefined;
  const choice = choices[value.toLowerCase()];
  if (choice === undefined) {
    throw usageError(`${flag} must be one of ${Object.keys(choices).join(', ')}, got "${value}"`);
  }
  return choice;
}

function integer(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw usageError(`${flag} must be an integer >= ${min}, got "${value}"`);
  }
  return n;
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw usageError(`${flag} needs a value`);
  return value;
}

function headerMap(specs: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const name = at < 0 ? '' : spec.slice(0, at).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw usageError(`--header must look like name=value, got "${spec}"`);
    }
    headers[name] = spec.slice(at + 1);
  }
  return headers;
}

function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw usageError(`--data is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `TASK_STATE_INPUT_REQUIRED`, `input-required` and `input_required` all name the same state. */
function taskState(value: string | undefined): TaskState | undefined {
  if (value === undefined) return undefined;
  const normal = value.trim().toUpperCase().replace(/-/g, '_');
  const state = normal.startsWith('TASK_STATE_') ? normal : `TASK_STATE_${normal}`;
  if (!(TASK_STATES as readonly string[]).includes(state)) {
    throw usageError(`--state must be one of ${TASK_STATES.join(', ')}, got "${value}"`);
  }
  return state as TaskState;
}

/** The positional arguments of a command, checked against their names: exactly that many. */
export function positionals(
  command: CommandName,
  args: readonly string[],
  names: readonly string[],
): string[] {
  if (args.length < names.length) {
    throw usageError(`"${command}" needs ${names.map((n) => `<${n}>`).join(' ')}`);
  }
  if (args.length > names.length) {
    throw usageError(
      `"${command}" takes ${names.length || 'no'} argument(s); unexpected "${args[names.length]}"`,
    );
  }
  return [...args];
}
