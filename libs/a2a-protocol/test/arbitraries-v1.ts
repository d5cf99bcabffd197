/**
 * fast-check arbitraries for A2A v1.0 values, limited to what v0.3 can also express (the lossless
 * subset), so that converting there and back must give the value back. Also the shared building blocks
 * of arbitraries-v03.ts.
 */
import fc from 'fast-check';
import { TASK_STATES } from '../src/index.js';
import type {
  AgentCard,
  Artifact,
  Message,
  Part,
  SecurityScheme,
  SendMessageRequest,
  StreamResponse,
  Task,
  TaskArtifactUpdateEvent,
  TaskPushNotificationConfig,
  TaskStatus,
  TaskStatusUpdateEvent,
} from '../src/index.js';

// Null-prototype objects would differ from the plain objects converters build, only in `toStrictEqual`.
export function rec<T>(
  model: { [K in keyof T]?: fc.Arbitrary<T[K]> },
  requiredKeys: (keyof T)[],
): fc.Arbitrary<T> {
  const arb = fc.record(model as Record<string, fc.Arbitrary<unknown>>, {
    requiredKeys: requiredKeys as string[],
    noNullPrototype: true,
  });
  return arb as unknown as fc.Arbitrary<T>;
}

export const idArb = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);
export const keyArb = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/);
export const mediaTypeArb = fc.constantFrom('text/plain', 'application/json', 'image/png', 'application/pdf');
export const urlArb = fc.webUrl({ withQueryParameters: true });
const scopesArb = fc.dictionary(keyArb, fc.string({ maxLength: 12 }), { maxKeys: 3, noNullPrototype: true });

const jsonLeafArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
export const jsonObjectArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  keyArb,
  fc.oneof(
    jsonLeafArb,
    fc.array(jsonLeafArb, { maxLength: 3 }),
    fc.dictionary(keyArb, jsonLeafArb, { maxKeys: 2, noNullPrototype: true }),
  ),
  { maxKeys: 3, noNullPrototype: true },
);
export const metadataArb = jsonObjectArb;
export const timestampArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export const v1PartArb: fc.Arbitrary<Part> = fc.oneof(
  rec<Part>({ text: fc.string({ maxLength: 20 }), metadata: metadataArb }, ['text']),
  rec<Part>(
    {
      raw: fc.base64String({ maxLength: 24 }),
      mediaType: mediaTypeArb,
      filename: fc.string(),
      metadata: metadataArb,
    },
    ['raw'],
  ),
  rec<Part>({ url: urlArb, mediaType: mediaTypeArb, filename: fc.string(), metadata: metadataArb }, ['url']),
  rec<Part>({ data: jsonObjectArb, metadata: metadataArb }, ['data']),
);
const v1PartsArb = fc.array(v1PartArb, { minLength: 1, maxLength: 3 });

export const v1MessageArb: fc.Arbitrary<Message> = rec<Message>(
  {
    messageId: idArb,
    contextId: idArb,
    taskId: idArb,
    role: fc.constantFrom('ROLE_USER', 'ROLE_AGENT'),
    parts: v1PartsArb,
    metadata: metadataArb,
    extensions: fc.array(urlArb, { maxLength: 2 }),
    referenceTaskIds: fc.array(idArb, { maxLength: 2 }),
  },
  ['messageId', 'role', 'parts'],
);

export const v1StatusArb: fc.Arbitrary<TaskStatus> = rec<TaskStatus>(
  { state: fc.constantFrom(...TASK_STATES), message: v1MessageArb, timestamp: timestampArb },
  ['state'],
);

export const v1ArtifactArb: fc.Arbitrary<Artifact> = rec<Artifact>(
  {
    artifactId: idArb,
    name: fc.string(),
    description: fc.string(),
    parts: v1PartsArb,
    metadata: metadataArb,
    extensions: fc.array(urlArb, { maxLength: 2 }),
  },
  ['artifactId', 'parts'],
);

