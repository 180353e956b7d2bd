/**
 * kubectl auth can-i / auth whoami (kubectl pkg/cmd/auth/cani.go, whoami.go;
 * reference §9.5). can-i asks the cluster's authorizer the question a
 * SelfSubjectAccessReview asks: `yes` (exit 0) or `no` (exit 1), `no - <reason>`
 * when the authorizer reports one; `--list` shows the rules that apply
 * (SelfSubjectRulesReview), broken down, compacted and sorted like kubectl.
 */
import type { KObject, UserInfo } from '../api/types';
import { resolveResource } from '../api/resources';
import { visitRules, type PolicyRule } from '../admission/rbac';
import type { Authorizer } from '../admission/types';
import type { FlagSpec, KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { tabwrite } from './printers/table';
import { policyRuleRows } from './rbac-rules';
import { PRINT_FLAGS, toPrinter } from './output';

const KNOWN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];

function authorizer(k: KubectlContext): Authorizer | undefined {
  return (k.sim.api as unknown as { authorizer?: Authorizer }).authorizer;
}

/** can-i's own flags (cani.go NewCmdCanI: no PrintFlags). */
const CAN_I_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
];

/** The value-taking global flags (kubectl's persistent flags), whose values pflag consumes. */
const GLOBAL_VALUE_FLAGS = new Set(['namespace', 'n', 'as', 'as-group', 'as-uid', 'kubeconfig', 'context', 'cluster', 'user', 'request-timeout', 'v', 'token', 'server', 's']);

/**
 * The flags `auth` accepts for one subcommand that the other has not: cobra parses a subcommand's own flag set, so
 * pflag stops at the first flag of the other ("unknown flag: --%s", "unknown shorthand flag: %q in -%s") and cobra
 * adds the subcommand's usage hint. Walks the arguments as pflag does: a value-taking flag's value is skipped.
 */
function rejectForeignFlags(k: KubectlContext, sub: string, own: FlagSpec[], foreign: FlagSpec[]): void {
  const fail = (msg: string) => new KubectlError(`${msg}\nSee 'kubectl auth ${sub} --help' for usage.`);
  const takesValue = (name: string) => GLOBAL_VALUE_FLAGS.has(name) || own.some((f) => (f.name === name || f.short === name) && f.type !== 'bool');
  const argv = k.cmd.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return;
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2).split('=')[0];
      if (foreign.some((f) => f.name === name)) throw fail(`unknown flag: --${name}`);
      if (!a.includes('=') && takesValue(name)) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const ch = shorts[j];
        if (foreign.some((f) => f.short === ch)) throw fail(`unknown shorthand flag: '${ch}' in -${shorts}`);
        if (takesValue(ch)) {
          if (j === shorts.length - 1) i++;
          break;
        }
      }
    }
  }
}

function canI(k: KubectlContext, args: string[]): number {
  rejectForeignFlags(k, 'can-i', CAN_I_FLAGS, PRINT_FLAGS);
  const quiet = k.flags.bool('quiet');
  // Complete, then Validate
  if (k.flags.bool('list')) {
    if (args.length) throw new KubectlError('list option must be specified with no arguments');
    if (quiet || k.flags.bool('all-namespaces') || k.flags.str('subresource')) throw new KubectlError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    return listRules(k);
  }
  if (args.length < 2) throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples");
  if (args.length > 2) throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples");
  const verb = args[0];
  const target = args[1];
  const ns = k.flags.bool('all-namespaces') ? '' : k.namespace;
  let attrs;
  if (target.startsWith('/')) {
    attrs = { user: k.user, verb, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: target };
  } else {
    const slash = target.indexOf('/');
    const resArg = slash >= 0 ? target.slice(0, slash) : target;
    let name = slash >= 0 ? target.slice(slash + 1) : '';
    let subresource = k.flags.str('subresource') ?? '';
    if (!KNOWN_VERBS.includes(verb)) k.err(`Warning: verb '${verb}' is not a known verb\n`);
    const t = resolveResource(resArg);
    let group = '';
    let resource = resArg;
    let namespace = ns;
    if (!t) {
      if (resArg !== '*') k.err(`Warning: the server doesn't have a resource type '${resArg}'\n\n`);
      const dot = resArg.indexOf('.');
      if (dot > 0) {
        resource = resArg.slice(0, dot);
        group = resArg.slice(dot + 1);
      }
    } else {
      group = t.group;
      resource = t.resource;
      if (!t.namespaced) {
        if (k.namespaceExplicit) k.err(`Warning: resource '${t.resource}' is not namespace scoped\n\n`);
        namespace = '';
      }
    }
    // `pods/log` as resource/subresource when no name follows a known subresource
    if (name && !subresource && t && ['log', 'exec', 'status', 'scale', 'binding', 'eviction', 'portforward', 'proxy', 'attach', 'token', 'ephemeralcontainers', 'resize'].includes(name)) {
      subresource = name;
      name = '';
    }
    attrs = { user: k.user, verb, apiGroup: group, resource, subresource, namespace, name };
  }
  // the end of Validate, after its warnings: --no-headers belongs to --list
  if (k.flags.bool('no-headers')) throw new KubectlError('--no-headers cannot be set without --list specified');
  const az = authorizer(k);
  const d = az ? az.authorize(attrs) : { allowed: true, reason: '' };
  if (!quiet) k.out(d.allowed ? 'yes\n' : d.reason ? `no - ${d.reason}\n` : 'no\n');
  return d.allowed ? 0 : 1;
}

function listRules(k: KubectlContext): number {
  const user: UserInfo = k.user;
  const rules: PolicyRule[] = [];
  visitRules(k.sim, user, k.namespace, (r) => {
    rules.push(r);
    return true;
  });
  // printStatus: the header row unless --no-headers, through one tabwriter
  k.out(tabwrite([...(k.flags.bool('no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']]), ...policyRuleRows(rules)]));
  return 0;
}

/**
 * auth whoami (kubectl pkg/cmd/auth/whoami.go): PrintFlags NewPrintFlags("") with the type setter (-o, --template,
 * --allow-missing-template-keys, --show-managed-fields); without -o (OutputFlagSpecified) the ATTRIBUTE/VALUE table,
 * else PrintFlags.ToPrinter, built in ToOptions, prints the typed authentication.k8s.io/v1 SelfSubjectReview the
 * server answers (metadata.creationTimestamp now, status.userInfo: username, groups).
 */
function whoami(k: KubectlContext): number {
  rejectForeignFlags(k, 'whoami', PRINT_FLAGS, CAN_I_FLAGS);
  const u = k.user;
  if (!k.flags.has('output')) {
    k.out(tabwrite([['ATTRIBUTE', 'VALUE'], ['Username', u.username], ['Groups', `[${u.groups.join(' ')}]`]]));
    return 0;
  }
  const printer = toPrinter(k);
  const review = {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: new Date(k.now()).toISOString().replace(/\.\d+Z$/, 'Z') },
    status: { userInfo: { username: u.username, ...(u.groups.length ? { groups: u.groups } : {}) } },
  };
  printer.print(review as unknown as KObject, true);
  return 0;
}

export const authVerb: VerbSpec = {
  name: 'auth',
  flags: [
    { name: 'list', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    ...PRINT_FLAGS,
  ],
  run(k) {
    const sub = k.args[0];
    if (sub === 'can-i') return canI(k, k.args.slice(1));
    if (sub === 'whoami') return whoami(k);
    if (!sub) {
      k.out('Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n\nUse "kubectl auth <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n');
      return 0;
    }
    throw new KubectlError(`unknown command "${sub}" for "kubectl auth"`);
  },
};
