import { describe, expect, it } from 'vitest';
import { daemonSetModule } from '../../sim/controllers/daemonset';
import { StatusError } from '../../sim/registry/errors';
import { clone } from '../../sim/api/clone';
import { nodeObject } from '../../sim/kubelet/node';
import { cluster, eventsOf, get, podsOf, runPod, schedulePending } from './workload-fakes';

function ds(name: string, podSpec: any = {}, spec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'fluentd:v1' }], ...podSpec } },
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

function runAll(c: ReturnType<typeof cluster>, owner: any): void {
  schedulePending(c);
  for (const p of podsOf(c, owner)) if (p.status?.phase !== 'Running' && !p.metadata.deletionTimestamp) runPod(c, p, { node: p.spec.nodeName });
}

describe('DaemonSet strategy', () => {
  it('defaults updateStrategy and revisionHistoryLimit and sets the template generation annotation (reference §3.3; pkg/apis/apps/v1/defaults.go)', () => {
    const c = cluster([daemonSetModule]);
    const d = c.create(ds('fluentd'));
    expect(d.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
  });

  it.each([
    [
      'restartPolicy Never',
      ds('a', { restartPolicy: 'Never' }),
      'DaemonSet.apps "a" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'selector not matching',
      { ...ds('b'), spec: { ...ds('b').spec, selector: { matchLabels: { app: 'x' } } } },
      'DaemonSet.apps "b" is invalid: spec.template.metadata.labels: Invalid value: {"app":"b"}: `selector` does not match template `labels`',
    ],
    [
      'empty selector',
      { ...ds('e'), spec: { ...ds('e').spec, selector: {} } },
      'DaemonSet.apps "e" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for daemonset',
    ],
  ])('rejects %s (pkg/apis/apps/validation/validation.go ValidateDaemonSetSpec)', (_n, obj, msg) => {
    const c = cluster([daemonSetModule]);
    expect(message(() => c.create(obj))).toBe(msg);
  });

  it('keeps the selector immutable (reference §2.8)', () => {
    const c = cluster([daemonSetModule]);
    c.create(ds('f'));
    const d = clone(get(c, 'DaemonSet', 'f', 'kube-system'));
    d.spec.selector = { matchLabels: { app: 'g' } };
    d.spec.template.metadata.labels = { app: 'g' };
    expect(message(() => c.sim.api.update(d))).toBe('DaemonSet.apps "f" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"g"}}: field is immutable');
  });
});

describe('DaemonSet controller', () => {
  it('creates one pod per eligible node, pinned with matchFields and the daemon tolerations (daemon_controller.go, util/daemonset_util.go)', () => {
    const c = cluster([daemonSetModule]);
    const d = c.create(ds('fluentd'));
    const pods = podsOf(c, d);
    // the control plane's NoSchedule taint is not tolerated: only the two workers
    expect(pods.map((p) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]).sort()).toEqual([
      'k8s-node1',
      'k8s-node2',
    ]);
    const p = pods[0];
    expect(p.metadata.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec.nodeName).toBeUndefined(); // the scheduler binds it
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const hash = p.metadata.labels!['controller-revision-hash'];
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/); // SafeEncodeString of a decimal uint32 (reference §3.1)
    expect(p.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
    // ControllerRevision `<ds>-<hash>` (daemon/update.go snapshot), labelled with the hash
    const [cr] = c.list('ControllerRevision', 'kube-system');
    expect(cr.metadata.name).toBe(`fluentd-${hash}`);
    expect(cr.revision).toBe(1);
    expect(cr.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': hash });
    expect(cr.data.spec.template.$patch).toBe('replace');
    expect(eventsOf(c, d).sort()).toEqual(pods.map((x) => `Normal SuccessfulCreate Created pod: ${x.metadata.name} (daemonset-controller)`).sort());
    let s = get(c, 'DaemonSet', 'fluentd', 'kube-system').status;
    expect(s).toEqual({
      currentNumberScheduled: 2,
      desiredNumberScheduled: 2,
      numberMisscheduled: 0,
      numberReady: 0,
      numberUnavailable: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
    });
    runAll(c, d);
    s = get(c, 'DaemonSet', 'fluentd', 'kube-system').status;
    expect(s).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2 });
    expect(s.numberUnavailable).toBeUndefined();
  });

  it('runs on the control plane too when the taint is tolerated, and honours nodeSelector', () => {
    const c = cluster([daemonSetModule]);
    const all = c.create(ds('proxy', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(podsOf(c, all)).toHaveLength(3);
    const one = c.create(ds('only1', { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } }));
    expect(podsOf(c, one)).toHaveLength(1);
    expect(get(c, 'DaemonSet', 'only1', 'kube-system').status.desiredNumberScheduled).toBe(1);
  });

  it('gives a node that joins later its daemon pod', () => {
    const c = cluster([daemonSetModule]);
    const d = c.create(ds('fluentd'));
    c.sim.api.create(nodeObject(c.sim, { name: 'k8s-node3', controlPlane: false, internalIP: '192.168.56.33', podCIDR: '10.244.3.0/24', cpu: '2', memoryKi: 4015204 }));
    c.settle();
    expect(podsOf(c, d)).toHaveLength(3);
    expect(get(c, 'DaemonSet', 'fluentd', 'kube-system').status.desiredNumberScheduled).toBe(3);
  });

  it('rolls a template change out one node at a time (maxUnavailable 1; daemon/update.go)', () => {
    const c = cluster([daemonSetModule]);
    const d = c.create(ds('fluentd'));
    runAll(c, d);
    const oldHash = podsOf(c, d)[0].metadata.labels!['controller-revision-hash'];
    c.sim.api.mutate('DaemonSet', 'kube-system', 'fluentd', (o) => (o.spec.template.spec.containers[0].image = 'fluentd:v2'));
    c.settle();
    const d2 = get(c, 'DaemonSet', 'fluentd', 'kube-system');
    expect(d2.metadata.annotations!['deprecated.daemonset.template.generation']).toBe('2');
    let pods = podsOf(c, d);
    const newHash = (p: any) => p.metadata.labels['controller-revision-hash'] !== oldHash;
    expect(pods.filter(newHash)).toHaveLength(1);
    expect(pods.filter((p) => !newHash(p))).toHaveLength(1);
    expect(pods.find(newHash)!.metadata.labels!['pod-template-generation']).toBe('2');
    runAll(c, d);
    pods = podsOf(c, d);
    expect(pods.filter(newHash)).toHaveLength(2);
    runAll(c, d);
    expect(podsOf(c, d).filter(newHash)).toHaveLength(2);
    const revs = c.list('ControllerRevision', 'kube-system').map((r) => r.revision).sort();
    expect(revs).toEqual([1, 2]);
    expect(get(c, 'DaemonSet', 'fluentd', 'kube-system').status).toMatchObject({ updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 2 });
  });
});
