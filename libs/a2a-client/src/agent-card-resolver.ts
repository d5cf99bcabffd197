import {
  AGENT_CARD_PATH,
  A2A_VERSION_HEADER,
  LEGACY_AGENT_CARD_PATH,
  PROTOCOL_VERSION_1_0,
  type AgentCard,
} from '@a2a-platform/a2a-protocol';
import { A2ATransportError } from './client-errors.js';
import { cardFromWire } from './agent-card-versions.js';
import { HttpChannel, type CallOptions, type HttpOptions } from './http-channel.js';
import { excerpt, tryParseJson } from './transport.js';

/** Options of an agent card resolver. */
export interface AgentCardResolverOptions extends Pick<HttpOptions, 'fetch' | 'headers' | 'timeoutMs'> {
  /** The clock used for `Cache-Control: max-age` freshness. @defaultValue `Date.now` */
  now?: () => number;
}

interface CachedCard {
  /** The URL that actually served the card (the legacy path after a fallback). */
  cardUrl: string;
  card: AgentCard;
  etag: string | undefined;
  freshUntil: number;
}

/**
 * Fetches agent cards from `/.well-known/agent-card.json` (falling back to the pre-0.3
 * `/.well-known/agent.json` on 404), validates them as v1.0 cards (converting v0.3 cards), and caches
 * them per URL: no request at all while `Cache-Control: max-age` says the card is fresh, and a
 * conditional request (`If-None-Match`) once it is stale.
 */
export class AgentCardResolver {
  private readonly channel: HttpChannel;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedCard>();

  constructor(options: AgentCardResolverOptions = {}) {
    this.channel = new HttpChannel(options);
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves the card of the agent at `url`: an agent's base URL, or the full URL of a card document
   * (one whose path ends in `.json`).
   */
  async resolve(url: string, call?: CallOptions): Promise<AgentCard> {
    const cached = this.cache.get(url);
    if (cached && this.now() < cached.freshUntil) return cached.card;
    const candidates = cached ? [cached.cardUrl] : cardUrls(url);
    for (let i = 0; i < candidates.length; i++) {
      const cardUrl = candidates[i] as string;
      const isLast = i === candidates.length - 1;
      const fetched = await this.fetchCard(cardUrl, cached?.cardUrl === cardUrl ? cached : undefined, call);
      if (fetched === 'not-found' && !isLast) continue;
      if (fetched === 'not-found') {
        throw new A2ATransportError('HTTP_ERROR', `No agent card at ${cardUrl} (HTTP 404)`, {
          url: cardUrl,
          status: 404,
        });
      }
      if (fetched.store) this.cache.set(url, fetched.entry);
      else this.cache.delete(url);
      return fetched.entry.card;
    }
    throw new Error('unreachable: no card URL candidates');
  }

  /** Forgets one cached card, or all of them. */
  invalidate(url?: string): void {
    if (url === undefined) this.cache.clear();
    else this.cache.delete(url);
  }

  private async fetchCard(
    cardUrl: string,
    cached: CachedCard | undefined,
    call: CallOptions | undefined,
  ): Promise<'not-found' | { entry: CachedCard; store: boolean }> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      [A2A_VERSION_HEADER]: PROTOCOL_VERSION_1_0,
    };
    if (cached?.etag) {
      headers['If-None-Match'] = cached.etag;
      // fetch adds `Cache-Control: no-cache` to conditional requests unless one is set, and servers such
      // as Express then never answer 304; `max-age=0` asks for the same revalidation without that.
      headers['Cache-Control'] = 'max-age=0';
    }
    const { response, text } = await this.channel.exchange({
      url: cardUrl,
      method: 'GET',
      operation: 'GetAgentCard',
      headers,
      call,
    });
    const policy = cachePolicy(response.headers, this.now());
    if (response.status === 304 && cached) {
      const etag = response.headers.get('etag') ?? cached.etag;
      return { entry: { ...cached, etag, freshUntil: policy.freshUntil }, store: policy.store };
    }
    if (response.status === 404) return 'not-found';
    if (!response.ok) {
      throw new A2ATransportError(
        'HTTP_ERROR',
        `${cardUrl} answered HTTP ${response.status}: ${excerpt(text)}`,
        {
          url: cardUrl,
          status: response.status,
        },
      );
    }
    const card = cardFromWire(tryParseJson(text), cardUrl);
    const entry = {
      cardUrl,
      card,
      etag: response.headers.get('etag') ?? undefined,
      freshUntil: policy.freshUntil,
    };
    return { entry, store: policy.store && (entry.etag !== undefined || policy.freshUntil > this.now()) };
  }
}

/** Fetches one agent card without caching it. */
export function resolveAgentCard(
  url: string,
  options: AgentCardResolverOptions & { signal?: AbortSignal } = {},
): Promise<AgentCard> {
  const { signal, ...resolverOptions } = options;
  return new AgentCardResolver(resolverOptions).resolve(url, { signal });
}

/** Checks a card the caller already holds (from configuration, say) the same way a fetched one is. */
export function parseAgentCard(body: unknown, source = 'agent card'): AgentCard {
  return cardFromWire(body, source);
}

function cardUrls(url: string): string[] {
  const parsed = new URL(url);
  if (parsed.pathname.endsWith('.json')) return [url];
  const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  return [`${base}${AGENT_CARD_PATH}${parsed.search}`, `${base}${LEGACY_AGENT_CARD_PATH}${parsed.search}`];
}

function cachePolicy(headers: Headers, now: number): { store: boolean; freshUntil: number } {
  const directives = (headers.get('cache-control') ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  if (directives.includes('no-store')) return { store: false, freshUntil: 0 };
  if (directives.includes('no-cache')) return { store: true, freshUntil: 0 };
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  const seconds = maxAge ? Number.parseInt(maxAge.slice('max-age='.length), 10) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return { store: true, freshUntil: 0 };
  const age = Number.parseInt(headers.get('age') ?? '0', 10);
  const remaining = seconds - (Number.isFinite(age) && age > 0 ? age : 0);
  return { store: true, freshUntil: remaining > 0 ? now + remaining * 1000 : 0 };
}
