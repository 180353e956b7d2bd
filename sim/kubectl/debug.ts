/**
 * kubectl debug (kubectl pkg/cmd/debug/debug.go, profiles.go; v1.35):
 * - `kubectl debug POD --image=IMG [-c NAME] [--target=C] [-it] [-- CMD]` adds an ephemeral container through the
 *   pods/ephemeralcontainers subresource (debugByEphemeralContainer), named `debugger-` + utilrand.String(5) unless
 *   -c names it (computeDebugContainerName), then with -i waits for it to run and attaches (handleAttachPod).
 * - `kubectl debug node/NAME --image=IMG -it` creates a pod `node-debugger-<node>-<5 random>` on that node
 *   (generateNodeDebugPod) and attaches to its `debugger` container.
 * Profiles (--profile, default "general"): what each adds to the debug container or pod (profiles.go).
 * --copy-to and its companion flags, -f and --custom are not simulated (pflag answers `unknown flag`).
 */
import type { ResourceType } from '../api/resources';
import type { StoredObject } from '../api/types';
import type { KubeletService } from '../kubelet/service';
import type { ShellService } from '../cluster';
import { updateEphemeralContainers } from '../registry/pod-ephemeral';
import { quoteArg } from '../shell/parse';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { setupTTY } from './exec';
import { typeOf } from './util';

type C = Record<string, any>;

