/**
 * The shell interpreter: expands words, wires redirections and pipelines, runs
 * builtins, coreutils-like utilities and the commands subsystems registered
 * (kubectl, curl, nslookup, …), at a location (the reader's node or a container).
 */
import type { Sim } from '../sim';
import type { CommandContext, Location } from './types';
import type { FileSystem, KubeletService } from '../kubelet/service';
import { parseScript, ShellSyntaxError, type AndOr, type Command, type List, type Pipeline, type Redirect, type Word } from './parse';
import { UTILITIES, SHELL_BUILTINS, type UtilContext } from './utils';
import { JOB_BUILTINS, jobView, type BackgroundHandle, type JobTable } from './jobs';

export interface Sink {
  write(text: string): void;
  /**
   * isatty: true for the reader's terminal and the pty of `kubectl exec -t`, false for pipes, captures, files and
   * /dev/null; unset for a sink that only forwards to the stream of the command that made it (a utility running
   * another command), which then is whatever that stream is.
   */
  readonly tty?: boolean;
}

/** The same output, attached to a terminal (a pty) or not (a pipe). */
export function ttySink(s: Sink, tty: boolean): Sink {
  return { write: (t) => s.write(t), tty };
}

export class ExitSignal {
  constructor(readonly code: number) {}
}

/** Error texts of "command not found" in the shell flavours we simulate. */
export type Flavour = 'bash' | 'busybox' | 'dash';

export interface ShellState {
  location: Location;
  env: Map<string, string>;
  cwd: string;
  status: number;
  flavour: Flavour;
  /** Interactive (the reader's terminal): `cmd: command not found` without `bash: line N:` */
  interactive: boolean;
  /** The shell reads the terminal (the reader's session shells): its commands' stdin is a tty unless piped or redirected. */
  terminal?: boolean;
  /** Whether commands may settle / advance time (always true). */
  /** The background jobs of an interactive session shell (./jobs.ts); other shells run `cmd &` to its end at once. */
  jobs?: JobTable;
}

/** The node FS used when no kubelet is installed (unit tests of the shell alone). */
const fallbackFS = new WeakMap<Sim, Map<string, FileSystem>>();

export function locationFS(sim: Sim, loc: Location): FileSystem | { error: string } {
  const k = sim.services.kubelet as KubeletService | undefined;
  if (loc.kind === 'node') {
    const fs = k?.nodeFS(loc.node);
    if (fs) return fs;
    let m = fallbackFS.get(sim);
    if (!m) fallbackFS.set(sim, (m = new Map()));
    let f = m.get(loc.node);
    if (!f) m.set(loc.node, (f = new SimpleFS()));
    return f;
  }
  if (!k) return { error: 'no kubelet' };
  const c = k.container(loc.namespace, loc.pod, loc.container);
  if ('error' in c) return c;
  return c.fs;
}

