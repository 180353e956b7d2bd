import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { deepEqual } from '../registry/apiserver';
import { isNotFound } from '../registry/errors';
import { jobStrategy, JOB_COMPLETION_INDEX, JOB_TRACKING_FINALIZER } from '../registry/job';
import {
  activePodsLess,
  condition,
  controllerOf,
  ensureControllerIndex,
  errorMessage,
  isPodActive,
  isPodReady,
  isPodTerminal,
  ownedBy,
  podFromTemplate,
  podsPrefix,
} from './workload-util';
import type { Worker } from '../runtime/loop';

/**
 * Job controller (K/K pkg/controller/job/job_controller.go, backoff_utils.go,
 * indexed_job_utils.go) and the TTL-after-finished controller
 * (pkg/controller/ttlafterfinished). Source component `job-controller`.
 */

const SOURCE = { component: 'job-controller' };
/** DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

export function isJobFinished(job: KObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

function findCond(job: KObject, type: string): any {
  return (job.status?.conditions ?? []).find((c: any) => c.type === type);
}

function hasFinalizer(p: KObject): boolean {
  return p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** isPodFailed: Failed, or deleted before succeeding (podReplacementPolicy TerminatingOrFailed). */
function isPodFailed(p: KObject, job: KObject): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (job.spec.podReplacementPolicy === 'Failed') return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** getFinishedTime (backoff_utils.go) */
function finishedTime(p: KObject): number {
  let latest: number | undefined;
  const cs = p.status?.containerStatuses ?? [];
  let all = cs.length > 0;
  for (const s of cs) {
    const f = s.state?.terminated?.finishedAt;
    if (!f) {
      all = false;
      break;
    }
    const t = Date.parse(f);
    if (latest === undefined || t > latest) latest = t;
  }
  if (all && latest !== undefined) return latest;
  const ready = (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return Date.parse(ready.lastTransitionTime);
  if (p.metadata.deletionTimestamp) return Date.parse(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return Date.parse(p.metadata.creationTimestamp!);
}

/** getRemainingTimeForFailuresCount */
export function backoffRemaining(failures: number, lastFailure: number | undefined, now: number): number {
  if (!failures || lastFailure === undefined) return 0;
  let d = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MAX_POD_FAILURE_BACKOFF_MS) {
      d = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - lastFailure;
  return d < elapsed ? 0 : d - elapsed;
}

function completionIndex(p: KObject): number {
  const v = p.metadata.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** parseIndexesFromString: "1,3-5" → [1,3,4,5] */
export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  if (!s) return out;
  for (const part of s.split(',')) {
    const [a, b] = part.split('-');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
    for (let i = lo; i <= hi && i < completions; i++) out.add(i);
  }
  return out;
}

/** orderedIntervals.String(): "0-2,4,6-7" */
export function formatIndexes(set: Set<number>): string {
  const xs = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(i === j ? String(xs[i]) : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export class JobController {
  readonly worker: Worker;
  readonly orphans: Worker;
  readonly ttl: Worker;
  private backoff = new Map<string, BackoffRecord>();

  constructor(private readonly sim: Sim) {
    ensureControllerIndex(sim, 'Pod');
    this.worker = sim.runtime.register('job', (k) => this.sync(k));
    this.orphans = sim.runtime.register('job-orphan-pod', (k) => this.syncOrphanPod(k));
    this.ttl = sim.runtime.register('ttl-after-finished', (k) => this.syncTTL(k));
    sim.store.watch('Job', (ev) => {
      const key = objKey(ev.object);
      this.worker.enqueue(key);
      if (ev.type !== 'DELETED' && ev.object.spec?.ttlSecondsAfterFinished != null && isJobFinished(ev.object)) this.ttl.enqueue(key);
    });
    sim.store.watch('Pod', (ev) => {
      const p = ev.object;
      const ref = controllerOf(p);
      const oldRef = ev.old ? controllerOf(ev.old) : undefined;
      if (ref?.kind === 'Job') this.worker.enqueue(`${p.metadata.namespace}/${ref.name}`);
      if (oldRef?.kind === 'Job' && oldRef.uid !== ref?.uid) this.worker.enqueue(`${p.metadata.namespace}/${oldRef.name}`);
      if (ev.type !== 'DELETED' && hasFinalizer(p)) {
        if (!ref || ref.kind !== 'Job' || !this.liveOwner(p)) this.orphans.enqueue(objKey(p));
      }
    });
  }

  private liveOwner(p: KObject): StoredObject | undefined {
    const ref = controllerOf(p);
    if (!ref || ref.kind !== 'Job') return undefined;
    const j = this.sim.store.get('Job', p.metadata.namespace!, ref.name);
    return j && j.metadata.uid === ref.uid ? j : undefined;
  }

  private event(job: KObject, type: 'Normal' | 'Warning', reason: string, msg: string): void {
    this.sim.events.event(job, type, reason, msg, SOURCE);
  }

  private removeFinalizer(p: KObject): boolean {
    try {
      this.sim.api.mutate('Pod', p.metadata.namespace!, p.metadata.name!, (o) => {
        o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
      });
      return true;
    } catch (e) {
      return isNotFound(e);
    }
  }

  private syncOrphanPod(key: string): void {
    const [ns, name] = splitKey(key);
    const p = this.sim.store.get('Pod', ns, name);
    if (!p || !hasFinalizer(p)) return;
    const owner = this.liveOwner(p);
    if (owner && !isJobFinished(owner)) return;
    this.removeFinalizer(p);
  }

  private deletePod(job: KObject, p: KObject): boolean {
    try {
      this.sim.api.delete('Pod', p.metadata.namespace!, p.metadata.name!);
      this.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      this.event(job, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
      return false;
    }
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const stored = this.sim.store.get('Job', ns, name);
    if (!stored) {
      this.backoff.delete(key);
      return;
    }
    if (isJobFinished(stored)) {
      this.backoff.delete(key);
      // Pods of a finished Job keep no tracking finalizer.
      for (const p of ownedBy(this.sim, 'Pod', stored.metadata.uid)) if (hasFinalizer(p)) this.removeFinalizer(p);
      return;
    }
    const job = clone(stored) as KObject;
    const spec = job.spec;
    if (spec.completionMode && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
      this.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    const now = this.sim.clock.now();
    const nowIso = this.sim.clock.iso();
    const indexed = spec.completionMode === 'Indexed';
    const status: any = (job.status = clone(stored.status ?? {}));
    const pods = ownedBy(this.sim, 'Pod', stored.metadata.uid).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    let activePods = pods.filter(isPodActive);
    let active = activePods.length;
    let ready = activePods.filter(isPodReady).length;
    let terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;

    const counted = (p: KObject) => !hasFinalizer(p);
    const validIndex = (p: KObject) => !indexed || (completionIndex(p) >= 0 && completionIndex(p) < spec.completions);
    const newSucceeded = pods.filter((p) => !counted(p) && validIndex(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => !counted(p) && validIndex(p) && isPodFailed(p, job));

    let succeeded = (status.succeeded ?? 0) + newSucceeded.length;
    let failed = (status.failed ?? 0) + newFailed.length;
    let succeededIndexes: Set<number> | undefined;
    if (indexed) {
      succeededIndexes = parseIndexes(status.completedIndexes, spec.completions);
      for (const p of pods) if (p.status?.phase === 'Succeeded' && validIndex(p)) succeededIndexes.add(completionIndex(p));
      succeeded = succeededIndexes.size;
    }

    const suspended = !!spec.suspend;
    if (!status.startTime && !suspended) status.startTime = nowIso;

    // backoff record (newBackoffRecord)
    const rec = this.backoff.get(key) ?? { failuresAfterLastSuccess: 0 };
    const nextRec = { ...rec };
    if (newSucceeded.length || newFailed.length) {
      const sT = newSucceeded.map(finishedTime).sort((a, b) => a - b);
      const fT = newFailed.map(finishedTime).sort((a, b) => a - b);
      if (!sT.length) {
        nextRec.failuresAfterLastSuccess += fT.length;
        nextRec.lastFailureTime = fT[fT.length - 1];
      } else {
        nextRec.failuresAfterLastSuccess = 0;
        nextRec.lastFailureTime = undefined;
        const lastSuccess = sT[sT.length - 1];
        for (let i = fT.length - 1; i >= 0 && fT[i] > lastSuccess; i--) {
          if (nextRec.lastFailureTime === undefined) nextRec.lastFailureTime = fT[i];
          nextRec.failuresAfterLastSuccess++;
        }
      }
    }

    // Terminal conditions (syncJob)
    let finished: any;
    const target = findCond(job, 'FailureTarget');
    const criteria = findCond(job, 'SuccessCriteriaMet');
    if (criteria?.status === 'True') finished = criteria;
    else if (target?.status === 'True') finished = target;
    if (!finished) {
      if (failed > spec.backoffLimit || this.pastBackoffLimitOnFailure(job, pods)) {
        finished = condition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', nowIso, true);
      } else if (spec.activeDeadlineSeconds != null && status.startTime && !suspended) {
        const deadline = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000;
        if (now >= deadline) {
          finished = condition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', nowIso, true);
        } else {
          this.worker.enqueueAfter(key, deadline - now, { settle: false });
        }
      }
    }

    let suspendChanged = false;
    if (finished) {
      // Remove active pods once the Job is failing (or has met its success criteria).
      for (const p of activePods) {
        if (this.deletePod(job, p)) {
          active--;
          terminating++;
          if (isPodReady(p)) ready--;
        }
      }
    } else if (!stored.metadata.deletionTimestamp) {
      const r = this.manageJob(key, job, activePods, succeeded, succeededIndexes, nextRec, pods);
      active = r.active;
      ready -= r.deletedReady;
      terminating += r.deleted;
      const complete = spec.completions == null ? succeeded > 0 && active === 0 : succeeded >= spec.completions && active === 0;
      if (complete) {
        finished = condition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', nowIso, true);
      } else if (suspended) {
        suspendChanged = this.ensureCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowIso);
        if (suspendChanged) this.event(job, 'Normal', 'Suspended', 'Job suspended');
      } else {
        suspendChanged = this.ensureCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowIso);
        if (suspendChanged) {
          this.event(job, 'Normal', 'Resumed', 'Job resumed');
          status.startTime = nowIso;
        }
      }
    }
    this.backoff.set(key, nextRec);

    // trackJobStatusAndRemoveFinalizers: count finished pods, then drop their finalizers.
    for (const p of pods) {
      if (!hasFinalizer(p)) continue;
      const considerFailed = isPodFailed(p, job);
      const canRemove = !!stored.metadata.deletionTimestamp || !!finished || p.status?.phase === 'Succeeded' || considerFailed;
      if (!canRemove) continue;
      const fresh = this.sim.store.get('Pod', p.metadata.namespace!, p.metadata.name);
      if (fresh && !this.removeFinalizer(fresh)) continue;
      if (p.status?.phase === 'Succeeded') {
        if (!indexed) status.succeeded = (status.succeeded ?? 0) + 1;
      } else if ((considerFailed || (finished && finished.type !== 'SuccessCriteriaMet')) && validIndex(p)) {
        status.failed = (status.failed ?? 0) + 1;
      }
    }
    if (indexed) {
      status.completedIndexes = formatIndexes(succeededIndexes!);
      status.succeeded = succeededIndexes!.size;
    }
    if (!status.succeeded) delete status.succeeded;
    if (!status.failed) delete status.failed;
    if (indexed && !status.completedIndexes) delete status.completedIndexes;

    status.active = active;
    if (!status.active) delete status.active;
    status.ready = Math.max(0, ready);
    status.terminating = Math.max(0, terminating);
    status.uncountedTerminatedPods = {};

    let jobFinished: any;
    if (finished) {
      const interimType = finished.type;
      if (interimType === 'FailureTarget' || interimType === 'SuccessCriteriaMet') {
        if (!(status.conditions ?? []).some((c: any) => c.type === interimType)) status.conditions = [...(status.conditions ?? []), finished];
      }
      if (status.terminating === 0) {
        const finalType = interimType === 'SuccessCriteriaMet' || interimType === 'Complete' ? 'Complete' : 'Failed';
        this.ensureCondition(status, finalType, 'True', finished.reason, finished.message, nowIso);
        if (finalType === 'Complete') status.completionTime = nowIso;
        jobFinished = { type: finalType, reason: finished.reason, message: finished.message };
      }
    }

    if (!deepEqual(status, stored.status) || suspendChanged) {
      try {
        const out = this.sim.api.updateStatus({ ...stored, status });
        if (jobFinished) {
          if (jobFinished.type === 'Complete') {
            if (spec.completions != null && (out.status.succeeded ?? 0) > spec.completions) {
              this.event(out, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
            }
            this.event(out, 'Normal', 'Completed', 'Job completed');
          } else {
            this.event(out, 'Warning', jobFinished.reason, jobFinished.message);
          }
        }
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  /** ensureJobConditionStatus; returns whether the list changed. */
  private ensureCondition(status: any, type: string, st: string, reason: string, message: string, now: string): boolean {
    const list: any[] = (status.conditions = status.conditions ?? []);
    const c = list.find((x) => x.type === type);
    if (c) {
      if (c.status !== st || c.reason !== reason || c.message !== message) {
        Object.assign(c, condition(type, st, reason, message, now, true));
        return true;
      }
      return false;
    }
    if (!status.conditions.length) delete status.conditions;
    if (st === 'False') return false;
    status.conditions = [...(status.conditions ?? []), condition(type, st, reason, message, now, true)];
    return true;
  }

  private pastBackoffLimitOnFailure(job: KObject, pods: StoredObject[]): boolean {
    if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let n = 0;
    for (const p of pods) {
      const ph = p.status?.phase ?? 'Pending';
      if (ph !== 'Running' && ph !== 'Pending') continue;
      for (const s of p.status?.initContainerStatuses ?? []) n += s.restartCount ?? 0;
      for (const s of p.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
    }
    return job.spec.backoffLimit === 0 ? n > 0 : n >= job.spec.backoffLimit;
  }

  /** manageJob: create or delete pods toward the wanted number of active pods. */
  private manageJob(
    key: string,
    job: KObject,
    activePods: StoredObject[],
    succeeded: number,
    succeededIndexes: Set<number> | undefined,
    rec: BackoffRecord,
    pods: StoredObject[],
  ): { active: number; deleted: number; deletedReady: number } {
    const spec = job.spec;
    let active = activePods.length;
    let deleted = 0;
    let deletedReady = 0;
    const del = (list: StoredObject[]) => {
      for (const p of list.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
        if (this.deletePod(job, p)) {
          active--;
          deleted++;
          if (isPodReady(p)) deletedReady++;
        }
      }
    };
    if (spec.suspend) {
      del([...activePods].sort(activePodsLess));
      return { active, deleted, deletedReady };
    }
    const parallelism = spec.parallelism ?? 1;
    let want: number;
    if (spec.completions == null) want = succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(spec.completions - succeeded, parallelism));

    const indexed = spec.completionMode === 'Indexed';
    let rm: StoredObject[] = [];
    let left = activePods;
    if (indexed) {
      // duplicated, succeeded or out-of-range indexes go first
      const seen = new Set<number>();
      left = [];
      for (const p of [...activePods].sort((a, b) => completionIndex(a) - completionIndex(b))) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= spec.completions || seen.has(ix) || succeededIndexes!.has(ix)) rm.push(p);
        else {
          seen.add(ix);
          left.push(p);
        }
      }
    }
    const rmAtLeast = Math.max(0, active - want);
    if (rm.length < rmAtLeast) rm = rm.concat([...left].sort(activePodsLess).slice(0, rmAtLeast - rm.length));
    if (rm.length) {
      del(rm);
      return { active, deleted, deletedReady };
    }

    const terminatingNow = spec.podReplacementPolicy === 'Failed' ? pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length : 0;
    let diff = want - terminatingNow - active;
    if (diff <= 0) return { active, deleted, deletedReady };
    const remaining = backoffRemaining(rec.failuresAfterLastSuccess, rec.lastFailureTime, this.sim.clock.now());
    if (remaining > 0) {
      this.worker.enqueueAfter(key, remaining, { settle: false, label: `job backoff ${key}` });
      return { active, deleted, deletedReady };
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: number[] = [];
    if (indexed) {
      const busy = new Set<number>(activePods.map(completionIndex));
      for (let i = 0; i < spec.completions && indexes.length < diff; i++) if (!succeededIndexes!.has(i) && !busy.has(i)) indexes.push(i);
      diff = indexes.length;
    }
    // slow start batches 1, 2, 4, ... stop at the first error
    let batch = Math.min(diff, 1);
    let created = 0;
    while (created < diff) {
      let errors = 0;
      for (let i = 0; i < batch && created < diff; i++, created++) {
        const ix = indexed ? indexes[created] : -1;
        if (this.createPod(job, ix)) active++;
        else errors++;
      }
      if (errors) break;
      batch = Math.min(batch * 2, diff - created);
    }
    return { active, deleted, deletedReady };
  }

  private createPod(job: KObject, index: number): boolean {
    const t = clone(job.spec.template ?? {});
    t.metadata = t.metadata ?? {};
    let generateName = podsPrefix(job.metadata.name!);
    if (index >= 0) {
      // addCompletionIndexEnvVariables / addCompletionIndexAnnotation / addCompletionIndexLabel
      for (const c of [...(t.spec?.initContainers ?? []), ...(t.spec?.containers ?? [])]) {
        c.env = c.env ?? [];
        if (!c.env.some((e: any) => e.name === 'JOB_COMPLETION_INDEX')) {
          c.env.push({
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } },
          });
        }
      }
      t.metadata.annotations = { ...(t.metadata.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
      t.metadata.labels = { ...(t.metadata.labels ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
      t.spec = t.spec ?? {};
      t.spec.hostname = `${job.metadata.name}-${index}`;
      generateName = `${job.metadata.name}-${index}-`;
    }
    const fins: string[] = t.metadata.finalizers ?? [];
    if (!fins.includes(JOB_TRACKING_FINALIZER)) t.metadata.finalizers = [...fins, JOB_TRACKING_FINALIZER];
    const pod = podFromTemplate(t, job, generateName);
    try {
      const created = this.sim.api.create(pod);
      this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return true;
    } catch (e) {
      this.event(job, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
      return false;
    }
  }

  /** TTL-after-finished controller: delete finished Jobs ttlSecondsAfterFinished after they finished. */
  private syncTTL(key: string): void {
    const [ns, name] = splitKey(key);
    const job = this.sim.store.get('Job', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const ttl = job.spec?.ttlSecondsAfterFinished;
    const fin = isJobFinished(job);
    if (ttl == null || !fin) return;
    const finishedAt = Date.parse(job.status?.completionTime ?? findCond(job, fin)?.lastTransitionTime ?? job.metadata.creationTimestamp);
    const expireAt = finishedAt + ttl * 1000;
    const now = this.sim.clock.now();
    if (now < expireAt) {
      this.ttl.enqueueAfter(key, expireAt - now, { settle: false, label: `ttl ${key}` });
      return;
    }
    try {
      // K/K uses Foreground propagation; Background keeps the Job from waiting on a garbage collector.
      this.sim.api.delete('Job', ns, name, { propagationPolicy: 'Background', uid: job.metadata.uid });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** Re-derive timers after a snapshot restore. */
  resyncAll(): void {
    for (const j of this.sim.store.iterate('Job')) {
      this.worker.enqueue(objKey(j));
      if (j.spec?.ttlSecondsAfterFinished != null) this.ttl.enqueue(objKey(j));
    }
    for (const p of this.sim.store.iterate('Pod')) if (hasFinalizer(p)) this.orphans.enqueue(objKey(p));
  }
}

export const jobModule: SimModule = {
  name: 'job',
  install(sim) {
    sim.api.registerStrategy(jobStrategy);
    const c = new JobController(sim);
    (sim.services as any).jobController = c;
  },
  restore(sim) {
    ((sim.services as any).jobController as JobController | undefined)?.resyncAll();
  },
};

/**
 * Cells of `kubectl get jobs` (K/K pkg/printers/internalversion/printers.go printJob; reference §1.3),
 * exported for the kubectl printers.
 */
export function jobStatusColumn(job: KObject): string {
  const has = (t: string) => (job.status?.conditions ?? []).some((c: any) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** COMPLETIONS: `<succeeded>/<completions>`, or `<succeeded>/1` (`of <parallelism>` when > 1) without completions. */
export function jobCompletionsColumn(job: KObject): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions != null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}
