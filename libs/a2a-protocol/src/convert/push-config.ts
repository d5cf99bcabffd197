import { A2AErrors } from '../errors.js';
import type {
  AuthenticationInfo,
  DeleteTaskPushNotificationConfigRequest,
  GetTaskPushNotificationConfigRequest,
  ListTaskPushNotificationConfigsRequest,
  ListTaskPushNotificationConfigsResponse,
  TaskPushNotificationConfig,
} from '../v1/requests.js';
import type {
  V03DeleteTaskPushNotificationConfigParams,
  V03GetTaskPushNotificationConfigParams,
  V03ListTaskPushNotificationConfigParams,
  V03ListTaskPushNotificationConfigResult,
  V03PushNotificationAuthenticationInfo,
  V03PushNotificationConfig,
  V03TaskPushNotificationConfig,
} from '../v03/requests.js';
import { omitUndefined } from './omit-undefined.js';

function authenticationToV03(auth: AuthenticationInfo): V03PushNotificationAuthenticationInfo {
  return omitUndefined({ schemes: [auth.scheme], credentials: auth.credentials });
}

/**
 * v1.0 sends `Authorization: <scheme> <credentials>` with a single scheme, so the first named v0.3
 * scheme is used and any others are dropped. With no scheme, the authentication block is dropped when
 * it carries no credentials and rejected (INVALID_PARAMS) when it does.
 */
function authenticationFromV03(
  auth: V03PushNotificationAuthenticationInfo | undefined,
): AuthenticationInfo | undefined {
  if (auth === undefined) return undefined;
  const scheme = auth.schemes.find((s) => s.length > 0);
  if (scheme !== undefined) return omitUndefined({ scheme, credentials: auth.credentials });
  if (auth.credentials === undefined) return undefined;
  throw A2AErrors.invalidParams('Push notification credentials need an authentication scheme', [
    { field: 'pushNotificationConfig.authentication.schemes', description: 'must name at least one scheme' },
  ]);
}

/**
 * A v1.0 (flat) push config as the v0.3 `PushNotificationConfig` that `MessageSendConfiguration` and
 * `TaskPushNotificationConfig` nest: `tenant` and `taskId` are dropped, `authentication.scheme`
 * becomes `authentication.schemes: [scheme]`.
 */
export function pushNotificationConfigToV03(config: TaskPushNotificationConfig): V03PushNotificationConfig {
  return omitUndefined({
    id: config.id,
    url: config.url,
    token: config.token,
    authentication: config.authentication && authenticationToV03(config.authentication),
  });
}

/**
 * A v0.3 `PushNotificationConfig` as a v1.0 (flat) push config for `taskId`. Only the first of
 * `authentication.schemes` survives; credentials without any scheme throw INVALID_PARAMS.
 */
export function pushNotificationConfigFromV03(
  config: V03PushNotificationConfig,
  taskId?: string,
): TaskPushNotificationConfig {
  return omitUndefined({
    id: config.id,
    taskId,
    url: config.url,
    token: config.token,
    authentication: authenticationFromV03(config.authentication),
  });
}

/**
 * A v1.0 push config as a v0.3 `TaskPushNotificationConfig` (`{ taskId, pushNotificationConfig }`).
 * `taskId` fills in when the config has none; with neither, it throws INVALID_PARAMS.
 */
export function taskPushConfigToV03(
  config: TaskPushNotificationConfig,
  taskId?: string,
): V03TaskPushNotificationConfig {
  const id = config.taskId ?? taskId;
  if (id === undefined || id === '') {
    throw A2AErrors.invalidParams('A v0.3 push notification config needs a task id', [
      { field: 'taskId', description: 'is required' },
    ]);
  }
  return { taskId: id, pushNotificationConfig: pushNotificationConfigToV03(config) };
}

/** A v0.3 `TaskPushNotificationConfig` as a v1.0 (flat) push config. */
export function taskPushConfigFromV03(config: V03TaskPushNotificationConfig): TaskPushNotificationConfig {
  return pushNotificationConfigFromV03(config.pushNotificationConfig, config.taskId);
}

/**
 * v0.3 `tasks/pushNotificationConfig/get` params as a v1.0 request. Without `pushNotificationConfigId`
 * a v0.3 client asks for the task's default config, whose id is by v0.3 convention the task id; a
 * server that takes v0.3 `set` calls should therefore give an id-less config the task id as its id.
 */
export function getPushConfigParamsFromV03(
  params: V03GetTaskPushNotificationConfigParams,
): GetTaskPushNotificationConfigRequest {
  return { taskId: params.id, id: params.pushNotificationConfigId ?? params.id };
}

/** A v1.0 get-push-config request as v0.3 `tasks/pushNotificationConfig/get` params. */
export function getPushConfigParamsToV03(
  request: GetTaskPushNotificationConfigRequest,
): V03GetTaskPushNotificationConfigParams {
  return { id: request.taskId, pushNotificationConfigId: request.id };
}

/** v0.3 `tasks/pushNotificationConfig/list` params as a v1.0 request (v0.3 has no paging). */
export function listPushConfigParamsFromV03(
  params: V03ListTaskPushNotificationConfigParams,
): ListTaskPushNotificationConfigsRequest {
  return { taskId: params.id };
}

/** A v1.0 list-push-configs request as v0.3 params; `pageSize`/`pageToken` are dropped. */
export function listPushConfigParamsToV03(
  request: ListTaskPushNotificationConfigsRequest,
): V03ListTaskPushNotificationConfigParams {
  return { id: request.taskId };
}

/** v0.3 `tasks/pushNotificationConfig/delete` params as a v1.0 request. */
export function deletePushConfigParamsFromV03(
  params: V03DeleteTaskPushNotificationConfigParams,
): DeleteTaskPushNotificationConfigRequest {
  return { taskId: params.id, id: params.pushNotificationConfigId };
}

/** A v1.0 delete-push-config request as v0.3 params. */
export function deletePushConfigParamsToV03(
  request: DeleteTaskPushNotificationConfigRequest,
): V03DeleteTaskPushNotificationConfigParams {
  return { id: request.taskId, pushNotificationConfigId: request.id };
}

/**
 * A v1.0 list-push-configs response as the bare v0.3 array; `taskId` (the listed task) fills in for
 * configs without one. `nextPageToken` is dropped: v0.3 has no paging.
 */
export function listPushConfigsResultToV03(
  response: ListTaskPushNotificationConfigsResponse,
  taskId?: string,
): V03ListTaskPushNotificationConfigResult {
  return response.configs.map((config) => taskPushConfigToV03(config, taskId));
}

/** A v0.3 list-push-configs result (a bare array) as a v1.0 response. */
export function listPushConfigsResultFromV03(
  result: V03ListTaskPushNotificationConfigResult,
): ListTaskPushNotificationConfigsResponse {
  return { configs: result.map(taskPushConfigFromV03) };
}
