import { A2AErrors, type FieldViolation } from '@a2a-platform/a2a-protocol';
import type { z } from 'zod';

/** Validates method parameters; failures become InvalidParams naming each bad field. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown, prefix = 'params'): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const violations: FieldViolation[] = result.error.issues.slice(0, 20).map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    description: issue.message,
  }));
  const summary = violations
    .slice(0, 3)
    .map((v) => `${v.field}: ${v.description}`)
    .join('; ');
  throw A2AErrors.invalidParams(`Invalid parameters: ${summary}`, violations);
}
