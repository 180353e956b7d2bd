/**
 * kubectl debug (kubectl pkg/cmd/debug/debug.go, profiles.go; v1.35):
 * - `kubectl debug POD --image=IMG [-c NAME] [--target=C] [-it] [-- CMD]` adds an ephemeral container through the
 *   pods/ephemeralcontainers subresource (debugByEphemeralContainer), named `debugger-` + utilrand.String(5) unless
 *   -c names it (computeDebugContainerName), then with -i waits for it to run and attaches (handleAttachPod).
 * - `kubectl debug POD --copy-to=NAME [--image=IMG | -c C -- CMD | --set-image=c=img,*=img] [--replace]
 *   [--same-node] [--share-processes] [--keep-*]` creates a copy of the pod (debugByCopy,
 *   generatePodCopyWithDebugContainer): only the name, namespace, annotations and labels of its metadata (no
 *   ownerReferences), its spec without ephemeral containers and, unless --same-node, without nodeName; the profile
 *   then strips what the copy must not keep.
 * - `kubectl debug node/NAME --image=IMG -it` creates a pod `node-debugger-<node>-<5 random>` on that node
 *   (generateNodeDebugPod) and attaches to its `debugger` container.
 * Profiles (--profile): what each adds to the debug container or pod (profiles.go). In v1.35 the flag's default is
 * still "legacy" (PR #135874 made "general" the default in v1.36), and Validate warns on stderr whenever the
 * profile is legacy.
 * -f and --custom are not simulated (pflag answers `unknown flag`).
 */
import type { ResourceType } from '../api/resources';
import type { StoredObject } from '../api/types';
import { clone } from '../api/clone';
import type { KubeletService } from '../kubelet/service';
import type { ShellService } from '../cluster';
import { updateEphemeralContainers } from '../registry/pod-ephemeral';
import { quoteArg } from '../shell/parse';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { setupTTY } from './exec';
import { FlagError } from './flags';
import { typeOf } from './util';

type C = Record<string, any>;

const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/** distribution/reference ReferenceRegexp (anchored): [domain/]path[:tag][@digest]. */
const REFERENCE_RE =
  /^(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** KeepFlags (profiles.go): what a pod copy keeps of the original. */
interface Keep {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

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
  copyTo: string;
  replace: boolean;
  sameNode: boolean;
  shareProcesses: boolean;
  shareProcessesChanged: boolean;
  setImages: Map<string, string>;
  keep: Keep;
}

type Style = 'ephemeral' | 'podCopy' | 'node';

function secCtx(c: C): C {
  return (c.securityContext ??= {});
}

function addCapability(c: C, cap: string): void {
  const caps = (secCtx(c).capabilities ??= {});
  (caps.add ??= []).push(cap);
}

/** podutils.VisitContainers(AllContainers): init containers, containers, then ephemeral containers. */
function findContainer(spec: C, name: string): C | undefined {
  for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers] as (C[] | undefined)[]) {
    const c = (list ?? []).find((x) => x.name === name);
    if (c) return c;
  }
  return undefined;
}

/**
 * The profile's changes to the pod (profiles.go Apply): `cn` names the debug container, `style` is getDebugStyle's
 * answer (the ephemeral container's pod, a copy of the target, or a node).
 */
