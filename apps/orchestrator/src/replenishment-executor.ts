import { createHash, randomUUID } from 'node:crypto';
import { isInterruptedState, type Message, type Part } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';
import {
  SkillNotFoundError,
  UnknownAgentError,
  type AgentRegistry,
  type KnownAgent,
  type RoutedAgent,
} from './agent-registry.js';
import {
  ChildDelegation,
  silentDelegationLogger,
  textOf,
  WorkflowFailure,
  type ChildOutcome,
  type DelegationLogger,
} from './child-delegation.js';
import {
  aggregateOrderItems,
  artifactData,
  parseLowStockItems,
  parsePurchaseOrders,
  readReplenishmentRequest,
  type LowStockItem,
  type OrderItem,
  type PurchaseOrdersResult,
} from './replenishment-plan.js';
import { recordStep, reportArtifact, summarizeReport, type StepRecord } from './replenishment-report.js';
import {
  checkpointMetadata,
  latestCheckpoint,
  readCheckpoint,
  type WorkflowCheckpoint,
  type WorkflowStep,
} from './workflow-checkpoint.js';

/** Options of the {@link ReplenishmentExecutor}. */
export interface ReplenishmentExecutorOptions {
  registry: AgentRegistry;
  /** Longest one turn of a child task may take. */
  childTimeoutMs: number;
  /** Longest a CancelTask to a child may take. @defaultValue 5000 */
  cancelTimeoutMs?: number;
}

/** What the workflow carries from step to step (and through a pause, in the checkpoint). */
interface WorkflowState {
  requestedBy: string;
  lowStockItems?: LowStockItem[];
  steps: StepRecord[];
}

/** One execution: the orchestrator's task, its updater and the child tasks it started. */
interface Run {
  ctx: ExecutionContext;
  updater: TaskUpdater;
  children: ChildDelegation;
}

/**
 * A contextId for the tasks one orchestrator task gives one child agent: stable (the same on every
 * instance, without storing it) and unrelated to the caller's own contextId.
 */
