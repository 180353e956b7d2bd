/**
 * kubectl describe (kubectl pkg/cmd/describe/describe.go, pkg/describe/describe.go):
 * per-kind describers writing `Field:\tvalue` lines through a tabwriter
 * (minwidth 0, tabwidth 8, padding 2), labels/annotations multiline,
 * `Events:` from the objects' events (`Age` as HumanDuration, `From` the
 * source component). `describe TYPE NAME` falls back to name-prefix matching
 * like the real command; objects are separated by two blank lines.
 */
import type { StoredObject } from '../api/types';
import type { ResourceType } from '../api/resources';
import { parseQuantity, Quantity } from '../api/quantity';
import { formatLabels, formatLabelSelector, selectorFromLabelSelector, selectorFromSet } from '../labels/selector';
import { StatusError } from '../registry/errors';
import { renderErrors, exitCodeOf } from './errors';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { age, humanDuration } from './printers/table';
import { PrefixWriter } from './printers/tabwriter';
import { accessModes } from './printers/columns';
import { base64ToBytes, decodeBase64 } from '../api/base64';
import { taintString, type Taint } from './node';
import { policyRuleRows } from './rbac-rules';
import type { PolicyRule } from '../admission/rbac';
import { parseResourceArgs, readSources, infosFromSources, NO_RESOURCES_ERR, notFound } from './util';
import { parseSelector } from '../labels/parser';

type C = Record<string, any>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(iso: string | undefined): string {
  if (!iso) return '<unset>';
  const d = new Date(Date.parse(iso));
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

interface Ctx {
  k: KubectlContext;
  now: number;
  lookups: Lookups;
}

/**
 * The lists one describe command reads, fetched once per command and grouped: kubectl asks the API server once
 * per object described (events by involvedObject field selector, a node's pods by spec.nodeName), which the
 * server answers from its cache; listing and filtering everything again for each of `describe nodes`' nodes
 * would cost nodes × (pods + events). Same objects, same order as each separate filtered list.
 */
class Lookups {
  private events = new Map<string, Map<string, StoredObject[]> | null>();
  private byNode: Map<string, StoredObject[]> | null | undefined;
  constructor(private readonly k: KubectlContext) {}

  /** Events whose involvedObject.name is `name`, in `namespace` (all namespaces when undefined); null: not allowed. */
  eventsNamed(namespace: string | undefined, name: string): StoredObject[] | null {
    const key = namespace ?? '\0all';
    let m = this.events.get(key);
    if (m === undefined) {
      try {
        m = new Map();
        for (const e of this.k.sim.api.list('Event', namespace, { user: this.k.user })) {
          const n = e.involvedObject?.name;
          const l = m.get(n);
          if (l) l.push(e);
          else m.set(n, [e]);
        }
      } catch {
        m = null;
      }
      this.events.set(key, m);
    }
    return m === null ? null : (m.get(name) ?? []);
  }

  /** Pods with spec.nodeName `node` (any phase), in list order; null: not allowed. */
  podsOn(node: string): StoredObject[] | null {
    if (this.byNode === undefined) {
      try {
        const m = new Map<string, StoredObject[]>();
        for (const p of this.k.sim.api.list('Pod', undefined, { user: this.k.user })) {
          const n = (p.spec as C)?.nodeName;
          if (!n) continue;
          const l = m.get(n);
          if (l) l.push(p);
          else m.set(n, [p]);
        }
        this.byNode = m;
      } catch {
        this.byNode = null;
      }
    }
    return this.byNode === null ? null : (this.byNode.get(node) ?? []);
  }
}

function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((key) => !SKIP_ANNOTATIONS.has(key))
    .sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i) w.write(0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else w.write(0, `${key}: ${value}\n`);
  });
}

function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: C[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) {
    w.line('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i) w.write(0, initialIndent + '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

function taintsMultiline(w: PrefixWriter, title: string, taints: C[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) {
    w.line('<none>');
    return;
  }
  const key = (t: C) => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .forEach((t, i) => {
      if (i) w.write(0, '\t');
      w.write(0, taintString(t as Taint) + '\n');
    });
}

/** DescribeEvents: flush, then the events table (or `Events:\t<none>`). */
function describeEvents(w: PrefixWriter, events: StoredObject[] | undefined, now: number): void {
  if (!events) return;
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? '') || Date.parse(a.firstTimestamp ?? '') - Date.parse(b.firstTimestamp ?? ''));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const interval = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${age(e.firstTimestamp, now)})` : age(e.firstTimestamp, now);
    const source = e.source?.component || e.reportingComponent || '';
    // kubectl ≥ 1.35 prefixes the involved object's field path (kubernetes/kubernetes#133627)
    const fieldPath = e.involvedObject?.fieldPath;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${fieldPath ? `${fieldPath}: ` : ''}${String(e.message ?? '').trim()}\n`);
  }
}

function eventsFor(c: Ctx, obj: StoredObject, opts: { anyKind?: boolean; alsoName?: boolean } = {}): StoredObject[] | undefined {
  if (!c.k.flags.bool('show-events')) return undefined;
  const list = c.lookups.eventsNamed(obj.metadata.namespace || undefined, obj.metadata.name);
  if (!list) return [];
  return list.filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.namespace ?? '') !== (obj.metadata.namespace ?? '')) return false;
    if (!opts.anyKind && io.kind !== obj.kind) return false;
    return io.uid === obj.metadata.uid || (opts.alsoName && io.uid === obj.metadata.name);
  });
}

