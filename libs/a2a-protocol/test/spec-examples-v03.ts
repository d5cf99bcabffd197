/**
 * Test fixtures: the `params` / `result` members of the A2A v0.3.0 specification's examples
 * (docs/specification.md, sections 5.7 and 9.x), with JSON comments and the "..." elision in base64
 * content removed and long descriptions shortened.
 */

export const SPEC_CARD = {
  protocolVersion: '0.2.9',
  name: 'GeoSpatial Route Planner Agent',
  description: 'Provides advanced route planning, traffic analysis, and custom map generation services.',
  url: 'https://georoute-agent.example.com/a2a/v1',
  preferredTransport: 'JSONRPC',
  additionalInterfaces: [
    { url: 'https://georoute-agent.example.com/a2a/v1', transport: 'JSONRPC' },
    { url: 'https://georoute-agent.example.com/a2a/grpc', transport: 'GRPC' },
    { url: 'https://georoute-agent.example.com/a2a/json', transport: 'HTTP+JSON' },
  ],
  provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com' },
  iconUrl: 'https://georoute-agent.example.com/icon.png',
  version: '1.2.0',
  documentationUrl: 'https://docs.examplegeoservices.com/georoute-agent/api',
  capabilities: { streaming: true, pushNotifications: true, stateTransitionHistory: false },
  securitySchemes: {
    google: {
      type: 'openIdConnect',
      openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration',
    },
  },
  security: [{ google: ['openid', 'profile', 'email'] }],
  defaultInputModes: ['application/json', 'text/plain'],
  defaultOutputModes: ['application/json', 'image/png'],
  skills: [
    {
      id: 'route-optimizer-traffic',
      name: 'Traffic-Aware Route Optimizer',
      description: 'Calculates the optimal driving route between two or more locations.',
      tags: ['maps', 'routing', 'navigation', 'directions', 'traffic'],
      examples: [
        "Plan a route from '1600 Amphitheatre Parkway, Mountain View, CA' to 'San Francisco International Airport' avoiding tolls.",
      ],
      inputModes: ['application/json', 'text/plain'],
      outputModes: ['application/json', 'application/vnd.geo+json', 'text/html'],
    },
    {
      id: 'custom-map-generator',
      name: 'Personalized Map Generator',
      description: 'Creates custom map images or interactive map views.',
      tags: ['maps', 'customization', 'visualization', 'cartography'],
      inputModes: ['application/json'],
      outputModes: ['image/png', 'image/jpeg', 'application/json', 'text/html'],
    },
  ],
  supportsAuthenticatedExtendedCard: true,
  signatures: [
    {
      protected:
        'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpPU0UiLCJraWQiOiJrZXktMSIsImprdSI6Imh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQvandrcy5qc29uIn0',
      signature: 'QFdkNLNszlGj3z3u0YQGt_T9LixY3qtdQpZmsTdDHDe3fXV9y9-B3m2-XgCpzuhiLt8E0tV6HXoZKHv4GtHgKQ',
    },
  ],
};

/** 9.2: `message/send` params (the message has no `kind`). */
export const SPEC_SEND_PARAMS = {
  message: {
    role: 'user',
    parts: [{ kind: 'text', text: 'tell me a joke' }],
    messageId: '9229e770-767c-417b-a0b0-f0741243c589',
  },
  metadata: {},
};

/** 9.2: the completed task result. */
export const SPEC_TASK_RESULT = {
  id: '363422be-b0f9-4692-a24d-278670e7c7f1',
  contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
  status: { state: 'completed' },
  artifacts: [
    {
      artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
      name: 'joke',
      parts: [{ kind: 'text', text: 'Why did the chicken cross the road? To get to the other side!' }],
    },
  ],
  history: [
    {
      role: 'user',
      parts: [{ kind: 'text', text: 'tell me a joke' }],
      messageId: '9229e770-767c-417b-a0b0-f0741243c589',
      taskId: '363422be-b0f9-4692-a24d-278670e7c7f1',
      contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    },
  ],
  kind: 'task',
  metadata: {},
};

