import {
  AgentCardSchema,
  CancelTaskRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  ListTasksResponseSchema,
  MessageSchema,
  PartSchema,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  StreamResponseSchema,
  SubscribeToTaskRequestSchema,
  TaskSchema,
} from '../index.js';
import {
  SPEC_ABBREVIATED_STREAM,
  SPEC_AGENT_CARD,
  SPEC_FILE_RESPONSE,
  SPEC_FILE_UPLOAD_MESSAGE,
  SPEC_INVALID_LIST_TASKS_PARAMS,
  SPEC_LIST_TASKS_BY_CONTEXT,
  SPEC_LIST_TASKS_PARAMS,
  SPEC_LIST_WORKING_TASKS,
  SPEC_PUSH_PAYLOAD,
  SPEC_PUSH_SEND_REQUEST,
  SPEC_SEND_REQUEST,
  SPEC_SEND_RESPONSE,
  SPEC_STRUCTURED_REQUEST_MESSAGE,
  SPEC_STRUCTURED_RESPONSE,
} from '../../test/spec-examples-v1.js';

describe('Part: exactly one of text, raw, url, data', () => {
  it.each([
    ['a text part', { text: 'hello' }],
    ['an empty text part', { text: '' }],
    ['a raw part', { raw: 'aGVsbG8=', mediaType: 'text/plain', filename: 'hello.txt' }],
    ['a url part', { url: 'https://files.test/a.pdf', mediaType: 'application/pdf' }],
    ['an object data part', { data: { a: 1 } }],
    ['an array data part', { data: [1, 'two'] }],
    ['a scalar data part', { data: 42 }],
    ['a null data part', { data: null }],
  ])('accepts %s', (_name, part) => {
    expect(PartSchema.parse(part)).toStrictEqual(part);
  });

  it.each([
    ['none', { mediaType: 'text/plain' }],
    ['text and raw', { text: 'a', raw: 'YQ==' }],
    ['url and data', { url: 'https://x.test', data: {} }],
  ])('rejects a part with %s', (_name, part) => {
    expect(PartSchema.safeParse(part).success).toBe(false);
  });

  it('rejects raw content that is not base64', () => {
    expect(PartSchema.safeParse({ raw: 'not base64!' }).success).toBe(false);
  });
});

describe('v1 schemas against the v1.0 specification examples', () => {
  it('parses the 6.1 SendMessage request and response', () => {
    expect(SendMessageRequestSchema.parse(SPEC_SEND_REQUEST)).toStrictEqual(SPEC_SEND_REQUEST);
    expect(SendMessageResponseSchema.parse(SPEC_SEND_RESPONSE)).toStrictEqual(SPEC_SEND_RESPONSE);
  });

  it('parses the 6.6 SendMessage request with a push notification config', () => {
    expect(SendMessageRequestSchema.parse(SPEC_PUSH_SEND_REQUEST)).toStrictEqual(SPEC_PUSH_SEND_REQUEST);
  });

  it('parses the 6.7 file upload message and file-reference response', () => {
    expect(MessageSchema.parse(SPEC_FILE_UPLOAD_MESSAGE)).toStrictEqual(SPEC_FILE_UPLOAD_MESSAGE);
    expect(SendMessageResponseSchema.parse(SPEC_FILE_RESPONSE)).toStrictEqual(SPEC_FILE_RESPONSE);
  });

  it('parses the 6.8 structured-data message and its microsecond-timestamp task', () => {
    expect(MessageSchema.parse(SPEC_STRUCTURED_REQUEST_MESSAGE)).toStrictEqual(
      SPEC_STRUCTURED_REQUEST_MESSAGE,
    );
    expect(TaskSchema.parse(SPEC_STRUCTURED_RESPONSE.task)).toStrictEqual(SPEC_STRUCTURED_RESPONSE.task);
  });

  it('parses the 8.5 sample agent card, dropping its stray v0.3 `security` member', () => {
    const { security: _v03Leftover, ...v1Fields } = SPEC_AGENT_CARD;
    expect(AgentCardSchema.parse(SPEC_AGENT_CARD)).toStrictEqual(v1Fields);
  });

  it('parses the 6.5 ListTasks responses', () => {
    expect(ListTasksResponseSchema.parse(SPEC_LIST_TASKS_BY_CONTEXT)).toStrictEqual(
      SPEC_LIST_TASKS_BY_CONTEXT,
    );
    expect(ListTasksResponseSchema.parse(SPEC_LIST_WORKING_TASKS)).toStrictEqual(SPEC_LIST_WORKING_TASKS);
  });

  it('parses the 9.4.4 ListTasks params', () => {
    expect(ListTasksRequestSchema.parse(SPEC_LIST_TASKS_PARAMS)).toStrictEqual(SPEC_LIST_TASKS_PARAMS);
  });

  it('rejects the 6.5 validation-error query on the three fields the spec names', () => {
    const result = ListTasksRequestSchema.safeParse(SPEC_INVALID_LIST_TASKS_PARAMS);
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(fields).toEqual(['historyLength', 'pageSize', 'status']);
  });

  it('accepts page sizes 1 and 100 and nothing outside', () => {
    expect(ListTasksRequestSchema.safeParse({ pageSize: 1 }).success).toBe(true);
    expect(ListTasksRequestSchema.safeParse({ pageSize: 100 }).success).toBe(true);
    expect(ListTasksRequestSchema.safeParse({ pageSize: 0 }).success).toBe(false);
    expect(ListTasksRequestSchema.safeParse({ pageSize: 101 }).success).toBe(false);
  });

  it('parses the 9.4 GetTask, CancelTask and SubscribeToTask params', () => {
    expect(GetTaskRequestSchema.parse({ id: 'task-uuid', historyLength: 10 })).toStrictEqual({
      id: 'task-uuid',
      historyLength: 10,
    });
    expect(CancelTaskRequestSchema.parse({ id: 'task-uuid' })).toStrictEqual({ id: 'task-uuid' });
    expect(SubscribeToTaskRequestSchema.parse({ id: 'task-uuid' })).toStrictEqual({ id: 'task-uuid' });
  });
});

