import fc from 'fast-check';

/** Valid requests, and arbitraries that break them one field at a time. */

/** Strings that JSON.parse refuses. */
export const notJson = fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return true;
  }
});

/** A valid v1.0 JSON-RPC params object per method, to mutate. */
export const V1_TEMPLATES: Record<string, Record<string, unknown>> = {
  SendMessage: {
    message: { messageId: 'm-1', role: 'ROLE_USER', parts: [{ text: 'echo hi' }] },
    configuration: { returnImmediately: true, historyLength: 1, acceptedOutputModes: ['text/plain'] },
    metadata: { k: 'v' },
  },
  SendStreamingMessage: {
    message: { messageId: 'm-2', role: 'ROLE_USER', parts: [{ text: 'echo hi' }] },
  },
  GetTask: { id: 'missing', historyLength: 2 },
  ListTasks: {
    contextId: 'c',
    status: 'TASK_STATE_WORKING',
    pageSize: 10,
    pageToken: '',
    historyLength: 1,
    statusTimestampAfter: '2024-01-01T00:00:00Z',
    includeArtifacts: true,
  },
  CancelTask: { id: 'missing', metadata: {} },
  SubscribeToTask: { id: 'missing' },
  CreateTaskPushNotificationConfig: {
    taskId: 'missing',
    url: 'https://hooks.example.com/x',
    token: 't',
    authentication: { scheme: 'Bearer', credentials: 'c' },
  },
  GetTaskPushNotificationConfig: { taskId: 'missing', id: 'c-1' },
  ListTaskPushNotificationConfigs: { taskId: 'missing', pageSize: 1, pageToken: '' },
  DeleteTaskPushNotificationConfig: { taskId: 'missing', id: 'c-1' },
  GetExtendedAgentCard: {},
};

/** A valid v0.3 JSON-RPC params object per method, to mutate. */
export const V03_TEMPLATES: Record<string, Record<string, unknown>> = {
  'message/send': {
    message: { kind: 'message', messageId: 'm-3', role: 'user', parts: [{ kind: 'text', text: 'echo hi' }] },
    configuration: { blocking: false, historyLength: 1 },
  },
  'message/stream': {
    message: { kind: 'message', messageId: 'm-4', role: 'user', parts: [{ kind: 'text', text: 'echo hi' }] },
  },
  'tasks/get': { id: 'missing', historyLength: 1 },
  'tasks/cancel': { id: 'missing' },
  'tasks/resubscribe': { id: 'missing' },
  'tasks/pushNotificationConfig/set': {
    taskId: 'missing',
    pushNotificationConfig: { url: 'https://hooks.example.com/x', authentication: { schemes: ['Bearer'] } },
  },
  'tasks/pushNotificationConfig/get': { id: 'missing', pushNotificationConfigId: 'c-1' },
  'tasks/pushNotificationConfig/list': { id: 'missing' },
  'tasks/pushNotificationConfig/delete': { id: 'missing', pushNotificationConfigId: 'c-1' },
  'agent/getAuthenticatedExtendedCard': {},
};

/** Every path into a JSON value (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

const DROP = Symbol('drop');

/** A deep copy of `value` with the node at `path` replaced (or removed with DROP). */
function replaceAt(value: unknown, path: (string | number)[], next: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (next === DROP) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}

/** A template with one node replaced by a random JSON value or removed. */
export function mutated(template: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = pathsOf(template);
  if (paths.length === 0) return fc.jsonValue();
  return fc
    .tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(DROP)))
    .map(([path, next]) => replaceAt(template, path, next));
}