/** Minimal FS (files only, directories implied) for shells without a kubelet. */
export class SimpleFS implements FileSystem {
  files = new Map<string, string>();
  dirs = new Set<string>(['/', '/root', '/tmp', '/etc', '/home']);
  read(p: string) {
    if (this.dirs.has(p)) return { error: 'EISDIR' };
    const d = this.files.get(p);
    return d === undefined ? { error: 'ENOENT' } : { data: d };
  }
  write(p: string, data: string, opts?: { append?: boolean }) {
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.dirs.has(dir)) return { error: 'ENOENT' };
    if (this.dirs.has(p)) return { error: 'EISDIR' };
    this.files.set(p, opts?.append ? (this.files.get(p) ?? '') + data : data);
    return {};
  }
  list(p: string) {
    if (this.files.has(p)) return { entries: [{ name: p.slice(p.lastIndexOf('/') + 1), dir: false, size: this.files.get(p)!.length }] };
    if (!this.dirs.has(p)) return { error: 'ENOENT' };
    const pre = p === '/' ? '/' : p + '/';
    const out = new Map<string, { name: string; dir: boolean; size: number }>();
    for (const d of this.dirs) if (d.startsWith(pre) && d !== p && !d.slice(pre.length).includes('/')) out.set(d, { name: d.slice(pre.length), dir: true, size: 4096 });
    for (const [f, c] of this.files) if (f.startsWith(pre) && !f.slice(pre.length).includes('/')) out.set(f, { name: f.slice(pre.length), dir: false, size: c.length });
    return { entries: [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) };
  }
  stat(p: string) {
    if (this.dirs.has(p)) return { dir: true, size: 4096 };
    const f = this.files.get(p);
    return f === undefined ? { error: 'ENOENT' } : { dir: false, size: f.length };
  }
  mkdir(p: string, opts?: { parents?: boolean }) {
    if (this.dirs.has(p) || this.files.has(p)) return opts?.parents && this.dirs.has(p) ? {} : { error: 'EEXIST' };
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.dirs.has(parent)) {
      if (!opts?.parents) return { error: 'ENOENT' };
      this.mkdir(parent, opts);
    }
    this.dirs.add(p);
    return {};
  }
  remove(p: string, opts?: { recursive?: boolean }) {
    if (this.files.delete(p)) return {};
    if (!this.dirs.has(p)) return { error: 'ENOENT' };
    const pre = p + '/';
    const children = [...this.files.keys(), ...this.dirs].some((x) => x.startsWith(pre));
    if (children && !opts?.recursive) return { error: 'ENOTEMPTY' };
    for (const f of [...this.files.keys()]) if (f.startsWith(pre)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d.startsWith(pre)) this.dirs.delete(d);
    this.dirs.delete(p);
    return {};
  }
}

export const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
};

export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : (cwd === '/' ? '' : cwd) + '/' + p;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Pipe/capture buffer. */
class Buffer implements Sink {
  readonly tty = false;
  text = '';
  write(t: string) {
    this.text += t;
  }
}

const NULL_SINK: Sink = { write() {}, tty: false };

export class Interpreter {
  /**
   * isatty(0) of the command being run: the session's terminal, unless the command reads a pipe, a heredoc,
   * a here-string or a file (`<`). Command substitutions and subshells inherit it, as they inherit fd 0.
   */
  stdinTTY: boolean;

  constructor(readonly sim: Sim, readonly state: ShellState) {
    this.stdinTTY = !!state.terminal;
  }

  /** A subshell or command substitution: a copy of the variables, the same fd 0. */
  private child(state: ShellState): Interpreter {
    const sub = new Interpreter(this.sim, state);
    sub.stdinTTY = this.stdinTTY;
    return sub;
  }

