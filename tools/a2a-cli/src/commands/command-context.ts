import type { CliOutput } from '../cli-output.js';
import type { CommandOptions, GlobalOptions } from '../cli-options.js';

/** What every command gets: its arguments, the options, where to write, and the environment. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  global: GlobalOptions;
  options: CommandOptions;
  output: CliOutput;
  env: NodeJS.ProcessEnv;
  /** Aborted on the first Ctrl-C; long commands decide what an interruption means for them. */
  interrupt: AbortSignal;
}

/** A command: resolves to the exit status, throws a CliError for failures. */
export type Command = (ctx: CommandContext) => Promise<number>;
