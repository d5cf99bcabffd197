/** Rows of figures, printed to the terminal and written into docs/benchmarks.md as Markdown. */
export interface ResultTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Fixed-width text for the terminal. */
export function renderText(table: ResultTable): string {
  const widths = table.headers.map((h, i) =>
    Math.max(h.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join(
    '\n',
  );
}

/** A GitHub Markdown table (first column left-aligned, figures right-aligned). */
export function renderMarkdown(table: ResultTable): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const align = table.headers.map((_, i) => (i === 0 ? ':---' : '---:'));
  return [table.headers, align, ...table.rows]
    .map((cells) => `| ${cells.map(escape).join(' | ')} |`)
    .join('\n');
}
