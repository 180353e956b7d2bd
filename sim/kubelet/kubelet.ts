/**
 * The kubelets of all nodes (K/K pkg/kubelet): for every pod bound to a node,
 * sandbox + pod IP (host-local IPAM: .2, .3, … per node CIDR), image pulls
 * with the real events, container creation with env and volumes, start,
 * readiness/liveness probes, exits with restart back-off (CrashLoopBackOff),
 * OOM kills, init containers in order, graceful termination, and the pod
 * status (phase, conditions, containerStatuses) written through the API.
 *
 * Timing: pod-startup steps are `settle: true` timers (the next shell command
 * sees a Running pod with a realistic AGE); back-off, long-running processes
 * and periodic probes are `settle: false` (reached with `sleep`).
 * Texts: reference §1.3/§5/§8; kubelet events (pkg/kubelet/events, images/,
 * kuberuntime/): Pulling, Pulled, Created, Started, Killing, BackOff, Failed.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { ContainerView, FileSystem, HttpRequest, KubeletService, Listener } from './service';
import { AtomicVolume, MemFS, type FileProjection } from './fs';
import { resolveImage, startProcess, validImageName, type ImageInfo, type Process } from './images';
import { NO_VALUES, objKey, oneValue, splitKey } from '../store/store';
import { decodeBase64 } from '../api/base64';
import { parseQuantity, Quantity } from '../api/quantity';
import { clusterFirstResolvConf } from '../network/dns';
import { ipToInt, intToIp } from '../network/allocators';
import { issueLazyServiceAccountToken } from '../admission/tokens';
import { deepEqual } from '../registry/apiserver';

type C = Record<string, any>;

/** An init container with restartPolicy: Always: a native sidecar that keeps running beside the app. */
function isSidecar(c: CRT): boolean {
  return c.init && c.spec.restartPolicy === 'Always';
}

/** What a server prints when its port is already bound in the pod (EADDRINUSE). */
function addressInUseLogs(kind: string, port: number, now: number): string[] {
  if (kind === 'nginx') {
    // nginx retries bind() five times, 500 ms apart (ngx_open_listening_sockets), then gives up
    const out: string[] = [];
    const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/-/g, '/').replace(/\.\d+Z$/, '');
    for (let i = 0; i < 5; i++) {
      const t = stamp(now + i * 500);
      out.push(`${t} [emerg] 1#1: bind() to 0.0.0.0:${port} failed (98: Address in use)`, `nginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address in use)`);
      out.push(`${t} [emerg] 1#1: bind() to [::]:${port} failed (98: Address in use)`, `nginx: [emerg] bind() to [::]:${port} failed (98: Address in use)`);
    }
    out.push(`${stamp(now + 2500)} [emerg] 1#1: still could not bind()`, 'nginx: [emerg] still could not bind()');
    return out;
  }
  return [`Error: listen EADDRINUSE: address already in use :::${port}`];
}

/** The binaries of an image, one Set per image definition shared by its containers (never changed). */
const NO_BINARIES: Set<string> = new Set();
const binarySets = new WeakMap<readonly string[], Set<string>>();
function binarySet(list: readonly string[]): Set<string> {
  let set = binarySets.get(list);
  if (!set) binarySets.set(list, (set = new Set(list)));
  return set;
}

interface CRT {
  name: string;
  spec: C;
  init: boolean;
  info: ImageInfo;
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  restartCount: number;
  lastState?: C;
  containerID?: string;
  proc?: Process;
  startMs?: number;
  /** its root filesystem once made (read it through `fsOf`) */
  fs?: MemFS;
  /** how to make the root filesystem of the running process when first used (see startContainer) */
  makeFS?: () => MemFS;
  env: [string, string][];
  logs: string[];
  prevLogs?: { lines: string[]; proc?: Process; startMs?: number; endMs?: number };
  ready: boolean;
  started: boolean;
  everStarted: boolean;
  timers: number[];
  pullBackoff: number;
  binaries: Set<string>;
  stopping?: boolean;
  probeFailures: number;
  specChanged?: boolean;
  /** spec.containers{name} or spec.initContainers{name}, for events */
  fieldPath?: string;
  /** a container of spec.ephemeralContainers (added through pods/ephemeralcontainers; never restarted) */
  ephemeral?: boolean;
  /** its status' volumeMounts, for the container spec they were made from (an immutable object) */
  mounts?: { spec: C; list: C[] };
  /** its status' last `state` object, reused while the state is the same running one */
  runningState?: { startedAt: string | undefined; obj: C };
  /** its status' `resources` while running, for the spec resources they were made from (see statusResources) */
  runningResources?: { spec: C; obj: C };
}

interface PRT {
  key: string;
  /** the key's namespace and name */
  ns: string;
  name: string;
  uid: string;
  node: string;
  ip?: string;
  sandboxReady: boolean;
  containers: Map<string, CRT>;
  init: string[];
  main: string[];
  /** spec.ephemeralContainers the kubelet has taken on, in the order they were added */
  ephemeral: string[];
  initIndex: number;
  volumes: Map<string, MemFS>;
  terminating: boolean;
  startTime: string;
  /** per condition type (by its COND_* place): its status, when that last changed, and the condition last written (reused while unchanged) */
  conditionTimes: (ConditionRecord | undefined)[];
  /** status.podIPs for `ip`, made once */
  podIPs?: { ip: string; list: C[] };
  timers: number[];
  hostname: string;
}

/**
 * A container's runtime record, waiting to be created: every field the kubelet may set later is in the literal
 * (undefined until set), so none is added afterwards (added fields go out of line: one more object per container).
 */
function newCRT(name: string, spec: C, init: boolean, ephemeral: true | undefined, info: ImageInfo, reason: string): CRT {
  return {
    name,
    spec,
    init,
    info,
    state: 'waiting',
    reason,
    message: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    exitCode: undefined,
    restartCount: 0,
    lastState: undefined,
    containerID: undefined,
    proc: undefined,
    startMs: undefined,
    fs: undefined,
    makeFS: undefined,
    env: [],
    logs: [],
    prevLogs: undefined,
    ready: false,
    started: false,
    everStarted: false,
    timers: [],
    pullBackoff: 0,
    binaries: NO_BINARIES,
    stopping: undefined,
    probeFailures: 0,
    specChanged: undefined,
    fieldPath: undefined,
    ephemeral,
    mounts: undefined,
    runningState: undefined,
    runningResources: undefined,
  };
}

interface ConditionRecord {
  status: string;
  at: string;
  obj?: C;
  reason?: string;
  message?: string;
  /** the pod generation the condition was written for (its observedGeneration) */
  gen?: number;
}

/** The pod conditions the kubelet writes, by their place in PRT.conditionTimes (a small array, not a Map per pod). */
const COND_SANDBOX = 0;
const COND_INITIALIZED = 1;
const COND_READY = 2;
const COND_CONTAINERS_READY = 3;
const COND_SCHEDULED = 4;

/** `resources: {}` of a container status whose spec has none (stored objects are never changed: one shared object) */
const NO_RESOURCES: C = Object.freeze({});

/** `lastState: {}` of a container that never terminated (stored objects are never changed: one shared object) */
const NO_LAST_STATE: C = Object.freeze({});

/** Node paths the simulated node filesystem does not have, for hostPath `type` checks. */
const NODE_SPECIAL_FILES: Record<string, 'Directory' | 'CharDevice' | 'Socket'> = {
  '/dev': 'Directory',
  '/proc': 'Directory',
  '/sys': 'Directory',
  '/run': 'Directory',
  '/var/run': 'Directory',
  '/lib/modules': 'Directory',
  '/var/lib/kubelet': 'Directory',
  '/dev/null': 'CharDevice',
  '/dev/zero': 'CharDevice',
  '/dev/random': 'CharDevice',
  '/dev/urandom': 'CharDevice',
  '/dev/kmsg': 'CharDevice',
  '/dev/fuse': 'CharDevice',
  '/run/containerd/containerd.sock': 'Socket',
  '/var/run/containerd/containerd.sock': 'Socket',
};

/** Pod conditions the kubelet writes; others' conditions are kept (status_manager mergePodStatus). */
/** The options of the kubelet's timers (the clock reads them when a timer is set, never keeps them). */
const SETTLE_TIMER = { settle: true, label: 'kubelet' };
const NO_SETTLE_TIMER = { settle: false, label: 'kubelet' };
const KUBELET_OWNED = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

const SANDBOX_MS = 700;
const CREATE_MS = 80;
const START_MS = 150;
const MAX_BACKOFF_MS = 300_000;

/** Go time.Duration.String() for whole milliseconds. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) {
    // whole milliseconds (every pull's time): the digits toFixed(3) gives, trailing zeros dropped, without a regexp
    if (Number.isInteger(ms)) {
      const sec = Math.floor(ms / 1000);
      let frac = ms - sec * 1000;
      if (frac === 0) return `${sec}s`;
      let digits = 3;
      while (frac % 10 === 0) {
        frac /= 10;
        digits--;
      }
      return `${sec}.${String(frac).padStart(digits, '0')}s`;
    }
    return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  }
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m < 60) return `${m}m${s.toFixed(3).replace(/\.?0+$/, '')}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s.toFixed(3).replace(/\.?0+$/, '')}s`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

function nginxLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

function accessLogTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

function dateString(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function envName(s: string): string {
  return s.toUpperCase().replace(/-/g, '_');
}

function bytesOf(q: unknown): number | undefined {
  if (q === undefined) return undefined;
  try {
    return Number(parseQuantity(q as string).nanos / 1_000_000_000n);
  } catch {
    return undefined;
  }
}

/** An image's env entry as a pair that can be shared: exactly [k, v] (else a copy is made). */
function pairOf(e: unknown[]): [string, string] | undefined {
  return Array.isArray(e) && e.length === 2 && Object.getPrototypeOf(e) === Array.prototype ? (e as [string, string]) : undefined;
}

/** The kubelet.configRef index values of a pod: `<namespace>/<ConfigMap|Secret>/<name>` it names (env, envFrom, volumes). */
function configRefsOf(p: StoredObject): string[] {
  const spec = p.spec as C;
  const ns = p.metadata.namespace;
  // the texts in the order first named, without a Set or joined keys per pod (every pod of a namespace names the
  // same few: see refText)
  let out = containerRefs(undefined, ns, spec?.containers ?? []);
  out = containerRefs(out, ns, spec?.initContainers ?? []);
  for (const v of spec?.volumes ?? []) {
    if (v.configMap?.name) out = addRef(out, ns, 'ConfigMap', v.configMap.name);
    if (v.secret?.secretName) out = addRef(out, ns, 'Secret', v.secret.secretName);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) out = addRef(out, ns, 'ConfigMap', s.configMap.name);
      if (s.secret?.name) out = addRef(out, ns, 'Secret', s.secret.name);
    }
  }
  if (!out) return [];
  // one name (a service-account token volume's kube-root-ca.crt): the store's shared list for it
  return out.length === 1 ? oneValue(out[0]) : out;
}

function containerRefs(out: string[] | undefined, ns: string | undefined, list: Iterable<C>): string[] | undefined {
  for (const c of list) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) out = addRef(out, ns, 'ConfigMap', e.configMapRef.name);
      if (e.secretRef?.name) out = addRef(out, ns, 'Secret', e.secretRef.name);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) out = addRef(out, ns, 'ConfigMap', e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) out = addRef(out, ns, 'Secret', e.valueFrom.secretKeyRef.name);
    }
  }
  return out;
}

