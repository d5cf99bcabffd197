import { A2AClient, AgentCardResolver, type A2AClientOptions } from '@a2a-platform/a2a-client';
import type { AgentCard, AgentSkill } from '@a2a-platform/a2a-protocol';

/** An agent known by its card, with a client for it. */
export interface KnownAgent {
  /** The configured base URL the card was read from. */
  readonly url: string;
  readonly card: AgentCard;
  readonly client: A2AClient;
  /** Short name for progress lines and reports: the card's name in kebab case ("inventory-agent"). */
  readonly label: string;
}

/** An agent chosen for a skill, and the skill of its card that matched. */
export interface RoutedAgent extends KnownAgent {
  readonly skill: AgentSkill;
}

/** What a skill lookup learnt about one configured agent. */
export interface AgentCheck {
  readonly url: string;
  /** The card's name and skill ids, or why the card could not be read. */
  readonly outcome: { name: string; skills: string[] } | { unreachable: string };
}

/** No configured agent offers a skill (or the ones that might are unreachable). */
export class SkillNotFoundError extends Error {
  constructor(
    readonly skill: string,
    readonly checked: readonly AgentCheck[],
  ) {
    const seen = checked.map(({ url, outcome }) =>
      'unreachable' in outcome
        ? `${url} (unreachable: ${outcome.unreachable})`
        : `${url} (${outcome.name}: ${outcome.skills.join(', ') || 'no skills'})`,
    );
    super(`No agent offers the skill "${skill}"; checked ${checked.length} agent(s): ${seen.join('; ')}`);
    this.name = 'SkillNotFoundError';
  }
}

/** An agent the registry was asked about that is not in its configuration. */
export class UnknownAgentError extends Error {
  constructor(readonly url: string) {
    super(`The agent at ${url} is not one of the configured agents (AGENT_URLS)`);
    this.name = 'UnknownAgentError';
  }
}

/** Options of an {@link AgentRegistry}. */
export interface AgentRegistryOptions {
  /** Base URLs of the agents to discover. */
  urls: readonly string[];
  /** Options of every client built from a card (timeouts, `fetch`, headers hook). */
  client?: A2AClientOptions;
  /** The card cache. @defaultValue a resolver with the client's `fetch` and headers */
  resolver?: AgentCardResolver;
  /** Longest wait for one card. @defaultValue 10000 */
  cardTimeoutMs?: number;
}

/** The card's name as a kebab-case label: "Inventory Agent" -> "inventory-agent". */
export function agentLabel(card: Pick<AgentCard, 'name'>): string {
  const slug = card.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'agent';
}

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The agents the orchestrator may delegate to, discovered from their cards. Cards are read on first
 * use and kept by the resolver's cache: no request while `Cache-Control` says a card is fresh, a
 * conditional request (`If-None-Match`, answered 304) once it is stale. Work is routed by skill, never
 * by URL: the agent whose card has a skill with the wanted id wins; failing that, one with the tag.
 */
export class AgentRegistry {
  private readonly urls: readonly string[];
  private readonly resolver: AgentCardResolver;
  private readonly cardTimeoutMs: number;
  // One client per card version: a refreshed card (new interfaces) gets a new client.
  private readonly clients = new WeakMap<AgentCard, A2AClient>();

  constructor(private readonly options: AgentRegistryOptions) {
    this.urls = options.urls.map((u) => u.replace(/\/+$/, ''));
    this.resolver =
      options.resolver ??
      new AgentCardResolver({ fetch: options.client?.fetch, headers: options.client?.headers });
    this.cardTimeoutMs = options.cardTimeoutMs ?? 10_000;
  }

  /** The configured base URLs, in order. */
  get agentUrls(): readonly string[] {
    return this.urls;
  }

  /**
   * The agent offering `skill` (an id or a tag). Cards are checked in configuration order; an exact
   * skill id anywhere beats a tag. Throws {@link SkillNotFoundError} naming every agent checked.
   */
  async findBySkill(skill: string, signal?: AbortSignal): Promise<RoutedAgent> {
    const settled = await Promise.allSettled(this.urls.map((url) => this.agentAt(url, signal)));
    signal?.throwIfAborted();
    const agents = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const wanted = skill.toLowerCase();
    const byId = (s: AgentSkill) => s.id.toLowerCase() === wanted;
    const byTag = (s: AgentSkill) => s.tags.some((t) => t.toLowerCase() === wanted);
    for (const matches of [byId, byTag]) {
      for (const agent of agents) {
        const found = agent.card.skills.find(matches);
        if (found) return { ...agent, skill: found };
      }
    }
    const checked: AgentCheck[] = settled.map((s, i) => ({
      url: this.urls[i] as string,
      outcome:
        s.status === 'fulfilled'
          ? { name: s.value.card.name, skills: s.value.card.skills.map((k) => k.id) }
          : { unreachable: describeFailure(s.reason) },
    }));
    throw new SkillNotFoundError(skill, checked);
  }

  /** The agent at one of the configured URLs (to continue a task it already holds). */
  async agentAt(url: string, signal?: AbortSignal): Promise<KnownAgent> {
    const base = url.replace(/\/+$/, '');
    if (!this.urls.includes(base)) throw new UnknownAgentError(base);
    const card = await this.resolver.resolve(base, { signal, timeoutMs: this.cardTimeoutMs });
    let client = this.clients.get(card);
    if (!client) {
      client = A2AClient.fromCard(card, this.options.client);
      this.clients.set(card, client);
    }
    return { url: base, card, client, label: agentLabel(card) };
  }

  /** Drops a cached card, so that the next lookup reads it again (after the agent failed to answer). */
  forget(url: string): void {
    this.resolver.invalidate(url.replace(/\/+$/, ''));
  }
}
