/**
 * The shell as a subsystem: the reader's login shell on the control-plane
 * node (bash, root, ~ = /root), kept across `run` calls like a terminal
 * session, and published as `sim.services.shell` (ShellService).
 * After every top-level command the cluster settles.
 */
import type { Sim, SimModule } from '../sim';
import type { ShellService } from '../cluster';
import type { OutputChunk, RunResult, TranscriptEntry } from './types';
import { parseScript, ShellSyntaxError, type Complete } from './parse';
import { ExitSignal, Interpreter, flavourOf, startDir, type ShellState, type Sink } from './interp';
import { quoteArg } from './parse';
import type { Location } from './types';
import { JobTable } from './jobs';

const NODE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function nodeShellState(sim: Sim): ShellState {
  const node = sim.options.controlPlaneName;
  return {
    location: { kind: 'node', node },
    env: new Map([
      ['SHELL', '/bin/bash'],
      ['PWD', '/root'],
      ['LOGNAME', 'root'],
      ['HOME', '/root'],
      ['LANG', 'C.UTF-8'],
      ['TERM', 'xterm-256color'],
      ['USER', 'root'],
      ['SHLVL', '1'],
      ['HOSTNAME', node],
      ['PATH', NODE_PATH],
      ['_', '/usr/bin/env'],
    ]),
    cwd: '/root',
    status: 0,
    flavour: 'bash',
    interactive: true,
    terminal: true,
    jobs: new JobTable(FIRST_PID, () => sim.clock.now()),
  };
}

/** The pid of the reader's first background job; later ones count up (deterministic, not sim.rand). */
const FIRST_PID = 4213;

/** What a command printed, in order; `tty`: the reader's terminal (isatty), not a probe's pipes. */
class Recorder {
  constructor(private readonly tty = false) {
    this.out = { write: (t) => this.push('stdout', t), tty };
    this.err = { write: (t) => this.push('stderr', t), tty };
  }
  output: OutputChunk[] = [];
  stdout = '';
  stderr = '';
  private push(stream: 'stdout' | 'stderr', text: string) {
    if (!text) return;
    if (stream === 'stdout') this.stdout += text;
    else this.stderr += text;
    const last = this.output[this.output.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.output.push({ stream, text });
  }
  readonly out: Sink;
  readonly err: Sink;
  result(exitCode: number): RunResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode, output: this.output };
  }
}

/** An interactive shell opened in a container by `kubectl exec -it POD -- bash` (until `exit`). */
interface Session {
  state: ShellState;
  interp: Interpreter;
  /** The prompt for the session's current directory. */
  prompt: (cwd: string) => string;
  /** What the command that opened the session prints when it ends (e.g. `kubectl run --rm` deleting its pod). */
  onExit?: (code: number) => { out?: string; err?: string };
}

export class Shell implements ShellService {
  private readonly nodeState: ShellState;
  private readonly nodeInterp: Interpreter;
  private sessions: Session[] = [];
  private exited = false;
  /** True while a top-level command of the reader's session runs (interactive exec may open a session). */
  private atTop = false;

  constructor(private sim: Sim) {
    this.nodeState = nodeShellState(sim);
    this.nodeInterp = new Interpreter(sim, this.nodeState);
  }

  get state(): ShellState {
    return this.sessions.at(-1)?.state ?? this.nodeState;
  }

  private get interp(): Interpreter {
    return this.sessions.at(-1)?.interp ?? this.nodeInterp;
  }

  /** The prompt of the current session (`undefined` = the node's `$`). */
  prompt(): string | undefined {
    const s = this.sessions.at(-1);
    return s?.prompt(s.state.cwd);
  }

  /**
   * `kubectl exec -it POD -- bash` typed at the reader's prompt: the following
   * commands run in the container until `exit`. Returns false when not at the
   * top level (a script or a nested command), where no terminal is attached.
   */
  enterContainer(location: Location & { kind: 'container' }, env: Map<string, string>, shellName: string, hostname: string, onExit?: Session['onExit']): boolean {
    if (!this.atTop) return false;
    const flavour = shellName === 'bash' ? 'bash' : flavourOf(this.sim, location);
    // the shell starts where exec'd processes start: the container's working directory
    const state: ShellState = { location, env: new Map(env), cwd: startDir(this.sim, location), status: 0, flavour, interactive: true, terminal: true, jobs: new JobTable(FIRST_PID, () => this.sim.clock.now()) };
    // bash: PS1 "\u@\h:\w\$ "; dash: "# " for root; busybox ash: "\w # " (\w: the directory, $HOME as ~)
    const home = env.get('HOME') ?? '/root';
    const w = (cwd: string) => (cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd);
    const prompt = shellName === 'bash' ? (cwd: string) => `root@${hostname}:${w(cwd)}#` : flavour === 'busybox' ? (cwd: string) => `${w(cwd)} #` : () => '#';
    this.sessions.push({ state, interp: new Interpreter(this.sim, state), prompt, onExit });
    return true;
  }