export const v1TaskArb: fc.Arbitrary<Task> = rec<Task>(
  {
    id: idArb,
    contextId: idArb,
    status: v1StatusArb,
    artifacts: fc.array(v1ArtifactArb, { maxLength: 2 }),
    history: fc.array(v1MessageArb, { maxLength: 2 }),
    metadata: metadataArb,
  },
  ['id', 'contextId', 'status'],
);

const v1StatusUpdateArb = rec<TaskStatusUpdateEvent>(
  { taskId: idArb, contextId: idArb, status: v1StatusArb, metadata: metadataArb },
  ['taskId', 'contextId', 'status'],
);
const v1ArtifactUpdateArb = rec<TaskArtifactUpdateEvent>(
  {
    taskId: idArb,
    contextId: idArb,
    artifact: v1ArtifactArb,
    append: fc.boolean(),
    lastChunk: fc.boolean(),
    metadata: metadataArb,
  },
  ['taskId', 'contextId', 'artifact'],
);

export const v1StreamResponseArb: fc.Arbitrary<StreamResponse> = fc.oneof(
  v1TaskArb.map((task) => ({ task })),
  v1MessageArb.map((message) => ({ message })),
  v1StatusUpdateArb.map((statusUpdate) => ({ statusUpdate })),
  v1ArtifactUpdateArb.map((artifactUpdate) => ({ artifactUpdate })),
);

const v1AuthenticationArb = rec<NonNullable<TaskPushNotificationConfig['authentication']>>(
  { scheme: fc.constantFrom('Bearer', 'Basic', 'ApiKey'), credentials: fc.string() },
  ['scheme'],
);

/** A push config as SendMessage carries it: no task id, no tenant. */
const v1SendPushConfigArb = rec<TaskPushNotificationConfig>(
  { id: idArb, url: urlArb, token: fc.string(), authentication: v1AuthenticationArb },
  ['url'],
);

/** A stored push config: always for a task. */
export const v1TaskPushConfigArb: fc.Arbitrary<TaskPushNotificationConfig> = rec<TaskPushNotificationConfig>(
  { id: idArb, taskId: idArb, url: urlArb, token: fc.string(), authentication: v1AuthenticationArb },
  ['taskId', 'url'],
);

export const v1SendRequestArb: fc.Arbitrary<SendMessageRequest> = rec<SendMessageRequest>(
  {
    message: v1MessageArb,
    configuration: rec<NonNullable<SendMessageRequest['configuration']>>(
      {
        acceptedOutputModes: fc.array(mediaTypeArb, { maxLength: 2 }),
        taskPushNotificationConfig: v1SendPushConfigArb,
        historyLength: fc.nat({ max: 50 }),
        returnImmediately: fc.boolean(),
      },
      [],
    ),
    metadata: metadataArb,
  },
  ['message'],
);

export const v1FlowsArb = fc.oneof(
  rec(
    {
      authorizationCode: rec(
        { authorizationUrl: urlArb, tokenUrl: urlArb, refreshUrl: urlArb, scopes: scopesArb },
        ['authorizationUrl', 'tokenUrl', 'scopes'],
      ),
    },
    ['authorizationCode'],
  ),
  rec(
    {
      clientCredentials: rec({ tokenUrl: urlArb, refreshUrl: urlArb, scopes: scopesArb }, [
        'tokenUrl',
        'scopes',
      ]),
    },
    ['clientCredentials'],
  ),
  rec(
    {
      implicit: rec({ authorizationUrl: urlArb, refreshUrl: urlArb, scopes: scopesArb }, [
        'authorizationUrl',
        'scopes',
      ]),
    },
    ['implicit'],
  ),
  rec(
    { password: rec({ tokenUrl: urlArb, refreshUrl: urlArb, scopes: scopesArb }, ['tokenUrl', 'scopes']) },
    ['password'],
  ),
);

