import { describe, expect, it } from 'vitest';
import { jobModule } from '../../sim/controllers/job';
import { cronJobModule } from '../../sim/controllers/cronjob';
import { nextTime, parseCron, formatRFC3339In } from '../../sim/registry/cronjob';
import { StatusError } from '../../sim/registry/errors';
import { cluster, eventsOf, finishPod, get, podsOf } from './workload-fakes';

function cj(name: string, spec: any = {}): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28', command: ['date'] }], restartPolicy: 'OnFailure' } } },
      },
      ...spec,
    },
  };
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status.message;
    throw e;
  }
  throw new Error('no error');
}

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0); // session start (ARCHITECTURE.md)
const minutes = (ms: number) => Math.floor(ms / 60000);

describe('cron schedule parser (robfig/cron/v3 parser.go ParseStandard, spec.go Next)', () => {
  it.each([
    ['*/15 * * * *', T0, Date.UTC(2026, 0, 15, 9, 15)],
    ['@hourly', T0, Date.UTC(2026, 0, 15, 10, 0)],
    ['@daily', T0, Date.UTC(2026, 0, 16, 0, 0)],
    ['30 8 * * 1-5', T0, Date.UTC(2026, 0, 16, 8, 30)], // 2026-01-15 is a Thursday → Friday 08:30
    ['0 0 * * SAT', T0, Date.UTC(2026, 0, 17, 0, 0)],
    ['0 0 1 * 1', T0, Date.UTC(2026, 0, 19, 0, 0)], // dom and dow both restricted: either matches (Monday 19th)
    ['0 0 29 2 *', T0, Date.UTC(2028, 1, 29, 0, 0)],
    ['@every 90s', T0, T0 + 90_000],
  ])('%s after 09:00 → next', (spec, from, want) => {
    expect(nextTime(parseCron(spec), from)).toBe(want);
  });

  it('evaluates in the CronJob time zone (spec.timeZone)', () => {
    // 09:00 Asia/Seoul (+09:00) is 00:00 UTC
    expect(nextTime(parseCron('0 9 * * *'), T0, 'Asia/Seoul')).toBe(Date.UTC(2026, 0, 16, 0, 0));
    expect(formatRFC3339In('Asia/Seoul', Date.UTC(2026, 0, 16, 0, 0))).toBe('2026-01-16T09:00:00+09:00');
  });

  it.each([
    ['bad', 'expected exactly 5 fields, found 1: [bad]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ])('rejects %s: %s', (spec, msg) => {
    expect(() => parseCron(spec)).toThrow(msg);
  });
});

describe('CronJob strategy', () => {
  it('defaults concurrencyPolicy, suspend and history limits (pkg/apis/batch/v1/defaults.go SetDefaults_CronJob)', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = c.create(cj('hello'));
    expect(o.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(o.spec.jobTemplate.spec.completions).toBeUndefined(); // the job template itself is not defaulted
  });

  it.each([
    [cj('a', { schedule: 'bad' }), 'CronJob.batch "a" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]'],
    [
      cj('b', { schedule: 'TZ=UTC 0 * * * *' }),
      'CronJob.batch "b" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    [cj('c', { timeZone: 'Mars/Olympus' }), 'CronJob.batch "c" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    [cj('d', { concurrencyPolicy: 'Sometimes' }), 'CronJob.batch "d" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    [cj('x'.repeat(53)), `CronJob.batch "${'x'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`],
  ])('rejects invalid CronJobs (pkg/apis/batch/validation/validation.go)', (obj, msg) => {
    const c = cluster([jobModule, cronJobModule]);
    expect(message(() => c.create(obj))).toBe(msg);
  });

  it('requires restartPolicy OnFailure or Never in the job template', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = cj('r');
    o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always';
    expect(message(() => c.create(o))).toBe(
      'CronJob.batch "r" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });
});

describe('CronJob controller (cronjob_controllerv2.go)', () => {
  it('creates <cronjob>-<minutes since epoch> at the scheduled time only when time passes', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = c.create(cj('hello', { jobTemplate: { metadata: { labels: { team: 'a' } }, spec: cj('x').spec.jobTemplate.spec } }));
    expect(c.list('Job')).toHaveLength(0); // settle does not reach the schedule
    c.advance(60);
    expect(c.list('Job')).toHaveLength(0); // the controller syncs 100ms after the schedule (nextScheduleTimeDuration)
    c.advance(1);
    const sched = Date.UTC(2026, 0, 15, 9, 1);
    const [job] = c.list('Job');
    expect(job.metadata.name).toBe(`hello-${minutes(sched)}`);
    expect(job.metadata.labels).toEqual({ team: 'a' }); // non-empty labels are not defaulted from the pod template (SetDefaults_Job)
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-15T09:01:00Z' });
    expect(job.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: o.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    const st = get(c, 'CronJob', 'hello').status;
    expect(st.lastScheduleTime).toBe('2026-01-15T09:01:00Z');
    expect(st.active).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: 'default', resourceVersion: st.active[0].resourceVersion, uid: job.metadata.uid },
    ]);
    expect(eventsOf(c, o)).toEqual([`Normal SuccessfulCreate Created job ${job.metadata.name} (cronjob-controller)`]);

    finishPod(c, podsOf(c, job)[0]);
    const st2 = get(c, 'CronJob', 'hello').status;
    expect(st2.active).toBeUndefined();
    expect(st2.lastSuccessfulTime).toBe(get(c, 'Job', job.metadata.name).status.completionTime);
    expect(eventsOf(c, o)).toContain(`Normal SawCompletedJob Saw completed job: ${job.metadata.name}, status: Complete (cronjob-controller)`);
  });

  it('keeps successfulJobsHistoryLimit finished jobs and deletes the oldest', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = c.create(cj('hello'));
    const made: string[] = [];
    c.advance(1);
    for (let i = 0; i < 5; i++) {
      c.advance(60);
      const j = c.list('Job').find((x) => !made.includes(x.metadata.name))!;
      made.push(j.metadata.name);
      finishPod(c, podsOf(c, j)[0]);
    }
    c.advance(60); // the next sync cleans up
    const done = c.list('Job').filter((j) => j.status?.completionTime).map((j) => j.metadata.name);
    expect(done).toEqual(made.slice(-3));
    expect(eventsOf(c, o).filter((e) => e.includes('SuccessfulDelete'))).toEqual(
      made.slice(0, 2).map((n) => `Normal SuccessfulDelete Deleted job ${n} (cronjob-controller)`),
    );
  });

  it('does not start a job while one runs with concurrencyPolicy Forbid', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = c.create(cj('hello', { concurrencyPolicy: 'Forbid' }));
    c.advance(121);
    expect(c.list('Job')).toHaveLength(1);
    expect(eventsOf(c, o)).toContain('Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid (cronjob-controller)');
  });

  it('replaces the running job with concurrencyPolicy Replace', () => {
    const c = cluster([jobModule, cronJobModule]);
    const o = c.create(cj('hello', { concurrencyPolicy: 'Replace' }));
    c.advance(61);
    const first = c.list('Job')[0].metadata.name;
    c.advance(60);
    expect(eventsOf(c, o)).toContain(`Normal SuccessfulDelete Deleted job ${first} (cronjob-controller)`);
    expect(c.list('Job').map((j) => j.metadata.name)).toEqual([`hello-${minutes(T0) + 2}`]);
  });

  it('creates nothing while suspended', () => {
    const c = cluster([jobModule, cronJobModule]);
    c.create(cj('hello', { suspend: true }));
    c.advance(300);
    expect(c.list('Job')).toHaveLength(0);
  });
});
