/**
 * Shell builtins (echo, export, cd, test, exit, sleep, …) and the small
 * coreutils/busybox set (cat, ls, env, hostname, grep, head, tail, wc, sort,
 * base64, …). Utilities run only where the location has the binary (always on
 * nodes; in containers when the image ships it).
 */
import type { Sim } from '../sim';
import type { FileStat, KubeletService } from '../kubelet/service';
import { decodeBase64, encodeBase64, utf8Encode } from '../api/base64';
import { TEXT_UTILITIES } from './text-utils';
import { ps } from './ps';
import { ExitSignal, flavourOf, locationFS, resolvePath, ERRNO_TEXT, type Flavour, type Interpreter, type ShellState } from './interp';

export interface UtilContext {
  sim: Sim;
  argv: string[];
  stdin: string;
  out(t: string): void;
  err(t: string): void;
  env: Map<string, string>;
  state: ShellState;
  interp: Interpreter;
  /** isatty(fd) of the utility's streams (as CommandContext.isatty); absent = not a terminal */
  isatty?(fd: 0 | 1 | 2): boolean;
}

export type Util = (c: UtilContext) => number;

/** strerror texts (the shell's table, and the two only symlinks produce) */
const errno = (e: string) => ERRNO_TEXT[e] ?? (e === 'ELOOP' ? 'Too many levels of symbolic links' : e === 'EINVAL' ? 'Invalid argument' : e);

function prog(c: UtilContext): string {
  return c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1);
}

function echo(c: UtilContext): number {
  let args = c.argv.slice(1);
  let newline = true;
  let escapes = c.state.flavour === 'dash';
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      if (f === 'e') escapes = true;
      if (f === 'E') escapes = false;
    }
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (escapes) s = unescape(s);
  c.out(s + (newline ? '\n' : ''));
  return 0;
}

function unescape(s: string): string {
  return s.replace(/\\([ntr\\0e]|c)/g, (_, x) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '0': '', e: '\x1b', c: '' })[x as 'n'] ?? x);
}

function printf(c: UtilContext): number {
  const [fmt, ...args] = c.argv.slice(1);
  if (fmt === undefined) {
    c.err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let i = 0;
  let out = '';
  do {
    out += unescape(fmt).replace(/%(-?\d*)([sdq%])/g, (_, w, t) => {
      if (t === '%') return '%';
      let v = args[i++] ?? '';
      if (t === 'd') v = String(parseInt(v || '0', 10) || 0);
      const width = Number(w);
      if (width > 0) v = v.padStart(width);
      if (width < 0) v = v.padEnd(-width);
      return v;
    });
  } while (i < args.length && /%[sdq]/.test(fmt));
  c.out(out);
  return 0;
}

function test(c: UtilContext): number {
  let args = c.argv.slice(1);
  if (c.argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      c.err(`${c.state.flavour === 'bash' ? 'bash: ' : 'sh: '}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const fs = () => locationFS(c.sim, c.state.location);
  const unary = (op: string, a: string): boolean | undefined => {
    switch (op) {
      case '-z':
        return a === '';
      case '-n':
        return a !== '';
      case '-e':
      case '-f':
      case '-d':
      case '-s':
      case '-h':
      case '-L': {
        const f = fs();
        if ('error' in f) return false;
        // -h/-L: lstat (a symlink, dangling or not); the others stat, following links
        const p = resolvePath(c.state.cwd, a);
        const st = op === '-h' || op === '-L' ? lstatOr(f, p) : f.stat(p);
        if ('error' in st) return false;
        return op === '-e' ? true : op === '-d' ? st.dir : op === '-f' ? !st.dir : op === '-s' ? st.size > 0 : st.type === 'link';
      }
    }
    return undefined;
  };
  const binary = (a: string, op: string, b: string): boolean | number => {
    const num = (x: string) => {
      if (!/^\s*-?\d+\s*$/.test(x)) return NaN;
      return Number(x);
    };
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '-eq':
      case '-ne':
      case '-lt':
      case '-le':
      case '-gt':
      case '-ge': {
        const x = num(a);
        const y = num(b);
        if (Number.isNaN(x) || Number.isNaN(y)) {
          c.err(`${c.state.flavour === 'bash' ? 'bash: [' : 'sh: ' + (c.state.flavour === 'dash' ? '1: [' : '[')}: ${Number.isNaN(x) ? a : b}: integer expression expected\n`.replace('sh: [: ', 'sh: '));
          return 2;
        }
        return op === '-eq' ? x === y : op === '-ne' ? x !== y : op === '-lt' ? x < y : op === '-le' ? x <= y : op === '-gt' ? x > y : x >= y;
      }
    }
    return 2;
  };
  const evalExpr = (a: string[]): boolean | number => {
    const oi = a.findIndex((x) => x === '-o');
    if (oi > 0) {
      const l = evalExpr(a.slice(0, oi));
      const r = evalExpr(a.slice(oi + 1));
      return typeof l === 'number' ? l : typeof r === 'number' ? r : l || r;
    }
    const ai = a.findIndex((x) => x === '-a');
    if (ai > 0) {
      const l = evalExpr(a.slice(0, ai));
      const r = evalExpr(a.slice(ai + 1));
      return typeof l === 'number' ? l : typeof r === 'number' ? r : l && r;
    }
    if (a[0] === '!' && a.length > 1) {
      const v = evalExpr(a.slice(1));
      return typeof v === 'number' ? v : !v;
    }
    if (a.length === 0) return false;
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const u = unary(a[0], a[1]);
      if (u === undefined) {
        c.err(`${c.state.flavour === 'bash' ? 'bash: ' : 'sh: '}${c.argv[0]}: ${a[0]}: unary operator expected\n`);
        return 2;
      }
      return u;
    }
    if (a.length === 3) return binary(a[0], a[1], a[2]);
    c.err(`${c.state.flavour === 'bash' ? 'bash: ' : 'sh: '}${c.argv[0]}: too many arguments\n`);
    return 2;
  };
  const r = evalExpr(args);
  return typeof r === 'number' ? r : r ? 0 : 1;
}

function sleep(c: UtilContext): number {
  const a = c.argv[1];
  if (a === undefined) {
    c.err(c.state.flavour === 'busybox' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\nTry \'sleep --help\' for more information.\n');
    return 1;
  }
  let total = 0;
  for (const arg of c.argv.slice(1)) {
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
    if (!m) {
      c.err(c.state.flavour === 'busybox' ? `sleep: invalid number '${arg}'\n` : `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
  }
  c.sim.runtime.advance(Math.round(total * 1000));
  return 0;
}

function readFiles(c: UtilContext, files: string[], each: (text: string, name: string) => void): number {
  if (!files.length || (files.length === 1 && files[0] === '-')) {
    each(c.stdin, '-');
    return 0;
  }
  const fs = locationFS(c.sim, c.state.location);
  let st = 0;
  for (const f of files) {
    if (f === '-') {
      each(c.stdin, '-');
      continue;
    }
    if ('error' in fs) {
      c.err(`${prog(c)}: ${f}: ${fs.error}\n`);
      st = 1;
      continue;
    }
    const r = fs.read(resolvePath(c.state.cwd, f));
    if ('error' in r) {
      c.err(c.state.flavour === 'busybox' ? `${prog(c)}: can't open '${f}': ${errno(r.error)}\n` : `${prog(c)}: ${f}: ${errno(r.error)}\n`);
      st = 1;
      continue;
    }
    each(r.data, f);
  }
  return st;
}

function splitFlags(args: string[], withValue: string[] = []): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (/^-\d+$/.test(a)) {
      flags.set('n', a.slice(1));
      continue;
    }
    if (a.startsWith('--') && a.length > 2) {
      const [k, v] = a.slice(2).split('=', 2);
      flags.set(k, v ?? (withValue.includes(k) ? args[++i] ?? '' : ''));
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (withValue.includes(f)) {
          flags.set(f, a.slice(j + 1) || args[++i] || '');
          break;
        }
        flags.set(f, '');
      }
      continue;
    }
    rest.push(a);
  }
  return { flags, rest };
}

