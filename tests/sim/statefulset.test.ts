import { describe, expect, it } from 'vitest';
import { statefulSetModule } from '../../sim/controllers/statefulset';
import { StatusError } from '../../sim/registry/errors';
import { clone } from '../../sim/api/clone';
import { cluster, eventsOf, get, podsOf, runPod } from './workload-fakes';

function sts(name: string, spec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: 'nginx',
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
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

const names = (c: ReturnType<typeof cluster>, o: any) => podsOf(c, o).map((p) => p.metadata.name);

/** Run every pod that is not running yet, one at a time (OrderedReady waits for each). */
function runUntilStable(c: ReturnType<typeof cluster>, o: any): void {
  for (let i = 0; i < 20; i++) {
    const p = podsOf(c, o).find((x) => x.status?.phase !== 'Running' && !x.metadata.deletionTimestamp);
    if (!p) return;
    runPod(c, p);
  }
}

describe('StatefulSet strategy', () => {
  it('defaults per reference §3.3 (K/K pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet)', () => {
    const c = cluster([statefulSetModule]);
    const s = c.create(sts('web', { replicas: undefined }));
    expect(s.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    // claim templates are defaulted like PVCs (observed `kubectl get sts -o yaml`)
    expect(s.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  });

  it('forbids spec changes other than the v1.35 list (reference §2.8)', () => {
    const c = cluster([statefulSetModule]);
    c.create(sts('web'));
    const s = clone(get(c, 'StatefulSet', 'web'));
    s.spec.serviceName = 'other';
    expect(message(() => c.sim.api.update(s))).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('rejects restartPolicy other than Always (ValidateStatefulSetSpec)', () => {
    const c = cluster([statefulSetModule]);
    const bad = sts('x');
    bad.spec.template.spec.restartPolicy = 'OnFailure';
    expect(message(() => c.create(bad))).toBe('StatefulSet.apps "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  });
});

describe('StatefulSet controller', () => {
  it('creates web-0, web-1, web-2 in order, each after the previous is Running and Ready (OrderedReady)', () => {
    const c = cluster([statefulSetModule]);
    const s = c.create(sts('web'));
    expect(names(c, s)).toEqual(['web-0']);
    const p0 = get(c, 'Pod', 'web-0');
    const rev = get(c, 'StatefulSet', 'web').status.updateRevision;
    expect(rev).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(p0.metadata.labels).toEqual({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': rev,
      'statefulset.kubernetes.io/pod-name': 'web-0',
    });
    expect(p0.spec.hostname).toBe('web-0');
    expect(p0.spec.subdomain).toBe('nginx');
    expect(p0.spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    const pvc = get(c, 'PersistentVolumeClaim', 'www-web-0');
    expect(pvc.metadata.labels).toEqual({ app: 'nginx' });
    expect(pvc.spec.resources).toEqual({ requests: { storage: '1Gi' } });
    runPod(c, p0, { ready: false });
    expect(names(c, s)).toEqual(['web-0']);
    runPod(c, p0);
    expect(names(c, s)).toEqual(['web-0', 'web-1']);
    runUntilStable(c, s);
    expect(names(c, s)).toEqual(['web-0', 'web-1', 'web-2']);
    // stateful_pod_control.go recordPodEvent / recordClaimEvent
    expect(eventsOf(c, s)).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success (statefulset-controller)',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful (statefulset-controller)',
      'Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success (statefulset-controller)',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful (statefulset-controller)',
      'Normal SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success (statefulset-controller)',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful (statefulset-controller)',
    ]);
    expect(get(c, 'StatefulSet', 'web').status).toEqual({
      availableReplicas: 3,
      collisionCount: 0,
      currentReplicas: 3,
      currentRevision: rev,
      observedGeneration: 1,
      readyReplicas: 3,
      replicas: 3,
      updateRevision: rev,
      updatedReplicas: 3,
    });
    const [cr] = c.list('ControllerRevision');
    expect(cr.metadata.name).toBe(rev);
    expect(cr.revision).toBe(1);
    expect(cr.metadata.labels).toEqual({ app: 'nginx' });
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    const c = cluster([statefulSetModule]);
    const s = c.create(sts('web', { podManagementPolicy: 'Parallel' }));
    expect(names(c, s)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal and keeps the claims (whenScaled Retain)', () => {
    const c = cluster([statefulSetModule]);
    const s = c.create(sts('web'));
    runUntilStable(c, s);
    c.sim.api.mutate('StatefulSet', 'default', 'web', (o) => (o.spec.replicas = 1));
    c.settle();
    expect(names(c, s)).toEqual(['web-0']);
    const deletes = eventsOf(c, s).filter((e) => e.includes('SuccessfulDelete'));
    expect(deletes).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful (statefulset-controller)',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful (statefulset-controller)',
    ]);
    expect(c.list('PersistentVolumeClaim', 'default').map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('rolls out a new template from the highest ordinal, honouring the partition', () => {
    const c = cluster([statefulSetModule]);
    const s = c.create(sts('web', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    runUntilStable(c, s);
    const oldRev = get(c, 'StatefulSet', 'web').status.currentRevision;
    c.sim.api.mutate('StatefulSet', 'default', 'web', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.28'));
    c.settle();
    runUntilStable(c, s);
    const st = get(c, 'StatefulSet', 'web').status;
    expect(st.updateRevision).not.toBe(oldRev);
    const rev = (n: string) => get(c, 'Pod', n).metadata.labels!['controller-revision-hash'];
    expect([rev('web-0'), rev('web-1'), rev('web-2')]).toEqual([oldRev, st.updateRevision, st.updateRevision]);
    expect(st).toMatchObject({ currentRevision: oldRev, currentReplicas: 1, updatedReplicas: 2 });
    expect(eventsOf(c, s).filter((e) => e.includes('SuccessfulDelete'))).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful (statefulset-controller)',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful (statefulset-controller)',
    ]);
    // partition 0 finishes the rollout and the current revision moves
    c.sim.api.mutate('StatefulSet', 'default', 'web', (o) => (o.spec.updateStrategy.rollingUpdate.partition = 0));
    c.settle();
    runUntilStable(c, s);
    expect(get(c, 'StatefulSet', 'web').status).toMatchObject({ currentRevision: st.updateRevision, currentReplicas: 3, updatedReplicas: 3 });
    expect(c.list('ControllerRevision').map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});
