import fc from 'fast-check';
import {
  A2AError,
  SendMessageResponseSchema,
  StreamResponseSchema,
  TASK_STATES,
  TaskSchema,
  V03SendResultSchema,
  V03StreamResultSchema,
  V03TaskSchema,
  V03_TASK_STATES,
  sendResultFromV03,
  sendResultToV03,
  streamEventFromV03,
  streamEventToV03,
  taskFromV03,
  taskStateFromV03,
  taskStateToV03,
  taskStatusFromV03,
  taskToV03,
} from '../index.js';
import type { TaskState, V03TaskStatusUpdateEvent } from '../index.js';
import { v1MessageArb, v1StreamResponseArb, v1TaskArb } from '../../test/arbitraries-v1.js';
import { v03StreamResultArb, v03TaskArb } from '../../test/arbitraries-v03.js';
import { SPEC_PUSH_PAYLOAD, SPEC_SEND_RESPONSE } from '../../test/spec-examples-v1.js';
import {
  SPEC_ARTIFACT_UPDATE,
  SPEC_INPUT_REQUIRED_TASK,
  SPEC_STATUS_UPDATE,
  SPEC_TASK_RESULT,
} from '../../test/spec-examples-v03.js';

const STATE_PAIRS: [TaskState, string][] = [
  ['TASK_STATE_SUBMITTED', 'submitted'],
  ['TASK_STATE_WORKING', 'working'],
  ['TASK_STATE_INPUT_REQUIRED', 'input-required'],
  ['TASK_STATE_AUTH_REQUIRED', 'auth-required'],
  ['TASK_STATE_COMPLETED', 'completed'],
  ['TASK_STATE_CANCELED', 'canceled'],
  ['TASK_STATE_FAILED', 'failed'],
  ['TASK_STATE_REJECTED', 'rejected'],
];

describe('task states', () => {
  it('covers every v1.0 state and every v0.3 state but unknown', () => {
    expect(STATE_PAIRS.map(([v1]) => v1).sort()).toEqual([...TASK_STATES].sort());
    expect([...STATE_PAIRS.map(([, v03]) => v03), 'unknown'].sort()).toEqual([...V03_TASK_STATES].sort());
  });

  it.each(STATE_PAIRS)('%s <-> %s', (v1, v03) => {
    expect(taskStateToV03(v1)).toBe(v03);
    expect(taskStateFromV03(v03 as never)).toBe(v1);
  });

  it('rejects v0.3 unknown with INVALID_PARAMS', () => {
    expect(() => taskStateFromV03('unknown')).toThrow(A2AError);
    expect(() => taskStateFromV03('unknown')).toThrow(expect.objectContaining({ code: -32602 }));
    expect(() =>
      taskFromV03(V03TaskSchema.parse({ id: 't', contextId: 'c', status: { state: 'unknown' } })),
    ).toThrow(A2AError);
  });
});

describe('timestamps from v0.3', () => {
  it('reads a zone-less time as UTC, as the v0.3 spec examples write them', () => {
    expect(taskStatusFromV03({ state: 'completed', timestamp: '2025-04-02T16:59:35.331844' })).toStrictEqual({
      state: 'TASK_STATE_COMPLETED',
      timestamp: '2025-04-02T16:59:35.331844Z',
    });
  });

  it('keeps a zoned time as it is and drops one that is no date-time', () => {
    expect(taskStatusFromV03({ state: 'working', timestamp: '2024-03-15T10:10:00+02:00' }).timestamp).toBe(
      '2024-03-15T10:10:00+02:00',
    );
    expect(taskStatusFromV03({ state: 'working', timestamp: 'yesterday' })).toStrictEqual({
      state: 'TASK_STATE_WORKING',
    });
  });
});