function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const cat: Util = (c) => readFiles(c, c.argv.slice(1).filter((a) => !/^-[nA]$/.test(a)), (t) => c.out(t));

/** Type and permission letters of `ls -l` (GNU filemodestring, busybox bb_mode_string): setuid/setgid/sticky as s/S, t/T. */
function modeString(s: FileStat): string {
  const m = s.mode ?? (s.type === 'link' ? 0o777 : s.dir ? 0o755 : 0o644);
  const t = s.type === 'link' ? 'l' : s.dir ? 'd' : '-';
  const x = (bit: number, special: number, on: string, off: string) => (m & special ? (m & bit ? on : off) : m & bit ? 'x' : '-');
  return (
    t +
    (m & 0o400 ? 'r' : '-') + (m & 0o200 ? 'w' : '-') + x(0o100, 0o4000, 's', 'S') +
    (m & 0o40 ? 'r' : '-') + (m & 0o20 ? 'w' : '-') + x(0o10, 0o2000, 's', 'S') +
    (m & 0o4 ? 'r' : '-') + (m & 0o2 ? 'w' : '-') + x(0o1, 0o1000, 't', 'T')
  );
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The time column: "Mmm dd HH:MM", or "Mmm dd  YYYY" for a time more than half a year old or in the future
 * (GNU ls: six months of 365.2425 days, or later than now; busybox: older than 365/2 days or more than 15
 * minutes ahead). A filesystem that keeps no times shows the current time.
 */
function lsTime(ms: number | undefined, now: number, busybox: boolean): string {
  const t = ms ?? now;
  const d = new Date(t);
  const head = `${MONTHS_SHORT[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const age = (now - t) / 1000;
  const recent = busybox ? age < (3600 * 24 * 365) / 2 && age > -15 * 60 : age < 31556952 / 2 && age >= 0;
  return recent ? `${head} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : `${head}  ${d.getUTCFullYear()}`;
}

/** Display width of a name: East Asian wide characters take two columns (wcwidth). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/**
 * GNU ls -C (src/ls.c print_many_per_line): calculate_columns tries every column count up to
 * max_idx = line_length / MIN_COLUMN_WIDTH (3), rounded up, filling names down the columns; a column is as wide as
 * its widest name plus 2 (the last one without), and a layout is valid while the line stays shorter than
 * line_length. The gap to the next column is written by indent(): a tab whenever it reaches a tab stop
 * (tabsize 8), else spaces.
 */
export function gnuColumns(names: string[], lineLength: number): string {
  const n = names.length;
  if (!n) return '';
  const MIN = 3;
  const maxIdx = Math.floor(lineLength / MIN) + (lineLength % MIN ? 1 : 0);
  const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
  const info = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN, arr: new Array<number>(i + 1).fill(MIN) }));
  const widths = names.map(displayWidth);
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < maxCols; i++) {
      const ci = info[i];
      if (!ci.valid) continue;
      const idx = Math.floor(f / Math.floor((n + i) / (i + 1)));
      const real = widths[f] + (idx === i ? 0 : 2);
      if (ci.arr[idx] < real) {
        ci.lineLen += real - ci.arr[idx];
        ci.arr[idx] = real;
        ci.valid = ci.lineLen < lineLength;
      }
    }
  }
  let cols = maxCols;
  for (; cols > 1; cols--) if (info[cols - 1].valid) break;
  const fmt = info[cols - 1].arr;
  const rows = Math.floor(n / cols) + (n % cols ? 1 : 0);
  const indent = (from: number, to: number) => {
    let s = '';
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        s += '\t';
        from += 8 - (from % 8);
      } else {
        s += ' ';
        from++;
      }
    }
    return s;
  };
  let out = '';
  for (let row = 0; row < rows; row++) {
    let col = 0;
    let pos = 0;
    for (let f = row; ; ) {
      const w = fmt[col++];
      out += names[f];
      const len = widths[f];
      f += rows;
      if (f >= n) break;
      out += indent(pos + len, pos + w);
      pos += w;
    }
    out += '\n';
  }
  return out;
}

