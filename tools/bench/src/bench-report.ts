import { describeMachine, type MachineInfo } from './machine-info.js';
import { renderMarkdown, renderText, type ResultTable } from './result-table.js';
import { verdict, type TargetCheck } from './targets.js';

/** The outcome of one benchmark: what it measured, its figures and its targets. */
export interface BenchReport {
  /** Section name in docs/benchmarks.md and on the command line. */
  readonly name: string;
  readonly title: string;
  /** How it was measured, in a few sentences (Markdown). */
  readonly method: string;
  readonly tables: readonly { readonly caption: string; readonly table: ResultTable }[];
  readonly checks: readonly TargetCheck[];
  /** Findings worth a line: bottlenecks, caveats. */
  readonly notes: readonly string[];
}

/** Where and how a report was produced. */
export interface RunContext {
  readonly machine: MachineInfo;
  /** The exact command line that reproduces the run. */
  readonly command: string;
  readonly startedAt: Date;
}

/** The report as terminal text. */
export function reportText(report: BenchReport): string {
  const parts = [`\n== ${report.title} ==`];
  for (const { caption, table } of report.tables) parts.push(`\n${caption}\n${renderText(table)}`);
  if (report.checks.length > 0)
    parts.push(`\nTargets:\n${report.checks.map((c) => `  ${verdict(c)}`).join('\n')}`);
  if (report.notes.length > 0) parts.push(`\nNotes:\n${report.notes.map((n) => `  - ${n}`).join('\n')}`);
  return parts.join('\n');
}

/** The report as its docs/benchmarks.md section. */
export function reportMarkdown(report: BenchReport, run: RunContext): string {
  const lines = [
    `## ${report.title}`,
    '',
    `- Date: ${run.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Machine: ${describeMachine(run.machine)}`,
    `- Command: \`${run.command}\``,
    '',
    report.method,
  ];
  for (const { caption, table } of report.tables) lines.push('', `${caption}`, '', renderMarkdown(table));
  if (report.checks.length > 0) {
    lines.push('', 'Targets:', '', ...report.checks.map((c) => `- ${verdict(c)}`));
  }
  if (report.notes.length > 0) lines.push('', 'Notes:', '', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