const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/** distribution/reference ReferenceRegexp (anchored): [domain/]path[:tag][@digest]. */
const REFERENCE_RE =
  /^(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

interface Options {
  image: string;
  container: string;
  target: string;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  attach: boolean;
  pullPolicy: string;
  profile: string;
  env: C[];
  args: string[];
  argsOnly: boolean;
}

function secCtx(c: C): C {
  return (c.securityContext ??= {});
}

function addCapability(c: C, cap: string): void {
  const caps = (secCtx(c).capabilities ??= {});
  (caps.add ??= []).push(cap);
}

/** The profile's changes to the debug container (and, for a node, the pod): profiles.go Apply. */
function applyProfile(profile: string, c: C, pod: C | undefined): void {
  const node = pod !== undefined;
  const mountRoot = () => {
    (pod!.spec.volumes ??= []).push({ name: 'host-root', hostPath: { path: '/' } });
    (c.volumeMounts ??= []).push({ mountPath: '/host', name: 'host-root' });
  };
  const hostNamespaces = () => Object.assign(pod!.spec, { hostNetwork: true, hostPID: true, hostIPC: true });
  switch (profile) {
    case 'legacy':
      if (node) {
        mountRoot();
        hostNamespaces();
      }
      break;
    case 'general':
      if (node) {
        mountRoot();
        delete c.securityContext;
        hostNamespaces();
      } else addCapability(c, 'SYS_PTRACE');
      break;
    case 'baseline':
      delete c.securityContext;
      break;
    case 'restricted':
      delete c.securityContext;
      secCtx(c).runAsNonRoot = true;
      secCtx(c).capabilities = { drop: ['ALL'] };
      secCtx(c).allowPrivilegeEscalation = false;
      secCtx(c).seccompProfile = { type: 'RuntimeDefault' };
      break;
    case 'netadmin':
      addCapability(c, 'NET_ADMIN');
      addCapability(c, 'NET_RAW');
      if (node) hostNamespaces();
      break;
    case 'sysadmin':
      secCtx(c).privileged = true;
      if (node) {
        hostNamespaces();
        mountRoot();
      }
      break;
  }
}

/** The container kubectl generates (generateDebugContainer / generateNodeDebugPod), fields as encoding/json writes them. */
function debugContainer(o: Options, name: string): C {
  const c: C = { name, image: o.image };
  if (o.args.length) c[o.argsOnly ? 'args' : 'command'] = o.args;
  if (o.env.length) c.env = o.env;
  c.resources = {};
  c.terminationMessagePolicy = 'File';
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

/** displayWarning: the profile's privileges may not work when the pod runs as a non-root user. */
function displayWarning(k: KubectlContext, c: C, podSpec: C): void {
  const runAsUser = podSpec.securityContext?.runAsUser;
  if (runAsUser === undefined || runAsUser === 0) return;
  const sc = c.securityContext;
  if (!sc || sc.runAsUser === 0) return;
  if (!sc.privileged && !sc.capabilities?.add?.length) return;
  k.err('Warning: Non-root user is configured for the entire target Pod, and some capabilities granted by debug profile may not work. Please consider using "--custom" with a custom profile that specifies "securityContext.runAsUser: 0".\n');
}

function statusOf(pod: StoredObject | undefined, name: string): C | undefined {
  const st = (pod?.status ?? {}) as C;
  for (const list of [st.initContainerStatuses, st.containerStatuses, st.ephemeralContainerStatuses] as (C[] | undefined)[]) {
    const s = (list ?? []).find((x) => x.name === name);
    if (s) return s;
  }
  return undefined;
}

/** %q of a GroupVersionKind (schema.GroupVersionKind.String: "apps/v1, Kind=Deployment"). */
function gvkString(t: ResourceType): string {
  return `"${t.group ? `${t.group}/` : '/'}${t.version}, Kind=${t.kind}"`;
}

/**
 * handleAttachPod: wait until the container runs (or has terminated: then only its logs are shown), then attach
 * (attach.go AttachOptions.Run). At the reader's prompt a shell opens a session in the container until `exit`,
 * which ends the container's main process; elsewhere the shell reads kubectl's stdin.
 */
function attach(k: KubectlContext, o: Options, ns: string, podName: string, container: string): number {
  k.sim.runtime.settle();
  const pod = k.sim.store.get('Pod', ns, podName);
  const s = statusOf(pod, container);
  const kubelet = k.sim.services.kubelet as (KubeletService & { stdinClosed?(ns: string, pod: string, c: string, code: number): void }) | undefined;
  if (!pod || !s) throw new KubectlError(`error getting container status of container name "${container}": <nil>`);
  if (s.state?.waiting) {
    // waitForContainer watches without a timeout, printing the waiting message as a warning each time it changes
    if (!o.quiet && s.state.waiting.message) k.err(`Warning: container ${container}: ${s.state.waiting.message}\n`);
    return 1;
  }
  if (s.state?.terminated) {
    // "Ephemeral container terminated, falling back to logs"
    const logs = kubelet?.logs(ns, podName, container);
    if (logs && 'text' in logs) k.out(logs.text);
    return 0;
  }
  const tty = setupTTY(k);
  if (!o.quiet && o.interactive) {
    k.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
    k.err("If you don't see a command prompt, try pressing enter.\n");
  }
  const view = kubelet?.container(ns, podName, container);
  if (!view || 'error' in view || !o.interactive) return 0;
  const argv = view.argv ?? [];
  const bin = String(argv[0] ?? '').slice(String(argv[0] ?? '').lastIndexOf('/') + 1);
  if (argv.length !== 1 || !['sh', 'bash', 'ash'].includes(bin)) return 0;
  const location = { kind: 'container' as const, namespace: ns, pod: podName, container };
  const ephemeral = ((pod.spec as C).ephemeralContainers ?? []).some((c: C) => c.name === container);
  // attach.go reattachMessage: only for restartPolicy Always, with stdin and a raw TTY
  const reattach = () =>
    o.quiet || !tty || (pod.spec as C).restartPolicy !== 'Always'
      ? ''
      : ephemeral
        ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${podName} -c ${container} -i -t' if it is still running\n`
        : `Session ended, resume using 'kubectl attach ${podName} -c ${container} -i -t' command when the pod is running\n`;
  const shell = k.sim.services.shell as ShellService | undefined;
  if (tty && shell?.enterContainer) {
    const entered = shell.enterContainer(location, new Map(view.env), bin, view.hostname, (code) => {
      kubelet?.stdinClosed?.(ns, podName, container, code);
      return { out: reattach() };
    });
    if (entered) return 0;
  }
  // not at the reader's prompt: the container's shell reads kubectl's stdin and ends with it
  const code = k.cmd.exec(argv.map(quoteArg).join(' '), { stdin: k.cmd.stdin, location, env: new Map(view.env), tty });
  kubelet?.stdinClosed?.(ns, podName, container, code);
  k.out(reattach());
  return 0;
}

function debugPod(k: KubectlContext, o: Options, name: string): number {
  const pod = k.sim.api.get('Pod', k.namespace, name, { user: k.user });
  const spec = (pod.spec ?? {}) as C;
  // computeDebugContainerName: -c, else debugger-<utilrand.String(5)> not yet used in the pod
  let cn = o.container;
  if (!cn) {
    const used = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: C) => c.name));
    while (!cn || used.has(cn)) cn = `debugger-${k.sim.rand.string(5)}`;
    if (!o.quiet) k.out(`Defaulting debug container name to ${cn}.\n`);
  }
  const ec = debugContainer(o, cn);
  if (o.target) ec.targetContainerName = o.target;
  applyProfile(o.profile, ec, undefined);
  displayWarning(k, ec, spec);
  // the strategic merge patch (CreateTwoWayMergePatch of the pod and its copy with the container appended) merges
  // by name: a container of that name already there gets the new one's fields merged in
  updateEphemeralContainers(k.sim, k.namespace, name, (ecs) => {
    const i = ecs.findIndex((x) => x.name === cn);
    if (i < 0) return [...ecs, ec];
    const merged = { ...ecs[i], ...ec };
    if (ecs[i].securityContext && ec.securityContext) merged.securityContext = { ...ecs[i].securityContext, ...ec.securityContext };
    return ecs.map((x, j) => (j === i ? merged : x));
  }, { user: k.user });
  if (o.attach) return attach(k, o, k.namespace, name, cn);
  return 0;
}