/**
 * busybox ls (coreutils/ls.c display_files): one column width for all, the longest name + 2; as many columns as
 * fit in the terminal width minus one (get_terminal_width of stdin, 80 without a window size, "go one less"),
 * filled down the columns, padded with spaces up to the next column's start.
 */
export function busyboxColumns(names: string[], width: number): string {
  const n = names.length;
  if (!n) return '';
  const widths = names.map(displayWidth);
  const colWidth = Math.max(...widths) + 2;
  let ncols = Math.floor(width / colWidth);
  let nrows: number;
  if (ncols > 1) {
    nrows = Math.floor(n / ncols);
    if (nrows * ncols < n) nrows++;
  } else {
    nrows = n;
    ncols = 1;
  }
  let out = '';
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = nc * nrows + row;
      if (i >= n) continue;
      if (column > 0) {
        out += ' '.repeat(nexttab - column);
        column = nexttab;
      }
      nexttab = column + colWidth;
      out += names[i];
      column += widths[i];
    }
    out += '\n';
  }
  return out;
}

/**
 * ls, as GNU coreutils (src/ls.c) and busybox (coreutils/ls.c) print it.
 * - Format: -l long; otherwise one name per line (-1, or stdout not a terminal) or columns (-C, or stdout a
 *   terminal: GNU decode_switches picks many_per_line when isatty(STDOUT_FILENO), busybox sets OPT_C the same
 *   way). The line is $COLUMNS wide when set, else 80 (the simulator's terminals have no window size to ask).
 *   Not reproduced on a terminal: busybox's default colours (FEATURE_LS_COLOR_IS_DEFAULT writes ESC[1;34m…ESC[m
 *   around names; the guide's screens do not interpret ANSI escapes), GNU's shell-escape quoting of unusual
 *   names, and -x (across) ordering.
 * - Operands: files first, then directories, each group sorted by name; a directory gets a `name:` header
 *   when there are several operands. GNU follows a symlink operand that leads to a directory unless -l, -d or
 *   -F is given (DEREF_COMMAND_LINE_SYMLINK_TO_DIR, falling back to lstat for a dangling link); busybox follows
 *   every symlink operand unless -l, -s or -F (my_stat force_follow), so it reports a dangling one missing.
 * - Entries of a directory are lstat'ed: a symlink is listed as itself, `-l` adds " -> target".
 * - `-l`: mode, links, owner, group, size, time, name. GNU print_long_format pads each column to its widest
 *   cell; busybox display_single prints "%-10s %4lu %-8.8s %-8.8s %9llu %.12s name". `total` (GNU and busybox
 *   with -l) is the entries' 512-byte blocks in 1 KiB units, rounded up.
 */
