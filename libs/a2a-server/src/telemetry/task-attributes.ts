import type { A2ATaskAttributes } from '@a2a-platform/telemetry';

type Loose = Record<string, unknown> | undefined;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops unset fields; undefined when nothing is known. */
function known(attrs: A2ATaskAttributes): A2ATaskAttributes | undefined {
  const out: A2ATaskAttributes = {};
  if (attrs.taskId) out.taskId = attrs.taskId;
  if (attrs.contextId) out.contextId = attrs.contextId;
  if (attrs.taskState) out.taskState = attrs.taskState;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The task (and context) a request names before it runs: the message's task and context on sends, the
 * task id of task operations and push-config operations, the context filter of ListTasks.
 */
export function requestTaskAttributes(method: string, params: unknown): A2ATaskAttributes | undefined {
  const p = params as Loose;
  switch (method) {
    case 'SendMessage':
    case 'SendStreamingMessage': {
      const message = field(p, 'message');
      return known({ taskId: text(field(message, 'taskId')), contextId: text(field(message, 'contextId')) });
    }
    case 'GetTask':
    case 'CancelTask':
    case 'SubscribeToTask':
      return known({ taskId: text(field(p, 'id')) });
    case 'ListTasks':
      return known({ contextId: text(field(p, 'contextId')) });
    default:
      // Push-config operations: `id` is the config's, `taskId` the task's.
      return known({ taskId: text(field(p, 'taskId')) });
  }
}

function ofTask(task: unknown): A2ATaskAttributes | undefined {
  return known({
    taskId: text(field(task, 'id')),
    contextId: text(field(task, 'contextId')),
    taskState: text(field(field(task, 'status'), 'state')),
  });
}

/**
 * The task fields an answer reveals: a Task, a SendMessageResponse or a StreamResponse (`task`,
 * `message`, `statusUpdate`, `artifactUpdate`). Anything else reveals nothing.
 */
export function resultTaskAttributes(result: unknown): A2ATaskAttributes | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  if ('task' in r) return ofTask(r['task']);
  if ('statusUpdate' in r) {
    const update = r['statusUpdate'];
    return known({
      taskId: text(field(update, 'taskId')),
      contextId: text(field(update, 'contextId')),
      taskState: text(field(field(update, 'status'), 'state')),
    });
  }
  const reference = r['artifactUpdate'] ?? r['message'];
  if (reference !== undefined) {
    return known({
      taskId: text(field(reference, 'taskId')),
      contextId: text(field(reference, 'contextId')),
    });
  }
  if ('status' in r && 'id' in r) return ofTask(r);
  return undefined;
}
