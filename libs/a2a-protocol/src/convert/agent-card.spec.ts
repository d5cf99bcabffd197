import fc from 'fast-check';
import {
  A2AError,
  AgentCardSchema,
  V03AgentCardSchema,
  V03SecuritySchemeSchema,
  agentCardFromV03,
  agentCardToV03,
  securitySchemeFromV03,
  securitySchemeToV03,
} from '../index.js';
import type { AgentCard, SecurityScheme } from '../index.js';
import { v1AgentCardArb, v1SecuritySchemeArb } from '../../test/arbitraries-v1.js';
import { v03AgentCardArb } from '../../test/arbitraries-v03.js';
import { SPEC_AGENT_CARD } from '../../test/spec-examples-v1.js';
import { SPEC_CARD } from '../../test/spec-examples-v03.js';

const signature = { protected: 'eyJhbGciOiJFUzI1NiJ9', signature: 'c2ln' };

describe('agentCardToV03', () => {
  const v1 = AgentCardSchema.parse({
    ...SPEC_AGENT_CARD,
    securityRequirements: [{ schemes: { google: { list: ['openid', 'profile', 'email'] } } }],
  });
  const v03 = agentCardToV03(v1);

  it('produces a valid v0.3 card for protocol 0.3.0', () => {
    expect(V03AgentCardSchema.parse(v03)).toStrictEqual(v03);
    expect(v03.protocolVersion).toBe('0.3.0');
  });

  it('takes url and preferredTransport from the first interface and lists all of them', () => {
    expect(v03.url).toBe('https://georoute-agent.example.com/a2a/v1');
    expect(v03.preferredTransport).toBe('JSONRPC');
    expect(v03.additionalInterfaces).toStrictEqual([
      { url: 'https://georoute-agent.example.com/a2a/v1', transport: 'JSONRPC' },
      { url: 'https://georoute-agent.example.com/a2a/grpc', transport: 'GRPC' },
      { url: 'https://georoute-agent.example.com/a2a/json', transport: 'HTTP+JSON' },
    ]);
  });

  it('converts security, schemes and the extended card flag into the v0.3 spec sample form', () => {
    expect(v03.security).toStrictEqual(SPEC_CARD.security);
    expect(v03.securitySchemes).toStrictEqual(SPEC_CARD.securitySchemes);
    expect(v03.supportsAuthenticatedExtendedCard).toBe(true);
    expect(v03.capabilities).toStrictEqual({ streaming: true, pushNotifications: true });
  });

  it('does not copy signatures, which cannot verify the converted card, but takes new ones', () => {
    expect(v1.signatures).toHaveLength(1);
    expect(v03).not.toHaveProperty('signatures');
    expect(agentCardToV03(v1, { signatures: [signature] }).signatures).toStrictEqual([signature]);
  });

  it('prefers the interfaces declared for 0.3 when there are any, and drops duplicates', () => {
    const card: AgentCard = {
      ...v1,
      supportedInterfaces: [
        { url: 'https://a.test/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
        { url: 'https://a.test/v03', protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
        { url: 'https://a.test/v03', protocolBinding: 'JSONRPC', protocolVersion: '0.3.0', tenant: 't' },
        { url: 'https://a.test/v03/rest', protocolBinding: 'HTTP+JSON', protocolVersion: '0.3' },
      ],
    };
    const converted = agentCardToV03(card);
    expect(converted.url).toBe('https://a.test/v03');
    expect(converted.additionalInterfaces).toStrictEqual([
      { url: 'https://a.test/v03', transport: 'JSONRPC' },
      { url: 'https://a.test/v03/rest', transport: 'HTTP+JSON' },
    ]);
  });

  it('rejects a card without interfaces', () => {
    expect(() => agentCardToV03({ ...v1, supportedInterfaces: [] })).toThrow(A2AError);
  });
});

describe('agentCardFromV03', () => {
  const v1 = agentCardFromV03(V03AgentCardSchema.parse(SPEC_CARD));

  it('produces a valid v1.0 card from the v0.3 spec sample', () => {
    expect(AgentCardSchema.parse(v1)).toStrictEqual(v1);
  });

  it('lists the main interface first, then the other additional ones, at the card protocol version', () => {
    expect(v1.supportedInterfaces).toStrictEqual([
      {
        url: 'https://georoute-agent.example.com/a2a/v1',
        protocolBinding: 'JSONRPC',
        protocolVersion: '0.2',
      },
      { url: 'https://georoute-agent.example.com/a2a/grpc', protocolBinding: 'GRPC', protocolVersion: '0.2' },
      {
        url: 'https://georoute-agent.example.com/a2a/json',
        protocolBinding: 'HTTP+JSON',
        protocolVersion: '0.2',
      },
    ]);
  });

  it('defaults the main transport to JSONRPC', () => {
    const { preferredTransport: _p, additionalInterfaces: _a, ...bare } = V03AgentCardSchema.parse(SPEC_CARD);
    expect(agentCardFromV03({ ...bare, protocolVersion: '0.3.0' }).supportedInterfaces).toStrictEqual([
      {
        url: 'https://georoute-agent.example.com/a2a/v1',
        protocolBinding: 'JSONRPC',
        protocolVersion: '0.3',
      },
    ]);
  });

  it('moves the extended card flag into capabilities and drops stateTransitionHistory', () => {
    expect(v1.capabilities).toStrictEqual({
      streaming: true,
      pushNotifications: true,
      extendedAgentCard: true,
    });
  });

  it('converts security and schemes into the v1.0 spec sample form', () => {
    expect(v1.securitySchemes).toStrictEqual(SPEC_AGENT_CARD.securitySchemes);
    expect(v1.securityRequirements).toStrictEqual([
      { schemes: { google: { list: ['openid', 'profile', 'email'] } } },
    ]);
    expect(v1).not.toHaveProperty('signatures');
  });
});

describe('security schemes', () => {
  it.each<[string, SecurityScheme, unknown]>([
    [
      'apiKey',
      { apiKeySecurityScheme: { location: 'header', name: 'X-API-Key', description: 'key' } },
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'key' },
    ],
    [
      'http',
      { httpAuthSecurityScheme: { scheme: 'bearer', bearerFormat: 'JWT' } },
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    ],
    [
      'oauth2',
      {
        oauth2SecurityScheme: {
          flows: { clientCredentials: { tokenUrl: 'https://idp.test/token', scopes: { read: 'Read' } } },
          oauth2MetadataUrl: 'https://idp.test/.well-known/oauth-authorization-server',
        },
      },
      {
        type: 'oauth2',
        flows: { clientCredentials: { tokenUrl: 'https://idp.test/token', scopes: { read: 'Read' } } },
        oauth2MetadataUrl: 'https://idp.test/.well-known/oauth-authorization-server',
      },
    ],
    [
      'openIdConnect',
      {
        openIdConnectSecurityScheme: {
          openIdConnectUrl: 'https://idp.test/.well-known/openid-configuration',
        },
      },
      { type: 'openIdConnect', openIdConnectUrl: 'https://idp.test/.well-known/openid-configuration' },
    ],
    ['mutualTLS', { mtlsSecurityScheme: {} }, { type: 'mutualTLS' }],
  ])('converts %s both ways', (_name, v1, v03) => {
    expect(securitySchemeToV03(v1)).toStrictEqual(v03);
    expect(securitySchemeFromV03(V03SecuritySchemeSchema.parse(v03))).toStrictEqual(v1);
  });

  it('drops what v0.3 OAuth flows cannot hold: device code, pkceRequired, incomplete deprecated flows', () => {
    const v03 = securitySchemeToV03({
      oauth2SecurityScheme: {
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://idp.test/auth',
            tokenUrl: 'https://idp.test/token',
            scopes: {},
            pkceRequired: true,
          },
          deviceCode: {
            deviceAuthorizationUrl: 'https://idp.test/device',
            tokenUrl: 'https://idp.test/token',
            scopes: {},
          },
          implicit: { scopes: {} },
          password: { tokenUrl: 'https://idp.test/token' },
        },
      },
    });
    expect(v03).toStrictEqual({
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://idp.test/auth',
          tokenUrl: 'https://idp.test/token',
          scopes: {},
        },
        password: { tokenUrl: 'https://idp.test/token', scopes: {} },
      },
    });
    expect(V03SecuritySchemeSchema.parse(v03)).toStrictEqual(v03);
  });

  it('rejects an API key location v0.3 cannot express and an empty scheme', () => {
    expect(() => securitySchemeToV03({ apiKeySecurityScheme: { location: 'body', name: 'k' } })).toThrow(
      A2AError,
    );
    expect(() => securitySchemeToV03({})).toThrow(A2AError);
  });

  it('round-trips every representable scheme (fast-check)', () => {
    fc.assert(
      fc.property(v1SecuritySchemeArb, (scheme) => {
        const v03 = securitySchemeToV03(scheme);
        expect(V03SecuritySchemeSchema.parse(v03)).toStrictEqual(v03);
        expect(securitySchemeFromV03(v03)).toStrictEqual(scheme);
      }),
    );
  });
});

describe('agent card round trips (fast-check)', () => {
  it('v1 card (0.3 interfaces, unsigned) -> v0.3 -> v1 is the identity', () => {
    fc.assert(
      fc.property(v1AgentCardArb, (card) => {
        const v03 = agentCardToV03(card);
        expect(V03AgentCardSchema.parse(v03)).toStrictEqual(v03);
        const back = agentCardFromV03(v03);
        expect(AgentCardSchema.parse(back)).toStrictEqual(back);
        expect(back).toStrictEqual(card);
      }),
      { numRuns: 40 },
    );
  });

  it('v0.3 card (0.3.0, main interface listed first) -> v1 -> v0.3 is the identity', () => {
    fc.assert(
      fc.property(v03AgentCardArb, (card) => {
        const v1 = agentCardFromV03(card);
        expect(AgentCardSchema.parse(v1)).toStrictEqual(v1);
        expect(agentCardToV03(v1)).toStrictEqual(card);
      }),
      { numRuns: 40 },
    );
  });
});
