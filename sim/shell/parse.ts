/**
 * Parser of the tiny POSIX-ish shell: words with quoting, `$VAR`/`${VAR}`/`$?`,
 * `$(…)` and backticks, pipelines, `&&`/`||`/`;`, redirections (`>`, `>>`, `<`,
 * `2>&1`, `2>/dev/null`, `<<EOF` heredocs with or without expansion, `<<<`),
 * `for … in …; do …; done`, `if … then … elif … else … fi`, `while`, `!`,
 * comments and backslash-newline continuation.
 *
 * The result is an AST of complete commands, each with its source text (for
 * the transcript's `$ <command>` echo, heredoc bodies excluded) and line.
 */

export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; q: boolean }
  | { t: 'cmd'; src: string; q: boolean };

export interface Word {
  parts: WordPart[];
  /** Source text (for reserved-word detection and error messages). */
  raw: string;
}

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<<' | '<<<';
  target?: Word;
  /** heredoc body */
  body?: string;
  /** heredoc body is expanded ($VAR, $(…)) — delimiter unquoted */
  expand?: boolean;
  dupFd?: number;
}

export type Command =
  | { t: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redirect[] }
  | { t: 'for'; name: string; items: Word[] | null; body: List; redirs: Redirect[] }
  | { t: 'if'; clauses: { cond: List; body: List }[]; else?: List; redirs: Redirect[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { t: 'group'; body: List; subshell: boolean; redirs: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
  /** Ended by `&`: run as a background job (the interpreter's job table, ./jobs.ts); `text` is its source. */
  background?: { text: string };
}

export type List = AndOr[];

export interface Complete {
  list: List;
  /** Source text as typed, without heredoc bodies. */
  text: string;
  /** 1-based line where it starts. */
  line: number;
}

export class ShellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

interface PendingHeredoc {
  redir: Redirect;
  delim: string;
  stripTabs: boolean;
}

class Parser {
  pos = 0;
  private pending: PendingHeredoc[] = [];
  /** Ranges [start,end) of heredoc bodies, removed from command texts. */
  bodies: [number, number][] = [];

  constructor(readonly src: string) {}

  lineAt(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  error(msg: string): never {
    throw new ShellSyntaxError(msg, this.lineAt(this.pos));
  }

  peek(off = 0): string {
    return this.src[this.pos + off] ?? '';
  }

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skip blanks, line continuations and comments (not newlines). */
  skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof() && this.peek() !== '\n') this.pos++;
      } else break;
    }
  }

  /** At a newline: consume it and read pending heredoc bodies. */
  newline(): void {
    if (this.peek() !== '\n') return;
    this.pos++;
    this.readHeredocs();
  }

  readHeredocs(): void {
    while (this.pending.length) {
      const h = this.pending.shift()!;
      const start = this.pos;
      const lines: string[] = [];
      let found = false;
      while (!this.eof()) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        this.pos = Math.min(end + 1, this.src.length);
        const cmp = h.stripTabs ? line.replace(/^\t+/, '') : line;
        if (cmp === h.delim) {
          found = true;
          break;
        }
        lines.push(h.stripTabs ? line.replace(/^\t+/, '') : line);
      }
      this.bodies.push([start, this.pos]);
      if (!found && lines.length === 0 && this.eof()) {
        // bash: "warning: here-document delimited by end-of-file"; the body is empty.
      }
      h.redir.body = lines.length ? lines.join('\n') + '\n' : '';
    }
  }

  /** Skip blank lines, `;` is not skipped. */
  skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '\n') this.newline();
      else break;
    }
  }

  parseScript(): Complete[] {
    const out: Complete[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) break;
      const start = this.pos;
      const list = this.parseList(new Set());
      const end = this.pos;
      this.skipBlanks();
      if (this.peek() === '\n') this.newline();
      else if (!this.eof()) this.error(`syntax error near unexpected token \`${this.peek()}'`);
      const text = this.textOf(start, end);
      out.push({ list, text, line: this.lineAt(start) });
    }
    return out;
  }

  textOf(start: number, end: number): string {
    let s = '';
    let p = start;
    for (const [a, b] of this.bodies) {
      if (b <= p || a >= end) continue;
      s += this.src.slice(p, a);
      p = b;
    }
    s += this.src.slice(p, end);
    return s.replace(/\s+$/, '').replace(/\n+/g, '\n');
  }

  /** A list: and-or lists separated by `;`, `&` or newlines (when inside a compound). */
  parseList(stop: Set<string>, multiline = false): List {
    const list: List = [];
    for (;;) {
      if (multiline) this.skipNewlines();
      else this.skipBlanks();
      if (this.eof()) break;
      const w = this.peekWord();
      if (w !== undefined && stop.has(w)) break;
      if (this.peek() === ')' && stop.has(')')) break;
      if (this.peek() === '\n') break;
      const start = this.pos;
      const ao = this.parseAndOr(multiline);
      list.push(ao);
      const end = this.pos;
      this.skipBlanks();
      const c = this.peek();
      if (c === ';' && this.peek(1) !== ';') {
        this.pos++;
        continue;
      }
      if (c === '&' && this.peek(1) !== '&') {
        this.pos++;
        ao.background = { text: this.textOf(start, end).replace(/\s+/g, ' ') };
        continue;
      }
      if (c === '\n' && multiline) continue;
      break;
    }
    return list;
  }

  parseAndOr(multiline: boolean): AndOr {
    const first = this.parsePipeline(multiline);
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '&' && this.peek(1) === '&') {
        this.pos += 2;
        this.skipNewlines();
        rest.push({ op: '&&', p: this.parsePipeline(multiline) });
      } else if (this.peek() === '|' && this.peek(1) === '|') {
        this.pos += 2;
        this.skipNewlines();
        rest.push({ op: '||', p: this.parsePipeline(multiline) });
      } else break;
    }
    return { first, rest };
  }

  parsePipeline(multiline: boolean): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.peekWord() === '!') {
      this.readWordRaw();
      negate = true;
    }
    const commands = [this.parseCommand(multiline)];
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '|' && this.peek(1) !== '|') {
        this.pos++;
        this.skipNewlines();
        commands.push(this.parseCommand(multiline));
      } else break;
    }
    return { negate, commands };
  }

  /** The next word if it is a plain unquoted literal (for reserved words), without consuming. */
  peekWord(): string | undefined {
    const save = this.pos;
    let s = '';
    while (!this.eof() && !META.has(this.peek())) {
      const c = this.peek();
      if (c === '"' || c === "'" || c === '\\' || c === '$' || c === '`') {
        this.pos = save;
        return undefined;
      }
      s += c;
      this.pos++;
    }
    this.pos = save;
    return s || undefined;
  }

  readWordRaw(): string {
    const w = this.peekWord() ?? '';
    this.pos += w.length;
    return w;
  }

  expectWord(w: string): void {
    this.skipNewlines();
    if (this.peek() === ';') this.pos++;
    this.skipNewlines();
    const got = this.peekWord();
    if (got !== w) this.error(`syntax error near unexpected token \`${got ?? (this.peek() || 'newline')}'`);
    this.readWordRaw();
  }

  parseCommand(multiline: boolean): Command {
    this.skipBlanks();
    const w = this.peekWord();
    if (w === 'for') return this.withRedirs(this.parseFor());
    if (w === 'if') return this.withRedirs(this.parseIf());
    if (w === 'while' || w === 'until') return this.withRedirs(this.parseWhile(w === 'until'));
    if (w === '{') {
      this.readWordRaw();
      const body = this.parseList(new Set(['}']), true);
      this.expectWord('}');
      return this.withRedirs({ t: 'group', body, subshell: false, redirs: [] });
    }
    if (this.peek() === '(') {
      this.pos++;
      const body = this.parseList(new Set([')']), true);
      this.skipNewlines();
      if (this.peek() !== ')') this.error("syntax error: unexpected end of file");
      this.pos++;
      return this.withRedirs({ t: 'group', body, subshell: true, redirs: [] });
    }
    if (w && RESERVED.has(w) && w !== '!') this.error(`syntax error near unexpected token \`${w}'`);
    return this.parseSimple(multiline);
  }

  withRedirs<T extends Command>(c: T): T {
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) break;
      c.redirs.push(r);
    }
    return c;
  }

  parseFor(): Command {
    this.readWordRaw();
    this.skipBlanks();
    const name = this.readWordRaw();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.error(`\`${name}': not a valid identifier`);
    this.skipBlanks();
    let items: Word[] | null = null;
    if (this.peekWord() === 'in') {
      this.readWordRaw();
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === ';' || c === '\n' || this.eof()) break;
        items.push(this.readWord());
      }
    }
    this.expectWord('do');
    const body = this.parseList(new Set(['done']), true);
    this.expectWord('done');
    return { t: 'for', name, items, body, redirs: [] };
  }

  parseIf(): Command {
    this.readWordRaw();
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseList(new Set(['then']), true);
      this.expectWord('then');
      const body = this.parseList(new Set(['elif', 'else', 'fi']), true);
      clauses.push({ cond, body });
      this.skipNewlines();
      const w = this.peekWord();
      if (w === 'elif') {
        this.readWordRaw();
        continue;
      }
      if (w === 'else') {
        this.readWordRaw();
        elseBody = this.parseList(new Set(['fi']), true);
      }
      this.expectWord('fi');
      break;
    }
    return { t: 'if', clauses, else: elseBody, redirs: [] };
  }

  parseWhile(until: boolean): Command {
    this.readWordRaw();
    const cond = this.parseList(new Set(['do']), true);
    this.expectWord('do');
    const body = this.parseList(new Set(['done']), true);
    this.expectWord('done');
    return { t: 'while', until, cond, body, redirs: [] };
  }

  parseSimple(_multiline: boolean): Command {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.peek();
      if (c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(') this.error("syntax error near unexpected token `('");
      const r = this.tryRedirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      if (words.length && words.length > 0) {
        // a reserved word after the command name is an ordinary argument
      } else {
        const pw = this.peekWord();
        if (pw && (pw === '}' || pw === 'then' || pw === 'do' || pw === 'done' || pw === 'fi' || pw === 'else' || pw === 'elif') && (assigns.length || words.length === 0)) {
          if (!assigns.length) this.error(`syntax error near unexpected token \`${pw}'`);
          break;
        }
      }
      const m = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.src.slice(this.pos)) : null;
      if (m) {
        this.pos += m[0].length;
        const value = this.atWordEnd() ? { parts: [], raw: '' } : this.readWord();
        assigns.push({ name: m[1], value });
        continue;
      }
      words.push(this.readWord());
    }
    if (!words.length && !assigns.length && !redirs.length) {
      this.error(`syntax error near unexpected token \`${this.peek() === '\n' || this.eof() ? 'newline' : this.peek()}'`);
    }
    return { t: 'simple', assigns, words, redirs };
  }

  atWordEnd(): boolean {
    return this.eof() || META.has(this.peek());
  }

  tryRedirect(): Redirect | undefined {
    const m = /^(\d?)(>>|>&|>\||>|<<<|<<-|<<|<&|<|&>)/.exec(this.src.slice(this.pos, this.pos + 4));
    if (!m) return undefined;
    this.pos += m[0].length;
    const op = m[2];
    if (op === '&>') {
      this.skipBlanks();
      const target = this.readWord();
      return { fd: -1, op: '>', target };
    }
    const fd = m[1] ? Number(m[1]) : op.startsWith('<') ? 0 : 1;
    this.skipBlanks();
    if (op === '>&' || op === '<&') {
      const n = /^(\d+|-)/.exec(this.src.slice(this.pos));
      if (n) {
        this.pos += n[0].length;
        return { fd, op: '>&', dupFd: n[0] === '-' ? -1 : Number(n[0]) };
      }
      const target = this.readWord();
      return { fd: -1, op: '>', target };
    }
    if (op === '<<' || op === '<<-') {
      const start = this.pos;
      const word = this.readWord();
      const raw = this.src.slice(start, this.pos);
      const quoted = /['"\\]/.test(raw);
      const delim = word.parts.map((p) => (p.t === 'lit' ? p.v : p.t === 'var' ? '$' + p.name : '')).join('');
      const redir: Redirect = { fd, op: '<<', expand: !quoted, body: '' };
      this.pending.push({ redir, delim, stripTabs: op === '<<-' });
      return redir;
    }
    if (this.atWordEnd()) this.error(`syntax error near unexpected token \`${this.peek() === '\n' || this.eof() ? 'newline' : this.peek()}'`);
    const target = this.readWord();
    return { fd, op: op === '>|' ? '>' : (op as Redirect['op']), target };
  }

  /** Read one word with its quoting structure. */
  readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    const lit = (v: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.t === 'lit' && last.q === q) last.v += v;
      else parts.push({ t: 'lit', v, q });
    };
    while (!this.eof()) {
      const c = this.peek();
      if (META.has(c)) break;
      if (c === '\\') {
        if (this.peek(1) === '\n') {
          this.pos += 2;
          continue;
        }
        lit(this.peek(1), true);
        this.pos += 2;
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.error("unexpected EOF while looking for matching `''");
        lit(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        parts.push({ t: 'lit', v: '', q: true });
        for (;;) {
          if (this.eof()) this.error('unexpected EOF while looking for matching `"\'');
          const d = this.peek();
          if (d === '"') {
            this.pos++;
            break;
          }
          if (d === '\\') {
            const n = this.peek(1);
            if (n === '\n') this.pos += 2;
            else if ('$`"\\'.includes(n)) {
              lit(n, true);
              this.pos += 2;
            } else {
              lit('\\', true);
              this.pos++;
            }
          } else if (d === '$' || d === '`') {
            const p = this.readDollar(true);
            if (p) parts.push(p);
            else {
              lit('$', true);
              this.pos++;
            }
          } else {
            lit(d, true);
            this.pos++;
          }
        }
      } else if (c === '$' || c === '`') {
        const p = this.readDollar(false);
        if (p) parts.push(p);
        else {
          lit('$', false);
          this.pos++;
        }
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  /** `$NAME`, `${NAME}`, `$?`, `$(…)`, backticks; undefined when `$` is literal. */
  readDollar(q: boolean): WordPart | undefined {
    const c = this.peek();
    if (c === '`') {
      let i = this.pos + 1;
      let s = '';
      while (i < this.src.length && this.src[i] !== '`') {
        if (this.src[i] === '\\' && i + 1 < this.src.length) {
          s += this.src[i + 1];
          i += 2;
        } else s += this.src[i++];
      }
      if (i >= this.src.length) this.error('unexpected EOF while looking for matching ``\'');
      this.pos = i + 1;
      return { t: 'cmd', src: s, q };
    }
    const n = this.peek(1);
    if (n === '(') {
      if (this.peek(2) === '(') {
        // $(( arithmetic ))
        const end = this.src.indexOf('))', this.pos + 3);
        if (end < 0) this.error('unexpected EOF while looking for matching `)\'');
        const expr = this.src.slice(this.pos + 3, end);
        this.pos = end + 2;
        return { t: 'var', name: '((' + expr, q };
      }
      const end = this.matchParen(this.pos + 2);
      const src = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { t: 'cmd', src, q };
    }
    if (n === '{') {
      const end = this.src.indexOf('}', this.pos + 2);
      if (end < 0) this.error("unexpected EOF while looking for matching `}'");
      const name = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { t: 'var', name, q };
    }
    if (n === '?' || n === '$' || n === '#' || n === '@' || n === '*' || n === '!' || /[0-9]/.test(n)) {
      this.pos += 2;
      return { t: 'var', name: n, q };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1));
    if (!m) return undefined;
    this.pos += 1 + m[0].length;
    return { t: 'var', name: m[0], q };
  }

  /** Index of the `)` closing a `$(` whose content starts at `i`. */
  matchParen(i: number): number {
    let depth = 1;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === "'") {
        const e = this.src.indexOf("'", i + 1);
        if (e < 0) break;
        i = e + 1;
        continue;
      }
      if (c === '"') {
        i++;
        while (i < this.src.length && this.src[i] !== '"') i += this.src[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) return i;
      i++;
    }
    this.error("unexpected EOF while looking for matching `)'");
  }
}

export function parseScript(src: string): Complete[] {
  return new Parser(src).parseScript();
}

/** Quote argv for re-parsing (used by `kubectl exec` to hand argv to the shell). */
export function quoteArg(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}
