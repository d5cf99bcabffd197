import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from './mcp-server-process.js';

/** What the conformance runner (tools/mcp-conformance/run-conformance.cjs) reports with `--json`. */
export interface ConformanceReport {
  /** true when every expected failure failed and every other scenario passed. */
  ok: boolean;
  mismatches: string[];
  rows: { scenario: string; verdict: string }[];
  /** A readable table of every scenario and its verdict. */
  table: string;
}

/**
 * Runs the official MCP conformance tool's active suite against `url` through our runner, with the
 * expected failures (scenario id -> reason) of tools/mcp-conformance/expected-failures.json. The runner
 * is spawned, so the tool's Node 20 preload applies.
 */
export function runMcpConformance(url: string): Promise<ConformanceReport> {
  const tools = join(workspaceRoot(), 'tools/mcp-conformance');
  const args = [
    join(tools, 'run-conformance.cjs'),
    '--url',
    url,
    '--expected',
    join(tools, 'expected-failures.json'),
    '--suite',
    'active',
    '--timeout-ms',
    '40000',
    '--json',
  ];
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      args,
      { timeout: 50_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          done(JSON.parse(stdout) as ConformanceReport);
        } catch {
          fail(new Error(`conformance runner failed: ${error?.message ?? 'no report'}\n${stderr}`));
        }
      },
    );
  });
}