describe('Message and Task', () => {
  const message = SPEC_SEND_REQUEST.message;

  it('requires messageId, a ROLE_* role and at least one part', () => {
    expect(MessageSchema.safeParse({ ...message, messageId: '' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, role: 'user' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, role: 'ROLE_UNSPECIFIED' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, parts: [] }).success).toBe(false);
  });

  it('rejects v0.3 state spellings and TASK_STATE_UNSPECIFIED', () => {
    const task = SPEC_SEND_RESPONSE.task;
    for (const state of ['completed', 'TASK_STATE_UNSPECIFIED', 'unknown']) {
      expect(TaskSchema.safeParse({ ...task, status: { state } }).success).toBe(false);
    }
  });

  it('rejects a timestamp that is not ISO 8601 with a zone', () => {
    const task = {
      ...SPEC_SEND_RESPONSE.task,
      status: { state: 'TASK_STATE_WORKING', timestamp: 'yesterday' },
    };
    expect(TaskSchema.safeParse(task).success).toBe(false);
  });
});

describe('StreamResponse', () => {
  const task = SPEC_SEND_RESPONSE.task;
  const artifactUpdate = {
    taskId: 'task-uuid',
    contextId: 'context-uuid',
    artifact: { artifactId: 'a1', parts: [{ text: '# Climate Change Report\n\n' }] },
    append: false,
    lastChunk: true,
  };

  it.each([
    ['a task', { task }],
    ['a message', { message: { ...SPEC_SEND_REQUEST.message, role: 'ROLE_AGENT' } }],
    ['a statusUpdate (6.6 push payload)', SPEC_PUSH_PAYLOAD],
    ['an artifactUpdate', { artifactUpdate }],
  ])('parses %s event', (_name, event) => {
    expect(StreamResponseSchema.parse(event)).toStrictEqual(event);
  });

  it('rejects an event with no payload or with two payloads', () => {
    expect(StreamResponseSchema.safeParse({}).success).toBe(false);
    expect(StreamResponseSchema.safeParse({ task, artifactUpdate }).success).toBe(false);
    expect(SendMessageResponseSchema.safeParse({ task, message: SPEC_SEND_REQUEST.message }).success).toBe(
      false,
    );
  });

  it('rejects the 6.2 events as abbreviated by the spec: they omit required fields', () => {
    // statusUpdate/artifactUpdate contextId and artifactId are REQUIRED in a2a.proto; Task.contextId is not
    // (our Task schema requires it, as every task this platform creates or accepts has a context).
    for (const event of SPEC_ABBREVIATED_STREAM) {
      expect(StreamResponseSchema.safeParse(event).success).toBe(false);
    }
  });
});
