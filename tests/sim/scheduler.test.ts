/**
 * kube-scheduler as a user sees it: where pods land, and the exact
 * FailedScheduling text when they cannot land anywhere.
 *
 * Default cluster: k8s-master (control-plane, tainted NoSchedule) + k8s-node1 + k8s-node2, so
 * every message starts with `0/3 nodes are available:`.
 *
 * Sources (reference = /work/shared/reference/kubernetes-behaviour.md):
 * - §6.1 FitError format (K/K pkg/scheduler/framework/types.go FitError.Error()): histogram sorted
 *   as strings, then the PostFilter messages; DynamicResources' `no new claims to deallocate` first,
 *   then DefaultPreemption's `preemption: …` (K/K pkg/scheduler/framework/plugins/defaultpreemption/
 *   default_preemption.go PostFilter prefixes "preemption: "; dynamicresources.go PostFilter).
 * - §6.2 filter reasons (K/K pkg/scheduler/framework/plugins/{tainttoleration,nodeaffinity,
 *   nodeunschedulable,noderesources}); taint text without key/value since PR #134740 (v1.35).
 * - §6.3 scoring (NodeResourcesFit LeastAllocated, default plugins), §6.4 control-plane taint.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

interface PodOpts {
  requests?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  affinity?: unknown;
  tolerations?: unknown[];
  nodeName?: string;
  preemptionPolicy?: string;
  labels?: Record<string, string>;
}

function pod(name: string, o: PodOpts = {}): string {
  const { requests, labels, ...spec } = o;
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { ...spec, containers: [{ name: 'c', image: 'nginx:1.27', ...(requests ? { resources: { requests } } : {}) }] },
  });
}

function failedScheduling(c: Cluster, name: string): string[] {
  return c
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.name === name && e.reason === 'FailedScheduling')
    .map((e) => e.message as string);
}

function nodeOf(c: Cluster, name: string): string | undefined {
  return c.get('Pod', 'default', name)?.spec.nodeName;
}

const CP_TOLERATION = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };
const UNRESOLVABLE_3 = ' no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
const NO_VICTIMS_2 = ' no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

describe('FailedScheduling messages (reference §6.1, §6.2)', () => {
  it.each<[string, (c: Cluster) => void, PodOpts, string]>([
    [
      'nodeSelector that no node has (NodeAffinity: "didn\'t match Pod\'s node affinity/selector")',
      () => {},
      { nodeSelector: { disk: 'ssd' } },
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector." + UNRESOLVABLE_3,
    ],
    [
      'required node affinity that no node satisfies (same NodeAffinity reason)',
      () => {},
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }],
            },
          },
        },
      },
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector." + UNRESOLVABLE_3,
    ],
    [
      'every worker tainted NoSchedule: all three nodes fail TaintToleration (no key/value in the text since v1.35)',
      (c) => run(c, 'kubectl taint nodes k8s-node1 dedicated=gpu:NoSchedule\nkubectl taint nodes k8s-node2 dedicated=gpu:NoSchedule'),
      {},
      '0/3 nodes are available: 3 node(s) had untolerated taint(s).' + UNRESOLVABLE_3,
    ],
    [
      'cordoned workers: NodeUnschedulable runs before TaintToleration',
      (c) => run(c, 'kubectl cordon k8s-node1\nkubectl cordon k8s-node2'),
      {},
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) were unschedulable.' + UNRESOLVABLE_3,
    ],
    [
      'cpu request above any worker: Insufficient cpu, preemption finds no lower-priority victims',
      () => {},
      { requests: { cpu: '4' } },
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.' + NO_VICTIMS_2,
    ],
    [
      'memory request above any worker: Insufficient memory',
      () => {},
      { requests: { memory: '8Gi' } },
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient memory.' + NO_VICTIMS_2,
    ],
    [
      'cpu and memory both short: NodeResourcesFit reports both reasons for the same node',
      () => {},
      { requests: { cpu: '4', memory: '8Gi' } },
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 2 Insufficient memory.' + NO_VICTIMS_2,
    ],
    [
      'histogram is sorted as strings: "1 Insufficient cpu" before "2 node(s) had …"',
      (c) => run(c, 'kubectl taint nodes k8s-node1 dedicated=gpu:NoSchedule'),
      { requests: { cpu: '4' } },
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    ],
    [
      'tolerating the control-plane taint: the master is only short of cpu too',
      () => {},
      { tolerations: [CP_TOLERATION], requests: { cpu: '8' } },
      '0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ],
  ])('%s', (_name, setup, opts, want) => {
    const c = createCluster();
    setup(c);
    expect(run(c, `kubectl apply -f - <<'EOF'\n${pod('p', opts)}\nEOF`).out).toBe('pod/p created\n');
    const msgs = failedScheduling(c, 'p');
    expect(msgs.length).toBeGreaterThan(0);
    expect(new Set(msgs)).toEqual(new Set([want]));
    // The same text is the PodScheduled condition; the pod stays Pending with no node (§6.1).
    const p = c.get('Pod', 'default', 'p')!;
    const cond = p.status.conditions.find((x: any) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: want });
    expect(run(c, 'kubectl get pod p -o wide --no-headers').out).toMatch(/^p\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>\n$/);
  });

  it('the event is a Warning from default-scheduler (§6.1)', () => {
    const c = createCluster();
    c.apply(pod('p', { nodeSelector: { disk: 'ssd' } }));
    const r = run(c, 'kubectl get events --field-selector involvedObject.name=p -o wide --no-headers');
    expect(r.out).toMatch(/^\S+\s+Warning\s+FailedScheduling\s+pod\/p\s+default-scheduler\s+0\/3 nodes are available: /);
  });

  it('Too many pods: a worker holds at most 110 pods (node allocatable pods; NodeResourcesFit)', () => {
    const c = createCluster();
    // Both workers already run DaemonSet/CoreDNS pods; 230 replicas overflow 2 × 110.
    run(c, 'kubectl create deployment many --image=nginx:1.27 --replicas=230');
    const perNode = (n: string) => c.list('Pod').filter((p) => p.spec.nodeName === n && !p.metadata.deletionTimestamp).length;
    expect(perNode('k8s-node1')).toBe(110);
    expect(perNode('k8s-node2')).toBe(110);
    const msgs = new Set(c.list('Event', 'default').filter((e) => e.reason === 'FailedScheduling').map((e) => e.message));
    expect(msgs).toEqual(new Set(['0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Too many pods.' + NO_VICTIMS_2]));
  });

  // K/K default_preemption.go PodEligibleToPreemptOthers: "not eligible due to preemptionPolicy=Never."
  // (prefixed "preemption: " by PostFilter).
  it('preemptionPolicy: Never: PostFilter says the pod is not eligible to preempt', () => {
    const c = createCluster();
    c.apply(pod('p', { requests: { cpu: '4' }, preemptionPolicy: 'Never' }));
    expect(new Set(failedScheduling(c, 'p'))).toEqual(
      new Set(['0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.']),
    );
  });
});

describe('successful scheduling (reference §6.1, §6.3, §6.4)', () => {
  it('Scheduled event: "Successfully assigned <ns>/<pod> to <node>" from default-scheduler', () => {
    const c = createCluster();
    c.apply(pod('web'));
    const ev = c.list('Event', 'default').find((e) => e.involvedObject?.name === 'web' && e.reason === 'Scheduled')!;
    expect(ev).toMatchObject({ type: 'Normal', source: { component: 'default-scheduler' } });
    expect(ev.message).toBe(`Successfully assigned default/web to ${nodeOf(c, 'web')}`);
  });

  it('the control-plane taint keeps ordinary pods off k8s-master (kubeadm node-role.kubernetes.io/control-plane:NoSchedule)', () => {
    const c = createCluster();
    expect(run(c, "kubectl get node k8s-master -o jsonpath='{.spec.taints}'").out).toBe(
      '[{"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}]',
    );
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=6');
    const nodes = c.list('Pod', 'default').map((p) => p.spec.nodeName);
    expect(nodes).toHaveLength(6);
    expect(nodes).not.toContain('k8s-master');
  });

  it.each<[string, PodOpts, string]>([
    ['nodeSelector on the control-plane label without a toleration: unschedulable', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }, ''],
    ['…with the toleration: lands on the master', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, tolerations: [CP_TOLERATION] }, 'k8s-master'],
    ['nodeSelector kubernetes.io/hostname picks the node', { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node2' } }, 'k8s-node2'],
    [
      'a toleration lets the pod onto a tainted worker',
      { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
      'k8s-node1',
    ],
  ])('%s', (_name, opts, want) => {
    const c = createCluster();
    run(c, 'kubectl taint nodes k8s-node1 dedicated=gpu:NoSchedule');
    c.apply(pod('p', opts));
    expect(nodeOf(c, 'p') ?? '').toBe(want);
  });

  it('LeastAllocated: the next pod goes to the worker with more free cpu', () => {
    const c = createCluster();
    // spec.nodeName bypasses the scheduler and loads k8s-node1 with 1.5 CPU of requests.
    c.apply(pod('hog', { nodeName: 'k8s-node1', requests: { cpu: '1500m' } }));
    c.apply(pod('probe', { requests: { cpu: '100m' } }));
    c.apply(pod('probe2', { requests: { cpu: '100m' } }));
    expect([nodeOf(c, 'hog'), nodeOf(c, 'probe'), nodeOf(c, 'probe2')]).toEqual(['k8s-node1', 'k8s-node2', 'k8s-node2']);
  });

  it.each([2, 4, 6])('replicas of a Deployment spread evenly over the two workers (%i replicas)', (n) => {
    const c = createCluster();
    run(c, `kubectl create deployment web --image=nginx:1.27 --replicas=${n}`);
    const count = (node: string) => c.list('Pod', 'default').filter((p) => p.spec.nodeName === node).length;
    expect([count('k8s-node1'), count('k8s-node2')]).toEqual([n / 2, n / 2]);
  });
});

// K/K pkg/registry/core/pod/storage/storage.go (v1.35) BindingREST.Create → assignPod → setPodNodeAndMetadata:
// only spec.nodeName and the PodScheduled condition change; a pod with a node already is a Conflict
// ("pod %v is already assigned to node %q"), a pod being deleted is refused too.
describe('pods/binding', () => {
  it('sets nodeName and PodScheduled only, once', () => {
    const c = createCluster();
    c.run('kubectl run b --image=nginx --overrides=\'{"spec":{"schedulerName":"none"}}\'');
    const before = c.get('Pod', 'default', 'b')!;
    expect(before.spec.nodeName).toBeUndefined();
    const bound = c.sim.api.bind('default', 'b', 'k8s-node2');
    expect(bound.spec.nodeName).toBe('k8s-node2');
    expect(bound.metadata.generation).toBe(before.metadata.generation);
    expect(bound.spec.containers).toBe(before.spec.containers);
    expect(bound.status.conditions.filter((x: { type: string }) => x.type === 'PodScheduled')).toEqual([
      { lastProbeTime: null, lastTransitionTime: c.sim.clock.iso(), status: 'True', type: 'PodScheduled' },
    ]);
    expect(() => c.sim.api.bind('default', 'b', 'k8s-node1')).toThrow('Operation cannot be fulfilled on pods/binding "b": pod b is already assigned to node "k8s-node2"');
    expect(() => c.sim.api.bind('default', 'nope', 'k8s-node1')).toThrow('pods "nope" not found');
  });
});

// Pod scheduling readiness (GA in v1.30): K/K pkg/registry/core/pod/strategy.go applySchedulingGatedCondition
// gives a pod created with gates the PodScheduled=False/SchedulingGated condition (printed as STATUS
// SchedulingGated, printers.go printPod); the SchedulingGates PreEnqueue plugin keeps it out of scheduling
// until the gates are removed (only removal is allowed, validateOnlyDeletedSchedulingGates).
describe('scheduling gates', () => {
  it('a gated pod waits as SchedulingGated and is scheduled once its gates are removed', () => {
    const c = createCluster();
    run(c, `kubectl apply -f - <<'EOF'\n${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'g' }, spec: { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'app', image: 'nginx' }] } })}\nEOF`);
    c.advance(30);
    expect(run(c, 'kubectl get pod g').out).toBe('NAME   READY   STATUS            RESTARTS   AGE\ng      0/1     SchedulingGated   0          30s\n');
    expect(c.get('Pod', 'default', 'g')!.status.conditions).toEqual([
      { lastProbeTime: null, lastTransitionTime: '2026-01-15T09:00:00Z', message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated', status: 'False', type: 'PodScheduled' },
    ]);
    expect(run(c, 'kubectl get events --field-selector involvedObject.name=g').out).toBe('');
    expect(run(c, `kubectl patch pod g --type=json -p '[{"op":"remove","path":"/spec/schedulingGates"}]'`).code).toBe(0);
    expect(c.get('Pod', 'default', 'g')!.spec.nodeName).toMatch(/^k8s-node[12]$/);
    expect(run(c, 'kubectl get pod g').out).toMatch(/^g +1\/1 +Running /m);
  });
});

// NodeAffinity PreFilter (K/K pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go PreFilter): a pod
// whose required terms all name nodes (matchFields metadata.name In — what the DaemonSet controller writes) is
// only filtered against those nodes; schedule_one.go findNodesThatFitPod gives the others
// "node(s) didn't satisfy plugin(s) [NodeAffinity]" (SetAbsentNodesStatus, UnschedulableAndUnresolvable).
describe('DaemonSet pods and the NodeAffinity PreFilter', () => {
  it('a DaemonSet pod that does not fit its node', () => {
    const c = createCluster();
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'big' }, spec: { selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100' } } }] } } } };
    run(c, `kubectl apply -f - <<'EOF'\n${JSON.stringify(ds)}\nEOF`);
    const msgs = c.list('Event', 'default').filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
    expect(msgs).toEqual([
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    ]);
  });

  it('a term without a node name keeps every node a candidate (terms are ORed)', () => {
    const c = createCluster();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['nope'] }] }, { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['k8s-node2'] }] }] } } },
        containers: [{ name: 'c', image: 'nginx' }],
      },
    };
    run(c, `kubectl apply -f - <<'EOF'\n${JSON.stringify(pod)}\nEOF`);
    expect(c.get('Pod', 'default', 'p')!.spec.nodeName).toBe('k8s-node2');
  });
});
