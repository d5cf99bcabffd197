import type {
  AgentCard,
  ListTasksResponse,
  SendMessageResponse,
  StreamResponse,
  Task,
} from '@a2a-platform/a2a-protocol';
import { ensureCliBuilt, runCli, startCli } from './support/cli-process.js';
import { freePort, QUESTION, startTestAgent, type TestAgent } from './support/test-agent.js';

jest.setTimeout(30_000);

let agent: TestAgent;
let url: string[];

beforeAll(async () => {
  ensureCliBuilt();
  agent = await startTestAgent();
  url = ['--url', agent.url];
}, 240_000);
afterAll(() => agent?.close());

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;

/** The task id a readable task report starts with. */
function reportedTaskId(stdout: string): string {
  const id = /^Task (\S+)$/m.exec(stdout)?.[1];
  if (!id) throw new Error(`no task id in:\n${stdout}`);
  return id;
}

/** The id of the task a readable stream announced in its first line. */
function streamedTaskId(stdout: string): string {
  const id = /submitted\s+task (\S+)/.exec(stdout)?.[1];
  if (!id) throw new Error(`no streamed task id in:\n${stdout}`);
  return id;
}

/**
 * The arguments of the hinted answer command, without `a2a` and its `'<your answer>'` placeholder (the
 * ids and URL here need no quoting, so splitting at spaces is exact).
 */
function hintedCommand(stdout: string): string[] {
  const line = /^ {2}a2a ((?:send|stream) .*) '<your answer>'$/m.exec(stdout)?.[1];
  if (!line) throw new Error(`no answer command in:\n${stdout}`);
  return line.split(' ');
}