/** 9.3: the streamed artifact and status updates. */
export const SPEC_ARTIFACT_UPDATE = {
  taskId: '225d6247-06ba-4cda-a08b-33ae35c8dcfa',
  contextId: '05217e44-7e9f-473e-ab4f-2c2dde50a2b1',
  artifact: {
    artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
    parts: [{ kind: 'text', text: '<section 2...>' }],
  },
  append: true,
  lastChunk: false,
  kind: 'artifact-update',
};
export const SPEC_STATUS_UPDATE = {
  taskId: '225d6247-06ba-4cda-a08b-33ae35c8dcfa',
  contextId: '05217e44-7e9f-473e-ab4f-2c2dde50a2b1',
  status: { state: 'completed', timestamp: '2025-04-02T16:59:35.331844' },
  final: true,
  kind: 'status-update',
};

/** 9.4: the input-required task. */
export const SPEC_INPUT_REQUIRED_TASK = {
  id: '3f36680c-7f37-4a5f-945e-d78981fafd36',
  contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
  status: {
    state: 'input-required',
    message: {
      role: 'agent',
      parts: [
        { kind: 'text', text: 'Sure, I can help with that! Where would you like to fly to, and from where?' },
      ],
      messageId: 'c2e1b2dd-f200-4b04-bc22-1b0c65a1aad2',
      taskId: '3f36680c-7f37-4a5f-945e-d78981fafd36',
      contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    },
    timestamp: '2024-03-15T10:10:00Z',
  },
  history: [
    {
      role: 'user',
      parts: [{ kind: 'text', text: "I'd like to book a flight." }],
      messageId: 'c53ba666-3f97-433c-a87b-6084276babe2',
      taskId: '3f36680c-7f37-4a5f-945e-d78981fafd36',
      contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    },
  ],
  kind: 'task',
};

/** 9.4: the follow-up with `blocking: true`. */
export const SPEC_BLOCKING_SEND_PARAMS = {
  message: {
    role: 'user',
    parts: [{ kind: 'text', text: 'I want to fly from New York (JFK) to London (LHR) around October 10th.' }],
    contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    taskId: '3f36680c-7f37-4a5f-945e-d78981fafd36',
    messageId: '0db1d6c4-3976-40ed-b9b8-0043ea7a03d3',
  },
  configuration: { blocking: true },
};

/** 9.5: `message/send` with a push notification config. */
export const SPEC_PUSH_SEND_PARAMS = {
  message: {
    role: 'user',
    parts: [{ kind: 'text', text: 'Generate the Q1 sales report. Notify me when it is ready.' }],
    messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
  },
  configuration: {
    pushNotificationConfig: {
      url: 'https://client.example.com/webhook/a2a-notifications',
      token: 'secure-client-token-for-task-aaa',
      authentication: { schemes: ['Bearer'] },
    },
  },
};

/** 9.6: a file part with bytes, then a result artifact with a file uri. */
export const SPEC_FILE_SEND_PARAMS = {
  message: {
    role: 'user',
    parts: [
      { kind: 'text', text: 'Analyze this image and highlight any faces.' },
      {
        kind: 'file',
        file: { name: 'input_image.png', mimeType: 'image/png', bytes: 'iVBORw0KGgoAAAANSUhEUgAAAAUA' },
      },
    ],
    messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
  },
};
export const SPEC_FILE_TASK_RESULT = {
  id: '43667960-d455-4453-b0cf-1bae4955270d',
  contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
  status: { state: 'completed', timestamp: '2024-03-15T12:05:00Z' },
  artifacts: [
    {
      artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
      name: 'processed_image_with_faces.png',
      parts: [
        {
          kind: 'file',
          file: {
            name: 'output.png',
            mimeType: 'image/png',
            uri: 'https://storage.example.com/processed/task-bbb/output.png?token=xyz',
          },
        },
      ],
    },
  ],
  kind: 'task',
};

/** 9.4: a data part in an artifact. */
export const SPEC_DATA_PART = {
  kind: 'data',
  data: { confirmationId: 'XYZ123', from: 'JFK', to: 'LHR', departure: '2024-10-10T18:00:00Z' },
};
