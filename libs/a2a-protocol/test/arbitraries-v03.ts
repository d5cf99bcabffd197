/**
 * fast-check arbitraries for A2A v0.3 values, limited to what v1.0 can also express (the lossless
 * subset), so that converting there and back must give the value back.
 */
import fc from 'fast-check';
import type {
  V03AgentCard,
  V03Artifact,
  V03DataPart,
  V03FilePart,
  V03Message,
  V03MessageSendParams,
  V03Part,
  V03PushNotificationConfig,
  V03SecurityScheme,
  V03StreamResult,
  V03Task,
  V03TaskArtifactUpdateEvent,
  V03TaskPushNotificationConfig,
  V03TaskStatus,
  V03TaskStatusUpdateEvent,
  V03TextPart,
} from '../src/index.js';
import {
  bindingArb,
  extensionArb,
  idArb,
  jsonObjectArb,
  keyArb,
  mediaTypeArb,
  metadataArb,
  modesArb,
  providerArb,
  rec,
  timestampArb,
  urlArb,
  v1FlowsArb,
} from './arbitraries-v1.js';

export const v03PartArb: fc.Arbitrary<V03Part> = fc.oneof(
  rec<V03TextPart>({ kind: fc.constant('text'), text: fc.string({ maxLength: 20 }), metadata: metadataArb }, [
    'kind',
    'text',
  ]),
  rec<V03FilePart>(
    {
      kind: fc.constant('file'),
      file: fc.oneof(
        rec({ bytes: fc.base64String({ maxLength: 24 }), name: fc.string(), mimeType: mediaTypeArb }, [
          'bytes',
        ]),
        rec({ uri: urlArb, name: fc.string(), mimeType: mediaTypeArb }, ['uri']),
      ),
      metadata: metadataArb,
    },
    ['kind', 'file'],
  ),
  rec<V03DataPart>({ kind: fc.constant('data'), data: jsonObjectArb, metadata: metadataArb }, [
    'kind',
    'data',
  ]),
);
const v03PartsArb = fc.array(v03PartArb, { minLength: 1, maxLength: 3 });

export const v03MessageArb: fc.Arbitrary<V03Message> = rec<V03Message>(
  {
    kind: fc.constant('message'),
    messageId: idArb,
    role: fc.constantFrom('user', 'agent'),
    parts: v03PartsArb,
    contextId: idArb,
    taskId: idArb,
    metadata: metadataArb,
    extensions: fc.array(urlArb, { maxLength: 2 }),
    referenceTaskIds: fc.array(idArb, { maxLength: 2 }),
  },
  ['kind', 'messageId', 'role', 'parts'],
);

/** Every v0.3 state but `unknown`, which v1.0 cannot express. */
const v03StateArb = fc.constantFrom(
  'submitted',
  'working',
  'input-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
  'auth-required',
) as fc.Arbitrary<Exclude<V03TaskStatus['state'], 'unknown'>>;

const v03StatusArb: fc.Arbitrary<V03TaskStatus> = rec<V03TaskStatus>(
  { state: v03StateArb, message: v03MessageArb, timestamp: timestampArb },
  ['state'],
);

const v03ArtifactArb: fc.Arbitrary<V03Artifact> = rec<V03Artifact>(
  {
    artifactId: idArb,
    name: fc.string(),
    description: fc.string(),
    parts: v03PartsArb,
    metadata: metadataArb,
    extensions: fc.array(urlArb, { maxLength: 2 }),
  },
  ['artifactId', 'parts'],
);

export const v03TaskArb: fc.Arbitrary<V03Task> = rec<V03Task>(
  {
    kind: fc.constant('task'),
    id: idArb,
    contextId: idArb,
    status: v03StatusArb,
    history: fc.array(v03MessageArb, { maxLength: 2 }),
    artifacts: fc.array(v03ArtifactArb, { maxLength: 2 }),
    metadata: metadataArb,
  },
  ['kind', 'id', 'contextId', 'status'],
);

const STREAM_ENDING = new Set([
  'completed',
  'canceled',
  'failed',
  'rejected',
  'input-required',
  'auth-required',
]);

/** `final` is what a v1.0 stream implies: true at terminal and interrupted states. */
const v03StatusUpdateArb: fc.Arbitrary<V03TaskStatusUpdateEvent> = rec(
  { taskId: idArb, contextId: idArb, status: v03StatusArb, metadata: metadataArb },
  ['taskId', 'contextId', 'status'],
).map((e) => ({ kind: 'status-update' as const, ...e, final: STREAM_ENDING.has(e.status.state) }));

const v03ArtifactUpdateArb: fc.Arbitrary<V03TaskArtifactUpdateEvent> = rec<V03TaskArtifactUpdateEvent>(
  {
    kind: fc.constant('artifact-update'),
    taskId: idArb,
    contextId: idArb,
    artifact: v03ArtifactArb,
    append: fc.boolean(),
    lastChunk: fc.boolean(),
    metadata: metadataArb,
  },
  ['kind', 'taskId', 'contextId', 'artifact'],
);

