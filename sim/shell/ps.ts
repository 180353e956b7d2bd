/**
 * `ps` inside containers: busybox's applet (procps/ps.c, the DESKTOP build of the official busybox image: busybox,
 * alpine and the images built on them). No other image of the catalogue ships a ps: nginx, httpd, redis and postgres
 * are debian:*-slim plus their server (their Dockerfiles install no procps), ubuntu and debian are the minimal
 * images, mysql is oraclelinux:9-slim; there the shell says it found no `ps` (bash `ps: command not found`, dash
 * `sh: 1: ps: not found`) and `kubectl exec POD -- ps` gets the runtime's "executable file not found in $PATH".
 *
 * The processes a container's PID namespace holds, as the simulator models them:
 * - PID 1, the container's main process: its command line is the container's command + args, else the image's
 *   ENTRYPOINT + CMD (sim/kubelet/images.ts). A `sh -c` script whose last command is a simple one is replaced by it
 *   (busybox ash and dash exec the last command of a -c string: ash evalstring(minusc, EV_EXIT)).
 * - the shell of an interactive session (`kubectl exec -it … -- sh`; or PID 1 itself when the session is attached to
 *   the main process: `kubectl run -it`, `kubectl attach -it`, `kubectl debug -it`);
 * - `ps` itself.
 * PIDs: runc starts a process (the container's init, or an exec) through `runc init`, whose Go runtime threads take
 * the next five PIDs of the namespace; a shell's child takes the next one. So a `kubectl run -it … -- sh` shell is
 * 1 and its first `ps` 7; a `kubectl exec -it … -- sh` into a fresh container is 7 and its first `ps` 13; the next
 * `ps` 14. The counter lives with the container instance (its filesystem): a restarted container starts over.
 * Not modelled: children of PID 1 (a loop's `sleep`, nginx's workers), background jobs, the other commands of a
 * pipeline, shared PID namespaces (shareProcessNamespace, `kubectl debug --target`), users other than root.
 */
import type { Sim } from '../sim';
import type { ContainerView, KubeletService } from '../kubelet/service';
import type { ShellState } from './interp';
import type { UtilContext } from './utils';

interface Proc {
  pid: number;
  ppid: number;
  /** argv as /proc/PID/cmdline holds it */
  argv: string[];
  /** start time, ms */
  start: number;
  tty: boolean;
  state: 'S' | 'R';
}

interface PidTable {
  /** the last PID handed out in the namespace */
  last: number;
  /** the interactive session shell now open in this container */
  session?: { pid: number; argv: string[]; start: number; attached: boolean };
}

const tables = new WeakMap<object, PidTable>();

function table(fs: object): PidTable {
  let t = tables.get(fs);
  if (!t) tables.set(fs, (t = { last: 6 }));
  return t;
}

/** A process runc starts in the namespace (an exec): the next PID, then five for runc init's threads. */
function runcPid(t: PidTable): number {
  const pid = t.last + 1;
  t.last = pid + 5;
  return pid;
}

/**
 * An interactive shell session opened in the container (kubectl exec -it: `attached` false, a new process; kubectl
 * run/attach/debug -it: `attached` true, the session is the container's PID 1).
 */
export function noteSession(sim: Sim, view: ContainerView, shell: string, attached: boolean): void {
  const t = table(view.fs);
  t.session = attached ? { pid: 1, argv: view.argv ?? [shell], start: 0, attached } : { pid: runcPid(t), argv: [shell], start: sim.clock.now(), attached };
}

/** The exec'd session shell has exited (its container keeps running). */
export function endSession(view: ContainerView): void {
  const t = tables.get(view.fs);
  if (t) t.session = undefined;
}

