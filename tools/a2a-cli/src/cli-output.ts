import { styleFor, type Style } from './terminal-style.js';

/** Where the CLI writes: results on stdout, progress notes and errors on stderr, each with its style. */
export class CliOutput {
  /** Style of stdout. */
  readonly style: Style;
  /** Style of stderr. */
  readonly errStyle: Style;

  constructor(
    private readonly stdout: NodeJS.WriteStream,
    private readonly stderr: NodeJS.WriteStream,
    env: NodeJS.ProcessEnv,
  ) {
    this.style = styleFor(stdout, env);
    this.errStyle = styleFor(stderr, env);
  }

  /** Lines of the result. */
  out(...lines: string[]): void {
    for (const line of lines) this.stdout.write(`${line}\n`);
  }

  /** A value as pretty JSON (for `--json`). */
  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A value as one line of JSON (for `--json` streams: one event per line). */
  jsonLine(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Notes and errors. */
  err(...lines: string[]): void {
    for (const line of lines) this.stderr.write(`${line}\n`);
  }
}