  /** Parse and run a script; syntax errors print bash's message (exit 2). */
  runScript(src: string, stdin: string, out: Sink, err: Sink): number {
    let completes;
    try {
      completes = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        err.write(this.syntaxError(e));
        return (this.state.status = 2);
      }
      throw e;
    }
    try {
      for (const c of completes) this.runList(c.list, stdin, out, err);
    } catch (e) {
      if (e instanceof ExitSignal) return (this.state.status = e.code);
      throw e;
    }
    return this.state.status;
  }

  syntaxError(e: ShellSyntaxError): string {
    const f = this.state.flavour;
    if (f === 'busybox') return `sh: ${e.message.replace(/^syntax error near unexpected token `(.*)'$/, "syntax error: unexpected \"$1\"")}\n`;
    if (f === 'dash') return `sh: ${e.line}: Syntax error: ${e.message.replace(/^syntax error near unexpected token /, '').replace(/`(.*)'/, '"$1" unexpected')}\n`;
    return this.state.interactive ? `bash: ${e.message}\n` : `bash: line ${e.line}: ${e.message}\n`;
  }

  runList(list: List, stdin: string, out: Sink, err: Sink): number {
    for (const ao of list) {
      if (ao.background && this.state.jobs && !this.background) this.runBackground(ao, ao.background.text, this.state.jobs, out, err);
      else this.runAndOr(ao, stdin, out, err);
    }
    return this.state.status;
  }

  /** The background job whose commands run now (what `sleep` and kubectl port-forward ask). */
  background?: BackgroundHandle;

  /**
   * `cmd &` in an interactive session: `[N] PID` on stderr, the job's commands run now with no terminal input
   * (a background job reading the terminal would be stopped), `$?` is 0 (bash: the status of an asynchronous list).
   */
  private runBackground(ao: AndOr, text: string, jobs: JobTable, out: Sink, err: Sink): void {
    const job = jobs.start(text);
    if (this.state.interactive) err.write(`[${job.id}] ${job.pid}\n`);
    const stdinTTY = this.stdinTTY;
    this.background = jobs.handle(job);
    this.stdinTTY = false;
    let code: number;
    try {
      code = this.runAndOr({ ...ao, background: undefined }, '', out, err);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      code = e.code; // `exit` in a background job ends the job, not the shell
    } finally {
      this.background = undefined;
      this.stdinTTY = stdinTTY;
    }
    if (!job.stop && job.endsAt === undefined) jobs.end(job, { code });
    this.state.status = 0;
  }

  runAndOr(ao: AndOr, stdin: string, out: Sink, err: Sink): number {
    let st = this.runPipeline(ao.first, stdin, out, err);
    for (const r of ao.rest) {
      if ((r.op === '&&' && st === 0) || (r.op === '||' && st !== 0)) st = this.runPipeline(r.p, stdin, out, err);
    }
    return st;
  }

  runPipeline(p: Pipeline, stdin: string, out: Sink, err: Sink): number {
    let input = stdin;
    let st = 0;
    const stdinTTY = this.stdinTTY;
    try {
      p.commands.forEach((c, i) => {
        const last = i === p.commands.length - 1;
        const buf = last ? undefined : new Buffer();
        // every command after the first reads the pipe
        if (i > 0) this.stdinTTY = false;
        st = this.runCommand(c, input, buf ?? out, err);
        if (buf) input = buf.text;
      });
    } finally {
      this.stdinTTY = stdinTTY;
    }
    if (p.negate) st = st === 0 ? 1 : 0;
    this.state.status = st;
    return st;
  }

  runCommand(c: Command, stdin: string, out: Sink, err: Sink): number {
    const io = this.openRedirects(c.redirs, stdin, out, err);
    if ('error' in io) {
      err.write(io.error);
      return (this.state.status = 1);
    }
    const stdinTTY = this.stdinTTY;
    if (io.stdinRedirected) this.stdinTTY = false;
    let st: number;
    try {
      st = this.runBody(c, io);
    } finally {
      this.stdinTTY = stdinTTY;
    }
    io.close();
    this.state.status = st;
    return st;
  }

  private runBody(c: Command, io: { stdin: string; out: Sink; err: Sink }): number {
    let st = 0;
    switch (c.t) {
      case 'simple':
        st = this.runSimple(c, io.stdin, io.out, io.err);
        break;
      case 'for': {
        const items = c.items ? this.expandWords(c.items, io.err) : [];
        for (const it of items) {
          this.state.env.set(c.name, it);
          st = this.runList(c.body, io.stdin, io.out, io.err);
        }
        break;
      }
      case 'if': {
        let done = false;
        st = 0;
        for (const cl of c.clauses) {
          if (this.runList(cl.cond, io.stdin, io.out, io.err) === 0) {
            st = this.runList(cl.body, io.stdin, io.out, io.err);
            done = true;
            break;
          }
        }
        if (!done) st = c.else ? this.runList(c.else, io.stdin, io.out, io.err) : 0;
        break;
      }
      case 'while': {
        let guard = 0;
        st = 0;
        for (;;) {
          const cst = this.runList(c.cond, io.stdin, io.out, io.err);
          if ((cst === 0) === c.until) break;
          st = this.runList(c.body, io.stdin, io.out, io.err);
          if (++guard > 10000) {
            io.err.write('sh: loop limit reached (10000 iterations)\n');
            st = 1;
            break;
          }
        }
        break;
      }
      case 'group': {
        if (c.subshell) {
          const sub = this.child({ ...this.state, env: new Map(this.state.env), jobs: undefined });
          try {
            st = sub.runList(c.body, io.stdin, io.out, io.err);
          } catch (e) {
            if (!(e instanceof ExitSignal)) throw e;
            st = e.code;
          }
        } else st = this.runList(c.body, io.stdin, io.out, io.err);
        break;
      }
    }
    return st;
  }

  /** Apply redirections in order; returns the effective stdin/out/err. */
  openRedirects(redirs: Redirect[], stdin: string, out: Sink, err: Sink): { stdin: string; stdinRedirected: boolean; out: Sink; err: Sink; close(): void } | { error: string } {
    const fds: Sink[] = [NULL_SINK, out, err];
    let input = stdin;
    let stdinRedirected = false;
    for (const r of redirs) {
      if (r.op === '<<') {
        input = r.expand ? this.expandHeredoc(r.body ?? '', err) : r.body ?? '';
        stdinRedirected = true;
        continue;
      }
      if (r.op === '<<<') {
        input = this.expandWord(r.target!, err).join(' ') + '\n';
        stdinRedirected = true;
        continue;
      }
      if (r.op === '>&') {
        if (r.dupFd !== undefined && r.dupFd >= 0) fds[r.fd] = fds[r.dupFd] ?? NULL_SINK;
        else fds[r.fd] = NULL_SINK;
        continue;
      }
      const target = this.expandWord(r.target!, err).join(' ');
      if (target === '/dev/null') {
        if (r.op === '<') (input = ''), (stdinRedirected = true);
        else if (r.fd === -1) fds[1] = fds[2] = NULL_SINK;
        else fds[r.fd] = NULL_SINK;
        continue;
      }
      if (target === '/dev/stdout' || target === '/dev/stderr') {
        const s = target === '/dev/stdout' ? out : err;
        if (r.fd === -1) fds[1] = fds[2] = s;
        else fds[r.fd] = s;
        continue;
      }
      const fs = locationFS(this.sim, this.state.location);
      if ('error' in fs) return { error: `sh: can't open '${target}': ${fs.error}\n` };
      const path = resolvePath(this.state.cwd, target);
      if (r.op === '<') {
        const rd = fs.read(path);
        if ('error' in rd) return { error: this.redirError(target, rd.error) };
        input = rd.data;
        stdinRedirected = true;
        continue;
      }
      const w = fs.write(path, '', { append: r.op === '>>' });
      if (w.error) return { error: this.redirError(target, w.error) };
      const sink: Sink = { write: (t) => void fs.write(path, t, { append: true }), tty: false };
      if (r.fd === -1) fds[1] = fds[2] = sink;
      else fds[r.fd] = sink;
    }
    return { stdin: input, stdinRedirected, out: fds[1] ?? NULL_SINK, err: fds[2] ?? NULL_SINK, close() {} };
  }

  redirError(target: string, errno: string): string {
    const text = ERRNO_TEXT[errno] ?? errno;
    if (this.state.flavour === 'busybox') return `sh: can't create ${target}: ${text.toLowerCase()}\n`;
    if (this.state.flavour === 'dash') return `sh: 1: cannot create ${target}: ${text}\n`;
    return `bash: ${target}: ${text}\n`;
  }

  runSimple(c: Extract<Command, { t: 'simple' }>, stdin: string, out: Sink, err: Sink): number {
    const argv = this.expandWords(c.words, err);
    const subStatus = this.lastSubstitutionStatus;
    this.lastSubstitutionStatus = undefined;
    if (!argv.length) {
      for (const a of c.assigns) this.state.env.set(a.name, this.expandWord(a.value, err, false).join(''));
      const st = this.lastSubstitutionStatus ?? subStatus ?? 0;
      this.lastSubstitutionStatus = undefined;
      return st;
    }
    let env = this.state.env;
    if (c.assigns.length) {
      env = new Map(env);
      for (const a of c.assigns) env.set(a.name, this.expandWord(a.value, err, false).join(''));
    }
    return this.exec(argv, stdin, out, err, env);
  }

  private lastSubstitutionStatus: number | undefined;

  /** Run an argv: builtin, utility, registered command, or "not found". */
  exec(argv: string[], stdin: string, out: Sink, err: Sink, env: Map<string, string> = this.state.env): number {
    out = this.resolve(out, this.outTTY);
    err = this.resolve(err, this.errTTY);
    const saved = [this.outTTY, this.errTTY];
    this.outTTY = !!out.tty;
    this.errTTY = !!err.tty;
    try {
      return this.execResolved(argv, stdin, out, err, env);
    } finally {
      [this.outTTY, this.errTTY] = saved;
    }
  }

  /** isatty(1) and isatty(2) of the command running now (what a forwarding sink it makes writes to). */
  private outTTY = false;
  private errTTY = false;

  private resolve(s: Sink, tty: boolean): Sink {
    return s.tty !== undefined ? s : ttySink(s, tty);
  }

  private execResolved(argv: string[], stdin: string, out: Sink, err: Sink, env: Map<string, string>): number {
    const name = argv[0];
    const builtin = SHELL_BUILTINS[name] ?? JOB_BUILTINS[name];
    // in a background job, time the command spends passes for the job alone (./jobs.ts)
    const sim = this.background ? jobView(this.sim, this.background) : this.sim;
    const uctx = (): UtilContext => ({
      sim,
      argv,
      stdin,
      out: (t) => out.write(t),
      err: (t) => err.write(t),
      env,
      state: this.state,
      interp: this,
      isatty: (fd) => (fd === 0 ? this.stdinTTY : !!(fd === 1 ? out : err).tty),
    });
    if (builtin) return builtin(uctx());
    const loc = this.state.location;
    const spec = this.sim.commands.get(name);
    if (spec && (!spec.available || spec.available(loc, this.sim))) {
      const ctx: CommandContext = {
        sim,
        argv,
        stdin,
        stdout: (t) => out.write(t),
        stderr: (t) => err.write(t),
        env,
        location: loc,
        isatty: (fd) => (fd === 0 ? this.stdinTTY : !!(fd === 1 ? out : err).tty),
        ...(this.background ? { background: this.background } : {}),
        exec: (line, opts) => {
          if (opts?.tty === undefined) return this.nested(line, opts?.stdin ?? '', out, err, opts?.location, opts?.env);
          // a pty: stdin, stdout and stderr are one terminal (what the process writes to stderr shows on stdout); else pipes
          const o = ttySink(out, opts.tty);
          return this.nested(line, opts.stdin ?? '', o, opts.tty ? o : ttySink(err, false), opts.location, opts.env, opts.tty);
        },
      };
      return spec.run(ctx);
    }
    const util = UTILITIES[name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name];
    if (util && this.hasBinary(name)) return util(uctx());
    err.write(this.notFound(name));
    return 127;
  }

  hasBinary(name: string): boolean {
    const loc = this.state.location;
    if (loc.kind === 'node') return true;
    const k = this.sim.services.kubelet as KubeletService | undefined;
    const c = k?.container(loc.namespace, loc.pod, loc.container);
    if (!c || 'error' in c) return false;
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    return c.binaries.has(base) || installedProgram(c.fs, base);
  }

  notFound(name: string): string {
    switch (this.state.flavour) {
      case 'busybox':
        return `sh: ${name}: not found\n`;
      case 'dash':
        return `sh: 1: ${name}: not found\n`;
      default:
        // execute_cmd.c: internal_error("%s: command not found") with the shell's name (and `line N:` when not
        // interactive); the node's Ubuntu has command-not-found's handler, which prints the name alone
        if (this.state.interactive) return this.state.location.kind === 'node' ? `${name}: command not found\n` : `bash: ${name}: command not found\n`;
        return `bash: line 1: ${name}: command not found\n`;
    }
  }

  /** A nested command line (sh -c, kubectl exec): same or another location, own variables; fd 0 a tty as given, else inherited. */
  nested(line: string, stdin: string, out: Sink, err: Sink, location?: Location, env?: Map<string, string>, stdinTTY?: boolean, flavour?: Flavour): number {
    out = this.resolve(out, this.outTTY);
    err = this.resolve(err, this.errTTY);
    const loc = location ?? this.state.location;
    const state: ShellState = {
      location: loc,
      env: new Map(env ?? this.state.env),
      cwd: location && location !== this.state.location ? startDir(this.sim, location) : this.state.cwd,
      status: 0,
      flavour: flavour ?? (location ? flavourOf(this.sim, loc) : this.state.flavour),
      interactive: false,
    };
    const sub = this.child(state);
    if (stdinTTY !== undefined) sub.stdinTTY = stdinTTY;
    return sub.runScript(line, stdin, out, err);
  }

  // ---- expansion ----

  expandWords(words: Word[], err: Sink): string[] {
    const out: string[] = [];
    for (const w of words) out.push(...this.expandWord(w, err));
    return out;
  }

  /** Expand one word into fields (split unquoted expansions unless split=false). */
  expandWord(w: Word, err: Sink, split = true): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const p of w.parts) {
      if (p.t === 'lit') {
        cur += p.v;
        has = true;
        continue;
      }
      const v = p.t === 'var' ? this.varValue(p.name, err) : this.substitute(p.src, err);
      if (p.q || !split) {
        cur += v;
        has = true;
        continue;
      }
      const pieces = v.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        if (pieces[i]) {
          cur += pieces[i];
          has = true;
        }
      }
    }
    if (has || cur) fields.push(cur);
    if (!split && !fields.length) fields.push('');
    return fields;
  }

  expandHeredoc(body: string, err: Sink): string {
    let s = '';
    let i = 0;
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$`\\\n'.includes(body[i + 1])) {
        if (body[i + 1] !== '\n') s += body[i + 1];
        i += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        // reuse the word parser on the rest: parse a "$…" token
        const sub = body.slice(i);
        const w = parseDollarPrefix(sub);
        if (w) {
          s += w.part.t === 'var' ? this.varValue(w.part.name, err) : this.substitute(w.part.src, err);
          i += w.len;
          continue;
        }
      }
      s += c;
      i++;
    }
    return s;
  }

  varValue(name: string, err: Sink): string {
    if (name.startsWith('((')) return String(arith(name.slice(2), (n) => this.state.env.get(n) ?? ''));
    if (name === '?') return String(this.state.status);
    if (name === '$') return '1';
    if (name === '!') return this.state.jobs?.lastPid !== undefined ? String(this.state.jobs.lastPid) : '';
    if (name === '#') return '0';
    if (name === '@' || name === '*' || /^[0-9]$/.test(name)) return name === '0' ? (this.state.flavour === 'bash' ? 'bash' : 'sh') : '';
    const dflt = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])(.*)$/s.exec(name);
    if (dflt) {
      const [, n, op, word] = dflt;
      const v = this.state.env.get(n);
      const unset = op.startsWith(':') ? !v : v === undefined;
      const o = op.replace(':', '');
      if (o === '-') return unset ? word : v!;
      if (o === '=') {
        if (unset) this.state.env.set(n, word);
        return unset ? word : v!;
      }
      if (o === '+') return unset ? '' : word;
      if (o === '?' && unset) {
        err.write(`bash: ${n}: ${word || 'parameter null or not set'}\n`);
        return '';
      }
      return v ?? '';
    }
    if (name.startsWith('#')) return String((this.state.env.get(name.slice(1)) ?? '').length);
    return this.state.env.get(name) ?? '';
  }

  /** `$(…)`: run in a subshell, capture stdout without trailing newlines. */
  substitute(src: string, err: Sink): string {
    const buf = new Buffer();
    const sub = this.child({ ...this.state, env: new Map(this.state.env), jobs: undefined });
    let st: number;
    try {
      st = sub.runScript(src, '', buf, err);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      st = e.code;
    }
    this.lastSubstitutionStatus = st;
    this.state.status = st;
    return buf.text.replace(/\n+$/, '');
  }
}

function parseDollarPrefix(s: string): { part: { t: 'var'; name: string } | { t: 'cmd'; src: string }; len: number } | undefined {
  if (s[0] === '`') {
    const e = s.indexOf('`', 1);
    if (e < 0) return undefined;
    return { part: { t: 'cmd', src: s.slice(1, e) }, len: e + 1 };
  }
  if (s[1] === '(') {
    if (s[2] === '(') {
      const e = s.indexOf('))', 3);
      if (e < 0) return undefined;
      return { part: { t: 'var', name: '((' + s.slice(3, e) }, len: e + 2 };
    }
    let depth = 1;
    for (let i = 2; i < s.length; i++) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) return { part: { t: 'cmd', src: s.slice(2, i) }, len: i + 1 };
    }
    return undefined;
  }
  if (s[1] === '{') {
    const e = s.indexOf('}', 2);
    if (e < 0) return undefined;
    return { part: { t: 'var', name: s.slice(2, e) }, len: e + 1 };
  }
  if (s[1] && '?$#!'.includes(s[1])) return { part: { t: 'var', name: s[1] }, len: 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(1));
  if (!m) return undefined;
  return { part: { t: 'var', name: m[0] }, len: 1 + m[0].length };
}

