import type { McpCallOptions, McpToolCaller, McpToolResult } from '@a2a-platform/mcp-kit';

/**
 * Holds the tool calls `holds` picks until {@link open}, then makes them with the options the caller
 * passed; records their signals. For cancelling a task while one of its MCP calls is in flight.
 */
export class GatedToolCaller implements McpToolCaller {
  /** The signals of the held calls, in order. */
  readonly signals: (AbortSignal | undefined)[] = [];
  private reached: (() => void) | undefined;
  private release: (() => void) | undefined;
  /** Resolves once a call is held. */
  readonly held = new Promise<void>((resolve) => (this.reached = resolve));
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  constructor(
    private readonly real: McpToolCaller,
    /** Whether to hold this call (called once per call, in call order). */
    private readonly holds: (name: string, args: Record<string, unknown>) => boolean,
  ) {}

  /** Lets the held calls (and every later one) through. */
  open(): void {
    this.release?.();
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: McpCallOptions = {},
  ): Promise<McpToolResult> {
    if (this.holds(name, args)) {
      this.signals.push(options.signal);
      this.reached?.();
      await this.gate;
    }
    return this.real.callTool(name, args, options);
  }
}
