import type { JsonObject, Message } from '@a2a-platform/a2a-protocol';
import { z } from 'zod';
import { LowStockItemSchema } from './replenishment-plan.js';
import { StepRecordSchema } from './replenishment-report.js';

/** The workflow steps, named after the skill each one needs. */
export const WORKFLOW_STEPS = ['low-stock-report', 'create-purchase-orders'] as const;
/** A workflow step. */
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

/**
 * What the orchestrator needs to continue after it paused for a child's question. It lives in the
 * metadata of the orchestrator's input-required status message (the store keeps that message in the
 * task's history), never in memory: the answer may reach another instance.
 */
export const WorkflowCheckpointSchema = z.object({
  /** The child agent that asked: its card name and the configured URL it was reached at. */
  childAgent: z.object({ name: z.string(), url: z.string().min(1) }),
  childTaskId: z.string().min(1),
  childContextId: z.string(),
  step: z.enum(WORKFLOW_STEPS),
  requestedBy: z.string(),
  /** Found by the first step; present once it has run. */
  lowStockItems: z.array(LowStockItemSchema).optional(),
  steps: z.array(StepRecordSchema),
});
/** What the orchestrator needs to continue after a pause. */
export type WorkflowCheckpoint = z.infer<typeof WorkflowCheckpointSchema>;

/** The checkpoint as status message metadata. */
export function checkpointMetadata(checkpoint: WorkflowCheckpoint): JsonObject {
  return WorkflowCheckpointSchema.parse(checkpoint) as JsonObject;
}

/**
 * Reads the checkpoint back from the task's history: the metadata of the last agent message, which is
 * the input-required status message the answer replies to. Undefined when it is missing or malformed.
 */
export function readCheckpoint(history: readonly Message[] | undefined): WorkflowCheckpoint | undefined {
  const last = [...(history ?? [])].reverse().find((m) => m.role === 'ROLE_AGENT');
  const parsed = WorkflowCheckpointSchema.safeParse(last?.metadata);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The latest checkpoint anywhere in the history, for releasing the child a paused task left waiting:
 * once the task has ended, its last agent message may be the one that ended it (a deadline failure),
 * not the pause.
 */
export function latestCheckpoint(history: readonly Message[] | undefined): WorkflowCheckpoint | undefined {
  for (const message of [...(history ?? [])].reverse()) {
    if (message.role !== 'ROLE_AGENT') continue;
    const parsed = WorkflowCheckpointSchema.safeParse(message.metadata);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}
