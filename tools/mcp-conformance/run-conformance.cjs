#!/usr/bin/env node
'use strict';
/**
 * Runs the official MCP conformance CLI (`@modelcontextprotocol/conformance`, server mode) against
 * one MCP endpoint and checks every scenario against an expected-failures map
 * (`{ "<scenario id>": "<why it fails>" }`). Prints a table; exits 0 only when the results match.
 *
 *   node tools/mcp-conformance/run-conformance.cjs --url http://127.0.0.1:3101/mcp \
 *     [--expected tools/mcp-conformance/expected-failures.json] [--suite active|all]
 *     [--timeout-ms 45000] [--out <folder to keep the CLI's checks.json files in>] [--json]
 *
 * A scenario "fails" when any of its checks is FAILURE or WARNING (the CLI's own baseline rule).
 * Verdicts: an expected scenario must fail, any other must pass; a map entry naming no known scenario
 * is an error, one naming a scenario outside the chosen suite is ignored. Used by the apps' jest specs
 * (`--json`) and by hand. Runs on Node 20 through the `fs.globSync` preload beside this file.
 */
const { spawn } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const PRELOAD = join(__dirname, 'node20-fs-glob.cjs');
const DEFAULT_EXPECTED = join(__dirname, 'expected-failures.json');
const RESULT_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/;
const SCENARIO_LINE = /^=== Running scenario: (\S+) ===$/gm;
const LISTED_SCENARIO = /^ {2}- (\S+)/gm;
// eslint-disable-next-line no-control-regex -- the CLI colours its summary whatever NO_COLOR says
const ANSI_COLOR = /\x1b\[[0-9;]*m/g;

function conformanceCli() {
  const manifestPath = require.resolve('@modelcontextprotocol/conformance/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.conformance;
  return { path: join(dirname(manifestPath), bin), version: manifest.version };
}

function parseArgs(argv) {
  const options = { suite: 'active', timeoutMs: 45_000, expected: DEFAULT_EXPECTED, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--url') options.url = value();
    else if (flag === '--suite') options.suite = value();
    else if (flag === '--expected') options.expected = value();
    else if (flag === '--timeout-ms') options.timeoutMs = Number(value());
    else if (flag === '--out') options.out = value();
    else if (flag === '--json') options.json = true;
    else throw new Error(`unknown option ${flag}`);
  }
  if (!options.url) throw new Error('--url <MCP endpoint> is required');
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) throw new Error('bad --timeout-ms');
  return options;
}

/** Runs the CLI with the preload; resolves with its output, killing it after `timeoutMs`. */
function runCli(args, timeoutMs) {
  const cli = conformanceCli();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', PRELOAD, cli.path, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `\nspawn failed: ${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

function matchAll(pattern, text) {
  return [...text.matchAll(pattern)].map((match) => match[1]);
}

/** Reads `<out>/server-<scenario>-<timestamp>/checks.json` into scenario -> checks. */
function readChecks(out) {
  const checks = new Map();
  if (!existsSync(out)) return checks;
  for (const entry of readdirSync(out)) {
    const match = RESULT_DIR.exec(entry);
    const file = join(out, entry, 'checks.json');
    if (match && existsSync(file)) checks.set(match[1], JSON.parse(readFileSync(file, 'utf8')));
  }
  return checks;
}

function outcomeOf(checks) {
  if (!checks) return { outcome: 'no-result', detail: 'the CLI wrote no checks.json (scenario crashed?)' };
  const failure = checks.find((check) => check.status === 'FAILURE');
  if (failure) return { outcome: 'failed', detail: failure.errorMessage ?? failure.description };
  const warning = checks.find((check) => check.status === 'WARNING');
  if (warning) return { outcome: 'warned', detail: warning.errorMessage ?? warning.description };
  return { outcome: 'passed', detail: '' };
}

function verdictOf(outcome, reason) {
  if (reason === undefined) return outcome === 'passed' ? 'ok' : 'UNEXPECTED FAILURE';
  if (outcome === 'failed' || outcome === 'warned') return 'ok (expected)';
  return outcome === 'passed' ? 'NOW PASSES: remove from expected' : 'UNEXPECTED RESULT';
}

function table(rows) {
  const headers = ['scenario', 'outcome', 'verdict', 'detail / expected reason'];
  const cells = rows.map((row) => [row.scenario, row.outcome, row.verdict, row.note]);
  const widths = headers.map((header, i) =>
    Math.min(60, Math.max(header.length, ...cells.map((cell) => cell[i].length))),
  );
  const line = (cell) =>
    cell
      .map((text, i) => text.slice(0, 100).padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(line)].join('\n');
}

/** Runs the suite and compares it with the expected failures; never throws for a failing server. */
async function checkConformance(options) {
  const expected = JSON.parse(readFileSync(options.expected, 'utf8'));
  // A fresh folder per run: results are read back by folder name, so an old run must not mix in.
  if (options.out) mkdirSync(options.out, { recursive: true });
  const out = mkdtempSync(join(options.out ?? tmpdir(), 'mcp-conformance-'));
  const deadline = Date.now() + options.timeoutMs;
  try {
    const listed = await runCli(['list', '--server'], deadline - Date.now());
    const known = new Set(matchAll(LISTED_SCENARIO, listed.output));
    const inSuite = new Set(Object.keys(expected).filter((id) => known.has(id)));
    // The CLI's own baseline check must agree with ours; it takes a YAML list of scenario ids.
    const baseline = join(out, 'expected-failures.yaml');
    writeFileSync(baseline, `server:\n${[...inSuite].map((id) => `  - ${id}\n`).join('')}`);
    const args = ['server', '--url', options.url, '--suite', options.suite, '-o', out];
    const run = await runCli([...args, '--expected-failures', baseline], Math.max(1, deadline - Date.now()));
    const results = readChecks(out);
    const scenarios = matchAll(SCENARIO_LINE, run.output);
    const rows = scenarios.map((scenario) => {
      const { outcome, detail } = outcomeOf(results.get(scenario));
      const reason = expected[scenario];
      const verdict = verdictOf(outcome, reason);
      return { scenario, outcome, verdict, expectedReason: reason ?? null, detail, note: reason ?? detail };
    });
    for (const id of Object.keys(expected).filter((id) => !known.has(id))) {
      rows.push({
        scenario: id,
        outcome: 'unknown',
        verdict: 'NOT A SCENARIO',
        note: 'listed in expected failures',
      });
    }
    const mismatches = rows.filter((row) => !row.verdict.startsWith('ok')).map((row) => row.scenario);
    const problems = [];
    if (listed.timedOut || run.timedOut)
      problems.push(`the conformance CLI ran past ${options.timeoutMs} ms`);
    if (known.size === 0) problems.push('the conformance CLI listed no server scenario');
    if (scenarios.length === 0) problems.push('the conformance CLI ran no scenario');
    if (run.code !== 0) problems.push(`the CLI's own baseline check exited ${run.code}`);
    const ok = mismatches.length === 0 && problems.length === 0;
    const summary = `${scenarios.length} scenarios: ${rows.filter((r) => r.verdict === 'ok').length} pass, ${
      rows.filter((r) => r.verdict === 'ok (expected)').length
    } fail as expected, ${mismatches.length} mismatched`;
    const report = [
      `conformance ${conformanceCli().version} against ${options.url}: ${summary}`,
      table(rows),
    ];
    if (problems.length > 0) report.push(problems.join('\n'));
    if (problems.length > 0 && mismatches.length === 0) {
      const output = known.size === 0 ? listed.output : run.output;
      report.push(`CLI output (tail):\n${output.replace(ANSI_COLOR, '').slice(-3000)}`);
    }
    if (options.out) report.push(`checks.json files kept in ${out}`);
    return { ok, mismatches, problems, rows, table: report.join('\n\n'), cliExitCode: run.code };
  } finally {
    if (!options.out) rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(
      `${error.message}\nusage: run-conformance.cjs --url <MCP endpoint> [--suite active|all] [--json]`,
    );
    process.exit(2);
  }
  checkConformance(options).then(
    (result) => {
      const { table: text, ...rest } = result;
      console.log(options.json ? JSON.stringify({ ...rest, table: text }) : text);
      process.exit(result.ok ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}

module.exports = { checkConformance };