function applyProfile(profile: string, style: Style, pod: C, cn: string, keep: Keep): void {
  const spec = pod.spec as C;
  const c = findContainer(spec, cn) ?? {};
  // mountRootPartition: a hostPath volume of / mounted at /host in the container (podutils.Containers only)
  const mountRootPartition = () => {
    (spec.volumes ??= []).push({ name: 'host-root', hostPath: { path: '/' } });
    const target = (spec.containers ?? []).find((x: C) => x.name === cn);
    if (target) (target.volumeMounts ??= []).push({ mountPath: '/host', name: 'host-root' });
  };
  const useHostNamespaces = () => Object.assign(spec, { hostNetwork: true, hostPID: true, hostIPC: true });
  const shareProcessNamespace = () => {
    if (spec.shareProcessNamespace === undefined) spec.shareProcessNamespace = true;
  };
  const clearSecurityContext = () => delete c.securityContext;
  // KeepFlags.RemoveLabels/RemoveAnnotations/RemoveProbes/RemoveInitContainers
  const removeForCopy = (k: Keep) => {
    if (!k.labels) delete pod.metadata.labels;
    if (!k.annotations) delete pod.metadata.annotations;
    for (const x of (spec.containers ?? []) as C[]) {
      if (!k.liveness) delete x.livenessProbe;
      if (!k.readiness) delete x.readinessProbe;
      if (!k.startup) delete x.startupProbe;
    }
    if (!k.initContainers) delete spec.initContainers;
  };
  switch (profile) {
    case 'legacy':
      if (style === 'node') {
        mountRootPartition();
        useHostNamespaces();
      } else if (style === 'podCopy') {
        // the legacy copy never kept labels, whatever --keep-labels says; everything else it keeps
        removeForCopy({ labels: false, annotations: true, liveness: true, readiness: true, startup: true, initContainers: true });
      }
      break;
    case 'general':
      if (style === 'node') {
        mountRootPartition();
        clearSecurityContext();
        useHostNamespaces();
      } else if (style === 'podCopy') {
        removeForCopy(keep);
        addCapability(c, 'SYS_PTRACE');
        shareProcessNamespace();
      } else addCapability(c, 'SYS_PTRACE');
      break;
    case 'baseline':
      clearSecurityContext();
      if (style === 'podCopy') {
        removeForCopy(keep);
        shareProcessNamespace();
      }
      break;
    case 'restricted':
      clearSecurityContext();
      secCtx(c).runAsNonRoot = true;
      secCtx(c).capabilities = { drop: ['ALL'] };
      secCtx(c).allowPrivilegeEscalation = false;
      secCtx(c).seccompProfile = { type: 'RuntimeDefault' };
      if (style === 'podCopy') {
        removeForCopy(keep);
        shareProcessNamespace();
      }
      break;
    case 'netadmin':
      addCapability(c, 'NET_ADMIN');
      addCapability(c, 'NET_RAW');
      if (style === 'node') useHostNamespaces();
      else if (style === 'podCopy') {
        removeForCopy(keep);
        shareProcessNamespace();
      }
      break;
    case 'sysadmin':
      secCtx(c).privileged = true;
      if (style === 'node') {
        useHostNamespaces();
        mountRootPartition();
      } else if (style === 'podCopy') {
        removeForCopy(keep);
        shareProcessNamespace();
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

/** computeDebugContainerName: -c, else debugger-<utilrand.String(5)> not yet used in the pod (containerNameToRef). */
function computeDebugContainerName(k: KubectlContext, o: Options, spec: C): string {
  if (o.container) return o.container;
  const used = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: C) => c.name));
  let cn = '';
  while (!cn || used.has(cn)) cn = `debugger-${k.sim.rand.string(5)}`;
  if (!o.quiet) k.out(`Defaulting debug container name to ${cn}.\n`);
  return cn;
}

