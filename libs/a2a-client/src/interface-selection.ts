import { PROTOCOL_BINDINGS, type AgentCard, type AgentInterface } from '@a2a-platform/a2a-protocol';
import { A2AClientError } from './client-errors.js';
import type { HttpChannel } from './http-channel.js';
import { JsonRpcTransport } from './json-rpc-transport.js';
import { JsonRpcV03Transport } from './json-rpc-v03-transport.js';
import { RestTransport } from './rest-transport.js';
import type { A2ATransport, ClientBinding } from './transport.js';

/** Protocol versions this client speaks, newest first. */
export type ClientProtocolVersion = '1.0' | '0.3';

/** Which of the card's interfaces to use. */
export interface TransportPreferences {
  /** Bindings in order of preference. @defaultValue ['JSONRPC', 'HTTP+JSON'] */
  preferredBindings?: ClientBinding[];
  /** Protocol versions in order of preference. @defaultValue ['1.0', '0.3'] */
  preferredVersions?: ClientProtocolVersion[];
}

/** Pairs of binding and version the client implements (v0.3 is JSON-RPC only). */
const IMPLEMENTED: ReadonlySet<string> = new Set(['JSONRPC@1.0', 'HTTP+JSON@1.0', 'JSONRPC@0.3']);

/** An interface of the card the client can use, with its version normalised to Major.Minor. */
export interface SelectedInterface {
  agentInterface: AgentInterface;
  binding: ClientBinding;
  version: ClientProtocolVersion;
}

/** Picks the card interface to talk to: by version preference first, then by binding preference. */
export function selectInterface(card: AgentCard, prefs: TransportPreferences = {}): SelectedInterface {
  const bindings = prefs.preferredBindings ?? [PROTOCOL_BINDINGS.JSONRPC, PROTOCOL_BINDINGS.HTTP_JSON];
  const versions = prefs.preferredVersions ?? ['1.0', '0.3'];
  for (const version of versions) {
    for (const binding of bindings) {
      if (!IMPLEMENTED.has(`${binding}@${version}`)) continue;
      const agentInterface = card.supportedInterfaces.find(
        (i) => i.protocolBinding.toUpperCase() === binding && majorMinor(i.protocolVersion) === version,
      );
      if (agentInterface) return { agentInterface, binding, version };
    }
  }
  const offered = card.supportedInterfaces.map((i) => `${i.protocolBinding} ${i.protocolVersion}`).join(', ');
  throw new A2AClientError(
    'NO_COMPATIBLE_INTERFACE',
    `Agent ${card.name} offers no interface this client can use (offered: ${offered || 'none'}; ` +
      `wanted one of ${bindings.join(', ')} at version ${versions.join(' or ')})`,
  );
}

/** Builds the transport for a selected interface. */
export function createTransport(selected: SelectedInterface, channel: HttpChannel): A2ATransport {
  const { url, tenant } = selected.agentInterface;
  const effectiveTenant = tenant === '' ? undefined : tenant;
  if (selected.version === '0.3') return new JsonRpcV03Transport(channel, url);
  if (selected.binding === 'HTTP+JSON') return new RestTransport(channel, url, effectiveTenant);
  return new JsonRpcTransport(channel, url, effectiveTenant);
}

function majorMinor(version: string): string {
  const [major = '', minor = '0'] = version.trim().split('.');
  return `${major}.${minor}`;
}
