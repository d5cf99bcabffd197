import type { Artifact, Message, Part, Task } from '@a2a-platform/a2a-protocol';
import { paintState, type Style } from './terminal-style.js';

/** Indents every line of a block. */
export function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}

/** A part as readable lines: text as is, data pretty-printed JSON, files by name and type. */
export function renderPart(part: Part, style: Style): string {
  if (part.text !== undefined) return part.text;
  if (part.data !== undefined) return JSON.stringify(part.data, null, 2);
  const about = [part.mediaType, part.filename].filter(Boolean).join(', ');
  if (part.url !== undefined) return style.dim(`file ${part.url}${about ? ` (${about})` : ''}`);
  if (part.raw !== undefined) {
    const bytes = Buffer.from(part.raw, 'base64').length;
    return style.dim(`file of ${bytes} bytes${about ? ` (${about})` : ''}`);
  }
  return style.dim('(empty part)');
}

/** A part squeezed onto one line, for event lines: data as compact JSON, cut at `max` characters. */
export function compactPart(part: Part, max = 160): string {
  let text: string;
  if (part.text !== undefined) text = part.text.replace(/\s+/g, ' ').trim();
  else if (part.data !== undefined) text = JSON.stringify(part.data);
  else if (part.url !== undefined) text = `[file ${part.filename ?? part.url}]`;
  else if (part.raw !== undefined) text = `[file ${part.filename ?? `${part.raw.length} base64 chars`}]`;
  else text = '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Every part of a message or artifact on one line, separated by ` | `. */
export function compactParts(parts: readonly Part[]): string {
  return parts
    .map((p) => compactPart(p))
    .filter(Boolean)
    .join(' | ');
}

function renderParts(parts: readonly Part[], style: Style, by: string): string[] {
  return parts.map((p) => indent(renderPart(p, style), by));
}

/** An artifact: its name (and id), then its parts indented. */
export function renderArtifact(artifact: Artifact, style: Style): string[] {
  const title = artifact.name
    ? `${style.bold(artifact.name)} ${style.dim(`(${artifact.artifactId})`)}`
    : style.bold(artifact.artifactId);
  const lines = [`  ${title}`];
  if (artifact.description) lines.push(style.dim(`    ${artifact.description}`));
  lines.push(...renderParts(artifact.parts, style, '    '));
  return lines;
}

/** A message as `role: parts`, for history listings. */
export function renderMessage(message: Message, style: Style): string[] {
  const who = message.role === 'ROLE_AGENT' ? style.cyan('agent') : style.yellow('user');
  const [first, ...rest] = message.parts.map((p) => renderPart(p, style));
  const lines = [`  ${who}: ${(first ?? '').split('\n').join('\n    ')}`];
  for (const block of rest) lines.push(indent(block, '    '));
  return lines;
}

/** Options of {@link renderTask}. */
export interface RenderTaskOptions {
  /** Show the history the agent returned. @defaultValue false */
  history?: boolean;
}

/** A task readably: ids, state, status message, artifacts (data pretty-printed) and optionally history. */
export function renderTask(task: Task, style: Style, options: RenderTaskOptions = {}): string[] {
  const { status } = task;
  const lines = [
    `${style.bold('Task')} ${task.id}`,
    `${style.dim('Context')} ${task.contextId}`,
    `${style.dim('State')}   ${paintState(style, status.state)}${status.timestamp ? style.dim(`  at ${status.timestamp}`) : ''}`,
  ];
  if (status.message) {
    lines.push(style.dim('Status message:'));
    lines.push(...renderParts(status.message.parts, style, '  '));
  }
  const artifacts = task.artifacts ?? [];
  if (artifacts.length > 0) {
    lines.push(style.dim(`Artifacts (${artifacts.length}):`));
    for (const artifact of artifacts) lines.push(...renderArtifact(artifact, style));
  }
  if (options.history && task.history && task.history.length > 0) {
    lines.push(style.dim(`History (${task.history.length}):`));
    for (const message of task.history) lines.push(...renderMessage(message, style));
  }
  return lines;
}
