/**
 * Test fixtures: JSON bodies from the A2A v1.0 specification's examples (docs/specification.md at
 * v1.0.1, sections 6, 8.5 and 9.4). The 6.7 upload is the only one edited: the spec's text is not valid
 * JSON (a missing and a trailing comma) and its base64 ends in a "..." elision, both removed.
 */

/** 6.1: SendMessage request body. */
export const SPEC_SEND_REQUEST = {
  message: {
    role: 'ROLE_USER',
    parts: [{ text: 'What is the weather today?' }],
    messageId: 'msg-uuid',
  },
};

/** 6.1: SendMessage response body. */
export const SPEC_SEND_RESPONSE = {
  task: {
    id: 'task-uuid',
    contextId: 'context-uuid',
    status: { state: 'TASK_STATE_COMPLETED' },
    artifacts: [
      {
        artifactId: 'artifact-uuid',
        name: 'Weather Report',
        parts: [{ text: 'Today will be sunny with a high of 75°F' }],
      },
    ],
  },
};

/** 6.5: ListTasks response, tasks of one context. */
export const SPEC_LIST_TASKS_BY_CONTEXT = {
  tasks: [
    {
      id: '3f36680c-7f37-4a5f-945e-d78981fafd36',
      contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
      status: { state: 'TASK_STATE_COMPLETED', timestamp: '2024-03-15T10:15:00Z' },
    },
  ],
  totalSize: 5,
  pageSize: 10,
  nextPageToken: '',
};

/** 6.5: ListTasks response, working tasks with a status message. */
export const SPEC_LIST_WORKING_TASKS = {
  tasks: [
    {
      id: '789abc-def0-1234-5678-9abcdef01234',
      contextId: 'another-context-id',
      status: {
        state: 'TASK_STATE_WORKING',
        message: {
          role: 'ROLE_AGENT',
          parts: [{ text: 'Processing your document analysis...' }],
          messageId: 'msg-status-update',
        },
        timestamp: '2024-03-15T10:20:00Z',
      },
    },
  ],
  totalSize: 1,
  pageSize: 20,
  nextPageToken: '',
};

/** 9.4.4: ListTasks params. */
export const SPEC_LIST_TASKS_PARAMS = {
  contextId: 'context-uuid',
  status: 'TASK_STATE_WORKING',
  pageSize: 50,
  pageToken: 'cursor-token',
};

/** 6.5 "Validation Error Example": the query `pageSize=150&historyLength=-5&status=TASK_STATE_RUNNING`. */
export const SPEC_INVALID_LIST_TASKS_PARAMS = {
  pageSize: 150,
  historyLength: -5,
  status: 'TASK_STATE_RUNNING',
};

/** 6.6: SendMessage with a push notification config. */
export const SPEC_PUSH_SEND_REQUEST = {
  message: {
    role: 'ROLE_USER',
    parts: [{ text: "Generate the Q1 sales report. This usually takes a while. Notify me when it's ready." }],
    messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
  },
  configuration: {
    taskPushNotificationConfig: {
      url: 'https://client.example.com/webhook/a2a-notifications',
      authentication: { scheme: 'Bearer', credentials: 'secure-client-token-for-task-aaa' },
    },
  },
};

/** 6.6: the webhook payload, a StreamResponse with a status update. */
export const SPEC_PUSH_PAYLOAD = {
  statusUpdate: {
    taskId: '43667960-d455-4453-b0cf-1bae4955270d',
    contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    status: { state: 'TASK_STATE_COMPLETED', timestamp: '2024-03-15T18:30:00Z' },
  },
};

/** 6.7: a message uploading an image as raw bytes. */
export const SPEC_FILE_UPLOAD_MESSAGE = {
  role: 'ROLE_USER',
  parts: [
    { text: 'Analyze this image and highlight any faces.' },
    { raw: 'iVBORw0KGgoAAAANSUhEUgAAAAUA', filename: 'input_image.png', mediaType: 'image/png' },
  ],
  messageId: '6dbc13b5-bd57-4c2b-b503-24e381b6c8d6',
};

