import { loggerMixin } from '@a2a-platform/telemetry';
import type { LoggerOptions } from 'pino';

export interface ServiceLoggerSettings {
  service: string;
  version: string;
  /** @defaultValue 'info' */
  level?: string;
  /** Human-readable output (pino-pretty) for a developer's terminal. @defaultValue false */
  pretty?: boolean;
}

/**
 * pino options shared by every service: JSON lines with `service` and `version` on each, and
 * `traceId`, `spanId` and `taskId` wherever a span or a task is in scope.
 */
export function serviceLoggerOptions(settings: ServiceLoggerSettings): LoggerOptions {
  return {
    level: settings.level ?? 'info',
    base: { service: settings.service, version: settings.version },
    mixin: loggerMixin,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    ...(settings.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
