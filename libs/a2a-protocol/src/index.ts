export { JsonObjectSchema, TimestampSchema } from './v1/json.js';
export type { JsonObject } from './v1/json.js';
export { RoleSchema, PartSchema, MessageSchema, ArtifactSchema } from './v1/message.js';
export type { Role, Part, Message, Artifact } from './v1/message.js';
export {
  TASK_STATES,
  TaskStateSchema,
  TaskStatusSchema,
  TaskSchema,
  TaskStatusUpdateEventSchema,
  TaskArtifactUpdateEventSchema,
  StreamResponseSchema,
  SendMessageResponseSchema,
} from './v1/task.js';
export type {
  TaskState,
  TaskStatus,
  Task,
  TaskStatusUpdateEvent,
  TaskArtifactUpdateEvent,
  StreamResponse,
  SendMessageResponse,
} from './v1/task.js';
export {
  isTerminalState,
  isInterruptedState,
  isFinalForStream,
  isLegalTransition,
  LEGAL_TRANSITIONS,
} from './v1/task-state.js';
export {
  PROTOCOL_BINDINGS,
  AgentInterfaceSchema,
  AgentProviderSchema,
  AgentExtensionSchema,
  AgentCapabilitiesSchema,
  SecuritySchemeSchema,
  SecurityRequirementSchema,
  AgentSkillSchema,
  AgentCardSignatureSchema,
  AgentCardSchema,
} from './v1/agent-card.js';
export type {
  AgentInterface,
  AgentProvider,
  AgentExtension,
  AgentCapabilities,
  SecurityScheme,
  SecurityRequirement,
  AgentSkill,
  AgentCardSignature,
  AgentCard,
} from './v1/agent-card.js';
export {
  MAX_LIST_PAGE_SIZE,
  DEFAULT_LIST_PAGE_SIZE,
  AuthenticationInfoSchema,
  TaskPushNotificationConfigSchema,
  SendMessageConfigurationSchema,
  SendMessageRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  ListTasksResponseSchema,
  CancelTaskRequestSchema,
  SubscribeToTaskRequestSchema,
  CreateTaskPushNotificationConfigRequestSchema,
  GetTaskPushNotificationConfigRequestSchema,
  DeleteTaskPushNotificationConfigRequestSchema,
  ListTaskPushNotificationConfigsRequestSchema,
  ListTaskPushNotificationConfigsResponseSchema,
  GetExtendedAgentCardRequestSchema,
} from './v1/requests.js';
export type {
  AuthenticationInfo,
  TaskPushNotificationConfig,
  SendMessageConfiguration,
  SendMessageRequest,
  GetTaskRequest,
  ListTasksRequest,
  ListTasksResponse,
  CancelTaskRequest,
  SubscribeToTaskRequest,
  GetTaskPushNotificationConfigRequest,
  DeleteTaskPushNotificationConfigRequest,
  ListTaskPushNotificationConfigsRequest,
  ListTaskPushNotificationConfigsResponse,
} from './v1/requests.js';
export {
  A2A_ERROR_DOMAIN,
  ERROR_INFO_TYPE,
  BAD_REQUEST_TYPE,
  A2A_ERRORS,
  A2AError,
  A2AErrors,
  errorKindByCode,
} from './errors.js';
export type {
  A2AErrorKind,
  A2AErrorName,
  ErrorInfo,
  FieldViolation,
  JsonRpcErrorObject,
  RestErrorBody,
} from './errors.js';
export {
  isJsonRpcFailure,
  A2A_VERSION_HEADER,
  A2A_EXTENSIONS_HEADER,
  A2A_CONTENT_TYPE,
  AGENT_CARD_PATH,
  LEGACY_AGENT_CARD_PATH,
  PROTOCOL_VERSION_1_0,
  PROTOCOL_VERSION_0_3,
  SUPPORTED_PROTOCOL_VERSIONS,
  A2A_METHODS,
  V03_METHODS,
  STREAMING_METHODS,
} from './jsonrpc.js';
export type {
  JsonRpcId,
  JsonRpcRequest,
  JsonRpcSuccess,
  JsonRpcFailure,
  JsonRpcResponse,
  ProtocolVersion,
  A2AMethod,
} from './jsonrpc.js';
