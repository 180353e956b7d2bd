import type { Sim } from '../sim';
import type { CommandContext } from '../shell/types';
import type { UserInfo } from '../api/types';

/** kubectl flag definition (cobra/pflag semantics: `--name=v`, `--name v`, `-s v`, `-sv`, bool `--x=false`). */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'stringArray' | 'int';
  default?: string | boolean | number;
}

/** Parsed flags of one kubectl invocation (global flags included). */
export interface Flags {
  /** Value of a string/int flag (last occurrence), or its default. */
  str(name: string): string | undefined;
  bool(name: string): boolean;
  int(name: string): number | undefined;
  /** All values of a stringArray flag (`-f a -f b`, `--from-literal …`). */
  all(name: string): string[];
  /** Whether the flag was given on the command line. */
  has(name: string): boolean;
}

/** What one kubectl verb gets. */
export interface KubectlContext {
  sim: Sim;
  cmd: CommandContext;
  /** Effective namespace: `-n`/`--namespace`, else `default`. */
  namespace: string;
  /** Whether `-n` was given explicitly. */
  namespaceExplicit: boolean;
  /** The caller: the kubeadm admin, or who `--as`/`--as-group` say. */
  user: UserInfo;
  /** Positional arguments after the verb (and after `--` for exec/run). */
  args: string[];
  /** Arguments after a literal `--` (exec/run commands). */
  dashArgs: string[];
  flags: Flags;
  /** Write to stdout / stderr. */
  out(text: string): void;
  err(text: string): void;
  /** Current simulated time (ms). */
  now(): number;
}

export interface VerbSpec {
  /** `get`, `rollout`, `create`, `auth`... Sub-commands are handled by the verb itself via args[0]. */
  name: string;
  aliases?: string[];
  flags?: FlagSpec[];
  /** Returns the exit code. Throw a StatusError for server errors (rendered the kubectl way), or a KubectlError. */
  run(k: KubectlContext): number;
}

/** A client-side error: printed as `error: <message>` (exit 1) unless `raw` is set (printed as is). */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly raw = false) {
    super(message);
  }
}