const ls: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) {
    c.err(`ls: ${fs.error}\n`);
    return 2;
  }
  const busybox = c.state.flavour === 'busybox';
  const long = flags.has('l');
  const listDirs = !flags.has('d');
  const dots = flags.has('a');
  const hidden = dots || flags.has('A');
  // -L (GNU and busybox): every symlink, operand or entry, is shown as what it points to
  const deref = flags.has('L');
  const lstat = (p: string) => (fs.lstat && !deref ? fs.lstat(p) : fs.stat(p));
  const follow = deref || (busybox ? !(long || flags.has('s') || flags.has('F')) : !(long || !listDirs || flags.has('F')));
  const targets = rest.length ? rest : ['.'];
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // `-1` alone reaches here as the count flag n=1 (splitFlags reads -N as a number)
  const one = flags.has('1') || flags.get('n') === '1';
  const columns = !one && (flags.has('C') || !!c.isatty?.(1));
  const envCols = Number(c.env.get('COLUMNS'));
  const lineWidth = Number.isInteger(envCols) && envCols > 0 ? envCols : 80;
  type Row = { name: string; path: string; st: FileStat };
  let status = 0;
  const files: Row[] = [];
  const dirs: Row[] = [];
  for (const t of targets) {
    const p = resolvePath(c.state.cwd, t);
    // a trailing slash makes the kernel follow a final symlink ("..data/" is the directory)
    const dirSlash = t.length > 1 && t.endsWith('/');
    let s = follow || dirSlash ? fs.stat(p) : lstat(p);
    if (follow && !dirSlash && !busybox && ('error' in s ? s.error === 'ENOENT' || s.error === 'ELOOP' : !s.dir)) s = lstat(p);
    if ('error' in s) {
      c.err(busybox ? `ls: ${t}: ${errno(s.error)}\n` : `ls: cannot access '${t}': ${errno(s.error)}\n`);
      status = busybox ? 1 : 2;
      continue;
    }
    (s.dir && listDirs ? dirs : files).push({ name: t, path: p, st: s });
  }
  const now = c.sim.clock.now();
  const print = (rows: Row[]) => {
    if (!long) {
      if (!columns) for (const r of rows) c.out(r.name + '\n');
      else if (busybox) c.out(busyboxColumns(rows.map((r) => r.name), lineWidth - 1));
      else c.out(gnuColumns(rows.map((r) => r.name), lineWidth));
      return;
    }
    const cells = rows.map((r) => {
      let name = r.name;
      if (r.st.type === 'link') {
        const target = r.st.target ?? (fs.readlink ? fs.readlink(r.path) : { error: 'EINVAL' });
        if (typeof target === 'string') name += ' -> ' + target;
        else if (!('error' in target)) name += ' -> ' + target.target;
      }
      return { mode: modeString(r.st), nlink: String(r.st.nlink ?? (r.st.dir ? 2 : 1)), size: String(r.st.size), time: lsTime(r.st.mtime, now, busybox), name };
    });
    if (busybox) {
      for (const x of cells) c.out(`${x.mode.padEnd(10)} ${x.nlink.padStart(4)} root     root     ${x.size.padStart(9)} ${x.time} ${x.name}\n`);
      return;
    }
    const wl = Math.max(...cells.map((x) => x.nlink.length));
    const ws = Math.max(...cells.map((x) => x.size.length));
    for (const x of cells) c.out(`${x.mode} ${x.nlink.padStart(wl)} root root ${x.size.padStart(ws)} ${x.time} ${x.name}\n`);
  };
  files.sort(byName);
  dirs.sort(byName);
  if (files.length) print(files);
  dirs.forEach((d, i) => {
    if (targets.length > 1) c.out(`${i || files.length ? '\n' : ''}${d.name}:\n`);
    const l = fs.list(d.path);
    const rows: Row[] = [];
    const dir = d.path === '/' ? '' : d.path;
    for (const e of 'error' in l ? [] : l.entries) {
      if (!hidden && e.name.startsWith('.')) continue;
      const s = lstat(`${dir}/${e.name}`);
      rows.push({ name: e.name, path: `${dir}/${e.name}`, st: 'error' in s ? { dir: e.dir, size: e.size } : s });
    }
    if (dots) {
      const self = fs.stat(d.path);
      const real = fs.realpath ? fs.realpath(d.path) : { path: d.path };
      const up = 'error' in real ? d.path : real.path.slice(0, real.path.lastIndexOf('/')) || '/';
      const upSt = fs.stat(up);
      rows.push({ name: '.', path: d.path, st: 'error' in self ? d.st : self }, { name: '..', path: up, st: 'error' in upSt ? d.st : upSt });
    }
    rows.sort(byName);
    if (long) c.out(`total ${Math.ceil(rows.reduce((n, r) => n + (r.st.blocks ?? (r.st.dir ? 8 : Math.ceil(r.st.size / 4096) * 8)), 0) / 2)}\n`);
    print(rows);
  });
  return status;
};

/**
 * readlink (GNU coreutils readlink.c, busybox readlink.c): a symlink's target; with -f/-e/-m the path with
 * every link resolved (-f: all but the last component must exist; -e: all). Anything else: no output, status 1.
 */
