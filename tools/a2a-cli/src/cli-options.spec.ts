import { CliError } from './cli-errors.js';
import { DEFAULT_URL, parseCommandLine, type Invocation } from './cli-options.js';

function command(argv: string[]): Extract<Invocation, { kind: 'command' }> {
  const invocation = parseCommandLine(argv);
  if (invocation.kind !== 'command') throw new Error('expected a command');
  return invocation;
}

function usageMessage(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).usage).toBe(true);
    return (err as CliError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads global options anywhere on the line, with defaults', () => {
    const parsed = command(['--json', 'get', 'task-1', '--binding', 'REST', '--timeout', '500']);
    expect(parsed.command).toBe('get');
    expect(parsed.args).toEqual(['task-1']);
    expect(parsed.global).toEqual({
      url: DEFAULT_URL,
      binding: 'HTTP+JSON',
      protocol: undefined,
      json: true,
      timeoutMs: 500,
      headers: {},
    });
  });

  it('collects repeated --header options, keeping "=" inside values', () => {
    const parsed = command(['card', '--header', 'Authorization=Bearer a=b', '--header', 'X-Trace=1']);
    expect(parsed.global.headers).toEqual({ Authorization: 'Bearer a=b', 'X-Trace': '1' });
    expect(usageMessage(['card', '--header', 'novalue'])).toContain('--header must look like name=value');
  });

  it('parses --data as JSON and names bad JSON', () => {
    expect(command(['send', '--data', '{"skus":["A"]}']).options.data).toEqual({ skus: ['A'] });
    expect(command(['send', '--data', '42']).options.data).toBe(42);
    expect(usageMessage(['send', '--data', '{oops'])).toContain('--data is not valid JSON');
  });

  it('accepts task states in the wire spelling or the short one', () => {
    expect(command(['list', '--state', 'TASK_STATE_INPUT_REQUIRED']).options.state).toBe(
      'TASK_STATE_INPUT_REQUIRED',
    );
    expect(command(['list', '--state', 'input-required']).options.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(usageMessage(['list', '--state', 'asleep'])).toContain('--state must be one of');
  });

  it('refuses options that belong to another command, unknown options and commands', () => {
    expect(usageMessage(['get', 'x', '--redis', 'redis://h'])).toBe('--redis is not an option of "get"');
    expect(usageMessage(['card', '--nope'])).toContain("Unknown option '--nope'");
    expect(usageMessage(['launch'])).toContain('Unknown command "launch"');
  });

  it('checks numbers, choices and URLs', () => {
    expect(usageMessage(['get', 'x', '--history=-1'])).toContain('--history must be an integer >= 0');
    expect(usageMessage(['list', '--page-size', '0'])).toContain('--page-size must be an integer >= 1');
    expect(usageMessage(['card', '--timeout', '1.5'])).toContain('--timeout must be an integer >= 1');
    expect(usageMessage(['card', '--protocol', '2.0'])).toContain('--protocol must be one of 1.0, 0.3');
    expect(usageMessage(['card', '--url', 'ftp://x'])).toContain('--url must be an http(s) URL');
  });

  it('treats --help and a bare call as help, asked or not', () => {
    expect(parseCommandLine(['send', '--help'])).toEqual({ kind: 'help', asked: true });
    expect(parseCommandLine([])).toEqual({ kind: 'help', asked: false });
  });
});
