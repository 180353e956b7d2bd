/**
 * kubectl: the command the reader types on the control-plane node. Parses
 * global flags (-n, --as, --as-group, …), dispatches to one verb per file, and
 * renders errors the kubectl way. Also publishes `sim.services.apply`.
 */
import type { Sim, SimModule } from '../sim';
import type { ApplyService } from '../cluster';
import type { CommandContext, RunResult, OutputChunk } from '../shell/types';
import type { UserInfo } from '../api/types';
import { ADMIN_USER } from '../api/types';
import { impersonatedUser } from '../admission/rbac';
import { StatusError } from '../registry/errors';
import type { FlagSpec, KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { FlagError, parseFlags } from './flags';
import { renderErrors, exitCodeOf, flagErrorText } from './errors';
import { VERBS } from './verbs';
import { FIELD_MANAGER_CSA, recordUpdates } from './ssa';
import type { StoredObject } from '../api/types';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'token', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
];

/** Session settings `kubectl config set-context --current --namespace` changes. */
export interface KubeconfigState {
  namespace?: string;
}

function verbTable(): Map<string, VerbSpec> {
  const m = new Map<string, VerbSpec>();
  for (const v of VERBS) {
    m.set(v.name, v);
    for (const a of v.aliases ?? []) m.set(a, v);
  }
  return m;
}

let TABLE: Map<string, VerbSpec> | undefined;

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container
  auth            Inspect authorization

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export function userFrom(asUser: string | undefined, groups: string[]): UserInfo {
  if (!asUser) return ADMIN_USER;
  return impersonatedUser(asUser, groups);
}

/** Run `kubectl …` (argv[0] = 'kubectl'). */
export function runKubectl(cmd: CommandContext): number {
  TABLE ??= verbTable();
  const argv = cmd.argv.slice(1);
  // Global flags may come before the verb: find the verb as the first non-flag argument.
  let vi = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      const name = a.replace(/^-+/, '').split('=')[0];
      const spec = GLOBAL_FLAGS.find((f) => f.name === name || f.short === name);
      if (spec && spec.type !== 'bool' && !a.includes('=') && !(a.startsWith('-') && !a.startsWith('--') && a.length > 2)) i++;
      continue;
    }
    vi = i;
    break;
  }
  if (vi < 0) {
    if (argv.some((a) => a === '-h' || a === '--help') || !argv.length) {
      cmd.stdout(USAGE);
      return 0;
    }
  }
  const verbName = vi >= 0 ? argv[vi] : '';
  const verb = TABLE.get(verbName);
  if (!verb) {
    const close = [...new Set(VERBS.map((v) => v.name))].filter((n) => levenshtein(n, verbName) <= 2 || n.startsWith(verbName)).sort();
    cmd.stderr(`error: unknown command "${verbName}" for "kubectl"${close.length ? `\n\nDid you mean this?\n${close.map((c) => '\t' + c).join('\n')}` : ''}\n`);
    return 1;
  }
  const rest = [...argv.slice(0, vi), ...argv.slice(vi + 1)];
  let parsed;
  try {
    parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...(verb.flags ?? [])]);
  } catch (e) {
    if (e instanceof FlagError) {
      // kubectl diff's SetFlagErrorFunc: CheckDiffErr(UsageErrorf(cmd, err)), exit 2 (1 means "differences")
      if (verb.name === 'diff') {
        cmd.stderr(`error: ${e.message}\nSee 'kubectl diff -h' for help and examples\n`);
        return 2;
      }
      cmd.stderr(flagErrorText(e, verb.name));
      return 1;
    }
    throw e;
  }
  // pflag's deprecation notice (kubectl marks --record deprecated in cmdutil.AddRecordFlag... via MarkDeprecated)
  if (parsed.flags.has('record')) cmd.stderr('Flag --record has been deprecated, --record will be removed in the future\n');
  const kc = (cmd.sim.services.kubeconfig ??= {}) as KubeconfigState;
  const nsFlag = parsed.flags.str('namespace');
  const k: KubectlContext = {
    sim: cmd.sim,
    cmd,
    namespace: nsFlag || kc.namespace || 'default',
    namespaceExplicit: !!nsFlag,
    user: userFrom(parsed.flags.str('as'), parsed.flags.all('as-group')),
    args: parsed.args,
    dashArgs: parsed.dashArgs,
    flags: parsed.flags,
    out: (t) => cmd.stdout(t),
    err: (t) => cmd.stderr(t),
    now: () => cmd.sim.clock.now(),
  };
  (k as KubectlContext & { dash?: boolean }).dash = parsed.dash;
  if (parsed.flags.bool('help')) {
    cmd.stdout(`${verb.name}: see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_${verb.name}/ for the full help text.\n`);
    return 0;
  }
  // API warnings (Warning: headers) go to stderr once each, like kubectl's deduplicating WarningWriter
  const seenWarnings = new Set<string>();
  const prevSink = cmd.sim.api.warningSink;
  cmd.sim.api.warningSink = (w) => {
    if (seenWarnings.has(w)) return;
    seenWarnings.add(w);
    cmd.stderr(`Warning: ${w}\n`);
  };
  // the objects this command writes, for field ownership (ssa.ts recordUpdates); apply --server-side keeps its own
  const writes: { obj: StoredObject; old: StoredObject | undefined }[] = [];
  const prevWriteSink = cmd.sim.api.writeSink;
  const serverSide = verb.name === 'apply' && parsed.flags.bool('server-side');
  cmd.sim.api.writeSink = serverSide ? undefined : (obj, old) => writes.push({ obj, old });
  try {
    return verb.run(k);
  } catch (e) {
    if (e instanceof FlagError) {
      cmd.stderr(flagErrorText(e, verb.name));
      return 1;
    }
    if (e instanceof StatusError || e instanceof KubectlError) {
      cmd.stderr(renderErrors([e]));
      return exitCodeOf([e]);
    }
    throw e;
  } finally {
    cmd.sim.api.warningSink = prevSink;
    cmd.sim.api.writeSink = prevWriteSink;
    if (writes.length) recordUpdates(k, writes, fieldManagerOf(verb.name, parsed.flags), verb.name === 'scale' ? 'scale' : undefined);
  }
}