const readlink: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) return 1;
  if (!rest.length) {
    c.err(c.state.flavour === 'busybox' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon\'t add newline\n\t-v\tVerbose\n' : "readlink: missing operand\nTry 'readlink --help' for more information.\n");
    return 1;
  }
  const nl = flags.has('n') ? '' : '\n';
  let status = 0;
  for (const f of rest) {
    const p = resolvePath(c.state.cwd, f);
    if (flags.has('f') || flags.has('e') || flags.has('m')) {
      let r: { path: string } | { error: string } = fs.realpath ? fs.realpath(p) : { path: p };
      if ('error' in r && r.error === 'ENOENT' && !flags.has('e')) {
        // -f: the last component may be missing (a dangling link names its target)
        let cur = p;
        for (let hops = 0; hops < 40 && fs.readlink; hops++) {
          const l = fs.readlink(cur);
          if ('error' in l) break;
          cur = resolvePath(cur.slice(0, cur.lastIndexOf('/')) || '/', l.target);
        }
        const i = cur.lastIndexOf('/');
        const up = fs.realpath ? fs.realpath(cur.slice(0, i) || '/') : { path: cur.slice(0, i) || '/' };
        if (!('error' in up)) r = { path: (up.path === '/' ? '' : up.path) + cur.slice(i) };
      }
      if ('error' in r) status = 1;
      else c.out(r.path + nl);
      continue;
    }
    const r = fs.readlink ? fs.readlink(p) : { error: 'EINVAL' };
    if ('error' in r) status = 1;
    else c.out(r.target + nl);
  }
  return status;
};

/**
 * ln (GNU coreutils ln.c, busybox coreutils/ln.c): `ln -s TARGET LINK` stores TARGET as given; a LINK that is
 * a directory gets TARGET's last component inside it; -f removes an existing LINK first. Errors: GNU "failed
 * to create symbolic link 'LINK': …", busybox bb_simple_perror_msg(LINK). Without -s (a hard link) the file's
 * text is copied: the in-memory filesystem has no inodes to share.
 */
const ln: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) return 1;
  const busybox = c.state.flavour === 'busybox';
  if (!rest.length) {
    c.err(busybox ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n' : "ln: missing file operand\nTry 'ln --help' for more information.\n");
    return 1;
  }
  const targets = rest.length === 1 ? rest : rest.slice(0, -1);
  const last = rest.length === 1 ? '.' : rest[rest.length - 1];
  const lastPath = resolvePath(c.state.cwd, last);
  const lastSt = flags.has('n') ? lstatOr(fs, lastPath) : fs.stat(lastPath);
  const intoDir = !('error' in lastSt) && lastSt.dir;
  if (targets.length > 1 && !intoDir) {
    c.err(busybox ? `ln: ${last}: Not a directory\n` : `ln: target '${last}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const t of targets) {
    const name = intoDir ? (last === '.' ? '' : last.replace(/\/*$/, '/')) + t.replace(/\/+$/, '').slice(t.replace(/\/+$/, '').lastIndexOf('/') + 1) : last;
    const dest = resolvePath(c.state.cwd, name);
    if (flags.has('f')) fs.remove(dest);
    let err: string | undefined;
    if (flags.has('s')) err = fs.symlink ? fs.symlink(t, dest).error : 'EPERM';
    else {
      const src = fs.read(resolvePath(c.state.cwd, t));
      if ('error' in src) {
        c.err(busybox ? `ln: ${t}: ${errno(src.error)}\n` : `ln: failed to access '${t}': ${errno(src.error)}\n`);
        status = 1;
        continue;
      }
      err = !('error' in lstatOr(fs, dest)) ? 'EEXIST' : fs.write(dest, src.data).error;
    }
    if (err) {
      c.err(busybox ? `ln: ${name}: ${errno(err)}\n` : flags.has('s') ? `ln: failed to create symbolic link '${name}': ${errno(err)}\n` : `ln: failed to create hard link '${name}' => '${t}': ${errno(err)}\n`);
      status = 1;
    }
  }
  return status;
};

function lstatOr(fs: { stat(p: string): FileStat | { error: string }; lstat?(p: string): FileStat | { error: string } }, p: string): FileStat | { error: string } {
  return fs.lstat ? fs.lstat(p) : fs.stat(p);
}

const envCmd: Util = (c) => {
  const args = c.argv.slice(1);
  if (args.length && !args[0].startsWith('-')) {
    // env VAR=x cmd
    const env = new Map(c.env);
    let i = 0;
    for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
      const eq = args[i].indexOf('=');
      env.set(args[i].slice(0, eq), args[i].slice(eq + 1));
    }
    if (i < args.length) return c.interp.exec(args.slice(i), c.stdin, { write: c.out }, { write: c.err }, env);
    for (const [k, v] of env) c.out(`${k}=${v}\n`);
    return 0;
  }
  for (const [k, v] of c.env) c.out(`${k}=${v}\n`);
  return 0;
};

const printenv: Util = (c) => {
  const names = c.argv.slice(1);
  if (!names.length) return envCmd({ ...c, argv: ['env'] });
  let st = 0;
  for (const n of names) {
    const v = c.env.get(n);
    if (v === undefined) st = 1;
    else c.out(v + '\n');
  }
  return st;
};

const hostname: Util = (c) => {
  const loc = c.state.location;
  const ipFlag = c.argv.includes('-i') || c.argv.includes('-I') || c.argv.includes('--ip-address');
  if (loc.kind === 'node') {
    const node = c.sim.store.get('Node', '', loc.node);
    const ip = ((node?.status as Record<string, any>)?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '127.0.1.1';
    c.out((ipFlag ? ip : loc.node) + '\n');
    return 0;
  }
  const k = c.sim.services.kubelet as KubeletService | undefined;
  const v = k?.container(loc.namespace, loc.pod, loc.container);
  if (ipFlag) {
    // the pod's /etc/hosts maps its hostname to the pod IP
    const pod = c.sim.store.get('Pod', loc.namespace, loc.pod);
    c.out(`${(pod?.status as Record<string, any>)?.podIP ?? '127.0.0.1'}${c.argv.includes('-I') ? ' ' : ''}\n`);
    return 0;
  }
  c.out((v && !('error' in v) ? v.hostname : loc.pod) + '\n');
  return 0;
};

const mkdir: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) return 1;
  let st = 0;
  for (const d of rest) {
    const r = fs.mkdir(resolvePath(c.state.cwd, d), { parents: flags.has('p') });
    if (r.error) {
      c.err(c.state.flavour === 'busybox' ? `mkdir: can't create directory '${d}': ${errno(r.error)}\n` : `mkdir: cannot create directory '${d}': ${errno(r.error)}\n`);
      st = 1;
    }
  }
  return st;
};

