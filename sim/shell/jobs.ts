/**
 * Background jobs of the reader's interactive bash (`cmd &`, `jobs`, `kill`, `wait`, `fg`, `bg`, `$!`), as bash's jobs.c
 * keeps and prints them.
 *
 * - Starting one prints `[N] PID` on stderr (execute_cmd.c → jobs.c describe_pid, interactive shells only).
 * - Pids come from a counter (deterministic), not from sim.rand.
 * - pretty_print_job / print_pipeline (JLIST_STANDARD): `[N]` + `+` (current job), `-` (previous) or ` `, a space,
 *   a space, the status padded to LONGEST_SIGNAL_DESC (24), the command, ` &` while it runs.
 *   Status: `Running`, `Done`, `Exit N`, or strsignal of the signal that ended it (`Terminated`, `Killed`, …).
 * - When a job's end is reported: bash prints ended jobs (notify_and_cleanup) before it reads the next line. A job
 *   that ends by itself while its own command line is still being handled (e.g. `echo hi &`) ends after bash printed
 *   the next prompt, so it is reported after the *next* command; a job that ends during a later command (killed by
 *   `kill %1`, a port-forward that lost its pod, a `sleep` whose time came) is reported right after that command.
 *
 * What runs in the background: the job's commands run at once (simulated time does not pass for them), their output
 * goes to the terminal as it is written. A command that keeps running (kubectl port-forward) says so through
 * `CommandContext.background.keep`, and ends when killed or when it exits by itself (`exit`). Time a job's command
 * spends (`sleep N`) does not advance the clock (`jobView`): the job ends when the clock gets there (the reader's
 * next `sleep`, `wait`); what the job's later commands print appears at once, a simplification (`(sleep 5; echo x) &`
 * prints x right away).
 */
import type { Sink } from './interp';
import type { UtilContext } from './utils';

/** How a background command reports that it keeps running, and that it ended later. */
export interface BackgroundHandle {
  pid: number;
  /** The command keeps running after it returned; `stop(signal)` is called when it is killed. */
  keep(stop: (signal: number) => void): void;
  /** The command ended by itself (later), with this exit status. */
  exit(code: number): void;
  /** The command takes this long (ms) after what the job already waits for (`sleep N` in a job). */
  after(ms: number): void;
}

/** strsignal(3) (glibc) of the signals kill sends, as bash prints a job's end; `SIG` names for kill's arguments. */
export const SIGNALS: Record<number, { name: string; text: string }> = {
  1: { name: 'HUP', text: 'Hangup' },
  2: { name: 'INT', text: 'Interrupt' },
  3: { name: 'QUIT', text: 'Quit' },
  6: { name: 'ABRT', text: 'Aborted' },
  9: { name: 'KILL', text: 'Killed' },
  10: { name: 'USR1', text: 'User defined signal 1' },
  12: { name: 'USR2', text: 'User defined signal 2' },
  13: { name: 'PIPE', text: 'Broken pipe' },
  14: { name: 'ALRM', text: 'Alarm clock' },
  15: { name: 'TERM', text: 'Terminated' },
};

export function signalNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return SIGNALS[Number(s)] ? Number(s) : undefined;
  const n = s.toUpperCase().replace(/^SIG/, '');
  const e = Object.entries(SIGNALS).find(([, v]) => v.name === n);
  return e ? Number(e[0]) : undefined;
}

export class Job {
  /** undefined while running */
  status?: { code: number } | { signal: number };
  /** The top-level command (JobTable.seq) during which it ended. */
  endedIn?: number;
  stop?: (signal: number) => void;
  endsAt?: number;
  constructor(readonly id: number, readonly pid: number, readonly text: string, readonly startedIn: number) {}

  get running(): boolean {
    return !this.status;
  }

  statusText(): string {
    const s = this.status;
    if (!s) return 'Running';
    if ('signal' in s) return SIGNALS[s.signal]?.text ?? `Signal ${s.signal}`;
    return s.code === 0 ? 'Done' : `Exit ${s.code}`;
  }

