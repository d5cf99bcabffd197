import { SpanKind, type Attributes, type Span } from '@opentelemetry/api';
import { recordA2AError, setA2ATaskAttributes, type A2ATaskAttributes } from './a2a-spans.js';
import { GenAiOperations, TelemetryAttributes as A } from './attributes.js';
import { platformMetrics } from './metrics.js';
import { runInSpan } from './span-runner.js';
import { guarded } from './telemetry-state.js';

/** What an outgoing A2A call is known by when it starts. */
export interface InvokeAgentSpanAttributes {
  /** The remote agent's name (from its card). */
  agentName: string;
  /** The A2A context id, recorded as `gen_ai.conversation.id`. */
  contextId?: string;
  /** Known when continuing a task; otherwise set it later with {@link setInvokeAgentTaskAttributes}. */
  taskId?: string;
  /** The A2A method sent, e.g. `SendMessage`. */
  method?: string;
  /** The agent's URL (for `server.address` / `server.port`). */
  url?: string;
}

function clientAttributes(attrs: InvokeAgentSpanAttributes): Attributes {
  const out: Attributes = {
    [A.genAiOperationName]: GenAiOperations.invokeAgent,
    [A.genAiAgentName]: attrs.agentName,
  };
  if (attrs.contextId) {
    out[A.genAiConversationId] = attrs.contextId;
    out[A.a2aContextId] = attrs.contextId;
  }
  if (attrs.taskId) out[A.a2aTaskId] = attrs.taskId;
  if (attrs.method) out[A.a2aMethod] = attrs.method;
  if (attrs.url) {
    try {
      const url = new URL(attrs.url);
      out[A.serverAddress] = url.hostname;
      out[A.serverPort] = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    } catch {
      // A malformed URL fails the call itself; the span just goes without the address.
    }
  }
  return out;
}

/**
 * Runs an outgoing call to another agent in a CLIENT span `invoke_agent {agentName}` (GenAI conventions),
 * current while `fn` runs so the HTTP request under it carries this span as `traceparent`. A thrown error
 * sets `error.type` (the A2A reason or JSON-RPC code, else the error's type) and is rethrown. Records
 * `a2a.client.call.duration` with `agent` and `outcome`.
 */
export function withInvokeAgentSpan<T>(
  attrs: InvokeAgentSpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return runInSpan(
    {
      name: `${GenAiOperations.invokeAgent} ${attrs.agentName}`,
      kind: SpanKind.CLIENT,
      attributes: clientAttributes(attrs),
    },
    fn,
    {
      onError: (span, err) => recordA2AError(err, span),
      onEnd: (outcome, seconds) =>
        platformMetrics().clientCallDuration.record(seconds, { agent: attrs.agentName, outcome }),
    },
  );
}

/**
 * Records the task an agent's answer names on its `invoke_agent` span: the task attributes, and the context
 * id as `gen_ai.conversation.id` too (the GenAI conventions look for it there).
 */
export function setInvokeAgentTaskAttributes(attrs: A2ATaskAttributes, span: Span): void {
  setA2ATaskAttributes(attrs, span);
  const { contextId } = attrs;
  if (contextId === undefined) return;
  guarded(
    'setInvokeAgentTaskAttributes',
    () => void span.setAttribute(A.genAiConversationId, contextId),
    undefined,
  );
}
