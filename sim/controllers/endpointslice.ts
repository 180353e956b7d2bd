import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { selectorFromSet } from '../labels';
import { deepEqual } from '../registry/apiserver';
import { enqueueSelectingServices, findPort, podReady, podsSelectedBy } from './endpoints';

/**
 * EndpointSlice controller (kubernetes/endpointslice reconciler.go, utils.go;
 * reference §5.5): one IPv4 slice per Service with a selector, listing every
 * matching pod with an IP (ready or not) with ready/serving/terminating
 * conditions. Plus the EndpointSliceMirroring controller for selector-less
 * Services with hand-written Endpoints.
 */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRROR = 'endpointslicemirroring-controller.k8s.io';
const MAX_PER_SLICE = 100;

export const endpointSliceModule: SimModule = {
  name: 'endpointslice-controller',
  install(sim) {
    sim.store.addIndex('EndpointSlice', 'service', (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc ? [`${s.metadata.namespace}/${svc}`] : [];
    });
    const w = sim.runtime.register('endpointslice', (key) => sync(sim, key));
    sim.store.watch('Service', (ev) => w.enqueue(objKey(ev.object)));
    sim.store.watch('Endpoints', (ev) => w.enqueue(objKey(ev.object)));
    sim.store.watch('Pod', enqueueSelectingServices(sim, w.enqueue));
  },
};

/** The slices of a Service (by the kubernetes.io/service-name label). */
export function slicesFor(sim: Sim, namespace: string, service: string): StoredObject[] {
  return sim.store
    .byIndex('EndpointSlice', 'service', `${namespace}/${service}`)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function desiredFromPods(sim: Sim, svc: StoredObject): { endpoints: any[]; ports: any[] } {
  const ns = svc.metadata.namespace!;
  const sel = selectorFromSet(svc.spec.selector);
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  const endpoints: any[] = [];
  let ports: any[] | undefined;
  const pods = podsSelectedBy(sim, ns, sel);
  // by IP, then name: code-unit order, which for IPv4 text and DNS names is the order localeCompare gives
  // (ICU root collation: punctuation, then digits, then letters), without collating 10,000 pairs per sync
  pods.sort((a, b) => cmp(a.status?.podIP ?? '', b.status?.podIP ?? '') || cmp(a.metadata.name, b.metadata.name));
  for (const pod of pods) {
    if (!pod.status?.podIP || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
    const podPorts: any[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      podPorts.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    ports ??= podPorts;
    const serving = podReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const ep: any = {
      addresses: [pod.status.podIP],
      conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
      nodeName: pod.spec?.nodeName,
      targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid },
    };
    if (pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
    if (!ep.nodeName) delete ep.nodeName;
    endpoints.push(ep);
  }
  return { endpoints, ports: ports ?? (svc.spec.ports ?? []).map((sp: any) => ({ name: sp.name ?? '', port: typeof sp.targetPort === 'number' ? sp.targetPort : sp.port, protocol: sp.protocol ?? 'TCP' })) };
}

function desiredFromEndpoints(ep: StoredObject): { endpoints: any[]; ports: any[] } {
  const endpoints: any[] = [];
  let ports: any[] = [];
  for (const s of ep.subsets ?? []) {
    ports = (s.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' }));
    for (const a of s.addresses ?? []) endpoints.push({ addresses: [a.ip], conditions: { ready: true }, ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(a.hostname ? { hostname: a.hostname } : {}) });
    for (const a of s.notReadyAddresses ?? []) endpoints.push({ addresses: [a.ip], conditions: { ready: false }, ...(a.nodeName ? { nodeName: a.nodeName } : {}) });
  }
  return { endpoints, ports };
}

function sync(sim: Sim, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = sim.store.get('Service', ns, name);
  const existing = slicesFor(sim, ns, name);
  let desired: { endpoints: any[]; ports: any[] } | undefined;
  let managedBy = CONTROLLER;
  if (svc && svc.spec?.type !== 'ExternalName') {
    if (svc.spec?.selector && Object.keys(svc.spec.selector).length) desired = desiredFromPods(sim, svc);
    else {
      const ep = sim.store.get('Endpoints', ns, name);
      // the apiserver writes the `kubernetes` slice itself; mirroring skips it
      if (ep && !(ns === 'default' && name === 'kubernetes')) {
        desired = desiredFromEndpoints(ep);
        managedBy = MIRROR;
      }
    }
  }
  const mine = existing.filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === managedBy);
  const others = existing.filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] !== managedBy && s.metadata.labels?.[MANAGED_BY_LABEL] !== undefined && s.metadata.labels?.[MANAGED_BY_LABEL] !== 'kube-apiserver');
  for (const s of others) sim.api.delete('EndpointSlice', ns, s.metadata.name);
  if (!desired) {
    for (const s of mine) sim.api.delete('EndpointSlice', ns, s.metadata.name);
    return;
  }
  const chunks: any[][] = [];
  for (let i = 0; i < desired.endpoints.length; i += MAX_PER_SLICE) chunks.push(desired.endpoints.slice(i, i + MAX_PER_SLICE));
  if (!chunks.length) chunks.push([]);
  const labels: Record<string, string> = { ...(svc!.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: managedBy };
  if (svc!.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  chunks.forEach((eps, i) => {
    const cur = mine[i];
    const body = { addressType: 'IPv4', endpoints: eps, ports: desired!.ports };
    if (cur) {
      if (deepEqual(cur.endpoints ?? [], eps) && deepEqual(cur.ports ?? [], desired!.ports) && deepEqual(cur.metadata.labels, labels)) return;
      // built for this write (the parts it shares with the stored slice are never changed): no copy needed
      sim.api.update({ ...cur, ...body, metadata: { ...cur.metadata, labels } }, { trusted: true, fresh: true });
    } else {
      const slice: KObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace: ns,
          labels,
          annotations: managedBy === CONTROLLER ? { 'endpoints.kubernetes.io/last-change-trigger-time': sim.clock.iso() } : {},
          ownerReferences: [
            { apiVersion: managedBy === CONTROLLER ? 'v1' : 'v1', kind: managedBy === CONTROLLER ? 'Service' : 'Endpoints', name, uid: managedBy === CONTROLLER ? svc!.metadata.uid : sim.store.get('Endpoints', ns, name)!.metadata.uid, controller: true, blockOwnerDeletion: true },
          ],
        },
        ...body,
      };
      if (!Object.keys(slice.metadata.annotations!).length) delete slice.metadata.annotations;
      sim.api.create(slice, { trusted: true });
    }
  });
  for (const s of mine.slice(chunks.length)) sim.api.delete('EndpointSlice', ns, s.metadata.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
