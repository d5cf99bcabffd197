import {
  AgentCardSchema,
  AgentInterfaceSchema,
  V03AgentCardSchema,
  agentCardFromV03,
  type AgentCard,
} from '@a2a-platform/a2a-protocol';
import { A2ATransportError } from './client-errors.js';

/**
 * Reads an agent card body of either protocol version as a v1.0 card. A v0.3 card (top-level `url` and
 * `protocolVersion`) is converted; when it also embeds v1.0 `supportedInterfaces`, as dual-version
 * servers do, those are kept because they describe every interface, not only the 0.3 ones.
 */
export function cardFromWire(body: unknown, source: string): AgentCard {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(source, 'the body is not a JSON object');
  }
  const candidate = isV03Card(body) ? fromV03(body, source) : body;
  const parsed = AgentCardSchema.safeParse(candidate);
  if (!parsed.success) throw invalid(source, parsed.error.message);
  return parsed.data;
}

function isV03Card(body: object): boolean {
  const card = body as Record<string, unknown>;
  return typeof card['url'] === 'string' && typeof card['protocolVersion'] === 'string';
}

function fromV03(body: object, source: string): AgentCard {
  const parsed = V03AgentCardSchema.safeParse(body);
  if (!parsed.success) throw invalid(source, `not a valid v0.3 card: ${parsed.error.message}`);
  const card = agentCardFromV03(parsed.data);
  const embedded = AgentInterfaceSchema.array()
    .min(1)
    .safeParse((body as Record<string, unknown>)['supportedInterfaces']);
  return embedded.success ? { ...card, supportedInterfaces: embedded.data } : card;
}

function invalid(source: string, why: string): A2ATransportError {
  return new A2ATransportError('INVALID_AGENT_CARD', `Invalid agent card from ${source}: ${why}`, {
    url: source,
  });
}