const rm: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) return 1;
  let st = 0;
  for (const f of rest) {
    const p = resolvePath(c.state.cwd, f);
    // unlink(2) takes a symlink itself (a dangling one too), never what it points to
    const s = lstatOr(fs, p);
    if ('error' in s) {
      if (!flags.has('f')) {
        c.err(c.state.flavour === 'busybox' ? `rm: can't remove '${f}': ${errno(s.error)}\n` : `rm: cannot remove '${f}': ${errno(s.error)}\n`);
        st = 1;
      }
      continue;
    }
    if (s.dir && !flags.has('r') && !flags.has('R')) {
      c.err(c.state.flavour === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
      st = 1;
      continue;
    }
    const r = fs.remove(p, { recursive: true });
    if (r.error) {
      c.err(`rm: cannot remove '${f}': ${errno(r.error)}\n`);
      st = 1;
    }
  }
  return st;
};

const touch: Util = (c) => {
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) return 1;
  let st = 0;
  for (const f of c.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const p = resolvePath(c.state.cwd, f);
    if (!('error' in fs.stat(p))) continue;
    const r = fs.write(p, '');
    if (r.error) {
      c.err(`touch: cannot touch '${f}': ${errno(r.error)}\n`);
      st = 1;
    }
  }
  return st;
};

const grep: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1), ['e', 'A', 'B', 'C', 'm']);
  const pat = flags.get('e') ?? rest.shift();
  const after = Number(flags.get('A') ?? flags.get('C') ?? 0) || 0;
  const before = Number(flags.get('B') ?? flags.get('C') ?? 0) || 0;
  const maxCount = flags.has('m') ? Number(flags.get('m')) : Infinity;
  if (pat === undefined) {
    c.err('Usage: grep [OPTION]... PATTERNS [FILE]...\nTry \'grep --help\' for more information.\n');
    return 2;
  }
  let re: RegExp;
  try {
    let src = flags.has('E') ? pat : pat.replace(/\\\|/g, '\u0000').replace(/[|+?(){}]/g, '\\$&').replace(/\u0000/g, '|');
    if (flags.has('w')) src = `\\b(?:${src})\\b`;
    if (flags.has('x')) src = `^(?:${src})$`;
    re = new RegExp(flags.has('F') ? pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : src, flags.has('i') ? 'i' : '');
  } catch {
    c.err(`grep: Invalid regular expression\n`);
    return 2;
  }
  let count = 0;
  const multi = rest.length > 1;
  const st = readFiles(c, rest, (text, name) => {
    let n = 0;
    const all = lines(text);
    let lastPrinted = -1;
    let afterLeft = 0;
    for (let i = 0; i < all.length; i++) {
      const l = all[i];
      const m = n < maxCount && re.test(l) !== flags.has('v');
      if (!m) {
        if (afterLeft > 0 && !flags.has('o')) {
          c.out((multi ? name + '-' : '') + l + '\n');
          lastPrinted = i;
          afterLeft--;
        }
        continue;
      }
      n++;
      if (flags.has('c') || flags.has('q') || flags.has('l')) continue;
      if ((before || after) && lastPrinted >= 0 && i - before > lastPrinted + 1) c.out('--\n');
      for (let j = Math.max(lastPrinted + 1, i - before); j < i; j++) c.out((multi ? name + '-' : '') + all[j] + '\n');
      if (flags.has('o')) {
        const g = new RegExp(re.source, re.flags + 'g');
        for (const x of l.match(g) ?? []) c.out((multi ? name + ':' : '') + x + '\n');
      } else c.out((multi ? name + ':' : '') + l + '\n');
      lastPrinted = i;
      afterLeft = after;
    }
    if (flags.has('c')) c.out((multi ? name + ':' : '') + n + '\n');
    if (flags.has('l') && n) c.out(name + '\n');
    count += n;
  });
  if (st) return 2;
  return count ? 0 : 1;
};

