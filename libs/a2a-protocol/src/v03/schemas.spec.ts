import {
  V03AgentCardSchema,
  V03DeleteTaskPushNotificationConfigParamsSchema,
  V03GetTaskPushNotificationConfigParamsSchema,
  V03MessageSchema,
  V03MessageSendParamsSchema,
  V03PartSchema,
  V03SecuritySchemeSchema,
  V03SendResultSchema,
  V03StreamResultSchema,
  V03TaskPushNotificationConfigSchema,
  V03TaskQueryParamsSchema,
  V03TaskSchema,
} from '../index.js';
import {
  SPEC_CARD,
  SPEC_SEND_PARAMS,
  SPEC_TASK_RESULT,
  SPEC_ARTIFACT_UPDATE,
  SPEC_STATUS_UPDATE,
  SPEC_INPUT_REQUIRED_TASK,
  SPEC_BLOCKING_SEND_PARAMS,
  SPEC_PUSH_SEND_PARAMS,
  SPEC_FILE_SEND_PARAMS,
  SPEC_FILE_TASK_RESULT,
  SPEC_DATA_PART,
} from '../../test/spec-examples-v03.js';

describe('v0.3 schemas against the v0.3 specification examples', () => {
  it('parses the sample agent card (5.7) without losing fields', () => {
    expect(V03AgentCardSchema.parse(SPEC_CARD)).toStrictEqual(SPEC_CARD);
  });

  it.each([
    ['9.2 send', SPEC_SEND_PARAMS],
    ['9.4 blocking follow-up', SPEC_BLOCKING_SEND_PARAMS],
    ['9.5 push config', SPEC_PUSH_SEND_PARAMS],
    ['9.6 file upload', SPEC_FILE_SEND_PARAMS],
  ])('parses the %s params', (_name, params) => {
    const parsed = V03MessageSendParamsSchema.parse(params);
    expect(parsed.message.kind).toBe('message');
    expect(parsed).toMatchObject(params);
  });

  it.each([
    ['9.2 completed task', SPEC_TASK_RESULT],
    ['9.4 input-required task', SPEC_INPUT_REQUIRED_TASK],
    ['9.6 file result', SPEC_FILE_TASK_RESULT],
  ])('parses the %s as a Task and as a send result', (_name, task) => {
    expect(V03TaskSchema.parse(task)).toMatchObject(task);
    expect(V03SendResultSchema.parse(task).kind).toBe('task');
  });

  it('parses the streamed events of 9.3 by kind', () => {
    expect(V03StreamResultSchema.parse(SPEC_ARTIFACT_UPDATE)).toStrictEqual(SPEC_ARTIFACT_UPDATE);
    expect(V03StreamResultSchema.parse(SPEC_STATUS_UPDATE)).toStrictEqual(SPEC_STATUS_UPDATE);
    expect(V03StreamResultSchema.parse(SPEC_TASK_RESULT).kind).toBe('task');
  });

  it('parses a data part (9.4)', () => {
    expect(V03PartSchema.parse(SPEC_DATA_PART)).toStrictEqual(SPEC_DATA_PART);
  });
});

describe('v0.3 part rules', () => {
  it('rejects the 9.3 example file part, which has `data` where `bytes` belongs', () => {
    const part = { kind: 'file', file: { mimeType: 'image/png', data: '<base64-encoded-content>' } };
    expect(V03PartSchema.safeParse(part).success).toBe(false);
  });

  it('rejects a file with both bytes and uri, and one with neither', () => {
    expect(
      V03PartSchema.safeParse({ kind: 'file', file: { bytes: 'AAAA', uri: 'https://x.test/f' } }).success,
    ).toBe(false);
    expect(V03PartSchema.safeParse({ kind: 'file', file: { name: 'f.txt' } }).success).toBe(false);
  });

  it('rejects file bytes that are not base64', () => {
    expect(V03PartSchema.safeParse({ kind: 'file', file: { bytes: 'not base64!' } }).success).toBe(false);
  });

  it('accepts only a JSON object as data', () => {
    for (const data of [[1, 2], 'text', 3, null]) {
      expect(V03PartSchema.safeParse({ kind: 'data', data }).success).toBe(false);
    }
  });

  it('fills in a missing kind from the part shape and rejects a wrong one', () => {
    expect(V03PartSchema.parse({ text: 'hi' })).toStrictEqual({ kind: 'text', text: 'hi' });
    expect(V03PartSchema.parse({ file: { uri: 'https://x.test/f' } }).kind).toBe('file');
    expect(V03PartSchema.parse({ data: {} }).kind).toBe('data');
    expect(V03PartSchema.safeParse({ kind: 'data', text: 'hi' }).success).toBe(false);
  });
});

describe('v0.3 message and task rules', () => {
  const message = { role: 'user', parts: [{ kind: 'text', text: 'hi' }], messageId: 'm1' };

  it('requires messageId, a known role and at least one part', () => {
    expect(V03MessageSchema.safeParse({ ...message, messageId: undefined }).success).toBe(false);
    expect(V03MessageSchema.safeParse({ ...message, role: 'ROLE_USER' }).success).toBe(false);
    expect(V03MessageSchema.safeParse({ ...message, parts: [] }).success).toBe(false);
    expect(V03MessageSchema.safeParse({ ...message, kind: 'task' }).success).toBe(false);
  });

  it('accepts every v0.3 state, including unknown, and rejects v1.0 spellings', () => {
    const task = { id: 't1', contextId: 'c1', status: { state: 'unknown' } };
    expect(V03TaskSchema.parse(task).status.state).toBe('unknown');
    expect(V03TaskSchema.safeParse({ ...task, status: { state: 'TASK_STATE_WORKING' } }).success).toBe(false);
  });

  it('tells a Message result from a Task result', () => {
    expect(V03SendResultSchema.parse({ ...message, kind: 'message' }).kind).toBe('message');
  });
});

describe('v0.3 request params', () => {
  it('parses push config set params and rejects a non-URL webhook', () => {
    const params = {
      taskId: 't1',
      pushNotificationConfig: { url: 'https://client.test/hook', authentication: { schemes: ['Bearer'] } },
    };
    expect(V03TaskPushNotificationConfigSchema.parse(params)).toStrictEqual(params);
    const bad = { ...params, pushNotificationConfig: { url: 'not a url' } };
    expect(V03TaskPushNotificationConfigSchema.safeParse(bad).success).toBe(false);
  });

  it('makes the config id optional for get and required for delete', () => {
    expect(V03GetTaskPushNotificationConfigParamsSchema.parse({ id: 't1' })).toStrictEqual({ id: 't1' });
    expect(V03DeleteTaskPushNotificationConfigParamsSchema.safeParse({ id: 't1' }).success).toBe(false);
  });

  it('rejects a negative history length', () => {
    expect(V03TaskQueryParamsSchema.safeParse({ id: 't1', historyLength: -1 }).success).toBe(false);
  });

  it('knows the five security scheme types', () => {
    expect(V03SecuritySchemeSchema.parse({ type: 'mutualTLS' })).toStrictEqual({ type: 'mutualTLS' });
    expect(V03SecuritySchemeSchema.safeParse({ type: 'apiKey', in: 'body', name: 'k' }).success).toBe(false);
    expect(V03SecuritySchemeSchema.safeParse({ type: 'saml' }).success).toBe(false);
  });
});
