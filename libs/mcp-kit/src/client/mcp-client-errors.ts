/** Why an MCP call failed before a tool could answer. */
export type McpClientErrorCode =
  /** The server cannot be reached, or the connection broke and one reconnect did not help. */
  | 'UNAVAILABLE'
  /** The server did not answer within the call's timeout. */
  | 'TIMEOUT'
  /** The server answered with a JSON-RPC or HTTP error (unknown tool, bad arguments, 5xx...). */
  | 'PROTOCOL'
  /** The client was closed. */
  | 'CLOSED';

/** A failure of the MCP exchange itself, as opposed to a tool refusing a request ({@link McpToolError}). */
export class McpClientError extends Error {
  constructor(
    readonly code: McpClientErrorCode,
    message: string,
    /** The server's name, as the client was configured. */
    readonly server: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'McpClientError';
  }

  /** true for failures that may pass when tried again later (the server down, slow or restarting). */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT';
  }
}

// Our MCP servers phrase refusals as `Invalid argument "<field>" (<CODE>): <message>`.
const REFUSAL = /^Invalid argument "([^"]+)" \(([A-Z0-9_]+)\): /;

/**
 * A tool result with `isError: true`, thrown for callers that prefer exceptions. `field` and `code` are
 * read from our servers' refusal text when it has that shape.
 */
export class McpToolError extends Error {
  /** The argument the tool refused, when the text names one. */
  readonly field: string | undefined;
  /** The tool's stable refusal code (e.g. `UNKNOWN_SKU`), else `TOOL_ERROR`. */
  readonly code: string;

  constructor(
    readonly toolName: string,
    /** The tool's text, as it returned it. */
    readonly text: string,
  ) {
    super(text ? `${toolName} refused: ${text}` : `${toolName} returned an error`);
    this.name = 'McpToolError';
    const refusal = REFUSAL.exec(text);
    this.field = refusal?.[1];
    this.code = refusal?.[2] ?? 'TOOL_ERROR';
  }
}
