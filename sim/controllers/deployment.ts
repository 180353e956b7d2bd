/**
 * Deployment controller (K/K pkg/controller/deployment/{deployment_controller,
 * sync,rolling,recreate,progress}.go, util/deployment_util.go): the new
 * ReplicaSet `<name>-<pod-template-hash>`, rolling updates with maxSurge /
 * maxUnavailable, Recreate, revisions and their annotations, scaling, pause,
 * history cleanup, status and the Available/Progressing conditions
 * (reference §5.2). Source component `deployment-controller`.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { clone } from '../api/clone';
import { objKey, splitKey } from '../store/store';
import { selectorFromLabelSelector } from '../labels';
import { deploymentStrategy } from '../registry/deployment';
import { intOrPercentValue } from '../registry/workloads-common';
import { computeHash, controllerOf, ensureControllerIndex, isPodActive, newControllerRef, ownedBy } from './workload-util';
import { deepEqual } from '../registry/apiserver';

type C = Record<string, any>;
const SOURCE = { component: 'deployment-controller' };
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';

/** deployment_util.go annotationsToSkip: the deployment's annotations a ReplicaSet never gets from it. */
const SKIP_COPY = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS, ROLLBACK_TO]);

/**
 * deployment_util.go copyDeploymentAnnotationsToReplicaSet: every annotation of the deployment but the skipped ones
 * goes to its new ReplicaSet (added or changed, never removed); whether anything changed.
 */
function copyDeploymentAnnotations(d: KObject, to: Record<string, string>): boolean {
  let changed = false;
  const from = d.metadata.annotations ?? {};
  for (const k of Object.keys(from)) {
    if (SKIP_COPY.has(k) || (k in to && to[k] === from[k])) continue;
    to[k] = from[k];
    changed = true;
  }
  return changed;
}

/** A template without the pod-template-hash label (EqualIgnoreHash). */
export function templateWithoutHash(t: C | undefined): C {
  const c = clone(t ?? {}) as C;
  if (c.metadata?.labels) {
    delete c.metadata.labels[HASH_LABEL];
  }
  return c;
}