  /** $? of `wait` for it: the exit status, or 128 + the signal. */
  waitStatus(): number {
    const s = this.status;
    return !s ? 0 : 'signal' in s ? 128 + s.signal : s.code;
  }
}

export class JobTable {
  jobs: Job[] = [];
  /** `$!` */
  lastPid?: number;
  /** Top-level commands run so far (the one running now). */
  seq = 0;
  private nextPid: number;

  constructor(firstPid: number, private readonly now: () => number) {
    this.nextPid = firstPid;
  }

  /** A new job (the lowest job number above the ones in the table, 1 when it is empty, as bash's job slots). */
  start(text: string): Job {
    const id = (this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) : 0) + 1;
    const job = new Job(id, this.nextPid++, text, this.seq);
    this.jobs.push(job);
    this.lastPid = job.pid;
    return job;
  }

  end(job: Job, status: { code: number } | { signal: number }): void {
    if (!job.running) return;
    job.status = status;
    job.endedIn = this.seq;
    job.stop = undefined;
  }

  handle(job: Job): BackgroundHandle {
    return {
      pid: job.pid,
      keep: (stop) => {
        job.stop = stop;
      },
      exit: (code) => this.end(job, { code }),
      after: (ms) => {
        job.endsAt = (job.endsAt ?? this.now()) + ms;
      },
    };
  }

  /** Jobs whose time came end (exit status 0). */
  expire(): void {
    const now = this.now();
    for (const j of this.jobs) if (j.running && j.endsAt !== undefined && j.endsAt <= now) this.end(j, { code: 0 });
  }

  /** The next time a job ends by itself (`wait`), if any. */
  nextEnd(jobs = this.jobs): number | undefined {
    const t = jobs.filter((j) => j.running && j.endsAt !== undefined && !j.stop).map((j) => j.endsAt!);
    return t.length ? Math.max(...t) : undefined;
  }

  /** `%N`, `%%`, `%+`, `%-`, `%string` (a job whose command starts with it). */
  bySpec(spec: string): Job | undefined {
    const s = spec.slice(1);
    if (s === '' || s === '%' || s === '+') return this.jobs.at(-1);
    if (s === '-') return this.jobs.at(-2) ?? this.jobs.at(-1);
    if (/^\d+$/.test(s)) return this.jobs.find((j) => j.id === Number(s));
    return this.jobs.find((j) => j.text.startsWith(s));
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.pid === pid);
  }

  private mark(j: Job): string {
    const i = this.jobs.indexOf(j);
    return i === this.jobs.length - 1 ? '+' : i === this.jobs.length - 2 ? '-' : ' ';
  }

  /** One line of pretty_print_job (JLIST_STANDARD, or JLIST_LONG with the pid). */
  line(j: Job, long = false): string {
    const st = j.statusText();
    return `[${j.id}]${this.mark(j)} ${long ? String(j.pid).padStart(5) : ''} ${st}${' '.repeat(Math.max(0, 24 - st.length))}${j.text}${j.running ? ' &' : ''}\n`;
  }

  /** `jobs [-l|-p]`: every job; the ended ones are reported and leave the table. */
  list(opts: { long?: boolean; pids?: boolean } = {}): string {
    this.expire();
    let s = '';
    for (const j of this.jobs) s += opts.pids ? `${j.pid}\n` : this.line(j, opts.long);
    this.jobs = this.jobs.filter((j) => j.running);
    return s;
  }

  /** notify_and_cleanup before the next prompt: ended jobs that are due to be reported. */
  notify(err: Sink): void {
    this.expire();
    let s = '';
    const done: Job[] = [];
    for (const j of this.jobs) {
      if (j.running || j.endedIn === undefined) continue;
      if (j.endedIn === j.startedIn && this.seq <= j.endedIn) continue;
      s += this.line(j);
      done.push(j);
    }
    this.jobs = this.jobs.filter((j) => !done.includes(j));
    if (s) err.write(s);
  }
}

/** How bash names itself in a builtin's error: `bash: ` at the prompt, `bash: line 1: ` in a script. */
function prefix(c: UtilContext): string {
  return c.state.interactive ? 'bash: ' : 'bash: line 1: ';
}

