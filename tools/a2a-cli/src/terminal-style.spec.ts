import { paintState, stateLabel, styleFor } from './terminal-style.js';
import { answerCommand, shellQuote } from './task-outcome.js';

describe('styleFor', () => {
  it('colours a terminal only, and never with NO_COLOR set', () => {
    expect(styleFor({ isTTY: true }, {}).enabled).toBe(true);
    expect(styleFor({ isTTY: false }, {}).enabled).toBe(false);
    expect(styleFor({}, {}).enabled).toBe(false);
    expect(styleFor({ isTTY: true }, { NO_COLOR: '1' }).enabled).toBe(false);
    // An empty NO_COLOR does not count (no-color.org).
    expect(styleFor({ isTTY: true }, { NO_COLOR: '' }).enabled).toBe(true);
    expect(styleFor({ isTTY: false }, { FORCE_COLOR: '1' }).enabled).toBe(true);
    expect(styleFor({ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: '1' }).enabled).toBe(false);
  });

  it('writes plain labels without colours, ANSI sequences with them', () => {
    expect(paintState(styleFor({}, {}), 'TASK_STATE_INPUT_REQUIRED')).toBe('input-required');
    expect(paintState(styleFor({ isTTY: true }, {}), 'TASK_STATE_FAILED')).toBe('\u001b[31mfailed\u001b[39m');
    expect(stateLabel('TASK_STATE_AUTH_REQUIRED')).toBe('auth-required');
  });
});

describe('answerCommand', () => {
  it('quotes words the shell would split or expand', () => {
    expect(shellQuote('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    const task = {
      id: 'task 1',
      contextId: 'ctx-1',
      status: { state: 'TASK_STATE_INPUT_REQUIRED' as const },
    };
    const global = { url: 'http://agent:3002', binding: 'HTTP+JSON' as const, json: false, headers: {} };
    expect(answerCommand(task, 'send', global)).toBe(
      "a2a send --url http://agent:3002 --binding rest --task 'task 1' --context ctx-1 '<your answer>'",
    );
  });
});
