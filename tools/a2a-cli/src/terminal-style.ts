import type { TaskState } from '@a2a-platform/a2a-protocol';

type Paint = (text: string) => string;

/** Text decoration for one output stream: ANSI colours on a terminal, plain text otherwise. */
export interface Style {
  readonly enabled: boolean;
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  blue: Paint;
  magenta: Paint;
  cyan: Paint;
}

const plain: Paint = (text) => text;

function sgr(open: number, close: number): Paint {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/**
 * Colours only on a TTY and never when `NO_COLOR` is set to a non-empty value (no-color.org).
 * `FORCE_COLOR` (non-empty, not `0`) turns them on anyway.
 */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  const force = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '' && env['FORCE_COLOR'] !== '0';
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const enabled = !noColor && (force || stream.isTTY === true);
  if (!enabled) {
    return {
      enabled,
      bold: plain,
      dim: plain,
      red: plain,
      green: plain,
      yellow: plain,
      blue: plain,
      magenta: plain,
      cyan: plain,
    };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    magenta: sgr(35, 39),
    cyan: sgr(36, 39),
  };
}

/** `TASK_STATE_INPUT_REQUIRED` -> `input-required`. */
export function stateLabel(state: TaskState | string): string {
  return state
    .replace(/^TASK_STATE_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}

/** Longest state label, for aligned columns. */
export const STATE_WIDTH = 'input-required'.length;

/** The state's label in the colour of its outcome. */
export function paintState(style: Style, state: TaskState | string, width = 0): string {
  const label = stateLabel(state).padEnd(width);
  switch (state) {
    case 'TASK_STATE_COMPLETED':
      return style.green(label);
    case 'TASK_STATE_FAILED':
    case 'TASK_STATE_REJECTED':
      return style.red(label);
    case 'TASK_STATE_CANCELED':
      return style.yellow(label);
    case 'TASK_STATE_INPUT_REQUIRED':
    case 'TASK_STATE_AUTH_REQUIRED':
      return style.magenta(label);
    default:
      return style.blue(label);
  }
}