function debugPod(k: KubectlContext, o: Options, name: string): number {
  const pod = k.sim.api.get('Pod', k.namespace, name, { user: k.user });
  if (o.copyTo) return debugByCopy(k, o, pod);
  const spec = (pod.spec ?? {}) as C;
  const cn = computeDebugContainerName(k, o, spec);
  const ec = debugContainer(o, cn);
  if (o.target) ec.targetContainerName = o.target;
  // generateDebugContainer: the profile is applied to a copy of the pod with the container appended
  applyProfile(o.profile, 'ephemeral', { metadata: {}, spec: { ephemeralContainers: [ec] } }, cn, o.keep);
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

/**
 * debugByCopy / generatePodCopyWithDebugContainer: create a copy of the pod, with the debug container added or
 * one of its containers changed; --replace then deletes the original (DeleteOptions gracePeriodSeconds 0).
 */
function debugByCopy(k: KubectlContext, o: Options, pod: StoredObject): number {
  const meta: C = { name: o.copyTo, namespace: pod.metadata.namespace };
  if (pod.metadata.annotations) meta.annotations = { ...pod.metadata.annotations };
  if (pod.metadata.labels) meta.labels = { ...pod.metadata.labels };
  const spec = clone((pod.spec ?? {}) as C);
  // set EphemeralContainers to nil so that the copy of pod can be created
  delete spec.ephemeralContainers;
  // change ShareProcessNamespace configuration only when commanded explicitly
  if (o.shareProcessesChanged) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  const copied: C = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
  // image mutations: "*" for every container, a container's own name first
  for (const c of (spec.containers ?? []) as C[]) {
    const override = o.setImages.get(c.name) ?? o.setImages.get('*') ?? '';
    if (override) c.image = override;
  }
  let name = o.container;
  let c = findContainer(spec, name);
  if (!c) {
    // adding a new debug container
    if (!o.image) {
      if (o.setImages.size) return createCopy(k, o, pod, copied, ''); // a --set-image only invocation
      throw new KubectlError('you must specify image when creating new container');
    }
    if (!name) name = computeDebugContainerName(k, o, spec);
    c = { name, terminationMessagePolicy: 'File' };
    (spec.containers ??= []).push(c);
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = o.args;
    else {
      c.command = o.args;
      delete c.args;
    }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  else delete c.stdin;
  if (o.tty) c.tty = true;
  else delete c.tty;
  applyProfile(o.profile, 'podCopy', copied, c.name, o.keep);
  // debugByCopy: displayWarning for the debug container of the copy
  const dc = ((spec.containers ?? []) as C[]).find((x) => x.name === name);
  if (dc) displayWarning(k, dc, spec);
  return createCopy(k, o, pod, copied, name);
}

function createCopy(k: KubectlContext, o: Options, pod: StoredObject, copied: C, cn: string): number {
  const created = k.sim.api.create(copied as never, { user: k.user, namespace: copied.metadata.namespace });
  if (o.replace) k.sim.api.delete('Pod', pod.metadata.namespace!, pod.metadata.name, { user: k.user, gracePeriodSeconds: 0 });
  if (o.attach && cn) return attach(k, o, created.metadata.namespace!, created.metadata.name, cn);
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
  applyProfile(o.profile, 'node', pod, cn, o.keep);
  const created = k.sim.api.create(pod as never, { user: k.user, namespace: k.namespace });
  if (o.attach) return attach(k, o, created.metadata.namespace!, created.metadata.name, cn);
  return 0;
}

/**
 * pflag's stringToString flag (--env, --set-image): each value is read as a CSV record of key=value pairs; the
 * first occurrence replaces the default, later ones add to the map.
 */
function stringToString(k: KubectlContext, flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of k.flags.all(flag)) {
    for (const kv of v.split(',')) {
      const i = kv.indexOf('=');
      if (i < 0) throw new FlagError(`invalid argument "${v}" for "--${flag}" flag: ${kv} must be formatted as key=value`);
      out.set(kv.slice(0, i), kv.slice(i + 1));
    }
  }
  return out;
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
    // v1.35: cmd.Flags().StringVar(&o.Profile, "profile", ProfileLegacy, …)
    { name: 'profile', type: 'string', default: 'legacy' },
    { name: 'arguments-only', type: 'bool' },
    { name: 'copy-to', type: 'string' },
    { name: 'replace', type: 'bool' },
    { name: 'same-node', type: 'bool' },
    { name: 'share-processes', type: 'bool', default: true },
    { name: 'set-image', type: 'stringArray' },
    { name: 'keep-labels', type: 'bool' },
    { name: 'keep-annotations', type: 'bool' },
    { name: 'keep-liveness', type: 'bool' },
    { name: 'keep-readiness', type: 'bool' },
    { name: 'keep-startup', type: 'bool' },
    { name: 'keep-init-containers', type: 'bool', default: true },
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
      profile: k.flags.str('profile') ?? 'legacy',
      env: [],
      args: k.dashArgs,
      argsOnly: k.flags.bool('arguments-only'),
      copyTo: k.flags.str('copy-to') ?? '',
      replace: k.flags.bool('replace'),
      sameNode: k.flags.bool('same-node'),
      shareProcesses: k.flags.bool('share-processes'),
      shareProcessesChanged: k.flags.has('share-processes'),
      setImages: new Map(),
      keep: {
        labels: k.flags.bool('keep-labels'),
        annotations: k.flags.bool('keep-annotations'),
        liveness: k.flags.bool('keep-liveness'),
        readiness: k.flags.bool('keep-readiness'),
        startup: k.flags.bool('keep-startup'),
        initContainers: k.flags.bool('keep-init-containers'),
      },
    };
    // --env and --set-image are StringToString flags (pflag parses them while reading the command line); cobra
    // ranges over the env map
    for (const [name, value] of stringToString(k, 'env')) o.env.push({ name, value });
    o.setImages = stringToString(k, 'set-image');
    // Complete: NewProfileApplier
    if (!PROFILES.includes(o.profile)) throw new KubectlError(`unknown profile: ${o.profile}`);
    // Validate, in its order
    if (o.attach && k.flags.has('attach') && !o.image && !o.container) throw new KubectlError('you must specify --container or create a new container using --image in order to attach.');
    if (o.copyTo) {
      if (!o.image && !o.setImages.size && !o.args.length) throw new KubectlError('you must specify --image, --set-image or command arguments.');
      if (o.args.length && !o.container && !o.image) throw new KubectlError('you must specify an existing container or a new image when specifying args.');
    } else {
      // these flags are exclusive to --copy-to
      if (o.replace) throw new KubectlError('--replace may only be used with --copy-to.');
      if (o.sameNode) throw new KubectlError('--same-node may only be used with --copy-to.');
      if (o.setImages.size) throw new KubectlError('--set-image may only be used with --copy-to.');
      if (!o.image) throw new KubectlError('you must specify --image when not using --copy-to.');
    }
    if (o.image && !REFERENCE_RE.test(o.image)) throw new KubectlError(`invalid image name "${o.image}": invalid reference format`);
    const names = k.args;
    if (!names.length) throw new KubectlError('NAME or filename is required for debug');
    if (o.pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(o.pullPolicy)) throw new KubectlError(`invalid image pull policy: ${o.pullPolicy}`);
    for (const [name, image] of o.setImages) {
      if (!REFERENCE_RE.test(image)) throw new KubectlError(`invalid image name "${image}" for container "${name}": invalid reference format`);
    }
    if (o.target) {
      if (o.copyTo) throw new KubectlError('--target is incompatible with --copy-to. Use --share-processes instead.');
      if (!o.quiet) k.out(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
    }
    if (o.tty && !o.interactive) throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true');
    // the v1.33–v1.35 text (fmt.Fprintln(o.ErrOut, …): not silenced by -q)
    if (o.profile === 'legacy') k.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
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
