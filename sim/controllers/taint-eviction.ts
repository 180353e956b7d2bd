/**
 * NoExecute taint eviction (K/K pkg/controller/tainteviction/taint_eviction.go
 * and timed_workers.go; kube-controller-manager's `taint-eviction-controller`).
 *
 * When a node has NoExecute taints, every pod bound to it is checked
 * (processPodOnNode):
 * - a pod that does not tolerate all of them is deleted right away;
 * - a pod that tolerates them all, some with `tolerationSeconds`, is deleted
 *   after the smallest of those (counted from when the eviction was first
 *   scheduled), unless the taint goes away first;
 * - a pod whose tolerations have no `tolerationSeconds` stays.
 * Before deleting it records a `TaintManagerEviction` event (`Marking for
 * deletion Pod <ns>/<name>`), sets the DisruptionTarget condition and deletes
 * the pod through the normal graceful delete. Cancelling a scheduled eviction
 * records `Cancelling deletion of Pod <ns>/<name>`.
 *
 * Event handlers only enqueue keys (NodeUpdated / PodUpdated filter the same
 * way); sync(key) does the work:
 * - `node:<name>`               handleNodeUpdate
 * - `pod:<node>:<ns>/<name>`    handlePodUpdate (the node the pod was on when enqueued)
 * - `evict:<ns>/<name>`         a TimedWorker firing (deletePodHandler)
 */
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { Worker } from '../runtime/loop';
import { deepEqual } from '../registry/apiserver';
import { toleratesTaint } from './workload-util';
import { NO_VALUES, oneValue } from '../store/store';

type C = Record<string, any>;

const SOURCE = { component: 'taint-eviction-controller' };
const NODE_INDEX = 'kubelet.node'; // same name and meaning as the kubelet's index: pods by spec.nodeName

/** One TimedWorker: createdAt/fireAt in ms; `fired` = kept as the nil entry that blocks re-adding (getWrappedWorkerFunc). */
interface TimedWork {
  createdAt: number;
  fireAt: number;
  fired: boolean;
  timer?: number;
}

function noExecuteTaints(node: KObject | undefined): C[] {
  return (((node?.spec as C)?.taints ?? []) as C[]).filter((t) => t.effect === 'NoExecute');
}

function tolerationsOf(pod: KObject | undefined): C[] {
  return ((pod?.spec as C)?.tolerations ?? []) as C[];
}

function nodeNameOf(pod: KObject | undefined): string {
  return ((pod?.spec as C)?.nodeName ?? '') as string;
}

/** v1helper.GetMatchingTolerations: all taints tolerated, and the first toleration used for each. */
export function getMatchingTolerations(taints: C[], tolerations: C[]): [boolean, C[]] {
  if (!taints.length) return [true, []];
  if (!tolerations.length) return [false, []];
  const used: C[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return [false, []];
    used.push(t);
  }
  return [true, used];
}

/** getMinTolerationTime: ms; -1 = tolerated forever; 0 when nothing is used or any tolerationSeconds <= 0. */
export function getMinTolerationTime(tolerations: C[]): number {
  if (!tolerations.length) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const s = Number(t.tolerationSeconds);
    if (s <= 0) return 0;
    if (s < min) min = s;
  }
  return min === Infinity ? -1 : min * 1000;
}

class TaintEvictionController {
  private worker: Worker;
  /** taintedNodes: node name → its NoExecute taints (only nodes that have some). */
  private tainted = new Map<string, C[]>();
  /** taintEvictionQueue's workers by `<ns>/<name>`. */
  private work = new Map<string, TimedWork>();

