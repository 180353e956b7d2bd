import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { deepEqual } from '../registry/apiserver';
import { isAlreadyExists, isNotFound } from '../registry/errors';
import { statefulSetStrategy } from '../registry/statefulset';
import {
  controllerRevisionName,
  controllerRevisionStrategy,
  hashControllerRevision,
  newControllerRevision,
  templatePatch,
} from '../registry/controllerrevision';
import {
  controllerOf,
  ensureControllerIndex,
  errorMessage,
  isPodAvailable,
  isPodReady,
  msUntilAvailable,
  ownedBy,
  podFromTemplate,
} from './workload-util';
import type { Worker } from '../runtime/loop';

/**
 * StatefulSet controller (K/K pkg/controller/statefulset/stateful_set_control.go,
 * stateful_set_utils.go, stateful_pod_control.go). Source `statefulset-controller`.
 */

const SOURCE = { component: 'statefulset-controller' };
export const STS_REVISION_LABEL = 'controller-revision-hash';
export const STS_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** getParentNameAndOrdinal: `<set>-<n>` */
export function podOrdinal(set: KObject, pod: KObject): number {
  const prefix = `${set.metadata.name}-`;
  const n = pod.metadata.name!;
  if (!n.startsWith(prefix)) return -1;
  const rest = n.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

function isTerminating(p: KObject): boolean {
  return !!p.metadata.deletionTimestamp;
}

function isRunningAndReady(p: KObject): boolean {
  return p.status?.phase === 'Running' && isPodReady(p);
}

function isFailedOrSucceeded(p: KObject): boolean {
  return p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
}

export class StatefulSetController {
  readonly worker: Worker;

  constructor(private readonly sim: Sim) {
    ensureControllerIndex(sim, 'Pod');
    ensureControllerIndex(sim, 'ControllerRevision');
    this.worker = sim.runtime.register('statefulset', (k) => this.sync(k));
    sim.store.watch('StatefulSet', (ev) => this.worker.enqueue(objKey(ev.object)));
    sim.store.watch('Pod', (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'StatefulSet') this.worker.enqueue(`${ev.object.metadata.namespace}/${ref.name}`);
    });
  }

  private event(set: KObject, type: 'Normal' | 'Warning', reason: string, msg: string): void {
    this.sim.events.event(set, type, reason, msg, SOURCE);
  }

  /** getStatefulSetRevisions: [current, update] revisions (creating/bumping the update revision). */
  private revisions(set: StoredObject): { current: StoredObject; update: StoredObject; all: StoredObject[] } {
    const all = ownedBy(this.sim, 'ControllerRevision', set.metadata.uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    const maxRev = all.length ? all[all.length - 1].revision ?? 0 : 0;
    const data = templatePatch(set);
    const collision = set.status?.collisionCount ?? 0;
    const name = controllerRevisionName(set.metadata.name, hashControllerRevision(data, collision));
    let update = all.find((r) => deepEqual(r.data, data));
    if (update) {
      if ((update.revision ?? 0) < maxRev) {
        update = this.sim.api.mutate('ControllerRevision', update.metadata.namespace!, update.metadata.name, (o) => (o.revision = maxRev + 1))!;
      }
    } else {
      try {
        update = this.sim.api.create(newControllerRevision(set, name, set.spec.template?.metadata?.labels ?? {}, data, maxRev + 1));
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        update = this.sim.store.get('ControllerRevision', set.metadata.namespace!, name)!;
      }
    }
    const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, all: ownedBy(this.sim, 'ControllerRevision', set.metadata.uid) };
  }

  /** The set as recorded in a revision (ApplyRevision): its template. */
  private templateOf(rev: StoredObject): any {
    const t = clone(rev.data?.spec?.template ?? {});
    delete t.$patch;
    return t;
  }

  private claimName(tpl: any, set: KObject, ordinal: number): string {
    return `${tpl.metadata?.name}-${set.metadata.name}-${ordinal}`;
  }

  /** newVersionedStatefulSetPod */
  private newPod(set: StoredObject, cur: StoredObject, upd: StoredObject, ordinal: number): KObject {
    const partition = set.spec.updateStrategy?.type === 'RollingUpdate' ? set.spec.updateStrategy.rollingUpdate?.partition ?? 0 : 0;
    const useCurrent =
      (set.spec.updateStrategy?.type === 'RollingUpdate' && ordinal < partition) ||
      (set.spec.updateStrategy?.type === 'OnDelete' && ordinal < (set.status?.currentReplicas ?? 0));
    const rev = useCurrent ? cur : upd;
    const name = `${set.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(this.templateOf(rev), set, '');
    delete pod.metadata.generateName;
    pod.metadata.name = name;
    pod.metadata.labels = {
      ...(pod.metadata.labels ?? {}),
      [STS_POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [STS_REVISION_LABEL]: rev.metadata.name,
    };
    pod.spec.hostname = name;
    if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
    // updateStorage: one PVC volume per claim template
    const templates: any[] = set.spec.volumeClaimTemplates ?? [];
    if (templates.length) {
      const vols: any[] = (pod.spec.volumes ?? []).filter((v: any) => !templates.some((t) => t.metadata?.name === v.name));
      for (const t of templates) vols.push({ name: t.metadata.name, persistentVolumeClaim: { claimName: this.claimName(t, set, ordinal) } });
      pod.spec.volumes = vols;
    }
    return pod;
  }

  /** createPersistentVolumeClaims for one ordinal (before its pod). */
  private ensureClaims(set: StoredObject, podName: string, ordinal: number): boolean {
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      const name = this.claimName(t, set, ordinal);
      if (this.sim.store.get('PersistentVolumeClaim', set.metadata.namespace!, name)) continue;
      const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
      const claim: KObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: set.metadata.namespace, labels },
        spec: clone(t.spec ?? {}),
      };
      if (t.metadata?.annotations) claim.metadata.annotations = clone(t.metadata.annotations);
      if (set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') {
        claim.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }];
      }
      try {
        this.sim.api.create(claim);
        this.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`);
      } catch (e) {
        if (isAlreadyExists(e)) continue;
        this.event(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
        return false;
      }
    }
    return true;
  }

  private createPod(set: StoredObject, pod: KObject, ordinal: number): boolean {
    if (!this.ensureClaims(set, pod.metadata.name!, ordinal)) return false;
    try {
      this.sim.api.create(pod);
      this.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      return true;
    } catch (e) {
      this.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
      return false;
    }
  }

  private deletePod(set: StoredObject, pod: StoredObject): boolean {
    try {
      this.sim.api.delete('Pod', pod.metadata.namespace!, pod.metadata.name);
      this.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      this.event(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
      return false;
    }
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const set = this.sim.store.get('StatefulSet', ns, name);
    if (!set || set.metadata.deletionTimestamp) return;
    if (!set.spec.selector) return;
    const { current, update, all } = this.revisions(set);
    const now = this.sim.clock.now();
    const minReady = set.spec.minReadySeconds ?? 0;
    const start = set.spec.ordinals?.start ?? 0;
    const replicaCount = set.spec.replicas ?? 1;
    const parallel = set.spec.podManagementPolicy === 'Parallel';

    const replicas: (StoredObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: StoredObject[] = [];
    for (const p of ownedBy(this.sim, 'Pod', set.metadata.uid)) {
      const ord = podOrdinal(set, p);
      if (ord < 0) continue;
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = p;
      else condemned.push(p);
    }
    condemned.sort((a, b) => podOrdinal(set, b) - podOrdinal(set, a));

    const finish = () => this.updateStatus(set, current, update, all, now, minReady);

    // Replace failed/succeeded pods, create missing ones in ordinal order.
    for (let i = 0; i < replicaCount; i++) {
      const ordinal = start + i;
      let p = replicas[i];
      if (p && isFailedOrSucceeded(p) && !isTerminating(p)) {
        this.deletePod(set, p);
        p = replicas[i] = this.sim.store.get('Pod', ns, p.metadata.name);
        if (p) continue;
      }
      if (!p) {
        const pod = this.newPod(set, current, update, ordinal);
        if (!this.createPod(set, pod, ordinal)) return finish();
        replicas[i] = this.sim.store.get('Pod', ns, pod.metadata.name!);
        if (!parallel) return finish();
        continue;
      }
      if (parallel) continue;
      if (isTerminating(p)) return finish();
      if (!isRunningAndReady(p)) return finish();
      if (!isPodAvailable(p, minReady, now)) {
        this.worker.enqueueAfter(key, msUntilAvailable(p, minReady, now));
        return finish();
      }
      // claims of existing pods (e.g. deleted by hand) are recreated
      this.ensureClaims(set, p.metadata.name, ordinal);
    }

    // Scale down: highest ordinal first, one at a time unless Parallel.
    for (const p of condemned) {
      if (isTerminating(p)) {
        if (parallel) continue;
        return finish();
      }
      if (!parallel && replicas.some((r) => !r || !isRunningAndReady(r))) return finish();
      this.deletePod(set, p);
      if (!parallel) return finish();
    }

    // Rolling update: from the highest ordinal down to the partition.
    if (set.spec.updateStrategy?.type === 'RollingUpdate') {
      const partition = set.spec.updateStrategy.rollingUpdate?.partition ?? 0;
      for (let i = replicaCount - 1; i >= partition - start && i >= 0; i--) {
        const p = replicas[i];
        if (!p) return finish();
        if (p.metadata.labels?.[STS_REVISION_LABEL] !== update.metadata.name && !isTerminating(p)) {
          this.deletePod(set, p);
          return finish();
        }
        if (!isRunningAndReady(p) || isTerminating(p)) return finish();
      }
    }
    finish();
  }

  private updateStatus(set: StoredObject, current: StoredObject, update: StoredObject, all: StoredObject[], now: number, minReady: number): void {
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let cur = 0;
    let upd = 0;
    for (const p of ownedBy(this.sim, 'Pod', set.metadata.uid)) {
      if (podOrdinal(set, p) < 0) continue;
      replicas++;
      if (isRunningAndReady(p) && !isTerminating(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
      if (isTerminating(p)) continue;
      const rev = p.metadata.labels?.[STS_REVISION_LABEL];
      if (rev === current.metadata.name) cur++;
      if (rev === update.metadata.name) upd++;
    }
    let currentRevision = current.metadata.name;
    // completeRollingUpdate
    if (set.spec.updateStrategy?.type === 'RollingUpdate' && upd === replicas && ready === replicas && replicas === (set.spec.replicas ?? 1)) {
      cur = upd;
      currentRevision = update.metadata.name;
    }
    const status: any = {
      availableReplicas: available,
      collisionCount: set.status?.collisionCount ?? 0,
      currentRevision,
      observedGeneration: set.metadata.generation,
      replicas,
      updateRevision: update.metadata.name,
    };
    if (ready) status.readyReplicas = ready;
    if (cur) status.currentReplicas = cur;
    if (upd) status.updatedReplicas = upd;
    if (!deepEqual(status, set.status)) {
      try {
        this.sim.api.updateStatus({ ...set, status });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    this.truncateHistory(set, all, currentRevision, update.metadata.name);
  }

  /** truncateHistory: drop revisions beyond revisionHistoryLimit not used by pods or as current/update. */
  private truncateHistory(set: StoredObject, all: StoredObject[], currentName: string, updateName: string): void {
    const limit = set.spec.revisionHistoryLimit ?? 10;
    const live = new Set<string>([currentName, updateName]);
    for (const p of ownedBy(this.sim, 'Pod', set.metadata.uid)) {
      const r = p.metadata.labels?.[STS_REVISION_LABEL];
      if (r) live.add(r);
    }
    const history = all.filter((r) => !live.has(r.metadata.name)).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const r of history.slice(0, Math.max(0, history.length - limit))) {
      try {
        this.sim.api.delete('ControllerRevision', r.metadata.namespace!, r.metadata.name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  resyncAll(): void {
    for (const s of this.sim.store.iterate('StatefulSet')) this.worker.enqueue(objKey(s));
  }
}

export const statefulSetModule: SimModule = {
  name: 'statefulset',
  install(sim) {
    sim.api.registerStrategy(statefulSetStrategy);
    if (!sim.api.strategy('ControllerRevision')) sim.api.registerStrategy(controllerRevisionStrategy);
    (sim.services as any).statefulSetController = new StatefulSetController(sim);
  },
  restore(sim) {
    ((sim.services as any).statefulSetController as StatefulSetController | undefined)?.resyncAll();
  },
};