/**
 * The field manager of a command's writes: --field-manager when the command has it, else the command's default
 * (cmdutil.AddFieldManagerFlagVar in create/*, run, expose, label, annotate, patch, set/*, rollout, edit; apply's
 * GetApplyFieldManagerFlag), else the manager the API server takes from kubectl's user agent: "kubectl".
 */
const FIELD_MANAGERS: Record<string, string> = {
  create: 'kubectl-create',
  run: 'kubectl-run',
  expose: 'kubectl-expose',
  label: 'kubectl-label',
  annotate: 'kubectl-annotate',
  patch: 'kubectl-patch',
  set: 'kubectl-set',
  rollout: 'kubectl-rollout',
  edit: 'kubectl-edit',
  apply: FIELD_MANAGER_CSA,
};
function fieldManagerOf(verb: string, flags: { has(n: string): boolean; str(n: string): string | undefined }): string {
  // a --field-manager given empty is sent empty; the API server then takes the user agent's (managerOrUserAgent)
  return (flags.has('field-manager') ? flags.str('field-manager') : FIELD_MANAGERS[verb]) || 'kubectl';
}

class ApplyFrontEnd implements ApplyService {
  constructor(private sim: Sim) {}
  apply(yaml: string, opts: { namespace?: string; filename?: string } = {}): RunResult {
    const output: OutputChunk[] = [];
    let stdout = '';
    let stderr = '';
    const push = (stream: 'stdout' | 'stderr', text: string) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      output.push({ stream, text });
    };
    const argv = ['kubectl', 'apply', '-f', '-', ...(opts.namespace ? ['-n', opts.namespace] : [])];
    const exitCode = runKubectl({
      sim: this.sim,
      argv,
      stdin: yaml,
      stdout: (t) => push('stdout', t),
      stderr: (t) => push('stderr', t),
      env: new Map([['PWD', '/root']]),
      location: { kind: 'node', node: this.sim.options.controlPlaneName },
      isatty: () => false,
      exec: () => 127,
    });
    return { stdout, stderr, exitCode, output };
  }
}

export const kubectlModule: SimModule = {
  name: 'kubectl',
  install(sim) {
    sim.commands.register({ name: 'kubectl', run: runKubectl, available: (loc) => loc.kind === 'node' });
    sim.services.apply = new ApplyFrontEnd(sim);
  },
};
