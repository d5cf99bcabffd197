import { CliError, describeFailure, EXIT } from './cli-errors.js';
import { CliOutput } from './cli-output.js';
import { parseCommandLine, type CommandName } from './cli-options.js';
import { cardCommand } from './commands/card-command.js';
import type { Command } from './commands/command-context.js';
import { inspectCommand } from './commands/inspect-command.js';
import { sendCommand } from './commands/send-command.js';
import { streamCommand, subscribeCommand } from './commands/stream-command.js';
import { cancelCommand, getCommand, listCommand } from './commands/task-commands.js';
import { USAGE } from './usage.js';

const COMMAND_TABLE: Record<CommandName, Command> = {
  card: cardCommand,
  send: sendCommand,
  stream: streamCommand,
  get: getCommand,
  list: listCommand,
  cancel: cancelCommand,
  subscribe: subscribeCommand,
  inspect: inspectCommand,
};

/** Runs one command line and resolves to the exit status; failures are reported on stderr. */
export async function runCli(
  argv: readonly string[],
  output: CliOutput,
  env: NodeJS.ProcessEnv,
  interrupt: AbortSignal,
): Promise<number> {
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.kind === 'help') {
      if (invocation.asked) output.out(USAGE);
      else output.err(USAGE);
      return invocation.asked ? EXIT.OK : EXIT.ERROR;
    }
    const { command, args, global, options } = invocation;
    return await COMMAND_TABLE[command]({ args, global, options, output, env, interrupt });
  } catch (err) {
    if (interrupt.aborted) {
      output.err('Interrupted.');
      return EXIT.INTERRUPTED;
    }
    const failure = err instanceof CliError ? err : describeFailure(err, 'the command');
    output.err(`${output.errStyle.red('error:')} ${failure.message}`);
    if (failure.usage) output.err('Run "a2a --help" for usage.');
    return failure.exitCode;
  }
}

async function main(): Promise<void> {
  const output = new CliOutput(process.stdout, process.stderr, process.env);
  const interrupt = new AbortController();
  // The first Ctrl-C lets the command wind down (stream cancels its task); a second one exits at once.
  const onSigint = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT.INTERRUPTED);
    interrupt.abort(new Error('Interrupted'));
  };
  process.on('SIGINT', onSigint);
  // A reader that stops early (`a2a list | head`) closes the pipe: that ends the command, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(EXIT.OK);
      throw err;
    });
  }
  const code = await runCli(process.argv.slice(2), output, process.env, interrupt.signal);
  // Exit now rather than when the event loop drains: idle keep-alive sockets and client timers
  // would hold the prompt for seconds. Output is written out first.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

void main();