/** `$(( … ))`: integers, + - * / %, comparisons, parentheses, variables. */
export function arith(expr: string, get: (name: string) => string): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const val = (t: string) => (/^\d/.test(t) ? Number(t) : Number(get(t)) || 0);
  const prim = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '-') return -prim();
    if (t === '+') return prim();
    if (t === '!') return prim() ? 0 : 1;
    return t === undefined ? 0 : val(t);
  };
  const mul = (): number => {
    let v = prim();
    while (['*', '/', '%'].includes(toks[i])) {
      const op = toks[i++];
      const r = prim();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    while (['<', '>', '<=', '>=', '==', '!='].includes(toks[i])) {
      const op = toks[i++];
      const r = add();
      v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
    }
    return v;
  };
  const and = (): number => {
    let v = cmp();
    while (toks[i] === '&&') {
      i++;
      const r = cmp();
      v = Number(!!v && !!r);
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (toks[i] === '||') {
      i++;
      const r = and();
      v = Number(!!v || !!r);
    }
    return v;
  };
  return or();
}

/** A program a package put on the container's disk (apt-get install): a file in the usual bin directories. */
export function installedProgram(fs: FileSystem, name: string): boolean {
  return ['/usr/bin/', '/usr/sbin/', '/bin/', '/sbin/'].some((d) => {
    const st = fs.stat(d + name);
    return !('error' in st) && !st.dir;
  });
}

/** Shell flavour of a location: bash on nodes, busybox ash in busybox-based images, dash elsewhere. */
/** Where a command run at a location starts: a container's working directory (exec'd processes start there), / on a node. */
export function startDir(sim: Sim, loc: Location): string {
  if (loc.kind === 'node') return '/';
  const c = (sim.services.kubelet as KubeletService | undefined)?.container(loc.namespace, loc.pod, loc.container);
  return c && !('error' in c) ? c.workingDir : '/';
}

export function flavourOf(sim: Sim, loc: Location): Flavour {
  if (loc.kind === 'node') return 'bash';
  const k = sim.services.kubelet as KubeletService | undefined;
  const c = k?.container(loc.namespace, loc.pod, loc.container);
  if (c && !('error' in c) && c.binaries.has('busybox')) return 'busybox';
  return 'dash';
}
