/**
 * Column definitions per kind, as data (K/K pkg/printers/internalversion/printers.go;
 * reference §1.2 and §1.3 for the cell rules). `wide: true` columns appear with -o wide.
 */
import type { StoredObject } from '../../api/types';
import { formatLabels, formatLabelSelector } from '../../labels/selector';
import { jobCompletionsColumn, jobStatusColumn } from '../../controllers/job';
import { age, humanDuration, type Column, type PrintContext } from './table';

type C = Record<string, any>;
const spec = (o: StoredObject) => (o.spec ?? {}) as C;
const status = (o: StoredObject) => (o.status ?? {}) as C;
const AGE: Column = { name: 'Age', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) };
const NAME: Column = { name: 'Name', cell: (o) => o.metadata.name };
const CREATED_AT: Column = { name: 'Created At', cell: (o) => (o.metadata.creationTimestamp ?? '').replace(/\.\d+Z$/, 'Z') };

/** printPod STATUS (reference §1.3). */
export function podStatus(pod: StoredObject): string {
  const st = status(pod);
  let reason: string = st.phase ?? '';
  if (st.reason) reason = st.reason;
  const sched = (st.conditions ?? []).find((c: C) => c.type === 'PodScheduled');
  if (sched?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  const inits = (st.initContainerStatuses ?? []) as C[];
  const initSpecs = (spec(pod).initContainers ?? []) as C[];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const sidecar = initSpecs[i]?.restartPolicy === 'Always';
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (sidecar && c.started) continue;
    if (c.state?.terminated) {
      const t = c.state.terminated;
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
      initializing = true;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = (st.containerStatuses ?? []) as C[];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (st.conditions ?? []).some((c: C) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating';
  return reason;
}

function podReady(pod: StoredObject): string {
  const st = status(pod);
  const cs = (st.containerStatuses ?? []) as C[];
  let total = (spec(pod).containers ?? []).length;
  let ready = cs.filter((c) => c.ready && c.state?.running).length;
  const initSpecs = (spec(pod).initContainers ?? []) as C[];
  initSpecs.forEach((c, i) => {
    if (c.restartPolicy !== 'Always') return;
    total++;
    const s = (st.initContainerStatuses ?? [])[i];
    if (s?.started && s?.ready) ready++;
  });
  return `${ready}/${total}`;
}

function podRestarts(pod: StoredObject, now: number): string {
  const st = status(pod);
  let n = 0;
  let last = 0;
  for (const c of (st.containerStatuses ?? []) as C[]) {
    n += c.restartCount ?? 0;
    const f = c.lastState?.terminated?.finishedAt;
    if (f) last = Math.max(last, Date.parse(f));
  }
  const initializing = podStatus(pod).startsWith('Init:');
  if (initializing) for (const c of (st.initContainerStatuses ?? []) as C[]) n += c.restartCount ?? 0;
  return n > 0 && last ? `${n} (${humanDuration(now - last)} ago)` : String(n);
}

const containers = (o: StoredObject) => ((o.kind === 'CronJob' ? spec(o).jobTemplate?.spec?.template?.spec?.containers : spec(o).template?.spec?.containers) ?? []) as C[];
const CONTAINERS: Column = { name: 'Containers', wide: true, cell: (o) => containers(o).map((c) => c.name).join(',') };
const IMAGES: Column = { name: 'Images', wide: true, cell: (o) => containers(o).map((c) => c.image).join(',') };
const SELECTOR_LS: Column = { name: 'Selector', wide: true, cell: (o) => formatLabelSelector(spec(o).selector) };

function servicePorts(o: StoredObject): string {
  const ports = (spec(o).ports ?? []) as C[];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIP(o: StoredObject, ctx: PrintContext): string {
  const s = spec(o);
  const ext: string[] = s.externalIPs ?? [];
  switch (s.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ing = ((status(o).loadBalancer?.ingress ?? []) as C[]).map((i) => i.ip || i.hostname).filter(Boolean);
      const all = [...ing.sort(), ...ext];
      if (!all.length) return '<pending>';
      const joined = all.join(',');
      return !ctx.wide && joined.length > 16 ? joined.slice(0, 13) + '...' : joined;
    }
    case 'ExternalName':
      return s.externalName ?? '';
  }
  return '<unknown>';
}

function endpointsCell(o: StoredObject): string {
  const subsets = ((o as C).subsets ?? []) as C[];
  if (!subsets.length) return '<none>';
  const out: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const ports = (ss.ports ?? []) as C[];
    for (const a of (ss.addresses ?? []) as C[]) {
      if (!ports.length) {
        count++;
        if (out.length < 3) out.push(a.ip);
        continue;
      }
      for (const p of ports) {
        count++;
        if (out.length < 3) out.push(`${a.ip}:${p.port}`);
      }
    }
  }
  if (!count) return '<none>';
  return out.join(',') + (count > 3 ? ` + ${count - 3} more...` : '');
}

function moreList(items: string[], empty = '<unset>'): string {
  if (!items.length) return empty;
  return items.slice(0, 3).join(',') + (items.length > 3 ? ` + ${items.length - 3} more...` : '');
}

const ACCESS: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
export const accessModes = (modes: string[] | undefined) => (modes ?? []).map((m) => ACCESS[m] ?? m).join(',');

function quotaCells(o: StoredObject, limits: boolean): string {
  const hard = (status(o).hard ?? spec(o).hard ?? {}) as Record<string, string>;
  const used = (status(o).used ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .filter((k) => k.startsWith('limits.') === limits)
    .sort()
    .map((k) => `${k}: ${used[k] ?? '0'}/${hard[k]}`)
    .join(', ');
}

function nodeStatus(o: StoredObject): string {
  const ready = ((status(o).conditions ?? []) as C[]).find((c) => c.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (spec(o).unschedulable) s += ',SchedulingDisabled';
  return s;
}

function nodeRoles(o: StoredObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const nodeAddr = (o: StoredObject, type: string) => ((status(o).addresses ?? []) as C[]).find((a) => a.type === type)?.address ?? '<none>';

function eventLastSeen(e: StoredObject, now: number): string {
  const ts = (e as C).series?.lastObservedTime ?? (e as C).lastTimestamp ?? (e as C).firstTimestamp ?? (e as C).eventTime;
  return ts ? humanDuration(now - Date.parse(ts)) : '<unknown>';
}

function eventObject(e: StoredObject): string {
  const io = (e as C).involvedObject ?? {};
  return `${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`;
}

export const COLUMNS: Record<string, Column[]> = {
  Pod: [
    NAME,
    { name: 'Ready', cell: podReady },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', cell: (o, c) => podRestarts(o, c.now) },
    AGE,
    { name: 'IP', wide: true, cell: (o) => status(o).podIPs?.[0]?.ip ?? status(o).podIP ?? '<none>' },
    { name: 'Node', wide: true, cell: (o) => spec(o).nodeName || '<none>' },
    { name: 'Nominated Node', wide: true, cell: (o) => status(o).nominatedNodeName || '<none>' },
    {
      name: 'Readiness Gates',
      wide: true,
      cell: (o) => {
        const gates = (spec(o).readinessGates ?? []) as C[];
        if (!gates.length) return '<none>';
        const ok = gates.filter((g) => ((status(o).conditions ?? []) as C[]).some((c) => c.type === g.conditionType && c.status === 'True')).length;
        return `${ok}/${gates.length}`;
      },
    },
  ],
  ReplicationController: [
    NAME,
    { name: 'Desired', cell: (o) => String(spec(o).replicas ?? 1) },
    { name: 'Current', cell: (o) => String(status(o).replicas ?? 0) },
    { name: 'Ready', cell: (o) => String(status(o).readyReplicas ?? 0) },
    AGE,
    CONTAINERS,
    IMAGES,
    { name: 'Selector', wide: true, cell: (o) => formatLabels(spec(o).selector) },
  ],
  ReplicaSet: [
    NAME,
    { name: 'Desired', cell: (o) => String(spec(o).replicas ?? 1) },
    { name: 'Current', cell: (o) => String(status(o).replicas ?? 0) },
    { name: 'Ready', cell: (o) => String(status(o).readyReplicas ?? 0) },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR_LS,
  ],
  Deployment: [
    NAME,
    { name: 'Ready', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}` },
    { name: 'Up-to-date', cell: (o) => String(status(o).updatedReplicas ?? 0) },
    { name: 'Available', cell: (o) => String(status(o).availableReplicas ?? 0) },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR_LS,
  ],
  StatefulSet: [NAME, { name: 'Ready', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}` }, AGE, CONTAINERS, IMAGES],
  DaemonSet: [
    NAME,
    { name: 'Desired', cell: (o) => String(status(o).desiredNumberScheduled ?? 0) },
    { name: 'Current', cell: (o) => String(status(o).currentNumberScheduled ?? 0) },
    { name: 'Ready', cell: (o) => String(status(o).numberReady ?? 0) },
    { name: 'Up-to-date', cell: (o) => String(status(o).updatedNumberScheduled ?? 0) },
    { name: 'Available', cell: (o) => String(status(o).numberAvailable ?? 0) },
    { name: 'Node Selector', cell: (o) => formatLabels(spec(o).template?.spec?.nodeSelector) },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR_LS,
  ],
  Job: [
    NAME,
    { name: 'Status', cell: (o) => jobStatusColumn(o) },
    { name: 'Completions', cell: (o) => jobCompletionsColumn(o) },
    {
      name: 'Duration',
      cell: (o, c) => {
        const st = status(o);
        if (!st.startTime) return '';
        const end = st.completionTime ? Date.parse(st.completionTime) : c.now;
        return humanDuration(end - Date.parse(st.startTime));
      },
    },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR_LS,
  ],
  CronJob: [
    NAME,
    { name: 'Schedule', cell: (o) => spec(o).schedule ?? '' },
    { name: 'Timezone', cell: (o) => spec(o).timeZone ?? '<none>' },
    { name: 'Suspend', cell: (o) => (spec(o).suspend === undefined ? '<unset>' : spec(o).suspend ? 'True' : 'False') },
    { name: 'Active', cell: (o) => String((status(o).active ?? []).length) },
    { name: 'Last Schedule', cell: (o, c) => (status(o).lastScheduleTime ? age(status(o).lastScheduleTime, c.now) : '<none>') },
    AGE,
    CONTAINERS,
    IMAGES,
    { name: 'Selector', wide: true, cell: (o) => formatLabelSelector(spec(o).jobTemplate?.spec?.selector) },
  ],
  Service: [
    NAME,
    { name: 'Type', cell: (o) => spec(o).type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => spec(o).clusterIPs?.[0] ?? spec(o).clusterIP ?? '<none>' },
    { name: 'External-IP', cell: externalIP },
    { name: 'Port(s)', cell: servicePorts },
    AGE,
    { name: 'Selector', wide: true, cell: (o) => formatLabels(spec(o).selector) },
  ],
  Endpoints: [NAME, { name: 'Endpoints', cell: endpointsCell }, AGE],
  EndpointSlice: [
    NAME,
    { name: 'AddressType', cell: (o) => (o as C).addressType ?? '' },
    { name: 'Ports', cell: (o) => moreList((((o as C).ports ?? []) as C[]).map((p) => (p.port !== undefined ? String(p.port) : p.name ?? '*'))) },
    { name: 'Endpoints', cell: (o) => moreList((((o as C).endpoints ?? []) as C[]).flatMap((e) => e.addresses ?? [])) },
    AGE,
  ],
  Namespace: [NAME, { name: 'Status', cell: (o) => status(o).phase ?? 'Active' }, AGE],
  ConfigMap: [NAME, { name: 'Data', cell: (o) => String(Object.keys((o as C).data ?? {}).length + Object.keys((o as C).binaryData ?? {}).length) }, AGE],
  Secret: [NAME, { name: 'Type', cell: (o) => (o as C).type ?? 'Opaque' }, { name: 'Data', cell: (o) => String(Object.keys((o as C).data ?? {}).length) }, AGE],
  ServiceAccount: [NAME, { name: 'Secrets', cell: (o) => String(((o as C).secrets ?? []).length) }, AGE],
  PersistentVolume: [
    NAME,
    { name: 'Capacity', cell: (o) => spec(o).capacity?.storage ?? '' },
    { name: 'Access Modes', cell: (o) => accessModes(spec(o).accessModes) },
    { name: 'Reclaim Policy', cell: (o) => spec(o).persistentVolumeReclaimPolicy ?? '' },
    { name: 'Status', cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : status(o).phase ?? '') },
    { name: 'Claim', cell: (o) => (spec(o).claimRef ? `${spec(o).claimRef.namespace}/${spec(o).claimRef.name}` : '') },
    { name: 'StorageClass', cell: (o) => spec(o).storageClassName ?? '' },
    { name: 'VolumeAttributesClass', cell: (o) => spec(o).volumeAttributesClassName ?? '<unset>' },
    { name: 'Reason', cell: (o) => status(o).reason ?? '' },
    AGE,
    { name: 'VolumeMode', wide: true, cell: (o) => spec(o).volumeMode ?? '<unset>' },
  ],
  PersistentVolumeClaim: [
    NAME,
    { name: 'Status', cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : status(o).phase ?? '') },
    { name: 'Volume', cell: (o) => spec(o).volumeName ?? '' },
    { name: 'Capacity', cell: (o) => (spec(o).volumeName ? status(o).capacity?.storage ?? '' : '') },
    { name: 'Access Modes', cell: (o) => (spec(o).volumeName ? accessModes(status(o).accessModes) : '') },
    { name: 'StorageClass', cell: (o) => spec(o).storageClassName ?? '' },
    { name: 'VolumeAttributesClass', cell: (o) => spec(o).volumeAttributesClassName ?? '<unset>' },
    AGE,
    { name: 'VolumeMode', wide: true, cell: (o) => spec(o).volumeMode ?? '<unset>' },
  ],
  StorageClass: [
    {
      name: 'Name',
      cell: (o) => {
        const a = o.metadata.annotations ?? {};
        return o.metadata.name + (a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true' ? ' (default)' : '');
      },
    },
    { name: 'Provisioner', cell: (o) => (o as C).provisioner ?? '' },
    { name: 'ReclaimPolicy', cell: (o) => (o as C).reclaimPolicy ?? 'Delete' },
    { name: 'VolumeBindingMode', cell: (o) => (o as C).volumeBindingMode ?? 'Immediate' },
    { name: 'AllowVolumeExpansion', cell: (o) => String(!!(o as C).allowVolumeExpansion) },
    AGE,
  ],
  Role: [NAME, CREATED_AT],
  ClusterRole: [NAME, CREATED_AT],
  LimitRange: [NAME, CREATED_AT],
  RoleBinding: bindingColumns(),
  ClusterRoleBinding: bindingColumns(),
  ResourceQuota: [NAME, { name: 'Request', cell: (o) => quotaCells(o, false) }, { name: 'Limit', cell: (o) => quotaCells(o, true) }, AGE],
  Node: [
    NAME,
    { name: 'Status', cell: nodeStatus },
    { name: 'Roles', cell: nodeRoles },
    AGE,
    { name: 'Version', cell: (o) => status(o).nodeInfo?.kubeletVersion ?? '' },
    { name: 'Internal-IP', wide: true, cell: (o) => nodeAddr(o, 'InternalIP') },
    { name: 'External-IP', wide: true, cell: (o) => nodeAddr(o, 'ExternalIP') },
    { name: 'OS-Image', wide: true, cell: (o) => status(o).nodeInfo?.osImage || '<unknown>' },
    { name: 'Kernel-Version', wide: true, cell: (o) => status(o).nodeInfo?.kernelVersion || '<unknown>' },
    { name: 'Container-Runtime', wide: true, cell: (o) => status(o).nodeInfo?.containerRuntimeVersion || '<unknown>' },
  ],
  Event: [
    { name: 'Last Seen', cell: (o, c) => eventLastSeen(o, c.now) },
    { name: 'Type', cell: (o) => (o as C).type ?? '' },
    { name: 'Reason', cell: (o) => (o as C).reason ?? '' },
    { name: 'Object', cell: eventObject },
    { name: 'Message', cell: (o) => String((o as C).message ?? '').trim() },
  ],
  ControllerRevision: [
    NAME,
    { name: 'Controller', cell: (o) => {
      const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
      return ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0]}/${ref.name}` : '<none>';
    } },
    { name: 'Revision', cell: (o) => String((o as C).revision ?? '') },
    AGE,
  ],
  PriorityClass: [NAME, { name: 'Value', cell: (o) => String((o as C).value ?? 0) }, { name: 'Global-Default', cell: (o) => String(!!(o as C).globalDefault) }, AGE, { name: 'PreemptionPolicy', wide: true, cell: (o) => (o as C).preemptionPolicy ?? 'PreemptLowerPriority' }],
  Lease: [NAME, { name: 'Holder', cell: (o) => spec(o).holderIdentity ?? '' }, AGE],
  // printComponentStatus: the Healthy condition's status (True = Healthy, else Unhealthy), message and error;
  // Unknown without one
  ComponentStatus: [NAME, { name: 'Status', cell: (o) => componentCondition(o, 'status') }, { name: 'Message', cell: (o) => componentCondition(o, 'message') }, { name: 'Error', cell: (o) => componentCondition(o, 'error') }],
};

function componentCondition(o: StoredObject, cell: 'status' | 'message' | 'error'): string {
  const c = (((o as C).conditions ?? []) as C[]).find((x) => x.type === 'Healthy');
  if (cell === 'status') return !c ? 'Unknown' : c.status === 'True' ? 'Healthy' : 'Unhealthy';
  return c?.[cell] ?? '';
}

/** Wide event columns (LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME). */
export const EVENT_WIDE: Column[] = [
  COLUMNS.Event[0],
  COLUMNS.Event[1],
  COLUMNS.Event[2],
  COLUMNS.Event[3],
  { name: 'Subobject', cell: (o) => (o as C).involvedObject?.fieldPath ?? '' },
  { name: 'Source', cell: (o) => [(o as C).source?.component, (o as C).source?.host].filter(Boolean).join(', ') },
  COLUMNS.Event[4],
  { name: 'First Seen', cell: (o, c) => ((o as C).firstTimestamp ? humanDuration(c.now - Date.parse((o as C).firstTimestamp)) : '<unknown>') },
  { name: 'Count', cell: (o) => String((o as C).count ?? 1) },
  NAME,
];

function bindingColumns(): Column[] {
  const subjects = (o: StoredObject, kind: string) =>
    (((o as C).subjects ?? []) as C[])
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? o.metadata.namespace ?? ''}/${s.name}` : s.name))
      .join(', ');
  return [
    NAME,
    { name: 'Role', cell: (o) => `${(o as C).roleRef?.kind}/${(o as C).roleRef?.name}` },
    AGE,
    { name: 'Users', wide: true, cell: (o) => subjects(o, 'User') },
    { name: 'Groups', wide: true, cell: (o) => subjects(o, 'Group') },
    { name: 'ServiceAccounts', wide: true, cell: (o) => subjects(o, 'ServiceAccount') },
  ];
}

/** Default table convertor for kinds without a printer: NAME + CREATED AT. */
export function columnsFor(kind: string): Column[] {
  return COLUMNS[kind] ?? [NAME, CREATED_AT];
}