function debugNode(k: KubectlContext, o: Options, name: string): number {
  const node = k.sim.api.get('Node', '', name, { user: k.user });
  const cn = o.container || 'debugger';
  const pn = `node-debugger-${node.metadata.name}-${k.sim.rand.string(5)}`;
  if (!o.quiet) k.out(`Creating debugging pod ${pn} with container ${cn} on node ${node.metadata.name}.\n`);
  const c = debugContainer(o, cn);
  const pod: C = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' }, name: pn },
    spec: { containers: [c], nodeName: node.metadata.name, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
    status: {},
  };
  applyProfile(o.profile, c, pod);
  const created = k.sim.api.create(pod as never, { user: k.user, namespace: k.namespace });
  if (o.attach) return attach(k, o, created.metadata.namespace!, created.metadata.name, cn);
  return 0;
}

export const debugVerb: VerbSpec = {
  name: 'debug',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'target', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'env', type: 'stringArray' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'profile', type: 'string', default: 'general' },
    { name: 'arguments-only', type: 'bool' },
  ],
  run(k) {
    const interactive = k.flags.bool('stdin');
    const o: Options = {
      image: k.flags.str('image') ?? '',
      container: k.flags.str('container') ?? '',
      target: k.flags.str('target') ?? '',
      interactive,
      tty: k.flags.bool('tty'),
      quiet: k.flags.bool('quiet'),
      // Complete: --attach defaults to -i when not given
      attach: k.flags.has('attach') ? k.flags.bool('attach') : interactive,
      pullPolicy: k.flags.str('image-pull-policy') ?? '',
      profile: k.flags.str('profile') ?? 'general',
      env: [],
      args: k.dashArgs,
      argsOnly: k.flags.bool('arguments-only'),
    };
    // --env is a StringToString flag: k=v pairs, comma-separated or repeated; cobra ranges over a Go map
    for (const v of k.flags.all('env')) {
      for (const kv of v.split(',')) {
        const i = kv.indexOf('=');
        if (i < 0) throw new KubectlError(`invalid argument "${v}" for "--env" flag: ${kv} must be formatted as key=value`);
        o.env.push({ name: kv.slice(0, i), value: kv.slice(i + 1) });
      }
    }
    // Complete: NewProfileApplier
    if (!PROFILES.includes(o.profile)) throw new KubectlError(`unknown profile: ${o.profile}`);
    // Validate
    if (o.attach && k.flags.has('attach') && !o.image && !o.container) throw new KubectlError('you must specify --container or create a new container using --image in order to attach.');
    if (!o.image) throw new KubectlError('you must specify --image when not using --copy-to.');
    if (!REFERENCE_RE.test(o.image)) throw new KubectlError(`invalid image name "${o.image}": invalid reference format`);
    const names = k.args;
    if (!names.length) throw new KubectlError('NAME or filename is required for debug');
    if (o.pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(o.pullPolicy)) throw new KubectlError(`invalid image pull policy: ${o.pullPolicy}`);
    if (o.target && !o.quiet) k.out(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
    if (o.tty && !o.interactive) throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true');
    if (o.profile === 'legacy') k.err('--profile=legacy is deprecated and planned to be removed in v1.39. It is recommended to specify other profile, for example "--profile=general".\n');
    // Run: the builder resolves each name as pods unless TYPE/NAME says otherwise
    const targets = names.map((n) => {
      const i = n.indexOf('/');
      if (i < 0) return { t: typeOf('pods'), name: n };
      return { t: typeOf(n.slice(0, i)), name: n.slice(i + 1) };
    });
    let code = 0;
    for (const { t, name } of targets) {
      if (t.kind === 'Node') code = debugNode(k, o, name);
      else if (t.kind === 'Pod') code = debugPod(k, o, name);
      else {
        k.sim.api.get(t.kind, t.namespaced ? k.namespace : '', name, { user: k.user });
        throw new KubectlError(`${gvkString(t)} not supported by debug`);
      }
      if (code !== 0) return code;
    }
    return code;
  },
};
