import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { deepEqual } from '../registry/apiserver';
import { isAlreadyExists, isNotFound } from '../registry/errors';
import { daemonSetStrategy, TEMPLATE_GENERATION_ANNOTATION } from '../registry/daemonset';
import { controllerRevisionStrategy, newControllerRevision, templatePatch } from '../registry/controllerrevision';
import { selectorFromLabelSelector } from '../labels';
import { intOrPercentValue } from '../registry/workloads-common';
import {
  computeHash,
  controllerOf,
  ensureControllerIndex,
  errorMessage,
  isPodAvailable,
  msUntilAvailable,
  ownedBy,
  podFitsNodeAffinity,
  podFromTemplate,
  podsPrefix,
  untoleratedTaint,
} from './workload-util';
import type { Worker } from '../runtime/loop';

/**
 * DaemonSet controller (K/K pkg/controller/daemon/daemon_controller.go,
 * update.go, util/daemonset_util.go). Source component `daemonset-controller`.
 */

const SOURCE = { component: 'daemonset-controller' };
export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** AddOrUpdateDaemonPodTolerations (daemon/util/daemonset_util.go), in that order. */
export function addDaemonPodTolerations(spec: any): void {
  const add = (key: string, effect: string) => {
    const list: any[] = (spec.tolerations = spec.tolerations ?? []);
    const t = { key, operator: 'Exists', effect };
    const i = list.findIndex((x) => x.key === key && x.effect === effect);
    if (i >= 0) list[i] = t;
    else list.push(t);
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node with matchFields metadata.name. */
export function pinToNode(spec: any, node: string): void {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  spec.affinity = spec.affinity ?? {};
  spec.affinity.nodeAffinity = spec.affinity.nodeAffinity ?? {};
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
}

/** GetTargetNodeName: spec.nodeName, or the node named by the matchFields affinity. */
export function targetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

/** NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning] */
/** The DaemonSet's pod spec with the daemon tolerations added, once per template spec object (stored objects never change). */
const daemonPodSpecs = new WeakMap<object, any>();
function daemonPodSpec(ds: KObject): any {
  const tpl = ds.spec.template?.spec;
  const hit = tpl && typeof tpl === 'object' ? daemonPodSpecs.get(tpl) : undefined;
  if (hit) return hit;
  const spec = clone(tpl ?? {});
  addDaemonPodTolerations(spec);
  if (tpl && typeof tpl === 'object') daemonPodSpecs.set(tpl, spec);
  return spec;
}

export function nodeShouldRunDaemonPod(node: KObject, ds: KObject): [boolean, boolean] {
  const spec = daemonPodSpec(ds);
  const fitsName = !spec.nodeName || spec.nodeName === node.metadata.name;
  if (!fitsName || !podFitsNodeAffinity(spec, node)) return [false, false];
  const taints = node.spec?.taints ?? [];
  if (untoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule')) {
    return [false, !untoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute')];
  }
  return [true, true];
}

export class DaemonSetController {
  readonly worker: Worker;

  constructor(private readonly sim: Sim) {
    ensureControllerIndex(sim, 'Pod');
    ensureControllerIndex(sim, 'ControllerRevision');
    this.worker = sim.runtime.register('daemonset', (k) => this.sync(k));
    sim.store.watch('DaemonSet', (ev) => this.worker.enqueue(objKey(ev.object)));
    sim.store.watch('Pod', (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'DaemonSet') this.worker.enqueue(`${ev.object.metadata.namespace}/${ref.name}`);
    });
    sim.store.watch('ControllerRevision', (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'DaemonSet' && ev.type === 'DELETED') this.worker.enqueue(`${ev.object.metadata.namespace}/${ref.name}`);
    });
    sim.store.watch('Node', (ev) => {
      if (ev.type === 'MODIFIED' && ev.old && deepEqual(ev.old.metadata.labels, ev.object.metadata.labels) && deepEqual(ev.old.spec, ev.object.spec)) return;
      for (const ds of sim.store.iterate('DaemonSet')) this.worker.enqueue(objKey(ds));
    });
  }

  private event(ds: KObject, type: 'Normal' | 'Warning', reason: string, msg: string): void {
    this.sim.events.event(ds, type, reason, msg, SOURCE);
  }

  /** constructHistory: the current revision (created or bumped) and the old ones. */
  private history(ds: StoredObject): { cur: StoredObject | undefined; hash: string; old: StoredObject[] } {
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const all = ownedBy(this.sim, 'ControllerRevision', ds.metadata.uid);
    const maxRev = all.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
    let cur = all.find((r) => r.metadata.name === name);
    const old = all.filter((r) => r !== cur);
    if (cur) {
      if ((cur.revision ?? 0) < maxRev) cur = this.sim.api.mutate('ControllerRevision', cur.metadata.namespace!, cur.metadata.name, (o) => (o.revision = maxRev + 1));
    } else {
      const labels = { ...(ds.spec.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
      try {
        cur = this.sim.api.create(newControllerRevision(ds, name, labels, templatePatch(ds), maxRev + 1));
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        cur = this.sim.store.get('ControllerRevision', ds.metadata.namespace!, name);
      }
    }
    return { cur, hash, old };
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const ds = this.sim.store.get('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    let selector;
    try {
      selector = selectorFromLabelSelector(ds.spec.selector);
    } catch {
      return;
    }
    if (!ds.spec.selector || (!Object.keys(ds.spec.selector.matchLabels ?? {}).length && !(ds.spec.selector.matchExpressions ?? []).length)) return;
    const { hash, old } = this.history(ds);
    const now = this.sim.clock.now();
    const nodes = this.sim.store.list('Node');
    // pods by target node (claimed by controller ref and matching the selector)
    const byNode = new Map<string, StoredObject[]>();
    for (const p of ownedBy(this.sim, 'Pod', ds.metadata.uid)) {
      if (!selector.matches(p.metadata.labels)) continue;
      const n = targetNodeName(p) ?? '';
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    const toCreate: string[] = [];
    const toDelete: StoredObject[] = [];
    const should = new Map<string, boolean>();
    for (const node of nodes) {
      const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, ds);
      should.set(node.metadata.name, shouldRun);
      const pods = (byNode.get(node.metadata.name) ?? []).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
      if (shouldRun && !pods.length) toCreate.push(node.metadata.name);
      else if (shouldContinue) {
        const running: StoredObject[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            this.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`);
            toDelete.push(p);
            continue;
          }
          running.push(p);
        }
        if (!running.length && shouldRun) toCreate.push(node.metadata.name);
        // more than one daemon pod on a node: keep the oldest (updated one first under surge)
        if (running.length > 1) toDelete.push(...running.slice(1));
      } else {
        for (const p of pods) if (!p.metadata.deletionTimestamp) toDelete.push(p);
      }
    }
    // pods on nodes that no longer exist
    for (const [n, pods] of byNode) if (n && !should.has(n)) for (const p of pods) if (!p.metadata.deletionTimestamp) toDelete.push(p);

    this.syncNodes(ds, toDelete, toCreate, hash);

    // Rolling update (update.go rollingUpdate), maxSurge 0 path.
    if (ds.spec.updateStrategy?.type === 'RollingUpdate' && !toCreate.length) this.rollingUpdate(ds, hash, should, now);

    this.cleanupHistory(ds, old);
    this.updateStatus(ds, hash, should, now);
  }

  private syncNodes(ds: StoredObject, toDelete: StoredObject[], toCreate: string[], hash: string): void {
    for (const p of toDelete) this.deletePod(ds, p);
    const gen = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    let batch = Math.min(toCreate.length, 1);
    let i = 0;
    while (i < toCreate.length) {
      let errors = 0;
      for (let j = 0; j < batch && i < toCreate.length; j++, i++) {
        const t = clone(ds.spec.template ?? {});
        t.metadata = t.metadata ?? {};
        t.metadata.labels = { ...(t.metadata.labels ?? {}), [REVISION_HASH_LABEL]: hash };
        if (gen) t.metadata.labels[TEMPLATE_GENERATION_LABEL] = gen;
        t.spec = t.spec ?? {};
        addDaemonPodTolerations(t.spec);
        pinToNode(t.spec, toCreate[i]);
        const pod = podFromTemplate(t, ds, podsPrefix(ds.metadata.name));
        try {
          const created = this.sim.api.create(pod);
          this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        } catch (e) {
          this.event(ds, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
          errors++;
        }
      }
      if (errors) break;
      batch = Math.min(batch * 2, toCreate.length - i);
    }
  }

  private deletePod(ds: StoredObject, p: StoredObject): void {
    try {
      this.sim.api.delete('Pod', p.metadata.namespace!, p.metadata.name);
      this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
    } catch (e) {
      if (!isNotFound(e)) this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
    }
  }

  private livePodsByNode(ds: StoredObject): Map<string, StoredObject[]> {
    const m = new Map<string, StoredObject[]>();
    for (const p of ownedBy(this.sim, 'Pod', ds.metadata.uid)) {
      const n = targetNodeName(p);
      if (!n) continue;
      if (!m.has(n)) m.set(n, []);
      m.get(n)!.push(p);
    }
    return m;
  }

  private rollingUpdate(ds: StoredObject, hash: string, should: Map<string, boolean>, now: number): void {
    const minReady = ds.spec.minReadySeconds ?? 0;
    const desired = [...should.values()].filter(Boolean).length;
    let maxUnavailable = intOrPercentValue(ds.spec.updateStrategy.rollingUpdate?.maxUnavailable ?? 1, desired, true);
    const maxSurge = intOrPercentValue(ds.spec.updateStrategy.rollingUpdate?.maxSurge ?? 0, desired, true);
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const byNode = this.livePodsByNode(ds);
    let unavailable = 0;
    const oldAvailable: StoredObject[] = [];
    const oldUnavailable: StoredObject[] = [];
    for (const [node, run] of should) {
      if (!run) continue;
      const pods = (byNode.get(node) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      const newPod = pods.find((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash);
      const oldPods = pods.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] !== hash);
      if (!pods.length) {
        unavailable++;
        continue;
      }
      if (newPod) {
        if (!isPodAvailable(newPod, minReady, now)) {
          unavailable++;
          const wait = msUntilAvailable(newPod, minReady, now);
          if (wait > 0) this.worker.enqueueAfter(objKey(ds), wait);
        }
        // old pods next to an updated pod go once the new one is available
        if (isPodAvailable(newPod, minReady, now)) for (const p of oldPods) this.deletePod(ds, p);
        continue;
      }
      for (const p of oldPods) {
        if (isPodAvailable(p, minReady, now)) oldAvailable.push(p);
        else {
          oldUnavailable.push(p);
          unavailable++;
        }
      }
    }
    // unavailable old pods are replaced first, then available ones within the budget
    for (const p of oldUnavailable) this.deletePod(ds, p);
    let budget = maxUnavailable - unavailable;
    oldAvailable.sort((a, b) => (targetNodeName(a)! < targetNodeName(b)! ? -1 : 1));
    for (const p of oldAvailable) {
      if (budget <= 0) break;
      this.deletePod(ds, p);
      budget--;
    }
  }

  /** cleanupHistory: keep revisionHistoryLimit old revisions not used by live pods. */
  private cleanupHistory(ds: StoredObject, old: StoredObject[]): void {
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    if (old.length <= limit) return;
    const live = new Set<string>();
    for (const p of ownedBy(this.sim, 'Pod', ds.metadata.uid)) {
      const h = p.metadata.labels?.[REVISION_HASH_LABEL];
      if (h) live.add(h);
    }
    const candidates = old.filter((r) => !live.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? '')).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    let excess = old.length - limit;
    for (const r of candidates) {
      if (excess-- <= 0) break;
      try {
        this.sim.api.delete('ControllerRevision', r.metadata.namespace!, r.metadata.name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private updateStatus(ds: StoredObject, hash: string, should: Map<string, boolean>, now: number): void {
    const minReady = ds.spec.minReadySeconds ?? 0;
    const byNode = this.livePodsByNode(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    for (const [node, run] of should) {
      const pods = (byNode.get(node) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      if (run) desired++;
      if (!pods.length) continue;
      if (!run) {
        misscheduled++;
        continue;
      }
      current++;
      const p = pods.find((x) => x.metadata.labels?.[REVISION_HASH_LABEL] === hash) ?? pods[0];
      const isReady = (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      if (isReady) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
        else {
          const wait = msUntilAvailable(p, minReady, now);
          if (wait > 0) this.worker.enqueueAfter(objKey(ds), wait);
        }
      }
      if (p.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++;
    }
    const status: any = {
      ...(ds.status?.collisionCount != null ? { collisionCount: ds.status.collisionCount } : {}),
      ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
    };
    if (updated) status.updatedNumberScheduled = updated;
    if (available) status.numberAvailable = available;
    if (desired - available > 0) status.numberUnavailable = desired - available;
    if (deepEqual(status, ds.status)) return;
    try {
      this.sim.api.updateStatus({ ...ds, status });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  resyncAll(): void {
    for (const ds of this.sim.store.iterate('DaemonSet')) this.worker.enqueue(objKey(ds));
  }
}

export const daemonSetModule: SimModule = {
  name: 'daemonset',
  install(sim) {
    sim.api.registerStrategy(daemonSetStrategy);
    if (!sim.api.strategy('ControllerRevision')) sim.api.registerStrategy(controllerRevisionStrategy);
    (sim.services as any).daemonSetController = new DaemonSetController(sim);
  },
  restore(sim) {
    ((sim.services as any).daemonSetController as DaemonSetController | undefined)?.resyncAll();
  },
};
