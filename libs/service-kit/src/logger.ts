import type { LoggerOptions } from 'pino';

export interface ServiceLoggerSettings {
  service: string;
  version: string;
  /** @defaultValue 'info' */
  level?: string;
  /** Human-readable output (pino-pretty) for a developer's terminal. @defaultValue false */
  pretty?: boolean;
}

/** pino options shared by every service: JSON lines with `service` and `version` on each. */
export function serviceLoggerOptions(settings: ServiceLoggerSettings): LoggerOptions {
  return {
    level: settings.level ?? 'info',
    base: { service: settings.service, version: settings.version },
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
