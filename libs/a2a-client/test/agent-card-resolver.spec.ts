import type { AgentCard } from '@a2a-platform/a2a-protocol';
import { A2ATransportError, AgentCardResolver, resolveAgentCard } from '../src/index.js';
import { json, startLocalServer, type LocalServer } from './local-server.js';

function card(name: string, url = 'http://agent.example/rpc'): AgentCard {
  return {
    name,
    description: 'test card',
    supportedInterfaces: [{ url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [],
  };
}

let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('AgentCardResolver', () => {
  it('does not ask again while Cache-Control max-age says the card is fresh', async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 200, card('fresh'), { 'Cache-Control': 'max-age=60' }),
    );
    let now = 1_000;
    const resolver = new AgentCardResolver({ now: () => now });
    const first = await resolver.resolve(server.url);
    now += 59_000;
    const second = await resolver.resolve(server.url);
    expect(second).toEqual(first);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/.well-known/agent-card.json');
    expect(server.requests[0]?.headers['a2a-version']).toBe('1.0');

    now += 2_000; // now stale: asks again
    await resolver.resolve(server.url);
    expect(server.requests).toHaveLength(2);
  });

  it('revalidates a stale card with If-None-Match and reuses it on 304', async () => {
    let version = 1;
    server = await startLocalServer((req, res) => {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Cache-Control': 'max-age=0' });
        res.end();
        return;
      }
      json(res, 200, card(`card v${version}`), { ETag: etag, 'Cache-Control': 'max-age=0' });
    });
    const resolver = new AgentCardResolver();
    const first = await resolver.resolve(server.url);
    const second = await resolver.resolve(server.url);
    expect(second.name).toBe('card v1');
    expect(second).toEqual(first);
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    // fetch would add `Cache-Control: no-cache` to a conditional request, which defeats 304s.
    expect(server.requests[1]?.headers['cache-control']).toBe('max-age=0');

    version = 2; // the card changed: a 200 replaces the cached one
    const third = await resolver.resolve(server.url);
    expect(third.name).toBe('card v2');
  });

  it('honours Age, no-store and missing validators', async () => {
    let headers: Record<string, string> = { 'Cache-Control': 'max-age=60', Age: '60' };
    server = await startLocalServer((_req, res) => json(res, 200, card('c'), headers));
    const resolver = new AgentCardResolver({ now: () => 0 });
    await resolver.resolve(server.url);
    await resolver.resolve(server.url); // already as old as its max-age: not fresh
    expect(server.requests).toHaveLength(2);
    headers = { 'Cache-Control': 'no-store', ETag: '"x"' };
    resolver.invalidate();
    await resolver.resolve(server.url);
    await resolver.resolve(server.url);
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('falls back to /.well-known/agent.json on 404 and remembers where the card was', async () => {
    server = await startLocalServer((req, res) => {
      if (req.path === '/.well-known/agent.json')
        json(res, 200, card('legacy path'), { 'Cache-Control': 'no-cache', ETag: '"l"' });
      else json(res, 404, { error: 'not here' });
    });
    const resolver = new AgentCardResolver();
    expect((await resolver.resolve(`${server.url}/`)).name).toBe('legacy path');
    await resolver.resolve(`${server.url}/`);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/.well-known/agent-card.json',
      '/.well-known/agent.json',
      '/.well-known/agent.json',
    ]);
  });

  it('uses a full card URL as given, without fallback', async () => {
    server = await startLocalServer((_req, res) => json(res, 404, {}));
    const err = await resolveAgentCard(`${server.url}/cards/mine.json`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(A2ATransportError);
    expect(err).toMatchObject({ code: 'HTTP_ERROR', status: 404 });
    expect(server.requests.map((r) => r.path)).toEqual(['/cards/mine.json']);
  });

  it('converts a v0.3 card', async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 200, {
        protocolVersion: '0.3.0',
        name: 'old agent',
        description: 'speaks 0.3',
        url: 'http://old.example/a2a',
        preferredTransport: 'JSONRPC',
        version: '2.0.0',
        capabilities: { streaming: true, pushNotifications: false },
        defaultInputModes: ['text/plain'],
        defaultOutputModes: ['text/plain'],
        skills: [{ id: 's', name: 'S', description: 'd', tags: [] }],
        supportsAuthenticatedExtendedCard: true,
      }),
    );
    const converted = await resolveAgentCard(server.url);
    expect(converted.supportedInterfaces).toEqual([
      { url: 'http://old.example/a2a', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]);
    expect(converted.capabilities.extendedAgentCard).toBe(true);
  });

  it('rejects a card that is not valid, naming the URL', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { name: 'no interfaces' }));
    const err = await resolveAgentCard(server.url).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_AGENT_CARD' });
    expect((err as Error).message).toContain(`${server.url}/.well-known/agent-card.json`);
  });

  it('calls the headers hook for card requests', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, card('c')));
    const seen: string[] = [];
    await resolveAgentCard(server.url, {
      headers: (ctx) => {
        seen.push(`${ctx.method} ${ctx.operation} ${ctx.url}`);
        return { Authorization: 'Bearer t0k' };
      },
    });
    expect(seen).toEqual([`GET GetAgentCard ${server.url}/.well-known/agent-card.json`]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t0k');
  });
});