function controllerOf(obj: StoredObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r: C) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

// ---- containers and pod templates ----

function containerPorts(ports: C[] | undefined, host: boolean): string {
  return (ports ?? []).map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

function describeStatus(w: PrefixWriter, name: string, state: C | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${name}:\tWaiting\n`);
}

function describeResources(w: PrefixWriter, r: C | undefined, level: number): void {
  if (!r) return;
  const limits = Object.keys(r.limits ?? {}).sort();
  if (limits.length) w.write(level, 'Limits:\n');
  for (const n of limits) w.write(level + 1, `${n}:\t${parseQuantity(r.limits[n]).toString()}\n`);
  const requests = Object.keys(r.requests ?? {}).sort();
  if (requests.length) w.write(level, 'Requests:\n');
  for (const n of requests) w.write(level + 1, `${n}:\t${parseQuantity(r.requests[n]).toString()}\n`);
}

function probeString(p: C): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = String(p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function fieldRefValue(pod: StoredObject | undefined, path: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata as C)[m[1]]?.[m[2]] ?? '';
  const v = path.split('.').reduce<any>((o, key) => (o == null ? undefined : o[key]), pod);
  return v == null ? '' : String(v);
}

function resourceFieldValue(container: C, ref: C): string {
  const [kind, res] = String(ref.resource ?? '').split('.');
  const raw = container.resources?.[kind]?.[res];
  if (!raw) return '0';
  const q = parseQuantity(raw);
  const divisor = ref.divisor ? parseQuantity(ref.divisor) : new Quantity(1_000_000_000n, 'DecimalSI');
  const v = (q.nanos + divisor.nanos - 1n) / divisor.nanos;
  return String(v);
}

function describeContainers(w: PrefixWriter, label: string, containers: C[] | undefined, statuses: C[] | undefined, pod: StoredObject | undefined, space: string): void {
  const list = containers ?? [];
  w.write(0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  const byName = new Map<string, C>((statuses ?? []).map((s) => [s.name, s]));
  const nameIndent = space ? ' ' : '';
  for (const c of list) {
    const st = byName.get(c.name);
    w.write(1, `${nameIndent}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = containerPorts(c.ports, false);
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = containerPorts(c.ports, true);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${probeString(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probeString(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${probeString(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom as C[]) {
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const optional = ref.optional === true;
        w.write(3, e.prefix ? `${ref.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref.name}\t${from}\tOptional: ${optional}\n`);
      }
    }
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of (c.env ?? []) as C[]) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) w.write(3, `${e.name}:\t${pod ? fieldRefValue(pod, vf.fieldRef.fieldPath) : ''} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      else if (vf.resourceFieldRef) {
        let v = resourceFieldValue(c, vf.resourceFieldRef);
        const res = vf.resourceFieldRef.resource;
        if (v === '0' && (res === 'limits.cpu' || res === 'limits.memory')) v = 'node allocatable';
        w.write(3, `${e.name}:\t${v} (${res})\n`);
      } else if (vf.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      else if (vf.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
    const mounts = [...((c.volumeMounts ?? []) as C[])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(w: PrefixWriter, volumes: C[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of volumes) {
    w.write(1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`);
    else if (v.emptyDir) w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ? parseQuantity(v.emptyDir.sizeLimit).toString() : '<unset>'}\n`);
    else if (v.secret) w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`);
    else if (v.configMap) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`);
    else if (v.persistentVolumeClaim) w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    else if (v.nfs) w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
    else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of (v.downwardAPI.items ?? []) as C[]) {
        if (it.fieldRef) w.write(3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        if (it.resourceFieldRef) w.write(3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of (v.projected.sources ?? []) as C[]) {
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name}\n    Optional:\t${s.secret.optional === true}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${s.configMap.optional === true}\n`);
        else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else w.write(1, '<unknown>\n');
  }
}

function describePodTemplate(w: PrefixWriter, t: C | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', t.metadata.annotations);
  const s = t.spec ?? {};
  if (s.serviceAccountName) w.write(1, `Service Account:\t${s.serviceAccountName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', s.containers, undefined, undefined, '  ');
  describeVolumes(w, s.volumes, '  ');
  if (s.priorityClassName) w.write(1, `Priority Class Name:\t${s.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', s.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', s.tolerations, '  ');
}

function podQOS(pod: StoredObject): string {
  return (pod.status as C)?.qosClass ?? 'BestEffort';
}

// ---- describers ----

type Describer = (c: Ctx, obj: StoredObject) => string;

function header(w: PrefixWriter, o: StoredObject, withNamespace = true): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (withNamespace) w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
}

