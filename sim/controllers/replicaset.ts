/**
 * ReplicaSet and ReplicationController controllers (K/K pkg/controller/
 * replicaset/replica_set.go; the RC manager wraps the same code): claim pods
 * (adopt matching orphans, release pods whose labels no longer match), create
 * missing pods in slow-start batches, delete surplus pods in ActivePods rank
 * order (reference §5.1), and report status. Source components
 * `replicaset-controller` / `replication-controller`.
 */
import type { KObject, OwnerReference, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { NO_VALUES, objKey, oneValue, splitKey } from '../store/store';
import { selectorFromLabelSelector, selectorFromSet, type Selector } from '../labels';
import { replicaSetStrategy, replicationControllerStrategy } from '../registry/replicaset';
import { deepEqual } from '../registry/apiserver';
import { activePodsLess, CONTROLLER_UID_INDEX, controllerOf, ensureControllerIndex, errorMessage, isPodActive, isPodAvailable, isPodTerminal, isPodReady, msUntilAvailable, newControllerRef, ownedBy, podFromTemplate, podsPrefix } from './workload-util';

type C = Record<string, any>;
const BURST = 500;

export function selectorOf(o: KObject): Selector {
  return o.kind === 'ReplicationController' ? selectorFromSet((o.spec as C)?.selector) : selectorFromLabelSelector((o.spec as C)?.selector);
}

/** The status figures of a controller's active pods: replicas, fully labeled, ready, available, and the next availability. */
class PodStats {
  replicas = 0;
  fully = 0;
  ready = 0;
  available = 0;
  /** ms until the next ready pod becomes available (0: none waits) */
  wait = 0;
  private readonly tpl: [string, string][];
  private readonly minReady: number;

  constructor(
    spec: C,
    private readonly now: number,
  ) {
    this.minReady = spec.minReadySeconds ?? 0;
    this.tpl = Object.entries((spec.template?.metadata?.labels ?? {}) as Record<string, string>);
  }

  add(p: StoredObject): void {
    if (!isPodActive(p)) return;
    this.replicas++;
    const labels = p.metadata.labels;
    let all = true;
    for (const [k, v] of this.tpl) {
      if (labels?.[k] !== v) {
        all = false;
        break;
      }
    }
    if (all) this.fully++;
    if (!isPodReady(p)) return;
    this.ready++;
    if (isPodAvailable(p, this.minReady, this.now)) this.available++;
    const ms = msUntilAvailable(p, this.minReady, this.now);
    if (ms > 0) this.wait = this.wait ? Math.min(this.wait, ms) : ms;
  }
}

/** A controller's pods, counted (see ReplicaManager.counts): each pod adds or takes back the same figures. */
class OwnedCounts {
  /** owned pods whose labels do not match the selector (to release) */
  nonMatching = 0;
  /** active pods that match (the replicas the controller has) */
  activeMatching = 0;
  /** active, fully labeled, ready (status) */
  active = 0;
  fully = 0;
  ready = 0;
  /** matching pods being deleted that have not finished (controller.FilterTerminatingPods + FilterClaimedPods) */
  terminating = 0;
  /** the template's labels as two lists (add() runs for every write of every owned pod) */
  private readonly tplKeys: string[];
  private readonly tplValues: string[];
  private selector: unknown;
  private tplLabels: unknown;

  constructor(
    private readonly sel: Selector,
    spec: C,
  ) {
    this.selector = spec.selector;
    this.tplLabels = spec.template?.metadata?.labels;
    const tpl = (this.tplLabels ?? {}) as Record<string, string>;
    this.tplKeys = Object.keys(tpl);
    this.tplValues = this.tplKeys.map((k) => tpl[k]);
  }

  /** Counted for this selector and these template labels (what the figures depend on)? */
  countsFor(spec: C): boolean {
    const labels = spec.template?.metadata?.labels;
    if ((spec.selector !== this.selector && !deepEqual(spec.selector, this.selector)) || (labels !== this.tplLabels && !deepEqual(labels, this.tplLabels))) return false;
    this.selector = spec.selector;
    this.tplLabels = labels;
    return true;
  }

  add(p: StoredObject, sign: 1 | -1): void {
    const labels = p.metadata.labels ?? {};
    const matches = this.sel.matches(labels);
    if (!matches) this.nonMatching += sign;
    if (!isPodActive(p)) {
      if (matches && p.metadata.deletionTimestamp && !isPodTerminal(p)) this.terminating += sign;
      return;
    }
    if (matches) this.activeMatching += sign;
    this.active += sign;
    let all = true;
    const keys = this.tplKeys;
    for (let i = 0; i < keys.length; i++) {
      if (labels[keys[i]] !== this.tplValues[i]) {
        all = false;
        break;
      }
    }
    if (all) this.fully += sign;
    if (isPodReady(p)) this.ready += sign;
  }
}

class ReplicaManager {
  private worker;
  private source;

  constructor(private sim: Sim, readonly kind: 'ReplicaSet' | 'ReplicationController') {
    this.source = { component: kind === 'ReplicaSet' ? 'replicaset-controller' : 'replication-controller' };
    this.worker = sim.runtime.register(kind === 'ReplicaSet' ? 'replicaset' : 'replicationcontroller', (key) => this.sync(key));
    sim.store.watch(kind, (ev) => {
      if (ev.type === 'DELETED') this.counts.delete(ev.object.metadata.uid);
      this.worker.enqueue(objKey(ev.object));
    });
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object;
      const ref = controllerOf(pod);
      if (this.counts.size) this.count(ev.type, pod, ev.old, ref);
      if (ref) {
        if (ref.kind === kind) this.worker.enqueue(this.keyOf(pod.metadata.namespace, ref.name));
        if (ev.type === 'MODIFIED' && ev.old) {
          const oldRef = controllerOf(ev.old);
          if (oldRef && oldRef.kind === kind && oldRef.uid !== ref.uid) this.worker.enqueue(`${pod.metadata.namespace}/${oldRef.name}`);
        }
        return;
      }
      if (ev.type === 'DELETED') return;
      // an orphan: every controller of this kind whose selector matches may adopt it
      for (const o of sim.store.list(kind, pod.metadata.namespace)) {
        if (!o.metadata.deletionTimestamp && selectorOf(o).matches(pod.metadata.labels ?? {})) this.worker.enqueue(objKey(o));
      }
      if (ev.type === 'MODIFIED' && ev.old) {
        const oldRef = controllerOf(ev.old);
        if (oldRef && oldRef.kind === kind) this.worker.enqueue(`${pod.metadata.namespace}/${oldRef.name}`);
      }
    });
  }

  /**
   * `<namespace>/<name>` of the controller the last pod event named: a burst of events names one controller,
   * whose key (and its hash) is then made once rather than joined anew for each event.
   */
  private lastNs: string | undefined = '';
  private lastName = '';
  private lastKey = '';

  private keyOf(ns: string | undefined, name: string): string {
    if (name !== this.lastName || ns !== this.lastNs || !this.lastKey) {
      this.lastNs = ns;
      this.lastName = name;
      this.lastKey = `${ns}/${name}`;
    }
    return this.lastKey;
  }

  /**
   * Per controller uid: its pods counted as the sync would count them, kept up to date from the pod watch
   * (the informer's events), so a sync need not walk thousands of pods. Valid while the controller's
   * selector and template labels are the ones they were counted for; made by the first sync that walks the pods.
   */
  private counts = new Map<string, OwnedCounts>();

  private count(type: string, pod: StoredObject, old: StoredObject | undefined, ref: OwnerReference | undefined): void {
    if (type !== 'ADDED' && old) {
      const oldRef = type === 'DELETED' ? ref : controllerOf(old);
      const c = oldRef && this.counts.get(oldRef.uid);
      if (c) c.add(old, -1);
    }
    if (type !== 'DELETED' && ref) this.counts.get(ref.uid)?.add(pod, 1);
  }

  private sync(key: string): void {
    const sim = this.sim;
    const [ns, name] = splitKey(key);
    const rs = sim.store.get(this.kind, ns, name);
    if (!rs) return;
    const spec = (rs.spec ?? {}) as C;
    const sel = selectorOf(rs);
    const now = sim.clock.now();
    // claim (ClaimPods): owned pods whose labels no longer match are released, matching orphans adopted.
    // A first pass only counts (in no particular order); the ordered list is read when pods are to be
    // released or deleted, where the order matters.
    // The same pass gathers the status figures; they are counted again only when the set of owned pods
    // changes other than by the pods created here.
    const uid = rs.metadata.uid;
    let counts = this.counts.get(uid);
    if (!counts || !counts.countsFor(spec)) {
      const fresh = new OwnedCounts(sel, spec);
      sim.store.forEachByIndex('Pod', CONTROLLER_UID_INDEX, uid, (p) => fresh.add(p, 1));
      this.counts.set(uid, (counts = fresh));
    }
    const mismatch = counts.nonMatching > 0;
    let activeCount = counts.activeMatching;
    if (mismatch && !rs.metadata.deletionTimestamp) {
      for (const p of ownedBy(sim, 'Pod', uid)) {
        if (sel.matches(p.metadata.labels ?? {})) continue;
        sim.api.mutate('Pod', ns, p.metadata.name, (o) => {
          o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          if (!o.metadata.ownerReferences.length) delete o.metadata.ownerReferences;
        });
      }
    }
    if (!rs.metadata.deletionTimestamp && !sel.empty()) {
      for (const p of sim.store.byIndex('Pod', 'rs.orphans', ns)) {
        if (p.metadata.deletionTimestamp || !isPodActive(p) || !sel.matches(p.metadata.labels ?? {})) continue;
        const adopted = sim.api.mutate('Pod', ns, p.metadata.name, (o) => {
          o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(rs)];
        });
        if (adopted && isPodActive(adopted)) activeCount++;
      }
    }
    // the claimed active pods in the order the controller saw them: owned ones as last written, adopted ones last
    const active = (): StoredObject[] => ownedBy(sim, 'Pod', uid).filter((p) => sel.matches(p.metadata.labels ?? {}) && isPodActive(p));
    let failure: string | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const want = spec.replicas ?? 1;
      const diff = activeCount - want;
      if (diff < 0) {
        let remaining = Math.min(-diff, BURST);
        let batch = 1;
        // the same for every pod of this sync
        const prefix = podsPrefix(name);
        outer: while (remaining > 0) {
          const n = Math.min(batch, remaining);
          for (let i = 0; i < n; i++) {
            try {
              const pod = podFromTemplate(spec.template, rs, prefix);
              // podFromTemplate copies what it takes from the template; with every owner field set nothing
              // in it is undefined, so the API server may take it as it is
              const m = rs.metadata;
              const fresh = rs.apiVersion !== undefined && rs.kind !== undefined && m.name !== undefined && m.uid !== undefined && m.namespace !== undefined;
              // the template was strictly decoded (and its quantities canonicalized) when the ReplicaSet or its
              // Deployment was written, and the schema of a template's spec is the Pod's: decoding again finds nothing
              const created = sim.api.create(pod, { fresh, trusted: true });
              sim.events.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, this.source);
            } catch (e) {
              failure = errorMessage(e);
              sim.events.event(rs, 'Warning', 'FailedCreate', `Error creating: ${failure}`, this.source);
              break outer;
            }
          }
          remaining -= n;
          batch *= 2;
        }
        if (failure) this.worker.addRateLimited(key);
        else this.worker.forget(key);
      } else if (diff > 0) {
        const victims = this.podsToDelete(active(), Math.min(diff, BURST));
        for (const p of victims) {
          try {
            sim.api.delete('Pod', ns, p.metadata.name, { uid: p.metadata.uid });
            sim.events.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, this.source);
          } catch {
            /* already gone */
          }
        }
      }
    }
    // status from the current pods (the counts followed every change made above through the watch);
    // availability after minReadySeconds depends on the time, so then the pods are walked
    let replicas = counts.active;
    const fully = counts.fully;
    const ready = counts.ready;
    let available = ready;
    let wait = 0;
    if (spec.minReadySeconds) {
      const st = new PodStats(spec, now);
      sim.store.forEachByIndex('Pod', CONTROLLER_UID_INDEX, uid, (p) => st.add(p));
      ({ replicas, available, wait } = st);
    }
    if (wait) this.worker.enqueueAfter(key, wait + 1, { settle: true });
    const st: C = { replicas };
    if (fully) st.fullyLabeledReplicas = fully;
    if (ready) st.readyReplicas = ready;
    if (available) st.availableReplicas = available;
    // status.terminatingReplicas (DeploymentReplicaSetTerminatingReplicas: beta and on by default in v1.35):
    // replica_set.go calculateStatus sets it, 0 included, for ReplicaSets; ReplicationControllers have no such field
    if (this.kind === 'ReplicaSet') st.terminatingReplicas = counts.terminating;
    if (rs.metadata.generation) st.observedGeneration = rs.metadata.generation;
    const prevFailure = ((rs.status as C)?.conditions ?? []).find((c: C) => c.type === 'ReplicaFailure');
    // calculateStatus: the ReplicaFailure condition is set once and kept while failures go on (its first message stays)
    if (failure) st.conditions = [prevFailure ?? { lastTransitionTime: sim.clock.iso(), message: failure, reason: 'FailedCreate', status: 'True', type: 'ReplicaFailure' }];
    const cur = sim.store.get(this.kind, ns, name);
    if (cur) sim.api.updateStatus({ ...cur, status: st } as KObject);
  }

  /** getPodsToDelete: rank by ActivePods order, with siblings on the same node counted (more co-located first). */
  private podsToDelete(pods: StoredObject[], n: number): StoredObject[] {
    const onNode = new Map<string, number>();
    for (const p of pods) {
      const node = (p.spec as C)?.nodeName;
      if (node) onNode.set(node, (onNode.get(node) ?? 0) + 1);
    }
    const cost = (p: StoredObject) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
    const ranked = [...pods].sort((a, b) => {
      const an = (a.spec as C)?.nodeName ? 1 : 0;
      const bn = (b.spec as C)?.nodeName ? 1 : 0;
      if (an !== bn) return an - bn;
      const base = activePodsLess(a, b);
      const phaseReady = (p: StoredObject) => `${(p.status as C)?.phase}|${isPodReady(p)}`;
      if (phaseReady(a) !== phaseReady(b)) return base;
      if (cost(a) !== cost(b)) return cost(a) - cost(b);
      const ra = onNode.get((a.spec as C)?.nodeName) ?? 0;
      const rb = onNode.get((b.spec as C)?.nodeName) ?? 0;
      if (ra !== rb) return rb - ra;
      return base;
    });
    return ranked.slice(0, n);
  }
}

export const replicaSetModule: SimModule = {
  name: 'replicaset',
  install(sim) {
    sim.api.registerStrategy(replicaSetStrategy(sim));
    sim.api.registerStrategy(replicationControllerStrategy(sim));
    ensureControllerIndex(sim, 'Pod');
    ensureControllerIndex(sim, 'ReplicaSet');
    sim.store.addIndex('Pod', 'rs.orphans', (p) => (controllerOf(p) ? NO_VALUES : oneValue(p.metadata.namespace ?? '')), 'ownerReferences');
    new ReplicaManager(sim, 'ReplicaSet');
    new ReplicaManager(sim, 'ReplicationController');
  },
};