describe('tasks', () => {
  it('converts the v0.3 spec tasks into valid v1.0 tasks', () => {
    for (const fixture of [SPEC_TASK_RESULT, SPEC_INPUT_REQUIRED_TASK]) {
      const v1 = taskFromV03(V03TaskSchema.parse(fixture));
      expect(TaskSchema.parse(v1)).toStrictEqual(v1);
      expect(v1.id).toBe(fixture.id);
    }
    const v1 = taskFromV03(V03TaskSchema.parse(SPEC_INPUT_REQUIRED_TASK));
    expect(v1.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    expect(v1.status.message?.role).toBe('ROLE_AGENT');
    expect(v1.history?.[0]?.parts).toEqual([{ text: "I'd like to book a flight." }]);
  });

  it('converts the v1.0 spec task into a v0.3 task with kind', () => {
    const v03 = taskToV03(TaskSchema.parse(SPEC_SEND_RESPONSE.task));
    expect(v03).toMatchObject({ kind: 'task', id: 'task-uuid', status: { state: 'completed' } });
    expect(v03.artifacts?.[0]?.parts).toEqual([
      { kind: 'text', text: 'Today will be sunny with a high of 75°F' },
    ]);
  });
});

describe('streamEventToV03', () => {
  const FINAL: Record<TaskState, boolean> = {
    TASK_STATE_SUBMITTED: false,
    TASK_STATE_WORKING: false,
    TASK_STATE_INPUT_REQUIRED: true,
    TASK_STATE_AUTH_REQUIRED: true,
    TASK_STATE_COMPLETED: true,
    TASK_STATE_CANCELED: true,
    TASK_STATE_FAILED: true,
    TASK_STATE_REJECTED: true,
  };

  it.each(Object.entries(FINAL))('marks a %s status update final: %s', (state, final) => {
    const event = { statusUpdate: { taskId: 't', contextId: 'c', status: { state: state as TaskState } } };
    const v03 = streamEventToV03(event) as V03TaskStatusUpdateEvent;
    expect(v03.kind).toBe('status-update');
    expect(v03.final).toBe(final);
  });

  it('converts the v1.0 spec push payload into a final v0.3 status update', () => {
    expect(streamEventToV03(StreamResponseSchema.parse(SPEC_PUSH_PAYLOAD))).toStrictEqual({
      kind: 'status-update',
      taskId: '43667960-d455-4453-b0cf-1bae4955270d',
      contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
      status: { state: 'completed', timestamp: '2024-03-15T18:30:00Z' },
      final: true,
    });
  });
});

describe('streamEventFromV03', () => {
  it('converts the v0.3 spec 9.3 stream events by kind', () => {
    expect(streamEventFromV03(V03StreamResultSchema.parse(SPEC_ARTIFACT_UPDATE))).toStrictEqual({
      artifactUpdate: {
        taskId: SPEC_ARTIFACT_UPDATE.taskId,
        contextId: SPEC_ARTIFACT_UPDATE.contextId,
        artifact: {
          artifactId: SPEC_ARTIFACT_UPDATE.artifact.artifactId,
          parts: [{ text: '<section 2...>' }],
        },
        append: true,
        lastChunk: false,
      },
    });
    const status = streamEventFromV03(V03StreamResultSchema.parse(SPEC_STATUS_UPDATE));
    expect(status).toStrictEqual({
      statusUpdate: {
        taskId: SPEC_STATUS_UPDATE.taskId,
        contextId: SPEC_STATUS_UPDATE.contextId,
        status: { state: 'TASK_STATE_COMPLETED', timestamp: '2025-04-02T16:59:35.331844Z' },
      },
    });
    expect(StreamResponseSchema.parse(status)).toStrictEqual(status);
    expect(streamEventFromV03(V03StreamResultSchema.parse(SPEC_TASK_RESULT))).toHaveProperty(
      'task.id',
      SPEC_TASK_RESULT.id,
    );
  });
});

describe('send results', () => {
  it('unwraps {task} and {message} into a bare v0.3 result with its kind', () => {
    expect(sendResultToV03(SendMessageResponseSchema.parse(SPEC_SEND_RESPONSE)).kind).toBe('task');
    const message = { messageId: 'm', role: 'ROLE_AGENT' as const, parts: [{ text: 'hi' }] };
    expect(sendResultToV03({ message })).toStrictEqual({
      kind: 'message',
      messageId: 'm',
      role: 'agent',
      parts: [{ kind: 'text', text: 'hi' }],
    });
  });

  it('wraps a v0.3 result back by its kind', () => {
    expect(sendResultFromV03(V03SendResultSchema.parse(SPEC_TASK_RESULT))).toHaveProperty('task');
  });
});

describe('round trips (fast-check)', () => {
  it('v1 task -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1TaskArb, (task) => {
        const v03 = taskToV03(task);
        expect(V03TaskSchema.parse(v03)).toStrictEqual(v03);
        expect(taskFromV03(v03)).toStrictEqual(task);
      }),
      { numRuns: 40 },
    );
  });

  it('v0.3 task -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03TaskArb, (task) => {
        const v1 = taskFromV03(task);
        expect(TaskSchema.parse(v1)).toStrictEqual(v1);
        expect(taskToV03(v1)).toStrictEqual(task);
      }),
      { numRuns: 40 },
    );
  });

  it('v1 stream event -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1StreamResponseArb, (event) => {
        const v03 = streamEventToV03(event);
        expect(V03StreamResultSchema.parse(v03)).toStrictEqual(v03);
        expect(streamEventFromV03(v03)).toStrictEqual(event);
      }),
      { numRuns: 60 },
    );
  });

  it('v0.3 stream result (final as v1.0 implies it) -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03StreamResultArb, (result) => {
        const v1 = streamEventFromV03(result);
        expect(StreamResponseSchema.parse(v1)).toStrictEqual(v1);
        expect(streamEventToV03(v1)).toStrictEqual(result);
      }),
      { numRuns: 60 },
    );
  });

  it('send results round-trip both ways', () => {
    const v1Result = fc.oneof(
      v1TaskArb.map((task) => ({ task })),
      v1MessageArb.map((message) => ({ message })),
    );
    fc.assert(
      fc.property(v1Result, (result) => {
        const v03 = sendResultToV03(result);
        expect(V03SendResultSchema.parse(v03)).toStrictEqual(v03);
        const back = sendResultFromV03(v03);
        expect(SendMessageResponseSchema.parse(back)).toStrictEqual(back);
        expect(back).toStrictEqual(result);
        expect(sendResultToV03(back)).toStrictEqual(v03);
      }),
      { numRuns: 40 },
    );
  });
});
