import { describe, expect, it } from 'vitest';
import { jobCompletionsColumn, jobModule, jobStatusColumn } from '../../sim/controllers/job';
import { StatusError } from '../../sim/registry/errors';
import { clone } from '../../sim/api/clone';
import { cluster, eventsOf, finishPod, get, podsOf, runPod } from './workload-fakes';

function job(name: string, spec: any = {}, podSpec: any = {}): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        ...(spec.template ?? {}),
        spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }], restartPolicy: 'Never', ...podSpec },
      },
    },
  };
}

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status.message;
    throw e;
  }
  throw new Error('no error');
}

describe('Job strategy', () => {
  it('defaults the spec and generates the selector and labels (K/K pkg/apis/batch/v1/defaults.go SetDefaults_Job, pkg/registry/batch/job/strategy.go generateSelector)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('pi'));
    const uid = j.metadata.uid;
    // Field values as `kubectl get job -o yaml` shows them on a v1.3x cluster (observed output).
    expect(j.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(j.spec.template.metadata.labels).toEqual(labels);
    // the Job's own labels default to the template's (same Go map in SetDefaults_Job)
    expect(j.metadata.labels).toEqual(labels);
  });

  it.each([
    // only parallelism given: completions stays unset (SetDefaults_Job)
    [{ parallelism: 3 }, { parallelism: 3, completions: undefined }],
    [{ completions: 5 }, { parallelism: 1, completions: 5 }],
  ])('defaults %j to %j', (spec, want) => {
    const c = cluster([jobModule]);
    const j = c.create(job('x', spec));
    expect({ parallelism: j.spec.parallelism, completions: j.spec.completions }).toEqual(want);
  });

  it('rejects restartPolicy Always and negative counts with the validation messages (pkg/apis/batch/validation/validation.go)', () => {
    const c = cluster([jobModule]);
    expect(invalid(() => c.create(job('bad', {}, { restartPolicy: 'Always' })))).toBe(
      'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    expect(invalid(() => c.create(job('neg', { backoffLimit: -1 })))).toBe(
      'Job.batch "neg" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(invalid(() => c.create(job('idx', { completionMode: 'Indexed', parallelism: 2 })))).toBe(
      'Job.batch "idx" is invalid: spec.completions: Required value: when completion mode is Indexed',
    );
  });

  it('keeps spec.template immutable (reference §2.8; ValidateJobSpecUpdate)', () => {
    const c = cluster([jobModule]);
    c.create(job('pi'));
    const changed = clone(get(c, 'Job', 'pi'));
    changed.spec.template.spec.containers[0].image = 'perl:5.36';
    const msg = invalid(() => c.sim.api.update(changed));
    expect(msg).toMatch(/^Job.batch "pi" is invalid: spec.template: Invalid value: {/);
    expect(msg.endsWith(': field is immutable')).toBe(true);
  });
});

describe('Job controller', () => {
  it('runs one pod to completion: finalizer, status and events as v1.35 (job_controller.go)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('pi'));
    const [pod] = podsOf(c, j);
    expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: j.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod.metadata.labels!['job-name']).toBe('pi');
    let s = get(c, 'Job', 'pi').status;
    expect(s).toEqual({ active: 1, ready: 0, startTime: s.startTime, terminating: 0, uncountedTerminatedPods: {} });

    runPod(c, pod);
    expect(get(c, 'Job', 'pi').status.ready).toBe(1);
    c.advance(5);
    finishPod(c, pod, 0);
    s = get(c, 'Job', 'pi').status;
    const t = c.sim.clock.iso();
    // status of a completed Job (observed v1.3x `kubectl get job -o yaml`): SuccessCriteriaMet then Complete, both CompletionsReached
    expect(s).toEqual({
      completionTime: t,
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
      ready: 0,
      startTime: s.startTime,
      succeeded: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    expect(get(c, 'Pod', pod.metadata.name).metadata.finalizers).toBeUndefined();
    // recorder events: RealPodControl `Created pod: %s`, recordJobFinished `Job completed`
    expect(eventsOf(c, j)).toEqual([
      `Normal SuccessfulCreate Created pod: ${pod.metadata.name} (job-controller)`,
      'Normal Completed Job completed (job-controller)',
    ]);
  });

  it('keeps at most parallelism pods and stops at completions', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('batch', { completions: 3, parallelism: 2 }));
    let pods = podsOf(c, j);
    expect(pods).toHaveLength(2);
    finishPod(c, pods[0]);
    pods = podsOf(c, j).filter((p) => p.status?.phase !== 'Succeeded');
    expect(pods).toHaveLength(2);
    expect(get(c, 'Job', 'batch').status).toMatchObject({ active: 2, succeeded: 1 });
    for (const p of pods) finishPod(c, p);
    const s = get(c, 'Job', 'batch').status;
    expect(s.succeeded).toBe(3);
    expect(s.conditions.map((x: any) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(podsOf(c, j)).toHaveLength(3);
  });

  it('recreates failed pods after 10s, 20s, … and fails with BackoffLimitExceeded (backoff_utils.go; DefaultJobPodFailureBackOff = 10s)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('fail', { backoffLimit: 2 }));
    finishPod(c, podsOf(c, j)[0], 1);
    expect(podsOf(c, j).filter((p) => p.status?.phase !== 'Failed')).toHaveLength(0); // back-off: nothing yet
    c.advance(9);
    expect(podsOf(c, j)).toHaveLength(1);
    c.advance(1);
    expect(podsOf(c, j)).toHaveLength(2);
    finishPod(c, podsOf(c, j).find((p) => !p.status?.phase || p.status.phase === 'Pending')!, 1);
    c.advance(19);
    expect(podsOf(c, j)).toHaveLength(2);
    c.advance(1);
    expect(podsOf(c, j)).toHaveLength(3);
    expect(get(c, 'Job', 'fail').status.failed).toBe(2);
    finishPod(c, podsOf(c, j).find((p) => !p.status?.phase || p.status.phase === 'Pending')!, 1);
    const s = get(c, 'Job', 'fail').status;
    // failed > backoffLimit (3 > 2): FailureTarget then Failed (observed output: `failed: 7` with backoffLimit 6)
    expect(s.failed).toBe(3);
    expect(s.conditions.map((x: any) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(s.completionTime).toBeUndefined();
    expect(eventsOf(c, j).at(-1)).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit (job-controller)');
    c.advance(600);
    expect(podsOf(c, j)).toHaveLength(3);
  });

  it('fails a Job past activeDeadlineSeconds and deletes its active pods', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('slow', { activeDeadlineSeconds: 30 }));
    const [pod] = podsOf(c, j);
    runPod(c, pod);
    c.advance(29);
    expect(get(c, 'Job', 'slow').status.conditions).toBeUndefined();
    c.advance(1);
    const s = get(c, 'Job', 'slow').status;
    expect(s.conditions.map((x: any) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(s.failed).toBe(1);
    expect(c.sim.store.get('Pod', 'default', pod.metadata.name)).toBeUndefined();
    expect(eventsOf(c, j)).toContain(`Normal SuccessfulDelete Deleted pod: ${pod.metadata.name} (job-controller)`);
    expect(eventsOf(c, j)).toContain('Warning DeadlineExceeded Job was active longer than specified deadline (job-controller)');
  });

  it('fails an OnFailure Job when container restarts reach backoffLimit (pastBackoffLimitOnFailure)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('crash', { backoffLimit: 2 }, { restartPolicy: 'OnFailure' }));
    const [pod] = podsOf(c, j);
    runPod(c, pod, { ready: false, restartCount: 1 });
    expect(get(c, 'Job', 'crash').status.conditions).toBeUndefined();
    runPod(c, pod, { ready: false, restartCount: 2 });
    expect(get(c, 'Job', 'crash').status.conditions.map((x: any) => x.type)).toEqual(['FailureTarget', 'Failed']);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished (pkg/controller/ttlafterfinished)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('ttl', { ttlSecondsAfterFinished: 100 }));
    finishPod(c, podsOf(c, j)[0]);
    c.advance(99);
    expect(c.get('Job', 'default', 'ttl')).toBeDefined();
    c.advance(1);
    expect(c.get('Job', 'default', 'ttl')).toBeUndefined();
  });

  it('runs Indexed Jobs with index annotations, labels, hostnames and completedIndexes (indexed_job_utils.go)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = podsOf(c, j);
    expect(pods.map((p) => p.metadata.annotations!['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2']);
    const p1 = pods.find((p) => p.metadata.labels!['batch.kubernetes.io/job-completion-index'] === '1')!;
    expect(p1.metadata.name).toMatch(/^idx-1-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p1.spec.hostname).toBe('idx-1');
    expect(p1.spec.containers[0].env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    finishPod(c, p1);
    expect(get(c, 'Job', 'idx').status).toMatchObject({ completedIndexes: '1', succeeded: 1, active: 2 });
    for (const p of pods) if (p !== p1) finishPod(c, p);
    expect(get(c, 'Job', 'idx').status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
  });

  it('creates no pods while suspended and records Suspended / Resumed (job_controller.go ensureJobConditionStatus)', () => {
    const c = cluster([jobModule]);
    const j = c.create(job('later', { suspend: true }));
    expect(podsOf(c, j)).toHaveLength(0);
    let s = get(c, 'Job', 'later').status;
    expect(s.startTime).toBeUndefined();
    expect(s.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    c.sim.api.mutate('Job', 'default', 'later', (o) => (o.spec.suspend = false));
    c.settle();
    s = get(c, 'Job', 'later').status;
    expect(s.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([['Suspended', 'False', 'JobResumed', 'Job resumed']]);
    expect(podsOf(c, j)).toHaveLength(1);
    expect(eventsOf(c, j).slice(0, 1)).toEqual(['Normal Suspended Job suspended (job-controller)']);
    expect(eventsOf(c, j)).toContain('Normal Resumed Job resumed (job-controller)');
  });
});

describe('workload controllers in the full module list (sim/modules.ts)', () => {
  it('Job, DaemonSet, StatefulSet and CronJob objects create their children', async () => {
    const { createCluster } = await import('../../sim/index');
    const c = createCluster();
    c.create(job('pi'));
    c.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds', namespace: 'default' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    c.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, podManagementPolicy: 'Parallel', serviceName: 'web', selector: { matchLabels: { s: 'w' } }, template: { metadata: { labels: { s: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    c.create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj', namespace: 'default' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } } } },
    });
    c.advance(61);
    const owners = c.list('Pod', 'default').map((p) => p.metadata.ownerReferences?.[0]?.kind).sort();
    expect(owners).toEqual(['DaemonSet', 'DaemonSet', 'Job', 'Job', 'StatefulSet', 'StatefulSet']);
  });
});

