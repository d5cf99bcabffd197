import type { StreamResponse, TaskState } from '@a2a-platform/a2a-protocol';
import { compactParts } from './task-view.js';
import { paintState, STATE_WIDTH, type Style } from './terminal-style.js';

/** What one stream event says, as a coloured label and a one-line text. */
export interface EventSummary {
  label: string;
  text: string;
  /** The task's state after the event, when the event carries one. */
  state?: TaskState;
}

/** Summarises a stream event: task snapshots, status changes with their message, artifact chunks. */
export function summarizeEvent(event: StreamResponse, style: Style): EventSummary {
  if ('task' in event) {
    const { task } = event;
    const artifacts = task.artifacts?.length ? `, ${task.artifacts.length} artifact(s)` : '';
    const message = task.status.message ? `: ${compactParts(task.status.message.parts)}` : '';
    return {
      label: paintState(style, task.status.state, STATE_WIDTH),
      text: `task ${task.id} ${style.dim(`(context ${task.contextId}${artifacts})`)}${message}`,
      state: task.status.state,
    };
  }
  if ('statusUpdate' in event) {
    const { status } = event.statusUpdate;
    return {
      label: paintState(style, status.state, STATE_WIDTH),
      text: status.message ? compactParts(status.message.parts) : '',
      state: status.state,
    };
  }
  if ('artifactUpdate' in event) {
    const { artifact, append, lastChunk } = event.artifactUpdate;
    const flags = [append ? 'appended' : '', lastChunk ? 'last chunk' : ''].filter(Boolean).join(', ');
    const name = artifact.name ?? artifact.artifactId;
    return {
      label: style.cyan('artifact'.padEnd(STATE_WIDTH)),
      text: `${style.bold(name)}${flags ? style.dim(` (${flags})`) : ''}: ${compactParts(artifact.parts)}`,
    };
  }
  return {
    label: style.cyan('message'.padEnd(STATE_WIDTH)),
    text: compactParts(event.message.parts),
  };
}

/** `HH:MM:SS.mmm` in local time. */
export function clockTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/** One progress line: `<lead>  <label>  <text>`, where lead is a time or an event id. */
export function eventLine(lead: string, summary: EventSummary, style: Style): string {
  return `${style.dim(lead)}  ${summary.label}  ${summary.text}`.trimEnd();
}
