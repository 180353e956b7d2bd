import { toCell, type Cell } from './scenario';

/**
 * Find the fenced code blocks of a Markdown/MDX source (CommonMark fences:
 * ``` or ~~~, up to three spaces of indent, closed by a fence of the same
 * character at least as long) and return the runnable ones as cells.
 */
export function extractCells(source: string): Cell[] {
  const lines = source.split('\n');
  const cells: Cell[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, meta] = open;
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j])) {
      body.push(indent ? lines[j].replace(new RegExp(`^ {0,${indent.length}}`), '') : lines[j]);
      j++;
    }
    const cell = toCell(lang, meta, body.join('\n'), i + 1);
    if (cell) cells.push(cell);
    i = j;
  }
  return cells;
}