describe('card', () => {
  it('summarises the card: name, version, interfaces and skills with their tags', async () => {
    const run = await runCli(['card', ...url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CLI Test Agent version 9.8.7');
    expect(run.stdout).toMatch(new RegExp(String.raw`^\* JSONRPC\s+1\.0\s+${agent.url}$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(String.raw`^ {2}HTTP\+JSON\s+1\.0\s+${agent.url}$`, 'm'));
    expect(run.stdout).toMatch(/^ {2}echo {2}Echo$/m);
    expect(run.stdout).toContain('tags: testing, echo');
    expect(run.stdout).toContain('tags: testing, input-required');
  });

  it('marks the interface chosen by --binding and prints the card itself with --json', async () => {
    const [readable, json] = await Promise.all([
      runCli(['card', ...url, '--binding', 'rest']),
      runCli(['card', ...url, '--json']),
    ]);
    expect(readable.stdout).toMatch(/^\* HTTP\+JSON\s+1\.0/m);
    expect(json.code).toBe(0);
    const card = JSON.parse(json.stdout) as AgentCard;
    expect(card.name).toBe('CLI Test Agent');
    expect(card.skills.map((s) => s.id)).toEqual(['echo', 'approval']);
  });
});

describe('send', () => {
  it('prints the final task: state, status message, artifacts with data pretty-printed and text', async () => {
    const run = await runCli(['send', 'hello', 'world', ...url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^State {3}completed/m);
    expect(run.stdout).toContain('Status message:\n  Echoed');
    expect(run.stdout).toMatch(/^ {2}echo \(/m);
    expect(run.stdout).toContain('      "text": "hello world",\n      "received": null\n');
    expect(run.stdout).toContain('    You said: hello world');
  });

  it('sends --data as a data part and prints parseable JSON with --json', async () => {
    const run = await runCli(['send', 'order', ...url, '--data', '{"sku":"SKU-1001","qty":5}', '--json']);
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as SendMessageResponse;
    if (!('task' in response)) throw new Error('expected a task');
    expect(response.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(response.task.artifacts?.[0]?.parts[0]?.data).toEqual({
      text: 'order',
      received: { sku: 'SKU-1001', qty: 5 },
    });
  });

  it('exits 1 when the task fails, with the agent message', async () => {
    const run = await runCli(['send', 'fail', ...url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^State {3}failed/m);
    expect(run.stdout).toContain('The warehouse system is down');
  });

  it('prints the question and the exact command that answers an input-required task', async () => {
    const asked = await runCli(['send', 'ask', ...url]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^State {3}input-required/m);
    expect(asked.stdout).toContain(`The agent needs your input:\n  ${QUESTION}`);
    expect(asked.stdout).toContain('"totalEur": 6150.5');
    const taskId = reportedTaskId(asked.stdout);
    const words = hintedCommand(asked.stdout);
    expect(words).toEqual(['send', '--url', agent.url, '--task', taskId, '--context', expect.any(String)]);

    const rejected = await runCli([...words, 'reject']);
    expect(rejected.code).toBe(1);
    expect(reportedTaskId(rejected.stdout)).toBe(taskId);
    expect(rejected.stdout).toMatch(/^State {3}rejected/m);
  });

  it('rejects bad usage with exit status 2 and a message naming the problem', async () => {
    // The option checks themselves are unit-tested in src/cli-options.spec.ts.
    const [badJson, v03rest] = await Promise.all([
      runCli(['send', 'x', '--data', '{nope', ...url]),
      runCli(['send', 'x', '--protocol', '0.3', '--binding', 'rest', ...url]),
    ]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('--data is not valid JSON');
    expect(badJson.stderr).toContain('Run "a2a --help" for usage.');
    expect(v03rest.code).toBe(2);
    expect(v03rest.stderr).toContain('--protocol 0.3 is spoken over JSON-RPC only');
  });

  it('exits 2 naming the agent it cannot reach', async () => {
    const port = await freePort();
    const run = await runCli(['send', 'x', '--url', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `Cannot reach the agent (reading the agent card at http://127.0.0.1:${port})`,
    );
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('speaks v0.3 JSON-RPC and HTTP+JSON when asked, and sends --header on every request', async () => {
    const v03 = await runCli(['send', 'old', 'protocol', ...url, '--protocol', '0.3']);
    expect(v03.code).toBe(0);
    expect(v03.stdout).toContain('You said: old protocol');
    const before = agent.testHeaders.length;
    const rest = await runCli([
      'send',
      'rest',
      ...url,
      '--binding',
      'rest',
      '--header',
      'X-Cli-Test=marker-1',
    ]);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('You said: rest');
    // The card request and the SendMessage request both carried it.
    expect(agent.testHeaders.slice(before)).toEqual(['marker-1', 'marker-1']);
  });
});

describe('stream and subscribe', () => {
  it('prints one line per event with time, state, status text and artifact chunks, then the final state', async () => {
    const run = await runCli(['stream', 'slow', '3', ...url]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${TIME} {2}submitted\\s+task \\S+ \\(context \\S+\\)$`));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${TIME} {2}working\\s+step 1 of 3$`)));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${TIME} {2}artifact\\s+progress: chunk 1$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/artifact\s+progress \(appended\): chunk 2$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/artifact\s+progress \(appended, last chunk\): chunk 3$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${TIME} {2}completed\\s+Done after 3 steps$`)),
    );
    expect(lines.at(-1)).toBe('Final state: completed');
  });

  it('prints one parseable StreamResponse per line with --json', async () => {
    const run = await runCli(['stream', 'slow', '2', ...url, '--json']);
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StreamResponse);
    expect(events.length).toBeGreaterThan(0);
    expect('task' in events[0]).toBe(true);
    expect(events.filter((e) => 'artifactUpdate' in e)).toHaveLength(2);
    const last = events[events.length - 1];
    expect('statusUpdate' in last && last.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('ends at input-required with the question and a stream command that answers it', async () => {
    const asked = await runCli(['stream', 'ask', ...url]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Final state: input-required');
    expect(asked.stdout).toContain(QUESTION);
    const taskId = streamedTaskId(asked.stdout);
    const words = hintedCommand(asked.stdout);
    expect(words).toEqual(['stream', '--url', agent.url, '--task', taskId, '--context', expect.any(String)]);

    const answered = await runCli([...words, 'approve']);
    expect(answered.code).toBe(0);
    expect(answered.stdout).toMatch(/completed\s+Purchase order approved/);
    expect(answered.stdout.trimEnd().split('\n').at(-1)).toBe('Final state: completed');
  });

  it('cancels the task on Ctrl-C before exiting with status 1', async () => {
    const cli = startCli(['stream', 'slow', '40', ...url]);
    const seen = await cli.waitForStdout(/step 1 of 40/);
    const taskId = streamedTaskId(seen);
    cli.child.kill('SIGINT');
    const run = await cli.finished;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Interrupted: canceling task ${taskId}`);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Final state: canceled');
    const stored = await agent.store.inspect(taskId);
    expect(stored?.record.task.status.state).toBe('TASK_STATE_CANCELED');
  });

  it('subscribes to a running task, and `cancel` ends it (the stream then exits 1)', async () => {
    const streaming = startCli(['stream', 'slow', '40', ...url]);
    const taskId = streamedTaskId(await streaming.waitForStdout(/step 1 of 40/));
    const subscribed = startCli(['subscribe', taskId, ...url]);
    await subscribed.waitForStdout(/step \d+ of 40/);

    const cancel = await runCli(['cancel', taskId, ...url]);
    expect(cancel.code).toBe(0);
    expect(reportedTaskId(cancel.stdout)).toBe(taskId);
    expect(cancel.stdout).toMatch(/^State {3}canceled/m);

    const [stream, subscription] = await Promise.all([streaming.finished, subscribed.finished]);
    expect(stream.code).toBe(1);
    expect(stream.stdout.trimEnd().split('\n').at(-1)).toBe('Final state: canceled');
    expect(subscription.code).toBe(1);
    expect(subscription.stdout).toMatch(new RegExp(`^${TIME} {2}working\\s+task ${taskId}`, 'm'));
    expect(subscription.stdout.trimEnd().split('\n').at(-1)).toBe('Final state: canceled');

    const again = await runCli(['cancel', taskId, ...url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('TASK_NOT_CANCELABLE');
  });
});

describe('get and list', () => {
  let first: Task;
  let second: Task;
  const contextId = `ctx-${Date.now()}`;

  beforeAll(async () => {
    const sent = await Promise.all(
      ['one', 'two'].map((word) => runCli(['send', word, ...url, '--context', contextId, '--json'])),
    );
    [first, second] = sent.map((run) => (JSON.parse(run.stdout) as { task: Task }).task) as [Task, Task];
  });

  it('gets a task readably, with history when asked, and as JSON', async () => {
    const run = await runCli(['get', first.id, ...url, '--history', '10']);
    expect(run.code).toBe(0);
    expect(reportedTaskId(run.stdout)).toBe(first.id);
    expect(run.stdout).toContain(`Context ${contextId}`);
    expect(run.stdout).toMatch(/^History \(\d+\):\n {2}user: one$/m);
    const json = await runCli(['get', second.id, ...url, '--json']);
    expect((JSON.parse(json.stdout) as Task).id).toBe(second.id);
  });

  it('exits 2 when the task does not exist', async () => {
    const run = await runCli(['get', 'no-such-task', ...url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The agent refused GetTask');
    expect(run.stderr).toContain('TASK_NOT_FOUND');
  });

  it('lists tasks of a context, filters by state and pages with the printed command', async () => {
    const [json, page1, none, bad] = await Promise.all([
      runCli(['list', ...url, '--context', contextId, '--json']),
      runCli(['list', ...url, '--context', contextId, '--state', 'completed', '--page-size', '1']),
      runCli(['list', ...url, '--context', contextId, '--state', 'TASK_STATE_FAILED']),
      runCli(['list', ...url, '--state', 'sleeping']),
    ]);
    expect(json.code).toBe(0);
    const all = JSON.parse(json.stdout) as ListTasksResponse;
    expect(all.tasks.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());

    expect(page1.code).toBe(0);
    expect(page1.stdout).toMatch(/^TASK\s+STATE\s+UPDATED\s+CONTEXT\s+STATUS$/m);
    expect(page1.stdout).toMatch(/^\S+\s+completed\s+\S+Z\s+ctx-\d+\s+Echoed$/m);
    expect(page1.stdout).toContain('1 task(s) shown, 2 in all.');
    const next = /^Next page: a2a (.*)$/m.exec(page1.stdout)?.[1]?.split(' ');
    expect(next).toContain('--page-token');
    const page2 = await runCli(next ?? []);
    expect(page2.code).toBe(0);
    const ids = [page1.stdout, page2.stdout].map((out) => (out.includes(first.id) ? first.id : second.id));
    expect(new Set(ids).size).toBe(2);
    expect(page2.stdout).not.toContain('Next page');

    expect(none.stdout).toContain('No tasks.');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--state must be one of');
  });
});
