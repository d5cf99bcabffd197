import { randomUUID } from 'node:crypto';
import { A2AClient } from '@a2a-platform/a2a-client';
import type { Task } from '@a2a-platform/a2a-protocol';
import { startSpanReceiver, type ReceivedSpan, type SpanReceiver } from './otlp-span-receiver.js';
import { TestStack } from './stack-harness.js';
import type { ServiceName } from '../src/services.js';

// Black-box: the five built services as processes with the telemetry bootstrap, exporting spans to an
// in-test OTLP receiver. One blocking send of the workflow must come out as one trace, its log lines
// must carry that trace, and the agents' /metrics must count the tasks.

const REQUEST = 'Check low stock and reorder what we need';

interface Step {
  agent: string;
  skill: string;
  taskId: string;
  state: string;
}

const AGENTS = {
  'inventory-agent': { card: 'Inventory Agent', mcp: 'inventory-mcp', skill: 'low-stock-report' },
  'procurement-agent': { card: 'Procurement Agent', mcp: 'erp-mcp', skill: 'create-purchase-orders' },
} as const;
type AgentService = keyof typeof AGENTS;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

function stepsOf(task: Task): Step[] {
  const artifact = task.artifacts?.find((a) => a.name === 'replenishment-report');
  const data = artifact?.parts.find((p) => p.data !== undefined)?.data as { steps?: Step[] } | undefined;
  if (!data?.steps) throw new Error(`task ${task.id} has no report steps: ${JSON.stringify(task.artifacts)}`);
  return data.steps;
}

/** The spans of one trace, with the lookups the assertions need. */
class Trace {
  private readonly byId: Map<string, ReceivedSpan>;

  constructor(readonly spans: readonly ReceivedSpan[]) {
    this.byId = new Map(spans.map((s) => [s.spanId, s]));
  }

  find(service: string, pred: (s: ReceivedSpan) => boolean): ReceivedSpan[] {
    return this.spans.filter((s) => s.service === service && pred(s));
  }

  /** True when `ancestor` is on the parent chain of `span` (the chain may cross processes). */
  descends(span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
    for (let p = this.byId.get(span.parentSpanId ?? ''); p; p = this.byId.get(p.parentSpanId ?? '')) {
      if (p.spanId === ancestor.spanId) return true;
    }
    return false;
  }

  /** The parent chain of `span` up to (not including) `ancestor`, as `service: name` lines. */
  pathTo(span: ReceivedSpan, ancestor: ReceivedSpan): string[] {
    const path: string[] = [];
    for (
      let p = this.byId.get(span.parentSpanId ?? '');
      p && p !== ancestor;
      p = this.byId.get(p.parentSpanId ?? '')
    )
      path.push(`${p.service}: ${p.name}`);
    return path;
  }
}

const isA2AServer = (method: string, taskId: string) => (s: ReceivedSpan) =>
  s.kind === 'SERVER' && s.name === `A2A ${method}` && s.attributes['a2a.task.id'] === taskId;

/** Every trace id found on log lines of `service` that name one of `ids` (as taskId or childTaskId). */
function traceIdsOfTaskLines(stack: TestStack, service: ServiceName, ids: Set<string>) {
  const lines = stack
    .logLines(service)
    .filter((l) => ids.has(String(l['taskId'])) || ids.has(String(l['childTaskId'])));
  return { lines, traceIds: new Set(lines.map((l) => l['traceId'])) };
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of `a2a_server_tasks_finished_total` for one state and skill, 0 when absent. */
function finishedTasks(metrics: string, state: string, skill: string): number {
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('a2a_server_tasks_finished_total{')) continue;
    if (line.includes(`state="${state}"`) && line.includes(`skill="${skill}"`))
      return Number(line.split(' ').pop());
  }
  return 0;
}

