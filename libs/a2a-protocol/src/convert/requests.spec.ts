import fc from 'fast-check';
import {
  CancelTaskRequestSchema,
  GetTaskRequestSchema,
  SendMessageRequestSchema,
  V03MessageSendParamsSchema,
  cancelTaskParamsFromV03,
  cancelTaskParamsToV03,
  getTaskParamsFromV03,
  getTaskParamsToV03,
  sendParamsFromV03,
  sendParamsToV03,
  subscribeParamsFromV03,
  subscribeParamsToV03,
} from '../index.js';
import type { SendMessageRequest, V03MessageSendParams } from '../index.js';
import { v1SendRequestArb } from '../../test/arbitraries-v1.js';
import { v03SendParamsArb } from '../../test/arbitraries-v03.js';
import { SPEC_PUSH_SEND_REQUEST, SPEC_SEND_REQUEST } from '../../test/spec-examples-v1.js';
import {
  SPEC_BLOCKING_SEND_PARAMS,
  SPEC_PUSH_SEND_PARAMS,
  SPEC_SEND_PARAMS,
} from '../../test/spec-examples-v03.js';

const message: V03MessageSendParams['message'] = {
  kind: 'message',
  messageId: 'm1',
  role: 'user',
  parts: [{ kind: 'text', text: 'hi' }],
};

describe('sendParamsFromV03', () => {
  it.each([
    [false, true],
    [true, false],
  ])('turns blocking: %s into returnImmediately: %s', (blocking, returnImmediately) => {
    const v1 = sendParamsFromV03({ message, configuration: { blocking } });
    expect(v1.configuration).toStrictEqual({ returnImmediately });
  });

  it('leaves returnImmediately absent when blocking is absent (a blocking call in v1.0)', () => {
    const v1 = sendParamsFromV03({ message, configuration: { historyLength: 3 } });
    expect(v1.configuration).toStrictEqual({ historyLength: 3 });
    expect(sendParamsFromV03({ message })).toStrictEqual({
      message: { messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'hi' }] },
    });
  });

  it('converts the v0.3 spec requests into valid v1.0 requests', () => {
    for (const fixture of [SPEC_SEND_PARAMS, SPEC_BLOCKING_SEND_PARAMS, SPEC_PUSH_SEND_PARAMS]) {
      const v1 = sendParamsFromV03(V03MessageSendParamsSchema.parse(fixture));
      expect(SendMessageRequestSchema.parse(v1)).toStrictEqual(v1);
    }
  });

  it('flattens the 9.5 push config into taskPushNotificationConfig', () => {
    const v1 = sendParamsFromV03(V03MessageSendParamsSchema.parse(SPEC_PUSH_SEND_PARAMS));
    expect(v1.configuration?.taskPushNotificationConfig).toStrictEqual({
      url: 'https://client.example.com/webhook/a2a-notifications',
      token: 'secure-client-token-for-task-aaa',
      authentication: { scheme: 'Bearer' },
    });
  });
});

describe('sendParamsToV03', () => {
  it('converts the v1.0 spec 6.6 request, nesting its push config', () => {
    const v03 = sendParamsToV03(SendMessageRequestSchema.parse(SPEC_PUSH_SEND_REQUEST));
    expect(V03MessageSendParamsSchema.parse(v03)).toStrictEqual(v03);
    expect(v03.configuration).toStrictEqual({
      pushNotificationConfig: {
        url: 'https://client.example.com/webhook/a2a-notifications',
        authentication: { schemes: ['Bearer'], credentials: 'secure-client-token-for-task-aaa' },
      },
    });
  });

  it('drops tenant and maps returnImmediately back to blocking', () => {
    const request: SendMessageRequest = {
      ...SendMessageRequestSchema.parse(SPEC_SEND_REQUEST),
      tenant: 'acme',
      configuration: { returnImmediately: true },
    };
    const v03 = sendParamsToV03(request);
    expect(v03).not.toHaveProperty('tenant');
    expect(v03.configuration).toStrictEqual({ blocking: false });
    expect(v03.message).toStrictEqual({
      kind: 'message',
      messageId: 'msg-uuid',
      role: 'user',
      parts: [{ kind: 'text', text: 'What is the weather today?' }],
    });
  });
});

describe('task params', () => {
  it('maps tasks/get params, dropping v0.3 metadata', () => {
    const v1 = getTaskParamsFromV03({ id: 't1', historyLength: 0, metadata: { a: 1 } });
    expect(v1).toStrictEqual({ id: 't1', historyLength: 0 });
    expect(GetTaskRequestSchema.parse(v1)).toStrictEqual(v1);
    expect(getTaskParamsToV03({ id: 't1', tenant: 'acme', historyLength: 2 })).toStrictEqual({
      id: 't1',
      historyLength: 2,
    });
  });

  it('maps tasks/cancel params with their metadata', () => {
    const v1 = cancelTaskParamsFromV03({ id: 't1', metadata: { reason: 'user' } });
    expect(CancelTaskRequestSchema.parse(v1)).toStrictEqual({ id: 't1', metadata: { reason: 'user' } });
    expect(cancelTaskParamsToV03({ id: 't1', tenant: 'acme' })).toStrictEqual({ id: 't1' });
  });

  it('maps tasks/resubscribe params', () => {
    expect(subscribeParamsFromV03({ id: 't1', metadata: {} })).toStrictEqual({ id: 't1' });
    expect(subscribeParamsToV03({ id: 't1', tenant: 'acme' })).toStrictEqual({ id: 't1' });
  });
});

describe('round trips (fast-check)', () => {
  it('v1 SendMessageRequest (no tenant) -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1SendRequestArb, (request) => {
        const v03 = sendParamsToV03(request);
        expect(V03MessageSendParamsSchema.parse(v03)).toStrictEqual(v03);
        expect(sendParamsFromV03(v03)).toStrictEqual(request);
      }),
      { numRuns: 50 },
    );
  });

  it('v0.3 MessageSendParams -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03SendParamsArb, (params) => {
        const v1 = sendParamsFromV03(params);
        expect(SendMessageRequestSchema.parse(v1)).toStrictEqual(v1);
        expect(sendParamsToV03(v1)).toStrictEqual(params);
      }),
      { numRuns: 50 },
    );
  });
});