export const v03StreamResultArb: fc.Arbitrary<V03StreamResult> = fc.oneof(
  v03TaskArb,
  v03MessageArb,
  v03StatusUpdateArb,
  v03ArtifactUpdateArb,
);

const v03PushConfigArb = rec<V03PushNotificationConfig>(
  {
    id: idArb,
    url: urlArb,
    token: fc.string(),
    authentication: rec(
      { schemes: fc.constantFrom('Bearer', 'Basic').map((s) => [s]), credentials: fc.string() },
      ['schemes'],
    ),
  },
  ['url'],
);

export const v03TaskPushConfigArb: fc.Arbitrary<V03TaskPushNotificationConfig> = rec(
  { taskId: idArb, pushNotificationConfig: v03PushConfigArb },
  ['taskId', 'pushNotificationConfig'],
);

export const v03SendParamsArb: fc.Arbitrary<V03MessageSendParams> = rec<V03MessageSendParams>(
  {
    message: v03MessageArb,
    configuration: rec<NonNullable<V03MessageSendParams['configuration']>>(
      {
        acceptedOutputModes: fc.array(mediaTypeArb, { maxLength: 2 }),
        historyLength: fc.nat({ max: 50 }),
        pushNotificationConfig: v03PushConfigArb,
        blocking: fc.boolean(),
      },
      [],
    ),
    metadata: metadataArb,
  },
  ['message'],
);

type SchemeOf<T extends V03SecurityScheme['type']> = Extract<V03SecurityScheme, { type: T }>;

const v03SecuritySchemeArb: fc.Arbitrary<V03SecurityScheme> = fc.oneof(
  rec<SchemeOf<'apiKey'>>(
    {
      type: fc.constant('apiKey'),
      description: fc.string(),
      in: fc.constantFrom('query', 'header', 'cookie'),
      name: keyArb,
    },
    ['type', 'in', 'name'],
  ),
  rec<SchemeOf<'http'>>(
    {
      type: fc.constant('http'),
      description: fc.string(),
      scheme: fc.constant('bearer'),
      bearerFormat: fc.constant('JWT'),
    },
    ['type', 'scheme'],
  ),
  rec<SchemeOf<'oauth2'>>(
    { type: fc.constant('oauth2'), description: fc.string(), flows: v1FlowsArb, oauth2MetadataUrl: urlArb },
    ['type', 'flows'],
  ),
  rec<SchemeOf<'openIdConnect'>>(
    { type: fc.constant('openIdConnect'), description: fc.string(), openIdConnectUrl: urlArb },
    ['type', 'openIdConnectUrl'],
  ),
  rec<SchemeOf<'mutualTLS'>>({ type: fc.constant('mutualTLS'), description: fc.string() }, ['type']),
);

const v03RequirementArb = fc.dictionary(keyArb, fc.array(keyArb, { maxLength: 3 }), {
  minKeys: 1,
  maxKeys: 2,
  noNullPrototype: true,
});

/**
 * A v0.3 card in the form a v1.0 card converts back to: `protocolVersion` 0.3.0, `preferredTransport` set,
 * `additionalInterfaces` listing the main interface first, no `stateTransitionHistory`, no signatures.
 */
export const v03AgentCardArb: fc.Arbitrary<V03AgentCard> = fc
  .tuple(
    fc.uniqueArray(rec({ url: urlArb, transport: bindingArb }, ['url', 'transport']), {
      minLength: 1,
      maxLength: 3,
      selector: (i) => `${i.transport} ${i.url}`,
    }),
    rec(
      {
        name: fc.string({ minLength: 1 }),
        description: fc.string(),
        iconUrl: urlArb,
        provider: providerArb,
        version: fc.constantFrom('1.0.0', '2.3.1'),
        documentationUrl: urlArb,
        capabilities: rec(
          {
            streaming: fc.boolean(),
            pushNotifications: fc.boolean(),
            extensions: fc.array(extensionArb, { maxLength: 2 }),
          },
          [],
        ),
        securitySchemes: fc.dictionary(keyArb, v03SecuritySchemeArb, { maxKeys: 3, noNullPrototype: true }),
        security: fc.array(v03RequirementArb, { maxLength: 2 }),
        defaultInputModes: modesArb,
        defaultOutputModes: modesArb,
        skills: fc.array(
          rec(
            {
              id: idArb,
              name: fc.string(),
              description: fc.string(),
              tags: fc.array(keyArb, { maxLength: 3 }),
              examples: fc.array(fc.string(), { maxLength: 2 }),
              inputModes: modesArb,
              outputModes: modesArb,
              security: fc.array(v03RequirementArb, { maxLength: 2 }),
            },
            ['id', 'name', 'description', 'tags'],
          ),
          { maxLength: 3 },
        ),
        supportsAuthenticatedExtendedCard: fc.boolean(),
      },
      ['name', 'description', 'version', 'capabilities', 'defaultInputModes', 'defaultOutputModes', 'skills'],
    ),
  )
  .map(([interfaces, rest]) => {
    const main = interfaces[0] as { url: string; transport: string };
    return {
      protocolVersion: '0.3.0',
      url: main.url,
      preferredTransport: main.transport,
      additionalInterfaces: interfaces,
      ...rest,
    } as V03AgentCard;
  });
