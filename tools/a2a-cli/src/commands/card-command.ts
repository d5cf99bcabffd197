import { resolveAgentCard, selectInterface } from '@a2a-platform/a2a-client';
import type { AgentCard, AgentInterface } from '@a2a-platform/a2a-protocol';
import { describeFailure, EXIT } from '../cli-errors.js';
import { positionals, type GlobalOptions } from '../cli-options.js';
import { indent } from '../task-view.js';
import type { Style } from '../terminal-style.js';
import type { Command } from './command-context.js';

/** `card`: resolves the Agent Card and prints a summary (the card itself with `--json`). */
export const cardCommand: Command = async ({ args, global, output }) => {
  positionals('card', args, []);
  let card: AgentCard;
  try {
    card = await resolveAgentCard(global.url, { timeoutMs: global.timeoutMs, headers: () => global.headers });
  } catch (err) {
    throw describeFailure(err, `reading the agent card at ${global.url}`);
  }
  if (global.json) output.json(card);
  else output.out(...renderCard(card, chosenInterface(card, global), output.style));
  return EXIT.OK;
};

/** The interface this CLI would talk to with these options, if any. */
function chosenInterface(card: AgentCard, global: GlobalOptions): AgentInterface | undefined {
  try {
    return selectInterface(card, {
      preferredBindings: global.binding ? [global.binding] : undefined,
      preferredVersions: global.protocol ? [global.protocol] : undefined,
    }).agentInterface;
  } catch {
    return undefined;
  }
}

/** A readable summary of a card: identity, capabilities, interfaces (the chosen one marked), skills. */
export function renderCard(card: AgentCard, chosen: AgentInterface | undefined, style: Style): string[] {
  const lines = [`${style.bold(card.name)} ${style.dim(`version ${card.version}`)}`];
  if (card.description) lines.push(card.description);
  if (card.provider)
    lines.push(`${style.dim('Provider:')} ${card.provider.organization} (${card.provider.url})`);
  if (card.documentationUrl) lines.push(`${style.dim('Docs:')} ${card.documentationUrl}`);
  const caps = card.capabilities ?? {};
  const capabilities = [
    caps.streaming ? 'streaming' : '',
    caps.pushNotifications ? 'push notifications' : '',
    caps.extendedAgentCard ? 'extended agent card' : '',
    ...(caps.extensions ?? []).map((e) => `extension ${e.uri}${e.required ? ' (required)' : ''}`),
  ].filter(Boolean);
  lines.push(`${style.dim('Capabilities:')} ${capabilities.join(', ') || 'none'}`);
  lines.push(`${style.dim('Input modes:')} ${card.defaultInputModes.join(', ') || '-'}`);
  lines.push(`${style.dim('Output modes:')} ${card.defaultOutputModes.join(', ') || '-'}`);
  const schemes = Object.keys(card.securitySchemes ?? {});
  if (schemes.length > 0) lines.push(`${style.dim('Security schemes:')} ${schemes.join(', ')}`);

  lines.push('', style.bold(`Interfaces (${card.supportedInterfaces.length}):`));
  const width = Math.max(...card.supportedInterfaces.map((i) => i.protocolBinding.length));
  for (const i of card.supportedInterfaces) {
    const mark = i === chosen ? style.green('*') : ' ';
    const tenant = i.tenant ? style.dim(` tenant ${i.tenant}`) : '';
    lines.push(
      `${mark} ${i.protocolBinding.padEnd(width)}  ${i.protocolVersion.padEnd(4)}  ${i.url}${tenant}`,
    );
  }
  if (chosen) lines.push(style.dim('  (* the interface this client uses with these options)'));

  lines.push('', style.bold(`Skills (${card.skills.length}):`));
  for (const skill of card.skills) {
    lines.push(`  ${style.cyan(skill.id)}  ${skill.name}`);
    if (skill.description) lines.push(indent(skill.description, '    '));
    lines.push(`    ${style.dim('tags:')} ${skill.tags.join(', ') || '-'}`);
    for (const example of skill.examples ?? []) lines.push(`    ${style.dim('example:')} ${example}`);
  }
  return lines;
}
