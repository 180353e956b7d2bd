import type { Sim } from '../sim';
import type { BackgroundHandle } from './jobs';

/** Where a command runs: on a node's shell (the reader's terminal) or inside a container. */
export type Location =
  | { kind: 'node'; node: string }
  | { kind: 'container'; namespace: string; pod: string; container: string };

/** What a command gets: argv (already expanded), stdin, output sinks and the shell's variables. */
export interface CommandContext {
  sim: Sim;
  /** argv[0] is the command name. */
  argv: string[];
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Map<string, string>;
  location: Location;
  /**
   * isatty(fd): whether stdin (0), stdout (1) or stderr (2) is a terminal. The reader's session shells write to
   * and read from a terminal (and so does a shell opened by `kubectl exec -it`); pipes, `$(…)` captures, files,
   * heredocs and here-strings are not terminals.
   */
  isatty(fd: 0 | 1 | 2): boolean;
  /**
   * Run a nested shell command line in the same location (used by `sh -c`, `kubectl exec`). `tty` attaches it to
   * a terminal (true: a pty, stdin/stdout/stderr one terminal, so stderr shows on stdout) or to pipes (false);
   * without it the command inherits this one's streams.
   */
  exec(line: string, opts?: { stdin?: string; location?: Location; env?: Map<string, string>; tty?: boolean }): number;
  /**
   * Set when the command runs as (part of) a background job of the reader's shell (`cmd &`, ../shell/jobs.ts): a
   * command that keeps running after it returns (kubectl port-forward) calls `background.keep(stop)`.
   */
  background?: BackgroundHandle;
}

/** A command returns its exit status. Commands are synchronous; `sleep` advances simulated time. */
export type CommandFn = (ctx: CommandContext) => number;

/** Whether a command exists at a location (e.g. `kubectl` only on nodes, `nslookup` only in some images). */
export type CommandAvailability = (location: Location, sim: Sim) => boolean;

export interface CommandSpec {
  name: string;
  run: CommandFn;
  available?: CommandAvailability;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr interleaved in the order they were written. */
  output: OutputChunk[];
}

/** One command of a session script and what it printed (the `npm run sim` transcript). */
export interface TranscriptEntry {
  /** The command as echoed (`$ <command>`); heredoc bodies are not part of it. */
  command: string;
  /** The prompt it was typed at when not the node's `$` (inside `kubectl exec -it … -- bash`: `root@web:/#`). */
  prompt?: string;
  /** 1-based line of the command in the script. */
  line: number;
  result: RunResult;
}