const headTail = (tail: boolean): Util => (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1), ['n', 'c']);
  let n = Number((flags.get('n') ?? '10').replace(/^\+/, ''));
  if (Number.isNaN(n)) n = 10;
  return readFiles(c, rest, (text) => {
    const l = lines(text);
    const sel = tail ? (String(flags.get('n')).startsWith('+') ? l.slice(n - 1) : l.slice(Math.max(0, l.length - n))) : l.slice(0, n);
    c.out(sel.map((x) => x + '\n').join(''));
  });
};

const wc: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  return readFiles(c, rest, (text, name) => {
    const l = (text.match(/\n/g) ?? []).length;
    const w = text.split(/\s+/).filter(Boolean).length;
    const ch = utf8Encode(text).length;
    const only = flags.has('l') ? [l] : flags.has('w') ? [w] : flags.has('c') ? [ch] : null;
    const suffix = name === '-' ? '' : ' ' + name;
    if (only) c.out(`${only[0]}${suffix}\n`);
    else c.out(`${String(l).padStart(7)} ${String(w).padStart(7)} ${String(ch).padStart(7)}${suffix}\n`);
  });
};

const sort: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const all: string[] = [];
  const st = readFiles(c, rest, (t) => all.push(...lines(t)));
  let out = flags.has('n') ? all.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)) : all.sort();
  if (flags.has('r')) out = out.reverse();
  if (flags.has('u')) out = out.filter((x, i) => i === 0 || x !== out[i - 1]);
  c.out(out.map((x) => x + '\n').join(''));
  return st;
};

const uniq: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  return readFiles(c, rest, (t) => {
    const l = lines(t);
    const groups: [string, number][] = [];
    for (const x of l) {
      const g = groups[groups.length - 1];
      if (g && g[0] === x) g[1]++;
      else groups.push([x, 1]);
    }
    for (const [x, n] of groups) c.out(flags.has('c') ? `${String(n).padStart(7)} ${x}\n` : x + '\n');
  });
};

const base64: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1));
  const decode = flags.has('d') || flags.has('decode');
  return readFiles(c, rest, (t) => {
    if (decode) {
      const r = decodeBase64(t.replace(/\s+/g, ''));
      if ('text' in r) c.out(r.text);
      else c.err('base64: invalid input\n');
    } else {
      const enc = encodeBase64(t);
      const wrap = flags.has('w') ? 0 : 76;
      c.out((wrap ? enc.match(new RegExp(`.{1,${wrap}}`, 'g'))?.join('\n') ?? '' : enc) + '\n');
    }
  });
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const date: Util = (c) => {
  const d = new Date(c.sim.clock.now());
  const p = (n: number) => String(n).padStart(2, '0');
  const fmt = c.argv.slice(1).find((a) => a.startsWith('+'));
  if (fmt) {
    c.out(fmt.slice(1).replace(/%([YmdHMSsT%])/g, (_, f) => {
      switch (f) {
        case 'Y':
          return String(d.getUTCFullYear());
        case 'm':
          return p(d.getUTCMonth() + 1);
        case 'd':
          return p(d.getUTCDate());
        case 'H':
          return p(d.getUTCHours());
        case 'M':
          return p(d.getUTCMinutes());
        case 'S':
          return p(d.getUTCSeconds());
        case 's':
          return String(Math.floor(d.getTime() / 1000));
        case 'T':
          return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
        default:
          return '%';
      }
    }) + '\n');
    return 0;
  }
  c.out(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, c.state.flavour === 'busybox' ? ' ' : ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
  return 0;
};

const tr: Util = (c) => {
  const args = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  const del = c.argv.includes('-d');
  const expand = (s: string) => s.replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/(.)-(.)/g, (_, a: string, b: string) => {
    let r = '';
    for (let x = a.charCodeAt(0); x <= b.charCodeAt(0); x++) r += String.fromCharCode(x);
    return r;
  }).replace(/\\n/g, '\n');
  const from = expand(args[0] ?? '');
  const to = expand(args[1] ?? '');
  let out = '';
  for (const ch of c.stdin) {
    const i = from.indexOf(ch);
    if (i < 0) out += ch;
    else if (!del) out += to[Math.min(i, to.length - 1)] ?? '';
  }
  c.out(out);
  return 0;
};