  private parse(script: string, rec: Recorder): Complete[] | undefined {
    try {
      return parseScript(script);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      rec.err.write(this.interp.syntaxError(e));
      this.state.status = 2;
      return undefined;
    }
  }

  /** Run one top-level command, then let the cluster settle. Given stdin (not the terminal) is not a tty. */
  private runOne(c: Complete, stdin: string | undefined, rec: Recorder): void {
    if (this.exited) {
      // After `exit` the session is over; a terminal would have closed. Start a new login.
      this.exited = false;
    }
    const depth = this.sessions.length;
    const interp = this.interp;
    const jobs = interp.state.jobs;
    if (jobs) jobs.seq++;
    this.atTop = true;
    this.rec = rec;
    interp.stdinTTY = stdin === undefined;
    try {
      interp.runList(c.list, stdin ?? '', this.term.out, this.term.err);
    } catch (e) {
      if (e instanceof ExitSignal && depth > 0) {
        // `exit` in a container shell: back at the node's prompt; kubectl exec reports a non-zero status
        const session = this.sessions.pop()!;
        this.nodeState.status = e.code;
        if (session.onExit) {
          const r = session.onExit(e.code);
          if (r.out) rec.out.write(r.out);
          if (r.err) rec.err.write(r.err);
        } else if (e.code !== 0) rec.err.write(`command terminated with exit code ${e.code}\n`);
      } else if (e instanceof ExitSignal) {
        this.state.status = e.code;
        this.exited = true;
      } else {
        rec.err.write(`error: the simulator failed on this command: ${e instanceof Error ? e.message : String(e)}\n`);
        this.state.status = 1;
      }
    } finally {
      this.atTop = false;
      interp.stdinTTY = true;
    }
    // a container the session was in is gone (pod deleted): back to the node, as the connection would drop
    while (this.sessions.length && !this.containerAlive(this.sessions.at(-1)!.state.location)) this.sessions.pop();
    this.sim.runtime.settle();
    // bash's notify_and_cleanup before the next prompt: background jobs that ended (./jobs.ts)
    if (this.interp === interp) jobs?.notify(rec.err);
  }

  /** The recorder of the command running now: the terminal, where background jobs write too. */
  private rec?: Recorder;
  private readonly term = {
    out: { write: (t: string) => this.rec?.out.write(t), tty: true } as Sink,
    err: { write: (t: string) => this.rec?.err.write(t), tty: true } as Sink,
  };

  run(script: string, opts: { stdin?: string } = {}): RunResult {
    const rec = new Recorder(true);
    const cs = this.parse(script, rec);
    if (!cs) return rec.result(2);
    for (const c of cs) {
      this.runOne(c, opts.stdin, rec);
      if (this.exited) break;
    }
    return rec.result(this.state.status);
  }

  transcript(script: string): TranscriptEntry[] {
    const rec = new Recorder(true);
    const cs = this.parse(script, rec);
    if (!cs) {
      const first = script.split('\n').find((l) => l.trim()) ?? '';
      return [{ command: first.trim(), line: 1, result: rec.result(2) }];
    }
    const out: TranscriptEntry[] = [];
    for (const c of cs) {
      const r = new Recorder(true);
      const prompt = this.prompt();
      this.runOne(c, undefined, r);
      out.push({ command: c.text, line: c.line, ...(prompt ? { prompt } : {}), result: r.result(this.state.status) });
      if (this.exited) break;
    }
    return out;
  }

  private containerAlive(loc: Location): boolean {
    if (loc.kind !== 'container') return true;
    const k = this.sim.services.kubelet as { container(ns: string, pod: string, c: string): object } | undefined;
    const v = k?.container(loc.namespace, loc.pod, loc.container);
    return !!v && !('error' in v);
  }
}

export const shellModule: SimModule = {
  name: 'shell',
  install(sim) {
    sim.services.shell = new Shell(sim);
    // exec probes: run argv in a container, capture output (kubelet prober)
    // and a container's one-shot main process (the kubelet passes its env): the main process of a container with
    // `tty: true` (kubectl run -it) writes to its pty, everything else to pipes (CRI ExecSync has no tty); the output
    // keeps the order it was written in, as the container log does
    sim.services.containerExec = (location: Location, argv: string[], env?: [string, string][]) => {
      const pod = env && location.kind === 'container' ? sim.store.get('Pod', location.namespace, location.pod) : undefined;
      const tty = !!(pod?.spec?.containers ?? []).find((c: { name: string; tty?: boolean }) => location.kind === 'container' && c.name === location.container)?.tty;
      const rec = new Recorder(tty);
      const state: ShellState = { location, env: new Map(env ?? []), cwd: startDir(sim, location), status: 0, flavour: flavourOf(sim, location), interactive: false };
      const interp = new Interpreter(sim, state);
      interp.stdinTTY = tty;
      const code = interp.runScript(argv.map(quoteArg).join(' '), '', rec.out, rec.err);
      return { code, output: rec.output.map((c) => c.text).join('') };
    };
  },
};
