import fc from 'fast-check';
import {
  A2AError,
  ArtifactSchema,
  MessageSchema,
  PartSchema,
  V03ArtifactSchema,
  V03MessageSchema,
  V03PartSchema,
  artifactFromV03,
  artifactToV03,
  messageFromV03,
  messageToV03,
  partFromV03,
  partToV03,
  roleFromV03,
  roleToV03,
} from '../index.js';
import type { Message, Part } from '../index.js';
import { v1ArtifactArb, v1MessageArb, v1PartArb } from '../../test/arbitraries-v1.js';
import { v03MessageArb, v03PartArb } from '../../test/arbitraries-v03.js';
import { SPEC_FILE_UPLOAD_MESSAGE } from '../../test/spec-examples-v1.js';
import { SPEC_DATA_PART, SPEC_FILE_SEND_PARAMS } from '../../test/spec-examples-v03.js';

describe('partToV03', () => {
  it('turns raw bytes into file.bytes, with mediaType -> mimeType and filename -> name', () => {
    const part: Part = {
      raw: 'aGVsbG8=',
      mediaType: 'text/plain',
      filename: 'hello.txt',
      metadata: { a: 1 },
    };
    expect(partToV03(part)).toStrictEqual({
      kind: 'file',
      file: { bytes: 'aGVsbG8=', mimeType: 'text/plain', name: 'hello.txt' },
      metadata: { a: 1 },
    });
  });

  it('turns a url into file.uri', () => {
    expect(partToV03({ url: 'https://files.test/a.pdf' })).toStrictEqual({
      kind: 'file',
      file: { uri: 'https://files.test/a.pdf' },
    });
  });

  it('keeps text, drops the media type and file name v0.3 text parts cannot carry', () => {
    expect(partToV03({ text: 'hi', mediaType: 'text/markdown', filename: 'a.md' })).toStrictEqual({
      kind: 'text',
      text: 'hi',
    });
  });

  it('passes object data through and wraps any other JSON value as { value }', () => {
    expect(partToV03({ data: { a: [1] } })).toStrictEqual({ kind: 'data', data: { a: [1] } });
    for (const value of [[1, 2], 'text', 0, false, null]) {
      const v03 = partToV03({ data: value });
      expect(v03).toStrictEqual({ kind: 'data', data: { value } });
      expect(partFromV03(v03)).toStrictEqual({ data: { value } });
    }
  });

  it('throws INVALID_PARAMS for a part without content', () => {
    const convert = () => partToV03({ mediaType: 'text/plain' });
    expect(convert).toThrow(A2AError);
    expect(convert).toThrow(expect.objectContaining({ code: -32602 }));
  });

  it('converts the v1.0 spec 6.7 upload to the v0.3 spec 9.6 upload', () => {
    const message = MessageSchema.parse(SPEC_FILE_UPLOAD_MESSAGE);
    expect(messageToV03(message)).toStrictEqual(V03MessageSchema.parse(SPEC_FILE_SEND_PARAMS.message));
  });
});

describe('partFromV03', () => {
  it('turns file.bytes into raw and file.uri into url', () => {
    expect(
      partFromV03({ kind: 'file', file: { bytes: 'AAAA', mimeType: 'image/png', name: 'a.png' } }),
    ).toStrictEqual({
      raw: 'AAAA',
      mediaType: 'image/png',
      filename: 'a.png',
    });
    expect(partFromV03({ kind: 'file', file: { uri: 'https://x.test/a' } })).toStrictEqual({
      url: 'https://x.test/a',
    });
  });

  it('converts the v0.3 spec data part', () => {
    const v1 = partFromV03(V03PartSchema.parse(SPEC_DATA_PART));
    expect(v1).toStrictEqual({ data: SPEC_DATA_PART.data });
    expect(PartSchema.parse(v1)).toStrictEqual(v1);
  });
});

describe('roles', () => {
  it('maps ROLE_USER <-> user and ROLE_AGENT <-> agent', () => {
    expect(roleToV03('ROLE_USER')).toBe('user');
    expect(roleToV03('ROLE_AGENT')).toBe('agent');
    expect(roleFromV03('user')).toBe('ROLE_USER');
    expect(roleFromV03('agent')).toBe('ROLE_AGENT');
  });
});

describe('messageToV03 / messageFromV03', () => {
  const message: Message = {
    messageId: 'm1',
    contextId: 'c1',
    taskId: 't1',
    role: 'ROLE_AGENT',
    parts: [{ text: 'hello' }],
    metadata: { trace: 'x' },
    extensions: ['https://ext.test/a'],
    referenceTaskIds: ['t0'],
  };

  it('adds kind, lowercases the role and keeps every other field', () => {
    expect(messageToV03(message)).toStrictEqual({
      kind: 'message',
      messageId: 'm1',
      contextId: 'c1',
      taskId: 't1',
      role: 'agent',
      parts: [{ kind: 'text', text: 'hello' }],
      metadata: { trace: 'x' },
      extensions: ['https://ext.test/a'],
      referenceTaskIds: ['t0'],
    });
  });

  it('leaves absent fields absent', () => {
    const v03 = messageToV03({ messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'x' }] });
    expect(Object.keys(v03).sort()).toEqual(['kind', 'messageId', 'parts', 'role']);
  });
});

describe('round trips (fast-check)', () => {
  it('v1 part -> v0.3 -> v1 is the identity, and the v0.3 part is valid', () => {
    fc.assert(
      fc.property(v1PartArb, (part) => {
        const v03 = partToV03(part);
        expect(V03PartSchema.parse(v03)).toStrictEqual(v03);
        expect(partFromV03(v03)).toStrictEqual(part);
      }),
    );
  });

  it('v0.3 part -> v1 -> v0.3 is the identity, and the v1 part is valid', () => {
    fc.assert(
      fc.property(v03PartArb, (part) => {
        const v1 = partFromV03(part);
        expect(PartSchema.parse(v1)).toStrictEqual(v1);
        expect(partToV03(v1)).toStrictEqual(part);
      }),
    );
  });

  it('v1 message -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1MessageArb, (message) => {
        const v03 = messageToV03(message);
        expect(V03MessageSchema.parse(v03)).toStrictEqual(v03);
        expect(messageFromV03(v03)).toStrictEqual(message);
      }),
      { numRuns: 50 },
    );
  });

  it('v0.3 message -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03MessageArb, (message) => {
        const v1 = messageFromV03(message);
        expect(MessageSchema.parse(v1)).toStrictEqual(v1);
        expect(messageToV03(v1)).toStrictEqual(message);
      }),
      { numRuns: 50 },
    );
  });

  it('v1 artifact -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1ArtifactArb, (artifact) => {
        const v03 = artifactToV03(artifact);
        expect(V03ArtifactSchema.parse(v03)).toStrictEqual(v03);
        const back = artifactFromV03(v03);
        expect(ArtifactSchema.parse(back)).toStrictEqual(back);
        expect(back).toStrictEqual(artifact);
      }),
      { numRuns: 50 },
    );
  });
});
