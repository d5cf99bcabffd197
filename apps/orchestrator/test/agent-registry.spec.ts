import { AgentCardResolver } from '@a2a-platform/a2a-client';
import { AgentRegistry, SkillNotFoundError } from '../src/agent-registry.js';
import { startAgent, type RunningAgent } from './support/agent-servers.js';
import {
  FakeInventoryAgent,
  FakeProcurementAgent,
  inventoryCard,
  procurementCard,
} from './support/fake-agents.js';

describe('AgentRegistry', () => {
  let inventoryAgent: RunningAgent;
  let procurementAgent: RunningAgent;

  beforeAll(async () => {
    inventoryAgent = await startAgent({
      card: (url) => inventoryCard(url),
      executor: new FakeInventoryAgent(),
    });
    procurementAgent = await startAgent({
      card: (url) => procurementCard(url),
      executor: new FakeProcurementAgent(),
    });
  });

  afterAll(async () => {
    await inventoryAgent?.close();
    await procurementAgent?.close();
  });

  /** A registry whose card requests are recorded, on a clock the test moves. */
  function registry(urls = [inventoryAgent.url, `${procurementAgent.url}/`]) {
    const clock = { now: 1_000_000 };
    const requests: { url: string; status: number }[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ url: String(input), status: response.status });
      return response;
    };
    const resolver = new AgentCardResolver({ fetch: countingFetch, now: () => clock.now });
    const agents = new AgentRegistry({
      urls,
      resolver,
      client: { fetch: countingFetch },
    });
    return { agents, requests, clock };
  }

  it('reads cards only when asked, keeps them while fresh and revalidates them with their ETag when stale', async () => {
    const { agents, requests, clock } = registry();
    expect(requests).toHaveLength(0);

    const first = await agents.findBySkill('create-purchase-orders');
    expect(first.url).toBe(procurementAgent.url);
    expect(first.label).toBe('procurement-agent');
    expect(requests.map((r) => r.status)).toEqual([200, 200]);

    await agents.findBySkill('low-stock-report');
    expect(requests).toHaveLength(2);

    // The agents send `Cache-Control: max-age=300`.
    clock.now += 301_000;
    const again = await agents.findBySkill('create-purchase-orders');
    expect(requests.slice(2).map((r) => r.status)).toEqual([304, 304]);
    // Same card, so the same client.
    expect(again.client).toBe(first.client);
  });

  it('prefers an exact skill id anywhere over a tag of an agent listed earlier', async () => {
    // Its skill is "shortage-scan", tagged "low-stock-report" and "replenishment".
    const tagged = await startAgent({
      card: (url) => inventoryCard(url, 'tags'),
      executor: new FakeInventoryAgent(),
    });
    try {
      const { agents } = registry([tagged.url, inventoryAgent.url, procurementAgent.url]);
      await expect(agents.findBySkill('low-stock-report')).resolves.toEqual(
        expect.objectContaining({
          url: inventoryAgent.url,
          skill: expect.objectContaining({ id: 'low-stock-report' }),
        }),
      );
      await expect(agents.findBySkill('shortage-scan')).resolves.toEqual(
        expect.objectContaining({ url: tagged.url }),
      );
      // Only tags match: the first agent in configuration order.
      await expect(agents.findBySkill('replenishment')).resolves.toEqual(
        expect.objectContaining({ url: tagged.url }),
      );
      await expect(agents.findBySkill('purchase-order')).resolves.toEqual(
        expect.objectContaining({ url: procurementAgent.url }),
      );
    } finally {
      await tagged.close();
    }
  });

  it('names every agent it checked when no card offers the skill', async () => {
    const { agents } = registry();
    const err = await agents.findBySkill('forecast-demand').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkillNotFoundError);
    expect((err as SkillNotFoundError).checked).toEqual([
      { url: inventoryAgent.url, outcome: { name: 'Inventory Agent', skills: ['low-stock-report'] } },
      {
        url: procurementAgent.url,
        outcome: { name: 'Procurement Agent', skills: ['create-purchase-orders'] },
      },
    ]);
  });

  it('refuses URLs that are not configured', async () => {
    const { agents } = registry();
    await expect(agents.agentAt('http://127.0.0.1:1')).rejects.toThrow(/not one of the configured agents/);
  });
});