/** 6.7: the response task with a file reference. */
export const SPEC_FILE_RESPONSE = {
  task: {
    id: '43667960-d455-4453-b0cf-1bae4955270d',
    contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    status: { state: 'TASK_STATE_COMPLETED', timestamp: '2024-03-15T12:05:00Z' },
    artifacts: [
      {
        artifactId: '9b6934dd-37e3-4eb1-8766-962efaab63a1',
        name: 'processed_image_with_faces.png',
        parts: [
          {
            url: 'https://storage.example.com/processed/task-bbb/output.png?token=xyz',
            filename: 'output.png',
            mediaType: 'image/png',
          },
        ],
      },
    ],
  },
};

/** 6.8: a text part whose metadata asks for structured output. */
export const SPEC_STRUCTURED_REQUEST_MESSAGE = {
  role: 'ROLE_USER',
  parts: [
    {
      text: 'Show me a list of my open IT tickets',
      metadata: {
        mediaType: 'application/json',
        schema: {
          type: 'array',
          items: {
            type: 'object',
            properties: { ticketNumber: { type: 'string' }, description: { type: 'string' } },
          },
        },
      },
    },
  ],
  messageId: '85b26db5-ffbb-4278-a5da-a7b09dea1b47',
};

/** 6.8: the response task (microsecond timestamp). */
export const SPEC_STRUCTURED_RESPONSE = {
  task: {
    id: 'd8c6243f-5f7a-4f6f-821d-957ce51e856c',
    contextId: 'c295ea44-7543-4f78-b524-7a38915ad6e4',
    status: { state: 'TASK_STATE_COMPLETED', timestamp: '2025-04-17T17:47:09.680794Z' },
    artifacts: [
      {
        artifactId: 'c5e0382f-b57f-4da7-87d8-b85171fad17c',
        parts: [
          {
            text: '[{"ticketNumber":"REQ12312","description":"request for VPN access"},{"ticketNumber":"REQ23422","description":"Add to DL - team-gcp-onboarding"}]',
          },
        ],
      },
    ],
  },
};

/**
 * 8.5: the sample agent card, descriptions and examples shortened. It still carries the v0.3-style
 * `security` member, which is not a v1.0 field: parsing drops it.
 */
export const SPEC_AGENT_CARD = {
  name: 'GeoSpatial Route Planner Agent',
  description: 'Provides advanced route planning, traffic analysis, and custom map generation services.',
  supportedInterfaces: [
    { url: 'https://georoute-agent.example.com/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
    { url: 'https://georoute-agent.example.com/a2a/grpc', protocolBinding: 'GRPC', protocolVersion: '1.0' },
    {
      url: 'https://georoute-agent.example.com/a2a/json',
      protocolBinding: 'HTTP+JSON',
      protocolVersion: '1.0',
    },
  ],
  provider: { organization: 'Example Geo Services Inc.', url: 'https://www.examplegeoservices.com' },
  iconUrl: 'https://georoute-agent.example.com/icon.png',
  version: '1.2.0',
  documentationUrl: 'https://docs.examplegeoservices.com/georoute-agent/api',
  capabilities: { streaming: true, pushNotifications: true, extendedAgentCard: true },
  securitySchemes: {
    google: {
      openIdConnectSecurityScheme: {
        openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration',
      },
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
  signatures: [
    {
      protected:
        'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpPU0UiLCJraWQiOiJrZXktMSIsImprdSI6Imh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQvandrcy5qc29uIn0',
      signature: 'QFdkNLNszlGj3z3u0YQGt_T9LixY3qtdQpZmsTdDHDe3fXV9y9-B3m2-XgCpzuhiLt8E0tV6HXoZKHv4GtHgKQ',
    },
  ],
};

/** 6.2: the streamed events as the spec abbreviates them (no contextId, no artifactId). */
export const SPEC_ABBREVIATED_STREAM = [
  { task: { id: 'task-uuid', status: { state: 'TASK_STATE_WORKING' } } },
  { artifactUpdate: { taskId: 'task-uuid', artifact: { parts: [{ text: '# Climate Change Report\n\n' }] } } },
  { statusUpdate: { taskId: 'task-uuid', status: { state: 'TASK_STATE_COMPLETED' } } },
];
