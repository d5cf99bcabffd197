import type {
  CancelTaskRequest,
  GetTaskRequest,
  SendMessageConfiguration,
  SendMessageRequest,
  SubscribeToTaskRequest,
} from '../v1/requests.js';
import type {
  V03MessageSendConfiguration,
  V03MessageSendParams,
  V03TaskIdParams,
  V03TaskQueryParams,
} from '../v03/requests.js';
import { messageFromV03, messageToV03 } from './message.js';
import { omitUndefined } from './omit-undefined.js';
import { pushNotificationConfigFromV03, pushNotificationConfigToV03 } from './push-config.js';

function sendConfigurationFromV03(config: V03MessageSendConfiguration): SendMessageConfiguration {
  return omitUndefined({
    acceptedOutputModes: config.acceptedOutputModes,
    taskPushNotificationConfig:
      config.pushNotificationConfig && pushNotificationConfigFromV03(config.pushNotificationConfig),
    historyLength: config.historyLength,
    returnImmediately: config.blocking === undefined ? undefined : !config.blocking,
  });
}

function sendConfigurationToV03(config: SendMessageConfiguration): V03MessageSendConfiguration {
  return omitUndefined({
    acceptedOutputModes: config.acceptedOutputModes,
    historyLength: config.historyLength,
    pushNotificationConfig:
      config.taskPushNotificationConfig && pushNotificationConfigToV03(config.taskPushNotificationConfig),
    blocking: config.returnImmediately === undefined ? undefined : !config.returnImmediately,
  });
}

/**
 * v0.3 `message/send` / `message/stream` params as a v1.0 `SendMessageRequest`.
 *
 * `blocking: false` becomes `returnImmediately: true` and `blocking: true` becomes
 * `returnImmediately: false`; an absent `blocking` stays absent, which v1.0 reads as a blocking call.
 * `configuration.pushNotificationConfig` becomes the flat `taskPushNotificationConfig` (see
 * {@link pushNotificationConfigFromV03}).
 */
export function sendParamsFromV03(params: V03MessageSendParams): SendMessageRequest {
  return omitUndefined({
    message: messageFromV03(params.message),
    configuration: params.configuration && sendConfigurationFromV03(params.configuration),
    metadata: params.metadata,
  });
}

/**
 * A v1.0 `SendMessageRequest` as v0.3 `message/send` params: the inverse of {@link sendParamsFromV03}.
 * `tenant` (and a push config's `tenant`/`taskId`) have no v0.3 field and are dropped.
 */
export function sendParamsToV03(request: SendMessageRequest): V03MessageSendParams {
  return omitUndefined({
    message: messageToV03(request.message),
    configuration: request.configuration && sendConfigurationToV03(request.configuration),
    metadata: request.metadata,
  });
}

/** v0.3 `tasks/get` params as a v1.0 `GetTaskRequest`; the params' `metadata` has no v1.0 field. */
export function getTaskParamsFromV03(params: V03TaskQueryParams): GetTaskRequest {
  return omitUndefined({ id: params.id, historyLength: params.historyLength });
}

/** A v1.0 `GetTaskRequest` as v0.3 `tasks/get` params (`tenant` dropped). */
export function getTaskParamsToV03(request: GetTaskRequest): V03TaskQueryParams {
  return omitUndefined({ id: request.id, historyLength: request.historyLength });
}

/** v0.3 `tasks/cancel` params as a v1.0 `CancelTaskRequest`. */
export function cancelTaskParamsFromV03(params: V03TaskIdParams): CancelTaskRequest {
  return omitUndefined({ id: params.id, metadata: params.metadata });
}

/** A v1.0 `CancelTaskRequest` as v0.3 `tasks/cancel` params (`tenant` dropped). */
export function cancelTaskParamsToV03(request: CancelTaskRequest): V03TaskIdParams {
  return omitUndefined({ id: request.id, metadata: request.metadata });
}

/** v0.3 `tasks/resubscribe` params as a v1.0 `SubscribeToTaskRequest`; `metadata` is dropped. */
export function subscribeParamsFromV03(params: V03TaskIdParams): SubscribeToTaskRequest {
  return { id: params.id };
}

/** A v1.0 `SubscribeToTaskRequest` as v0.3 `tasks/resubscribe` params (`tenant` dropped). */
export function subscribeParamsToV03(request: SubscribeToTaskRequest): V03TaskIdParams {
  return { id: request.id };
}