/** `jobs [-l] [-p]` (builtins/jobs.def). */
export function jobsBuiltin(c: UtilContext): number {
  const t = c.state.jobs;
  let long = false;
  let pids = false;
  for (const a of c.argv.slice(1)) {
    if (/^-[lp]+$/.test(a)) {
      long ||= a.includes('l');
      pids ||= a.includes('p');
    } else if (!a.startsWith('-')) {
      const j = t?.bySpec(a.startsWith('%') ? a : '%' + a);
      if (!j) {
        c.err(`${prefix(c)}jobs: ${a}: no such job\n`);
        return 1;
      }
    } else {
      c.err(`${prefix(c)}jobs: ${a}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n`);
      return 2;
    }
  }
  if (t) c.out(t.list({ long, pids }));
  return 0;
}

/**
 * `kill [-s SIG | -SIG] pid | %job …` (builtins/kill.def): the signal goes to the job's process; bash reports its
 * end (strsignal) before the next prompt. kubectl port-forward (v1.35 RunPortForward) only traps os.Interrupt, so
 * the default SIGTERM ends it as `Terminated`.
 */
export function killBuiltin(c: UtilContext): number {
  const t = c.state.jobs;
  let args = c.argv.slice(1);
  let sig = 15;
  const usage = () => {
    c.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
    return 2;
  };
  if (!args.length) return usage();
  if (args[0] === '-l' || args[0] === '-L') {
    c.out(Object.entries(SIGNALS).map(([n, v]) => `${n.padStart(2)}) SIG${v.name}`).join('\t') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    if (args.length < 2) return usage();
    const n = signalNumber(args[1]);
    if (n === undefined) {
      c.err(`${prefix(c)}kill: ${args[1]}: invalid signal specification\n`);
      return 1;
    }
    sig = n;
    args = args.slice(2);
  } else if (args[0].startsWith('-') && args[0] !== '--') {
    const n = signalNumber(args[0].slice(1));
    if (n === undefined) {
      c.err(`${prefix(c)}kill: ${args[0].slice(1)}: invalid signal specification\n`);
      return 1;
    }
    sig = n;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) return usage();
  let st = 0;
  for (const a of args) {
    let job: Job | undefined;
    if (a.startsWith('%')) {
      job = t?.bySpec(a);
      if (!job) {
        c.err(`${prefix(c)}kill: ${a}: no such job\n`);
        st = 1;
        continue;
      }
    } else if (/^\d+$/.test(a)) {
      job = t?.byPid(Number(a));
      if (!job || !job.running) {
        c.err(`${prefix(c)}kill: (${a}) - No such process\n`);
        st = 1;
        continue;
      }
    } else {
      c.err(`${prefix(c)}kill: ${a}: arguments must be process or job IDs\n`);
      st = 1;
      continue;
    }
    if (!job.running) {
      c.err(`${prefix(c)}kill: (${job.pid}) - No such process\n`);
      st = 1;
      continue;
    }
    job.stop?.(sig);
    t!.end(job, { signal: sig });
  }
  return st;
}

/**
 * `wait [%job | pid …]` (builtins/wait.def): simulated time passes until the jobs that end by themselves (`sleep`)
 * have ended; the status is the last one's (128 + signal when killed). A job that never ends by itself (kubectl
 * port-forward) would make a real `wait` block until Ctrl-C: as with `ping` without -c, the simulator presses it for
 * the reader — `wait` returns 130 (128 + SIGINT, the terminal echoing `^C`) and the job, in its own process group,
 * keeps running.
 */
export function waitBuiltin(c: UtilContext): number {
  const t = c.state.jobs;
  if (!t) return 0;
  let targets: Job[] = [];
  let st = 0;
  for (const a of c.argv.slice(1)) {
    const j = a.startsWith('%') ? t.bySpec(a) : /^\d+$/.test(a) ? t.byPid(Number(a)) : undefined;
    if (!j) {
      if (a.startsWith('%')) c.err(`${prefix(c)}wait: ${a}: no such job\n`);
      else if (/^\d+$/.test(a)) c.err(`${prefix(c)}wait: pid ${a} is not a child of this shell\n`);
      else c.err(`${prefix(c)}wait: \`${a}': not a pid or valid job spec\n`);
      st = 127;
      continue;
    }
    targets.push(j);
  }
  if (c.argv.length === 1) targets = [...t.jobs];
  if (!targets.length) return st;
  const end = t.nextEnd(targets);
  if (end !== undefined && end > c.sim.clock.now()) c.sim.runtime.advance(end - c.sim.clock.now());
  t.expire();
  if (targets.some((j) => j.running)) {
    if (c.isatty?.(1)) c.out('^C\n');
    return 130;
  }
  return c.argv.length === 1 ? 0 : targets.at(-1)!.waitStatus();
}

/**
 * `fg [job]` and `bg [job]` (builtins/fg_bg.def fg_bg, jobs.c start_job). Errors: no such job —
 * sh_badjob "%s: no such job" with "current" when no job was named; an ended job — "%s: job has terminated";
 * `bg` on a running job — "%s: job %d already in background" (status 0: "XPG6/SUSv3 says this is not an error").
 * Jobs of the simulator never stop (there is no Ctrl-Z), so `bg` only ever reports one of those. `fg` prints the
 * job's command (start_job: the pipeline's text, no ` &`) and waits for it: a job that ends by itself (`sleep`)
 * after simulated time passes; one that keeps running (kubectl port-forward) until interrupted, which the
 * simulator does for the reader as for a foreground port-forward — the terminal echoes `^C`, port-forward's SIGINT
 * handler closes its listeners and it exits 0. A foreground job that ended leaves the table without a notice.
 * Without job control (not the reader's interactive shell): fg_bg.def sh_nojobs "no job control".
 */
function fgBg(c: UtilContext, foreground: boolean): number {
  const name = foreground ? 'fg' : 'bg';
  const t = c.state.jobs;
  if (!t) {
    c.err(`${prefix(c)}${name}: no job control\n`);
    return 1;
  }
  t.expire();
  const arg = c.argv.slice(1).find((a) => a !== '--');
  const job = arg === undefined ? t.bySpec('%+') : t.bySpec(arg.startsWith('%') ? arg : '%' + arg);
  if (!job) {
    c.err(`${prefix(c)}${name}: ${arg ?? 'current'}: no such job\n`);
    return 1;
  }
  if (!job.running) {
    c.err(`${prefix(c)}${name}: job has terminated\n`);
    return 1;
  }
  if (!foreground) {
    c.err(`${prefix(c)}bg: job ${job.id} already in background\n`);
    return 0;
  }
  c.out(job.text + '\n');
  if (job.stop) {
    if (c.isatty?.(0) && c.isatty?.(1)) c.out('^C');
    job.stop(2);
    t.end(job, { code: 0 });
  } else {
    const end = job.endsAt;
    if (end !== undefined && end > c.sim.clock.now()) c.sim.runtime.advance(end - c.sim.clock.now());
    t.expire();
    if (job.running) t.end(job, { code: 0 });
  }
  t.jobs = t.jobs.filter((j) => j !== job);
  return job.waitStatus();
}

export const fgBuiltin = (c: UtilContext): number => fgBg(c, true);
export const bgBuiltin = (c: UtilContext): number => fgBg(c, false);

/** The builtins of job control (looked up with the shell's other builtins). */
export const JOB_BUILTINS: Record<string, (c: UtilContext) => number> = { jobs: jobsBuiltin, kill: killBuiltin, wait: waitBuiltin, fg: fgBuiltin, bg: bgBuiltin };

/**
 * The cluster as a command of a background job sees it: time it spends (`sleep N`, waiting) passes for the job
 * alone — the job ends when the clock gets there — instead of holding up the reader's shell.
 */
export function jobView<S extends { runtime: object }>(sim: S, job: BackgroundHandle): S {
  const runtime = new Proxy(sim.runtime, {
    get(t, k) {
      if (k === 'advance') return (ms: number) => job.after(ms);
      const v = (t as any)[k];
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
  return new Proxy(sim, {
    get(t, k) {
      if (k === 'runtime') return runtime;
      const v = (t as any)[k];
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}
