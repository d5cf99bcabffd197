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
export {
  V03RoleSchema,
  V03TextPartSchema,
  V03FileWithBytesSchema,
  V03FileWithUriSchema,
  V03FilePartSchema,
  V03DataPartSchema,
  V03PartSchema,
  V03MessageSchema,
  V03ArtifactSchema,
} from './v03/message.js';
export type {
  V03Role,
  V03TextPart,
  V03FileWithBytes,
  V03FileWithUri,
  V03FilePart,
  V03DataPart,
  V03Part,
  V03Message,
  V03Artifact,
} from './v03/message.js';
export {
  V03_TASK_STATES,
  V03TaskStateSchema,
  V03TaskStatusSchema,
  V03TaskSchema,
  V03TaskStatusUpdateEventSchema,
  V03TaskArtifactUpdateEventSchema,
  V03SendResultSchema,
  V03StreamResultSchema,
} from './v03/task.js';
export type {
  V03TaskState,
  V03TaskStatus,
  V03Task,
  V03TaskStatusUpdateEvent,
  V03TaskArtifactUpdateEvent,
  V03SendResult,
  V03StreamResult,
} from './v03/task.js';
export {
  V03PushNotificationAuthenticationInfoSchema,
  V03PushNotificationConfigSchema,
  V03TaskPushNotificationConfigSchema,
  V03MessageSendConfigurationSchema,
  V03MessageSendParamsSchema,
  V03TaskIdParamsSchema,
  V03TaskQueryParamsSchema,
  V03GetTaskPushNotificationConfigParamsSchema,
  V03ListTaskPushNotificationConfigParamsSchema,
  V03DeleteTaskPushNotificationConfigParamsSchema,
  V03ListTaskPushNotificationConfigResultSchema,
} from './v03/requests.js';
export type {
  V03PushNotificationAuthenticationInfo,
  V03PushNotificationConfig,
  V03TaskPushNotificationConfig,
  V03MessageSendConfiguration,
  V03MessageSendParams,
  V03TaskIdParams,
  V03TaskQueryParams,
  V03GetTaskPushNotificationConfigParams,
  V03ListTaskPushNotificationConfigParams,
  V03DeleteTaskPushNotificationConfigParams,
  V03ListTaskPushNotificationConfigResult,
} from './v03/requests.js';
export {
  V03_PROTOCOL_VERSION,
  V03OAuthFlowsSchema,
  V03SecuritySchemeSchema,
  V03SecurityRequirementSchema,
  V03AgentInterfaceSchema,
  V03AgentCapabilitiesSchema,
  V03AgentSkillSchema,
  V03AgentCardSchema,
} from './v03/agent-card.js';
export type {
  V03OAuthFlows,
  V03SecurityScheme,
  V03SecurityRequirement,
  V03AgentInterface,
  V03AgentCapabilities,
  V03AgentSkill,
  V03AgentCard,
} from './v03/agent-card.js';
export { taskStateToV03, taskStateFromV03, roleToV03, roleFromV03 } from './convert/task-state.js';
export {
  partToV03,
  partFromV03,
  messageToV03,
  messageFromV03,
  artifactToV03,
  artifactFromV03,
} from './convert/message.js';
export {
  taskStatusToV03,
  taskStatusFromV03,
  taskToV03,
  taskFromV03,
  statusUpdateToV03,
  statusUpdateFromV03,
  artifactUpdateToV03,
  artifactUpdateFromV03,
  streamEventToV03,
  streamEventFromV03,
  sendResultToV03,
  sendResultFromV03,
} from './convert/task.js';
export {
  sendParamsFromV03,
  sendParamsToV03,
  getTaskParamsFromV03,
  getTaskParamsToV03,
  cancelTaskParamsFromV03,
  cancelTaskParamsToV03,
  subscribeParamsFromV03,
  subscribeParamsToV03,
} from './convert/requests.js';
export {
  pushNotificationConfigToV03,
  pushNotificationConfigFromV03,
  taskPushConfigToV03,
  taskPushConfigFromV03,
  getPushConfigParamsFromV03,
  getPushConfigParamsToV03,
  listPushConfigParamsFromV03,
  listPushConfigParamsToV03,
  deletePushConfigParamsFromV03,
  deletePushConfigParamsToV03,
  listPushConfigsResultToV03,
  listPushConfigsResultFromV03,
} from './convert/push-config.js';
export {
  securitySchemeToV03,
  securitySchemeFromV03,
  securityRequirementToV03,
  securityRequirementFromV03,
} from './convert/security-scheme.js';
export { agentCardToV03, agentCardFromV03 } from './convert/agent-card.js';
export type { AgentCardConversionOptions } from './convert/agent-card.js';