function addRef(out: string[] | undefined, ns: string | undefined, kind: 'ConfigMap' | 'Secret', name: unknown): string[] {
  const text = refText(ns, kind, name);
  if (!out) return [text];
  if (!out.includes(text)) out.push(text);
  return out;
}

/**
 * configRef values are few distinct texts (a namespace's ConfigMaps and Secrets) held by many pods: one copy each,
 * found by its parts (namespace → kind → name) without joining them.
 */
const refTexts = new Map<string | undefined, { ConfigMap: Map<unknown, string>; Secret: Map<unknown, string> }>();
function refText(ns: string | undefined, kind: 'ConfigMap' | 'Secret', name: unknown): string {
  let byKind = refTexts.get(ns);
  if (!byKind) refTexts.set(ns, (byKind = { ConfigMap: new Map(), Secret: new Map() }));
  const byName = byKind[kind];
  let text = byName.get(name);
  if (text === undefined) {
    text = `${ns}/${kind}/${name}`;
    byName.set(name, text);
  }
  return text;
}

/** Whether a pod spec may name a ConfigMap or Secret (env, envFrom, volumes); false means none is named. */
const NO_REFS: string[] = [];

/** containerEnv's stand-in for a pod's HOSTNAME pair in the pairs shared by pods (see plainEnv). */
const HOSTNAME_SLOT: [string, string] = ['HOSTNAME', ''];

/** A configMap's or secret's data (secret values decoded) into a volume payload: the items', else every key. */
function projectData(out: Record<string, FileProjection>, data: Record<string, string> | undefined, items: C[] | undefined, decode: boolean, mode: number): void {
  const d = data ?? {};
  if (items?.length) {
    for (const it of items) if (it.key in d) out['/' + it.path] = { data: dataValue(d, it.key, decode), mode: it.mode ?? mode };
  } else for (const k of Object.keys(d)) out['/' + k] = { data: dataValue(d, k, decode), mode };
}

function dataValue(d: Record<string, string>, k: string, decode: boolean): string {
  if (!decode) return d[k];
  const r = decodeBase64(d[k]);
  return 'text' in r ? r.text : '';
}

/** downwardAPI items (fieldRef) into a volume payload. */
function projectFields(out: Record<string, FileProjection>, pod: StoredObject, items: C[] | undefined, mode: number): void {
  for (const it of items ?? []) if (it.fieldRef) out['/' + it.path] = { data: fieldValue(pod, it.fieldRef.fieldPath), mode: it.mode ?? mode };
}

function fieldValue(pod: StoredObject, path: string): string {
  const m = /^metadata\.(labels|annotations)$/.exec(path);
  if (m) return Object.entries((pod.metadata as C)[m[1]] ?? {}).map(([k, x]) => `${k}="${x}"`).join('\n');
  if (path === 'metadata.name') return pod.metadata.name;
  if (path === 'metadata.namespace') return pod.metadata.namespace!;
  if (path === 'metadata.uid') return pod.metadata.uid;
  return '';
}

/** The Pulled message of an image already on the node: one text per image (every replica of a template sends it). */
const presentMessages = new Map<string, string>();
function presentMessage(image: string): string {
  let m = presentMessages.get(image);
  if (m === undefined) {
    if (presentMessages.size >= 4096) presentMessages.clear();
    presentMessages.set(image, (m = `Container image "${image}" already present on machine and can be accessed by the pod`));
  }
  return m;
}

/** The Pulling message of an image: one text per image (an imagePullPolicy: Always pod pulls at every start). */
const pullingMessages = new Map<string, string>();
function pullingMessage(image: string): string {
  let m = pullingMessages.get(image);
  if (m === undefined) {
    if (pullingMessages.size >= 4096) pullingMessages.clear();
    pullingMessages.set(image, (m = `Pulling image "${image}"`));
  }
  return m;
}

/** The first container of a spec list with that name. */
function containerNamed(list: C[] | undefined, name: string): C | undefined {
  if (list) for (const x of list) if (x.name === name) return x;
  return undefined;
}

/** An absent or empty list (an env or envFrom that declares nothing). */
function isEmptyList(x: unknown): boolean {
  return x === undefined || x === null || (Array.isArray(x) && x.length === 0);
}

/** An init container is done: exited 0, or a sidecar that has started. */
function initOk(c: CRT): boolean {
  return (c.state === 'terminated' && c.exitCode === 0) || (isSidecar(c) && c.everStarted);
}

function nonEmpty(x: unknown): boolean {
  return x != null && !(Array.isArray(x) && x.length === 0);
}

function referencesConfig(spec: C | undefined): boolean {
  if (!spec) return false;
  const some = nonEmpty;
  if (some(spec.volumes)) return true;
  for (const list of [spec.containers, spec.initContainers] as (C[] | undefined)[]) {
    if (!Array.isArray(list)) {
      if (list != null) return true;
      continue;
    }
    for (const c of list) if (c == null || some(c.envFrom) || some(c.env)) return true;
  }
  return false;
}

/** config.go podsDifferSemantically (stored objects share unchanged parts, so identity decides most of it). */
function podsDifferSemantically(a: StoredObject, b: StoredObject): boolean {
  if (a.spec !== b.spec && !deepEqual(a.spec, b.spec)) return true;
  const ma = a.metadata;
  const mb = b.metadata;
  if (ma === mb) return false;
  return (
    ma.deletionTimestamp !== mb.deletionTimestamp ||
    ma.deletionGracePeriodSeconds !== mb.deletionGracePeriodSeconds ||
    (ma.labels !== mb.labels && !deepEqual(ma.labels ?? {}, mb.labels ?? {})) ||
    (ma.annotations !== mb.annotations && !deepEqual(ma.annotations ?? {}, mb.annotations ?? {}))
  );
}

export class Kubelet implements KubeletService {
  private pods = new Map<string, PRT>();
  private nodeFSs = new Map<string, MemFS>();
  private hostPaths = new Map<string, Map<string, MemFS>>();
  private pvStores = new Map<string, MemFS>();
  /** Volume set-up waiting on claims (claim key → pod keys), failed mounts per pod UID, hostPath files mounted as files. */
  private claimWaiters = new Map<string, Set<string>>();
  private mountFailures = new Map<string, number>();
  private fileVolumes = new WeakMap<MemFS, { node: string; path: string }>();
  /** whether fileVolumes ever had one (most clusters have none: no WeakMap lookup per container start then) */
  private anyFileVolume = false;
  private images = new Map<string, Set<string>>();
  private lastIP = new Map<string, number>();
  /** service-account tokens per pod UID: per volume name and path, when issued and the token (a list: a pod has one or two) */
  private tokens = new Map<string, { volume: string; path: string; at: number; data: () => string }[]>();
  private worker;