export function revisionOf(o: KObject | undefined): number {
  return Number(o?.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** ResolveFenceposts */
export function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const spec = d.spec as C;
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type !== 'RollingUpdate') return { surge: 0, unavailable: 0 };
  const ru = spec.strategy.rollingUpdate ?? {};
  const surge = intOrPercentValue(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = intOrPercentValue(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const replicasOf = (rs: KObject) => ((rs.spec as C)?.replicas ?? 0) as number;
/**
 * status.terminatingReplicas (DeploymentReplicaSetTerminatingReplicas, beta and on by default in v1.35): sync.go
 * calculateStatus takes deploymentutil.GetTerminatingReplicaCountForReplicaSets — the sum over the ReplicaSets, or
 * none (undefined) while one of them has not reported it yet (a ReplicaSet just created).
 */
function terminatingOf(rss: KObject[]): number | undefined {
  let n = 0;
  for (const rs of rss) {
    const t = (rs.status as C | undefined)?.terminatingReplicas;
    if (t === undefined) return undefined;
    n += t as number;
  }
  return n;
}

const availableOf = (rs: KObject) => ((rs.status as C)?.availableReplicas ?? 0) as number;

class DeploymentController {
  private worker;

  constructor(private sim: Sim) {
    this.worker = sim.runtime.register('deployment', (key) => this.sync(key));
    sim.store.watch('Deployment', (ev) => this.worker.enqueue(objKey(ev.object)));
    sim.store.watch('ReplicaSet', (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'Deployment') this.worker.enqueue(`${ev.object.metadata.namespace}/${ref.name}`);
    });
    sim.store.watch('Pod', (ev) => {
      // pods going away matter to Recreate (old pods must be gone first)
      if (ev.type !== 'DELETED') return;
      const ref = controllerOf(ev.object);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = sim.store.get('ReplicaSet', ev.object.metadata.namespace ?? '', ref.name);
      const dref = rs && controllerOf(rs);
      if (dref?.kind === 'Deployment') this.worker.enqueue(`${rs!.metadata.namespace}/${dref.name}`);
    });
  }

  private event(d: KObject, msg: string): void {
    this.sim.events.event(d, 'Normal', 'ScalingReplicaSet', msg, SOURCE);
  }

  private scale(d: KObject, rs: StoredObject, to: number): StoredObject {
    const from = replicasOf(rs);
    const { surge } = fenceposts(d);
    const want = (d.spec as C).replicas ?? 1;
    const next = this.sim.api.mutate('ReplicaSet', rs.metadata.namespace!, rs.metadata.name, (o) => {
      (o.spec as C).replicas = to;
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DESIRED]: String(want), [MAX_REPLICAS]: String(want + surge) };
    });
    if (from !== to) this.event(d, `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
    return next ?? rs;
  }

  private sync(key: string): void {
    const sim = this.sim;
    const [ns, name] = splitKey(key);
    const d = sim.store.get('Deployment', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = d.spec as C;
    const sel = selectorFromLabelSelector(spec.selector);
    if (sel.empty()) return;
    // ReplicaSets of this deployment (adopting matching orphans)
    let rss = ownedBy(sim, 'ReplicaSet', d.metadata.uid);
    for (const rs of sim.store.list('ReplicaSet', ns)) {
      if (controllerOf(rs) || rs.metadata.deletionTimestamp || !sel.matches(rs.metadata.labels ?? {})) continue;
      const adopted = sim.api.mutate('ReplicaSet', ns, rs.metadata.name, (o) => {
        o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(d)];
      });
      if (adopted) rss = [...rss, adopted];
    }
    rss = rss.filter((r) => !r.metadata.deletionTimestamp);
    const tpl = templateWithoutHash(spec.template);
    let newRS = rss.find((r) => deepEqual(templateWithoutHash((r.spec as C).template), tpl));
    const olds = rss.filter((r) => r !== newRS).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
    const maxOldRevision = Math.max(0, ...olds.map(revisionOf));
    let created = false;

    if (spec.paused) {
      // a paused deployment only scales
      this.syncStatus(d, newRS, rss, false);
      return;
    }

    // recreate.go rolloutRecreate: no new ReplicaSet until every old pod is gone ("avoid scaling up before scaling down")
    if (!newRS && spec.strategy?.type === 'Recreate' && olds.some((o) => replicasOf(o) > 0 || ownedBy(sim, 'Pod', o.metadata.uid).length > 0)) {
      for (const o of olds) if (replicasOf(o) > 0) this.scale(d, o, 0);
      this.syncStatus(d, undefined, rss, false);
      return;
    }

    if (!newRS) {
      const collision = (d.status as C)?.collisionCount ?? 0;
      const hash = computeHash(spec.template, collision);
      const rsName = `${name}-${hash}`;
      const t = clone(spec.template) as C;
      t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
      const selector = clone(spec.selector) as C;
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
      const { surge } = fenceposts(d);
      const want = spec.replicas ?? 1;
      let replicas = 0;
      if (spec.strategy?.type === 'RollingUpdate') {
        const current = rss.reduce((n, r) => n + replicasOf(r), 0);
        const maxTotal = want + surge;
        replicas = current >= maxTotal ? 0 : Math.min(maxTotal - current, want);
      } else if (!olds.some((o) => replicasOf(o) > 0 || ownedBy(sim, 'Pod', o.metadata.uid).some(isPodActive))) replicas = want;
      // SetNewReplicaSetAnnotations(exists=false): the deployment's annotations, the revision and the replicas ones
      const annotations: Record<string, string> = {};
      copyDeploymentAnnotations(d, annotations);
      annotations[DESIRED] = String(want);
      annotations[MAX_REPLICAS] = String(want + surge);
      annotations[REVISION] = String(maxOldRevision + 1);
      try {
        newRS = sim.api.create({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: rsName, namespace: ns, labels: { ...(spec.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash }, annotations, ownerReferences: [newControllerRef(d)] },
          // (ReplicaSetSpec.minReadySeconds is an int32 with omitempty: a 0 is not there)
          spec: { replicas, ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}), selector, template: t },
        });
      } catch {
        // hash collision: bump collisionCount and retry
        sim.api.updateStatus({ ...d, status: { ...((d.status as C) ?? {}), collisionCount: collision + 1 } } as KObject);
        this.worker.enqueue(key);
        return;
      }
      created = true;
      if (replicas > 0) this.event(d, `Scaled up replica set ${rsName} from 0 to ${replicas}`);
      rss = [...rss, newRS];
    } else {
      // sync.go getNewReplicaSet for an existing new RS: SetNewReplicaSetAnnotations(exists=true) — the deployment's
      // annotations copied, the RS made the newest revision (rollback reuses an old RS, its old number kept in
      // revision-history) — and its minReadySeconds the deployment's; one Update when anything changed
      const rev = revisionOf(newRS);
      const a = { ...(newRS.metadata.annotations ?? {}) };
      let changed = copyDeploymentAnnotations(d, a);
      if (rev <= maxOldRevision) {
        a[REVISION] = String(maxOldRevision + 1);
        a[REVISION_HISTORY] = [a[REVISION_HISTORY], String(rev)].filter(Boolean).join(',');
        changed = true;
      }
      const minReady = spec.minReadySeconds ?? 0;
      if (changed || ((newRS.spec as C).minReadySeconds ?? 0) !== minReady) {
        newRS = sim.api.mutate('ReplicaSet', ns, newRS.metadata.name, (o) => {
          o.metadata.annotations = a;
          if (minReady) (o.spec as C).minReadySeconds = minReady;
          else delete (o.spec as C).minReadySeconds;
        })!;
      }
    }
    const want = spec.replicas ?? 1;
    if (spec.strategy?.type === 'Recreate') {
      for (const o of olds) if (replicasOf(o) > 0) this.scale(d, o, 0);
      const oldPodsRunning = olds.some((o) => ownedBy(sim, 'Pod', o.metadata.uid).length > 0);
      if (!oldPodsRunning && replicasOf(newRS) !== want) newRS = this.scale(d, newRS, want);
    } else {
      const { surge, unavailable } = fenceposts(d);
      // reconcileNewReplicaSet
      if (!created) {
        const cur = replicasOf(newRS);
        if (cur > want) newRS = this.scale(d, newRS, want);
        else if (cur < want) {
          const total = rss.reduce((n, r) => n + (r === newRS ? cur : replicasOf(r)), 0);
          const maxTotal = want + surge;
          if (total < maxTotal) newRS = this.scale(d, newRS, cur + Math.min(maxTotal - total, want - cur));
        }
      }
      // reconcileOldReplicaSets
      const oldsActive = olds.filter((o) => replicasOf(o) > 0);
      if (oldsActive.length) {
        const all = [...olds, newRS];
        const allPods = all.reduce((n, r) => n + replicasOf(r), 0);
        const minAvailable = want - unavailable;
        const newUnavailable = replicasOf(newRS) - availableOf(newRS);
        let maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown > 0) {
          // cleanupUnhealthyReplicas
          for (const o of oldsActive) {
            if (maxScaledDown <= 0) break;
            const unhealthy = replicasOf(o) - availableOf(o);
            if (unhealthy <= 0) continue;
            const down = Math.min(maxScaledDown, unhealthy);
            this.scale(d, o, replicasOf(o) - down);
            maxScaledDown -= down;
          }
          // scaleDownOldReplicaSetsForRollingUpdate
          const fresh = [...olds.map((o) => sim.store.get('ReplicaSet', ns, o.metadata.name) ?? o), newRS];
          const availableAll = fresh.reduce((n, r) => n + availableOf(r), 0);
          let budget = availableAll - minAvailable;
          for (const o of fresh.slice(0, -1)) {
            if (budget <= 0) break;
            const r = replicasOf(o);
            if (r === 0) continue;
            const down = Math.min(r, budget);
            this.scale(d, o, r - down);
            budget -= down;
          }
        }
      }
    }
    // cleanupDeployment: old RSs at 0 beyond revisionHistoryLimit
    const limit = spec.revisionHistoryLimit ?? 10;
    const dead = olds.map((o) => sim.store.get('ReplicaSet', ns, o.metadata.name) ?? o).filter((o) => replicasOf(o) === 0 && ((o.status as C)?.replicas ?? 0) === 0);
    if (dead.length > limit) {
      for (const o of dead.sort((a, b) => revisionOf(a) - revisionOf(b)).slice(0, dead.length - limit)) {
        try {
          sim.api.delete('ReplicaSet', ns, o.metadata.name);
        } catch {
          /* gone */
        }
      }
    }
    this.syncStatus(d, newRS, rss, created);
  }

  private syncStatus(d: StoredObject, newRS: StoredObject | undefined, rssIn: StoredObject[], created: boolean): void {
    const sim = this.sim;
    const ns = d.metadata.namespace!;
    const rss = rssIn.map((r) => sim.store.get('ReplicaSet', ns, r.metadata.name)).filter((r): r is StoredObject => !!r);
    const nrs = newRS ? sim.store.get('ReplicaSet', ns, newRS.metadata.name) : undefined;
    const spec = d.spec as C;
    const want = spec.replicas ?? 1;
    const sum = (f: (r: StoredObject) => number) => rss.reduce((n, r) => n + f(r), 0);
    const replicas = sum((r) => (r.status as C)?.replicas ?? 0);
    const updated = (nrs?.status as C)?.replicas ?? 0;
    const ready = sum((r) => (r.status as C)?.readyReplicas ?? 0);
    const available = sum((r) => (r.status as C)?.availableReplicas ?? 0);
    const { unavailable: maxUnavailable } = fenceposts(d);
    const now = sim.clock.iso();
    const prev: C[] = ((d.status as C)?.conditions ?? []) as C[];
    const cond = (type: string, status: string, reason: string, message: string): C => {
      const p = prev.find((c) => c.type === type);
      const same = p && p.status === status && p.reason === reason && p.message === message;
      return {
        lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now,
        lastUpdateTime: same ? p.lastUpdateTime : now,
        message,
        reason,
        status,
        type,
      };
    };
    const availableCond = available >= want - maxUnavailable
      ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
    let progressing: C | undefined = prev.find((c) => c.type === 'Progressing');
    const complete = nrs && updated === want && replicas === want && available === want && (nrs.status as C)?.availableReplicas === want;
    if (spec.paused) progressing = cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    else if (nrs) {
      if (complete) progressing = cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${nrs.metadata.name}" has successfully progressed.`);
      else if (created) progressing = cond('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${nrs.metadata.name}"`);
      else if (progressing?.reason === 'ProgressDeadlineExceeded') {
        /* stays failed until the template changes */
      } else {
        progressing = cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${nrs.metadata.name}" is progressing.`);
        const deadline = spec.progressDeadlineSeconds ?? 600;
        const since = Date.parse(progressing.lastUpdateTime);
        if (sim.clock.now() - since >= deadline * 1000) progressing = cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${nrs.metadata.name}" has timed out progressing.`);
        else this.worker.enqueueAfter(objKey(d), deadline * 1000 - (sim.clock.now() - since) + 1, { settle: false });
      }
    }
    const status: C = {
      availableReplicas: available || undefined,
      collisionCount: (d.status as C)?.collisionCount,
      conditions: [availableCond, ...(progressing ? [progressing] : [])],
      observedGeneration: d.metadata.generation,
      readyReplicas: ready || undefined,
      replicas: replicas || undefined,
      terminatingReplicas: terminatingOf(rss),
      unavailableReplicas: Math.max(0, want - available) || undefined,
      updatedReplicas: updated || undefined,
    };
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    const cur = sim.store.get('Deployment', ns, d.metadata.name);
    if (!cur) return;
    const rev = nrs ? nrs.metadata.annotations?.[REVISION] : undefined;
    // sync.go getNewReplicaSet: SetDeploymentRevision, then UpdateStatus — the status strategy lets annotations
    // through and, unlike an update, does not bump the generation (registry/deployment.ts)
    if (rev && cur.metadata.annotations?.[REVISION] !== rev) {
      sim.api.updateStatus({ ...cur, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), [REVISION]: rev } } } as KObject);
    }
    const latest = sim.store.get('Deployment', ns, d.metadata.name)!;
    sim.api.updateStatus({ ...latest, status } as KObject);
  }
}

export const deploymentModule: SimModule = {
  name: 'deployment',
  install(sim) {
    sim.api.registerStrategy(deploymentStrategy(sim));
    ensureControllerIndex(sim, 'ReplicaSet');
    new DeploymentController(sim);
  },
};
