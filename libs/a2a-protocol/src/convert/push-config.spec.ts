import fc from 'fast-check';
import {
  A2AError,
  DeleteTaskPushNotificationConfigRequestSchema,
  GetTaskPushNotificationConfigRequestSchema,
  ListTaskPushNotificationConfigsResponseSchema,
  TaskPushNotificationConfigSchema,
  V03ListTaskPushNotificationConfigResultSchema,
  V03TaskPushNotificationConfigSchema,
  deletePushConfigParamsFromV03,
  deletePushConfigParamsToV03,
  getPushConfigParamsFromV03,
  getPushConfigParamsToV03,
  listPushConfigParamsFromV03,
  listPushConfigParamsToV03,
  listPushConfigsResultFromV03,
  listPushConfigsResultToV03,
  pushNotificationConfigFromV03,
  pushNotificationConfigToV03,
  taskPushConfigFromV03,
  taskPushConfigToV03,
} from '../index.js';
import { v1TaskPushConfigArb } from '../../test/arbitraries-v1.js';
import { v03TaskPushConfigArb } from '../../test/arbitraries-v03.js';

describe('push configs: v1.0 flat <-> v0.3 nested', () => {
  const v1 = {
    id: 'cfg-1',
    taskId: 'task-1',
    url: 'https://client.test/hook',
    token: 'tok',
    authentication: { scheme: 'Bearer', credentials: 'secret' },
  };
  const v03 = {
    taskId: 'task-1',
    pushNotificationConfig: {
      id: 'cfg-1',
      url: 'https://client.test/hook',
      token: 'tok',
      authentication: { schemes: ['Bearer'], credentials: 'secret' },
    },
  };

  it('nests a v1.0 config under pushNotificationConfig with schemes: [scheme]', () => {
    expect(taskPushConfigToV03(v1)).toStrictEqual(v03);
  });

  it('flattens a v0.3 config', () => {
    expect(taskPushConfigFromV03(v03)).toStrictEqual(v1);
  });

  it('drops tenant and taskId in the SendMessage form', () => {
    expect(pushNotificationConfigToV03({ ...v1, tenant: 'acme' })).toStrictEqual(v03.pushNotificationConfig);
  });

  it('keeps only the first named scheme', () => {
    const config = { url: 'https://c.test/h', authentication: { schemes: ['', 'Basic', 'Bearer'] } };
    expect(pushNotificationConfigFromV03(config, 't').authentication).toStrictEqual({ scheme: 'Basic' });
  });

  it('drops an authentication without scheme or credentials, rejects credentials without a scheme', () => {
    expect(
      pushNotificationConfigFromV03({ url: 'https://c.test/h', authentication: { schemes: [] } }),
    ).toStrictEqual({
      url: 'https://c.test/h',
    });
    const convert = () =>
      pushNotificationConfigFromV03({
        url: 'https://c.test/h',
        authentication: { schemes: [], credentials: 'x' },
      });
    expect(convert).toThrow(A2AError);
    expect(convert).toThrow(expect.objectContaining({ code: -32602 }));
  });

  it('needs a task id for the v0.3 form, taken from the config or the argument', () => {
    const { taskId: _taskId, ...withoutTask } = v1;
    expect(() => taskPushConfigToV03(withoutTask)).toThrow(A2AError);
    expect(taskPushConfigToV03(withoutTask, 'task-9').taskId).toBe('task-9');
    expect(taskPushConfigToV03(v1, 'task-9').taskId).toBe('task-1');
  });
});

describe('push config params', () => {
  it('maps get params; without a config id the v0.3 default config id is the task id', () => {
    expect(getPushConfigParamsFromV03({ id: 't1', pushNotificationConfigId: 'c1' })).toStrictEqual({
      taskId: 't1',
      id: 'c1',
    });
    const defaulted = getPushConfigParamsFromV03({ id: 't1' });
    expect(defaulted).toStrictEqual({ taskId: 't1', id: 't1' });
    expect(GetTaskPushNotificationConfigRequestSchema.parse(defaulted)).toStrictEqual(defaulted);
    expect(getPushConfigParamsToV03({ taskId: 't1', id: 'c1' })).toStrictEqual({
      id: 't1',
      pushNotificationConfigId: 'c1',
    });
  });

  it('maps list params, dropping v1.0 paging', () => {
    expect(listPushConfigParamsFromV03({ id: 't1', metadata: {} })).toStrictEqual({ taskId: 't1' });
    expect(listPushConfigParamsToV03({ taskId: 't1', pageSize: 5, pageToken: 'p' })).toStrictEqual({
      id: 't1',
    });
  });

  it('maps delete params both ways', () => {
    const v1 = deletePushConfigParamsFromV03({ id: 't1', pushNotificationConfigId: 'c1' });
    expect(v1).toStrictEqual({ taskId: 't1', id: 'c1' });
    expect(DeleteTaskPushNotificationConfigRequestSchema.parse(v1)).toStrictEqual(v1);
    expect(deletePushConfigParamsToV03(v1)).toStrictEqual({ id: 't1', pushNotificationConfigId: 'c1' });
  });

  it('turns a v1.0 list response into the bare v0.3 array and back', () => {
    const response = {
      configs: [
        { id: 'c1', url: 'https://c.test/1' },
        { id: 'c2', taskId: 't1', url: 'https://c.test/2' },
      ],
      nextPageToken: '',
    };
    const v03 = listPushConfigsResultToV03(response, 't1');
    expect(v03).toStrictEqual([
      { taskId: 't1', pushNotificationConfig: { id: 'c1', url: 'https://c.test/1' } },
      { taskId: 't1', pushNotificationConfig: { id: 'c2', url: 'https://c.test/2' } },
    ]);
    expect(V03ListTaskPushNotificationConfigResultSchema.parse(v03)).toStrictEqual(v03);
    const back = listPushConfigsResultFromV03(v03);
    expect(ListTaskPushNotificationConfigsResponseSchema.parse(back)).toStrictEqual(back);
    expect(back.configs.map((c) => c.taskId)).toEqual(['t1', 't1']);
  });
});

describe('round trips (fast-check)', () => {
  it('v1 task push config -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1TaskPushConfigArb, (config) => {
        const v03 = taskPushConfigToV03(config);
        expect(V03TaskPushNotificationConfigSchema.parse(v03)).toStrictEqual(v03);
        expect(taskPushConfigFromV03(v03)).toStrictEqual(config);
      }),
    );
  });

  it('v0.3 task push config (one scheme) -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03TaskPushConfigArb, (config) => {
        const v1 = taskPushConfigFromV03(config);
        expect(TaskPushNotificationConfigSchema.parse(v1)).toStrictEqual(v1);
        expect(taskPushConfigToV03(v1)).toStrictEqual(config);
      }),
    );
  });
});
