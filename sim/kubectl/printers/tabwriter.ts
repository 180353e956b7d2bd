/**
 * Go's text/tabwriter (elastic tabstops) as kubectl describe uses it:
 * `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)` in describe.go tabbedString.
 * A cell is text terminated by a tab; the text after the last tab of a line
 * is not part of any column. Consecutive lines that have a cell in column k
 * form a block whose cells are padded to the widest cell + padding; a line
 * with fewer cells ends the block (text/tabwriter Writer.format).
 */

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `remembered`: the column widths of earlier flushes, as github.com/liggitt/tabwriter keeps them with its
 * RememberWidths flag (cli-runtime printers.GetNewTabWriter sets it): a column is at least as wide as it was in any
 * earlier flush of the same writer, and a wider one raises the width remembered for the flushes after it. The array
 * is updated in place (liggitt/tabwriter format: maxwidths).
 */
export function tabwriterFormat(text: string, minwidth = 0, padding = 2, remembered?: number[]): string {
  if (!text) return '';
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  let out = '';

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j < line.length - 1 && j < widths.length) s += c + ' '.repeat(Math.max(0, widths[j] - runeWidth(c)));
        else s += c;
      }
      out += s;
      if (i < lines.length - 1 || endsWithNewline) out += '\n';
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const l = lines[t];
        if (column >= l.length - 1) break;
        const w = runeWidth(l[column]) + padding;
        if (w > width) width = w;
      }
      if (remembered) {
        if (remembered.length < widths.length) remembered.push(...widths.slice(remembered.length));
        if (remembered.length === widths.length) remembered.push(width);
        else if (remembered[widths.length] > width) width = remembered[widths.length];
        else remembered[widths.length] = width;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}

/**
 * describe.PrefixWriter over a tabwriter: `write(level, text)` indents by two
 * spaces per level; `flush()` ends the current alignment blocks (DescribeEvents
 * flushes before its table).
 */
export class PrefixWriter {
  private buf = '';
  private out = '';

  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text;
  }

  line(text: string): void {
    this.buf += text + '\n';
  }

  flush(): void {
    this.out += tabwriterFormat(this.buf);
    this.buf = '';
  }

  toString(): string {
    this.flush();
    return this.out;
  }

  /** What was written, without tabwriter alignment. */
  raw(): string {
    return this.out + this.buf;
  }
}