export function childContextId(orchestratorTaskId: string, agentUrl: string): string {
  const hex = createHash('sha256').update(`${orchestratorTaskId}\n${agentUrl}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function stepLabel(step: WorkflowStep): string {
  return step === 'low-stock-report' ? 'low-stock check' : 'purchase orders';
}

/**
 * The `supply-chain-replenishment` skill: asks the agent offering `low-stock-report` for items below
 * their reorder point, totals the suggested quantities per SKU, and has the agent offering
 * `create-purchase-orders` order them. Child progress is relayed as working statuses; a child's
 * question makes this task input-required with the question passed through, and the answer is
 * forwarded to the same child task. Cancelling this task cancels the child tasks still running.
 */
export class ReplenishmentExecutor implements AgentExecutor {
  /** Where delegations are logged; set it once the service's logger exists. */
  logger: DelegationLogger = silentDelegationLogger;

  constructor(private readonly options: ReplenishmentExecutorOptions) {}

  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const { registry } = this.options;
    const children = new ChildDelegation({
      signal: ctx.signal,
      timeoutMs: this.options.childTimeoutMs,
      cancelTimeoutMs: this.options.cancelTimeoutMs,
      onProgress: (agent, text, childTaskId) =>
        updater.working({
          messageId: randomUUID(),
          role: 'ROLE_AGENT',
          parts: [{ text: `${agent.label}: ${text}` }],
          metadata: { relayedFrom: { agent: agent.label, url: agent.url, taskId: childTaskId } },
        }),
      onUnreachable: (agent) => registry.forget(agent.url),
      logger: this.logger,
    });
    const run: Run = { ctx, updater, children };
    try {
      if (ctx.resumed) await this.resume(run);
      else await this.start(run);
    } catch (err) {
      await children.cancelOpen();
      if (err instanceof WorkflowFailure && !ctx.signal.aborted) {
        await updater.fail(err.message);
        return;
      }
      throw err;
    }
  }

  /**
   * A task canceled while it waited for an answer has no run to cancel its children: the child
   * task named in the pause checkpoint is canceled here (on whichever instance took the cancel).
   */
  async onCanceled(ctx: ExecutionContext): Promise<void> {
    await this.releaseChild(ctx);
  }

  /** A paused task failed at its deadline leaves its child waiting too: it is canceled the same way. */
  async onExpired(ctx: ExecutionContext): Promise<void> {
    await this.releaseChild(ctx);
  }

  private async releaseChild(ctx: ExecutionContext): Promise<void> {
    const checkpoint = latestCheckpoint(ctx.task.history);
    if (!checkpoint) return;
    const timeoutMs = this.options.cancelTimeoutMs ?? 5_000;
    const signal = AbortSignal.timeout(timeoutMs);
    this.logger.info(
      { url: checkpoint.childAgent.url, childTaskId: checkpoint.childTaskId },
      'canceling the child task waiting for input',
    );
    try {
      const agent = await this.options.registry.agentAt(checkpoint.childAgent.url, signal);
      await agent.client.cancelTask({ id: checkpoint.childTaskId }, { signal, timeoutMs });
    } catch {
      // Already ended (TaskNotCancelable), or the agent is gone: nothing left to stop.
    }
  }

  private async start(run: Run): Promise<void> {
    const request = readReplenishmentRequest(run.ctx.message, run.ctx.scope.owner);
    const state: WorkflowState = { requestedBy: request.requestedBy, steps: [] };
    const agent = await this.route('low-stock-report', run.ctx.signal);
    const where = request.warehouseId ? ` in ${request.warehouseId}` : ' in all warehouses';
    await run.updater.working(`Asking ${agent.label} for items below their reorder point${where}`);
    const data = request.warehouseId ? { warehouseId: request.warehouseId } : {};
    const outcome = await run.children.send(agent, this.childMessage(run, agent, 'low-stock-report', data));
    await this.afterLowStock(run, state, agent, agent.skill.id, outcome);
  }

  private async resume(run: Run): Promise<void> {
    const checkpoint = readCheckpoint(run.ctx.task.history);
    if (!checkpoint) {
      throw new WorkflowFailure(
        'Cannot resume: the task has no record of the agent whose question this answers',
      );
    }
    const agent = await this.agentAt(checkpoint.childAgent.url, run.ctx.signal);
    await run.updater.working(`Passing your answer to ${agent.label}`);
    const skill = checkpoint.steps.find((s) => s.taskId === checkpoint.childTaskId)?.skill ?? checkpoint.step;
    const answer: Message = {
      messageId: `${run.ctx.taskId}:${run.ctx.message.messageId}`,
      role: 'ROLE_USER',
      taskId: checkpoint.childTaskId,
      contextId: checkpoint.childContextId,
      parts: run.ctx.message.parts,
      metadata: { skill, orchestratorTaskId: run.ctx.taskId },
    };
    const outcome = await run.children.send(agent, answer);
    const state: WorkflowState = {
      requestedBy: checkpoint.requestedBy,
      lowStockItems: checkpoint.lowStockItems,
      steps: checkpoint.steps,
    };
    if (checkpoint.step === 'low-stock-report') await this.afterLowStock(run, state, agent, skill, outcome);
    else await this.afterProcurement(run, state, agent, skill, outcome);
  }

  private async afterLowStock(
    run: Run,
    state: WorkflowState,
    agent: KnownAgent,
    skill: string,
    outcome: ChildOutcome,
  ): Promise<void> {
    const steps = recordStep(state.steps, this.step(agent, skill, outcome));
    if (isInterruptedState(outcome.state)) {
      return this.pause(run, { ...state, steps }, agent, 'low-stock-report', outcome);
    }
    this.requireCompleted(agent, 'low-stock-report', outcome);
    const items = this.read(agent, outcome, 'low-stock-items', parseLowStockItems);
    const orderItems = aggregateOrderItems(items);
    const next: WorkflowState = { ...state, lowStockItems: items, steps };
    if (orderItems.length === 0) {
      await run.updater.artifact(reportArtifact({ lowStockItems: items, purchaseOrders: [], steps }), {
        lastChunk: true,
      });
      await run.updater.complete('Nothing to reorder');
      return;
    }
    await this.order(run, next, orderItems);
  }

  private async order(run: Run, state: WorkflowState, items: OrderItem[]): Promise<void> {
    const agent = await this.route('create-purchase-orders', run.ctx.signal);
    const units = items.reduce((sum, i) => sum + i.quantity, 0);
    await run.updater.working(
      `Asking ${agent.label} to order ${units} units of ${items.length} SKU(s): ` +
        items.map((i) => `${i.quantity} x ${i.sku}`).join(', '),
    );
    const data = { items, requestedBy: state.requestedBy };
    const outcome = await run.children.send(
      agent,
      this.childMessage(run, agent, 'create-purchase-orders', data),
    );
    await this.afterProcurement(run, state, agent, agent.skill.id, outcome);
  }

  private async afterProcurement(
    run: Run,
    state: WorkflowState,
    agent: KnownAgent,
    skill: string,
    outcome: ChildOutcome,
  ): Promise<void> {
    const steps = recordStep(state.steps, this.step(agent, skill, outcome));
    if (isInterruptedState(outcome.state)) {
      return this.pause(run, { ...state, steps }, agent, 'create-purchase-orders', outcome);
    }
    this.requireCompleted(agent, 'create-purchase-orders', outcome);
    const result: PurchaseOrdersResult = this.read(agent, outcome, 'purchase-orders', parsePurchaseOrders);
    const report = {
      lowStockItems: state.lowStockItems ?? [],
      purchaseOrders: result.orders,
      approved: result.approved,
      ...(result.approvedBy === undefined ? {} : { approvedBy: result.approvedBy }),
      steps,
    };
    await run.updater.artifact(reportArtifact(report), { lastChunk: true });
    await run.updater.complete(summarizeReport(report));
  }

  /** Goes input-required with the child's question, keeping what the resume needs in the metadata. */
  private async pause(
    run: Run,
    state: WorkflowState,
    agent: KnownAgent,
    step: WorkflowStep,
    outcome: ChildOutcome,
  ): Promise<void> {
    if (outcome.state !== 'TASK_STATE_INPUT_REQUIRED') {
      throw new WorkflowFailure(
        `${agent.label} needs authorization for the ${stepLabel(step)}, which the orchestrator cannot pass on`,
      );
    }
    const checkpoint: WorkflowCheckpoint = {
      childAgent: { name: agent.card.name, url: agent.url },
      childTaskId: outcome.taskId,
      childContextId: outcome.contextId,
      step,
      requestedBy: state.requestedBy,
      ...(state.lowStockItems ? { lowStockItems: state.lowStockItems } : {}),
      steps: state.steps,
    };
    const question: Part[] = outcome.statusMessage?.parts.length
      ? outcome.statusMessage.parts
      : [{ text: `${agent.label} needs more input for the ${stepLabel(step)}` }];
    await run.updater.requireInput({
      messageId: randomUUID(),
      role: 'ROLE_AGENT',
      parts: question,
      metadata: checkpointMetadata(checkpoint),
    });
  }

  private requireCompleted(agent: KnownAgent, step: WorkflowStep, outcome: ChildOutcome): void {
    if (outcome.state === 'TASK_STATE_COMPLETED') return;
    const reason = textOf(outcome.statusMessage) || 'no reason given';
    const what =
      outcome.state === 'TASK_STATE_REJECTED'
        ? 'rejected'
        : outcome.state === 'TASK_STATE_CANCELED'
          ? 'canceled'
          : 'failed';
    throw new WorkflowFailure(`${agent.label} ${what} the ${stepLabel(step)}: ${reason}`);
  }

  private read<T>(agent: KnownAgent, outcome: ChildOutcome, artifact: string, parse: (d: unknown) => T): T {
    const data = artifactData(outcome.artifacts, artifact);
    if (data === undefined) {
      throw new WorkflowFailure(`${agent.label} completed without a "${artifact}" artifact`);
    }
    try {
      return parse(data);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new WorkflowFailure(`${agent.label} sent a "${artifact}" artifact we cannot read: ${detail}`);
    }
  }

  private step(agent: KnownAgent, skill: string, outcome: ChildOutcome): StepRecord {
    return { agent: agent.label, url: agent.url, skill, taskId: outcome.taskId, state: outcome.state };
  }

  /** The first message of a child task: a data part, with the skill named in the metadata. */
  private childMessage(run: Run, agent: RoutedAgent, step: WorkflowStep, data: object): Message {
    return {
      // Deterministic, so that a repeated send returns the child task already created.
      messageId: `${run.ctx.taskId}:${step}`,
      role: 'ROLE_USER',
      contextId: childContextId(run.ctx.taskId, agent.url),
      parts: [{ data }],
      metadata: { skill: agent.skill.id, orchestratorTaskId: run.ctx.taskId },
    };
  }

  private async route(skill: WorkflowStep, signal: AbortSignal): Promise<RoutedAgent> {
    try {
      return await this.options.registry.findBySkill(skill, signal);
    } catch (err) {
      if (err instanceof SkillNotFoundError) throw new WorkflowFailure(err.message, { cause: err });
      throw err;
    }
  }

  private async agentAt(url: string, signal: AbortSignal): Promise<KnownAgent> {
    try {
      return await this.options.registry.agentAt(url, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      if (err instanceof UnknownAgentError) throw new WorkflowFailure(`Cannot resume: ${detail}`);
      throw new WorkflowFailure(`Cannot resume: the agent at ${url} could not be reached: ${detail}`, {
        cause: err,
      });
    }
  }
}
