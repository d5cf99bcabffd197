import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PREAMBLE = `# Benchmarks

Produced by \`npm run bench\` (tools/bench). Each section below is replaced by the latest run of its
benchmark, with the machine and the exact command. Every ratio compares figures measured in the same
run, on the same machine, against a baseline that runs beside ours; absolute figures depend on the
machine and on what else it was doing (see the load average). The targets are those of the design's
"Performance" section; a MISS is reported as measured, never hidden.
`;

/** Order of the sections in the file, whatever order the benchmarks ran in. */
const ORDER = ['store', 'fanout', 'send', 'tracing'];

/**
 * Replaces (or adds) the section of one benchmark in the results file, between
 * `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`; the other sections stay as they were.
 */
export function writeSection(path: string, name: string, markdown: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : PREAMBLE;
  const sections = new Map<string, string>();
  const pattern = /<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->\n?/g;
  let head = text;
  const first = text.search(/<!-- bench:[\w-]+ -->/);
  if (first >= 0) head = text.slice(0, first);
  for (const match of text.matchAll(pattern)) sections.set(match[1], match[2]);
  sections.set(name, `${markdown.trim()}\n`);
  const names = [...sections.keys()].sort((a, b) => rank(a) - rank(b));
  const body = names.map((n) => `<!-- bench:${n} -->\n${sections.get(n)}<!-- /bench:${n} -->\n`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${head.trimEnd()}\n\n${body.join('\n')}`);
}

function rank(name: string): number {
  const at = ORDER.indexOf(name);
  return at < 0 ? ORDER.length : at;
}
