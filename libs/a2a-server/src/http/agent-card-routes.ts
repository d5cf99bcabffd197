import { createHash } from 'node:crypto';
import {
  AGENT_CARD_PATH,
  LEGACY_AGENT_CARD_PATH,
  type AgentCard,
  type ProtocolVersion,
} from '@a2a-platform/a2a-protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestedVersion } from './version.js';

export interface AgentCardRouteOptions {
  card: AgentCard;
  /** The card in v0.3 shape, for clients that ask with `A2A-Version: 0.3`. */
  cardV03: unknown;
  /** `Cache-Control: max-age` in seconds. @defaultValue 300 */
  maxAgeSeconds?: number;
}

interface Rendered {
  body: string;
  etag: string;
}

function render(value: unknown): Rendered {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * The Agent Card at the well-known path (and the legacy one), rendered once, with a strong
 * ETag and Cache-Control so clients revalidate with If-None-Match and get 304.
 * `/.well-known/agent-card.json` answers the v1.0 card unless `A2A-Version: 0.3` is sent;
 * the legacy `/.well-known/agent.json` is what pre-1.0 clients read, so it defaults to v0.3.
 */
export function registerAgentCardRoutes(app: FastifyInstance, opts: AgentCardRouteOptions): void {
  const v1 = render(opts.card);
  const v03 = render(opts.cardV03);
  const cacheControl = `public, max-age=${opts.maxAgeSeconds ?? 300}`;

  const serve = (fallback: ProtocolVersion) => async (req: FastifyRequest, reply: FastifyReply) => {
    const asked = req.headers['a2a-version'] ?? (req.query as Record<string, unknown>)['A2A-Version'];
    const version = asked === undefined ? fallback : requestedVersion(req);
    const rendered = version === '0.3' ? v03 : v1;
    reply.header('etag', rendered.etag).header('cache-control', cacheControl).header('vary', 'A2A-Version');
    if (matchesEtag(req.headers['if-none-match'], rendered.etag)) return reply.code(304).send();
    return reply.type('application/json').send(rendered.body);
  };

  app.get(AGENT_CARD_PATH, serve('1.0'));
  app.get(LEGACY_AGENT_CARD_PATH, serve('0.3'));
}
