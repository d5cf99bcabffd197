import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSection } from './benchmarks-doc.js';

describe('writeSection', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-doc-'));
    file = join(dir, 'docs', 'benchmarks.md');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with a preamble and the section', () => {
    writeSection(file, 'send', '## Send\n\nfigures 1');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# Benchmarks')).toBe(true);
    expect(text).toContain('<!-- bench:send -->\n## Send\n\nfigures 1\n<!-- /bench:send -->');
  });

  it('replaces only its own section and keeps the sections in benchmark order', () => {
    writeSection(file, 'send', '## Send\n\nold');
    writeSection(file, 'store', '## Store\n\nkept');
    writeSection(file, 'send', '## Send\n\nnew');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('old');
    expect(text).toContain('kept');
    expect(text.indexOf('bench:store')).toBeLessThan(text.indexOf('bench:send'));
    expect(text.match(/<!-- bench:send -->/g)).toHaveLength(1);
  });

  it('keeps text written above the sections', () => {
    writeSection(file, 'store', 'a');
    const edited = readFileSync(file, 'utf8').replace('# Benchmarks', '# Benchmarks\n\nA note by hand.');
    writeFileSync(file, edited);
    writeSection(file, 'fanout', 'b');
    expect(readFileSync(file, 'utf8')).toContain('A note by hand.');
  });
});