/** The words of a simple command (quotes removed), or undefined when it is more than that. */
function simpleWords(cmd: string): string[] | undefined {
  if (/[|&<>(){}`$\\]/.test(cmd.replace(/'[^']*'|"[^"$`\\]*"/g, ''))) return undefined;
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cmd))) words.push(m[1] ?? m[2] ?? m[3]);
  if (!words.length || /^(while|until|for|if|case|do|done|then|fi|esac|!)$/.test(words[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return undefined;
  return words;
}

/** PID 1's command line: `sh -c 'a; b'` becomes `b` when b is a simple command (the shell exec'd it). */
function mainArgv(argv: string[]): string[] {
  const bin = (argv[0] ?? '').slice((argv[0] ?? '').lastIndexOf('/') + 1);
  if (['sh', 'ash', 'dash'].includes(bin) && argv[1] === '-c' && argv.length >= 3) {
    const script = argv[2].trim();
    // the text after the last top-level `;`, `&&`, `||` or newline (quotes skipped)
    let from = 0;
    let q = '';
    for (let i = 0; i < script.length; i++) {
      const ch = script[i];
      if (q) {
        if (ch === q) q = '';
      } else if (ch === "'" || ch === '"') q = ch;
      else if (ch === ';' || ch === '\n') from = i + 1;
      else if ((ch === '&' || ch === '|') && script[i + 1] === ch) from = ++i + 1;
    }
    const last = script.slice(from).trim();
    const words = last ? simpleWords(last) : undefined;
    if (words?.[0] === 'exec' && words.length > 1) return words.slice(1);
    // a builtin last (echo, exit, …) runs in the shell, which stays
    if (words && !['exit', 'echo', 'printf', 'true', 'false', ':', 'cd', 'export', 'set', 'read', 'wait', 'exec', 'test', '['].includes(words[0])) return words;
  }
  return argv;
}

function startedAt(sim: Sim, view: ContainerView): number {
  const pod = sim.store.get('Pod', view.namespace, view.pod);
  const st = pod?.status as Record<string, any> | undefined;
  for (const list of [st?.containerStatuses, st?.initContainerStatuses, st?.ephemeralContainerStatuses]) {
    const s = (list ?? []).find((x: any) => x.name === view.container);
    const t = s?.state?.running?.startedAt;
    if (t) return Date.parse(t);
  }
  return sim.clock.now();
}

function containerTTY(sim: Sim, view: ContainerView): boolean {
  const spec = sim.store.get('Pod', view.namespace, view.pod)?.spec as Record<string, any> | undefined;
  const c = [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].find((x: any) => x.name === view.container);
  return !!c?.tty;
}

/** The processes `ps` (argv) running in this shell state finds, ps last. */
function processes(c: UtilContext, view: ContainerView): Proc[] {
  const sim = c.sim;
  const t = table(view.fs);
  const now = sim.clock.now();
  // a session nobody announced is one attached to the main process (kubectl debug -it opens those too)
  if (isSession(c.state) && !t.session) t.session = { pid: 1, argv: view.argv ?? [], start: 0, attached: true };
  const session = isSession(c.state) ? t.session : undefined;
  const procs: Proc[] = [];
  const mainTTY = containerTTY(sim, view);
  if (!session?.attached) procs.push({ pid: 1, ppid: 0, argv: mainArgv(view.argv ?? []), start: startedAt(sim, view), tty: mainTTY, state: 'S' });
  let parent = 0;
  if (session) {
    procs.push({ pid: session.pid, ppid: 0, argv: session.attached ? view.argv ?? session.argv : session.argv, start: session.attached ? startedAt(sim, view) : session.start, tty: true, state: 'S' });
    parent = session.pid;
  }
  // ps: a child of the session's shell, else a process of its own (kubectl exec POD -- ps)
  const pid = session ? ++t.last : runcPid(t);
  procs.push({ pid, ppid: parent, argv: c.argv, start: now, tty: session ? true : c.isatty?.(0) ?? false, state: 'R' });
  return procs;
}

/** The reader's interactive shell in a container (not a nested `sh -c`, not a probe). */
function isSession(state: ShellState): boolean {
  return state.interactive && !!state.terminal && state.location.kind === 'container';
}

/** What the terminal is wide: $COLUMNS, else 80 (the simulator's terminals have no window size to ask). */
function termWidth(c: UtilContext): number {
  const n = Number(c.env.get('COLUMNS'));
  return Number.isInteger(n) && n > 0 ? n : 80;
}

// ------------------------------------------------------------------ busybox

const BB_BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n';
const BB_USAGE = 'Usage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n';

interface Col {
  width: number;
  name: string;
  header: string;
  f: (p: Proc, now: number) => string;
}

/** busybox format_time: mm:ss below an hour, then hh h mm, dd d hh (a 5-character TIME column). */
function bbTime(secs: number): string {
  let tt = Math.floor(secs);
  let ff = tt % 60;
  tt = Math.floor(tt / 60);
  if (tt < 60) return `${String(tt).padStart(2)}:${String(ff).padStart(2, '0')}`;
  ff = tt % 60;
  tt = Math.floor(tt / 60);
  if (tt < 24) return `${String(tt).padStart(2)}h${String(ff).padStart(2, '0')}`;
  ff = tt % 24;
  tt = Math.floor(tt / 24);
  if (tt < 100) return `${String(tt).padStart(2)}d${String(ff).padStart(2, '0')}`;
  return `${String(tt).padStart(4)}d`;
}

/** busybox ps.c out_spec (name6, header, width), in its order: the `bad -o argument` list is printed in it. */
const BB_COLS: Col[] = [
  { width: 8, name: 'user', header: 'USER', f: () => 'root' },
  { width: 8, name: 'group', header: 'GROUP', f: () => 'root' },
  { width: 16, name: 'comm', header: 'COMMAND', f: (p) => comm(p).slice(0, 15) },
  { width: 2048, name: 'args', header: 'COMMAND', f: (p) => p.argv.join(' ') },
  { width: 5, name: 'pid', header: 'PID', f: (p) => String(p.pid).padStart(5) },
  { width: 5, name: 'ppid', header: 'PPID', f: (p) => String(p.ppid).padStart(5) },
  { width: 5, name: 'pgid', header: 'PGID', f: (p) => String(p.pid).padStart(5) },
  { width: 7, name: 'etime', header: 'ELAPSED', f: (p, now) => bbTime((now - p.start) / 1000) },
  { width: 5, name: 'nice', header: 'NI', f: () => '0'.padStart(5) },
  { width: 8, name: 'rgroup', header: 'RGROUP', f: () => 'root' },
  { width: 8, name: 'ruser', header: 'RUSER', f: () => 'root' },
  { width: 5, name: 'time', header: 'TIME', f: () => bbTime(0) },
  { width: 6, name: 'tty', header: 'TT', f: (p) => (p.tty ? '136,0' : '?') },
  // sizes are not modelled: POSIX's hyphen for a field with no meaningful value
  { width: 4, name: 'vsz', header: 'VSZ', f: () => '' },
  { width: 5, name: 'sid', header: 'SID', f: (p) => String(p.pid).padStart(5) },
  { width: 4, name: 'stat', header: 'STAT', f: (p) => p.state },
  { width: 4, name: 'rss', header: 'RSS', f: () => '' },
];

function comm(p: Proc): string {
  const a = p.argv[0] ?? '';
  return a.slice(a.lastIndexOf('/') + 1);
}

function busyboxPs(c: UtilContext, view: ContainerView): number {
  // getopt32(argv, "Zo:*aAdefl" "T"): other options are errors; operands (`ps aux`) are ignored
  const specs: string[] = [];
  const args = c.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      if (ch === 'o') {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined) {
          c.err(`ps: option requires an argument -- 'o'\n${BB_BANNER}${BB_USAGE}`);
          return 1;
        }
        specs.push(v);
        break;
      }
      if (!'ZaAdeflT'.includes(ch)) {
        c.err(`ps: invalid option -- '${ch}'\n${BB_BANNER}${BB_USAGE}`);
        return 1;
      }
    }
  }
  // parse_o: comma-separated names, the last may carry =HEADER
  const cols: Col[] = [];
  let printHeader = false;
  const find = (name: string): Col | undefined => BB_COLS.find((x) => x.name === name.slice(0, 6));
  for (const spec of specs.length ? specs : ['pid,user,time,args']) {
    const eq = spec.indexOf('=');
    const list = (eq >= 0 ? spec.slice(0, eq) : spec).split(',');
    for (let i = 0; i < list.length; i++) {
      const col = find(list[i]);
      if (!col) {
        c.err(`ps: bad -o argument '${list[i]}', supported arguments: ${BB_COLS.map((x) => x.name).join(',')}\n`);
        return 1;
      }
      const copy = { ...col };
      if (i === list.length - 1 && eq >= 0) {
        copy.header = spec.slice(eq + 1);
        if (copy.header) {
          copy.width = copy.header.length;
          printHeader = true;
        }
      } else printHeader = true;
      cols.push(copy);
    }
  }
  if (cols.some((x) => x.header)) printHeader = true;
  const tty = c.isatty?.(1) ?? false;
  const width = tty ? Math.min(termWidth(c) - 1, 2048) : 2048;
  // alloc_line_buffer: columns that start beyond the terminal are dropped
  let w = 0;
  for (let i = 0; i < cols.length; i++) {
    w += cols[i].width + 1;
    if (w - width > 0) {
      cols.length = i + 1;
      break;
    }
  }
  const line = (s: string) => c.out(s.slice(0, width) + '\n');
  if (printHeader) line(cols.map((x, i) => (i === cols.length - 1 ? x.header : x.header.padEnd(x.width) + ' ')).join(''));
  const now = c.sim.clock.now();
  for (const p of processes(c, view)) {
    let s = '';
    cols.forEach((x, i) => {
      const v = x.f(p, now).slice(0, x.width) || '-';
      s += v;
      if (i < cols.length - 1) s += ' '.repeat(Math.max(0, x.width - v.length + 1));
    });
    line(s);
  }
  return 0;
}

// ------------------------------------------------------------------ the utility

/** `ps`: registered in the shell's UTILITIES; runs where the location has the binary (../shell/interp.ts). */
export function ps(c: UtilContext): number {
  const loc = c.state.location;
  if (loc.kind !== 'container') {
    // the nodes' processes (systemd, containerd, the kubelet, kernel threads) are not simulated
    c.err(c.interp.notFound(c.argv[0]));
    return 127;
  }
  const view = (c.sim.services.kubelet as KubeletService | undefined)?.container(loc.namespace, loc.pod, loc.container);
  if (!view || 'error' in view) return 1;
  if (view.binaries.has('busybox')) return busyboxPs(c, view);
  // procps-ng's ps: no image of the catalogue ships it and apt-get's procps install is not recorded (../network/apt.ts)
  c.err(c.interp.notFound(c.argv[0]));
  return 127;
}