  constructor(private sim: Sim) {
    this.worker = sim.runtime.register('taint-eviction', (key) => this.sync(key));
    sim.store.watch('Node', (ev) => {
      // NodeUpdated: only a change of the NoExecute taints matters
      if (ev.type === 'MODIFIED' && ev.old && deepEqual(noExecuteTaints(ev.old), noExecuteTaints(ev.object))) return;
      this.worker.enqueue(`node:${ev.object.metadata.name}`);
    });
    sim.store.watch('Pod', (ev) => {
      // PodUpdated: adds, deletes, and updates that change the tolerations or the node
      const oldPod = ev.type === 'ADDED' ? undefined : ev.type === 'DELETED' ? ev.object : ev.old;
      const newPod = ev.type === 'DELETED' ? undefined : ev.object;
      if (oldPod && newPod && deepEqual(tolerationsOf(oldPod), tolerationsOf(newPod)) && nodeNameOf(oldPod) === nodeNameOf(newPod)) return;
      const node = newPod ? nodeNameOf(newPod) : nodeNameOf(oldPod);
      // a pod with no node is dropped by handlePodUpdate, and can have no scheduled eviction
      if (!node) return;
      this.worker.enqueue(`pod:${node}:${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
    });
  }

  /** Snapshot restore: the store came back without events; pending evictions come back from the snapshot. */
  resync(): void {
    this.tainted.clear();
    for (const n of this.sim.store.list('Node')) this.worker.enqueue(`node:${n.metadata.name}`);
  }

  save(): unknown {
    return [...this.work.entries()].map(([k, w]) => [k, { createdAt: w.createdAt, fireAt: w.fireAt, fired: w.fired }]);
  }

  load(v: unknown): void {
    for (const w of this.work.values()) this.sim.clock.clearTimeout(w.timer);
    this.work.clear();
    for (const [k, w] of v as [string, TimedWork][]) {
      this.work.set(k, { createdAt: w.createdAt, fireAt: w.fireAt, fired: w.fired });
      if (!w.fired) this.arm(k, this.work.get(k)!);
    }
  }

  private sync(key: string): void {
    // handlePodUpdate with no tainted node and no eviction work finds nothing to do (the pod's node is not
    // tainted; a missing pod has no work to cancel): one such sync comes for every pod bound
    if (!this.tainted.size && !this.work.size && key.startsWith('pod:')) return;
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    if (kind === 'node') this.handleNodeUpdate(rest);
    else if (kind === 'pod') {
      const j = rest.indexOf(':');
      this.handlePodUpdate(rest.slice(0, j), rest.slice(j + 1));
    } else if (kind === 'evict') this.fire(rest);
  }

  private handleNodeUpdate(name: string): void {
    const node = this.sim.store.get('Node', '', name);
    if (!node) {
      this.tainted.delete(name);
      return;
    }
    const taints = noExecuteTaints(node);
    if (!taints.length) this.tainted.delete(name);
    else this.tainted.set(name, taints);
    const pods = this.podsOn(name);
    if (!pods.length) return;
    if (!taints.length) {
      // all NoExecute taints were removed: cancel every eviction on the node
      for (const p of pods) this.cancelWorkWithEvent(`${p.metadata.namespace}/${p.metadata.name}`);
      return;
    }
    const now = this.sim.clock.now();
    for (const p of pods) this.processPodOnNode(`${p.metadata.namespace}/${p.metadata.name}`, tolerationsOf(p), taints, now);
  }

  private handlePodUpdate(nodeName: string, nsName: string): void {
    const [ns, name] = splitNsName(nsName);
    const pod = this.sim.store.get('Pod', ns, name);
    if (!pod) {
      this.cancelWorkWithEvent(nsName);
      return;
    }
    // keyed by node: if the pod is no longer on that node, this item is not ours
    if (nodeNameOf(pod) !== nodeName || !nodeName) return;
    const taints = this.tainted.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(nsName, tolerationsOf(pod), taints, this.sim.clock.now());
  }

  private processPodOnNode(nsName: string, tolerations: C[], taints: C[], now: number): void {
    if (!taints.length) this.cancelWorkWithEvent(nsName);
    const [allTolerated, used] = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      // delete right away; scheduled work (if any) is replaced
      this.cancelWorkWithEvent(nsName);
      this.addWork(nsName, now, now);
      return;
    }
    const min = getMinTolerationTime(used);
    if (min < 0) {
      // tolerated forever
      this.cancelWorkWithEvent(nsName);
      return;
    }
    let start = now;
    const trigger = now + min;
    const scheduled = this.work.get(nsName);
    if (scheduled && !scheduled.fired) {
      start = scheduled.createdAt;
      // The real check is `startTime.Add(min).Before(triggerTime)`: an eviction scheduled earlier is kept.
      // Simulated time often does not move between two updates; an eviction scheduled at this very
      // instant is kept too, instead of being cancelled and added again with the same times.
      if (start + min <= trigger) return;
      this.cancelWorkWithEvent(nsName);
    }
    this.addWork(nsName, start, trigger);
  }

  /** TimedWorkerQueue.AddWork: a key already present (even one that fired) is left alone. */
  private addWork(nsName: string, createdAt: number, fireAt: number): void {
    if (this.work.has(nsName)) return;
    const w: TimedWork = { createdAt, fireAt, fired: false };
    this.work.set(nsName, w);
    this.arm(nsName, w);
  }

  private arm(nsName: string, w: TimedWork): void {
    const delay = w.fireAt - this.sim.clock.now();
    if (delay <= 0) this.worker.enqueue(`evict:${nsName}`);
    // tolerationSeconds can be long (300 s by default for not-ready/unreachable): only sleep/advance reaches it
    else w.timer = this.sim.clock.setTimeout(() => this.worker.enqueue(`evict:${nsName}`), delay, { settle: false, label: `taint-eviction:${nsName}` });
  }

  /** CancelWork plus emitCancelPodDeletionEvent when a pending (not yet fired) eviction was cancelled. */
  private cancelWorkWithEvent(nsName: string): void {
    const w = this.work.get(nsName);
    if (!w) return;
    this.work.delete(nsName);
    if (w.fired) return;
    this.sim.clock.clearTimeout(w.timer);
    this.event(nsName, `Cancelling deletion of Pod ${nsName}`);
  }

  /** deletePodHandler: event, then addConditionAndDeletePod. */
  private fire(nsName: string): void {
    const w = this.work.get(nsName);
    if (!w || w.fired || w.fireAt > this.sim.clock.now()) return; // cancelled, or re-scheduled later
    this.event(nsName, `Marking for deletion Pod ${nsName}`);
    const [ns, name] = splitNsName(nsName);
    try {
      this.addConditionAndDeletePod(ns, name);
      w.fired = true;
    } catch {
      // the work failed (the pod is gone): the key is dropped, a later update may schedule it again
      this.work.delete(nsName);
    }
  }

  private addConditionAndDeletePod(ns: string, name: string): void {
    const pod = this.sim.api.get('Pod', ns, name);
    const now = this.sim.clock.iso();
    // apipod.UpdatePodCondition: keep lastTransitionTime when the status does not change; skip the write when nothing changes
    const conds: C[] = ((pod.status as C)?.conditions ?? []) as C[];
    // observedGeneration: the pod's generation (taint_eviction.go addConditionAndDeletePod,
    // apipod.CalculatePodConditionObservedGeneration with PodObservedGenerationTracking on since v1.34)
    const gen = pod.metadata.generation;
    const cond: C = { lastProbeTime: null, lastTransitionTime: now, message: 'Taint manager: deleting due to NoExecute taint' };
    if (gen !== undefined) cond.observedGeneration = gen;
    cond.reason = 'DeletionByTaintManager';
    cond.status = 'True';
    cond.type = 'DisruptionTarget';
    const old = conds.find((c) => c.type === 'DisruptionTarget');
    if (old && old.status === cond.status) cond.lastTransitionTime = old.lastTransitionTime;
    const same =
      old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message && (old.lastProbeTime ?? null) === null && old.observedGeneration === cond.observedGeneration;
    if (!same) {
      this.sim.api.mutate(
        'Pod',
        ns,
        name,
        (o) => {
          const st = ((o.status as C) ??= {});
          const list: C[] = [...(st.conditions ?? [])];
          const i = list.findIndex((c) => c.type === 'DisruptionTarget');
          if (i >= 0) list[i] = cond;
          else list.push(cond);
          st.conditions = list;
        },
        { subresource: 'status' },
      );
    }
    this.sim.api.delete('Pod', ns, name);
  }

  /** The recorder's ObjectReference names the pod only (apiVersion, kind, name, namespace; no uid). */
  private event(nsName: string, message: string): void {
    const [namespace, name] = splitNsName(nsName);
    const ref: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
    this.sim.events.event(ref, 'Normal', 'TaintManagerEviction', message, SOURCE);
  }

  private podsOn(node: string): StoredObject[] {
    return this.sim.store
      .byIndex('Pod', NODE_INDEX, node)
      .sort((a, b) => (a.metadata.namespace! + '/' + a.metadata.name < b.metadata.namespace! + '/' + b.metadata.name ? -1 : 1));
  }
}

function splitNsName(s: string): [string, string] {
  const i = s.indexOf('/');
  return [s.slice(0, i), s.slice(i + 1)];
}

export const taintEvictionModule: SimModule = {
  name: 'taint-eviction',
  install(sim) {
    sim.store.addIndex('Pod', NODE_INDEX, (p) => ((p.spec as C)?.nodeName ? oneValue((p.spec as C).nodeName) : NO_VALUES), 'spec');
    const c = new TaintEvictionController(sim);
    sim.services.taintEviction = c;
    const snap = ((sim.services.snapshot as Record<string, { save(): unknown; load(v: unknown): void }>) ??= {});
    snap.taintEviction = { save: () => c.save(), load: (v) => c.load(v) };
  },
  restore(sim) {
    (sim.services.taintEviction as TaintEvictionController | undefined)?.resync();
  },
};
