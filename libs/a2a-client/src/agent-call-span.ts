import type { StreamResponse } from '@a2a-platform/a2a-protocol';
import {
  captureContext,
  runInContext,
  setInvokeAgentTaskAttributes,
  withInvokeAgentSpan,
  type A2ATaskAttributes,
  type CarriedContext,
  type InvokeAgentSpanAttributes,
} from '@a2a-platform/telemetry';

type Loose = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Loose)[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The task fields an answer reveals: a Task, a SendMessageResponse or a StreamResponse. Anything else
 * (lists, push configs, cards) reveals nothing.
 */
export function answerTaskAttributes(answer: unknown): A2ATaskAttributes {
  const task = field(answer, 'task') ?? (field(answer, 'status') !== undefined ? answer : undefined);
  if (task !== undefined) {
    return {
      taskId: text(field(task, 'id')),
      contextId: text(field(task, 'contextId')),
      taskState: text(field(field(task, 'status'), 'state')),
    };
  }
  const update = field(answer, 'statusUpdate');
  if (update !== undefined) {
    return {
      taskId: text(field(update, 'taskId')),
      contextId: text(field(update, 'contextId')),
      taskState: text(field(field(update, 'status'), 'state')),
    };
  }
  const reference = field(answer, 'artifactUpdate') ?? field(answer, 'message');
  return { taskId: text(field(reference, 'taskId')), contextId: text(field(reference, 'contextId')) };
}

/**
 * Runs one unary call to an agent in its `invoke_agent {agent}` CLIENT span (see `withInvokeAgentSpan`,
 * which also records the call duration by agent and outcome) and records the task the answer names.
 */
export function tracedAgentCall<T>(attrs: InvokeAgentSpanAttributes, call: () => Promise<T>): Promise<T> {
  return withInvokeAgentSpan(attrs, async (span) => {
    const answer = await call();
    setInvokeAgentTaskAttributes(answerTaskAttributes(answer), span);
    return answer;
  });
}

/** An open `invoke_agent` span that outlives the function that started it. */
interface HeldSpan {
  readonly carried: CarriedContext | undefined;
  saw(event: StreamResponse): void;
  end(failure?: { error: unknown }): void;
}

function holdSpan(attrs: InvokeAgentSpanAttributes): HeldSpan {
  let held: HeldSpan | undefined;
  try {
    // withInvokeAgentSpan calls its function at once; the span ends when that promise settles.
    withInvokeAgentSpan(
      attrs,
      (span) =>
        new Promise<void>((resolve, reject) => {
          held = {
            carried: captureContext(),
            saw: (event) => setInvokeAgentTaskAttributes(answerTaskAttributes(event), span),
            end: (failure) => (failure ? reject(failure.error) : resolve()),
          };
        }),
    ).catch(() => undefined);
  } catch {
    // Telemetry is broken; the stream goes on untraced.
  }
  return held ?? { carried: undefined, saw: () => undefined, end: () => undefined };
}

/**
 * Yields a stream's events inside one `invoke_agent {agent}` CLIENT span that opens when iteration
 * starts and ends when the stream does: at its last event, on an error (recorded as `error.type`), or when
 * the consumer stops early (a success). Every request the stream makes, resubscriptions included, runs
 * under the span and so carries it as `traceparent`.
 */
export async function* tracedAgentStream(
  attrs: InvokeAgentSpanAttributes,
  open: () => AsyncIterable<StreamResponse>,
): AsyncGenerator<StreamResponse, void, undefined> {
  const span = holdSpan(attrs);
  const inSpan = <R>(fn: () => R): R => (span.carried ? runInContext(span.carried, fn) : fn());
  let iterator: AsyncIterator<StreamResponse> | undefined;
  let failure: { error: unknown } | undefined;
  try {
    const events = inSpan(() => open()[Symbol.asyncIterator]());
    iterator = events;
    for (;;) {
      const next = await inSpan(() => events.next());
      if (next.done) return;
      span.saw(next.value);
      yield next.value;
    }
  } catch (err) {
    failure = { error: err };
    throw err;
  } finally {
    // A consumer that stops early leaves the inner stream open: close it (and its connection).
    const close = iterator?.return?.bind(iterator);
    if (!failure && close) await inSpan(() => close(undefined)).catch(() => undefined);
    span.end(failure);
  }
}