describe('one replenishment workflow is one trace across the five processes', () => {
  let receiver: SpanReceiver;
  let stack: TestStack;
  let task: Task;
  let steps: Step[];
  let trace: Trace;
  let root: ReceivedSpan;

  beforeAll(async () => {
    receiver = await startSpanReceiver();
    stack = await TestStack.start(
      // High enough that no order needs approval: the workflow completes in one blocking call.
      { 'procurement-agent': { APPROVAL_THRESHOLD_EUR: '1000000000' } },
      {
        commonEnv: {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_BSP_SCHEDULE_DELAY: '200',
          OTEL_METRICS_EXPORTER: 'none',
        },
      },
    );
    const orchestrator = await A2AClient.connect(stack.url('orchestrator'), { timeoutMs: 30_000 });
    const result = await orchestrator.sendMessage({
      message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: REQUEST }] },
    });
    if (!('task' in result)) throw new Error('expected a task');
    task = result.task;
    steps = stepsOf(task);

    // The workflow's trace is the one of the orchestrator's server span for this task; wait until the
    // MCP server spans of both agents' calls have arrived in it too.
    const spans = await receiver.waitFor((all) => {
      const call = all.find((s) => s.service === 'orchestrator' && isA2AServer('SendMessage', task.id)(s));
      if (!call) return false;
      const inTrace = all.filter((s) => s.traceId === call.traceId);
      return ['inventory-mcp', 'erp-mcp'].every((mcp) =>
        inTrace.some((s) => s.service === mcp && s.kind === 'SERVER' && s.name.startsWith('tools/call ')),
      );
    }, 20_000);
    root = required(
      spans.find((s) => s.service === 'orchestrator' && isA2AServer('SendMessage', task.id)(s)),
      'the orchestrator server span',
    );
    // Spans are batched per process: give the slowest batch one more delay before reading the trace.
    await new Promise((r) => setTimeout(r, 600));
    trace = new Trace(receiver.spans.filter((s) => s.traceId === root.traceId));
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('completes, delegating to both agents', () => {
    expect(task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(steps.map((s) => s.skill)).toEqual(['low-stock-report', 'create-purchase-orders']);
    expect(stack.exits).toEqual([]);
  });

  it("starts at the orchestrator's A2A server span, which names the task", () => {
    expect(root.attributes).toMatchObject({
      'a2a.method': 'SendMessage',
      'a2a.task.id': task.id,
      'a2a.context.id': task.contextId,
      'a2a.task.state': 'TASK_STATE_COMPLETED',
      'gen_ai.agent.name': 'Supply Chain Orchestrator',
    });
  });

  it.each(Object.keys(AGENTS) as AgentService[])(
    'reaches %s through an invoke_agent span, and its MCP server through a tools/call span',
    (service) => {
      const { card, mcp, skill } = AGENTS[service];
      const step = required(
        steps.find((s) => s.skill === skill),
        `the ${skill} step`,
      );

      // Orchestrator: invoke_agent {agent} CLIENT span under its own server span.
      const invokes = trace.find('orchestrator', (s) => s.name === `invoke_agent ${card}`);
      expect(invokes).toHaveLength(1);
      const [invoke] = invokes;
      expect(invoke.kind).toBe('CLIENT');
      expect(trace.descends(invoke, root)).toBe(true);
      expect(invoke.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': card,
        'gen_ai.conversation.id': expect.any(String),
        'a2a.task.id': step.taskId,
      });

      // Agent: its A2A server span for the child task, under the invoke_agent span (via traceparent).
      const [agentCall] = trace.find(
        service,
        (s) =>
          s.kind === 'SERVER' && s.name.startsWith('A2A Send') && s.attributes['a2a.task.id'] === step.taskId,
      );
      expect(agentCall).toBeDefined();
      expect(trace.descends(agentCall, invoke)).toBe(true);
      // Nothing but transport spans (fetch, HTTP, route) between the two.
      expect(trace.pathTo(agentCall, invoke).filter((p) => /A2A |invoke_agent|execute /.test(p))).toEqual([]);
      expect(agentCall.attributes).toMatchObject({
        'a2a.context.id': invoke.attributes['gen_ai.conversation.id'],
        'a2a.task.state': 'TASK_STATE_COMPLETED',
        'gen_ai.agent.name': card,
      });

      // Agent -> MCP server: client span under the agent's call, server span its direct child.
      const clients = trace.find(service, (s) => s.kind === 'CLIENT' && s.name.startsWith('tools/call '));
      expect(clients.length).toBeGreaterThan(0);
      for (const client of clients) {
        expect(trace.descends(client, agentCall)).toBe(true);
        const tool = client.name.slice('tools/call '.length);
        const servers = trace.find(mcp, (s) => s.kind === 'SERVER' && s.parentSpanId === client.spanId);
        expect(servers.map((s) => s.name)).toEqual([`tools/call ${tool}`]);
        for (const span of [client, servers[0]]) {
          expect(span.attributes).toMatchObject({
            'mcp.method.name': 'tools/call',
            'gen_ai.tool.name': tool,
            'gen_ai.operation.name': 'execute_tool',
            'mcp.session.id': expect.any(String),
          });
          expect(span.attributes['error.type']).toBeUndefined();
        }
        expect(servers[0].attributes['mcp.session.id']).toBe(client.attributes['mcp.session.id']);
      }
    },
  );

  it("puts every log line about the workflow's tasks in the workflow's trace", async () => {
    const ids = new Set([task.id, ...steps.map((s) => s.taskId)]);
    // Lines reach the files through pipes: wait until the last one the workflow writes is there.
    for (let i = 0; i < 50; i++) {
      const { lines } = traceIdsOfTaskLines(stack, 'orchestrator', ids);
      if (lines.some((l) => l['msg'] === 'execution ended')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const service of ['orchestrator', 'inventory-agent', 'procurement-agent'] as const) {
      const { lines, traceIds } = traceIdsOfTaskLines(stack, service, ids);
      // Not vacuous: each service logged the run of its task, and the agents their MCP calls.
      const messages = lines.map((l) => l['msg']);
      expect(messages).toEqual(expect.arrayContaining(['execution started', 'execution ended']));
      if (service !== 'orchestrator') expect(messages).toContain('MCP tool call');
      else expect(messages).toEqual(expect.arrayContaining(['delegating to agent', 'child task turn ended']));
      expect([...traceIds]).toEqual([root.traceId]);
    }
  });

  it("counts the finished tasks on the orchestrator's and the agents' /metrics", async () => {
    const expected: [ServiceName, string][] = [
      ['orchestrator', 'supply-chain-replenishment'],
      ['inventory-agent', 'low-stock-report'],
      ['procurement-agent', 'create-purchase-orders'],
    ];
    for (const [service, skill] of expected) {
      const metrics = await scrape(stack.url(service));
      expect({ service, finished: finishedTasks(metrics, 'TASK_STATE_COMPLETED', skill) }).toEqual({
        service,
        finished: 1,
      });
    }
  });
});
