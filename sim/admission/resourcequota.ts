import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { Strategy } from '../registry/strategy';
import { parseQuantity, Quantity } from '../api/quantity';
import { resourceForKind, RESOURCE_TYPES } from '../api/resources';
import { newForbidden } from '../registry/errors';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';

/**
 * ResourceQuota: the admission plugin (always last; K/K
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota,
 * pkg/quota/v1/evaluator/core) and the resourcequota controller that keeps
 * status.used up to date (reference §10.3).
 */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const COUNT_KINDS: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  replicationcontrollers: 'ReplicationController',
  resourcequotas: 'ResourceQuota',
};

function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** requests or limits of a pod for one resource: containers summed, max with each init container. */
function podResource(pod: KObject, kind: 'requests' | 'limits', res: string): Quantity | undefined {
  let total: Quantity | undefined;
  for (const c of pod.spec?.containers ?? []) {
    const v = c.resources?.[kind]?.[res];
    if (v !== undefined) total = total ? total.add(parseQuantity(String(v))) : parseQuantity(String(v));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const v = c.resources?.[kind]?.[res];
    if (v === undefined) continue;
    const q = parseQuantity(String(v));
    if (!total || q.cmp(total) > 0) total = q;
  }
  return total;
}

/** What one object contributes to each quota resource name. */
export function usageOf(obj: KObject, names: string[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const one = parseQuantity('1');
  const t = resourceForKind(obj.kind);
  for (const name of names) {
    if (name.startsWith('count/')) {
      const target = name.slice(6);
      if (t && (target === t.resource || target === `${t.resource}.${t.group}`)) {
        if (obj.kind !== 'Pod' || !isTerminal(obj)) out.set(name, one);
      }
      continue;
    }
    if (COUNT_KINDS[name] === obj.kind) {
      if (obj.kind !== 'Pod' || !isTerminal(obj)) out.set(name, one);
      continue;
    }
    if (obj.kind === 'Pod') {
      if (isTerminal(obj)) continue;
      const m = /^(requests\.|limits\.)?(cpu|memory|ephemeral-storage|hugepages-.+|.+\/.+)$/.exec(name);
      if (!m) continue;
      const kind = m[1] === 'limits.' ? 'limits' : 'requests';
      const v = podResource(obj, kind, m[2]);
      if (v) out.set(name, v);
    } else if (obj.kind === 'Service') {
      const type = obj.spec?.type ?? 'ClusterIP';
      if (name === 'services.nodeports' && (type === 'NodePort' || type === 'LoadBalancer')) out.set(name, parseQuantity(String((obj.spec?.ports ?? []).length)));
      if (name === 'services.loadbalancers' && type === 'LoadBalancer') out.set(name, one);
    } else if (obj.kind === 'PersistentVolumeClaim') {
      const size = obj.spec?.resources?.requests?.storage;
      const cls = obj.spec?.storageClassName;
      if (name === 'requests.storage' && size) out.set(name, parseQuantity(size));
      if (cls && name === `${cls}.storageclass.storage.k8s.io/requests.storage` && size) out.set(name, parseQuantity(size));
      if (cls && name === `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`) out.set(name, one);
    }
  }
  return out;
}

/** Scope matching (Terminating, NotTerminating, BestEffort, NotBestEffort). */
function matchesScopes(quota: KObject, obj: KObject): boolean {
  const scopes: string[] = quota.spec?.scopes ?? [];
  if (!scopes.length) return true;
  if (obj.kind !== 'Pod') return false;
  const terminating = obj.spec?.activeDeadlineSeconds !== undefined && obj.spec.activeDeadlineSeconds >= 0;
  const bestEffort = (obj.spec?.containers ?? []).every((c: any) => !Object.keys(c.resources?.requests ?? {}).length && !Object.keys(c.resources?.limits ?? {}).length);
  return scopes.every((s) => (s === 'Terminating' ? terminating : s === 'NotTerminating' ? !terminating : s === 'BestEffort' ? bestEffort : s === 'NotBestEffort' ? !bestEffort : true));
}

function zeroLike(q: Quantity | undefined): Quantity {
  return new Quantity(0n, q?.format ?? 'DecimalSI');
}

/** Full recount of a quota's usage (the controller). */
export function computeUsed(sim: Sim, quota: StoredObject): Record<string, string> {
  const names = Object.keys(quota.spec?.hard ?? {});
  const totals = new Map<string, Quantity>();
  for (const n of names) totals.set(n, zeroLike(parseHard(quota, n)));
  const kinds = new Set(['Pod', 'Service', 'PersistentVolumeClaim', 'ConfigMap', 'Secret', 'ReplicationController', 'ResourceQuota']);
  for (const n of names) {
    if (!n.startsWith('count/')) continue;
    const [res, ...g] = n.slice(6).split('.');
    const t = RESOURCE_TYPES.find((r) => r.resource === res && r.group === g.join('.'));
    if (t) kinds.add(t.kind);
  }
  for (const kind of kinds)
    for (const o of sim.store.iterate(kind, quota.metadata.namespace)) {
      if (!matchesScopes(quota, o)) continue;
      for (const [k, v] of usageOf(o, names)) totals.set(k, totals.get(k)!.add(v));
    }
  const out: Record<string, string> = {};
  for (const [k, v] of totals) out[k] = v.toString();
  return out;
}

function parseHard(quota: KObject, name: string): Quantity | undefined {
  try {
    return parseQuantity(String(quota.spec.hard[name]));
  } catch {
    return undefined;
  }
}

const quotaStrategy: Strategy = {
  kind: 'ResourceQuota',
  hasGeneration: false,
  prepareForCreate(q) {
    delete q.status;
  },
  prepareForUpdate(q, old) {
    q.status = old.status ? clone(old.status) : undefined;
    if (!q.status) delete q.status;
  },
};

export const resourceQuotaModule: SimModule = {
  name: 'resourcequota',
  install(sim) {
    sim.api.registerStrategy(quotaStrategy);
    const w = sim.runtime.register('resourcequota', (ns) => syncNamespace(sim, ns));
    const enqueue = (o: KObject) => {
      const ns = o.metadata.namespace;
      if (ns && sim.store.count('ResourceQuota', ns)) w.enqueue(ns);
    };
    for (const kind of ['Pod', 'Service', 'PersistentVolumeClaim', 'ConfigMap', 'Secret', 'ReplicationController', 'ResourceQuota', 'Deployment', 'ReplicaSet', 'Job'])
      sim.store.watch(kind, (ev) => enqueue(ev.object));
    sim.api.registerAdmission({
      name: 'ResourceQuota',
      order: 10_000,
      validate(a) {
        if (a.operation !== 'CREATE' || a.subresource || a.dryRun) return;
        const quotas = sim.store.list('ResourceQuota', a.namespace);
        if (!quotas.length) return;
        const gr = a.resource.group ? `${a.resource.resource}.${a.resource.group}` : a.resource.resource;
        const updates: { quota: StoredObject; used: Record<string, string> }[] = [];
        for (const quota of quotas) {
          if (!matchesScopes(quota, a.object)) continue;
          const names = Object.keys(quota.spec?.hard ?? {});
          if (a.resource.kind === 'Pod') {
            const missing: string[] = [];
            for (const n of names.filter((x) => MUST_SPECIFY.has(x)).sort()) {
              const kind = n.startsWith('limits.') ? 'limits' : 'requests';
              const res = n.replace(/^(requests|limits)\./, '');
              const who = (a.object.spec?.containers ?? []).filter((c: any) => c.resources?.[kind]?.[res] === undefined).map((c: any) => c.name);
              if (who.length) missing.push(`${n} for: ${who.join(',')}`);
            }
            if (missing.length) throw newForbidden(gr, a.name, `failed quota: ${quota.metadata.name}: must specify ${missing.join('; ')}`);
          }
          const delta = usageOf(a.object, names);
          if (!delta.size) continue;
          const used = quota.status?.used ? { ...quota.status.used } : computeUsed(sim, quota);
          const exceeded: string[] = [];
          for (const [k, v] of delta) {
            const hard = parseHard(quota, k);
            if (!hard) continue;
            const cur = used[k] ? parseQuantity(used[k]) : zeroLike(hard);
            if (cur.add(v).cmp(hard) > 0) exceeded.push(k);
          }
          if (exceeded.length) {
            exceeded.sort();
            const fmt = (f: (k: string) => string) => exceeded.map((k) => `${k}=${f(k)}`).join(',');
            throw newForbidden(
              gr,
              a.name,
              `exceeded quota: ${quota.metadata.name}, requested: ${fmt((k) => delta.get(k)!.toString())}, used: ${fmt((k) => (used[k] ? parseQuantity(used[k]).toString() : '0'))}, limited: ${fmt((k) => parseHard(quota, k)!.toString())}`,
            );
          }
          for (const [k, v] of delta) used[k] = (used[k] ? parseQuantity(used[k]) : zeroLike(parseHard(quota, k))).add(v).toString();
          updates.push({ quota, used });
        }
        // admission charges usage synchronously (optimistic status update)
        for (const { quota, used } of updates) {
          const next = clone(quota);
          next.status = { hard: clone(quota.spec.hard), used };
          sim.api.updateStatus(next);
        }
      },
    });
  },
};

function syncNamespace(sim: Sim, ns: string): void {
  for (const quota of sim.store.list('ResourceQuota', ns)) {
    const used = computeUsed(sim, quota);
    const status = { hard: clone(quota.spec?.hard ?? {}), used };
    if (deepEqual(quota.status, status)) continue;
    sim.api.updateStatus({ ...clone(quota), status });
  }
}
