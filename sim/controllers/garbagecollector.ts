/**
 * Garbage collector (K/K pkg/controller/garbagecollector) and namespace
 * controller (pkg/controller/namespace/deletion):
 * - background cascade: when an owner is gone, dependents whose every owner is
 *   gone are deleted (others just lose the dangling reference);
 * - foreground: an owner with the `foregroundDeletion` finalizer waits until its
 *   dependents are deleted, then the finalizer is removed (the API server then
 *   removes the owner);
 * - orphan: the `orphan` finalizer makes dependents drop their ownerReference;
 * - a Terminating namespace has everything in it deleted, then its `kubernetes`
 *   finalizer removed.
 * Dependents are found through a per-kind index of owner UIDs (no scans).
 */
import type { StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { RESOURCE_TYPES, resourceForKind } from '../api/resources';
import { isNotFound } from '../registry/errors';
import { oneValue } from '../store/store';

const OWNER_INDEX = 'gc.owner';
const DEPENDENT_KINDS = ['Pod', 'ReplicaSet', 'ControllerRevision', 'Job', 'EndpointSlice', 'PersistentVolumeClaim', 'Endpoints', 'ConfigMap', 'Secret', 'Service', 'Deployment', 'DaemonSet', 'StatefulSet'];

const NO_OWNERS: string[] = [];

/** OWNER_INDEX: the uids an object's ownerReferences name (a loop, and one shared empty list for objects without) */
function ownerUids(o: StoredObject): string[] {
  const refs = o.metadata.ownerReferences;
  if (!refs || !refs.length) return NO_OWNERS;
  if (refs.length === 1) return oneValue(refs[0].uid);
  const out = new Array<string>(refs.length);
  for (let i = 0; i < refs.length; i++) out[i] = refs[i].uid;
  return out;
}

class GarbageCollector {
  private worker;
  private nsWorker;
  /** uid → (kind, namespace, name) of every live object that owns something */
  private live = new Map<string, { kind: string; ns: string; name: string }>();

  constructor(private sim: Sim) {
    for (const k of DEPENDENT_KINDS) {
      sim.store.addIndex(k, OWNER_INDEX, ownerUids, 'ownerReferences');
    }
    this.worker = sim.runtime.register('garbagecollector', (uid) => this.sync(uid));
    this.nsWorker = sim.runtime.register('namespace', (ns) => this.syncNamespace(ns));
    sim.store.watch('*', (ev) => {
      const o = ev.object;
      if (ev.type === 'DELETED') {
        this.live.delete(o.metadata.uid);
        this.worker.enqueue(o.metadata.uid);
        return;
      }
      if (o.metadata.deletionTimestamp && o.metadata.finalizers?.some((f) => f === 'foregroundDeletion' || f === 'orphan')) {
        this.live.set(o.metadata.uid, { kind: o.kind, ns: o.metadata.namespace ?? '', name: o.metadata.name });
        this.worker.enqueue(o.metadata.uid);
      }
      if (o.kind === 'Namespace' && o.metadata.deletionTimestamp) this.nsWorker.enqueue(o.metadata.name);
      // a dependent whose owner never existed or is already gone
      // (every object written comes here, most without owners: no [] stand-in for them)
      const refs = ev.type === 'ADDED' ? o.metadata.ownerReferences : undefined;
      if (refs) for (const r of refs) if (!this.ownerExists(o, r.kind, r.name, r.uid)) this.worker.enqueue(r.uid);
    });
  }

  private ownerExists(dep: StoredObject, kind: string, name: string, uid: string): boolean {
    // the first resource type of that kind, as a search of RESOURCE_TYPES finds (without one per object written)
    const t = resourceForKind(kind);
    const ns = t?.namespaced ? dep.metadata.namespace ?? '' : '';
    const o = this.sim.store.get(kind, ns, name);
    return !!o && o.metadata.uid === uid;
  }

  private dependents(uid: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const k of DEPENDENT_KINDS) for (const o of this.sim.store.byIndex(k, OWNER_INDEX, uid)) out.push(o);
    return out;
  }

  private findOwner(uid: string): StoredObject | undefined {
    const l = this.live.get(uid);
    if (!l) return undefined;
    const o = this.sim.store.get(l.kind, l.ns, l.name);
    return o && o.metadata.uid === uid ? o : undefined;
  }

  private removeFinalizer(o: StoredObject, f: string): void {
    this.sim.api.mutate(o.kind, o.metadata.namespace ?? '', o.metadata.name, (x) => {
      x.metadata.finalizers = (x.metadata.finalizers ?? []).filter((y) => y !== f);
      if (!x.metadata.finalizers.length) delete x.metadata.finalizers;
    });
  }

  private sync(uid: string): void {
    const owner = this.findOwner(uid);
    const deps = this.dependents(uid);
    if (owner?.metadata.finalizers?.includes('orphan')) {
      for (const d of deps) this.dropRef(d, uid);
      this.removeFinalizer(owner, 'orphan');
      return;
    }
    if (owner?.metadata.finalizers?.includes('foregroundDeletion')) {
      for (const d of deps) {
        if (d.metadata.deletionTimestamp) continue;
        if ((d.metadata.ownerReferences ?? []).length > 1 && (d.metadata.ownerReferences ?? []).some((r) => r.uid !== uid && this.ownerExistsFor(d, r))) {
          this.dropRef(d, uid);
          continue;
        }
        this.del(d, 'Foreground');
      }
      // wait until no dependent blocks the owner (their deletion re-enqueues this uid)
      if (!this.dependents(uid).some((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion))) this.removeFinalizer(owner, 'foregroundDeletion');
      return;
    }
    if (owner) return;
    // owner gone: background cascade
    for (const d of deps) {
      if (d.metadata.deletionTimestamp) continue;
      const others = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.ownerExistsFor(d, r));
      if (others.length) this.dropRef(d, uid);
      else this.del(d, 'Background');
    }
  }

  private ownerExistsFor(d: StoredObject, r: { kind: string; name: string; uid: string }): boolean {
    return this.ownerExists(d, r.kind, r.name, r.uid);
  }

  private dropRef(d: StoredObject, uid: string): void {
    this.sim.api.mutate(d.kind, d.metadata.namespace ?? '', d.metadata.name, (x) => {
      x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (!x.metadata.ownerReferences.length) delete x.metadata.ownerReferences;
    });
  }

  private del(d: StoredObject, policy: 'Background' | 'Foreground'): void {
    try {
      this.sim.api.delete(d.kind, d.metadata.namespace ?? '', d.metadata.name, { propagationPolicy: policy, uid: d.metadata.uid });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private syncNamespace(name: string): void {
    const sim = this.sim;
    const ns = sim.store.get('Namespace', '', name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    let left = 0;
    for (const t of RESOURCE_TYPES) {
      if (!t.namespaced || t.kind === 'Binding') continue;
      for (const o of sim.store.list(t.kind, name)) {
        left++;
        if (o.metadata.deletionTimestamp) continue;
        try {
          sim.api.delete(t.kind, name, o.metadata.name, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    if (left) {
      this.nsWorker.enqueueAfter(name, 1000);
      return;
    }
    const cur = sim.store.get('Namespace', '', name);
    if (!cur) return;
    sim.api.update({ ...cur, spec: { ...(cur.spec ?? {}), finalizers: [] } }, { subresource: 'finalize' });
  }
}

export const garbageCollectorModule: SimModule = {
  name: 'garbagecollector',
  install(sim) {
    new GarbageCollector(sim);
  },
};
