import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey, type WatchEvent } from '../store/store';
import { selectorFromSet, type Selector } from '../labels';
import { deepEqual } from '../registry/apiserver';
import { isNotFound } from '../registry/errors';

/**
 * Endpoints controller (K/K pkg/controller/endpoint/endpoints_controller.go):
 * one Endpoints object per Service with a selector, named like the Service.
 * Ready pods go to `addresses`, others to `notReadyAddresses`.
 */

export function podReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

function podTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** ShouldPodBeInEndpoints */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (podTerminal(pod)) return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** podutil.FindPort: resolve a service targetPort (number or container port name) against a pod. */
export function findPort(pod: KObject, svcPort: any): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (svcPort.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** The pods of a namespace a service selector matches (the podLister's List(selector)), in store order. */
export function podsSelectedBy(sim: Sim, namespace: string, sel: Selector): StoredObject[] {
  const pods: StoredObject[] = [];
  sim.store.forEach('Pod', namespace, (p) => {
    if (sel.matches(p.metadata.labels)) pods.push(p);
  });
  return pods;
}

/** Parsed service selectors by selector object (stored objects never change; null = selects nothing). */
const selectors = new WeakMap<object, Selector | null>();

/**
 * Watch handler shared by the Endpoints and EndpointSlice controllers: enqueue the services whose selector
 * matches the pod's labels after the change, then those matching them before it (a write that kept the labels
 * looks once; a service matching both is already waiting the second time, and the queue keeps one).
 * Made once per controller with its visitor, so a pod event builds no list and no closure.
 */
export function enqueueSelectingServices(sim: Sim, enqueue: (key: string) => void): (ev: WatchEvent) => void {
  let labels: Record<string, string> | undefined;
  const visit = (svc: StoredObject): void => {
    const sel = svc.spec?.selector;
    if (!sel) return;
    let parsed = selectors.get(sel);
    if (parsed === undefined) selectors.set(sel, (parsed = Object.keys(sel).length ? selectorFromSet(sel) : null));
    if (parsed && parsed.matches(labels)) enqueue(objKey(svc));
  };
  return (ev) => {
    const ns = ev.object.metadata.namespace!;
    const now = ev.object.metadata.labels;
    const before = ev.old && ev.old !== ev.object ? ev.old.metadata.labels : now;
    labels = now;
    sim.store.forEach('Service', ns, visit);
    if (before !== now) {
      labels = before;
      sim.store.forEach('Service', ns, visit);
    }
    labels = undefined;
  };
}

export function endpointAddress(pod: StoredObject, svc: KObject): any {
  const a: any = {
    ip: pod.status.podIP,
    nodeName: pod.spec?.nodeName,
    targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
  };
  if (pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) a.hostname = pod.spec.hostname;
  if (!a.nodeName) delete a.nodeName;
  return a;
}

function ipLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function computeSubsets(sim: Sim, svc: StoredObject): any[] {
  const ns = svc.metadata.namespace!;
  const sel = selectorFromSet(svc.spec.selector);
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  const ports: any[] = svc.spec.ports ?? [];
  // subset key (port list) → subset
  const subsets = new Map<string, { addresses: any[]; notReadyAddresses: any[]; ports: any[] }>();
  const pods = podsSelectedBy(sim, ns, sel);
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr = endpointAddress(pod, svc);
    const ready = publishNotReady || (podReady(pod) && !pod.metadata.deletionTimestamp);
    let epPorts: any[];
    if (ports.length === 0) {
      if (svc.spec.clusterIP !== 'None') continue;
      epPorts = [];
    } else {
      epPorts = [];
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const ep: any = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        epPorts.push(ep);
      }
      if (!epPorts.length) continue;
    }
    const key = JSON.stringify(epPorts);
    let s = subsets.get(key);
    if (!s) subsets.set(key, (s = { addresses: [], notReadyAddresses: [], ports: epPorts }));
    (ready ? s.addresses : s.notReadyAddresses).push(addr);
  }
  const out: any[] = [];
  for (const s of subsets.values()) {
    const sub: any = {};
    if (s.addresses.length) sub.addresses = s.addresses.sort((a, b) => ipLess(a.ip, b.ip));
    if (s.notReadyAddresses.length) sub.notReadyAddresses = s.notReadyAddresses.sort((a, b) => ipLess(a.ip, b.ip));
    if (s.ports.length) sub.ports = s.ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    out.push(sub);
  }
  return out;
}

export const endpointsModule: SimModule = {
  name: 'endpoints-controller',
  install(sim) {
    const w = sim.runtime.register('endpoints', (key) => sync(sim, key));
    sim.store.watch('Service', (ev) => w.enqueue(objKey(ev.object)));
    sim.store.watch('Pod', enqueueSelectingServices(sim, w.enqueue));
    sim.store.watch('Endpoints', (ev) => {
      if (ev.type === 'DELETED') w.enqueue(objKey(ev.object));
    });
  },
};

function sync(sim: Sim, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = sim.store.get('Service', ns, name);
  const cur = sim.store.get('Endpoints', ns, name);
  if (!svc) {
    // The Service is gone: delete the Endpoints the controller made for it.
    if (cur && cur.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller') {
      try {
        sim.api.delete('Endpoints', ns, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return;
  }
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return; // selector-less: Endpoints are the user's
  if (svc.spec.type === 'ExternalName') return;
  const subsets = computeSubsets(sim, svc);
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (cur && deepEqual(cur.subsets ?? [], subsets) && deepEqual(cur.metadata.labels ?? {}, labels)) return;
  const ep: KObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name,
      namespace: ns,
      labels,
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': sim.clock.iso() },
    },
  };
  if (subsets.length) ep.subsets = subsets;
  if (cur) {
    ep.metadata = { ...cur.metadata, labels, annotations: { ...(cur.metadata.annotations ?? {}), ...ep.metadata.annotations } };
    // built for this write (what it shares with the stored object is never changed): no copy needed
    sim.api.update(ep, { trusted: true, fresh: true });
  } else sim.api.create(ep, { trusted: true, fresh: true });
}
