/**
 * What a terminal screen shows for a command's output: a carriage return moves the cursor back to the start
 * of the line and what follows overwrites what was there (curl's progress meter redraws its line that way,
 * apt's and dpkg's progress too). Output is kept raw everywhere else (pipes, `$(…)`, files); this is applied
 * only where the page shows it, so the static HTML, the example island and the page terminal agree with a
 * real terminal. Chunks keep their stream (stdout/stderr) per character, so a stderr line that overwrites
 * stdout text is drawn as stderr.
 */

export interface Chunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export function screenChunks<T extends Chunk>(chunks: readonly T[]): Chunk[] {
  if (!chunks.some((c) => c.text.includes('\r'))) return chunks as readonly Chunk[] as Chunk[];
  const out: Chunk[] = [];
  const push = (stream: Chunk['stream'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.stream === stream) last.text += text;
    else out.push({ stream, text });
  };
  // the current line: characters and the stream that wrote each
  let chars: string[] = [];
  let streams: Chunk['stream'][] = [];
  let cursor = 0;
  const flush = () => {
    let i = 0;
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && streams[j] === streams[i]) j++;
      push(streams[i], chars.slice(i, j).join(''));
      i = j;
    }
    chars = [];
    streams = [];
    cursor = 0;
  };
  for (const c of chunks) {
    for (const ch of c.text) {
      if (ch === '\n') {
        flush();
        push(c.stream, '\n');
      } else if (ch === '\r') cursor = 0;
      else {
        chars[cursor] = ch;
        streams[cursor] = c.stream;
        cursor++;
      }
    }
  }
  flush();
  return out;
}

/** The same for plain text (one stream). */
export function screenText(text: string): string {
  return text.includes('\r') ? screenChunks([{ stream: 'stdout', text }]).map((c) => c.text).join('') : text;
}