export const v1SecuritySchemeArb: fc.Arbitrary<SecurityScheme> = fc.oneof(
  rec<SecurityScheme>(
    {
      apiKeySecurityScheme: rec(
        { description: fc.string(), location: fc.constantFrom('query', 'header', 'cookie'), name: keyArb },
        ['location', 'name'],
      ),
    },
    ['apiKeySecurityScheme'],
  ),
  rec<SecurityScheme>(
    {
      httpAuthSecurityScheme: rec(
        {
          description: fc.string(),
          scheme: fc.constantFrom('bearer', 'basic'),
          bearerFormat: fc.constant('JWT'),
        },
        ['scheme'],
      ),
    },
    ['httpAuthSecurityScheme'],
  ),
  rec<SecurityScheme>(
    {
      oauth2SecurityScheme: rec({ description: fc.string(), flows: v1FlowsArb, oauth2MetadataUrl: urlArb }, [
        'flows',
      ]),
    },
    ['oauth2SecurityScheme'],
  ),
  rec<SecurityScheme>(
    {
      openIdConnectSecurityScheme: rec({ description: fc.string(), openIdConnectUrl: urlArb }, [
        'openIdConnectUrl',
      ]),
    },
    ['openIdConnectSecurityScheme'],
  ),
  rec<SecurityScheme>({ mtlsSecurityScheme: rec({ description: fc.string() }, []) }, ['mtlsSecurityScheme']),
);

const v1RequirementArb = fc
  .dictionary(keyArb, fc.array(keyArb, { maxLength: 3 }), { minKeys: 1, maxKeys: 2, noNullPrototype: true })
  .map((schemes) => ({
    schemes: Object.fromEntries(Object.entries(schemes).map(([name, list]) => [name, { list }])),
  }));

export const bindingArb = fc.constantFrom('JSONRPC', 'GRPC', 'HTTP+JSON');
export const extensionArb = rec(
  { uri: urlArb, description: fc.string(), required: fc.boolean(), params: jsonObjectArb },
  ['uri'],
);
export const providerArb = rec({ organization: fc.string(), url: urlArb }, ['organization', 'url']);
export const modesArb = fc.array(mediaTypeArb, { maxLength: 3 });

/** A v1.0 card a v0.3 card can express: 0.3 interfaces without tenant, no signatures. */
export const v1AgentCardArb: fc.Arbitrary<AgentCard> = rec<AgentCard>(
  {
    name: fc.string({ minLength: 1 }),
    description: fc.string(),
    supportedInterfaces: fc
      .uniqueArray(rec({ url: urlArb, protocolBinding: bindingArb }, ['url', 'protocolBinding']), {
        minLength: 1,
        maxLength: 3,
        selector: (i) => `${i.protocolBinding} ${i.url}`,
      })
      .map((list) => list.map((i) => ({ ...i, protocolVersion: '0.3' }))),
    provider: providerArb,
    version: fc.constantFrom('1.0.0', '2.3.1'),
    documentationUrl: urlArb,
    capabilities: rec(
      {
        streaming: fc.boolean(),
        pushNotifications: fc.boolean(),
        extensions: fc.array(extensionArb, { maxLength: 2 }),
        extendedAgentCard: fc.boolean(),
      },
      [],
    ),
    securitySchemes: fc.dictionary(keyArb, v1SecuritySchemeArb, { maxKeys: 3, noNullPrototype: true }),
    securityRequirements: fc.array(v1RequirementArb, { maxLength: 2 }),
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
          securityRequirements: fc.array(v1RequirementArb, { maxLength: 2 }),
        },
        ['id', 'name', 'description', 'tags'],
      ),
      { maxLength: 3 },
    ),
    iconUrl: urlArb,
  },
  [
    'name',
    'description',
    'supportedInterfaces',
    'version',
    'capabilities',
    'defaultInputModes',
    'defaultOutputModes',
    'skills',
  ],
);