  constructor(private sim: Sim) {
    this.worker = sim.runtime.register('kubelet', (key) => this.sync(key));
    sim.store.addIndex('Pod', 'kubelet.node', (p) => ((p.spec as C)?.nodeName ? oneValue((p.spec as C).nodeName) : NO_VALUES), 'spec');
    // the values depend on the spec and the namespace only: status writes keep the spec object, and the
    // store does not ask again then
    sim.store.addIndex('Pod', 'kubelet.configRef', (p) => (referencesConfig(p.spec as C) ? configRefsOf(p) : NO_REFS), 'spec');
    sim.store.watch('Pod', (ev) => {
      const key = objKey(ev.object);
      if (ev.type === 'DELETED') {
        if (this.pods.has(key)) this.worker.enqueue(key);
        return;
      }
      if (!(ev.object.spec as C)?.nodeName) return;
      // the kubelet's pod config only passes on changes that differ semantically (K/K pkg/kubelet/config/
      // config.go podsDifferSemantically: spec, labels, annotations, deletionTimestamp and grace period);
      // status writes, its own included, do not make it sync the pod again
      if (ev.type === 'MODIFIED' && ev.old && !podsDifferSemantically(ev.old, ev.object)) return;
      this.worker.enqueue(key);
    });
    for (const kind of ['ConfigMap', 'Secret']) {
      sim.store.watch(kind, (ev) => {
        for (const p of sim.store.byIndex('Pod', 'kubelet.configRef', `${ev.object.metadata.namespace}/${kind}/${ev.object.metadata.name}`)) {
          this.worker.enqueue(objKey(p));
          // mounted files follow after the kubelet's sync period (~1 minute)
          this.worker.enqueueAfter(`refresh:${objKey(p)}`, 60_000, { settle: false });
        }
      });
    }
    sim.store.watch('Service', () => {
      this.serviceWrites++;
    });
    // a pod whose claim was not bound yet mounts it once it is (volume manager's desired-state populator)
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      const key = objKey(ev.object);
      const pods = this.claimWaiters.get(key);
      if (!pods) return;
      this.claimWaiters.delete(key);
      for (const p of pods) this.worker.enqueue(`mount:${p}`);
    });
  }

  // ------------------------------------------------------------------ sync

  private sync(key: string): void {
    if (key.startsWith('refresh:')) return this.refreshVolumes(key.slice(8));
    if (key.startsWith('mount:')) return this.retryMount(key.slice(6));
    const [ns, name] = splitKey(key);
    const pod = this.sim.store.get('Pod', ns, name);
    const rt = this.pods.get(key);
    if (!pod || (rt && rt.uid !== pod.metadata.uid)) {
      if (rt) this.cleanup(rt);
      if (!pod) return;
    }
    const spec = pod.spec as C;
    if (!spec?.nodeName || !this.sim.store.get('Node', '', spec.nodeName)) return;
    let r = this.pods.get(key);
    if (!r) {
      const phase = (pod.status as C | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      r = this.admit(pod);
    }
    if (pod.metadata.deletionTimestamp && !r.terminating) this.terminate(pod, r);
    else if (!r.terminating) {
      this.retryWaiting(pod, r);
      this.addEphemeral(pod, r);
    }
    // a spec change nothing above acted on (activeDeadlineSeconds, an added toleration …) is still a new generation,
    // which the status of the kubelet's next sync carries (syncPod → status_manager SetPodStatus:
    // CalculatePodStatusObservedGeneration; the changed observedGeneration makes the status manager write it)
    const cur = this.pod(r);
    const gen = cur?.metadata.generation;
    if (gen !== undefined && (cur!.status as C | undefined)?.observedGeneration !== gen) this.writeStatus(r);
  }

  /**
   * Ephemeral containers added to the pod's spec (pods/ephemeralcontainers) are started once the sandbox
   * exists (K/K pkg/kubelet/kuberuntime kuberuntime_manager.go computePodActions: ephemeral containers
   * that never ran are started, never restarted).
   */
  private addEphemeral(pod: StoredObject, r: PRT): void {
    const list = ((pod.spec as C).ephemeralContainers ?? []) as C[];
    let added = false;
    for (const ec of list) {
      if (r.containers.has(ec.name)) continue;
      r.ephemeral.push(ec.name);
      r.containers.set(ec.name, newCRT(ec.name, ec, false, true, resolveImage(String(ec.image ?? '')), 'ContainerCreating'));
      added = true;
      const phase = (pod.status as C | undefined)?.phase;
      if (r.sandboxReady && phase !== 'Succeeded' && phase !== 'Failed') this.beginContainer(r, ec.name);
    }
    if (added) this.writeStatus(r);
  }

  /** The attached session of a container's shell ended (`exit`): its main process exits with that code. */
  stdinClosed(namespace: string, pod: string, container: string, code: number): void {
    const r = this.pods.get(`${namespace}/${pod}`);
    const c = r?.containers.get(container);
    if (!r || !c || c.state !== 'running') return;
    this.exited(r, c, code);
  }

  private admit(pod: StoredObject): PRT {
    const spec = pod.spec as C;
    const key = objKey(pod);
    const r: PRT = {
      key,
      ns: pod.metadata.namespace ?? '',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      node: spec.nodeName,
      ip: undefined,
      sandboxReady: false,
      containers: new Map(),
      init: (spec.initContainers ?? []).map((c: C) => c.name),
      main: (spec.containers ?? []).map((c: C) => c.name),
      ephemeral: [],
      initIndex: 0,
      volumes: new Map(),
      terminating: false,
      startTime: this.sim.clock.iso(),
      conditionTimes: [undefined, undefined, undefined, undefined, undefined],
      podIPs: undefined,
      timers: [],
      // a pod in the host's network namespace has the node's hostname (it shares the node's UTS namespace)
      hostname: spec.hostNetwork ? spec.nodeName : spec.hostname || pod.metadata.name.slice(0, 63),
    };
    const initList = (spec.initContainers ?? []) as C[];
    const mainList = (spec.containers ?? []) as C[];
    for (let i = 0; i < initList.length + mainList.length; i++) {
      const c = i < initList.length ? initList[i] : mainList[i - initList.length];
      const init = r.init.includes(c.name) && !mainList.includes(c);
      // kubelet_pods.go convertToAPIContainerStatuses: PodInitializing while a pod with init containers has no app container started
      r.containers.set(c.name, newCRT(c.name, c, init, undefined, resolveImage(String(c.image ?? '')), r.init.length ? 'PodInitializing' : 'ContainerCreating'));
    }
    this.pods.set(key, r);
    this.writeStatus(r);
    this.after(r, SANDBOX_MS, true, () => this.sandboxReady(r));
    return r;
  }

  private after(r: PRT | CRT, ms: number, settle: boolean, fn: () => void): number {
    const id = this.sim.clock.setTimeout(() => {
      const i = r.timers.indexOf(id); // ids are unique
      if (i !== -1) r.timers.splice(i, 1);
      fn();
    }, ms, (settle ? SETTLE_TIMER : NO_SETTLE_TIMER) as never);
    r.timers.push(id);
    return id;
  }

  private clearTimers(c: CRT): void {
    for (const t of c.timers) this.sim.clock.clearTimeout(t);
    c.timers = [];
  }

  private pod(r: PRT): StoredObject | undefined {
    const p = this.sim.store.get('Pod', r.ns, r.name);
    return p && p.metadata.uid === r.uid ? p : undefined;
  }

  private event(r: PRT, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    const pod = this.pod(r);
    if (!pod) return;
    const c = container ? r.containers.get(container) : undefined;
    const fieldPath = c ? (c.fieldPath ??= `spec.${c.ephemeral ? 'ephemeralContainers' : c.init ? 'initContainers' : 'containers'}{${c.name}}`) : undefined;
    this.sim.events.event(pod, type, reason, message, { component: 'kubelet', host: r.node }, fieldPath);
  }

  // -------------------------------------------------------------- sandbox

  private sandboxReady(r: PRT): void {
    const pod = this.pod(r);
    if (!pod || r.terminating || r.sandboxReady) return;
    // volumes are attached and mounted before the sandbox exists (kubelet SyncPod: WaitForAttachAndMount)
    if (!this.volumesReady(pod, r)) return;
    const spec = pod.spec as C;
    const node = this.sim.store.get('Node', '', r.node);
    const nodeIP = ((node?.status as C)?.addresses ?? []).find((a: C) => a.type === 'InternalIP')?.address;
    if (spec.hostNetwork) r.ip = nodeIP;
    else r.ip = this.allocateIP(r.node, (node?.spec as C)?.podCIDR);
    r.sandboxReady = true;
    this.mountVolumes(pod, r);
    this.writeStatus(r);
    if (r.init.length) this.beginContainer(r, r.init[0]);
    else for (const n of r.main) this.beginContainer(r, n);
    for (const n of r.ephemeral) this.beginContainer(r, n);
  }

  /** host-local IPAM: skip the gateway (.1), continue after the last reserved address, wrap around. */
  private allocateIP(node: string, cidr: string | undefined): string | undefined {
    if (!cidr) return undefined;
    let range = this.cidrs.get(cidr);
    if (!range) {
      const [base, bits] = cidr.split('/');
      this.cidrs.set(cidr, (range = { start: ipToInt(base)!, size: 2 ** (32 - Number(bits)) }));
    }
    const { start, size } = range;
    if (!this.ipsIndexed) {
      // the reservations of every node in one pass over the pods (not one pass per node)
      this.ipsIndexed = true;
      for (const r of this.pods.values()) {
        if (!r.ip) continue;
        let s = this.usedIPs.get(r.node);
        if (!s) this.usedIPs.set(r.node, (s = new Set()));
        s.add(r.ip);
      }
    }
    let used = this.usedIPs.get(node);
    if (!used) this.usedIPs.set(node, (used = new Set<string>()));
    let last = this.lastIP.get(node) ?? 1;
    for (let i = 0; i < size - 3; i++) {
      last = last + 1 >= size - 1 ? 2 : last + 1;
      const ip = intToIp(start + last);
      if (!used.has(ip)) {
        this.lastIP.set(node, last);
        used.add(ip);
        return ip;
      }
    }
    return undefined;
  }

  /** Node podCIDRs parsed: first address (as an integer) and size. */
  private cidrs = new Map<string, { start: number; size: number }>();
  /** Pod IPs in use per node (host-local IPAM's reservations). */
  private usedIPs = new Map<string, Set<string>>();
  private ipsIndexed = false;

  // -------------------------------------------------------------- volumes

  private nodeFSOf(node: string): MemFS {
    let fs = this.nodeFSs.get(node);
    if (!fs) {
      fs = new MemFS({ '/etc/hostname': node + '\n', '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\n' }, ['/root', '/tmp', '/home', '/var/log', '/opt']);
      this.nodeFSs.set(node, fs);
    }
    return fs;
  }

  /** A hostPath directory of a node, shared by every pod there (and visible from the node's shell). */
  private hostPathFS(node: string, path: string): MemFS {
    let m = this.hostPaths.get(node);
    if (!m) this.hostPaths.set(node, (m = new Map()));
    let fs = m.get(path);
    if (!fs) {
      fs = new MemFS();
      m.set(path, fs);
      this.nodeFSOf(node).mount(path, fs);
    }
    return fs;
  }

  /** A hostPath that is a regular file on the node is bind-mounted as that file (a copy in the container), not as a directory. */
  private hostPathVolume(node: string, path: string): MemFS {
    // the node's root itself (kubectl debug node/… mounts it at /host)
    if (/^\/+$/.test(path)) return this.nodeFSOf(node);
    const st = this.nodeFSOf(node).stat(path);
    if ('error' in st || st.dir) return this.hostPathFS(node, path);
    const fs = new MemFS();
    this.fileVolumes.set(fs, { node, path });
    this.anyFileVolume = true;
    return fs;
  }

  private volumeFS(pod: StoredObject, r: PRT, v: C): MemFS {
    const spec = pod.spec as C;
    if (v.hostPath) return this.hostPathVolume(r.node, v.hostPath.path);
    if (v.persistentVolumeClaim) {
      const pvc = this.sim.store.get('PersistentVolumeClaim', pod.metadata.namespace!, v.persistentVolumeClaim.claimName);
      const pvName = (pvc?.spec as C)?.volumeName;
      const pv = pvName ? this.sim.store.get('PersistentVolume', '', pvName) : undefined;
      const hp = (pv?.spec as C)?.hostPath?.path ?? (pv?.spec as C)?.local?.path;
      if (hp) return this.hostPathVolume(r.node, hp);
      const id = pvName ?? `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`;
      let fs = this.pvStores.get(id);
      if (!fs) this.pvStores.set(id, (fs = new MemFS()));
      return fs;
    }
    void spec;
    if (v.configMap || v.secret || v.downwardAPI || v.projected) {
      // the atomic writer on the plugin's wrapped emptyDir: on disk for configMap, tmpfs (Medium: Memory) for
      // secret, downwardAPI and projected (wrappedVolumeSpec in pkg/volume/{configmap,secret,downwardapi,projected})
      const vol = new AtomicVolume(pod.metadata.uid, v.name, !v.configMap);
      vol.project(this.volumeFiles(pod, v), this.sim.clock.now());
      return vol;
    }
    // emptyDir setupDir: 0777; Medium: Memory mounts a tmpfs over it, whose root is 01777 (pkg/volume/emptydir)
    if (v.emptyDir) return new MemFS({}, [], v.emptyDir.medium === 'Memory' ? { rootMode: 0o1777, tmpfs: true } : { rootMode: 0o777 });
    return new MemFS();
  }

  /**
   * Payload of a configMap / secret / downwardAPI / projected volume (secret data decoded), with each file's
   * mode: the item's `mode`, else the volume's `defaultMode` (0644 when unset): MakePayload in
   * pkg/volume/{configmap,secret}, downwardapi.CollectData, projected collectData (a token gets defaultMode).
   * The service-account token comes from the kubelet's token cache (a new one once 80% of its lifetime has
   * passed) and is encoded when first read.
   */
  private volumeFiles(pod: StoredObject, v: C): Record<string, FileProjection> {
    const ns = pod.metadata.namespace!;
    const out: Record<string, FileProjection> = {};
    // (module functions, not closures made per call: every pod's service-account volume comes through here)
    if (v.configMap) {
      const cm = this.sim.store.get('ConfigMap', ns, v.configMap.name);
      if (cm) projectData(out, cm.data as Record<string, string>, v.configMap.items, false, v.configMap.defaultMode ?? 0o644);
      return out;
    }
    if (v.secret) {
      const s = this.sim.store.get('Secret', ns, v.secret.secretName);
      if (s) projectData(out, s.data as Record<string, string>, v.secret.items, true, v.secret.defaultMode ?? 0o644);
      return out;
    }
    if (v.downwardAPI) {
      projectFields(out, pod, v.downwardAPI.items, v.downwardAPI.defaultMode ?? 0o644);
      return out;
    }
    if (v.projected) {
      const mode: number = v.projected.defaultMode ?? 0o644;
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) {
          const spec = pod.spec as C;
          const path = '/' + (s.serviceAccountToken.path ?? 'token');
          const ttl: number = s.serviceAccountToken.expirationSeconds ?? 3607;
          // the token manager (K/K pkg/kubelet/token/token_manager.go requiresRefresh) hands out its cached
          // token until 80% of the requested lifetime has passed (or 24 h), so a volume refresh keeps the token
          let perPod = this.tokens.get(pod.metadata.uid);
          if (!perPod) this.tokens.set(pod.metadata.uid, (perPod = []));
          const now = this.sim.clock.now();
          let i = 0;
          while (i < perPod.length && (perPod[i].volume !== v.name || perPod[i].path !== path)) i++;
          let cached = perPod[i];
          if (!cached || now - cached.at >= Math.min(ttl * 800, 24 * 3600 * 1000)) {
            cached = { volume: v.name, path, at: now, data: issueLazyServiceAccountToken(this.sim, ns, spec.serviceAccountName ?? 'default', { name: pod.metadata.name, uid: pod.metadata.uid, node: spec.nodeName }, ttl) };
            perPod[i] = cached;
          }
          out[path] = { data: cached.data, mode };
        }
        if (s.configMap) {
          const cm = this.sim.store.get('ConfigMap', ns, s.configMap.name);
          if (cm) projectData(out, cm.data as Record<string, string>, s.configMap.items, false, mode);
        }
        if (s.secret) {
          const sec = this.sim.store.get('Secret', ns, s.secret.name);
          if (sec) projectData(out, sec.data as Record<string, string>, s.secret.items, true, mode);
        }
        if (s.downwardAPI) projectFields(out, pod, s.downwardAPI.items, mode);
      }
      return out;
    }
    return out;
  }

  /**
   * Volume set-up before the sandbox (kubelet SyncPod → volumeManager.WaitForAttachAndMount). A
   * claim that is not bound yet keeps the pod ContainerCreating until it is (the real scheduler
   * does not even bind such a pod; with spec.nodeName set by hand the kubelet waits the same way).
   * A hostPath `type` check (K/K pkg/volume/hostpath/host_path.go, hostPathMounter.SetUp →
   * checkTypeInternal, v1.35) that fails is a FailedMount event from the operation executor
   * ("MountVolume.SetUp failed for volume %q : <err>", volume.GenerateError: the pod's volume name,
   * or the PV's name for a claim), retried with the reconciler's exponential back-off
   * (nestedpendingoperations: 500 ms doubling up to 2m2s).
   */
  private volumesReady(pod: StoredObject, r: PRT): boolean {
    const ns = pod.metadata.namespace!;
    for (const v of ((pod.spec as C).volumes ?? []) as C[]) {
      let hostPath: C | undefined = v.hostPath;
      let name: string = v.name;
      if (v.persistentVolumeClaim) {
        const claimKey = `${ns}/${v.persistentVolumeClaim.claimName}`;
        const pvc = this.sim.store.get('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName);
        const pvName = (pvc?.spec as C)?.volumeName;
        const pv = pvName && (pvc?.status as C)?.phase === 'Bound' ? this.sim.store.get('PersistentVolume', '', pvName) : undefined;
        if (!pv) {
          let waiting = this.claimWaiters.get(claimKey);
          if (!waiting) this.claimWaiters.set(claimKey, (waiting = new Set()));
          waiting.add(r.key);
          return false;
        }
        hostPath = (pv.spec as C)?.hostPath;
        name = pv.metadata.name;
      }
      const err = hostPath ? this.hostPathTypeError(r.node, hostPath) : undefined;
      if (err) {
        const failures = this.mountFailures.get(r.uid) ?? 0;
        this.mountFailures.set(r.uid, failures + 1);
        this.event(r, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${name}" : ${err}`);
        this.after(r, Math.min(500 * 2 ** failures, 122_000), false, () => this.sandboxReady(r));
        return false;
      }
    }
    this.mountFailures.delete(r.uid);
    return true;
  }

  private retryMount(key: string): void {
    const r = this.pods.get(key);
    if (r && !r.sandboxReady && !r.terminating && !r.timers.length) this.sandboxReady(r);
  }

  /** checkTypeInternal (host_path.go, v1.35): undefined when the path passes its `type` check; *OrCreate make it. */
  private hostPathTypeError(node: string, hostPath: C): string | undefined {
    const path: string = hostPath.path;
    const type: string = hostPath.type ?? '';
    if (!type) return undefined; // HostPathUnset: no checks
    const fs = this.nodeFSOf(node);
    const st = fs.stat(path);
    // what a node has that the simulated node filesystem leaves out
    const kind: string | undefined = 'error' in st ? NODE_SPECIAL_FILES[path] : st.dir ? 'Directory' : 'File';
    switch (type) {
      case 'DirectoryOrCreate':
        if (!kind) {
          fs.mkdir(path, { parents: true });
          return undefined;
        }
      // falls through
      case 'Directory':
        return kind === 'Directory' ? undefined : `hostPath type check failed: ${path} is not a directory`;
      case 'FileOrCreate':
        if (!kind) {
          // os.OpenFile(path, O_CREATE): the parent directory must exist
          return 'error' in fs.write(path, '') ? `open ${path}: no such file or directory` : undefined;
        }
      // falls through
      case 'File':
        // IsFile: exists and is not a directory
        return kind && kind !== 'Directory' ? undefined : `hostPath type check failed: ${path} is not a file`;
      case 'Socket':
        return kind === 'Socket' ? undefined : `hostPath type check failed: ${path} is not a socket file`;
      case 'CharDevice':
        return kind === 'CharDevice' ? undefined : `hostPath type check failed: ${path} is not a character device`;
      case 'BlockDevice':
        return kind === 'BlockDevice' ? undefined : `hostPath type check failed: ${path} is not a block device`;
      default:
        return `${type} is an invalid volume type`;
    }
  }

  private mountVolumes(pod: StoredObject, r: PRT): void {
    for (const v of ((pod.spec as C).volumes ?? []) as C[]) r.volumes.set(v.name, this.volumeFS(pod, r, v));
  }

  private refreshVolumes(key: string): void {
    const r = this.pods.get(key);
    const pod = r && this.pod(r);
    if (!r || !pod) return;
    for (const v of ((pod.spec as C).volumes ?? []) as C[]) {
      const vol = r.volumes.get(v.name);
      if (vol instanceof AtomicVolume) vol.project(this.volumeFiles(pod, v), this.sim.clock.now());
    }
  }

  // ------------------------------------------------------------ containers

  private beginContainer(r: PRT, name: string): void {
    const c = r.containers.get(name)!;
    const pod = this.pod(r);
    if (!pod || r.terminating) return;
    const image = String(c.spec.image ?? '');
    if (!validImageName(image)) {
      c.state = 'waiting';
      c.reason = 'InvalidImageName';
      c.message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      this.event(r, 'Warning', 'InspectFailed', c.message, name);
      this.event(r, 'Warning', 'Failed', 'Error: InvalidImageName', name);
      this.writeStatus(r);
      return;
    }
    const present = this.images.get(r.node)?.has(c.info.ref) ?? false;
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
    if (policy === 'Never' && !present) {
      c.reason = 'ErrImageNeverPull';
      c.message = `Container image "${image}" is not present with pull policy of Never`;
      this.event(r, 'Warning', 'ErrImageNeverPull', c.message, name);
      this.event(r, 'Warning', 'Failed', 'Error: ErrImageNeverPull', name);
      this.writeStatus(r);
      return;
    }
    if ((policy === 'IfNotPresent' && present) || policy === 'Never') {
      this.event(r, 'Normal', 'Pulled', presentMessage(image), name);
      this.after(c, 30, true, () => this.createContainer(r, c));
      return;
    }
    this.event(r, 'Normal', 'Pulling', pullingMessage(image), name);
    if (!c.info.exists) {
      this.after(c, 1200, c.pullBackoff === 0, () => this.pullFailed(r, c));
      return;
    }
    const ms = present ? 400 + this.sim.rand.int(900) : c.info.pullMs + this.sim.rand.int(600);
    this.after(c, ms, true, () => {
      (this.images.get(r.node) ?? this.images.set(r.node, new Set()).get(r.node)!).add(c.info.ref);
      const d = goDuration(ms);
      this.event(r, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${c.info.sizeBytes} bytes.`, name);
      this.createContainer(r, c);
    });
  }

  private pullFailed(r: PRT, c: CRT): void {
    if (r.terminating || !this.pod(r)) return;
    const image = String(c.spec.image);
    // containerd: a repository without the tag answers "not found"; a repository that does not exist denies access
    const msg = c.info.missingTag
      ? `failed to pull and unpack image "${c.info.ref}": failed to resolve reference "${c.info.ref}": ${c.info.ref}: not found`
      : `failed to pull and unpack image "${c.info.ref}": failed to resolve reference "${c.info.ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    c.state = 'waiting';
    c.reason = 'ErrImagePull';
    c.message = msg;
    this.event(r, 'Warning', 'Failed', `Failed to pull image "${image}": ${msg}`, c.name);
    this.event(r, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
    this.writeStatus(r);
    c.pullBackoff = c.pullBackoff ? Math.min(MAX_BACKOFF_MS, c.pullBackoff * 2) : 10_000;
    this.after(c, 1000, false, () => {
      c.reason = 'ImagePullBackOff';
      c.message = `Back-off pulling image "${image}": ErrImagePull: ${msg}`;
      this.event(r, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.name);
      this.event(r, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
      this.writeStatus(r);
    });
    this.after(c, c.pullBackoff, false, () => this.beginContainer(r, c.name));
  }

  /** Re-check containers stuck on configuration errors (a ConfigMap/Secret appeared). */
  private retryWaiting(pod: StoredObject, r: PRT): void {
    const spec = pod.spec as C;
    for (const c of r.containers.values()) {
      const now = containerNamed(spec.initContainers, c.name) ?? containerNamed(spec.containers, c.name);
      if (now && now.image !== c.spec.image && !c.init) {
        // the container's definition changed (only the image may change in a pod): kill and start again
        const wasRunning = c.state === 'running';
        c.spec = now;
        c.info = resolveImage(String(now.image ?? ''));
        this.clearTimers(c);
        if (wasRunning) {
          this.event(r, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, c.name);
          const p = c.proc;
          this.after(c, p && !p.ignoresSigterm ? p.stopMs : 2000, true, () => {
            this.exited(r, c, p && !p.ignoresSigterm ? p.stopExitCode : 137);
          });
          c.specChanged = true;
        } else this.beginContainer(r, c.name);
        continue;
      }
      if (c.state === 'waiting' && c.reason === 'CreateContainerConfigError' && !c.timers.length) this.createContainer(r, c);
    }
  }

  private createContainer(r: PRT, c: CRT): void {
    const pod = this.pod(r);
    if (!pod || r.terminating) return;
    const env = this.containerEnv(pod, r, c);
    if ('error' in env) {
      c.state = 'waiting';
      c.reason = 'CreateContainerConfigError';
      c.message = env.error;
      this.event(r, 'Warning', 'Failed', `Error: ${env.error}`, c.name);
      this.writeStatus(r);
      // the pod worker syncs the pod again after its back-off (~10 s): image check, then config again
      this.after(c, 10_000, false, () => {
        if (c.state === 'waiting' && c.reason === 'CreateContainerConfigError') this.beginContainer(r, c.name);
      });
      return;
    }
    c.env = env.env;
    this.after(c, CREATE_MS, true, () => {
      if (r.terminating) return;
      c.containerID = `containerd://${this.sim.rand.hex(64)}`;
      this.event(r, 'Normal', 'Created', 'Container created', c.name);
      this.after(c, START_MS, true, () => this.startContainer(r, c));
    });
  }

  /** The root filesystem of a started container (made on first use: see startContainer). */
  private fsOf(c: CRT): MemFS | undefined {
    if (!c.fs && c.makeFS) {
      c.fs = c.makeFS();
      c.makeFS = undefined;
    }
    return c.fs;
  }

  /**
   * Whether a container's root filesystem copies something at start (a subPath's file, a hostPath file): then
   * it is made at once; else what it holds depends only on what start-up had (image, spec, pod IP, hostname)
   * and on volumes it mounts by reference, so it may be made when first used, holding the same.
   */
  private fsCopiesAtStart(r: PRT, c: CRT): boolean {
    for (const m of (c.spec.volumeMounts ?? []) as C[]) {
      const v = r.volumes.get(m.name);
      if (v && (m.subPath || (this.anyFileVolume && this.fileVolumes.has(v)))) return true;
    }
    return false;
  }

  private containerFS(ns: string, spec: C, r: PRT, ip: string | undefined, c: CRT, cspec: C, info: ImageInfo): MemFS {
    const resolv = clusterFirstResolvConf(ns);
    const fqdn = spec.subdomain ? `${r.hostname}.${spec.subdomain}.${ns}.svc.cluster.local` : '';
    const hosts = [
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      '::1\tlocalhost ip6-localhost ip6-loopback',
      'fe00::0\tip6-localnet',
      'fe00::0\tip6-mcastprefix',
      'fe00::1\tip6-allnodes',
      'fe00::2\tip6-allrouters',
      spec.hostNetwork ? '' : fqdn ? `${ip}\t${fqdn}\t${r.hostname}` : `${ip}\t${r.hostname}`,
      ...((spec.hostAliases ?? []) as C[]).map((h) => `\n# Entries added by HostAliases.\n${h.ip}\t${(h.hostnames ?? []).join('\t')}`),
    ].filter(Boolean);
    const fs = new MemFS(
      {
        ...info.files,
        '/etc/hostname': r.hostname + '\n',
        '/etc/hosts': hosts.join('\n') + '\n',
        '/etc/resolv.conf': spec.dnsPolicy === 'Default' || spec.hostNetwork ? 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n' : `search ${resolv.search.join(' ')}\nnameserver ${resolv.nameservers.join('\nnameserver ')}\noptions ndots:5\n`,
        [cspec.terminationMessagePath ?? '/dev/termination-log']: '',
      },
      ['/tmp', '/root', '/home', '/var', '/usr/bin', '/bin', '/proc', info.workdir],
    );
    for (const m of (cspec.volumeMounts ?? []) as C[]) {
      const v = r.volumes.get(m.name);
      if (!v) continue;
      const file = this.fileVolumes.get(v);
      if (file) {
        // a hostPath file: bind-mounted as the file itself
        const d = this.nodeFSOf(file.node).read(file.path);
        fs.mkdir(m.mountPath.replace(/\/[^/]*$/, '') || '/', { parents: true });
        fs.write(m.mountPath, 'error' in d ? '' : d.data);
        continue;
      }
      const readOnly = !!m.readOnly || (spec.volumes ?? []).some((x: C) => x.name === m.name && (x.configMap || x.secret || x.projected || x.downwardAPI));
      if (m.subPath) {
        const sub = v.read('/' + m.subPath);
        if (!('error' in sub)) fs.write(m.mountPath, sub.data);
        continue;
      }
      fs.mount(m.mountPath, v, { readOnly });
    }
    return fs;
  }

  private startContainer(r: PRT, c: CRT): void {
    const pod = this.pod(r);
    if (!pod || r.terminating) return;
    const node = this.sim.store.get('Node', '', r.node);
    const nodeCpus = Number((node?.status as C)?.capacity?.cpu ?? 2);
    // the root filesystem is made when first used (exec, cp, a server reading its files, a script writing
    // one), most containers never are; it is made now when it copies something that may change later
    const ns = pod.metadata.namespace!;
    const podSpec = pod.spec as C;
    const ip = r.ip;
    const cspec = c.spec;
    const info = c.info;
    c.fs = undefined;
    c.makeFS = () => this.containerFS(ns, podSpec, r, ip, c, cspec, info);
    if (this.fsCopiesAtStart(r, c)) this.fsOf(c);
    const argv = [...((c.spec.command as string[] | undefined) ?? c.info.entrypoint), ...((c.spec.args as string[] | undefined) ?? (c.spec.command ? [] : c.info.cmd))];
    const mem = bytesOf(c.spec.resources?.limits?.memory);
    const proc = startProcess({ info: c.info, argv, env: c.env, podName: pod.metadata.name, hostname: r.hostname, memoryLimitBytes: mem, fs: () => this.fsOf(c)!, nodeCpus, logTime: c.info.kind === 'nginx' ? nginxLogTime(this.sim.clock.now()) : '', stdinOpen: c.spec.stdin === true });
    const now = this.sim.clock.iso();
    if (proc.startError) {
      c.state = 'terminated';
      c.reason = 'StartError';
      c.message = proc.startError;
      c.exitCode = 128;
      c.startedAt = '1970-01-01T00:00:00Z';
      c.finishedAt = now;
      this.event(r, 'Warning', 'Failed', `Error: ${proc.startError}`, c.name);
      this.writeStatus(r);
      this.afterExit(r, c);
      return;
    }
    // containers of a pod share one network namespace: a port already bound fails the second bind
    const taken = r.containers.size > 1 ? [...r.containers.values()].filter((o) => o !== c && o.state === 'running' && o.proc).flatMap((o) => o.proc!.listeners.map((l) => `${l.protocol}/${l.port}`)) : NO_REFS;
    const clash = taken.length ? proc.listeners.find((l) => taken.includes(`${l.protocol}/${l.port}`)) : undefined;
    if (clash) {
      proc.logs = addressInUseLogs(c.info.kind, clash.port, this.sim.clock.now());
      proc.listeners = [];
      proc.exitAfterMs = c.info.kind === 'nginx' ? 2500 : 150;
      proc.exitCode = 1;
    }
    c.proc = proc;
    c.startMs = this.sim.clock.now();
    c.state = 'running';
    c.reason = undefined;
    c.message = undefined;
    c.startedAt = now;
    c.started = true;
    c.everStarted = true;
    c.logs = proc.logs; // the process was started for this container and its start-up lines are read only here
    c.binaries = binarySet(c.info.binaries);
    this.event(r, 'Normal', 'Started', 'Container started', c.name);
    const rp = c.spec.readinessProbe;
    const sidecar = isSidecar(c);
    // an ephemeral container is never ready (prober_manager.go UpdatePodStatus sets readiness and `started` for
    // containers and init containers only)
    if (c.ephemeral) c.ready = false;
    else if (!rp || (c.init && !sidecar)) c.ready = !c.init || sidecar;
    else {
      c.ready = false;
      this.after(c, (rp.initialDelaySeconds ?? 0) * 1000 + 50, true, () => this.probe(r, c, 'readiness'));
    }
    if (c.spec.livenessProbe && (!c.init || sidecar)) this.after(c, ((c.spec.livenessProbe.initialDelaySeconds ?? 0) + (c.spec.livenessProbe.periodSeconds ?? 10)) * 1000, false, () => this.probe(r, c, 'liveness'));
    this.writeStatus(r);
    // a sidecar lets the next init container start as soon as it has started (KEP-753)
    if (sidecar && r.init[r.initIndex] === c.name && c.restartCount === 0) this.nextInit(r);
    if (proc.shellRun) {
      const run = this.sim.services.containerExec as ((loc: C, argv: string[], env?: [string, string][]) => { code: number; output: string }) | undefined;
      const [ns, podName] = splitKey(r.key);
      const res = run?.({ kind: 'container', namespace: ns, pod: podName, container: c.name }, proc.shellArgv ?? argv, c.env) ?? { code: 0, output: '' };
      if (res.output) c.logs.push(...res.output.replace(/\n$/, '').split('\n'));
      proc.exitCode = res.code;
    }
    if (proc.exitAfterMs !== undefined) {
      this.after(c, proc.exitAfterMs, proc.exitAfterMs <= 10_000, () => this.exited(r, c, proc.exitCode ?? 0, proc.oomKilled ? 'OOMKilled' : undefined));
    }
  }

  private probeOk(r: PRT, c: CRT, p: C): { ok: boolean; msg: string } {
    if (p.httpGet) {
      const port = typeof p.httpGet.port === 'number' ? p.httpGet.port : Number(((c.spec.ports ?? []) as C[]).find((x) => x.name === p.httpGet.port)?.containerPort);
      const l = this.listener(...splitKey(r.key), port);
      if (!l) return { ok: false, msg: `Get "http://${r.ip}:${port}${p.httpGet.path ?? '/'}": dial tcp ${r.ip}:${port}: connect: connection refused` };
      const res = l.http?.({ method: 'GET', path: p.httpGet.path ?? '/', host: `${r.ip}:${port}`, headers: { 'User-Agent': 'kube-probe/1.35' }, clientIP: '10.244.0.1' });
      if (!res) return { ok: true, msg: '' };
      if (res.status >= 200 && res.status < 400) return { ok: true, msg: '' };
      return { ok: false, msg: `HTTP probe failed with statuscode: ${res.status}` };
    }
    if (p.tcpSocket) {
      const port = Number(p.tcpSocket.port);
      return this.listener(...splitKey(r.key), port) ? { ok: true, msg: '' } : { ok: false, msg: `dial tcp ${r.ip}:${port}: connect: connection refused` };
    }
    if (p.exec) {
      const run = this.sim.services.containerExec as ((loc: C, argv: string[]) => { code: number; output: string }) | undefined;
      const [ns, pod] = splitKey(r.key);
      const res = run?.({ kind: 'container', namespace: ns, pod, container: c.name }, p.exec.command ?? []) ?? { code: 0, output: '' };
      return res.code === 0 ? { ok: true, msg: '' } : { ok: false, msg: res.output.trim() };
    }
    return { ok: true, msg: '' };
  }

  private probe(r: PRT, c: CRT, kind: 'readiness' | 'liveness'): void {
    if (c.state !== 'running' || r.terminating || !this.pod(r)) return;
    const p = kind === 'readiness' ? c.spec.readinessProbe : c.spec.livenessProbe;
    const res = this.probeOk(r, c, p);
    if (kind === 'readiness') {
      if (res.ok !== c.ready) {
        if (!res.ok) this.event(r, 'Warning', 'Unhealthy', `Readiness probe failed: ${res.msg}`, c.name);
        c.ready = res.ok;
        this.writeStatus(r);
      } else if (!res.ok) this.event(r, 'Warning', 'Unhealthy', `Readiness probe failed: ${res.msg}`, c.name);
    } else if (!res.ok) {
      c.probeFailures++;
      this.event(r, 'Warning', 'Unhealthy', `Liveness probe failed: ${res.msg}`, c.name);
      if (c.probeFailures >= (p.failureThreshold ?? 3)) {
        c.probeFailures = 0;
        this.event(r, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`, c.name);
        this.clearTimers(c);
        this.exited(r, c, 137, 'Error');
        return;
      }
    } else c.probeFailures = 0;
    this.after(c, (p.periodSeconds ?? 10) * 1000, false, () => this.probe(r, c, kind));
  }

  private exited(r: PRT, c: CRT, code: number, reason?: string): void {
    if (!this.pod(r) || c.state !== 'running') return;
    this.clearTimers(c);
    c.logs.push(...(c.proc?.exitLogs ?? []));
    c.state = 'terminated';
    c.exitCode = code;
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    c.finishedAt = this.sim.clock.iso();
    c.ready = false;
    c.started = false;
    this.writeStatus(r);
    if (!r.terminating) this.afterExit(r, c);
  }

  /** The next init container, or the app containers once every init container is done. */
  private nextInit(r: PRT): void {
    r.initIndex++;
    if (r.initIndex < r.init.length) this.beginContainer(r, r.init[r.initIndex]);
    else {
      for (const n of r.main) {
        const m = r.containers.get(n)!;
        m.reason = 'PodInitializing';
      }
      this.writeStatus(r);
      for (const n of r.main) this.beginContainer(r, n);
    }
  }

  /** Restart policy: restart (with back-off), move on to the next init container, or stay terminated. */
  private afterExit(r: PRT, c: CRT): void {
    const pod = this.pod(r);
    if (!pod) return;
    const policy = (pod.spec as C).restartPolicy ?? 'Always';
    const failed = (c.exitCode ?? 0) !== 0;
    const sidecar = isSidecar(c);
    if (c.init && !failed && !sidecar) {
      this.nextInit(r);
      return;
    }
    // the kubelet never restarts ephemeral containers (validation treats them as restartPolicy: Never)
    if (c.ephemeral) {
      this.writeStatus(r);
      return;
    }
    // sidecars (init containers with restartPolicy: Always) restart whatever the pod's policy
    const restart = c.specChanged || sidecar || policy === 'Always' || (policy === 'OnFailure' && failed) || (c.init && failed && policy !== 'Never');
    if (c.specChanged) {
      c.specChanged = false;
      c.restartCount = Math.max(c.restartCount, 0);
      const prevTerm = { containerID: c.containerID, exitCode: c.exitCode, finishedAt: c.finishedAt, reason: c.reason, startedAt: c.startedAt };
      c.prevLogs = { lines: c.logs, proc: c.proc, startMs: c.startMs, endMs: this.sim.clock.now() };
      c.lastState = { terminated: prevTerm };
      c.restartCount++;
      c.logs = [];
      this.beginContainer(r, c.name);
      return;
    }
    if (!restart) {
      this.writeStatus(r);
      return;
    }
    const n = c.restartCount;
    const delay = n === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 10_000 * 2 ** (n - 1));
    const prevTerm = { containerID: c.containerID, exitCode: c.exitCode, finishedAt: c.finishedAt, reason: c.reason, startedAt: c.startedAt, ...(c.message && c.reason === 'StartError' ? { message: c.message } : {}) };
    const restartNow = () => {
      if (r.terminating || !this.pod(r)) return;
      c.prevLogs = { lines: c.logs, proc: c.proc, startMs: c.startMs, endMs: this.sim.clock.now() };
      c.lastState = { terminated: prevTerm };
      c.restartCount++;
      c.logs = [];
      this.beginContainer(r, c.name);
    };
    if (delay === 0) {
      this.after(c, 300, true, restartNow);
      return;
    }
    this.after(c, 200, false, () => {
      if (r.terminating) return;
      c.lastState = { terminated: prevTerm };
      c.state = 'waiting';
      c.reason = 'CrashLoopBackOff';
      c.message = `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      this.event(r, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, c.name);
      this.writeStatus(r);
    });
    this.after(c, delay, false, restartNow);
  }

  // ------------------------------------------------------------ termination

  private terminate(pod: StoredObject, r: PRT): void {
    r.terminating = true;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    let longest = 0;
    for (const c of r.containers.values()) {
      this.clearTimers(c);
      if (c.state !== 'running') continue;
      this.event(r, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
      const p = c.proc;
      const ms = p && !p.ignoresSigterm ? Math.min(grace, p.stopMs) : grace;
      longest = Math.max(longest, ms);
      const code = p && !p.ignoresSigterm ? p.stopExitCode : 137;
      this.after(c, ms, true, () => {
        c.state = 'running';
        this.exited(r, c, code, code === 0 ? 'Completed' : 'Error');
      });
    }
    for (const t of r.timers) this.sim.clock.clearTimeout(t);
    r.timers = [];
    this.after(r, longest + 50, true, () => {
      const cur = this.pod(r);
      if (!cur) return;
      try {
        this.sim.api.delete('Pod', cur.metadata.namespace!, cur.metadata.name, { gracePeriodSeconds: 0, uid: r.uid });
      } catch {
        /* already gone */
      }
    });
  }

  private cleanup(r: PRT): void {
    this.tokens.delete(r.uid);
    for (const c of r.containers.values()) this.clearTimers(c);
    for (const t of r.timers) this.sim.clock.clearTimeout(t);
    if (r.ip) this.usedIPs.get(r.node)?.delete(r.ip);
    this.pods.delete(r.key);
  }

  // ------------------------------------------------------------ env

  private containerEnv(pod: StoredObject, r: PRT, c: CRT): { env: [string, string][] } | { error: string } {
    const ns = pod.metadata.namespace!;
    const spec = pod.spec as C;
    if (isEmptyList(c.spec.envFrom) && isEmptyList(c.spec.env)) return { env: this.plainEnv(c.info.env, r.hostname, spec.enableServiceLinks !== false ? this.serviceEnv(ns) : this.serviceEnv('default', true)) };
    const env = new Map<string, string>();
    const out: [string, string][] = [];
    // `pair`: an equal [k, v] the image or the service list already has (pairs are never changed in place)
    const set = (k: string, v: string, pair?: [string, string]) => {
      const kv: [string, string] = pair ?? [k, v];
      if (env.has(k)) {
        const i = out.findIndex(([x]) => x === k);
        out[i] = kv;
      } else out.push(kv);
      env.set(k, v);
    };
    const path = c.info.env.find(([k]) => k === 'PATH');
    if (path) set(path[0], path[1], pairOf(path));
    set('HOSTNAME', r.hostname);
    for (const e of c.info.env) set(e[0], e[1], pairOf(e));
    const declared: [string, string][] = [];
    for (const ef of (c.spec.envFrom ?? []) as C[]) {
      const prefix = ef.prefix ?? '';
      if (ef.configMapRef) {
        const cm = this.sim.store.get('ConfigMap', ns, ef.configMapRef.name);
        if (!cm) {
          if (ef.configMapRef.optional) continue;
          return { error: `configmap "${ef.configMapRef.name}" not found` };
        }
        const bad: string[] = [];
        for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
          if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(prefix + k)) bad.push(prefix + k);
          else declared.push([prefix + k, v]);
        }
        if (bad.length) this.event(r, 'Warning', 'InvalidEnvironmentVariableNames', `Keys [${bad.sort().join(', ')}] from the EnvFrom configMap ${ns}/${ef.configMapRef.name} were skipped since they are considered invalid environment variable names.`);
      }
      if (ef.secretRef) {
        const s = this.sim.store.get('Secret', ns, ef.secretRef.name);
        if (!s) {
          if (ef.secretRef.optional) continue;
          return { error: `secret "${ef.secretRef.name}" not found` };
        }
        for (const [k, v] of Object.entries((s.data ?? {}) as Record<string, string>)) {
          const d = decodeBase64(v);
          declared.push([prefix + k, 'text' in d ? d.text : '']);
        }
      }
    }
    const local = new Map<string, string>(declared);
    const expand = (s: string) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n) => (local.has(n) ? local.get(n)! : m)).replace(/\$\$/g, '$');
    for (const e of (c.spec.env ?? []) as C[]) {
      let v: string | undefined;
      if (e.valueFrom) {
        const vf = e.valueFrom;
        if (vf.configMapKeyRef) {
          const cm = this.sim.store.get('ConfigMap', ns, vf.configMapKeyRef.name);
          if (!cm) {
            if (vf.configMapKeyRef.optional) continue;
            return { error: `configmap "${vf.configMapKeyRef.name}" not found` };
          }
          v = (cm.data as Record<string, string> | undefined)?.[vf.configMapKeyRef.key];
          if (v === undefined) {
            if (vf.configMapKeyRef.optional) continue;
            return { error: `couldn't find key ${vf.configMapKeyRef.key} in ConfigMap ${ns}/${vf.configMapKeyRef.name}` };
          }
        } else if (vf.secretKeyRef) {
          const s = this.sim.store.get('Secret', ns, vf.secretKeyRef.name);
          if (!s) {
            if (vf.secretKeyRef.optional) continue;
            return { error: `secret "${vf.secretKeyRef.name}" not found` };
          }
          const raw = (s.data as Record<string, string> | undefined)?.[vf.secretKeyRef.key];
          if (raw === undefined) {
            if (vf.secretKeyRef.optional) continue;
            return { error: `couldn't find key ${vf.secretKeyRef.key} in Secret ${ns}/${vf.secretKeyRef.name}` };
          }
          const d = decodeBase64(raw);
          v = 'text' in d ? d.text : '';
        } else if (vf.fieldRef) {
          const fp: string = vf.fieldRef.fieldPath;
          const lm = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fp);
          if (lm) v = ((pod.metadata as C)[lm[1]] ?? {})[lm[2]] ?? '';
          else {
            v = (
              {
                'metadata.name': pod.metadata.name,
                'metadata.namespace': ns,
                'metadata.uid': pod.metadata.uid,
                'spec.nodeName': spec.nodeName,
                'spec.serviceAccountName': spec.serviceAccountName ?? '',
                'status.podIP': r.ip ?? '',
                'status.podIPs': r.ip ?? '',
                'status.hostIP': this.nodeIP(r.node) ?? '',
                'status.hostIPs': this.nodeIP(r.node) ?? '',
              } as Record<string, string>
            )[fp] ?? '';
          }
        } else if (vf.resourceFieldRef) {
          v = this.resourceValue(r, c, vf.resourceFieldRef);
        }
      } else v = expand(String(e.value ?? ''));
      if (v === undefined) continue;
      local.set(e.name, v);
      declared.push([e.name, v]);
    }
    for (const [k, v] of declared) set(k, v);
    if (spec.enableServiceLinks !== false) {
      for (const e of this.serviceEnv(ns)) if (!env.has(e[0])) set(e[0], e[1], e);
    } else for (const e of this.serviceEnv('default', true)) if (!env.has(e[0])) set(e[0], e[1], e);
    if (!env.has('HOME')) set('HOME', '/root');
    return { env: out };
  }

  /**
   * containerEnv of a container that declares no env or envFrom: what the image and the services give, with the
   * pod's HOSTNAME. The pairs are the same for every such container of an image in a namespace (the image's
   * pairs, then the services' not already set, then HOME): they are worked out once (with a stand-in for
   * HOSTNAME) and copied, with the pod's own HOSTNAME pair put in its place.
   */
  private plainEnv(imageEnv: [string, string][], hostname: string, services: [string, string][]): [string, string][] {
    let byImage = this.plainEnvs.get(services);
    if (!byImage) this.plainEnvs.set(services, (byImage = new WeakMap()));
    let t = byImage.get(imageEnv);
    if (!t) {
      // the general containerEnv with nothing declared
      const keys = new Set<string>();
      const out: [string, string][] = [];
      const set = (kv: [string, string]) => {
        if (keys.has(kv[0])) out[out.findIndex(([x]) => x === kv[0])] = kv;
        else {
          out.push(kv);
          keys.add(kv[0]);
        }
      };
      const path = imageEnv.find(([k]) => k === 'PATH');
      if (path) set(pairOf(path) ?? [path[0], path[1]]);
      set(HOSTNAME_SLOT);
      for (const e of imageEnv) set(pairOf(e) ?? [e[0], e[1]]);
      for (const e of services) if (!keys.has(e[0])) set(e);
      if (!keys.has('HOME')) set(['HOME', '/root']);
      byImage.set(imageEnv, (t = { pairs: out, slot: out.indexOf(HOSTNAME_SLOT) }));
    }
    const env = t.pairs.slice();
    if (t.slot !== -1) env[t.slot] = ['HOSTNAME', hostname];
    return env;
  }

  /** plainEnv's pairs per service list and image env (both lists are made once and never changed). */
  private plainEnvs = new WeakMap<[string, string][], WeakMap<[string, string][], { pairs: [string, string][]; slot: number }>>();

  private nodeIP(node: string): string | undefined {
    const n = this.sim.store.get('Node', '', node);
    // a loop, not find with a closure: this runs for every status write
    const addrs = (n?.status as C | undefined)?.addresses as C[] | undefined;
    if (addrs) for (let i = 0; i < addrs.length; i++) if (addrs[i].type === 'InternalIP') return addrs[i].address;
    return undefined;
  }

  private resourceValue(r: PRT, c: CRT, ref: C): string {
    const target = ref.containerName ? r.containers.get(ref.containerName) ?? c : c;
    const [kind, res] = String(ref.resource).split('.');
    const node = this.sim.store.get('Node', '', r.node);
    const alloc = ((node?.status as C)?.allocatable ?? {}) as Record<string, string>;
    const q = (target.spec.resources?.[kind] ?? {})[res] ?? (kind === 'limits' ? alloc[res] : res === 'cpu' ? '0' : '0');
    try {
      const n = parseQuantity(q).nanos;
      const div = parseQuantity(ref.divisor ?? (res === 'cpu' ? '1' : '1')).nanos;
      const v = (n + div - 1n) / div;
      return String(res === 'cpu' && v === 0n && kind === 'requests' ? 0n : v < 1n && res === 'cpu' ? 1n : v);
    } catch {
      return '0';
    }
  }

  /** Docker-link style variables of the namespace's services (kubelet getServiceEnvVarMap). */
  private serviceEnv(ns: string, masterOnly = false): [string, string][] {
    // the variables depend only on the Service objects: reuse them while no Service was written (a watch counts
    // the writes) — the same list object, which plainEnv's cache goes by
    const cacheKey = masterOnly ? '\u0000master' : ns;
    const cached = this.serviceEnvCache.get(cacheKey);
    if (cached && cached.writes === this.serviceWrites) return cached.out;
    const listed = masterOnly ? [] : this.sim.store.list('Service', ns);
    const master = this.sim.store.get('Service', 'default', 'kubernetes');
    if (cached && cached.master === master && cached.listed.length === listed.length && cached.listed.every((x, i) => x === listed[i])) {
      cached.writes = this.serviceWrites;
      return cached.out;
    }
    const out: [string, string][] = [];
    const svcs = [...listed];
    if (master && !svcs.some((s) => s.metadata.uid === master.metadata.uid)) svcs.push(master);
    svcs.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const s of svcs) {
      const spec = s.spec as C;
      if (!spec?.clusterIP || spec.clusterIP === 'None' || spec.type === 'ExternalName') continue;
      const ports = (spec.ports ?? []) as C[];
      if (!ports.length) continue;
      const n = envName(s.metadata.name);
      const ip = spec.clusterIP;
      out.push([`${n}_SERVICE_HOST`, ip], [`${n}_SERVICE_PORT`, String(ports[0].port)]);
      for (const p of ports) if (p.name) out.push([`${n}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
      const proto = (p: C) => String(p.protocol ?? 'TCP').toLowerCase();
      out.push([`${n}_PORT`, `${proto(ports[0])}://${ip}:${ports[0].port}`]);
      for (const p of ports) {
        const pre = `${n}_PORT_${p.port}_${String(p.protocol ?? 'TCP').toUpperCase()}`;
        out.push([pre, `${proto(p)}://${ip}:${p.port}`], [`${pre}_PROTO`, proto(p)], [`${pre}_PORT`, String(p.port)], [`${pre}_ADDR`, ip]);
      }
    }
    this.serviceEnvCache.set(cacheKey, { listed, master, out, writes: this.serviceWrites });
    return out;
  }

  /** serviceEnv's last answer per namespace (callers copy the pairs, never change them), and the Service writes it saw. */
  private serviceEnvCache = new Map<string, { listed: StoredObject[]; master: StoredObject | undefined; out: [string, string][]; writes: number }>();
  /** Service writes seen by the kubelet's watch (a restore, which has no events, counts as one). */
  private serviceWrites = 0;

  // ------------------------------------------------------------ status

  private writeStatus(r: PRT): void {
    const pod = this.pod(r);
    if (!pod) return;
    const spec = pod.spec as C;
    const now = this.sim.clock.iso();
    const policy = spec.restartPolicy ?? 'Always';
    // one pass over the init containers and one over the others (this runs for every status write)
    const unready: string[] = [];
    const incompleteInit: string[] = [];
    let initFailed = false;
    for (const n of r.init) {
      const c = r.containers.get(n)!;
      if (!initOk(c)) incompleteInit.push(c.name);
      const sidecar = isSidecar(c);
      if (!sidecar && c.state === 'terminated' && c.exitCode !== 0) initFailed = true;
      if (sidecar && !c.ready) unready.push(c.name);
    }
    let running = 0;
    let terminated = 0;
    let failedMain = false;
    let waitingRestarted = 0;
    for (const n of r.main) {
      const c = r.containers.get(n)!;
      if (c.state === 'running') running++;
      else if (c.state === 'terminated') {
        terminated++;
        if (c.exitCode !== 0) failedMain = true;
      } else if (c.state === 'waiting' && c.everStarted) waitingRestarted++;
      if (!c.ready) unready.push(c.name);
    }
    let phase = 'Pending';
    if (initFailed && policy === 'Never') phase = 'Failed';
    else if (!incompleteInit.length) {
      if (running || waitingRestarted) phase = 'Running';
      else if (terminated === r.main.length && r.main.length) {
        if (policy === 'Always') phase = 'Running';
        else if (policy === 'OnFailure') phase = failedMain ? 'Running' : 'Succeeded';
        else phase = failedMain ? 'Failed' : 'Succeeded';
      } else if (terminated) phase = 'Running';
    }
    const done = phase === 'Succeeded' || phase === 'Failed';
    // one pass over the stored conditions (no closures): PodScheduled (whose transition time the kubelet's own
    // keeps, below) and the conditions other components own (DisruptionTarget, readiness gates), kept after the kubelet's own
    // (status_manager mergePodStatus)
    const stored = (pod.status as C | undefined)?.conditions as C[] | undefined;
    let scheduled: C | undefined;
    let others: C[] | undefined;
    if (stored) {
      for (let i = 0; i < stored.length; i++) {
        const x = stored[i];
        if (x.type === 'PodScheduled') scheduled ??= x;
        if (!KUBELET_OWNED.has(x.type)) (others ??= []).push(x);
      }
    }
    const unreadyMessage = unready.length && !done ? `containers with unready status: [${unready.join(' ')}]` : undefined;
    const unreadyReason = done ? 'PodCompleted' : 'ContainersNotReady';
    // every status the kubelet writes carries the pod's generation (status_manager.go SetPodStatus:
    // CalculatePodStatusObservedGeneration), and so do its conditions
    const gen = pod.metadata.generation;
    // PodScheduled is among the kubelet's own conditions (generateAPIPodStatus appends it, True); the status
    // manager keeps the stored condition's lastTransitionTime while its status is the same (updateLastTransitionTime)
    const scheduledAt = scheduled?.status === 'True' ? scheduled.lastTransitionTime : now;
    const conditions: C[] = [
      this.condition(r, now, COND_SANDBOX, 'PodReadyToStartContainers', r.sandboxReady && !(done && r.terminating) ? 'True' : 'False', gen),
      incompleteInit.length
        ? this.condition(r, now, COND_INITIALIZED, 'Initialized', 'False', gen, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`)
        : this.condition(r, now, COND_INITIALIZED, 'Initialized', 'True', gen, done && r.init.length ? 'PodCompleted' : undefined),
      unready.length ? this.condition(r, now, COND_READY, 'Ready', 'False', gen, unreadyReason, unreadyMessage) : this.condition(r, now, COND_READY, 'Ready', 'True', gen),
      unready.length
        ? this.condition(r, now, COND_CONTAINERS_READY, 'ContainersReady', 'False', gen, unreadyReason, unreadyMessage)
        : this.condition(r, now, COND_CONTAINERS_READY, 'ContainersReady', 'True', gen),
      this.condition(r, scheduledAt, COND_SCHEDULED, 'PodScheduled', 'True', gen),
    ];
    if (others) for (let i = 0; i < others.length; i++) conditions.push(others[i]);
    const hostIP = this.nodeIP(r.node);
    // the fields in the order the API server's encoding gives them; absent ones are left out (no `delete`)
    const containerStatuses = this.containerStatuses(r, r.main);
    const qos = (pod.status as C)?.qosClass;
    if (r.ip && r.podIPs?.ip !== r.ip) r.podIPs = { ip: r.ip, list: [{ ip: r.ip }] };
    // the usual fields as one literal (see condition): an assigned pod with no init or ephemeral containers
    let status: C | undefined;
    if (hostIP !== undefined && gen !== undefined && !r.init.length && !r.ephemeral.length && qos !== undefined && r.startTime !== undefined) {
      status = r.ip
        ? { conditions, containerStatuses, hostIP, hostIPs: this.ipList(hostIP), observedGeneration: gen, phase, podIP: r.ip, podIPs: r.podIPs!.list, qosClass: qos, startTime: r.startTime }
        : { conditions, containerStatuses, hostIP, hostIPs: this.ipList(hostIP), observedGeneration: gen, phase, qosClass: qos, startTime: r.startTime };
    } else status = this.statusByField(r, conditions, containerStatuses, hostIP, gen, phase, qos);
    const next = { ...pod, status } as KObject;
    try {
      // the status is built for this write and shares only immutable parts (stored conditions, lastState records
      // that are replaced, never changed): the API server need not copy it
      this.sim.api.updateStatus(next, { fresh: true });
    } catch {
      /* the pod went away */
    }
  }

  /** writeStatus' status, field by field (absent ones left out), in the order the API server's encoding gives them. */
  private statusByField(r: PRT, conditions: C[], containerStatuses: C[], hostIP: string | undefined, gen: number | undefined, phase: string, qos: unknown): C {
    const status: C = { conditions, containerStatuses };
    if (hostIP !== undefined) {
      status.hostIP = hostIP;
      status.hostIPs = this.ipList(hostIP);
    }
    if (r.init.length) status.initContainerStatuses = this.containerStatuses(r, r.init);
    if (r.ephemeral.length) status.ephemeralContainerStatuses = this.containerStatuses(r, r.ephemeral);
    if (gen !== undefined) status.observedGeneration = gen;
    status.phase = phase;
    if (r.ip) {
      status.podIP = r.ip;
      status.podIPs = r.podIPs!.list;
    }
    if (qos !== undefined) status.qosClass = qos;
    if (r.startTime !== undefined) status.startTime = r.startTime;
    return status;
  }

  private containerStatuses(r: PRT, names: string[]): C[] {
    const out = new Array<C>(names.length);
    for (let i = 0; i < names.length; i++) out[i] = this.containerStatus(r.containers.get(names[i])!);
    return out;
  }

  /** `[{ ip }]` per node IP, made once (hostIPs of every pod on the node; stored objects are never changed). */
  private ipLists = new Map<string, C[]>();
  private ipList(ip: string): C[] {
    let l = this.ipLists.get(ip);
    if (!l) this.ipLists.set(ip, (l = [{ ip }]));
    return l;
  }

  /**
   * A pod condition with the kubelet's own record of when it last changed. The condition written last is
   * reused while its status, reason, message and generation stay (stored objects are never changed, so versions
   * share it). `gen` is its observedGeneration: the pod's metadata.generation (PodObservedGenerationTracking, on
   * by default since v1.34: pkg/api/v1/pod/util.go CalculatePodConditionObservedGeneration, which every condition
   * of kubelet_pods.go generateAPIPodStatus and status/generate.go takes); a pod without one writes none.
   */
  private condition(r: PRT, now: string, index: number, type: string, status: string, gen: number | undefined, reason?: string, message?: string): C {
    let rec = r.conditionTimes[index];
    if (!rec) r.conditionTimes[index] = rec = { status, at: now, obj: undefined, reason: undefined, message: undefined, gen: undefined };
    else if (rec.status !== status) {
      rec.status = status;
      rec.at = now;
      rec.obj = undefined;
    } else if (rec.obj && rec.reason === reason && rec.message === message && rec.gen === gen) return rec.obj;
    // one literal per combination of fields (an object grown field by field keeps its later fields out of line:
    // one more object per condition, and these are written for every pod)
    const at = rec.at;
    let obj: C;
    if (gen === undefined) {
      obj =
        message !== undefined
          ? reason !== undefined
            ? { lastProbeTime: null, lastTransitionTime: at, message, reason, status, type }
            : { lastProbeTime: null, lastTransitionTime: at, message, status, type }
          : reason !== undefined
            ? { lastProbeTime: null, lastTransitionTime: at, reason, status, type }
            : { lastProbeTime: null, lastTransitionTime: at, status, type };
    } else {
      obj =
        message !== undefined
          ? reason !== undefined
            ? { lastProbeTime: null, lastTransitionTime: at, message, observedGeneration: gen, reason, status, type }
            : { lastProbeTime: null, lastTransitionTime: at, message, observedGeneration: gen, status, type }
          : reason !== undefined
            ? { lastProbeTime: null, lastTransitionTime: at, observedGeneration: gen, reason, status, type }
            : { lastProbeTime: null, lastTransitionTime: at, observedGeneration: gen, status, type };
    }
    rec.obj = obj;
    rec.reason = reason;
    rec.message = message;
    rec.gen = gen;
    return obj;
  }

  /** The status' volumeMounts of a container, made again only when its spec changes. */
  private statusMounts(c: CRT): C[] {
    const m = c.mounts;
    if (m && m.spec === c.spec) return m.list;
    // a mount is readOnly in the status when its spec says so (recursiveReadOnly: Disabled, the default)
    const list = ((c.spec.volumeMounts ?? []) as C[]).map((m) => {
      const ro = !!m.readOnly;
      return ro ? { mountPath: m.mountPath, name: m.name, readOnly: true, recursiveReadOnly: 'Disabled' } : { mountPath: m.mountPath, name: m.name };
    });
    c.mounts = { spec: c.spec, list };
    return list;
  }

  private containerStatus(c: CRT): C {
    let state: C;
    if (c.state === 'running') {
      const rs = c.runningState;
      if (rs && rs.startedAt === c.startedAt) state = rs.obj;
      else c.runningState = { startedAt: c.startedAt, obj: (state = { running: { startedAt: c.startedAt } }) };
    } else if (c.state === 'terminated') {
      state = { terminated: { containerID: c.containerID, exitCode: c.exitCode, finishedAt: c.finishedAt, ...(c.message && c.reason === 'StartError' ? { message: c.message } : {}), reason: c.reason, startedAt: c.startedAt } };
      if (!c.containerID) delete state.terminated.containerID;
    } else state = { waiting: { ...(c.message ? { message: c.message } : {}), reason: c.reason } };
    const pulled = !!c.containerID;
    const mounts = this.statusMounts(c);
    const image = pulled ? c.info.ref : String(c.spec.image);
    const imageID = pulled ? c.info.imageID : '';
    const lastState = c.lastState ?? NO_LAST_STATE;
    // a container the runtime knows (it has an ID) reports its resources and allocated requests
    const resources = c.containerID ? this.statusResources(c) : undefined;
    const allocated = resources && ((c.spec.resources as C | undefined)?.requests as C | undefined);
    // the usual fields as one literal (see condition); the others field by field
    if (!c.ephemeral && mounts.length && !allocated) {
      const started = c.state === 'running' && c.started;
      return c.containerID
        ? { containerID: c.containerID, image, imageID, lastState, name: c.name, ready: c.ready, resources, restartCount: c.restartCount, started, state, volumeMounts: mounts }
        : { image, imageID, lastState, name: c.name, ready: c.ready, restartCount: c.restartCount, started, state, volumeMounts: mounts };
    }
    const out: C = {};
    if (allocated) out.allocatedResources = allocated;
    if (c.containerID) out.containerID = c.containerID;
    out.image = image;
    out.imageID = imageID;
    out.lastState = lastState;
    out.name = c.name;
    out.ready = c.ready;
    if (resources) out.resources = resources;
    out.restartCount = c.restartCount;
    // (no `started` for an ephemeral container: see startContainer)
    if (!c.ephemeral) out.started = c.state === 'running' && c.started;
    out.state = state;
    if (mounts.length) out.volumeMounts = mounts;
    return out;
  }

  /**
   * A container status' `resources` (InPlacePodVerticalScaling, GA in v1.35: kubelet_pods.go
   * convertToAPIContainerStatuses sets status.Resources = convertContainerStatusResources and
   * status.AllocatedResources = the allocated requests for every container the runtime reports). A container
   * that is not running reports its allocated resources as they are; a running one the runtime's values for CPU
   * and memory limits and CPU requests where it reports them (kuberuntime: CPU shares and quota, which give the
   * same milli-CPUs back, the memory limit in bytes as a BinarySI quantity: `100M` reads back `100000000`,
   * `128Mi` as `128Mi`). The runtime reports no memory request, so the allocated one stays.
   */
  private statusResources(c: CRT): C {
    const spec = (c.spec.resources as C | undefined) ?? NO_RESOURCES;
    if (c.state !== 'running') return spec;
    const mem = (spec.limits as C | undefined)?.memory as string | undefined;
    if (mem === undefined) return spec;
    const cached = c.runningResources;
    if (cached && cached.spec === spec) return cached.obj;
    const bytes = new Quantity(BigInt(parseQuantity(mem).value()) * 1_000_000_000n, 'BinarySI').toString();
    const obj = bytes === mem ? spec : { ...spec, limits: { ...(spec.limits as C), memory: bytes } };
    c.runningResources = { spec, obj };
    return obj;
  }

  // ------------------------------------------------------------ KubeletService

  container(namespace: string, pod: string, container?: string): ContainerView | { error: string } {
    const r = this.pods.get(`${namespace}/${pod}`);
    const obj = this.sim.store.get('Pod', namespace, pod);
    if (!r || !obj) return { error: `unable to upgrade connection: container not found ("${container ?? ''}")` };
    const name = container ?? r.main[0];
    const c = r.containers.get(name);
    if (!c || c.state !== 'running' || !(c.fs || c.makeFS)) return { error: `unable to upgrade connection: container not found ("${name}")` };
    const workingDir = (c.spec.workingDir as string | undefined) || c.info.workdir || '/';
    const argv = [...((c.spec.command as string[] | undefined) ?? c.info.entrypoint), ...((c.spec.args as string[] | undefined) ?? (c.spec.command ? [] : c.info.cmd))];
    return { namespace, pod, container: name, node: r.node, image: String(c.spec.image), env: c.env, hostname: r.hostname, workingDir, fs: this.fsOf(c)!, binaries: c.binaries, argv };
  }

  private renderLogs(lines: string[], proc: Process | undefined, startMs: number | undefined, endMs: number): string[] {
    const out = [...lines];
    const per = proc?.periodic;
    if (per && startMs !== undefined) {
      for (let t = startMs + per.firstAtMs; t <= endMs; t += per.everyMs) for (const l of per.lines) out.push(l === '$(date)' ? dateString(t) : l.replace('$(date)', dateString(t)));
    }
    return out.map((l) => l.replace('$(date)', dateString(startMs ?? endMs)));
  }

  logs(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean; tail?: number } = {}): { text: string } | { error: string } {
    const r = this.pods.get(`${namespace}/${pod}`);
    const name = container ?? r?.main[0] ?? '';
    const c = r?.containers.get(name);
    if (!r || !c) return { error: `container "${name}" in pod "${pod}" is waiting to start: ContainerCreating` };
    let lines: string[];
    if (opts.previous) {
      if (!c.prevLogs) return { error: `previous terminated container "${name}" in pod "${pod}" not found` };
      lines = this.renderLogs(c.prevLogs.lines, c.prevLogs.proc, c.prevLogs.startMs, c.prevLogs.endMs ?? this.sim.clock.now());
    } else {
      if (c.state === 'waiting' && !c.everStarted) return { error: `container "${name}" in pod "${pod}" is waiting to start: ${c.reason ?? 'ContainerCreating'}` };
      if (c.state === 'waiting' && c.prevLogs) lines = this.renderLogs(c.prevLogs.lines, c.prevLogs.proc, c.prevLogs.startMs, c.prevLogs.endMs ?? this.sim.clock.now());
      else lines = this.renderLogs(c.logs, c.proc, c.startMs, c.state === 'running' ? this.sim.clock.now() : this.sim.clock.now());
    }
    if (opts.tail !== undefined && opts.tail >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tail));
    return { text: lines.map((l) => l + '\n').join('') };
  }

  nodeFS(node: string): FileSystem | undefined {
    if (!this.sim.store.get('Node', '', node)) return undefined;
    return this.nodeFSOf(node);
  }

  listener(namespace: string, pod: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): Listener | undefined {
    const r = this.pods.get(`${namespace}/${pod}`);
    if (!r || r.terminating) return undefined;
    for (const c of r.containers.values()) {
      if (c.state !== 'running' || !c.proc) continue;
      const l = c.proc.listeners.find((x) => x.port === port && x.protocol === protocol);
      if (!l) continue;
      const fs = this.fsOf(c)!;
      return {
        container: c.name,
        protocol,
        http: l.http
          ? (req: HttpRequest) =>
              l.http!(req, {
                fs,
                log: (line) => c.logs.push(line.replace('$(nginxtime)', accessLogTime(this.sim.clock.now()))),
              })
          : undefined,
      };
    }
    return undefined;
  }

  /** Re-create runtime state after a snapshot restore: running pods keep running. */
  restore(): void {
    this.serviceWrites++;
    this.usedIPs.clear();
    this.ipsIndexed = false;
    for (const p of this.sim.store.list('Pod')) if ((p.spec as C)?.nodeName) this.worker.enqueue(objKey(p));
  }
}

export const kubeletModule: SimModule = {
  name: 'kubelet',
  install(sim) {
    sim.services.kubelet = new Kubelet(sim);
  },
  restore(sim) {
    (sim.services.kubelet as Kubelet).restore();
  },
};