/** POSIX cut list: `1,3-5,7-` → predicate on 1-based positions. */
function cutList(spec: string): (n: number) => boolean {
  const ranges = spec.split(',').map((r) => {
    const m = /^(\d*)(-?)(\d*)$/.exec(r);
    if (!m) return [0, -1] as const;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    return [a, b] as const;
  });
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

const cut: Util = (c) => {
  const { flags, rest } = splitFlags(c.argv.slice(1), ['d', 'f', 'c', 'b']);
  const d = flags.get('d') ?? '\t';
  const chars = flags.get('c') ?? flags.get('b');
  if (chars !== undefined) {
    const pick = cutList(chars);
    return readFiles(c, rest, (t) => {
      for (const l of lines(t)) c.out([...l].filter((_, i) => pick(i + 1)).join('') + '\n');
    });
  }
  const pick = cutList(flags.get('f') ?? '1');
  return readFiles(c, rest, (t) => {
    for (const l of lines(t)) {
      const parts = l.split(d);
      c.out((parts.length === 1 ? l : parts.filter((_, i) => pick(i + 1)).join(d)) + '\n');
    }
  });
};

const tee: Util = (c) => {
  const fs = locationFS(c.sim, c.state.location);
  const append = c.argv.includes('-a');
  for (const f of c.argv.slice(1).filter((a) => !a.startsWith('-'))) if (!('error' in fs)) fs.write(resolvePath(c.state.cwd, f), c.stdin, { append });
  c.out(c.stdin);
  return 0;
};

const seq: Util = (c) => {
  const n = c.argv.slice(1).map(Number);
  const [a, step, b] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
  if (!step) return 1;
  let count = 0;
  for (let x = a; step > 0 ? x <= b : x >= b; x += step) {
    c.out(x + '\n');
    if (++count > 100000) break;
  }
  return 0;
};

/**
 * Which shell a name starts: `bash` is bash; `sh` and `dash` are dash on the node (Ubuntu's /bin/sh) and the
 * container's own shell elsewhere (flavourOf: busybox ash, else dash); `ash` is busybox's.
 */
function shellFlavour(c: Parameters<Util>[0]): Flavour {
  const name = c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1);
  if (name === 'bash') return 'bash';
  if (name === 'ash') return 'busybox';
  return c.state.location.kind === 'node' ? 'dash' : flavourOf(c.sim, c.state.location);
}

const sh: Util = (c) => {
  const args = c.argv.slice(1);
  const ci = args.indexOf('-c');
  const flavour = shellFlavour(c);
  if (ci >= 0) {
    const script = args[ci + 1];
    if (script === undefined) {
      c.err(`${prog(c)}: -c: option requires an argument\n`);
      return 2;
    }
    return c.interp.nested(script, c.stdin, { write: c.out }, { write: c.err }, c.state.location, c.env, undefined, flavour);
  }
  const file = args.find((a) => !a.startsWith('-'));
  if (file) {
    const fs = locationFS(c.sim, c.state.location);
    const r = 'error' in fs ? fs : fs.read(resolvePath(c.state.cwd, file));
    if ('error' in r) {
      c.err(`${prog(c)}: ${file}: ${errno(r.error)}\n`);
      return 127;
    }
    return c.interp.nested(r.data, '', { write: c.out }, { write: c.err }, c.state.location, c.env, undefined, flavour);
  }
  // `sh` reading its script from stdin (e.g. `kubectl exec -i pod -- sh < script`)
  if (c.stdin) return c.interp.nested(c.stdin, '', { write: c.out }, { write: c.err }, c.state.location, c.env, undefined, flavour);
  return 0;
};

const whoami: Util = (c) => {
  c.out('root\n');
  return 0;
};

const id: Util = (c) => {
  c.out('uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
};

const trueCmd: Util = () => 0;
const falseCmd: Util = () => 1;

/** Builtins of every shell flavour (they work in any container that has a shell). */
export const SHELL_BUILTINS: Record<string, Util> = {
  echo,
  printf,
  test,
  '[': test,
  true: trueCmd,
  false: falseCmd,
  ':': trueCmd,
  export(c) {
    for (const a of c.argv.slice(1)) {
      if (a === '-p') continue;
      const eq = a.indexOf('=');
      if (eq > 0) c.state.env.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  unset(c) {
    for (const a of c.argv.slice(1)) c.state.env.delete(a);
    return 0;
  },
  set: () => 0,
  exit(c) {
    const n = c.argv[1] === undefined ? c.state.status : Number(c.argv[1]) & 255;
    throw new ExitSignal(Number.isNaN(n) ? 2 : n);
  },
  cd(c) {
    const target = c.argv[1] ?? c.state.env.get('HOME') ?? '/';
    const p = resolvePath(c.state.cwd, target);
    const fs = locationFS(c.sim, c.state.location);
    const st = 'error' in fs ? fs : fs.stat(p);
    if ('error' in st || !st.dir) {
      const why = 'error' in st ? errno(st.error) : 'Not a directory';
      c.err(c.state.flavour === 'bash' ? `bash: cd: ${target}: ${why}\n` : c.state.flavour === 'dash' ? `sh: 1: cd: can't cd to ${target}\n` : `sh: cd: can't cd to ${target}: ${why}\n`);
      return 1;
    }
    c.state.cwd = p;
    c.state.env.set('PWD', p);
    return 0;
  },
  pwd(c) {
    c.out(c.state.cwd + '\n');
    return 0;
  },
  sleep,
  clear: () => 0,
  history: () => 0,
};

/** External utilities: on nodes always, in containers when the image has the binary. */
export const UTILITIES: Record<string, Util> = {
  cat,
  ls,
  readlink,
  ln,
  env: envCmd,
  printenv,
  hostname,
  mkdir,
  rm,
  touch,
  grep,
  head: headTail(false),
  tail: headTail(true),
  wc,
  sort,
  uniq,
  base64,
  date,
  tr,
  cut,
  tee,
  seq,
  sh,
  bash: sh,
  ash: sh,
  whoami,
  id,
  ps,
  ...TEXT_UTILITIES,
};
