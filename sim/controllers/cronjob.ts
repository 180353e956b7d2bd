import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { objKey, splitKey } from '../store/store';
import { deepEqual } from '../registry/apiserver';
import { isAlreadyExists, isNotFound } from '../registry/errors';
import { cronJobStrategy, CronError, formatRFC3339In, isValidTimeZone, nextTime, parseCron, type CronSchedule } from '../registry/cronjob';
import { controllerOf, ensureControllerIndex, errorMessage, newControllerRef, ownedBy } from './workload-util';
import { isJobFinished } from './job';
import type { Worker } from '../runtime/loop';

/**
 * CronJob controller (K/K pkg/controller/cronjob/cronjob_controllerv2.go,
 * utils.go). Schedules wait on settle:false timers, so they fire only when
 * simulated time passes (`sleep`, advance). Source `cronjob-controller`.
 */

const SOURCE = { component: 'cronjob-controller' };
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleTimeDuration adds this so the sync lands just after the schedule */
const NEXT_SCHEDULE_DELTA_MS = 100;

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>` */
export function jobNameFor(cj: KObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60000)}`;
}

/** Go time.RFC1123Z: `Mon, 02 Jan 2006 15:04:05 -0700` (MissSchedule event). */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${mons[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export class CronJobController {
  readonly worker: Worker;
  /** one pending next-schedule timer per CronJob */
  private timers = new Map<string, number>();

  constructor(private readonly sim: Sim) {
    ensureControllerIndex(sim, 'Job');
    this.worker = sim.runtime.register('cronjob', (k) => this.sync(k));
    sim.store.watch('CronJob', (ev) => this.worker.enqueue(objKey(ev.object)));
    sim.store.watch('Job', (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind !== 'CronJob') return;
      // only finished/added/deleted jobs matter to the CronJob
      if (ev.type === 'MODIFIED' && !!isJobFinished(ev.object) === !!(ev.old && isJobFinished(ev.old))) return;
      this.worker.enqueue(`${ev.object.metadata.namespace}/${ref.name}`);
    });
  }

  private event(cj: KObject, type: 'Normal' | 'Warning', reason: string, msg: string): void {
    this.sim.events.event(cj, type, reason, msg, SOURCE);
  }

  private deleteJob(cj: KObject, job: KObject): boolean {
    try {
      this.sim.api.delete('Job', job.metadata.namespace!, job.metadata.name!, { propagationPolicy: 'Background' });
      this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
      return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorMessage(e)}`);
      return false;
    }
  }

  sync(key: string): void {
    const [ns, name] = splitKey(key);
    const stored = this.sim.store.get('CronJob', ns, name);
    if (!stored) {
      this.sim.clock.clearTimeout(this.timers.get(key));
      this.timers.delete(key);
      return;
    }
    const cj = clone(stored) as StoredObject;
    const status: any = (cj.status = cj.status ?? {});
    const jobs = ownedBy(this.sim, 'Job', cj.metadata.uid);
    const now = this.sim.clock.now();

    // syncCronJob: reconcile the active list with the children
    const active: any[] = status.active ?? [];
    const byUid = new Map(jobs.map((j) => [j.metadata.uid, j]));
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata.uid);
      const fin = isJobFinished(j);
      if (inActive && fin) {
        status.active = (status.active ?? []).filter((a: any) => a.uid !== j.metadata.uid);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${fin}`);
        if (fin === 'Complete' && j.status?.completionTime) {
          if (!status.lastSuccessfulTime || Date.parse(status.lastSuccessfulTime) < Date.parse(j.status.completionTime)) status.lastSuccessfulTime = j.status.completionTime;
        }
      } else if (!inActive && !fin && j.metadata.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION]) {
        status.active = [...(status.active ?? []), this.ref(j)];
      }
    }
    for (const a of [...(status.active ?? [])]) {
      if (!byUid.has(a.uid)) {
        status.active = status.active.filter((x: any) => x.uid !== a.uid);
        this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${a.name}`);
      }
    }
    if (status.active && !status.active.length) delete status.active;

    const writeStatus = () => {
      if (!deepEqual(status, stored.status ?? {})) {
        try {
          this.sim.api.updateStatus({ ...stored, status });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    };

    if (cj.metadata.deletionTimestamp) return writeStatus();
    const tz: string | undefined = cj.spec.timeZone ?? undefined;
    if (tz && !isValidTimeZone(tz)) {
      this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return writeStatus();
    }
    if (cj.spec.suspend) {
      this.cleanupFinished(cj, jobs);
      return writeStatus();
    }
    let sched: CronSchedule;
    try {
      sched = parseCron(cj.spec.schedule);
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      this.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${e.message}`);
      return writeStatus();
    }

    // mostRecentScheduleTime: the latest schedule in (last schedule or creation, now]
    const earliest = Date.parse(status.lastScheduleTime ?? cj.metadata.creationTimestamp);
    let scheduled: number | undefined;
    let missed = 0;
    for (let t = nextTime(sched, earliest, tz); t !== undefined && t <= now; t = nextTime(sched, t, tz)) {
      scheduled = t;
      if (++missed > 100) {
        // K/K: fast-forward; too many missed start times is only reported
        const last = this.lastBefore(sched, t, now, tz);
        scheduled = last;
        break;
      }
    }
    if (missed > 100) {
      this.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }

    if (scheduled !== undefined) {
      const deadline = cj.spec.startingDeadlineSeconds;
      if (deadline != null && scheduled + deadline * 1000 < now) {
        this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      } else {
        const jobName = jobNameFor(cj, scheduled);
        const exists = jobs.some((j) => j.metadata.name === jobName) || !!this.sim.store.get('Job', ns, jobName);
        if (!exists) this.startJob(cj, status, sched, scheduled, tz);
      }
    }

    this.cleanupFinished(cj, ownedBy(this.sim, 'Job', cj.metadata.uid));
    writeStatus();
    const next = nextTime(sched, now, tz);
    this.sim.clock.clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (next !== undefined) {
      const id = this.sim.clock.setTimeout(
        () => {
          this.timers.delete(key);
          this.worker.enqueue(key);
        },
        next - now + NEXT_SCHEDULE_DELTA_MS,
        { settle: false, label: `cronjob ${key}` },
      );
      this.timers.set(key, id);
    }
  }

  private lastBefore(s: CronSchedule, from: number, now: number, tz: string | undefined): number {
    let last = from;
    for (let t = nextTime(s, from, tz), i = 0; t !== undefined && t <= now && i < 100000; t = nextTime(s, t, tz), i++) last = t;
    return last;
  }

  private ref(j: KObject): any {
    return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid };
  }

  private startJob(cj: StoredObject, status: any, _s: CronSchedule, scheduled: number, tz: string | undefined): void {
    const ns = cj.metadata.namespace!;
    const active = (status.active ?? []) as any[];
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return;
    }
    if (policy === 'Replace') {
      for (const a of active) {
        const j = this.sim.store.get('Job', ns, a.name);
        if (j && j.metadata.uid === a.uid) {
          if (!this.deleteJob(cj, j)) return;
        }
      }
      delete status.active;
    }
    // getJobFromTemplate2
    const jt = cj.spec.jobTemplate ?? {};
    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobNameFor(cj, scheduled),
        namespace: ns,
        labels: clone(jt.metadata?.labels ?? {}),
        annotations: { ...clone(jt.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRFC3339In(tz, scheduled) },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: clone(jt.spec ?? {}),
    };
    if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
    try {
      const created = this.sim.api.create(job);
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
      status.active = [...(status.active ?? []), this.ref(created)];
      status.lastScheduleTime = this.sim.clock.iso(scheduled);
    } catch (e) {
      if (isAlreadyExists(e)) return;
      this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(e)}`);
    }
  }

  /** cleanupFinishedJobs: keep successful/failedJobsHistoryLimit finished jobs, oldest deleted first. */
  private cleanupFinished(cj: StoredObject, jobs: StoredObject[]): void {
    const byStart = (a: StoredObject, b: StoredObject) => {
      const ta = Date.parse(a.status?.startTime ?? a.metadata.creationTimestamp);
      const tb = Date.parse(b.status?.startTime ?? b.metadata.creationTimestamp);
      return ta - tb || (a.metadata.name < b.metadata.name ? -1 : 1);
    };
    const prune = (list: StoredObject[], limit: number | undefined) => {
      if (limit == null) return;
      list.sort(byStart);
      for (const j of list.slice(0, Math.max(0, list.length - limit))) this.deleteJob(cj, j);
    };
    const live = jobs.filter((j) => !j.metadata.deletionTimestamp);
    prune(live.filter((j) => isJobFinished(j) === 'Complete'), cj.spec.successfulJobsHistoryLimit);
    prune(live.filter((j) => isJobFinished(j) === 'Failed'), cj.spec.failedJobsHistoryLimit);
  }

  resyncAll(): void {
    for (const c of this.sim.store.iterate('CronJob')) this.worker.enqueue(objKey(c));
  }
}

export const cronJobModule: SimModule = {
  name: 'cronjob',
  install(sim) {
    sim.api.registerStrategy(cronJobStrategy);
    (sim.services as any).cronJobController = new CronJobController(sim);
  },
  restore(sim) {
    ((sim.services as any).cronJobController as CronJobController | undefined)?.resyncAll();
  },
};