describe('kubectl get jobs cells (printers.go printJob; reference §1.3)', () => {
  const j = (spec: any, status: any, meta: any = {}) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', ...meta }, spec, status });
  const cond = (type: string, status = 'True') => ({ type, status });
  it.each([
    [j({}, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), 'Complete'],
    [j({}, { conditions: [cond('FailureTarget'), cond('Failed')] }), 'Failed'],
    [j({}, {}, { deletionTimestamp: '2026-01-15T09:00:00Z' }), 'Terminating'],
    [j({}, { conditions: [cond('Suspended')] }), 'Suspended'],
    [j({}, { conditions: [cond('Suspended', 'False')] }), 'Running'],
    [j({}, { conditions: [cond('FailureTarget')] }), 'FailureTarget'],
    [j({}, {}), 'Running'],
  ])('STATUS %#', (obj, want) => {
    expect(jobStatusColumn(obj as any)).toBe(want);
  });
  it.each([
    [{ completions: 3 }, { succeeded: 1 }, '1/3'],
    [{ parallelism: 1 }, {}, '0/1'],
    [{ parallelism: 4 }, { succeeded: 2 }, '2/1 of 4'],
  ])('COMPLETIONS %j %j → %s', (spec, status, want) => {
    expect(jobCompletionsColumn({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec, status })).toBe(want);
  });
});
