import { A2AErrors } from '../errors.js';
import type {
  AgentCapabilities,
  AgentCard,
  AgentCardSignature,
  AgentInterface,
  AgentSkill,
  SecurityScheme,
} from '../v1/agent-card.js';
import { PROTOCOL_BINDINGS } from '../v1/agent-card.js';
import type {
  V03AgentCapabilities,
  V03AgentCard,
  V03AgentInterface,
  V03AgentSkill,
  V03SecurityScheme,
} from '../v03/agent-card.js';
import { V03_PROTOCOL_VERSION } from '../v03/agent-card.js';
import { omitUndefined } from './omit-undefined.js';
import {
  securityRequirementFromV03,
  securityRequirementToV03,
  securitySchemeFromV03,
  securitySchemeToV03,
} from './security-scheme.js';

/** Options of {@link agentCardToV03} and {@link agentCardFromV03}. */
export interface AgentCardConversionOptions {
  /**
   * Signatures for the converted card. A card signature covers the canonical JSON of the card it was
   * made for, so the source card's signatures cannot verify the converted one and are never copied.
   * @defaultValue none: the converted card is unsigned
   */
  signatures?: AgentCardSignature[];
}

function mapRecord<A, B>(record: Record<string, A>, convert: (value: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, convert(value)]));
}

/** `0.3.0` -> `0.3`: v1.0 interfaces carry Major.Minor. */
function majorMinor(version: string): string {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? `${match[1]}.${match[2]}` : version;
}

/**
 * The interfaces a v0.3 client may use: those declared for protocol 0.3 when there are any (the agent
 * then serves 0.3 apart from 1.0), otherwise all of them (the agent serves both versions on the same
 * URLs and tells them apart by the `A2A-Version` header). Duplicates of url + binding are removed.
 */
function v03Interfaces(interfaces: readonly AgentInterface[]): V03AgentInterface[] {
  const declared03 = interfaces.filter((i) => majorMinor(i.protocolVersion) === '0.3');
  const chosen = declared03.length > 0 ? declared03 : interfaces;
  const seen = new Set<string>();
  const out: V03AgentInterface[] = [];
  for (const { url, protocolBinding } of chosen) {
    const key = `${protocolBinding} ${url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url, transport: protocolBinding });
  }
  return out;
}

function capabilitiesToV03(capabilities: AgentCapabilities): V03AgentCapabilities {
  return omitUndefined({
    streaming: capabilities.streaming,
    pushNotifications: capabilities.pushNotifications,
    extensions: capabilities.extensions,
  });
}

function skillToV03(skill: AgentSkill): V03AgentSkill {
  return omitUndefined({
    id: skill.id,
    name: skill.name,
    description: skill.description,
    tags: skill.tags,
    examples: skill.examples,
    inputModes: skill.inputModes,
    outputModes: skill.outputModes,
    security: skill.securityRequirements?.map(securityRequirementToV03),
  });
}

function skillFromV03(skill: V03AgentSkill): AgentSkill {
  return omitUndefined({
    id: skill.id,
    name: skill.name,
    description: skill.description,
    tags: skill.tags,
    examples: skill.examples,
    inputModes: skill.inputModes,
    outputModes: skill.outputModes,
    securityRequirements: skill.security?.map(securityRequirementFromV03),
  });
}

/**
 * A v1.0 agent card as a v0.3 card, for v0.3 clients.
 *
 * - `protocolVersion` is `0.3.0`. `url` and `preferredTransport` come from the first usable interface,
 *   `additionalInterfaces` lists every usable one (the main one included, as v0.3 recommends); usable
 *   means declared for protocol 0.3 if any interface is, else all interfaces. `tenant` is dropped.
 * - `securityRequirements` -> `security`, schemes -> the v0.3 `type` form (see
 *   {@link securitySchemeToV03}); skills likewise.
 * - `capabilities.extendedAgentCard` -> `supportsAuthenticatedExtendedCard`.
 * - `signatures` are not copied (see {@link AgentCardConversionOptions.signatures}).
 */
export function agentCardToV03(card: AgentCard, options: AgentCardConversionOptions = {}): V03AgentCard {
  const interfaces = v03Interfaces(card.supportedInterfaces);
  const main = interfaces[0];
  if (main === undefined)
    throw A2AErrors.invalidParams('An agent card needs at least one supported interface');
  return omitUndefined({
    protocolVersion: V03_PROTOCOL_VERSION,
    name: card.name,
    description: card.description,
    url: main.url,
    preferredTransport: main.transport,
    additionalInterfaces: interfaces,
    iconUrl: card.iconUrl,
    provider: card.provider,
    version: card.version,
    documentationUrl: card.documentationUrl,
    capabilities: capabilitiesToV03(card.capabilities),
    securitySchemes: card.securitySchemes && mapRecord(card.securitySchemes, securitySchemeToV03),
    security: card.securityRequirements?.map(securityRequirementToV03),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(skillToV03),
    supportsAuthenticatedExtendedCard: card.capabilities.extendedAgentCard,
    signatures: options.signatures,
  });
}

/**
 * A v0.3 agent card as a v1.0 card.
 *
 * - `supportedInterfaces`: the main `url` with `preferredTransport` (default `JSONRPC`) first, then each
 *   additional interface that is not the main one, all with the card's `protocolVersion` as Major.Minor.
 * - `security` -> `securityRequirements`, `type`-form schemes -> one-of form, skills likewise.
 * - `supportsAuthenticatedExtendedCard` -> `capabilities.extendedAgentCard`;
 *   `capabilities.stateTransitionHistory` has no v1.0 field and is dropped.
 * - `signatures` are not copied (see {@link AgentCardConversionOptions.signatures}).
 */
export function agentCardFromV03(card: V03AgentCard, options: AgentCardConversionOptions = {}): AgentCard {
  const protocolVersion = majorMinor(card.protocolVersion);
  const main = { url: card.url, transport: card.preferredTransport ?? PROTOCOL_BINDINGS.JSONRPC };
  const seen = new Set<string>();
  const supportedInterfaces: AgentInterface[] = [];
  for (const { url, transport } of [main, ...(card.additionalInterfaces ?? [])]) {
    const key = `${transport} ${url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    supportedInterfaces.push({ url, protocolBinding: transport, protocolVersion });
  }
  return omitUndefined({
    name: card.name,
    description: card.description,
    supportedInterfaces,
    provider: card.provider,
    version: card.version,
    documentationUrl: card.documentationUrl,
    capabilities: omitUndefined({
      streaming: card.capabilities.streaming,
      pushNotifications: card.capabilities.pushNotifications,
      extensions: card.capabilities.extensions,
      extendedAgentCard: card.supportsAuthenticatedExtendedCard,
    }),
    securitySchemes:
      card.securitySchemes &&
      mapRecord<V03SecurityScheme, SecurityScheme>(card.securitySchemes, securitySchemeFromV03),
    securityRequirements: card.security?.map(securityRequirementFromV03),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(skillFromV03),
    signatures: options.signatures,
    iconUrl: card.iconUrl,
  });
}