const describePod: Describer = (c, pod) => {
  const w = new PrefixWriter();
  const s = (pod.spec ?? {}) as C;
  const st = (pod.status ?? {}) as C;
  header(w, pod);
  if (s.priority != null) w.write(0, `Priority:\t${s.priority}\n`);
  if (s.priorityClassName) w.write(0, `Priority Class Name:\t${s.priorityClassName}\n`);
  if (s.runtimeClassName) w.write(0, `Runtime Class Name:\t${s.runtimeClassName}\n`);
  if (s.serviceAccountName) w.write(0, `Service Account:\t${s.serviceAccountName}\n`);
  w.write(0, s.nodeName ? `Node:\t${s.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${age(pod.metadata.deletionTimestamp, c.now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else w.write(0, `Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (st.podIPs?.length) {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs as C[]) w.write(1, `IP:\t${ip.ip}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  const ctl = controllerOf(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, st.initContainerStatuses, pod, '');
  describeContainers(w, 'Containers', s.containers, st.containerStatuses, pod, '');
  // describe.go describePod: the ephemeral containers as containers (their EphemeralContainerCommon)
  if (s.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', s.ephemeralContainers, st.ephemeralContainerStatuses, pod, '');
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const cond of st.conditions as C[]) w.write(1, `${cond.type} \t${cond.status} \n`);
  }
  describeVolumes(w, s.volumes, '');
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', s.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', s.tolerations);
  describeEvents(w, eventsFor(c, pod, { anyKind: true }), c.now);
  return w.toString();
};

function podStatusCounts(c: Ctx, owner: StoredObject, selector: { matches(l: Record<string, string>): boolean }): [number, number, number, number] {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (const p of c.k.sim.store.list('Pod', owner.metadata.namespace)) {
    if (!selector.matches(p.metadata.labels ?? {})) continue;
    const ref = (p.metadata.ownerReferences ?? []).find((r: C) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    const phase = (p.status as C)?.phase;
    if (phase === 'Running') counts[0]++;
    else if (phase === 'Pending') counts[1]++;
    else if (phase === 'Succeeded') counts[2]++;
    else if (phase === 'Failed') counts[3]++;
  }
  return counts;
}

function podsStatusLine(w: PrefixWriter, n: [number, number, number, number]): void {
  w.write(0, `Pods Status:\t${n[0]} Running / ${n[1]} Waiting / ${n[2]} Succeeded / ${n[3]} Failed\n`);
}

function conditionsTable(w: PrefixWriter, conds: C[] | undefined): void {
  if (!conds?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const cond of conds) w.write(1, `${cond.type} \t${cond.status}\t${cond.reason ?? ''}\n`);
}

const describeReplicaSet: Describer = (c, rs) => {
  const w = new PrefixWriter();
  const s = (rs.spec ?? {}) as C;
  header(w, rs);
  const rc = rs.kind === 'ReplicationController';
  w.write(0, `Selector:\t${rc ? formatLabels(s.selector) : formatLabelSelector(s.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOf(rs);
  if (!rc && ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${(rs.status as C)?.replicas ?? 0} current / ${s.replicas ?? 1} desired\n`);
  const sel = rc ? selectorFromSet(s.selector) : selectorFromLabelSelector(s.selector);
  podsStatusLine(w, podStatusCounts(c, rs, sel));
  describePodTemplate(w, s.template);
  conditionsTable(w, (rs.status as C)?.conditions);
  describeEvents(w, eventsFor(c, rs), c.now);
  return w.toString();
};

function intOrPercent(v: unknown, def: string): string {
  return v == null ? def : String(v);
}

const describeDeployment: Describer = (c, d) => {
  const w = new PrefixWriter();
  const s = (d.spec ?? {}) as C;
  const st = (d.status ?? {}) as C;
  header(w, d);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.write(0, `Replicas:\t${s.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${s.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(0, `MinReadySeconds:\t${s.minReadySeconds ?? 0}\n`);
  if (s.strategy?.rollingUpdate) {
    const ru = s.strategy.rollingUpdate;
    w.write(0, `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable, '25%')} max unavailable, ${intOrPercent(ru.maxSurge, '25%')} max surge\n`);
  }
  describePodTemplate(w, s.template);
  conditionsTable(w, st.conditions);
  const owned = c.k.sim.store.list('ReplicaSet', d.metadata.namespace).filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: C) => r.controller && r.uid === d.metadata.uid));
  const hash = (t: C | undefined) => JSON.stringify({ ...(t ?? {}), metadata: { ...(t?.metadata ?? {}), labels: Object.fromEntries(Object.entries(t?.metadata?.labels ?? {}).filter(([k2]) => k2 !== 'pod-template-hash')) } });
  const want = hash(s.template);
  const newRS = owned.filter((rs) => hash((rs.spec as C)?.template) === want).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))[0];
  const old = owned.filter((rs) => rs !== newRS);
  if (owned.length) {
    const fmt = (list: StoredObject[]) => (list.length ? list.map((rs) => `${rs.metadata.name} (${(rs.status as C)?.replicas ?? 0}/${(rs.spec as C)?.replicas ?? 0} replicas created)`).join(', ') : '<none>');
    w.write(0, `OldReplicaSets:\t${fmt(old)}\n`);
    w.write(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, eventsFor(c, d), c.now);
  return w.toString();
};

const describeDaemonSet: Describer = (c, ds) => {
  const w = new PrefixWriter();
  const s = (ds.spec ?? {}) as C;
  const st = (ds.status ?? {}) as C;
  header(w, ds, false);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(s.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  podsStatusLine(w, podStatusCounts(c, ds, selectorFromLabelSelector(s.selector)));
  describePodTemplate(w, s.template);
  describeEvents(w, eventsFor(c, ds), c.now);
  return w.toString();
};

const describeStatefulSet: Describer = (c, ss) => {
  const w = new PrefixWriter();
  const s = (ss.spec ?? {}) as C;
  header(w, ss);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(0, `Replicas:\t${s.replicas ?? 1} desired | ${(ss.status as C)?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${s.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  if (s.updateStrategy?.rollingUpdate?.partition != null) w.write(1, `Partition:\t${s.updateStrategy.rollingUpdate.partition}\n`);
  podsStatusLine(w, podStatusCounts(c, ss, selectorFromLabelSelector(s.selector)));
  describePodTemplate(w, s.template);
  const vct = (s.volumeClaimTemplates ?? []) as C[];
  if (!vct.length) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of vct) {
      w.write(1, `Name:\t${pvc.metadata?.name}\n`);
      w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      labelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      labelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const cap = pvc.spec?.resources?.requests?.storage;
      w.write(1, `Capacity:\t${cap ? parseQuantity(cap).toString() : '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, eventsFor(c, ss), c.now);
  return w.toString();
};

const describeJob: Describer = (c, job) => {
  const w = new PrefixWriter();
  const s = (job.spec ?? {}) as C;
  const st = (job.status ?? {}) as C;
  header(w, job);
  w.write(0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata.labels);
  annotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const ctl = controllerOf(job);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Parallelism:\t${s.parallelism ?? 1}\n`);
  w.write(0, s.completions != null ? `Completions:\t${s.completions}\n` : 'Completions:\t<unset>\n');
  w.write(0, `Completion Mode:\t${s.completionMode ?? 'NonIndexed'}\n`);
  w.write(0, `Suspend:\t${s.suspend === true}\n`);
  w.write(0, `Backoff Limit:\t${s.backoffLimit ?? 6}\n`);
  if (s.ttlSecondsAfterFinished != null) w.write(0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) {
    w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  }
  if (s.activeDeadlineSeconds != null) w.write(0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
  w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  describePodTemplate(w, s.template);
  describeEvents(w, eventsFor(c, job), c.now);
  return w.toString();
};

const describeCronJob: Describer = (c, cj) => {
  const w = new PrefixWriter();
  const s = (cj.spec ?? {}) as C;
  const st = (cj.status ?? {}) as C;
  header(w, cj);
  labelsMultiline(w, 'Labels', cj.metadata.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${s.schedule}\n`);
  w.write(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? 'Allow'}\n`);
  w.write(0, `Suspend:\t${s.suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${s.successfulJobsHistoryLimit ?? 3}\n`);
  w.write(0, `Failed Job History Limit:\t${s.failedJobsHistoryLimit ?? 1}\n`);
  w.write(0, s.startingDeadlineSeconds != null ? `Starting Deadline Seconds:\t${s.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
  const js = (s.jobTemplate?.spec ?? {}) as C;
  w.write(0, `Selector:\t${js.selector ? formatLabelSelector(js.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${js.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${js.completions ?? '<unset>'}\n`);
  describePodTemplate(w, js.template);
  w.write(0, st.lastScheduleTime ? `Last Schedule Time:\t${rfc1123z(st.lastScheduleTime)}\n` : 'Last Schedule Time:\t<unset>\n');
  const active = ((st.active ?? []) as C[]).map((r) => r.name);
  w.write(0, `Active Jobs:\t${active.length ? active.join(', ') : '<none>'}\n`);
  describeEvents(w, eventsFor(c, cj), c.now);
  return w.toString();
};

function readyEndpointsFor(c: Ctx, svc: StoredObject, portName: string): string {
  const slices = c.k.sim.store.list('EndpointSlice', svc.metadata.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  const list: string[] = [];
  for (const sl of slices) {
    const port = ((sl.ports ?? []) as C[]).find((p) => (p.name ?? '') === portName);
    if (!port) continue;
    for (const ep of (sl.endpoints ?? []) as C[]) {
      if (ep.conditions?.ready === false) continue;
      for (const a of ep.addresses ?? []) list.push(`${a}:${port.port}`);
    }
  }
  if (!list.length) return '';
  if (list.length > 3) return `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`;
  return list.join(',');
}

const describeService: Describer = (c, svc) => {
  const w = new PrefixWriter();
  const s = (svc.spec ?? {}) as C;
  header(w, svc);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(s.selector)}\n`);
  w.write(0, `Type:\t${s.type ?? 'ClusterIP'}\n`);
  if (s.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${s.ipFamilies?.length ? s.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${s.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${s.clusterIPs?.length ? s.clusterIPs.join(',') : '<none>'}\n`);
  if (s.externalIPs?.length) w.write(0, `External IPs:\t${s.externalIPs.join(',')}\n`);
  if (s.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${s.loadBalancerIP}\n`);
  if (s.externalName) w.write(0, `External Name:\t${s.externalName}\n`);
  const ingress = ((svc.status as C)?.loadBalancer?.ingress ?? []) as C[];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : i.hostname)).join(', ')}\n`);
  for (const p of (s.ports ?? []) as C[]) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${readyEndpointsFor(c, svc, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${s.sessionAffinity ?? 'None'}\n`);
  if (s.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
  if (s.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${s.healthCheckNodePort}\n`);
  if (s.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${s.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(w, eventsFor(c, svc), c.now);
  return w.toString();
};

const describeEndpoints: Describer = (c, ep) => {
  const w = new PrefixWriter();
  header(w, ep);
  labelsMultiline(w, 'Labels', ep.metadata.labels);
  annotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const sub of (ep.subsets ?? []) as C[]) {
    w.write(1, `Addresses:\t${((sub.addresses ?? []) as C[]).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${((sub.notReadyAddresses ?? []) as C[]).map((a) => a.ip).join(',') || '<none>'}\n`);
    if (sub.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of sub.ports as C[]) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, eventsFor(c, ep), c.now);
  return w.toString();
};

const describeEndpointSlice: Describer = (c, eps) => {
  const w = new PrefixWriter();
  header(w, eps);
  labelsMultiline(w, 'Labels', eps.metadata.labels);
  annotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType}\n`);
  const ports = (eps.ports ?? []) as C[];
  if (!ports.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  const eplist = (eps.endpoints ?? []) as C[];
  if (!eplist.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of eplist) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${e.conditions?.ready == null ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, eventsFor(c, eps), c.now);
  return w.toString();
};

function podResourceTotals(pod: StoredObject): { req: Record<string, Quantity>; lim: Record<string, Quantity> } {
  const s = (pod.spec ?? {}) as C;
  const req: Record<string, Quantity> = {};
  const lim: Record<string, Quantity> = {};
  const add = (into: Record<string, Quantity>, list: Record<string, string> | undefined) => {
    for (const [k2, v] of Object.entries(list ?? {})) {
      const q = parseQuantity(v);
      into[k2] = into[k2] ? into[k2].add(q) : q;
    }
  };
  for (const c of (s.containers ?? []) as C[]) {
    add(req, c.resources?.requests);
    add(lim, c.resources?.limits);
  }
  for (const c of (s.initContainers ?? []) as C[]) {
    for (const [into, list] of [
      [req, c.resources?.requests],
      [lim, c.resources?.limits],
    ] as [Record<string, Quantity>, Record<string, string> | undefined][]) {
      for (const [k2, v] of Object.entries(list ?? {})) {
        const q = parseQuantity(v);
        if (!into[k2] || into[k2].cmp(q) < 0) into[k2] = q;
      }
    }
  }
  return { req, lim };
}

const ZERO = new Quantity(0n, 'DecimalSI');
function pct(q: Quantity | undefined, total: Quantity | undefined, milli: boolean): number {
  if (!q || !total || total.isZero()) return 0;
  return Math.trunc(milli ? (q.milli() / total.milli()) * 100 : (q.value() / total.value()) * 100);
}

const describeNode: Describer = (c, node) => {
  const w = new PrefixWriter();
  const s = (node.spec ?? {}) as C;
  const st = (node.status ?? {}) as C;
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean)
    .sort();
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, 'Taints', s.taints);
  w.write(0, `Unschedulable:\t${s.unschedulable === true}\n`);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${rfc1123z(new Date(c.now - (c.now % 10_000)).toISOString())}\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    const beat = new Date(c.now - (c.now % 60_000)).toISOString();
    for (const cond of st.conditions as C[]) w.write(1, `${cond.type} \t${cond.status} \t${rfc1123z(beat)} \t${rfc1123z(cond.lastTransitionTime)} \t${cond.reason} \t${cond.message}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of (st.addresses ?? []) as C[]) w.write(1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const r of Object.keys(list).sort()) w.write(0, `  ${r}:\t${parseQuantity(list[r]).toString()}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length) {
    w.write(0, 'Capacity:\n');
    printList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length) {
    w.write(0, 'Allocatable:\n');
    printList(st.allocatable);
  }
  const ni = (st.nodeInfo ?? {}) as C;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${ni.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${ni.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (s.podCIDR) w.write(0, `PodCIDR:\t${s.podCIDR}\n`);
  if (s.podCIDRs?.length) w.write(0, `PodCIDRs:\t${s.podCIDRs.join(',')}\n`);
  if (s.providerID) w.write(0, `ProviderID:\t${s.providerID}\n`);
  const pods = c.lookups.podsOn(node.metadata.name)?.filter((p) => !['Succeeded', 'Failed'].includes((p.status as C)?.phase));
  if (!pods) w.write(0, 'Pods:\tnot authorized\n');
  else {
    const alloc = Object.keys(st.allocatable ?? {}).length ? st.allocatable : st.capacity ?? {};
    const cpuA = alloc.cpu ? parseQuantity(alloc.cpu) : undefined;
    const memA = alloc.memory ? parseQuantity(alloc.memory) : undefined;
    w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
    w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const totReq: Record<string, Quantity> = {};
    const totLim: Record<string, Quantity> = {};
    for (const p of pods) {
      const { req, lim } = podResourceTotals(p);
      for (const [k2, q] of Object.entries(req)) totReq[k2] = totReq[k2] ? totReq[k2].add(q) : q;
      for (const [k2, q] of Object.entries(lim)) totLim[k2] = totLim[k2] ? totLim[k2].add(q) : q;
      const cell = (q: Quantity | undefined, total: Quantity | undefined, milli: boolean) => `${(q ?? ZERO).toString()} (${pct(q, total, milli)}%)`;
      w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(req.cpu, cpuA, true)}\t${cell(lim.cpu, cpuA, true)}\t${cell(req.memory, memA, false)}\t${cell(lim.memory, memA, false)}\t${age(p.metadata.creationTimestamp, c.now)}\n`);
    }
    w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(1, 'Resource\tRequests\tLimits\n');
    w.write(1, '--------\t--------\t------\n');
    const row = (name: string, total: Quantity | undefined, milli: boolean) => w.write(1, `${name}\t${(totReq[name] ?? ZERO).toString()} (${pct(totReq[name], total, milli)}%)\t${(totLim[name] ?? ZERO).toString()} (${pct(totLim[name], total, milli)}%)\n`);
    row('cpu', cpuA, true);
    row('memory', memA, false);
    row('ephemeral-storage', alloc['ephemeral-storage'] ? parseQuantity(alloc['ephemeral-storage']) : undefined, false);
    for (const hp of Object.keys(alloc).filter((r) => r.startsWith('hugepages-')).sort()) row(hp, parseQuantity(alloc[hp]), false);
  }
  describeEvents(w, eventsFor(c, node, { alsoName: true }), c.now);
  return w.toString();
};

function quotaRows(q: StoredObject): [string, string, string][] {
  const hard = ((q.status as C)?.hard ?? (q.spec as C)?.hard ?? {}) as Record<string, string>;
  const used = ((q.status as C)?.used ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .sort()
    .map((r) => {
      const h = parseQuantity(hard[r]);
      const u = used[r] != null ? new Quantity(parseQuantity(used[r]).nanos, h.format) : new Quantity(0n, h.format);
      return [r, u.toString(), h.toString()];
    });
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const describeQuota: Describer = (c, q) => {
  const w = new PrefixWriter();
  header(w, q);
  const scopes = ((q.spec as C)?.scopes ?? []) as string[];
  if (scopes.length) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const [r, u, h] of quotaRows(q)) w.write(0, `${r}\t${u}\t${h}\n`);
  return w.toString();
};

function limitRangeRows(lr: StoredObject, w: PrefixWriter, lead: string): void {
  w.write(0, `${lead}Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n`);
  w.write(0, `${lead}----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n`);
  for (const item of ((lr.spec as C)?.limits ?? []) as C[]) {
    const names = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const r of Object.keys(item[f] ?? {})) names.add(r);
    // kubectl iterates Go maps here (nondeterministic order); print them sorted
    for (const r of [...names].sort()) {
      const v = (f: string) => (item[f]?.[r] != null ? parseQuantity(item[f][r]).toString() : '-');
      w.write(0, `${lead}${item.type}\t${r}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

const describeLimitRange: Describer = (c, lr) => {
  const w = new PrefixWriter();
  header(w, lr);
  limitRangeRows(lr, w, '');
  return w.toString();
};

const describeNamespace: Describer = (c, ns) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${(ns.status as C)?.phase ?? 'Active'}\n`);
  const quotas = c.k.sim.store.list('ResourceQuota', ns.metadata.name);
  if (!quotas.length) w.write(0, '\nNo resource quota.\n');
  else {
    w.write(0, '\nResource Quotas\n');
    for (const q of quotas) {
      w.write(0, `  Name:\t${q.metadata.name}\n`);
      w.write(0, '  Resource\tUsed\tHard\n');
      w.write(0, '  --------\t---\t---\n');
      for (const [r, u, h] of quotaRows(q)) w.write(0, `  ${r}\t${u}\t${h}\n`);
    }
  }
  const lrs = c.k.sim.store.list('LimitRange', ns.metadata.name);
  if (!lrs.length) w.write(0, '\nNo LimitRange resource.\n');
  else {
    w.write(0, '\nResource Limits\n');
    for (const lr of lrs) limitRangeRows(lr, w, ' ');
  }
  return w.toString();
};

const describeConfigMap: Describer = (c, cm) => {
  const w = new PrefixWriter();
  header(w, cm);
  labelsMultiline(w, 'Labels', cm.metadata.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const key of Object.keys(data).sort()) w.write(0, `${key}:\n----\n${data[key]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  const bin = (cm.binaryData ?? {}) as Record<string, string>;
  for (const key of Object.keys(bin).sort()) w.write(0, `${key}: ${byteCount(bin[key])} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, eventsFor(c, cm), c.now);
  return w.toString();
};

/** Length of base64 data in bytes (stored data is valid base64: the API server decoded it on write). */
function byteCount(b64: string): number {
  const r = base64ToBytes(b64);
  return 'bytes' in r ? r.bytes.length : 0;
}

const describeSecret: Describer = (c, sec) => {
  const w = new PrefixWriter();
  header(w, sec);
  labelsMultiline(w, 'Labels', sec.metadata.labels);
  annotationsMultiline(w, 'Annotations', sec.metadata.annotations);
  w.write(0, `\nType:\t${sec.type ?? 'Opaque'}\n\nData\n====\n`);
  const data = (sec.data ?? {}) as Record<string, string>;
  for (const key of Object.keys(data).sort()) {
    if (key === 'token' && sec.type === 'kubernetes.io/service-account-token') {
      const r = decodeBase64(data[key]);
      w.write(0, `${key}:\t${'text' in r ? r.text : ''}\n`);
    } else w.write(0, `${key}:\t${byteCount(data[key])} bytes\n`);
  }
  return w.toString();
};

const describeServiceAccount: Describer = (c, sa) => {
  const w = new PrefixWriter();
  header(w, sa);
  labelsMultiline(w, 'Labels', sa.metadata.labels);
  annotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  // kubectl ≥ v1.35 prints only the image pull secrets (reference §8)
  const pulls = ((sa.imagePullSecrets ?? []) as C[]).map((s) => s.name);
  if (!pulls.length) w.write(0, 'Image pull secrets:\t<none>\n');
  else pulls.forEach((n, i) => w.write(0, `${i === 0 ? 'Image pull secrets:' : '                   '}\t${n}\n`));
  describeEvents(w, eventsFor(c, sa), c.now);
  return w.toString();
};

const describeRole: Describer = (c, role) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${role.metadata.name}\n`);
  labelsMultiline(w, 'Labels', role.metadata.labels);
  annotationsMultiline(w, 'Annotations', role.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of policyRuleRows((role.rules ?? []) as PolicyRule[])) w.write(1, `${r.join('\t')}\n`);
  return w.toString();
};

const describeBinding: Describer = (c, b) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${b.metadata.name}\n`);
  labelsMultiline(w, 'Labels', b.metadata.labels);
  annotationsMultiline(w, 'Annotations', b.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of (b.subjects ?? []) as C[]) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
};

const describePV: Describer = (c, pv) => {
  const w = new PrefixWriter();
  const s = (pv.spec ?? {}) as C;
  const st = (pv.status ?? {}) as C;
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]\n`);
  w.write(0, `StorageClass:\t${s.storageClassName ?? ''}\n`);
  w.write(0, st.message ? `Status:\t${st.phase} (${st.message})\n` : `Status:\t${st.phase ?? ''}\n`);
  w.write(0, `Claim:\t${s.claimRef ? `${s.claimRef.namespace}/${s.claimRef.name}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${s.persistentVolumeReclaimPolicy ?? 'Retain'}\n`);
  w.write(0, `Access Modes:\t${accessModes(s.accessModes)}\n`);
  w.write(0, `VolumeMode:\t${s.volumeMode ?? 'Filesystem'}\n`);
  w.write(0, `Capacity:\t${s.capacity?.storage ? parseQuantity(s.capacity.storage).toString() : ''}\n`);
  const terms = (s.nodeAffinity?.required?.nodeSelectorTerms ?? []) as C[];
  if (!terms.length) w.write(0, 'Node Affinity:\t<none>\n');
  else {
    w.write(0, 'Node Affinity:\n');
    w.write(1, 'Required Terms:\n');
    for (const t of terms) {
      const exprs = ((t.matchExpressions ?? []) as C[]).map((e) => `${e.key} ${e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator} [${(e.values ?? []).join(' ')}]`);
      w.write(2, `Term ${terms.indexOf(t)}:\t${exprs.join('\n')}\n`);
    }
  }
  w.write(0, `Message:\t${st.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (s.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type || '<none>'}\n`);
  else if (s.local) w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`);
  else if (s.nfs) w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${s.nfs.readOnly === true}\n`);
  else if (s.csi) w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${s.csi.driver}\n    FSType:\t${s.csi.fsType ?? ''}\n    VolumeHandle:\t${s.csi.volumeHandle}\n    ReadOnly:\t${s.csi.readOnly === true}\n`);
  describeEvents(w, eventsFor(c, pv), c.now);
  return w.toString();
};

const describePVC: Describer = (c, pvc) => {
  const w = new PrefixWriter();
  const s = (pvc.spec ?? {}) as C;
  const st = (pvc.status ?? {}) as C;
  header(w, pvc);
  w.write(0, `StorageClass:\t${s.storageClassName ?? ''}\n`);
  w.write(0, pvc.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${age(pvc.metadata.deletionTimestamp, c.now)})\n` : `Status:\t${st.phase ?? ''}\n`);
  w.write(0, `Volume:\t${s.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`);
  const bound = !!s.volumeName;
  w.write(0, `Capacity:\t${bound && st.capacity?.storage ? parseQuantity(st.capacity.storage).toString() : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(st.accessModes) : ''}\n`);
  w.write(0, `VolumeMode:\t${s.volumeMode ?? 'Filesystem'}\n`);
  const users = c.k.sim.store
    .list('Pod', pvc.metadata.namespace)
    .filter((p) => ((p.spec as C)?.volumes ?? []).some((v: C) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
    .map((p) => p.metadata.name);
  w.write(0, `Used By:\t${users.length ? users.join('\n\t') : '<none>'}\n`);
  describeEvents(w, eventsFor(c, pvc), c.now);
  return w.toString();
};

const describeStorageClass: Describer = (c, sc) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No'}\n`);
  annotationsMultiline(w, 'Annotations', sc.metadata.annotations);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${Object.keys(sc.parameters ?? {}).length ? Object.entries(sc.parameters).map(([k2, v]) => `${k2}=${v}`).join(',') : '<none>'}\n`);
  w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion == null ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  w.write(0, `MountOptions:\t${(sc.mountOptions ?? []).length ? sc.mountOptions.join(', ') : '<none>'}\n`);
  w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy ?? 'Delete'}\n`);
  w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode ?? 'Immediate'}\n`);
  describeEvents(w, eventsFor(c, sc), c.now);
  return w.toString();
};

/** GenericDescriber for kinds without their own: metadata, then the remaining fields. */
const describeGeneric: Describer = (c, o) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  const label = (k2: string) => k2.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (ch) => ch.toUpperCase());
  const walk = (v: unknown, level: number) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const k2 of Object.keys(v as C).sort()) {
        const x = (v as C)[k2];
        if (x && typeof x === 'object') {
          w.write(level, `${label(k2)}:\n`);
          walk(x, level + 1);
        } else w.write(level, `${label(k2)}:\t${x}\n`);
      }
    } else if (Array.isArray(v)) {
      for (const x of v) {
        if (x && typeof x === 'object') walk(x, level + 1);
        else w.write(level + 1, `${x}\n`);
      }
    }
  };
  const rest: C = { apiVersion: o.apiVersion, kind: o.kind };
  for (const [k2, v] of Object.entries(o)) if (!['apiVersion', 'kind', 'metadata'].includes(k2)) rest[k2] = v;
  walk(rest, 0);
  describeEvents(w, eventsFor(c, o), c.now);
  return w.toString();
};

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  ReplicaSet: describeReplicaSet,
  ReplicationController: describeReplicaSet,
  Deployment: describeDeployment,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  Node: describeNode,
  Namespace: describeNamespace,
  ResourceQuota: describeQuota,
  LimitRange: describeLimitRange,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeBinding,
  ClusterRoleBinding: describeBinding,
  PersistentVolume: describePV,
  PersistentVolumeClaim: describePVC,
  StorageClass: describeStorageClass,
};

/** `lookups`: shared by the objects of one describe command (see Lookups); a new one reads the lists afresh. */
export function describeObject(k: KubectlContext, obj: StoredObject, lookups = new Lookups(k)): string {
  const d = DESCRIBERS[obj.kind] ?? describeGeneric;
  return d({ k, now: k.now(), lookups }, obj);
}

export const describeVerb: VerbSpec = {
  name: 'describe',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  run(k) {
    const out: StoredObject[] = [];
    const errors: unknown[] = [];
    const allNs = k.flags.bool('all-namespaces');
    const files = k.flags.all('filename');
    if (files.length) {
      const { infos, errors: errs } = infosFromSources(k, readSources(k, files, k.flags.bool('recursive')));
      errors.push(...errs);
      for (const i of infos) {
        try {
          out.push(k.sim.api.get(i.type.kind, i.namespace, i.name, { user: k.user }));
        } catch (e) {
          errors.push(e);
        }
      }
    } else {
      if (!k.args.length) throw new KubectlError(NO_RESOURCES_ERR);
      const refs = parseResourceArgs(k.args);
      // `describe TYPE NAME` (two words) falls back to names starting with NAME (DescribeMatchingResources)
      const prefixForm = k.args.length === 2 && !k.args[0].includes('/') && !k.args[0].includes(',');
      const selector = k.flags.str('selector');
      const sel = selector ? parseSelector(selector) : undefined;
      for (const r of refs) {
        const ns = r.type.namespaced ? k.namespace : '';
        if (r.name) {
          try {
            out.push(k.sim.api.get(r.type.kind, ns, r.name, { user: k.user }));
          } catch (e) {
            // describe falls back to objects whose name starts with the argument
            if (!(e instanceof StatusError) || e.status.code !== 404 || !prefixForm) {
              errors.push(e);
              continue;
            }
            let matches: StoredObject[] = [];
            try {
              matches = k.sim.api.list(r.type.kind, r.type.namespaced && !allNs ? ns : undefined, { user: k.user }).filter((o) => o.metadata.name.startsWith(r.name!));
            } catch {
              matches = [];
            }
            if (matches.length) {
              const lookups = new Lookups(k);
              for (const m of matches) k.out(describeObject(k, m, lookups) + '\n');
              return 0;
            }
            errors.push(notFound(r.type, r.name));
          }
          continue;
        }
        const list = k.sim.api.list(r.type.kind, r.type.namespaced && !allNs ? ns : undefined, { user: k.user });
        for (const o of list) if (!sel || sel.matches(o.metadata.labels ?? {})) out.push(o);
      }
      if (!out.length && !errors.length) {
        const t: ResourceType | undefined = refs[0]?.type;
        if (allNs || !t?.namespaced) k.err('No resources found\n');
        else k.err(`No resources found in ${k.namespace} namespace.\n`);
        return 0;
      }
    }
    const lookups = new Lookups(k);
    out.forEach((o, i) => k.out((i ? '\n\n' : '') + describeObject(k, o, lookups)));
    if (errors.length) {
      k.err(renderErrors(errors));
      return exitCodeOf(errors);
    }
    return 0;
  },
};



/**
 * DescribePodTemplate on its own (rollout history --revision): history.go
 * printTemplate writes through a PrefixWriter straight into a buffer, with no
 * tabwriter, so the tabs stay as they are.
 */
export function describePodTemplateText(_k: KubectlContext, template: C | undefined): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.raw();
}
