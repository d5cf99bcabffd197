import {
  A2AErrors,
  A2A_VERSION_HEADER,
  PROTOCOL_VERSION_0_3,
  SUPPORTED_PROTOCOL_VERSIONS,
  type ProtocolVersion,
} from '@a2a-platform/a2a-protocol';
import type { FastifyRequest } from 'fastify';

/**
 * The protocol version a request asks for: the `A2A-Version` header, else the `A2A-Version`
 * query parameter, else 0.3 (the specification's rule for an absent header). `1.0.1` counts as 1.0.
 * Throws VersionNotSupported for anything else.
 */
export function requestedVersion(req: FastifyRequest): ProtocolVersion {
  const header = req.headers[A2A_VERSION_HEADER];
  const query = (req.query as Record<string, unknown> | undefined)?.['A2A-Version'];
  const raw = (Array.isArray(header) ? header[0] : header) ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || raw.trim() === '') return PROTOCOL_VERSION_0_3;
  const match = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(raw.trim());
  const normalised = match ? `${match[1]}.${match[2] ?? '0'}` : raw;
  const found = SUPPORTED_PROTOCOL_VERSIONS.find((v) => v === normalised);
  if (!found) throw A2AErrors.versionNotSupported(raw, SUPPORTED_PROTOCOL_VERSIONS);
  return found;
}
