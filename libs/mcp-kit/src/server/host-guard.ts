import type { FastifyReply, FastifyRequest } from 'fastify';

/** Host names that reach a server bound to the loopback interface. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Which `Host` / `Origin` host names the MCP endpoint accepts: a list, or `'any'` to skip the check. */
export type AllowedHosts = readonly string[] | 'any';

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The allowed hosts for a server bound to `bindHost`: the configured list (`'*'` meaning any),
 * else the loopback names when bound to loopback, else `'any'`.
 */
export function allowedHostsFor(bindHost: string, configured?: string): AllowedHosts {
  if (configured === '*') return 'any';
  if (configured !== undefined) return configured.split(',');
  // A server bound to loopback is the one DNS rebinding targets; one bound to a routable address
  // sits behind a load balancer or service name and is protected by authentication instead.
  return LOOPBACK_HOSTNAMES.includes(bindHost.replace(/^\[(.*)\]$/, '$1')) ? LOOPBACK_HOSTNAMES : 'any';
}

/**
 * DNS-rebinding defence asked for by the MCP transport spec: a browser page on another site that
 * resolves its own name to 127.0.0.1 still sends its own `Host` and `Origin`, so requests whose
 * Host (or Origin, when present) is not an allowed host name are refused. Ports are not compared.
 */
export function isAllowedHost(
  host: string | undefined,
  origin: string | undefined,
  allowed: AllowedHosts,
): boolean {
  if (allowed === 'any') return true;
  const names = new Set(allowed.map((name) => name.toLowerCase()));
  const hostname = host === undefined ? undefined : hostnameOf(`http://${host}`);
  if (hostname === undefined || !names.has(hostname)) return false;
  if (origin === undefined) return true;
  const originName = hostnameOf(origin);
  return originName !== undefined && names.has(originName);
}

/** A Fastify `onRequest` hook answering 403 (JSON-RPC error body) to requests from disallowed hosts. */
export function hostGuard(allowed: AllowedHosts) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAllowedHost(request.headers.host, request.headers.origin, allowed)) return;
    request.log.warn(
      { host: request.headers.host, origin: request.headers.origin },
      'refused host or origin',
    );
    return reply.code(403).send({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Forbidden: host or origin not allowed' },
      id: null,
    });
  };
}
